"""Named-entity benchmark: the shipped PER/ORG/LOC recogniser on DIR/entities*/*.jsonl.

    python benchmarks/entities.py [--data benchmarks/data] [--json] [--lang ar ...] [--errors]

Every folder DIR/entities*/ is one dataset, scored on its own: the project has entities/ (the
development set) and entities-test/ (the held-out set, described in its own README). In a
folder, each file is one language (its stem: ar, fa, ru, en), one JSON object per line:
{"id", "text", "entities": [{"start", "end", "label", "text"}]} with str offsets into "text"
(the format and annotation guidelines are in benchmarks/data/entities/README.md). Every text is
split by the pipeline's sentence splitter (tabayyun.lang.segment) and passed to
tabayyun.understand.entities.find_entities, as the pipeline's stage does.

Rows are named after the folder: "entities-ar", ..., "entities-all", then "entities-test-ar", ...,
"entities-test-all". Reported per folder: per language and label, per language over all labels,
and over all its languages (the "-all" rows, when the folder has several):
- P, R, F1: exact match, a predicted entity counts only if its start, end and label equal a
  gold entity's;
- partial_P, partial_R, partial_F1: a predicted entity is correct if it overlaps a gold entity of
  the same label, and a gold entity is found if a predicted one of its label overlaps it
  (lenient: "Health Ministry" for "Iraqi Health Ministry" counts);
- sentences_per_s: texts per second through find_entities alone (splitting excluded; a few texts
  hold two sentences), after one warm-up call per language that loads its resources.
`--json` prints one JSON object per line; `--errors` also prints each text's misses (stderr).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import project_set_cli  # noqa: E402  (benchmarks/ is a folder of scripts)

from tabayyun.lang.segment import split_sentences  # noqa: E402
from tabayyun.model import Sentence  # noqa: E402
from tabayyun.understand.entities import LANGUAGES, find_entities  # noqa: E402

LABELS = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]  # start, end, label


class Counts:
    """Exact and partial match counts for one (dataset, label) cell.

    A plain class, not a dataclass: the tests load this script without registering it as a
    module, which dataclasses need.
    """

    def __init__(self) -> None:
        self.gold = 0
        self.predicted = 0
        self.exact = 0  # predicted spans equal to a gold span (start, end and label)
        self.partial_predicted = 0  # predicted spans overlapping a gold span of their label
        self.partial_gold = 0  # gold spans overlapped by a predicted span of their label

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact += other.exact
        self.partial_predicted += other.partial_predicted
        self.partial_gold += other.partial_gold


def _overlaps(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def match(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, Counts]:
    """Counts per label (and "ALL") for one text's gold and predicted spans."""
    gold_set, predicted_set = set(gold), set(predicted)
    out = {label: Counts() for label in (*LABELS, "ALL")}
    for span in gold_set:
        cell = out.setdefault(span[2], Counts())
        cell.gold += 1
        cell.partial_gold += any(_overlaps(span, p) for p in predicted_set)
    for span in predicted_set:
        cell = out.setdefault(span[2], Counts())
        cell.predicted += 1
        cell.exact += span in gold_set
        cell.partial_predicted += any(_overlaps(span, g) for g in gold_set)
    for label in list(out):
        if label != "ALL":
            out["ALL"].add(out[label])
    return out


def _prf(correct_p: int, predicted: int, correct_r: int, gold: int) -> tuple[float, float, float]:
    p = correct_p / predicted if predicted else 0.0
    r = correct_r / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f1, 4)


def metrics(counts: Counts) -> dict[str, Any]:
    p, r, f1 = _prf(counts.exact, counts.predicted, counts.exact, counts.gold)
    pp, pr, pf1 = _prf(counts.partial_predicted, counts.predicted, counts.partial_gold, counts.gold)
    return {
        "gold": counts.gold,
        "predicted": counts.predicted,
        "P": p,
        "R": r,
        "F1": f1,
        "partial_P": pp,
        "partial_R": pr,
        "partial_F1": pf1,
    }


def read_set(path: Path) -> list[dict[str, Any]]:
    """The rows of one file, with every gold span checked against its text."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            for entity in row["entities"]:
                if entity["label"] not in LABELS:
                    raise ValueError(f"{path}:{number}: unknown label {entity['label']!r}")
                if row["text"][entity["start"] : entity["end"]] != entity["text"]:
                    raise ValueError(f"{path}:{number}: offsets do not give {entity['text']!r}")
            rows.append(row)
    return rows


def sentences_of(text: str, lang: str) -> list[Sentence]:
    """The pipeline's segment stage for one text."""
    return [
        Sentence(index=i, text=text[start:end], start=start, end=end)
        for i, (start, end) in enumerate(split_sentences(text, lang))
    ]


class LanguageResult:
    """One language's counts per label, texts and seconds spent in find_entities."""

    def __init__(self, lang: str, texts: int) -> None:
        self.lang = lang
        self.texts = texts
        self.seconds = 0.0
        self.counts = {label: Counts() for label in (*LABELS, "ALL")}


