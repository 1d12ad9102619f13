"""Commands: analyze, ingest, search, db, registry, match, org, user, serve, stages, config."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.text import Text

from tabayyun.config import Settings
from tabayyun.errors import TabayyunError

if TYPE_CHECKING:
    from tabayyun.server.services import ServerContext

app = typer.Typer(
    help="tabayyun: verify the news before you act on it (ar, fa, ru, en).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Create, migrate and inspect the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
registry_app = typer.Typer(
    help="The shared fact-check registry (schema.org ClaimReview).", no_args_is_help=True
)
app.add_typer(registry_app, name="registry")
org_app = typer.Typer(
    help="Organisations of the cooperation server (a newsroom or desk each).", no_args_is_help=True
)
app.add_typer(org_app, name="org")
user_app = typer.Typer(
    help="Users of the cooperation server: add, reset a password, list, deactivate.",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")

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


def _fail(error: TabayyunError) -> NoReturn:
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
    from tabayyun.service import checkworthy_threshold

    settings = _settings(allow_private=allow_private)
    try:
        doc = analyze_source(source, settings=settings)
    except TabayyunError as error:
        _fail(error)
    if as_json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    from tabayyun.cli.report import render_document

    scored = any(s.checkworthiness is not None for s in doc.sentences)
    threshold = checkworthy_threshold(doc.lang, settings) if scored else None
    render_document(doc, console, checkworthy_from=threshold)


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
    state = "up to date" if current == head else "needs `tabayyun db migrate`"
    console.print(f"database: {url}\nrevision: {current or 'none'} (latest {head}): {state}")
    if current == head:
        store = open_store(url, migrate=False)
        try:
            console.print(f"documents: {store.count()}")
        finally:
            store.close()


OrgOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--org", help="The organisation that owns (or sees) the fact-checks."),
]


@registry_app.command("import")
def registry_import(
    sources: Annotated[
        list[str],
        typer.Argument(help="ClaimReview pages, JSON, JSONL, DataFeed or CSV files, URLs."),
    ],
    mapping: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--map", help="CSV column for a field, as field=column; repeat as needed."),
    ] = None,
    org: OrgOption = None,
    visibility: Annotated[
        str, typer.Option(help="Who else sees them: private, shared or public.")
    ] = "public",
    db: DbOption = None,
    allow_private: AllowPrivate = False,
) -> None:
    """Import fact-checks; each bad item is listed with its reason, the rest are stored."""
    from tabayyun.registry.importers import parse_mapping
    from tabayyun.registry.service import import_factchecks
    from tabayyun.registry.store import open_factcheck_store

    settings = _settings(db, allow_private)
    try:
        columns = parse_mapping(mapping or [])
        with open_factcheck_store(settings.resolved_database_url) as store:
            report = import_factchecks(
                sources, store=store, mapping=columns or None, organisation=org,
                visibility=visibility, settings=settings,  # type: ignore[arg-type]
            )  # fmt: skip
    except TabayyunError as error:
        _fail(error)
    console.print(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.rejected)} rejected",
        soft_wrap=True,
    )
    for location, reason in report.rejected:
        console.print(Text(f"  rejected {location}: {reason}", style="yellow"), soft_wrap=True)
    for location, reason in report.flagged:
        console.print(Text(f"  flagged {location}: {reason}", style="cyan"), soft_wrap=True)
    if report.rejected and not (report.added or report.updated or report.unchanged):
        raise typer.Exit(code=1)


@registry_app.command("export")
def registry_export(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write here instead of standard output."),
    ] = None,
    format: Annotated[str, typer.Option(help="datafeed or jsonld.")] = "datafeed",
    org: OrgOption = None,
    db: DbOption = None,
) -> None:
    """Export the registry as a ClaimReview DataFeed or a JSON-LD list."""
    from tabayyun.registry.service import export_factchecks
    from tabayyun.registry.store import open_factcheck_store

    if format not in ("datafeed", "jsonld"):
        _fail(TabayyunError(f"--format must be datafeed or jsonld, not {format!r}"))
    settings = _settings(db)
    try:
        with open_factcheck_store(settings.resolved_database_url) as store:
            data = export_factchecks(store, format=format, organisation=org)  # type: ignore[arg-type]
    except TabayyunError as error:
        _fail(error)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        errors.print(f"wrote {output}")


@registry_app.command("stats")
def registry_stats_command(db: DbOption = None) -> None:
    """Count fact-checks by rating, language and publisher; list unknown rating words."""
    from rich.table import Table

    from tabayyun.registry.service import registry_stats
    from tabayyun.registry.store import open_factcheck_store

    settings = _settings(db)
    try:
        with open_factcheck_store(settings.resolved_database_url) as store:
            stats = registry_stats(store)
    except TabayyunError as error:
        _fail(error)
    console.print(f"fact-checks: {stats.get('total', 0)}")
    for key in ("by_rating", "by_language", "by_publisher"):
        counts = stats.get(key) or {}
        if counts:
            table = Table(key.replace("by_", ""), "count")
            for name, count in sorted(counts.items(), key=lambda kv: -kv[1]):
                label = Text(str(name)) if name else Text(f"(no {key[3:]})", style="dim")
                table.add_row(label, str(count))
            console.print(table)
    unknown = stats.get("unknown_rating_words") or []
    if unknown:
        console.print(Text("unknown rating words: " + ", ".join(map(str, unknown))), soft_wrap=True)


@app.command()
def match(
    text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="A claim or sentence in any of the four languages."),
    ] = None,
    file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--file", help="An article (file or URL): match its check-worthy sentences."),
    ] = None,
    k: Annotated[int, typer.Option("-k", help="Fact-checks shown per text.")] = 3,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--lang", help="The text's language (ar, fa, ru, en); detected if left out."),
    ] = None,
    db: DbOption = None,
    allow_private: AllowPrivate = False,
) -> None:
    """Find published fact-checks for a claim, or for each check-worthy sentence of an article."""
    from tabayyun.service import match_article, match_claims

    if bool(text) == bool(file):
        _fail(TabayyunError('give either a text or --file ARTICLE, e.g. tabayyun match "..."'))
    settings = _settings(db, allow_private)
    try:
        if file:
            results = match_article(file, settings=settings, k=k, lang=lang)
        else:
            results = match_claims([text or ""], settings=settings, k=k, langs=[lang])
    except TabayyunError as error:
        _fail(error)
    from tabayyun.cli.report import render_matches

    render_matches(results, console)


# -- the server's organisations and users -------------------------------------------------------

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (for scripts) instead of asking for it.",
    ),
]


@contextmanager
def _server(db: str | None) -> Iterator[ServerContext]:
    """The server's context over the database (created and migrated when needed)."""
    from tabayyun.server.services import ServerContext

    try:
        ctx = ServerContext.open(_settings(db))
    except TabayyunError as error:
        _fail(error)
    try:
        yield ctx
    finally:
        ctx.close()


