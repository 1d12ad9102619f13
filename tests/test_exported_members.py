"""The public API is what `tabayyun.__all__` says, and every name in it exists."""

import tabayyun


def test_all_exported_names_exist() -> None:
    for name in tabayyun.__all__:
        assert hasattr(tabayyun, name), name


def test_public_api_is_pinned() -> None:
    assert set(tabayyun.__all__) == {
        "BlockedAddressError", "Document", "Entity", "FetchError", "InputError", "Pipeline",
        "PipelineContext", "Quantity", "RelatedLink", "Sentence", "Settings", "Skip", "Statement",
        "StoreError", "TabayyunError", "__version__", "analyze", "analyze_text", "ingest",
        "register_stage", "search_articles",
    }  # fmt: skip
