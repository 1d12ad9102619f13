"""The project's statement sets are well-formed, and benchmarks/statements.py scores and reports.

Two sets: benchmarks/data/statements/ (the development set) and benchmarks/data/statements-test/
(the held-out set). The benchmark reads every DIR/statements*/ folder as its own dataset. No
quality floor is pinned here: the scores on the sets are the lead's to gate.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tabayyun.model import Statement

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
FOLDERS = ("statements", "statements-test")
LANGS = ("ar", "fa", "ru", "en")
FIELDS = {"speaker", "verb", "content", "kind"}
SETS = [(folder, lang) for folder in FOLDERS for lang in LANGS]
FINAL_PUNCTUATION = ".,;:!?…"


@pytest.fixture(scope="module")
def bench(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("statements")


def _rows(lang: str, folder: str = "statements") -> list[dict]:
    lines = (DATA / folder / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _in_text(content: str, text: str) -> bool:
    """The content is a piece of the text, or two pieces in order joined by one space (an
    attribution in the middle taken out)."""
    if content in text:
        return True
    words = content.split(" ")
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        start = text.find(first)
        if start >= 0 and text.find(second, start + len(first)) >= 0:
            return True
    return False


@pytest.mark.parametrize(("folder", "lang"), SETS)
def test_set_is_well_formed(folder: str, lang: str) -> None:
    rows = _rows(lang, folder)
    assert len(rows) >= 80
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids), "ids are not unique"
    prefix = f"{lang}-t" if folder == "statements-test" else f"{lang}-"
    assert all(i.startswith(prefix) and i[len(prefix) :].isdigit() for i in ids)
    for row in rows:
        assert set(row) == {"id", "text", "statements"}, row["id"]
        text = row["text"]
        assert text.strip() == text and text, row["id"]
        for statement in row["statements"]:
            assert set(statement) == FIELDS, row["id"]
            assert statement["kind"] in {"direct", "indirect"}, row["id"]
            for field in FIELDS:
                value = statement[field]
                assert isinstance(value, str) and value and value.strip() == value, row["id"]
            assert statement["speaker"].casefold() in text.casefold(), row["id"]
            assert statement["verb"].casefold() in text.casefold(), row["id"]
            content = statement["content"]
            assert _in_text(content, text), f"{row['id']}: {content!r}"
            assert content[-1] not in FINAL_PUNCTUATION, row["id"]
            assert content[0] not in '“"«„', row["id"]


@pytest.mark.parametrize(("folder", "lang"), SETS)
def test_set_covers_both_kinds_and_texts_without_statements(folder: str, lang: str) -> None:
    rows = _rows(lang, folder)
    kinds = {s["kind"] for row in rows for s in row["statements"]}
    assert kinds == {"direct", "indirect"}
    empty = sum(not row["statements"] for row in rows)
    assert len(rows) // 5 <= empty <= len(rows) * 2 // 5, "about a quarter has no statement"
    assert any(len(row["statements"]) > 1 for row in rows), "no text with a second statement"


@pytest.mark.parametrize("folder", FOLDERS)
def test_persian_and_arabic_letters_are_not_mixed(folder: str) -> None:
    assert not any(ch in row["text"] for row in _rows("fa", folder) for ch in "يك")
    assert not any(ch in row["text"] for row in _rows("ar", folder) for ch in "یک")


@pytest.mark.parametrize("lang", LANGS)
def test_held_out_set_shares_no_ids_or_texts_with_the_development_set(lang: str) -> None:
    dev, test = _rows(lang, "statements"), _rows(lang, "statements-test")
    shared_ids = {row["id"] for row in dev} & {row["id"] for row in test}
    assert not shared_ids, sorted(shared_ids)
    shared_texts = {row["text"] for row in dev} & {row["text"] for row in test}
    assert not shared_texts, sorted(shared_texts)


def _statement(speaker: str, content: str, verb: str = "said", kind: str = "indirect") -> dict:
    return {"speaker": speaker, "verb": verb, "content": content, "kind": kind}


def test_token_f1_reads_normalised_words(bench: ModuleType) -> None:
    assert bench.token_f1("The plan will cost $4bn", "the plan will cost $4bn.", "en") == 1.0
    assert bench.token_f1("a b c d", "a b", "en") == pytest.approx(2 / 3)
    assert bench.token_f1("a b", "c d", "en") == 0.0
    # Letter folding: alef with hamza and teh marbuta read as the bare letters.
    assert bench.token_f1("أعلنت الوزارة", "اعلنت الوزاره", "ar") == 1.0
    assert bench.token_f1("می‌شود", "میشود", "fa") == 1.0


def test_count_matches_speaker_and_content(bench: ModuleType) -> None:
    gold = [
        _statement("Daniel Okafor", "the government would cut fuel subsidies next year"),
        _statement("the ministry", "the new rules apply to imports", verb="announced"),
        _statement("a senior official", "talks had stalled", kind="direct"),
    ]
    predicted = [
        # Same speaker (case and edge punctuation aside) and most of the content: a match.
        _statement("daniel okafor,", "the government would cut fuel subsidies"),
        # Right content, wrong speaker: no match, but counted by speaker_acc.
        _statement("the government", "the new rules apply to imports"),
        # Right speaker and kind differs, verb differs: a match with a wrong verb and kind.
        _statement("A senior official", "talks had stalled", verb="told", kind="indirect"),
        _statement("Reuters", "something nobody said"),
    ]
    counts = bench.count(gold, predicted, "en")
    result = bench.metrics(counts)
    assert (result["gold"], result["predicted"], result["matched"]) == (3, 4, 2)
    assert (result["P"], result["R"]) == (0.5, round(2 / 3, 4))
    assert result["speaker_acc"] == round(2 / 3, 4)  # 3 content pairs, 2 with the right speaker
    assert result["content_F1"] == round((2 * 6 / 8 * 6 / 6 / (6 / 8 + 1) + 1.0) / 2, 4)
    assert result["verb_acc"] == 0.5
    assert result["kind_acc"] == 0.5


def test_count_pairs_one_to_one_and_folds_arabic_speakers(bench: ModuleType) -> None:
    gold = [_statement("أحمد الكبيسي", "المحطة ستدخل الخدمة في الصيف", verb="قال")]
    predicted = [
        _statement("احمد الكبيسي", "المحطة ستدخل الخدمة في الصيف", verb="قال"),
        _statement("أحمد الكبيسي", "المحطة ستدخل الخدمة", verb="قال"),
    ]
    result = bench.metrics(bench.count(gold, predicted, "ar"))
    assert (result["matched"], result["P"], result["R"]) == (1, 0.5, 1.0)
    assert result["content_F1"] == 1.0  # the better of the two is the pair
    assert bench.metrics(bench.count([], [], "ar"))["speaker_acc"] is None


TINY = {
    "en": [
        (
            "Finance Minister Daniel Okafor said the budget would be published on Friday.",
            [_statement("Daniel Okafor", "the budget would be published on Friday")],
        ),
        ("Rain is expected later this week.", []),
    ],
    "fa": [
        (
            "سخنگوی شهرداری گفت خیابان فردا باز می‌شود.",
            [_statement("سخنگوی شهرداری", "خیابان فردا باز می‌شود", verb="گفت")],
        ),
        ("هوا سرد است.", []),
    ],
}


def _tiny_copy(
    tmp_path: Path, name: str = "statements", langs: tuple[str, ...] = ("en", "fa")
) -> Path:
    """Two invented lines per language in the sets' format (not lines of the sets)."""
    folder = tmp_path / name
    folder.mkdir()
    for lang in langs:
        with (folder / f"{lang}.jsonl").open("w", encoding="utf-8") as handle:
            for n, (text, statements) in enumerate(TINY[lang], 1):
                row = {"id": f"{lang}-{n:03d}", "text": text, "statements": statements}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return tmp_path