def _new_password(from_stdin: bool) -> str:
    """The password from a hidden prompt asked twice, or from standard input (one line; its
    line ending is not part of it). Never an argument: it would stay in the shell's history and
    show in `ps`."""
    if from_stdin:
        text = sys.stdin.read()
        for ending in ("\r\n", "\n"):
            if text.endswith(ending):
                return text[: -len(ending)]
        return text
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@org_app.command("create")
def org_create(
    slug: Annotated[
        str, typer.Argument(help="Stable id: lower-case letters, digits, hyphens (kyiv-desk).")
    ],
    name: Annotated[str, typer.Option("--name", help="The name people read (Kyiv Fact Desk).")],
    db: DbOption = None,
) -> None:
    """Add an organisation; then add its first admin with `tabayyun user add`."""
    from tabayyun.server import admin

    with _server(db) as ctx:
        try:
            made = admin.create_organisation(ctx, slug, name)
        except TabayyunError as error:
            _fail(error)
    console.print(Text(f"organisation {made['slug']} ({made['name']}) created"), soft_wrap=True)
    console.print(
        Text(f"next: tabayyun user add USERNAME --org {made['slug']} --role admin"),
        soft_wrap=True,
    )


@org_app.command("list")
def org_list(db: DbOption = None) -> None:
    """List the organisations with how many active users each has."""
    from rich.table import Table

    from tabayyun.server import admin

    with _server(db) as ctx:
        found = admin.list_organisations(ctx)
    if not found:
        console.print("no organisations yet; add one with `tabayyun org create SLUG --name NAME`")
        return
    table = Table("id", "name", "active users", "created")
    for org in found:
        table.add_row(
            Text(org["slug"]), Text(org["name"]), str(org["active_users"]), org["created_at"]
        )
    console.print(table)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="The name to sign in with.")],
    org: Annotated[str, typer.Option("--org", help="The user's organisation (its id).")],
    role: Annotated[str, typer.Option("--role", help="admin, editor, reviewer or viewer.")],
    display_name: Annotated[
        str, typer.Option("--display-name", help="The name shown to others (default: username).")
    ] = "",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add a user; asks for the password twice (or reads it with --password-stdin)."""
    from tabayyun.server import admin

    with _server(db) as ctx:
        try:
            admin.check_new_user(ctx, username=username, org=org, role=role)
            password = _new_password(password_stdin)
            made = admin.add_user(
                ctx, username=username, password=password, org=org, role=role,
                display_name=display_name,
            )  # fmt: skip
        except TabayyunError as error:
            _fail(error)
    console.print(
        Text(f"user {made['username']} added to {made['organisation']} as {made['role']}"),
        soft_wrap=True,
    )


@user_app.command("passwd")
def user_passwd(
    username: Annotated[str, typer.Argument(help="Whose password to reset.")],
    revoke_keys: Annotated[
        bool,
        typer.Option("--revoke-keys", help="Also revoke the user's API keys (account misused?)."),
    ] = False,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Reset a user's password; every session of theirs ends (they sign in again)."""
    from tabayyun.server import admin

    with _server(db) as ctx:
        try:
            admin.find_user(ctx, username)
            password = _new_password(password_stdin)
            done = admin.reset_password(ctx, username, password, revoke_keys=revoke_keys)
        except TabayyunError as error:
            _fail(error)
    ended = _counted(done["sessions_ended"], "session", "sessions")
    console.print(Text(f"password of {done['username']} reset; {ended} ended"), soft_wrap=True)
    if revoke_keys:
        console.print(f"{_counted(done['keys_revoked'], 'API key', 'API keys')} revoked")
    elif done["keys_kept"]:
        works = "still works" if done["keys_kept"] == 1 else "still work"
        console.print(
            f"{_counted(done['keys_kept'], 'API key', 'API keys')} {works}; "
            "run again with --revoke-keys to revoke them too",
            soft_wrap=True,
        )


