"""Attributed-statement benchmark: who said what, on DIR/statements*/*.jsonl.

    python benchmarks/statements.py [--data benchmarks/data] [--json] [--lang ar ...] [--errors]

Every folder DIR/statements*/ is one dataset, scored on its own: the project has statements/ (the
development set) and statements-test/ (the held-out set). In a folder, each file is one language
(its stem: ar, fa, ru, en), one JSON object per line: {"id", "text", "statements": [{"speaker",
"verb", "content", "kind"}]} (the format and annotation guidelines are in
benchmarks/data/statements/README.md). Every text goes through the pipeline's own steps: the
sentence splitter (tabayyun.lang.segment), tabayyun.understand.entities.find_entities and
tabayyun.understand.statements.find_statements, as the pipeline's stages do.

Rows are named after the folder: "statements-ar", ..., "statements-all", then
"statements-test-ar", ..., "statements-test-all" (the "-all" rows when a folder has several
languages). Fields are compared in their normalised form: tabayyun.lang.normalize.normalize for
the language (NFKC, casefold, Arabic/Persian letter folding, ZWNJ and tashkeel removed,
whitespace collapsed), then punctuation and quote marks stripped from both ends. Speakers and
verbs are equal word by word, where a word also equals itself with an attached و/ف ("وقال" /
"قال") and in another case form ("Ивана Белоусова" / "Иван Белоусов": a common start of four
letters or more, at most two letters left on either side); the extractor names Russian people
in the nominative, the sets as written. Content is compared by token F1 over the normalised
words (tabayyun.lang.normalize.tokenize), as multisets.

- P, R, F1: statement level. A predicted statement matches a gold one of the same text when
  their speakers are equal and their contents overlap with token F1 >= 0.5. Pairs are made one
  to one, best content F1 first.
- speaker_acc: of the (gold, predicted) pairs whose contents overlap with token F1 >= 0.5
  (paired one to one, speaker left aside), the share whose speakers are equal. It tells
  attribution errors apart from missed statements.
- content_F1: mean content token F1 over the matched pairs.
- verb_acc, kind_acc: share of the matched pairs whose verbs are equal, and whose kinds
  ("direct" / "indirect") are equal.
- texts_per_s: texts per second through the three steps (split, entities, statements), after
  one warm-up text per language that loads its resources.
An accuracy over no pairs is null (printed "-"). `--json` prints one JSON object per line;
`--errors` also prints each text's misses (stderr).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import project_set_cli  # noqa: E402  (benchmarks/ is a folder of scripts)

from tabayyun.lang.normalize import normalize, tokenize  # noqa: E402
from tabayyun.lang.segment import split_sentences  # noqa: E402
from tabayyun.model import Sentence, Statement  # noqa: E402
from tabayyun.understand.entities import LANGUAGES, find_entities  # noqa: E402
from tabayyun.understand.statements import find_statements  # noqa: E402

FIELDS = ("speaker", "verb", "content", "kind")
KINDS = ("direct", "indirect")
MIN_CONTENT_F1 = 0.5
# Stripped from both ends of a compared field: punctuation and every quote mark the sets use.
_EDGES = " \t\n.,;:!?…-–—()[]\"'«»“”„‘’‹›"


def norm(text: str, lang: str) -> str:
    """The compared form of a speaker or verb."""
    return normalize(text, lang).strip(_EDGES)


def same_word(a: str, b: str) -> bool:
    """Two normalised words that are one: equal; one with an attached conjunction ("وقال" /
    "قال"); or one word in two case forms ("Ивана" / "Иван", "Минздрава" / "Минздрав"): a
    common start of four letters or more that leaves at most two letters of either."""
    if a == b or (a[:1] in ("و", "ف") and a[1:] == b) or (b[:1] in ("و", "ف") and b[1:] == a):
        return True
    common = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return common >= 4 and common >= max(len(a), len(b)) - 2


def same_field(gold: str, predicted: str, lang: str) -> bool:
    """Speakers or verbs that name the same thing, word by word (see `same_word`)."""
    a, b = norm(gold, lang).split(), norm(predicted, lang).split()
    return len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b, strict=True))


def token_f1(gold: str, predicted: str, lang: str) -> float:
    """F1 of the two texts' normalised word multisets (1.0 when both have no word)."""
    a, b = Counter(tokenize(normalize(gold, lang))), Counter(tokenize(normalize(predicted, lang)))
    if not a and not b:
        return 1.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(b.values()), common / sum(a.values())
    return 2 * p * r / (p + r)


