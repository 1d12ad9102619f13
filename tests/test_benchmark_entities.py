"""The project's entity sets are well-formed, and benchmarks/entities.py scores and reports.

Two sets: benchmarks/data/entities/ (the development set) and benchmarks/data/entities-test/ (the
held-out set). The benchmark reads every DIR/entities*/ folder as its own dataset. No quality
floor is pinned here: the scores on the sets are the lead's to gate.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
FOLDERS = ("entities", "entities-test")
LANGS = ("ar", "fa", "ru", "en")
LABELS = {"PER", "ORG", "LOC"}
SETS = [(folder, lang) for folder in FOLDERS for lang in LANGS]


@pytest.fixture(scope="module")
def bench(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("entities")


def _rows(lang: str, folder: str = "entities") -> list[dict]:
    lines = (DATA / folder / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize(("folder", "lang"), SETS)
def test_set_is_well_formed(folder: str, lang: str) -> None:
    rows = _rows(lang, folder)
    assert len(rows) >= 120
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids), "ids are not unique"
    assert all(i.startswith(f"{lang}-") for i in ids)
    for row in rows:
        assert set(row) == {"id", "text", "entities"}, row["id"]
        text = row["text"]
        assert text.strip() == text and text, row["id"]
        end = 0
        for entity in row["entities"]:
            assert set(entity) == {"start", "end", "label", "text"}, row["id"]
            assert entity["label"] in LABELS, row["id"]
            assert 0 <= entity["start"] < entity["end"] <= len(text), row["id"]
            assert text[entity["start"] : entity["end"]] == entity["text"], row["id"]
            assert entity["text"].strip() == entity["text"], row["id"]
            assert entity["start"] >= end, f"{row['id']}: entities overlap or are out of order"
            end = entity["end"]


@pytest.mark.parametrize(("folder", "lang"), SETS)
def test_set_covers_every_label_and_empty_sentences(folder: str, lang: str) -> None:
    rows = _rows(lang, folder)
    labels = {e["label"] for row in rows for e in row["entities"]}
    assert labels == LABELS
    empty = sum(not row["entities"] for row in rows)
    assert empty >= len(rows) // 10, "too few sentences without entities"


@pytest.mark.parametrize("folder", FOLDERS)
def test_persian_and_arabic_letters_are_not_mixed(folder: str) -> None:
    assert not any(ch in row["text"] for row in _rows("fa", folder) for ch in "يك")
    assert not any(ch in row["text"] for row in _rows("ar", folder) for ch in "یک")


@pytest.mark.parametrize("lang", LANGS)
def test_held_out_set_shares_no_ids_or_texts_with_the_development_set(lang: str) -> None:
    dev, test = _rows(lang, "entities"), _rows(lang, "entities-test")
    shared_ids = {row["id"] for row in dev} & {row["id"] for row in test}
    assert not shared_ids, sorted(shared_ids)
    shared_texts = {row["text"] for row in dev} & {row["text"] for row in test}
    assert not shared_texts, sorted(shared_texts)


def test_match_counts_exact_and_partial(bench: ModuleType) -> None:
    gold = [(0, 10, "PER"), (20, 30, "ORG"), (40, 45, "LOC")]
    predicted = [(0, 10, "PER"), (22, 30, "ORG"), (40, 45, "PER"), (50, 55, "LOC")]
    counts = bench.match(gold, predicted)
    everything = bench.metrics(counts["ALL"])
    assert (everything["gold"], everything["predicted"]) == (3, 4)
    assert (everything["P"], everything["R"]) == (0.25, round(1 / 3, 4))
    # "ORG" 22-30 overlaps the gold ORG; "PER" 40-45 has the wrong label; LOC 50-55 is spurious.
    assert (everything["partial_P"], everything["partial_R"]) == (0.5, round(2 / 3, 4))
    assert bench.metrics(counts["ORG"])["partial_F1"] == 1.0
    assert bench.metrics(counts["LOC"])["F1"] == 0.0


TINY = {
    "en": [
        ("Officials in Nairobi said the roads were closed.", ["Nairobi|LOC"]),
        ("Rain is expected later this week.", []),
    ],
    "fa": [("باران در شیراز ادامه دارد.", ["شیراز|LOC"]), ("هوا سرد است.", [])],
}


def _tiny_copy(
    tmp_path: Path, name: str = "entities", langs: tuple[str, ...] = ("en", "fa")
) -> Path:
    """Two invented lines per language in the sets' format (not lines of the sets)."""
    folder = tmp_path / name
    folder.mkdir()
    lines = {lang: TINY[lang] for lang in langs}
    for lang, items in lines.items():
        with (folder / f"{lang}.jsonl").open("w", encoding="utf-8") as handle:
            for n, (text, marks) in enumerate(items, 1):
                entities = []
                for mark in marks:
                    name, label = mark.split("|")
                    start = text.index(name)
                    entities.append(
                        {"start": start, "end": start + len(name), "label": label, "text": name}
                    )
                row = {"id": f"{lang}-{n:03d}", "text": text, "entities": entities}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return tmp_path


