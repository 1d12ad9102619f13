"""`make demo`: analyse the bundled sample articles in four languages, store and search them."""

from __future__ import annotations

import tempfile
import time
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from tabayyun.cli.report import render_document, render_ingest_report, render_search_hits
from tabayyun.config import Settings
from tabayyun.service import analyze, checkworthy_threshold, ingest, search_articles

SAMPLE_SUFFIXES = {".txt", ".html", ".xml", ".jsonl"}
DEMO_QUERIES = (
    ("الاخبار المزيفه", "ar"),
    ("ذخاير سدهاي مشهد", "fa"),
    ("ремонт школ", "ru"),
    ("flood bridges", "en"),
)


SEED_SAMPLE = "alkawthar-iran-russia-media-cooperation.ar.txt"


# Claims reworded from the demo registry's cases, one per language, and one that alters a case
# (the schools will open, where the fact-checked claim says they will close): found, but a
# suggestion that says what differs, never a match.
DEMO_CLAIMS = (
    "ذخایر سدهای مشهد تمام شده است",
    "Мешхедские плотины полностью опустели",
    "All the bridges over the River Aire collapsed in the February floods",
    "روسيا ستغلق كل مواقع الأخبار الأجنبية",
    "Novgorod region will reopen 27 schools",
)


def sample_path(name: str) -> Path:
    """One bundled sample file by name."""
    return Path(str(resources.files("tabayyun") / "samples" / name))


def sample_paths() -> list[Path]:
    """The bundled sample articles (their sources are listed in samples/README.md)."""
    folder = Path(str(resources.files("tabayyun") / "samples"))
    return sorted(p for p in folder.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def main() -> None:
    console = Console()
    started = time.perf_counter()
    paths = sample_paths()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(database_url=f"sqlite:///{Path(tmp) / 'demo.db'}")
        from tabayyun.cli.report import render_matches
        from tabayyun.registry import DEMO_REGISTRY
        from tabayyun.registry.service import import_factchecks
        from tabayyun.registry.store import open_factcheck_store
        from tabayyun.service import build_match_engine, match_claims

        # The registry first, so that analysis shows each article's matched fact-checks.
        store = open_factcheck_store(settings.resolved_database_url)
        report = import_factchecks([DEMO_REGISTRY], store=store, settings=settings)
        store.close()
        console.print(f"imported {report.added} demo fact-checks (written for the demo)")
        for path in paths:
            console.print(Rule(path.name))
            doc = analyze(str(path), settings=settings)
            threshold = checkworthy_threshold(doc.lang, settings)
            render_document(doc, console, checkworthy_from=threshold)

        console.print(Rule("ingest into a fresh database, twice"))
        for attempt in ("first run", "second run (same files)"):
            console.print(f"[bold]{attempt}:[/] ", end="")
            render_ingest_report(ingest([str(p) for p in paths], settings=settings), console)

        console.print(Rule("full-text search (normalised)"))
        for query, lang in DEMO_QUERIES:
            console.print(f"[bold]search[/] {query!r} ({lang})")
            render_search_hits(search_articles(query, settings=settings), console)
        console.print(Rule("fact-check registry: claims matched across languages"))
        engine = build_match_engine(settings)
        render_matches(match_claims(DEMO_CLAIMS, settings=settings, engine=engine, k=2), console)
    console.print(f"demo finished in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