def _pair(candidates: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """One-to-one pairs from (score, gold index, predicted index), best score first."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for score, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((score, g, p))
    return pairs


class Counts:
    """Match counts for one dataset (a plain class: the tests load this script without
    registering it as a module, which dataclasses need)."""

    def __init__(self) -> None:
        self.gold = 0
        self.predicted = 0
        self.matched = 0  # statement-level matches (speaker equal and content F1 >= 0.5)
        self.content_f1 = 0.0  # summed over the matched pairs
        self.verb_ok = 0  # matched pairs with equal verbs
        self.kind_ok = 0  # matched pairs with equal kinds
        self.content_pairs = 0  # pairs by content alone (F1 >= 0.5)
        self.speaker_ok = 0  # of those, pairs with equal speakers

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


class Alignment:
    """One text's pairs: `matched` (statement level) and `by_content` (content only), each a
    list of (content F1, gold index, predicted index)."""

    def __init__(
        self,
        matched: list[tuple[float, int, int]],
        by_content: list[tuple[float, int, int]],
        speaker_equal: set[tuple[int, int]],
    ) -> None:
        self.matched = matched
        self.by_content = by_content
        self.speaker_equal = speaker_equal


def align(
    gold: Sequence[dict[str, str]], predicted: Sequence[dict[str, str]], lang: str
) -> Alignment:
    """Pair one text's gold and predicted statements (dicts with the four fields)."""
    content: list[tuple[float, int, int]] = []
    speaker_equal: set[tuple[int, int]] = set()
    for g, gs in enumerate(gold):
        for p, ps in enumerate(predicted):
            f1 = token_f1(gs["content"], ps["content"], lang)
            if f1 >= MIN_CONTENT_F1:
                content.append((f1, g, p))
                if same_field(gs["speaker"], ps["speaker"], lang):
                    speaker_equal.add((g, p))
    matched = _pair([c for c in content if (c[1], c[2]) in speaker_equal])
    # Content-only pairs prefer, among equal F1, a pair whose speaker is right.
    by_content = _pair(
        [(f1 + (1e-9 if (g, p) in speaker_equal else 0.0), g, p) for f1, g, p in content]
    )
    return Alignment(matched, by_content, speaker_equal)


def count(gold: Sequence[dict[str, str]], predicted: Sequence[dict[str, str]], lang: str) -> Counts:
    """Counts for one text."""
    counts = Counts()
    counts.gold, counts.predicted = len(gold), len(predicted)
    alignment = align(gold, predicted, lang)
    counts.matched = len(alignment.matched)
    for f1, g, p in alignment.matched:
        counts.content_f1 += f1
        counts.verb_ok += same_field(gold[g]["verb"], predicted[p]["verb"], lang)
        counts.kind_ok += gold[g]["kind"] == predicted[p]["kind"]
    counts.content_pairs = len(alignment.by_content)
    counts.speaker_ok = sum((g, p) in alignment.speaker_equal for _, g, p in alignment.by_content)
    return counts


def _ratio(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def metrics(counts: Counts) -> dict[str, Any]:
    p = counts.matched / counts.predicted if counts.predicted else 0.0
    r = counts.matched / counts.gold if counts.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold": counts.gold,
        "predicted": counts.predicted,
        "matched": counts.matched,
        "P": round(p, 4),
        "R": round(r, 4),
        "F1": round(f1, 4),
        "speaker_acc": _ratio(counts.speaker_ok, counts.content_pairs),
        "content_F1": _ratio(counts.content_f1, counts.matched),
        "verb_acc": _ratio(counts.verb_ok, counts.matched),
        "kind_acc": _ratio(counts.kind_ok, counts.matched),
    }


def read_set(path: Path) -> list[dict[str, Any]]:
    """The rows of one file, each checked for its fields."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path}:{number}"
            if not isinstance(row.get("text"), str) or not isinstance(row.get("statements"), list):
                raise ValueError(f"{where}: a row needs a text and a list of statements")
            for statement in row["statements"]:
                missing = [f for f in FIELDS if not isinstance(statement.get(f), str)]
                if missing or not all(statement[f].strip() for f in FIELDS):
                    raise ValueError(f"{where}: a statement needs {', '.join(FIELDS)}")
                if statement["kind"] not in KINDS:
                    raise ValueError(f"{where}: unknown kind {statement['kind']!r}")
            rows.append(row)
    return rows


def sentences_of(text: str, lang: str) -> list[Sentence]:
    """The pipeline's segment stage for one text."""
    return [
        Sentence(index=i, text=text[start:end], start=start, end=end)
        for i, (start, end) in enumerate(split_sentences(text, lang))
    ]


def extract(text: str, lang: str) -> list[Statement]:
    """The pipeline's segment, entities and statements steps for one text."""
    sentences = sentences_of(text, lang)
    return find_statements(text, sentences, find_entities(text, sentences, lang), lang)


def _fields(statement: Statement) -> dict[str, str]:
    return {f: getattr(statement, f) for f in FIELDS}


class LanguageResult:
    """One language's counts, texts and seconds spent in the three steps."""

    def __init__(self, lang: str, texts: int) -> None:
        self.lang = lang
        self.texts = texts
        self.seconds = 0.0
        self.counts = Counts()


def evaluate_language(
    lang: str, rows: list[dict[str, Any]], errors: bool = False
) -> LanguageResult:
    """Run the three steps over one language's rows and count matches."""
    result = LanguageResult(lang, len(rows))
    if rows:  # loads the language's gazetteers and models outside the timed loop
        extract(rows[0]["text"], lang)
    for row in rows:
        started = time.perf_counter()
        found = extract(row["text"], lang)
        result.seconds += time.perf_counter() - started
        predicted = [_fields(s) for s in found]
        result.counts.add(count(row["statements"], predicted, lang))
        if errors:
            _print_errors(row, predicted, lang)
    return result


def _show(statement: dict[str, str]) -> str:
    return (
        f"{statement['speaker']!r} [{statement['verb']!r}, {statement['kind']}] "
        f"{statement['content']!r}"
    )


def _print_errors(row: dict[str, Any], predicted: list[dict[str, str]], lang: str) -> None:
    gold = row["statements"]
    alignment = align(gold, predicted, lang)
    matched_gold = {g for _, g, _ in alignment.matched}
    matched_predicted = {p for _, _, p in alignment.matched}
    lines = []
    for _, g, p in alignment.matched:
        if norm(gold[g]["verb"], lang) != norm(predicted[p]["verb"], lang):
            lines.append(f"    verb   {gold[g]['verb']!r} -> {predicted[p]['verb']!r}")
    wrong_speaker = {  # gold statements found with another speaker, and by whom
        g: p
        for _, g, p in alignment.by_content
        if (g, p) not in alignment.speaker_equal
        and g not in matched_gold
        and p not in matched_predicted
    }
    for g, statement in enumerate(gold):
        if g in matched_gold:
            continue
        if g in wrong_speaker:
            said = predicted[wrong_speaker[g]]["speaker"]
            lines.append(
                f"    speaker {statement['speaker']!r} -> {said!r}: {statement['content']!r}"
            )
        else:
            lines.append(f"    missed {_show(statement)}")
    for p, statement in enumerate(predicted):
        if p not in matched_predicted and p not in wrong_speaker.values():
            lines.append(f"    extra  {_show(statement)}")
    if lines:
        print(f"{row['id']}: {row['text']}", file=sys.stderr)
        for line in lines:
            print(line, file=sys.stderr)


def dataset_folders(data: Path) -> list[Path]:
    """The folders DIR/statements*/, sorted by name (statements/ before statements-test/)."""
    return sorted(p for p in data.glob("statements*") if p.is_dir())


def evaluate(
    data: Path, langs: Sequence[str] | None = None, errors: bool = False
) -> list[dict[str, Any]]:
    """Metric rows for every folder DIR/statements*/: per language, then over all the
    folder's languages when there are several."""
    folders = dataset_folders(data)
    if not folders:
        raise FileNotFoundError(
            f"{data / 'statements*'} not found; pass --data DIR holding statements*/*.jsonl"
        )
    sets: dict[str, dict[str, list[dict[str, Any]]]] = {}  # folder name -> language -> rows
    for folder in folders:  # every file is read and checked before the extractor runs
        files = {p.stem: p for p in sorted(folder.glob("*.jsonl")) if p.stem in LANGUAGES}
        wanted = [lang for lang in LANGUAGES if lang in files and (not langs or lang in langs)]
        if wanted:
            sets[folder.name] = {lang: read_set(files[lang]) for lang in wanted}
    if not sets:
        names = ", ".join(f.name for f in folders)
        raise FileNotFoundError(f"no statement set for {list(langs or LANGUAGES)} in {names}")
    rows: list[dict[str, Any]] = []
    for name, by_lang in sets.items():
        results = [evaluate_language(lang, lines, errors) for lang, lines in by_lang.items()]
        rows += [_row(f"{name}-{r.lang}", r.texts, r.seconds, r.counts) for r in results]
        if len(results) > 1:
            total = Counts()
            for r in results:
                total.add(r.counts)
            texts, seconds = sum(r.texts for r in results), sum(r.seconds for r in results)
            rows.append(_row(f"{name}-all", texts, seconds, total))
    return rows


def _row(dataset: str, texts: int, seconds: float, counts: Counts) -> dict[str, Any]:
    speed = round(texts / seconds, 1) if seconds else None
    return {"dataset": dataset, "n": texts, **metrics(counts), "texts_per_s": speed}


COLUMNS = (  # (key, heading) of the table's metric columns
    ("P", "P"),
    ("R", "R"),
    ("F1", "F1"),
    ("speaker_acc", "spk_acc"),
    ("content_F1", "cont_F1"),
    ("verb_acc", "verb_acc"),
    ("kind_acc", "kind_acc"),
)


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max([16, *(len(r["dataset"]) + 1 for r in rows)])  # "statements-test-all" is long
    head = f"{'dataset':<{width}}{'n':>5}{'gold':>6}{'pred':>6}{'match':>6}"
    head += "".join(f"{heading:>9}" for _, heading in COLUMNS)
    print(head + f"{'texts/s':>9}")
    for r in rows:
        line = f"{r['dataset']:<{width}}{r['n']:>5}{r['gold']:>6}{r['predicted']:>6}"
        line += f"{r['matched']:>6}"
        for key, _ in COLUMNS:
            line += f"{r[key]:>9.3f}" if r[key] is not None else f"{'-':>9}"
        print(line + f"{r['texts_per_s']!s:>9}")


def main(argv: Sequence[str] | None = None) -> int:
    return project_set_cli.run(
        (__doc__ or "").splitlines()[0], LANGUAGES, evaluate, print_table, argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
