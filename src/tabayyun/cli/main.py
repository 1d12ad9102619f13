"""Commands: analyze, ingest, search, db, stages, config."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from tabayyun.config import Settings
from tabayyun.errors import TabayyunError

app = typer.Typer(
    help="tabayyun: verify the news before you act on it (ar, fa, ru, en).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Create, migrate and inspect the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    Optional[str],  # noqa: UP045  (typer needs Optional on 3.9-style annotations)
    typer.Option("--db", help="Database URL (default: sqlite file under the data directory)."),
]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Allow fetching private, loopback and link-local addresses."
    ),
]


def _settings(db: str | None = None, allow_private: bool = False) -> Settings:
    return Settings.from_env(database_url=db, allow_private_addresses=allow_private or None)


def _fail(error: TabayyunError) -> None:
    errors.print(f"[bold red]error:[/] {error}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code=2)


@app.command()
def analyze(
    source: Annotated[str, typer.Argument(help="A text or HTML file, a URL, or - for stdin.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the full Document as JSON.")
    ] = False,
    allow_private: AllowPrivate = False,
) -> None:
    """Analyse one article and print a report (or the whole Document with --json)."""
    from tabayyun.service import analyze as analyze_source

    try:
        doc = analyze_source(source, settings=_settings(allow_private=allow_private))
    except TabayyunError as error:
        _fail(error)
        return
    if as_json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from tabayyun.cli.report import render_document

    render_document(doc, console)


@app.command()
def ingest(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help="Files, folders (read recursively), URLs, or - for stdin."),
    ] = None,
    feed: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--feed", help="An RSS/Atom feed URL or file; repeat for several."),
    ] = None,
    db: DbOption = None,
    allow_private: AllowPrivate = False,
) -> None:
    """Analyse and store articles; ends with a summary of what was stored and skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from tabayyun.service import ingest as ingest_sources

    if not paths and not feed:
        _fail(TabayyunError("nothing to ingest; pass files, folders, URLs or --feed URL"))
    settings = _settings(db, allow_private)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_item(source: str, outcome: str) -> None:
            progress.update(task, advance=1, description=f"{outcome}: {Path(source).name[:40]}")

        try:
            report = ingest_sources(
                paths or [], feeds=feed or [], settings=settings, on_item=on_item
            )
        except TabayyunError as error:
            _fail(error)
            return
    from tabayyun.cli.report import render_ingest_report

    render_ingest_report(report, console)
    raise typer.Exit(code=report.exit_code)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find, in any of the four languages.")],
    lang: Annotated[Optional[str], typer.Option(help="Only this language.")] = None,  # noqa: UP045
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    db: DbOption = None,
) -> None:
    """Full-text search over stored articles (normalised, so spelling variants match)."""
    from tabayyun.service import search_articles

    try:
        hits = search_articles(query, lang=lang, limit=limit, settings=_settings(db))
    except TabayyunError as error:
        _fail(error)
        return
    from tabayyun.cli.report import render_search_hits

    render_search_hits(hits, console)


@db_app.command("init")
def db_init(db: DbOption = None) -> None:
    """Create the database (if needed) and bring its schema to the latest revision."""
    _migrate(db)


@db_app.command("migrate")
def db_migrate(db: DbOption = None) -> None:
    """Apply pending schema migrations."""
    _migrate(db)


def _migrate(db: str | None) -> None:
    from tabayyun.storage.base import migrate

    settings = _settings(db)
    try:
        revision = migrate(settings.resolved_database_url)
    except TabayyunError as error:
        _fail(error)
        return
    console.print(f"database {settings.resolved_database_url} is at revision {revision}")


@db_app.command("status")
def db_status(db: DbOption = None) -> None:
    """Show the schema revision and how many documents are stored."""
    from tabayyun.storage.base import open_store, schema_status

    settings = _settings(db)
    url = settings.resolved_database_url
    try:
        current, head = schema_status(url)
    except TabayyunError as error:
        _fail(error)
        return
    state = "up to date" if current == head else "needs `tabayyun db migrate`"
    console.print(f"database: {url}\nrevision: {current or 'none'} (latest {head}): {state}")
    if current == head:
        store = open_store(url, migrate=False)
        try:
            console.print(f"documents: {store.count()}")
        finally:
            store.close()


@app.command()
def stages() -> None:
    """List the pipeline's stages with what each reads and writes."""
    from rich.table import Table

    from tabayyun.pipeline import registered_stages
    from tabayyun.stages import ANALYSIS_STAGES

    table = Table("stage", "reads", "writes", "what it does")
    for name, spec in registered_stages().items():
        marker = "" if name in ANALYSIS_STAGES else " (plugin)"
        table.add_row(name + marker, ", ".join(spec.reads), ", ".join(spec.writes), spec.help)
    console.print(table)


@app.command()
def config() -> None:
    """Show every setting, its default and its environment variable."""
    from rich.table import Table

    table = Table("setting", "environment variable", "default", "help")
    for name, default, help_text in Settings.describe():
        table.add_row(name, f"TABAYYUN_{name.upper()}", default, help_text)
    console.print(table)


def main() -> None:
    app()