@user_app.command("list")
def user_list(
    org: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--org", help="Only the users of this organisation."),
    ] = None,
    db: DbOption = None,
) -> None:
    """List users with their organisation, role and whether they are active."""
    from rich.table import Table

    from tabayyun.server import admin

    with _server(db) as ctx:
        try:
            found = admin.list_users(ctx, org)
        except TabayyunError as error:
            _fail(error)
    if not found:
        console.print(
            "no users yet; add one with `tabayyun user add USERNAME --org ID --role ROLE`"
        )
        return
    table = Table("username", "name", "organisation", "role", "state")
    for user in found:
        state = "active" if user["active"] else "deactivated"
        table.add_row(
            Text(user["username"]), Text(user["display_name"]), Text(user["organisation"]),
            user["role"], state,
        )  # fmt: skip
    console.print(table)


@user_app.command("deactivate")
def user_deactivate(
    username: Annotated[str, typer.Argument(help="Who to lock out.")],
    db: DbOption = None,
) -> None:
    """Deactivate a user: no sign-in, no API key; their sessions end now."""
    from tabayyun.server import admin

    with _server(db) as ctx:
        try:
            done = admin.deactivate_user(ctx, username)
        except TabayyunError as error:
            _fail(error)
    ended = _counted(done["sessions_ended"], "session", "sessions")
    state = "deactivated" if done["was_active"] else "was deactivated already"
    console.print(Text(f"user {done['username']} {state}; {ended} ended"), soft_wrap=True)
    console.print("an admin of the organisation can make them active again on its page")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Seed demo organisations, users and sample data first.")
    ] = False,
    forwarded_allow_ips: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--forwarded-allow-ips",
            help="Reverse proxies whose X-Forwarded-For names the client: addresses or networks, "
            "comma-separated; '' for none (default: TABAYYUN_FORWARDED_ALLOW_IPS, else this host).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Run the cooperation server (web UI at /, REST API under /api/v1)."""
    import dataclasses

    import uvicorn

    from tabayyun.config import checked_forwarded_allow_ips
    from tabayyun.server import admin, create_app, seed_demo

    settings = _settings(db)
    if forwarded_allow_ips is not None:
        settings = dataclasses.replace(settings, forwarded_allow_ips=forwarded_allow_ips)
    try:
        # uvicorn sets the client address from X-Forwarded-For only for these peers.
        trusted = checked_forwarded_allow_ips(settings.forwarded_allow_ips)
        if demo:
            accounts = seed_demo(settings)
            console.print("demo accounts (password: tabayyun-demo):")
            for account in accounts:
                console.print(Text(f"  {account.username} ({account.role})"), soft_wrap=True)
        application = create_app(settings)
        hint = admin.setup_hint(application.state.ctx.db)
    except TabayyunError as error:
        _fail(error)
    if hint:
        same_db = f" (each with --db {db})" if db else ""
        errors.print(Text(f"warning: {hint}{same_db}", style="yellow"), soft_wrap=True)
    console.print(f"web UI: http://{host}:{port}/  (ar, fa, ru, en)")
    console.print(f"API: http://{host}:{port}/api/v1/  (OpenAPI: /api/v1/openapi.json)")
    uvicorn.run(
        application,
        host=host,
        port=port,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted,
    )


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
