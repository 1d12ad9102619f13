"""The command line the project-set benchmarks share (`entities.py`, `statements.py`).

Not a benchmark itself: each of those scripts passes its own `evaluate` and `print_table`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

Evaluate = Callable[[Path, "list[str] | None", bool], "list[dict[str, Any]]"]


def run(
    description: str,
    languages: Sequence[str],
    evaluate: Evaluate,
    print_table: Callable[[list[dict[str, Any]]], None],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse `--data`, `--json`, `--lang`, `--errors`; print a table or JSON lines. A missing
    folder says so and evaluates nothing (exit 0)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--lang", action="append", choices=languages, help="only these languages (repeatable)"
    )
    parser.add_argument("--errors", action="store_true", help="print each text's misses (stderr)")
    args = parser.parse_args(argv)
    try:
        rows = evaluate(args.data, args.lang, args.errors)
    except FileNotFoundError as exc:
        print(f"{exc}; nothing to evaluate", file=sys.stderr)
        return 0
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        print_table(rows)
    return 0