def evaluate_language(
    lang: str, rows: list[dict[str, Any]], errors: bool = False
) -> LanguageResult:
    """Run the recogniser over one language's rows and count matches per label."""
    result = LanguageResult(lang, len(rows))
    if rows:  # loads the language's gazetteers and models outside the timed loop
        find_entities(rows[0]["text"], sentences_of(rows[0]["text"], lang), lang)
    for row in rows:
        text = row["text"]
        sentences = sentences_of(text, lang)
        started = time.perf_counter()
        found = find_entities(text, sentences, lang)
        result.seconds += time.perf_counter() - started
        gold = [(e["start"], e["end"], e["label"]) for e in row["entities"]]
        predicted = [(e.start, e.end, e.label) for e in found]
        for label, cell in match(gold, predicted).items():
            result.counts.setdefault(label, Counts()).add(cell)
        if errors:
            _print_errors(row, set(gold), set(predicted))
    return result


def _print_errors(row: dict[str, Any], gold: set[Span], predicted: set[Span]) -> None:
    text = row["text"]
    missed = sorted(gold - predicted)
    extra = sorted(predicted - gold)
    if not missed and not extra:
        return
    print(f"{row['id']}: {text}", file=sys.stderr)
    for kind, spans in (("missed", missed), ("extra", extra)):
        for start, end, label in spans:
            print(f"    {kind:<6} {label} {text[start:end]!r} [{start}:{end}]", file=sys.stderr)


def dataset_folders(data: Path) -> list[Path]:
    """The folders DIR/entities*/, sorted by name (entities/ before entities-test/)."""
    return sorted(p for p in data.glob("entities*") if p.is_dir())


def evaluate(
    data: Path, langs: Sequence[str] | None = None, errors: bool = False
) -> list[dict[str, Any]]:
    """Metric rows for every folder DIR/entities*/: per language and label, then over all the
    folder's languages when there are several."""
    folders = dataset_folders(data)
    if not folders:
        raise FileNotFoundError(
            f"{data / 'entities*'} not found; pass --data DIR holding entities*/*.jsonl"
        )
    sets: dict[str, dict[str, list[dict[str, Any]]]] = {}  # folder name -> language -> rows
    for folder in folders:  # every file is read and checked before the recogniser runs
        files = {p.stem: p for p in sorted(folder.glob("*.jsonl")) if p.stem in LANGUAGES}
        wanted = [lang for lang in LANGUAGES if lang in files and (not langs or lang in langs)]
        if wanted:
            sets[folder.name] = {lang: read_set(files[lang]) for lang in wanted}
    if not sets:
        names = ", ".join(f.name for f in folders)
        raise FileNotFoundError(f"no entity set for {list(langs or LANGUAGES)} in {names}")
    rows: list[list[dict[str, Any]]] = []
    for name, by_lang in sets.items():
        results = [evaluate_language(lang, lines, errors) for lang, lines in by_lang.items()]
        rows += [_rows(f"{name}-{r.lang}", r.texts, r.seconds, r.counts) for r in results]
        if len(results) > 1:
            total = {label: Counts() for label in (*LABELS, "ALL")}
            for r in results:
                for label, cell in r.counts.items():
                    total.setdefault(label, Counts()).add(cell)
            texts, seconds = sum(r.texts for r in results), sum(r.seconds for r in results)
            rows.append(_rows(f"{name}-all", texts, seconds, total))
    return [row for group in rows for row in group]


def _rows(
    dataset: str, texts: int, seconds: float, counts: dict[str, Counts]
) -> list[dict[str, Any]]:
    speed = round(texts / seconds, 1) if seconds else None
    return [
        {"dataset": dataset, "label": label, "n": texts, **metrics(counts[label])}
        | {"sentences_per_s": speed}
        for label in ("ALL", *LABELS)
        if label in counts
    ]


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max([14, *(len(r["dataset"]) + 1 for r in rows)])  # "entities-test-all" is long
    head = f"{'dataset':<{width}}{'label':<6}{'n':>5}{'gold':>6}{'pred':>6}"
    head += "".join(f"{name:>8}" for name in ("P", "R", "F1", "part_P", "part_R", "part_F1"))
    print(head + f"{'sent/s':>9}")
    for r in rows:
        line = f"{r['dataset']:<{width}}{r['label']:<6}{r['n']:>5}{r['gold']:>6}"
        line += f"{r['predicted']:>6}"
        for key in ("P", "R", "F1", "partial_P", "partial_R", "partial_F1"):
            line += f"{r[key]:>8.3f}"
        print(line + f"{r['sentences_per_s']!s:>9}")


def main(argv: Sequence[str] | None = None) -> int:
    return project_set_cli.run(
        (__doc__ or "").splitlines()[0], LANGUAGES, evaluate, print_table, argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
