"""What the matcher indexes: a generic fact-checked claim, and a reader for BEIR-like folders."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabayyun.errors import InputError


@dataclass(frozen=True)
class IndexedClaim:
    """A registry entry as the matcher sees it; `metadata` travels untouched to the caller."""

    id: str
    claim: str
    title: str = ""
    lang: str = "en"
    date: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passage(self) -> str:
        """The text embedded and indexed: the title leads because it names the checked story."""
        return f"{self.title}. {self.claim}" if self.title else self.claim


@dataclass(frozen=True)
class Query:
    """An incoming text with its id, as benchmark folders list them."""

    id: str
    text: str
    lang: str


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{path}:{number} is not valid JSON ({exc}); fix that line."
                ) from exc
    return rows


def read_corpus(folder: Path) -> list[IndexedClaim]:
    """The claims of a BEIR-like folder's `corpus.jsonl` ({id, text, title, lang})."""
    path = Path(folder) / "corpus.jsonl"
    if not path.is_file():
        raise InputError(f"{path} is missing; point --data at a folder of claim-retrieval sets.")
    return [
        IndexedClaim(
            id=str(row["id"]),
            claim=row.get("text") or "",
            title=row.get("title") or "",
            lang=row.get("lang") or "und",
            date=row.get("date"),
        )
        for row in _read_jsonl(path)
    ]


def read_queries(folder: Path, split: str) -> list[Query]:
    """The queries of one split (`queries-<split>.jsonl`)."""
    rows = _read_jsonl(Path(folder) / f"queries-{split}.jsonl")
    return [Query(str(r["id"]), r["text"], r.get("lang") or "und") for r in rows]


def read_qrels(folder: Path, split: str) -> dict[str, set[str]]:
    """Relevant claim ids per query id (`qrels-<split>.tsv`: query_id TAB doc_id)."""
    qrels: dict[str, set[str]] = {}
    path = Path(folder) / f"qrels-{split}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] and parts[1]:
            qrels.setdefault(parts[0], set()).add(parts[1])
    return qrels


def splits_with_qrels(folder: Path) -> list[str]:
    """The splits of a folder that have both queries and qrels, in a stable order."""
    names = sorted(p.name[len("qrels-") : -len(".tsv")] for p in Path(folder).glob("qrels-*.tsv"))
    order = {"train": 0, "dev": 1, "test": 2}
    return sorted(
        (s for s in names if (Path(folder) / f"queries-{s}.jsonl").is_file()),
        key=lambda s: (order.get(s, 3), s),
    )
