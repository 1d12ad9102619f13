"""How often the verification rule demotes a "match" on the dev splits, and whether rightly.

    python scripts/conflict_rule_dev.py [--data ../shared/data] [--json]

The engine never calls a text the "match" of a claim it states otherwise (another number,
year or polarity: `verify.conflicts`, applied in `MatchEngine.match`). This replays the dev
queries as `train_matcher.py` calibrates the "match" cut: each query asked twice, with its
relevant claims in the registry and without them (what an unchecked sentence meets; whatever it
finds then is wrong). For each top-1 candidate decided "match" by the shipped thresholds it
counts those the rule demotes, and how many of them were right (a relevant claim) or wrong,
per dev split; then the "match" precision before and after. Variants of the rule (which
conflicts count) are measured on the same retrievals. Test splits are never read.

Vectors come from the cache (`~/.cache/tabayyun`); about two minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabayyun.embed import CachedEmbedder, E5Embedder, VectorCache  # noqa: E402
from tabayyun.matching.conflicts import Facts, conflicts, facts  # noqa: E402
from tabayyun.matching.engine import MatchEngine  # noqa: E402
from tabayyun.matching.records import read_corpus, read_qrels, read_queries  # noqa: E402
from tabayyun.matching.tweet import clean_tweet  # noqa: E402
from tabayyun.model import MatchConflict  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from train_matcher import retrievals  # noqa: E402  (scripts/ is on the path of its scripts)

# The dev splits the thresholds are calibrated on (train_matcher.CALIBRATION), and whether the
# corpus is embedded as queries too, as the benchmark does where any of its queries are in
# another language (the English corpus serves the translated queries).
DEV_SETS = {
    "checkthat2021-en": True,
    "checkthat2021-ar": False,
    "checkthat2021-en-xling-ar": True,
    "checkthat2021-en-xling-fa": True,
    "checkthat2021-en-xling-ru": True,
}
KINDS = ("number", "year", "date", "negation", "action")

Rule = Callable[[Facts, Facts], list[MatchConflict]]


def _without_bare_counts(said: Facts) -> Facts:
    return dataclasses.replace(said, measures=tuple(m for m in said.measures if m.dimension))


def _magnitude_only(query: Facts, claim: Facts) -> list[MatchConflict]:
    """Numbers only where the two values differ tenfold or more (million against billion)."""
    found = conflicts(query, claim)
    values = {m.text: m.value for m in (*query.measures, *claim.measures)}

    def tenfold(c: MatchConflict) -> bool:
        a, b = abs(values.get(c.text, 0.0)), abs(values.get(c.claim, 0.0))
        return min(a, b) > 0 and max(a, b) / min(a, b) >= 10

    return [c for c in found if c.kind != "number" or tenfold(c)]


def _strict_years(query: Facts, claim: Facts) -> list[MatchConflict]:
    """Years only where the two sides share none (the scorer's year_conflict)."""
    found = conflicts(query, claim)
    if query.years & claim.years:
        found = [c for c in found if c.kind != "year"]
    return found


def _negation_anywhere(query: Facts, claim: Facts) -> list[MatchConflict]:
    """The first version's negation: verify.py's neg_mismatch (a negation anywhere on one side
    only), any language pair. Measured with the claim read with its title, as the scorer's
    features read it (`titled`)."""
    found = [c for c in conflicts(query, claim) if c.kind != "negation"]
    if query.negated != claim.negated:
        found.append(MatchConflict("negation", "", ""))
    return found


# name: (rule, whether the claim is read with its title)
VARIANTS: dict[str, tuple[Rule, bool]] = {
    "shipped": (conflicts, False),
    "first version (negation anywhere, claim with title)": (_negation_anywhere, True),
    "numbers with a unit or currency only": (
        lambda q, c: conflicts(_without_bare_counts(q), _without_bare_counts(c)),
        False,
    ),
    "numbers only tenfold apart": (_magnitude_only, False),
    "years only when none is shared": (_strict_years, False),
    "no negation": (lambda q, c: [x for x in conflicts(q, c) if x.kind != "negation"], False),
    "no opposite actions": (
        lambda q, c: [x for x in conflicts(q, c) if x.kind != "action"],
        False,
    ),
}


def top_ones(engine: MatchEngine, folder: Path, embedder: CachedEmbedder) -> list[dict]:
    """Per dev query asked with and without its relevant claims (`train_matcher.retrievals`, as
    thresholds are calibrated): the top-1 candidate's decision by the shipped thresholds,
    whether it is right, and what the rule compares (read as `MatchEngine.match` reads it)."""
    qrels = read_qrels(folder, "dev")
    asked = [q for q in read_queries(folder, "dev") if q.id in qrels]
    found = retrievals(engine, folder, "dev", embedder, unchecked=True)
    out = []
    for query, (checked, relevant, unchecked) in zip(asked, found, strict=True):
        for retrieval, answers in ((checked, relevant), (unchecked, set())):
            assert retrieval is not None
            ranked = retrieval.ranking("final", 1)
            if not ranked:
                continue
            position = ranked[0]
            i = int(np.flatnonzero(retrieval.positions == position)[0])
            claim = engine.records[position]
            pair = f"{retrieval.lang}-{claim.lang}"
            cut = engine.thresholds.get(pair) or engine.thresholds["default"]
            out.append(
                {
                    "decision": cut.decide(float(retrieval.final[i])),
                    "right": position in answers,
                    "query": facts(clean_tweet(query.text), retrieval.lang),
                    "claim": facts(claim.claim, claim.lang),
                    "titled": facts(claim.passage, claim.lang),
                    "text": query.text,
                    "claim_text": claim.claim,
                }
            )
    return out


def measure(rows: list[dict], rule: Rule, *, titled: bool) -> dict[str, object]:
    matches = [r for r in rows if r["decision"] == "match"]
    fired = [(r, rule(r["query"], r["titled" if titled else "claim"])) for r in rows]
    demoted = [(r, found) for r, found in fired if found and r["decision"] == "match"]
    right = sum(r["right"] for r in matches)
    demoted_right = sum(r["right"] for r, _ in demoted)
    kept = len(matches) - len(demoted)
    by_kind = {
        kind: sum(any(c.kind == kind for c in found) for _, found in demoted) for kind in KINDS
    }
    return {
        "top1": len(rows),
        "fires": sum(bool(found) for _, found in fired),
        "matches": len(matches),
        "demoted": len(demoted),
        "demoted_right": demoted_right,
        "demoted_wrong": len(demoted) - demoted_right,
        "by_kind": by_kind,
        "precision_before": round(right / len(matches), 4) if matches else None,
        "precision_after": round((right - demoted_right) / kept, 4) if kept else None,
        "examples": [
            {
                "right": bool(r["right"]),
                "conflicts": [dataclasses.asdict(c) for c in found],
                "text": r["text"][:160],
                "claim": r["claim_text"][:160],
            }
            for r, found in demoted
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", action="store_true", help="every figure and demoted pair")
    parser.add_argument("--examples", action="store_true", help="print the demoted pairs")
    args = parser.parse_args()
    base = args.data / "claim-retrieval"
    embedder = CachedEmbedder(E5Embedder(), VectorCache())
    engines: dict[str, MatchEngine] = {}
    results: dict[str, dict[str, dict[str, object]]] = {}
    for name, symmetric in DEV_SETS.items():
        folder = base / name
        corpus = hashlib.sha256((folder / "corpus.jsonl").read_bytes()).hexdigest()
        if corpus not in engines:
            # Like the benchmark: shipped scorers, thresholds and centre, no foreign preference.
            engines[corpus] = MatchEngine.build(read_corpus(folder), embedder, symmetric=symmetric)
            engines[corpus].foreign_preference = 0.0
        rows = top_ones(engines[corpus], folder, embedder)
        results[name] = {
            variant: measure(rows, rule, titled=titled)
            for variant, (rule, titled) in VARIANTS.items()
        }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    head = (
        "| dev split | rule | top-1 asked | rule fires | top-1 match | demoted | right | wrong "
        "| number / year / date / negation / action | match precision before -> after |"
    )
    print(head)
    print("|" + " --- |" * head.count(" | ") + " --- |")
    for name, variants in results.items():
        for variant, m in variants.items():
            kinds = m["by_kind"]
            assert isinstance(kinds, dict)
            print(
                f"| {name} | {variant} | {m['top1']} | {m['fires']} | {m['matches']} "
                f"| {m['demoted']} | {m['demoted_right']} | {m['demoted_wrong']} "
                f"| {' / '.join(str(kinds[k]) for k in KINDS)} "
                f"| {m['precision_before']} -> {m['precision_after']} |"
            )
            if args.examples and variant == "shipped":
                for example in m["examples"]:  # type: ignore[attr-defined]
                    print(f"    {example}")


if __name__ == "__main__":
    main()
