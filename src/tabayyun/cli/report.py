"""Readable terminal reports. Article text is untrusted: it is never read as rich markup, and
its control characters never reach the terminal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from tabayyun.model import Document, MatchConflict

FALSE_LIKE = frozenset({"false", "mostly_false", "misleading"})
# C0 controls but tab and newline, DEL and C1: an ESC from an article would otherwise set the
# window title, clear the screen or rewrite what was printed before it.
_CONTROLS = dict.fromkeys((*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)))


class Text(RichText):
    """Rich's plain `Text`, which drops control characters from what it is given."""

    def __init__(self, text: str = "", style: str = "") -> None:
        super().__init__(text.translate(_CONTROLS), style=style)

    def append(self, text: Any, style: Any = None) -> Text:
        super().append(text.translate(_CONTROLS) if isinstance(text, str) else text, style)
        return self


def render_document(
    doc: Document, console: Console, *, checkworthy_from: float | None = None
) -> None:
    """The analysis of `doc`; sentences scoring `checkworthy_from` or more are marked."""
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold")
    header.add_column()
    for label, value in (
        ("title", doc.title),
        ("outlet", doc.outlet),
        ("published", doc.published_at),
        (
            "language",
            f"{doc.lang} ({doc.lang_confidence:.2f})" if doc.lang_confidence else doc.lang,
        ),
        ("source", doc.source),
        ("encoding", doc.encoding),
        ("near duplicate of", doc.near_duplicate_of),
    ):
        if value:
            header.add_row(label, Text(str(value)))
    header.add_row("sentences", str(len(doc.sentences)))
    console.print(Panel(header, title="tabayyun report", expand=False))

    if doc.related:
        console.print("[bold]Related links[/] (not analysed as claims)")
        for link in doc.related:
            suffix = f"  {link.url}" if link.url else ""
            console.print(Text(f"  • {link.title}{suffix}"))

    if doc.statements:
        console.print(f"[bold]Attributed statements[/] ({len(doc.statements)})")
        for number, statement in enumerate(doc.statements, 1):
            named = f'as "{statement.mention}"' if statement.mention else "implied subject"
            head = Text(f"{number:>3}. ")
            head.append(statement.speaker, style="bold")
            head.append(f" — {statement.verb} ({statement.kind}, {named})", style="dim")
            console.print(head)
            console.print(Padding(Text(_shorten(statement.content, 300)), (0, 0, 0, 5)))

    if doc.entities:
        by_label: dict[str, list[str]] = defaultdict(list)
        for entity in doc.entities:
            name = entity.name or entity.text
            if name not in by_label[entity.label]:
                by_label[entity.label].append(name)
        table = Table("type", "names")
        for label, title in (("PER", "people"), ("ORG", "organisations"), ("LOC", "places")):
            if by_label.get(label):
                table.add_row(title, Text(" · ".join(by_label[label])))
        console.print("[bold]Named entities[/]")
        console.print(table)

    if doc.quantities:
        table = Table("as written", "value", "unit")
        for quantity in doc.quantities:
            unit = quantity.currency or quantity.unit or ""
            table.add_row(Text(quantity.text), f"{quantity.value:,.6g}", unit)
        console.print("[bold]Numbers[/]")
        console.print(table)

    scored = [s for s in doc.sentences if s.checkworthiness is not None]
    if scored:
        table = Table("score", "sentence")
        for sentence in sorted(scored, key=lambda s: -(s.checkworthiness or 0))[:10]:
            score = sentence.checkworthiness or 0.0
            marked = checkworthy_from is not None and score >= checkworthy_from
            table.add_row(
                f"{score:.2f}{' ✓' if marked else ''}", Text(_shorten(sentence.text, 160))
            )
        console.print("[bold]Most check-worthy sentences[/]")
        if checkworthy_from is not None:
            above = sum((s.checkworthiness or 0.0) >= checkworthy_from for s in scored)
            console.print(
                f"  {above} of {len(scored)} score {checkworthy_from:.2f} or more (✓), the "
                f"check-worthy threshold for {doc.lang or 'und'}: what enters a review queue",
                style="dim",
            )
        console.print(table)

    if doc.matches:
        console.print(f"[bold]Fact-checks found for its sentences[/] ({len(doc.matches)})")
        for found in doc.matches:
            head = Text(f"  sentence {found.sentence_index + 1}: ", style="dim")
            head.append(_shorten(doc.sentences[found.sentence_index].text, 120))
            console.print(head, soft_wrap=True)
            line = Text(f"   [{found.decision}] {found.score:.2f} ")
            false_like = found.rating in FALSE_LIKE
            line.append(found.rating or "?", style="red" if false_like else "green")
            line.append(f" · {found.publisher or '?'} · {found.lang}: ")
            line.append(_shorten(found.claim, 120))
            console.print(line, soft_wrap=True)
            _print_conflicts(found.conflicts, console)

    for warning in doc.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def render_ingest_report(report: Any, console: Console) -> None:
    parts = [f"{report.stored} stored", f"{report.duplicates} duplicates"]
    if report.near_duplicates:
        parts.append(f"{report.near_duplicates} near duplicates (stored, marked)")
    parts.append(f"{len(report.failed)} skipped")
    console.print(", ".join(parts), soft_wrap=True)
    for item in getattr(report, "near_duplicate_items", []):
        original = item.original_source or "an article no longer stored"
        console.print(
            Text(
                f"  near duplicate: {item.source}{_article_number(item.doc_id)} of "
                f"{original}{_article_number(item.original_id)}"
            ),
            soft_wrap=True,
        )
    for source, reason in report.failed:
        console.print(Text(f"  skipped {source}: {reason}", style="yellow"), soft_wrap=True)


