"""`tabayyun serve --demo`: two partner desks, one user per role, sample articles and fact-checks.

Every demo account's password is DEMO_PASSWORD: a demo database is for trying the server on
one's own machine, never for real work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tabayyun.config import Settings
from tabayyun.demo import sample_paths
from tabayyun.registry import DEMO_REGISTRY
from tabayyun.server import accounts, services
from tabayyun.server.db import now_iso
from tabayyun.server.permissions import ROLES
from tabayyun.server.schema import organisations, partners

DEMO_PASSWORD = "tabayyun-demo"
DEMO_ORGS = (
    ("beirut-desk", "Beirut Fact Desk", ("ar", "fa")),
    ("moscow-desk", "Moscow Fact Desk", ("ru", "en")),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation: str
    role: str


def demo_username(role: str, slug: str) -> str:
    """The demo account of `role` at organisation `slug`, e.g. "editor@beirut-desk"."""
    return f"{role}@{slug}"


def seed_demo(settings: Settings) -> list[DemoAccount]:
    """Fill the database with the demo organisations, users, articles and fact-checks.

    Running it again changes nothing. Returns the demo accounts (password: DEMO_PASSWORD).
    """
    ctx = services.ServerContext.open(settings)
    try:
        accounts_made = [
            DemoAccount(demo_username(role, slug), slug, role)
            for slug, _, _ in DEMO_ORGS
            for role in ROLES
        ]
        with ctx.db.read() as conn:
            seeded = conn.execute(
                select(organisations.c.id).where(organisations.c.slug == DEMO_ORGS[0][0])
            ).first()
        if seeded:
            return accounts_made
        editors = {}
        with ctx.db.write() as conn:
            ids = {}
            for slug, name, _ in DEMO_ORGS:
                ids[slug] = accounts.create_organisation(conn, slug, name)
                for role in ROLES:
                    user_id = accounts.create_user(
                        conn,
                        username=demo_username(role, slug),
                        password=DEMO_PASSWORD,
                        org_id=ids[slug],
                        role=role,
                    )
                    if role == "editor":
                        editors[slug] = user_id
            # The two desks share their "shared" fact-checks with each other.
            (a, b) = ids.values()
            for org_id, partner_id in ((a, b), (b, a)):
                conn.execute(
                    partners.insert().values(
                        org_id=org_id, partner_id=partner_id, created_at=now_iso()
                    )
                )
        for slug, _, langs in DEMO_ORGS:
            with ctx.db.read() as conn:
                editor = accounts.actor_for_user(conn, editors[slug], via="session")
            assert editor is not None
            for path in sample_paths():
                text = path.read_text(encoding="utf-8")
                if any(
                    path.name.startswith(f"{lang}-") or f".{lang}." in path.name for lang in langs
                ):
                    services.ingest_article(ctx, editor, text=text)
        content = DEMO_REGISTRY.read_bytes()
        with ctx.db.read() as conn:
            first_editor = accounts.actor_for_user(conn, editors[DEMO_ORGS[0][0]], via="session")
        assert first_editor is not None
        services.import_factchecks(
            ctx, first_editor, filename=DEMO_REGISTRY.name, content=content, visibility="public"
        )
        return accounts_made
    finally:
        ctx.close()


__all__ = ["DEMO_PASSWORD", "DemoAccount", "seed_demo"]