def _gold_extractor(monkeypatch: pytest.MonkeyPatch, bench: ModuleType) -> None:
    """Replace the extractor by one that returns the tiny set's gold statements, so that the
    report's numbers are known."""
    gold = {text: statements for items in TINY.values() for text, statements in items}

    def fake(text: str, sentences: list, entities: list, lang: str) -> list[Statement]:
        return [Statement(**s, mention=s["speaker"], sentence_index=0) for s in gold[text]]

    monkeypatch.setattr(bench, "find_statements", fake)


def test_benchmark_runs_the_extractor_and_prints_json_rows(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_copy(tmp_path)
    assert bench.main(["--data", str(data), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["dataset"] for r in rows] == [
        *(f"statements-{lang}" for lang in bench.LANGUAGES if lang in ("en", "fa")),
        "statements-all",
    ]
    keys = {"dataset", "n", "gold", "predicted", "matched", "P", "R", "F1", "texts_per_s"}
    keys |= {"speaker_acc", "content_F1", "verb_acc", "kind_acc"}
    for row in rows:
        assert set(row) == keys
        assert all(0.0 <= row[k] <= 1.0 for k in ("P", "R", "F1"))
        for k in ("speaker_acc", "content_F1", "verb_acc", "kind_acc"):
            assert row[k] is None or 0.0 <= row[k] <= 1.0
        assert row["texts_per_s"] > 0
    total = rows[-1]
    assert (total["n"], total["gold"]) == (4, 2)


def test_benchmark_scores_a_perfect_extractor_as_perfect(
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _gold_extractor(monkeypatch, bench)
    data = _tiny_copy(tmp_path)
    assert bench.main(["--data", str(data), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for row in rows:
        expected = {"P": 1.0, "R": 1.0, "F1": 1.0, "speaker_acc": 1.0, "content_F1": 1.0}
        assert {k: row[k] for k in expected} == expected, row["dataset"]
        assert (row["verb_acc"], row["kind_acc"]) == (1.0, 1.0)


def test_benchmark_prints_a_table_for_one_language(
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _gold_extractor(monkeypatch, bench)
    data = _tiny_copy(tmp_path)
    assert bench.main(["--data", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "dataset",
        "n",
        "gold",
        "pred",
        "match",
        "P",
        "R",
        "F1",
        "spk_acc",
        "cont_F1",
        "verb_acc",
        "kind_acc",
        "texts/s",
    ]
    assert len(out) == 2
    assert out[1].split()[:8] == ["statements-en", "2", "1", "1", "1", "1.000", "1.000", "1.000"]


def test_benchmark_table_prints_a_dash_for_an_accuracy_over_no_pairs(
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bench, "find_statements", lambda text, sentences, entities, lang: [])
    data = _tiny_copy(tmp_path, langs=("en",))
    assert bench.main(["--data", str(data)]) == 0
    row = capsys.readouterr().out.splitlines()[1].split()
    assert row[:8] == ["statements-en", "2", "1", "0", "0", "0.000", "0.000", "0.000"]
    assert row[8:12] == ["-", "-", "-", "-"]


def test_benchmark_without_data_exits_cleanly(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--data", str(tmp_path / "absent")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not found" in captured.err and "nothing to evaluate" in captured.err


def test_benchmark_without_a_set_for_the_language_exits_cleanly(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tiny_copy(tmp_path, "statements-test", ("en",))
    assert bench.main(["--data", str(tmp_path), "--lang", "ru"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no statement set" in captured.err and "statements-test" in captured.err


def test_benchmark_reads_every_statements_folder(
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _gold_extractor(monkeypatch, bench)
    _tiny_copy(tmp_path)
    _tiny_copy(tmp_path, "statements-test", ("en",))
    (tmp_path / "statements-empty").mkdir()  # a folder without a language file is skipped
    (tmp_path / "statements-notes.txt").write_text("not a folder\n", encoding="utf-8")
    assert [p.name for p in bench.dataset_folders(tmp_path)] == [
        "statements",
        "statements-empty",
        "statements-test",
    ]
    assert bench.main(["--data", str(tmp_path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    both = [lang for lang in bench.LANGUAGES if lang in ("en", "fa")]  # the script's order
    assert [r["dataset"] for r in rows] == [
        *(f"statements-{lang}" for lang in both),
        "statements-all",
        "statements-test-en",  # one language: no "statements-test-all" row
    ]
    assert [(r["n"], r["gold"]) for r in rows] == [(2, 1), (2, 1), (4, 2), (2, 1)]


def test_benchmark_rejects_a_bad_statement_before_scoring(
    bench: ModuleType, tmp_path: Path, count_calls: Callable[[object, str], list[int]]
) -> None:
    calls = count_calls(bench, "evaluate_language")
    _tiny_copy(tmp_path)
    folder = tmp_path / "statements-test"
    folder.mkdir()
    row = {"id": "en-t001", "text": "He said so.", "statements": [_statement("He", "so")]}
    row["statements"][0]["kind"] = "reported"
    (folder / "en.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        bench.evaluate(tmp_path)
    row["statements"][0] = {"speaker": "He", "content": "so", "kind": "indirect"}
    (folder / "en.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs speaker, verb, content, kind"):
        bench.evaluate(tmp_path)
    assert calls == []  # the bad file in statements-test/ stopped the run before statements/ ran


def test_benchmark_prints_errors(
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake(text: str, sentences: list, entities: list, lang: str) -> list[Statement]:
        if not text.startswith("Finance"):
            return [Statement("the weather", "", "said", "rain", "indirect", 0)]
        return [
            Statement("the minister", "", "announced", "the budget would be published on Friday",
                      "indirect", 0)
        ]  # fmt: skip

    monkeypatch.setattr(bench, "find_statements", fake)
    data = _tiny_copy(tmp_path, langs=("en",))
    assert bench.main(["--data", str(data), "--json", "--errors"]) == 0
    err = capsys.readouterr().err
    assert "en-001: Finance Minister" in err
    assert "speaker 'Daniel Okafor' -> 'the minister'" in err
    assert "en-002: Rain" in err and "extra" in err and "'the weather'" in err
