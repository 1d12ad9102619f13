"""The pipeline checks stage order, counts skips and fails loudly when a stage returns nothing."""

from __future__ import annotations

import pytest

from tabayyun.config import Settings
from tabayyun.errors import EmptyInputError, PipelineError, Skip
from tabayyun.model import Document
from tabayyun.pipeline import (
    Pipeline,
    PipelineContext,
    StageFn,
    register_stage,
    registered_stages,
)
from tabayyun.stages import ANALYSIS_STAGES


@register_stage("test_upper", reads=("raw_text",), writes=("text",))
def _upper(context: PipelineContext) -> StageFn:
    def run(doc: Document) -> Document:
        if not doc.raw_text:
            raise EmptyInputError("empty")
        if doc.raw_text == "drop":
            raise Skip("asked to drop")
        doc.text = doc.raw_text.upper()
        return doc

    return run


@register_stage("test_forgetful", reads=("text",), writes=())
def _forgetful(context: PipelineContext) -> StageFn:
    return lambda doc: None  # type: ignore[return-value,arg-type]


@register_stage("test_raw_text", reads=(), writes=("raw_text",))
def _raw_text(context: PipelineContext) -> StageFn:
    return lambda doc: doc


@pytest.fixture
def context() -> PipelineContext:
    return PipelineContext(settings=Settings())


def test_built_in_stages_are_registered_in_a_valid_order(context: PipelineContext) -> None:
    assert set(ANALYSIS_STAGES) <= set(registered_stages())
    Pipeline(ANALYSIS_STAGES, context)  # raises when a stage reads what no earlier stage writes


def test_stage_reading_a_field_nobody_wrote_is_refused(context: PipelineContext) -> None:
    with pytest.raises(PipelineError, match="reads raw_text"):
        Pipeline(["test_upper"], context)


def test_unknown_stage_names_known_ones(context: PipelineContext) -> None:
    with pytest.raises(PipelineError, match=r"known stages:.*segment"):
        Pipeline(["no_such_stage"], context)


def test_skips_are_counted_with_their_stage_and_reason(context: PipelineContext) -> None:
    pipeline = Pipeline(["test_raw_text", "test_upper"], context)
    docs = [
        Document(source="a", raw_text="keep me"),
        Document(source="b", raw_text="drop"),
        Document(source="c", raw_text=""),
    ]
    done = list(pipeline.run(docs))
    assert [d.text for d in done] == ["KEEP ME"]
    assert pipeline.stats.processed == 3
    assert pipeline.stats.completed == 1
    assert pipeline.stats.skipped == [
        ("b", "test_upper: asked to drop"),
        ("c", "test_upper: empty"),
    ]
    assert set(pipeline.stats.seconds) == {"test_raw_text", "test_upper"}


def test_a_stage_that_returns_nothing_fails_loudly(context: PipelineContext) -> None:
    pipeline = Pipeline(["test_raw_text", "test_upper", "test_forgetful"], context)
    with pytest.raises(PipelineError, match=r"test_forgetful.*returned NoneType"):
        pipeline(Document(source="a", raw_text="x"))


def test_registering_two_factories_under_one_name_is_refused() -> None:
    with pytest.raises(PipelineError, match="registered twice"):
        register_stage("test_upper")(lambda context: lambda doc: doc)
