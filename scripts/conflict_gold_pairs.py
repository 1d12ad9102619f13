"""How often the verification rule fires on pairs that are the same claim.

    python scripts/conflict_gold_pairs.py [--data ../shared/data] [--kind number ...] [--examples]

Every (query, relevant claim) pair of the CheckThat! 2021 train and dev splits is a text that a
fact-check answers; the rule (`matching.conflicts`) reads the text as `MatchEngine.match` does
(`clean_tweet`) and the claim without its title. Each firing is either a false conflict or a
text that truly states the claim otherwise ("Mojang is NOT closing" for "Minecraft is shutting
down"); `--examples` prints them to tell which. No model is run: this takes seconds. Test
splits are never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabayyun.matching.conflicts import conflicts, facts  # noqa: E402
from tabayyun.matching.records import read_corpus, read_qrels, read_queries  # noqa: E402
from tabayyun.matching.tweet import clean_tweet  # noqa: E402

SETS = (
    "checkthat2021-en",
    "checkthat2021-ar",
    "checkthat2021-en-xling-ar",
    "checkthat2021-en-xling-fa",
    "checkthat2021-en-xling-ru",
)
KINDS = ("number", "year", "date", "negation", "action")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--kind", action="append", choices=KINDS, help="kinds counted (all)")
    parser.add_argument("--examples", action="store_true", help="print each firing pair")
    args = parser.parse_args()
    kinds = set(args.kind or KINDS)
    base = args.data / "claim-retrieval"
    if not base.is_dir():
        print(f"{base} not found; pass --data DIR holding claim-retrieval/", file=sys.stderr)
        return 1
    print("| set | split | gold pairs | pairs that fire | " + " | ".join(KINDS) + " |")
    print("|" + " --- |" * (4 + len(KINDS)))
    for name in SETS:
        folder = base / name
        if not folder.is_dir():
            continue
        claims = {claim.id: claim for claim in read_corpus(folder)}
        for split in ("train", "dev"):
            try:
                qrels, queries = read_qrels(folder, split), read_queries(folder, split)
            except FileNotFoundError:
                continue
            pairs = fired = 0
            by_kind = dict.fromkeys(KINDS, 0)
            for query in queries:
                said = facts(clean_tweet(query.text), query.lang)
                for key in sorted(qrels.get(query.id, ())):
                    claim = claims.get(key)
                    if claim is None:
                        continue
                    pairs += 1
                    found = [c for c in conflicts(said, facts(claim.claim, claim.lang))
                             if c.kind in kinds]  # fmt: skip
                    if not found:
                        continue
                    fired += 1
                    for kind in {c.kind for c in found}:
                        by_kind[kind] += 1
                    if args.examples:
                        print(f"    {name}/{split} {query.id}: {found}")
                        print(f"      text:  {query.text[:160]!r}")
                        print(f"      claim: {claim.claim[:160]!r}")
            counts = " | ".join(str(by_kind[k]) for k in KINDS)
            print(f"| {name} | {split} | {pairs} | {fired} | {counts} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
