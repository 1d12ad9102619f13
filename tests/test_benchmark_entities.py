"""The project's entity sets are well-formed, and benchmarks/entities.py scores and reports.

No quality floor is pinned here: the scores on the sets are the lead's to gate.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "benchmarks" / "data" / "entities"
LANGS = ("ar", "fa", "ru", "en")
LABELS = {"PER", "ORG", "LOC"}


@pytest.fixture(scope="module")
def bench(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("entities")


def _rows(lang: str) -> list[dict]:
    lines = (SETS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_set_is_well_formed(lang: str) -> None:
    rows = _rows(lang)
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


@pytest.mark.parametrize("lang", LANGS)
def test_set_covers_every_label_and_empty_sentences(lang: str) -> None:
    rows = _rows(lang)
    labels = {e["label"] for row in rows for e in row["entities"]}
    assert labels == LABELS
    empty = sum(not row["entities"] for row in rows)
    assert empty >= len(rows) // 10, "too few sentences without entities"


def test_persian_and_arabic_letters_are_not_mixed() -> None:
    assert not any(ch in row["text"] for row in _rows("fa") for ch in "يك")
    assert not any(ch in row["text"] for row in _rows("ar") for ch in "یک")


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


def _tiny_copy(tmp_path: Path) -> Path:
    """Two invented lines per language in the sets' format (not lines of the sets)."""
    folder = tmp_path / "entities"
    folder.mkdir()
    lines = {
        "en": [
            ("Officials in Nairobi said the roads were closed.", ["Nairobi|LOC"]),
            ("Rain is expected later this week.", []),
        ],
        "fa": [("باران در شیراز ادامه دارد.", ["شیراز|LOC"]), ("هوا سرد است.", [])],
    }
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