def test_benchmark_prints_json_rows(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_copy(tmp_path)
    assert bench.main(["--data", str(data), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    cells = {(r["dataset"], r["label"]) for r in rows}
    for dataset in ("entities-en", "entities-fa", "entities-all"):
        assert {(dataset, label) for label in ("ALL", *sorted(LABELS))} <= cells
    for row in rows:
        assert {"P", "R", "F1", "partial_F1", "n", "gold", "sentences_per_s"} <= set(row)
        assert all(0.0 <= row[k] <= 1.0 for k in ("P", "R", "F1", "partial_F1"))
    total = next(r for r in rows if (r["dataset"], r["label"]) == ("entities-all", "ALL"))
    assert (total["n"], total["gold"]) == (4, 2)


def test_benchmark_prints_a_table_for_one_language(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_copy(tmp_path)
    assert bench.main(["--data", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["dataset", "label", "n"]
    assert "partial_F1" not in out[0] and "part_F1" in out[0]
    assert [line.split()[:2] for line in out[1:]] == [
        ["entities-en", label] for label in ("ALL", "PER", "ORG", "LOC")
    ]


def test_benchmark_without_data_exits_cleanly(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--data", str(tmp_path / "absent")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not found" in captured.err


def test_benchmark_rejects_bad_offsets(bench: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "entities"
    folder.mkdir()
    row = {
        "id": "en-001",
        "text": "Paris",
        "entities": [{"start": 0, "end": 4, "label": "LOC", "text": "Paris"}],
    }
    (folder / "en.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="offsets"):
        bench.evaluate(tmp_path)


def test_benchmark_reads_every_entities_folder(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tiny_copy(tmp_path)
    _tiny_copy(tmp_path, "entities-test", ("en",))
    _tiny_copy(tmp_path, "entities-extra")
    (tmp_path / "entities-empty").mkdir()  # a folder without a language file is skipped
    (tmp_path / "entities-notes.txt").write_text("not a folder\n", encoding="utf-8")
    assert [p.name for p in bench.dataset_folders(tmp_path)] == [
        "entities",
        "entities-empty",
        "entities-extra",
        "entities-test",
    ]
    assert bench.main(["--data", str(tmp_path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    datasets = list(dict.fromkeys(r["dataset"] for r in rows))
    both = [lang for lang in bench.LANGUAGES if lang in ("en", "fa")]  # the script's order
    assert datasets == [
        *(f"entities-{lang}" for lang in both),
        "entities-all",
        *(f"entities-extra-{lang}" for lang in both),
        "entities-extra-all",
        "entities-test-en",  # one language: no "entities-test-all" row
    ]
    for dataset in datasets:
        labels = [r["label"] for r in rows if r["dataset"] == dataset]
        assert labels == ["ALL", "PER", "ORG", "LOC"], dataset
    totals = {r["dataset"]: (r["n"], r["gold"]) for r in rows if r["label"] == "ALL"}
    assert totals["entities-all"] == totals["entities-extra-all"] == (4, 2)
    assert totals["entities-test-en"] == (2, 1)


def test_benchmark_table_fits_long_dataset_names(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tiny_copy(tmp_path)
    _tiny_copy(tmp_path, "entities-test")
    assert bench.main(["--data", str(tmp_path), "--lang", "fa"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in out[1:]] == [
        [dataset, label]
        for dataset in ("entities-fa", "entities-test-fa")
        for label in ("ALL", "PER", "ORG", "LOC")
    ]
    assert len({len(line) for line in out}) == 1  # one column width for every row


def test_benchmark_checks_every_folder_before_scoring(
    bench: ModuleType, tmp_path: Path, count_calls: Callable[[object, str], list[int]]
) -> None:
    calls = count_calls(bench, "evaluate_language")
    _tiny_copy(tmp_path)
    folder = tmp_path / "entities-test"
    folder.mkdir()
    row = {
        "id": "en-t001",
        "text": "Lima",
        "entities": [{"start": 0, "end": 4, "label": "CITY", "text": "Lima"}],
    }
    (folder / "en.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        bench.evaluate(tmp_path)
    assert calls == []  # the bad file in entities-test/ stopped the run before entities/ ran


def test_benchmark_without_a_set_for_the_language_exits_cleanly(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tiny_copy(tmp_path, "entities-test", ("en",))
    assert bench.main(["--data", str(tmp_path), "--lang", "ru"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no entity set" in captured.err and "entities-test" in captured.err