def _article_number(doc_id: int | None) -> str:
    return f" (article {doc_id})" if doc_id is not None else ""


def render_search_hits(hits: Sequence[Any], console: Console) -> None:
    if not hits:
        console.print("no results")
        return
    table = Table("id", "lang", "outlet", "date", "title", "snippet")
    for hit in hits:
        table.add_row(
            str(hit.doc_id),
            hit.lang or "",
            Text(hit.outlet or ""),
            hit.published_at or "",
            Text(hit.title or ""),
            Text(_shorten(hit.snippet or "", 120)),
        )
    console.print(table)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_matches(results: Sequence[Any], console: Console) -> None:
    if not results:
        console.print("no check-worthy sentences")
        return
    for result in results:
        head = Text(_shorten(result.text, 160), style="bold")
        if result.checkworthiness is not None:
            head.append(f"  (check-worthiness {result.checkworthiness:.2f})", style="dim")
        console.print(head)
        for candidate in result.candidates:
            meta = candidate.claim.metadata
            decision = candidate.decision or "weak"
            line = Text(f"   [{decision}] {candidate.final:.2f} ")
            style = "red" if meta.get("rating") in FALSE_LIKE else "green"
            line.append(f"{meta.get('rating', '?')}", style=style)
            line.append(f" · {meta.get('publisher') or '?'} · {candidate.claim.lang}: ")
            line.append(_shorten(candidate.claim.claim, 120))
            console.print(line, soft_wrap=True)
            _print_conflicts(candidate.conflicts, console)


def _print_conflicts(conflicts: Sequence[MatchConflict], console: Console) -> None:
    """Why a fact-check is not the text's match: what the text states otherwise."""
    if not conflicts:
        return
    parts = []
    for conflict in conflicts:
        if conflict.kind == "action":
            parts.append(f'"{conflict.text}" here, "{conflict.claim}" in the claim')
        elif conflict.kind != "negation":
            parts.append(f"{conflict.kind} {conflict.text} here, {conflict.claim} in the claim")
        elif conflict.text:
            parts.append(f'negated here ("{conflict.text}"), not in the claim')
        else:
            parts.append(f'negated in the claim ("{conflict.claim}"), not here')
    line = Text("      not the same claim: ", style="yellow")
    line.append("; ".join(parts))
    console.print(line, soft_wrap=True)
