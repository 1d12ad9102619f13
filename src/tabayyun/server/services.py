"""The server's verbs. The REST API and the web UI call these and nothing deeper.

Every verb takes the `ServerContext` and the acting user, checks the permission table, does
its work, and records each write in the audit log in the same transaction. Results are
JSON-ready dicts; lists come in one envelope: {"items", "page", "per_page", "total"}.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from tabayyun import service
from tabayyun.config import Settings, checked_preference
from tabayyun.errors import BlockedAddressError, ConfigError, InputError
from tabayyun.lang.codes import language_filter
from tabayyun.matching.tweet import sentence_rows
from tabayyun.model import Document
from tabayyun.registry.exporters import to_datafeed, to_jsonld
from tabayyun.registry.importers import read_factchecks
from tabayyun.registry.model import VISIBILITIES, FactCheck
from tabayyun.registry.service import flag_reasons
from tabayyun.server import accounts, audit, claims, factchecks
from tabayyun.server.audit import Actor
from tabayyun.server.db import Database, now_iso
from tabayyun.server.errors import ConflictError, NotFoundError
from tabayyun.server.near_duplicates import StoredNearDuplicates
from tabayyun.server.permissions import ROLE_PERMISSIONS, has_permission, require
from tabayyun.server.schema import claims as claims_table
from tabayyun.server.schema import organisations, partners, publisher_trust, users
from tabayyun.server.usernames import username_key
from tabayyun.storage.base import Store, open_store
from tabayyun.storage.schema import documents
from tabayyun.storage.schema import factchecks as factchecks_table

MAX_PER_PAGE = 100
MAX_SEARCH_HITS = 500  # article search ranks at most this many hits; `total` is capped by it


@dataclass
class ServerContext:
    """What every verb needs: settings, the article store and the server's database."""

    settings: Settings
    store: Store
    db: Database
    fetcher: Any = field(default=None)  # an httpx-based Fetcher stand-in for tests
    # Per organisation: the visible registry's fingerprint, its engine and the content hash of
    # each fact-check it indexes (to grow the engine instead of rebuilding it).
    match_engines: dict[int, tuple[str, Any, dict[str, str]]] = field(default_factory=dict)
    # Every stored article's near-duplicate signature, kept between requests.
    near_duplicates: StoredNearDuplicates = field(init=False)

    def __post_init__(self) -> None:
        self.near_duplicates = StoredNearDuplicates(self.db, self.settings.near_duplicate_threshold)

    @classmethod
    def open(cls, settings: Settings) -> ServerContext:
        """Open (and migrate) the database named by `settings`."""
        # Matching during analysis would see every organisation's fact-checks; the server
        # matches per organisation instead (`organisation_engine`).
        settings = dataclasses.replace(settings, pipeline_matching=False)
        url = settings.resolved_database_url
        store = open_store(url)
        return cls(settings=settings, store=store, db=Database(url))

    def close(self) -> None:
        """Release every connection."""
        self.store.close()
        self.db.close()


def envelope(items: list[Any], page: int, per_page: int, total: int) -> dict[str, Any]:
    """The one pagination shape of every list."""
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def check_page(page: int, per_page: int) -> None:
    """InputError for a page below 1 or a page size outside 1..MAX_PER_PAGE."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError(f"page must be 1 or more and per_page between 1 and {MAX_PER_PAGE}")


# -- accounts ------------------------------------------------------------------------------


def login(ctx: ServerContext, username: str, password: str, client: str) -> tuple[Actor, str]:
    """Check the password and open a session; returns the actor and the session token."""
    actor = accounts.authenticate(ctx.db, username, password, client)
    with ctx.db.write() as conn:
        session = accounts.start_session(conn, actor.user_id)
        audit.record(conn, actor, "auth.login", f"user:{actor.user_id}", {"via": "password"})
    return actor, session.token


def logout(ctx: ServerContext, actor: Actor, session_token: str) -> None:
    """End the session."""
    with ctx.db.write() as conn:
        accounts.end_session(conn, session_token)
        audit.record(conn, actor, "auth.logout", f"user:{actor.user_id}")


def me(ctx: ServerContext, actor: Actor) -> dict[str, Any]:
    """The acting user, their organisation and what their role allows."""
    with ctx.db.read() as conn:
        org = conn.execute(
            select(organisations.c.name).where(organisations.c.id == actor.org_id)
        ).scalar()
    return {
        "id": actor.user_id,
        "username": actor.username,
        "role": actor.role,
        "organisation": {"id": actor.org_id, "slug": actor.org_slug, "name": org},
        "permissions": sorted(ROLE_PERMISSIONS.get(actor.role, frozenset())),  # type: ignore[call-overload]
        "authenticated_by": actor.via,
    }


def create_key(
    ctx: ServerContext, actor: Actor, name: str, *, expires_in_days: int | None = None
) -> dict[str, Any]:
    """A new API key for the actor, expiring after `expires_in_days` (None: never, or after
    the organisation's `max_key_days` when it sets one); the key itself is in this answer only."""
    require(actor.role, "keys.manage")
    with ctx.db.write() as conn:
        new = accounts.create_api_key(conn, actor.user_id, name, expires_in_days=expires_in_days)
        detail = {"name": name, "expires_at": new.expires_at}
        audit.record(conn, actor, "key.create", f"key:{new.id}", detail)
    return {"id": new.id, "name": name, "key": new.token, "expires_at": new.expires_at}


def list_keys(ctx: ServerContext, actor: Actor) -> list[dict[str, Any]]:
    """The actor's API keys, without secrets."""
    require(actor.role, "keys.manage")
    with ctx.db.read() as conn:
        return accounts.list_api_keys(conn, actor.user_id)


def revoke_key(ctx: ServerContext, actor: Actor, key_id: int) -> None:
    """Revoke one of the actor's keys."""
    require(actor.role, "keys.manage")
    with ctx.db.write() as conn:
        accounts.revoke_api_key(conn, actor.user_id, key_id)
        audit.record(conn, actor, "key.revoke", f"key:{key_id}")


# -- organisation settings -----------------------------------------------------------------

# The languages whose effective queue threshold the organisation page shows.
QUEUE_LANGUAGES = ("ar", "fa", "ru", "en")


def get_organisation(ctx: ServerContext, actor: Actor) -> dict[str, Any]:
    """The actor's organisation: members with roles, partners, publisher trust."""
    with ctx.db.read() as conn:
        org = conn.execute(select(organisations).where(organisations.c.id == actor.org_id)).one()
        members = conn.execute(
            select(users.c.id, users.c.username, users.c.display_name, users.c.role, users.c.active)
            .where(users.c.org_id == actor.org_id)
            .order_by(users.c.username)
        )
        partner_rows = conn.execute(
            select(organisations.c.slug, organisations.c.name)
            .join(partners, partners.c.partner_id == organisations.c.id)
            .where(partners.c.org_id == actor.org_id)
            .order_by(organisations.c.slug)
        )
        return {
            "id": org.id,
            "slug": org.slug,
            "name": org.name,
            "members": [dict(r._mapping) for r in members],
            "partners": [dict(r._mapping) for r in partner_rows],
            "publisher_trust": factchecks.trust_map(conn, actor.org_id),
            # None: the server's setting, which `match_foreign_preference_effective` then shows.
            "match_foreign_preference": org.match_foreign_preference,
            "match_foreign_preference_effective": _effective_preference(
                ctx, org.match_foreign_preference
            ),
            # None: the server's setting; the effective threshold of each language follows.
            "checkworthiness_threshold": org.checkworthiness_threshold,
            "checkworthiness_threshold_effective": {
                lang: _effective_queue_threshold(ctx, org.checkworthiness_threshold, lang)
                for lang in QUEUE_LANGUAGES
            },
            # The longest lifetime of a new API key, in days (None: no limit).
            "max_key_days": org.max_key_days,
        }


def add_member(
    ctx: ServerContext,
    actor: Actor,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
) -> dict[str, Any]:
    """Add a user to the actor's organisation."""
    require(actor.role, "org.manage")
    # argon2 takes ~100 ms: hash before taking the database's single writer.
    password_hash = accounts.hash_password(password)
    with ctx.db.write() as conn:
        user_id = accounts.create_user(
            conn,
            username=username,
            password_hash=password_hash,
            org_id=actor.org_id,
            role=role,
            display_name=display_name,
        )
        audit.record(
            conn, actor, "member.add", f"user:{user_id}", {"username": username, "role": role}
        )
    return {"id": user_id, "username": username, "role": role}


def revoke_member_keys(ctx: ServerContext, actor: Actor, user_id: int) -> dict[str, Any]:
    """Revoke every API key of a member of the actor's organisation: an admin who learns a key
    leaked should not have to deactivate its owner to stop it."""
    require(actor.role, "org.manage")
    with ctx.db.write() as conn:
        member = conn.execute(
            select(users.c.id).where(users.c.id == user_id, users.c.org_id == actor.org_id)
        ).scalar()
        if member is None:
            raise NotFoundError("no member %(id)s in your organisation", id=user_id)
        revoked = accounts.revoke_api_keys(conn, user_id)
        audit.record(conn, actor, "member.keys_revoked", f"user:{user_id}", {"revoked": revoked})
    return {"id": user_id, "revoked": revoked}


def update_member(
    ctx: ServerContext,
    actor: Actor,
    user_id: int,
    *,
    role: str | None = None,
    active: bool | None = None,
) -> dict[str, Any]:
    """Change a member's role or (de)activate them; an admin cannot demote or lock out
    themself, so an organisation always keeps an admin who made the change."""
    require(actor.role, "org.manage")
    if role is not None:
        accounts.check_role(role)
    if user_id == actor.user_id and (role not in (None, "admin") or active is False):
        raise ConflictError("you cannot demote or deactivate yourself; ask another admin")
    changes = {k: v for k, v in {"role": role, "active": active}.items() if v is not None}
    if not changes:
        raise InputError("give a role or active to change")
    with ctx.db.write() as conn:
        result = conn.execute(
            update(users)
            .where(users.c.id == user_id, users.c.org_id == actor.org_id)
            .values(**changes)
        )
        if result.rowcount == 0:
            raise NotFoundError("no member %(id)s in your organisation", id=user_id)
        if active is False:
            # Deactivation ends the sessions too: reactivating must not bring back a browser
            # left signed in (the CLI's `user deactivate` does the same).
            accounts.end_sessions(conn, user_id)
        audit.record(conn, actor, "member.update", f"user:{user_id}", changes)
    return {"id": user_id, **changes}


def set_partner(ctx: ServerContext, actor: Actor, slug: str, *, shared: bool) -> None:
    """Share (or stop sharing) the organisation's `shared` fact-checks with organisation `slug`."""
    require(actor.role, "org.manage")
    with ctx.db.write() as conn:
        partner_id = accounts.organisation_id(conn, slug)
        if partner_id == actor.org_id:
            raise InputError("an organisation always sees its own fact-checks; pick another")
        conn.execute(
            delete(partners).where(
                partners.c.org_id == actor.org_id, partners.c.partner_id == partner_id
            )
        )
        if shared:
            conn.execute(
                insert(partners).values(
                    org_id=actor.org_id, partner_id=partner_id, created_at=now_iso()
                )
            )
        action = "partner.add" if shared else "partner.remove"
        audit.record(conn, actor, action, f"org:{slug}")


def set_trust(ctx: ServerContext, actor: Actor, publisher: str, trust: float | None) -> None:
    """Set the organisation's trust (0..1) in a publisher; None forgets it."""
    require(actor.role, "org.manage")
    publisher = publisher.strip()
    if not publisher:
        raise InputError("name the publisher")
    if trust is not None and not 0.0 <= trust <= 1.0:
        raise InputError("trust must be between 0 (never) and 1 (fully)")
    with ctx.db.write() as conn:
        # One entry per publisher however it is spelt: the new spelling replaces the old.
        key = factchecks.publisher_key(publisher)
        same = [
            p
            for p in factchecks.trust_map(conn, actor.org_id)
            if factchecks.publisher_key(p) == key
        ]
        conn.execute(
            delete(publisher_trust).where(
                publisher_trust.c.org_id == actor.org_id, publisher_trust.c.publisher.in_(same)
            )
        )
        if trust is not None:
            conn.execute(
                insert(publisher_trust).values(
                    org_id=actor.org_id, publisher=publisher, trust=trust, updated_at=now_iso()
                )
            )
        audit.record(conn, actor, "trust.set", f"publisher:{publisher}", {"trust": trust})


def set_match_preference(ctx: ServerContext, actor: Actor, preference: float | None) -> None:
    """Set the organisation's `match_foreign_preference` (log-odds for fact-checks in another
    language than the text); None goes back to the server's setting.

    Open claims are matched again (a batch per queue view), as after a registry change: the
    state each was matched against (`match_state`) names the preference it was scored with.
    """
    require(actor.role, "org.manage")
    if preference is not None:
        try:
            preference = checked_preference(preference)
        except ConfigError as exc:  # the caller's input, not the server's configuration
            raise InputError(exc.msgid, **exc.params) from None
    _set_org_setting(
        ctx, actor, "match_foreign_preference", preference, ("org.match_preference", "preference")
    )


def _set_org_setting(
    ctx: ServerContext,
    actor: Actor,
    column: str,
    value: float | None,
    audited_as: tuple[str, str],
) -> None:
    """Store one of the organisation's own settings (None: the server's) and audit it as
    (action, name of the value in the detail)."""
    action, name = audited_as
    with ctx.db.write() as conn:
        conn.execute(
            update(organisations).where(organisations.c.id == actor.org_id).values({column: value})
        )
        audit.record(conn, actor, action, f"org:{actor.org_id}", {name: value})


def _effective_preference(ctx: ServerContext, preference: float | None) -> float:
    return ctx.settings.match_foreign_preference if preference is None else preference


def set_queue_threshold(ctx: ServerContext, actor: Actor, threshold: float | None) -> None:
    """Set the check-worthiness from which a sentence enters the organisation's review queue;
    None goes back to the server's setting (by default the model's own threshold per language).

    It applies to articles ingested afterwards: claims already queued stay.
    """
    require(actor.role, "org.manage")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(
            "the queue threshold is a check-worthiness probability from 0 to 1, not %(value)s; "
            "leave it empty for the server's setting",
            value=threshold,
        )
    _set_org_setting(
        ctx, actor, "checkworthiness_threshold", threshold, ("org.queue_threshold", "threshold")
    )


def set_max_key_days(ctx: ServerContext, actor: Actor, days: int | None) -> None:
    """Set the longest lifetime of an API key the organisation's members make (None: no
    limit). Applies to keys made afterwards: a key asked for without a lifetime gets this one,
    a longer one is refused."""
    require(actor.role, "org.manage")
    if days is not None:
        accounts.check_key_days(
            days, "the longest lifetime of a key is 1 to %(max)s days, not %(days)s"
        )
    _set_org_setting(ctx, actor, "max_key_days", days, ("org.max_key_days", "max_key_days"))


def queue_threshold(ctx: ServerContext, org_id: int, lang: str | None) -> float:
    """The check-worthiness from which a sentence in `lang` enters `org_id`'s review queue."""
    with ctx.db.read() as conn:
        own = conn.execute(
            select(organisations.c.checkworthiness_threshold).where(organisations.c.id == org_id)
        ).scalar()
    return _effective_queue_threshold(ctx, own, lang)


def _effective_queue_threshold(ctx: ServerContext, own: float | None, lang: str | None) -> float:
    return claims.threshold(ctx.settings, lang) if own is None else float(own)


def list_audit(
    ctx: ServerContext,
    actor: Actor,
    *,
    page: int = 1,
    per_page: int = 50,
    action: str | None = None,
) -> dict[str, Any]:
    """The organisation's audit log, newest first."""
    require(actor.role, "audit.read")
    check_page(page, per_page)
    rows, total = audit.list_entries(
        ctx.db, actor.org_id, page=page, per_page=per_page, action=action
    )
    return envelope(rows, page, per_page, total)


# -- articles ------------------------------------------------------------------------------


def analyze(
    ctx: ServerContext,
    actor: Actor,
    *,
    text: str | None = None,
    url: str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """Analyse a text or a URL without storing anything; a near duplicate of a stored article
    is marked (`near_duplicate_of`, and the article's id in `near_duplicate_of_id`)."""
    require(actor.role, "articles.read")
    doc = _analyse(ctx, text=text, url=url, title=title, lang=lang)
    threshold = queue_threshold(ctx, actor.org_id, doc.lang)
    return {
        **doc.to_dict(),
        "near_duplicate_of_id": _article_id(ctx, doc.near_duplicate_of),
        "checkworthy_threshold": threshold,
    }


def _article_id(ctx: ServerContext, content_hash: str | None) -> int | None:
    """The id of the stored article with `content_hash`, None for none."""
    return ctx.store.doc_id_of(content_hash) if content_hash else None


def _analyse(
    ctx: ServerContext, *, text: str | None, url: str | None, title: str | None, lang: str | None
) -> Document:
    if bool(text) == bool(url):
        raise InputError("send either `text` or `url`, not both and not neither")
    # Near duplicates are looked up among stored articles; the analysed one is not added.
    stored = ctx.near_duplicates.current()
    if url:
        # The loader also reads local paths (for the CLI); over the network that would hand
        # out the server's files, so only web addresses are taken here.
        parsed = urlsplit(url.strip())
        if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
            raise InputError(
                "%(url)s is not a web address; the server fetches only http(s) URLs "
                "(to analyse a file, paste its text or use `tabayyun analyze FILE`)",
                url=repr(url[:200]),
            )
        # The loader refuses private, loopback and link-local targets unless settings allow.
        try:
            return service.analyze(
                url.strip(), settings=ctx.settings, fetcher=ctx.fetcher, near_duplicates=stored
            )
        except BlockedAddressError:
            # The loader's own message names the address a host resolves to: useful on the
            # command line, a map of the internal network for any signed-in caller here.
            raise BlockedAddressError(
                "refused to fetch %(url)s: it leads to a private, loopback or "
                "link-local address; the server's administrator can allow such addresses "
                "(TABAYYUN_ALLOW_PRIVATE_ADDRESSES)",
                url=repr(url.strip()[:200]),
            ) from None
    return service.analyze_text(
        text or "", title=title, lang=lang, settings=ctx.settings, near_duplicates=stored
    )


def ingest_article(
    ctx: ServerContext,
    actor: Actor,
    *,
    text: str | None = None,
    url: str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """Analyse and store an article, and put its claims in the organisation's queue.

    An article stored before (same content) is not stored again, but its claims still join
    this organisation's queue. A near duplicate of a stored article is stored and marked
    (`near_duplicate_of_id`); its sentences already claimed from that article, and any sentence
    already open in the queue, are not queued again (`claims.create_for_document`).
    """
    require(actor.role, "articles.write")
    doc = _analyse(ctx, text=text, url=url, title=title, lang=lang)
    saved = ctx.store.save(doc)
    doc_id = saved.doc_id if saved.doc_id is not None else saved.duplicate_of
    assert doc_id is not None  # a save either stores or names the copy it found
    # A copy of a stored article keeps that article's mark, made when it was stored.
    mark = doc.near_duplicate_of if saved.status == "stored" else _stored_mark(ctx, doc_id)
    original_id = _article_id(ctx, mark)
    min_score = queue_threshold(ctx, actor.org_id, doc.lang)
    with ctx.db.write() as conn:
        added = claims.create_for_document(
            conn,
            org_id=actor.org_id,
            doc_id=doc_id,
            doc=doc,
            min_score=min_score,
            near_duplicate_of=original_id,
        )
        audit.record(
            conn,
            actor,
            "article.ingest",
            f"article:{doc_id}",
            {
                "status": saved.status,
                "claims_added": added,
                "source": url or "text",
                "near_duplicate_of": original_id,
            },
        )
    matched = _match_new_claims(ctx, actor, doc_id, doc)
    return {
        "id": doc_id,
        "status": saved.status,
        "near_duplicate_of_id": original_id,
        "claims_added": added,
        "claims_matched": matched,
        "lang": doc.lang,
    }


def _stored_mark(ctx: ServerContext, doc_id: int) -> str | None:
    """The near-duplicate mark (a content hash) the stored article `doc_id` was given."""
    query = select(documents.c.near_duplicate_of).where(documents.c.id == doc_id)
    with ctx.db.read() as conn:
        mark = conn.execute(query).scalar()
    return str(mark) if mark else None


def _match_new_claims(ctx: ServerContext, actor: Actor, doc_id: int, doc: Document) -> int:
    """Record the best fact-check (match or suggest) of each of the article's claims not yet
    matched, among those the organisation may see; returns how many found one.

    Matching happens outside the write transaction: it takes a few milliseconds a sentence and
    must not hold the single writer.
    """
    with ctx.db.read() as conn:
        pending = conn.execute(
            select(claims_table.c.id, claims_table.c.sentence_index).where(
                claims_table.c.org_id == actor.org_id,
                claims_table.c.doc_id == doc_id,
                claims_table.c.matched_key.is_(None),
            )
        ).all()
    if not pending or not doc.sentences:
        return 0
    engine, preference, state = organisation_matcher(ctx, actor)
    if engine is None:
        return 0
    best: dict[int, Any] = {}
    for claim_id, index in pending:
        if not 0 <= index < len(doc.sentences):
            continue
        text = doc.sentences[index].text
        rows = sentence_rows(doc, index, engine)
        best[claim_id] = _best_match(engine, text, doc.lang, preference=preference, **rows)
    _record_matches(ctx, state, best)
    return sum(1 for candidate in best.values() if candidate is not None)


_ARTICLE_COLUMNS = (
    documents.c.id,
    documents.c.title,
    documents.c.url,
    documents.c.outlet,
    documents.c.lang,
    documents.c.published_at,
    documents.c.created_at,
)


def list_articles(
    ctx: ServerContext, actor: Actor, *, page: int = 1, per_page: int = 20, lang: str | None = None
) -> dict[str, Any]:
    """Stored articles, newest first."""
    require(actor.role, "articles.read")
    check_page(page, per_page)
    lang = language_filter(lang)
    where = [documents.c.lang == lang] if lang else []
    with ctx.db.read() as conn:
        rows = conn.execute(
            select(*_ARTICLE_COLUMNS)
            .where(*where)
            .order_by(documents.c.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        items = [dict(r._mapping) for r in rows]
        total = conn.execute(select(func.count()).select_from(documents).where(*where)).scalar()
    return envelope(items, page, per_page, int(total or 0))


def search_articles(
    ctx: ServerContext,
    actor: Actor,
    q: str,
    *,
    lang: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict[str, Any]:
    """Full-text search over stored articles, best first."""
    require(actor.role, "articles.read")
    check_page(page, per_page)
    if not q.strip():
        raise InputError("give a search query in `q`")
    hits = ctx.store.search(q, lang=lang, limit=MAX_SEARCH_HITS)
    chosen = hits[(page - 1) * per_page : page * per_page]
    return envelope([vars(h) for h in chosen], page, per_page, len(hits))


def get_article(ctx: ServerContext, actor: Actor, doc_id: int) -> dict[str, Any]:
    """One stored article with its analysis and this organisation's claims from it."""
    require(actor.role, "articles.read")
    with ctx.db.read() as conn:
        exists = conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first()
    if exists is None:
        raise NotFoundError("no article %(id)s; list articles with GET /api/v1/articles", id=doc_id)
    data = ctx.store.get(doc_id).to_dict()
    data["id"] = doc_id
    # `near_duplicate_of` is the original's content hash; this is its id, for a link.
    data["near_duplicate_of_id"] = _article_id(ctx, data.get("near_duplicate_of"))
    # The score from which a sentence of this language counts as check-worthy for the actor's
    # organisation (and is queued when the organisation ingests it).
    data["checkworthy_threshold"] = queue_threshold(ctx, actor.org_id, data.get("lang"))
    if has_permission(actor.role, "claims.read"):
        with ctx.db.read() as conn:
            found, _ = claims.list_page(
                conn,
                actor.org_id,
                status=None,
                assignee_id=None,
                doc_id=doc_id,
                page=1,
                per_page=MAX_PER_PAGE,
            )
        data["claims"] = found
    return data


# -- claims and review ---------------------------------------------------------------------


def list_claims(
    ctx: ServerContext,
    actor: Actor,
    *,
    status: str | None = None,
    assignee: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict[str, Any]:
    """The review queue: false-rated matches first, then by check-worthiness."""
    require(actor.role, "claims.read")
    check_page(page, per_page)
    rematch_open_claims(ctx, actor)
    with ctx.db.read() as conn:
        assignee_id = _member_id(conn, actor, assignee) if assignee else None
        items, total = claims.list_page(
            conn,
            actor.org_id,
            status=status,
            assignee_id=assignee_id,
            doc_id=None,
            page=page,
            per_page=per_page,
        )
    return envelope(items, page, per_page, total)


def get_claim(ctx: ServerContext, actor: Actor, claim_id: int) -> dict[str, Any]:
    """One claim with its history."""
    require(actor.role, "claims.read")
    with ctx.db.read() as conn:
        claim = claims.get(conn, actor, claim_id)
        claim["history"] = claims.events(conn, claim_id)
    return claim


def claim_history(
    ctx: ServerContext, actor: Actor, claim_id: int, *, comments_only: bool = False
) -> list[dict[str, Any]]:
    """A claim's history (or its comments), oldest first."""
    require(actor.role, "claims.read")
    with ctx.db.read() as conn:
        claims.get(conn, actor, claim_id)
        return claims.events(conn, claim_id, kind="comment" if comments_only else None)


def comment_claim(ctx: ServerContext, actor: Actor, claim_id: int, body: str) -> dict[str, Any]:
    """Add a comment to a claim."""
    require(actor.role, "claims.review")
    with ctx.db.write() as conn:
        claims.get(conn, actor, claim_id)
        event_id = claims.add_comment(conn, actor, claim_id, body)
        audit.record(conn, actor, "claim.comment", f"claim:{claim_id}", {"event": event_id})
    return {"id": event_id, "claim_id": claim_id, "body": body}


def assign_claim(
    ctx: ServerContext, actor: Actor, claim_id: int, assignee: str | None = None
) -> dict[str, Any]:
    """Put a claim in review, assigned to `assignee` (a username of the organisation) or to
    the actor. Assigning someone else needs claims.assign; taking it oneself, claims.review."""
    assign_other = assignee is not None and username_key(assignee) != username_key(actor.username)
    require(actor.role, "claims.assign" if assign_other else "claims.review")
    with ctx.db.write() as conn:
        claim = claims.get(conn, actor, claim_id)
        user_id = actor.user_id if assignee is None else _member_id(conn, actor, assignee)
        if user_id != actor.user_id:  # a name that reads like the actor's but is another's
            require(actor.role, "claims.assign")
        role, name = conn.execute(
            select(users.c.role, users.c.username).where(users.c.id == user_id)
        ).one()
        if not has_permission(role, "claims.review"):
            raise ConflictError(
                "%(assignee)s is a %(role)s and cannot review claims; pick a reviewer",
                assignee=str(assignee),
                role=role,
            )
        # The history names the assignee: a reassignment is otherwise "in review -> in review".
        claims.transition(
            conn, actor, claim, "in_review", changes={"assignee_id": user_id}, note=name
        )
        detail = {"assignee_id": user_id, "assignee": name}
        audit.record(conn, actor, "claim.assign", f"claim:{claim_id}", detail)
    return get_claim(ctx, actor, claim_id)


def mark_fact_checked(
    ctx: ServerContext, actor: Actor, claim_id: int, factcheck_id: int, note: str | None = None
) -> dict[str, Any]:
    """Close a claim under review by linking a fact-check the organisation can see."""
    require(actor.role, "claims.review")
    with ctx.db.write() as conn:
        claim = claims.get(conn, actor, claim_id)
        factchecks.get_visible(conn, actor, factcheck_id)
        claims.transition(
            conn, actor, claim, "fact_checked", changes={"factcheck_id": factcheck_id}, note=note
        )
        audit.record(
            conn, actor, "claim.fact_checked", f"claim:{claim_id}", {"factcheck_id": factcheck_id}
        )
    return get_claim(ctx, actor, claim_id)


def dismiss_claim(ctx: ServerContext, actor: Actor, claim_id: int, reason: str) -> dict[str, Any]:
    """Dismiss a claim; the reason is required and kept."""
    require(actor.role, "claims.review")
    if not reason.strip():
        raise InputError("say why the claim is dismissed (`reason`)")
    with ctx.db.write() as conn:
        claim = claims.get(conn, actor, claim_id)
        claims.transition(
            conn, actor, claim, "dismissed", changes={"dismiss_reason": reason}, note=reason
        )
        audit.record(conn, actor, "claim.dismiss", f"claim:{claim_id}", {"reason": reason[:200]})
    return get_claim(ctx, actor, claim_id)


def reopen_claim(ctx: ServerContext, actor: Actor, claim_id: int) -> dict[str, Any]:
    """Put a dismissed claim back in the queue as new."""
    require(actor.role, "claims.review")
    with ctx.db.write() as conn:
        claim = claims.get(conn, actor, claim_id)
        claims.transition(
            conn, actor, claim, "new", changes={"dismiss_reason": None, "assignee_id": None}
        )
        audit.record(conn, actor, "claim.reopen", f"claim:{claim_id}")
    return get_claim(ctx, actor, claim_id)


def _member_id(conn: Any, actor: Actor, username: str) -> int:
    found = accounts.user_id_named(
        conn, username, users.c.org_id == actor.org_id, users.c.active.is_(True)
    )
    if found is None:
        raise NotFoundError(
            "no active member %(username)s in your organisation", username=repr(username)
        )
    return found


# -- fact-checks ---------------------------------------------------------------------------


def list_factchecks(
    ctx: ServerContext,
    actor: Actor,
    *,
    q: str | None = None,
    lang: str | None = None,
    rating: str | None = None,
    publisher: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict[str, Any]:
    """Fact-checks the organisation may see, newest first; `q` must match every word and
    `date_from` / `date_to` bound the publication date (ISO dates, both ends included)."""
    require(actor.role, "factchecks.read")
    check_page(page, per_page)
    where = factchecks.filters(actor, q=q, lang=lang, rating=rating, publisher=publisher)
    where += factchecks.date_filters(date_from, date_to)
    with ctx.db.read() as conn:
        rows, total = factchecks.page(conn, where, page=page, per_page=per_page)
        trust = factchecks.trust_by_key(factchecks.trust_map(conn, actor.org_id))
    return envelope([factchecks.to_json(r, trust) for r in rows], page, per_page, total)


def get_factcheck(ctx: ServerContext, actor: Actor, factcheck_id: int) -> dict[str, Any]:
    """One fact-check the organisation may see."""
    require(actor.role, "factchecks.read")
    with ctx.db.read() as conn:
        row = factchecks.get_visible(conn, actor, factcheck_id)
        trust = factchecks.trust_by_key(factchecks.trust_map(conn, actor.org_id))
        return factchecks.to_json(row, trust)


def create_factcheck(
    ctx: ServerContext, actor: Actor, fields: Mapping[str, Any], *, visibility: str = "private"
) -> dict[str, Any]:
    """Write a fact-check owned by the organisation; making it public needs factchecks.publish."""
    fc = _new_factcheck(actor, fields, visibility)
    with ctx.db.write() as conn:
        factcheck_id = _insert_factcheck(conn, actor, fc)
    return get_factcheck(ctx, actor, factcheck_id)


def _new_factcheck(actor: Actor, fields: Mapping[str, Any], visibility: str) -> FactCheck:
    require(actor.role, "factchecks.write")
    if visibility == "public":
        require(actor.role, "factchecks.publish")
    return factchecks.build(dict(fields), organisation=actor.org_slug, visibility=visibility)


def _insert_factcheck(conn: Connection, actor: Actor, fc: FactCheck) -> int:
    factcheck_id = factchecks.insert_new(conn, fc, actor)
    detail = {"visibility": fc.visibility, "rating": fc.rating.label}
    audit.record(conn, actor, "factcheck.create", f"factcheck:{factcheck_id}", detail)
    return factcheck_id


def create_factcheck_for_claim(
    ctx: ServerContext,
    actor: Actor,
    claim_id: int,
    fields: Mapping[str, Any],
    *,
    visibility: str = "private",
    note: str | None = None,
) -> dict[str, Any]:
    """Write a fact-check and close the claim with it, in one transaction: a claim dismissed
    meanwhile refuses both, rather than leaving a fact-check nobody meant to keep."""
    require(actor.role, "claims.review")
    fc = _new_factcheck(actor, fields, visibility)
    with ctx.db.write() as conn:
        claim = claims.get(conn, actor, claim_id)
        factcheck_id = _insert_factcheck(conn, actor, fc)
        claims.transition(
            conn, actor, claim, "fact_checked", changes={"factcheck_id": factcheck_id}, note=note
        )
        audit.record(
            conn, actor, "claim.fact_checked", f"claim:{claim_id}", {"factcheck_id": factcheck_id}
        )
    return get_claim(ctx, actor, claim_id)


def update_factcheck(
    ctx: ServerContext,
    actor: Actor,
    factcheck_id: int,
    fields: Mapping[str, Any],
    *,
    visibility: str | None = None,
) -> dict[str, Any]:
    """Change the organisation's own fact-check; unset fields keep their values."""
    require(actor.role, "factchecks.write")
    with ctx.db.write() as conn:
        row = factchecks.get_owned(conn, actor, factcheck_id)
        current = factchecks.to_json(row)
        new_visibility = visibility or current["visibility"]
        # What other organisations read is the publisher's to change: rewriting a public
        # verdict, or withdrawing it, needs the right that made it public.
        if "public" in (new_visibility, current["visibility"]):
            require(actor.role, "factchecks.publish")
        merged = _fields_of(row.data) | {k: v for k, v in fields.items() if v is not None}
        fc = factchecks.build(merged, organisation=actor.org_slug, visibility=new_visibility)
        factchecks.replace(conn, factcheck_id, fc, actor)
        audit.record(
            conn,
            actor,
            "factcheck.update",
            f"factcheck:{factcheck_id}",
            {
                "fields": sorted(k for k, v in fields.items() if v is not None),
                "visibility": new_visibility,
            },
        )
    return get_factcheck(ctx, actor, factcheck_id)


def publish_factcheck(ctx: ServerContext, actor: Actor, factcheck_id: int) -> dict[str, Any]:
    """Make the organisation's fact-check public."""
    require(actor.role, "factchecks.publish")
    return update_factcheck(ctx, actor, factcheck_id, {}, visibility="public")


def _fields_of(data: dict[str, Any]) -> dict[str, Any]:
    rating = data.get("rating") or {}
    fields = {name: data.get(name) for name in factchecks.EDITABLE if name != "rating"}
    fields["rating"] = {
        "alternate_name": rating.get("alternate_name"),
        "value": rating.get("value"),
        "best": rating.get("best"),
        "worst": rating.get("worst"),
    }
    return fields


def import_factchecks(
    ctx: ServerContext,
    actor: Actor,
    *,
    filename: str,
    content: bytes,
    visibility: str = "private",
    mapping: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Import an uploaded ClaimReview file (JSON, JSON-LD, JSONL, CSV or HTML).

    Items are owned by the organisation; an item whose key belongs to another organisation is
    refused. Bad items are reported, never fatal; imported ones a person should look at (an
    unknown rating word, a date left out) are listed in `flagged`. `mapping` names CSV columns
    (`registry.importers.CSV_FIELDS`).
    """
    require(actor.role, "factchecks.write")
    if visibility not in VISIBILITIES:
        raise InputError("visibility must be one of %(choices)s", choices=", ".join(VISIBILITIES))
    if visibility == "public":
        require(actor.role, "factchecks.publish")
    if len(content) > ctx.settings.max_input_bytes:
        raise InputError(
            "the file exceeds %(max)s bytes; split it", max=ctx.settings.max_input_bytes
        )
    # The readers pick the format from the file name, so keep only its (safe) suffix.
    suffix = "".join(ch for ch in Path(filename).suffix.lower() if ch.isalnum() or ch == ".")
    counts = {"added": 0, "updated": 0, "unchanged": 0, "refused": 0}
    rejected: list[dict[str, str]] = []
    flagged: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        parsed = list(read_factchecks(path, mapping=mapping, settings=ctx.settings))
    with ctx.db.write() as conn:
        for location, result in parsed:
            where = location.replace(str(path), filename)
            if isinstance(result, InputError):
                rejected.append(
                    {"location": where, "reason": str(result).replace(str(path), filename)}
                )
                continue
            result.organisation = actor.org_slug
            result.visibility = visibility
            outcome = factchecks.import_one(
                conn, result, may_publish=has_permission(actor.role, "factchecks.publish")
            )
            counts["refused" if outcome == "protected" else outcome] += 1
            if outcome in ("refused", "protected"):
                reason = (
                    "another organisation owns a fact-check with this URL"
                    if outcome == "refused"
                    else "this would change one of your organisation's public fact-checks, "
                    "which needs the right to publish (an editor or admin)"
                )
                rejected.append({"location": where, "reason": reason})
            else:
                flagged += [{"location": where, "reason": r} for r in flag_reasons(result)]
        audit.record(
            conn,
            actor,
            "factcheck.import",
            f"upload:{filename[:100]}",
            {**counts, "rejected": len(rejected), "flagged": len(flagged),
             "visibility": visibility},
        )  # fmt: skip
    return {**counts, "rejected": rejected, "flagged": flagged}


def export_factchecks(ctx: ServerContext, actor: Actor, *, format: str = "datafeed") -> Any:
    """What the organisation may see as a ClaimReview DataFeed or a JSON-LD list."""
    require(actor.role, "factchecks.read")
    if format not in ("datafeed", "jsonld"):
        raise InputError("format must be 'datafeed' or 'jsonld'")
    with ctx.db.read() as conn:
        visible = list(factchecks.iter_visible(conn, actor))
    return to_datafeed(visible) if format == "datafeed" else to_jsonld(visible)


def visible_fingerprint(ctx: ServerContext, actor: Actor) -> str | None:
    """A cheap fingerprint of the fact-checks `actor`'s organisation may see; None for none.

    Any added, removed, re-shared or updated fact-check changes the count, the two id sums,
    the sum of revisions (raised by every change) or the latest update time, so it is read on
    every request instead of the rows themselves.
    """
    with ctx.db.read() as conn:
        return _fingerprint(conn, actor)


_SCRAMBLE_MODULUS = 1_000_000_007


def scrambled(fact_check_id: int) -> int:
    """What the fingerprint's second sum adds per visible id (as its SQL computes it): the
    square, bounded. Non-linear, so two sets with one id sum ({1, 4}, {2, 3}) differ here."""
    return fact_check_id * fact_check_id % _SCRAMBLE_MODULUS


def _fingerprint(conn: Connection, actor: Actor) -> str | None:
    count, ids, scrambled, revisions, latest = conn.execute(fingerprint_query(actor)).one()
    if not count:
        return None
    return f"{count}:{int(ids)}:{int(scrambled)}:{int(revisions)}:{latest}"


def fingerprint_query(actor: Actor) -> Select[Any]:
    """The one aggregate row `visible_fingerprint` is made of (any SQL database)."""
    fc = factchecks_table.c
    # Exact integer sums in standard SQL (SQLite's total() is not in PostgreSQL, and float sums
    # may differ in their last bits between plans): the ids, and their squares bounded by a
    # modulus (BIGINT holds id * id for any 32-bit id), so a set swapped for another with the
    # same count and id sum still changes the second sum; the revisions, which every change
    # raises (updated_at has whole seconds, and two changes may share one).
    wide_id = cast(fc.id, BigInteger)
    columns: list[Any] = [
        func.count(),
        func.coalesce(func.sum(wide_id), 0),
        func.coalesce(func.sum((wide_id * wide_id) % _SCRAMBLE_MODULUS), 0),
        func.coalesce(func.sum(cast(fc.revision, BigInteger)), 0),
        func.max(fc.updated_at),
    ]
    return select(*columns).where(factchecks.visible_to(actor))


def _matching_basis(ctx: ServerContext, actor: Actor) -> tuple[str | None, float]:
    """The visible registry's fingerprint and the foreign preference the organisation's
    matches are scored with, read together on every request (one short connection)."""
    with ctx.db.read() as conn:
        preference = conn.execute(
            select(organisations.c.match_foreign_preference).where(
                organisations.c.id == actor.org_id
            )
        ).scalar_one_or_none()
        return _fingerprint(conn, actor), _effective_preference(ctx, preference)


def organisation_matcher(ctx: ServerContext, actor: Actor) -> tuple[Any, float, str]:
    """The match engine over the fact-checks `actor`'s organisation may see (None when it may
    see none; cached per organisation and rebuilt when that set changes), the foreign
    preference to score with, and the state to record matches against (`match_state`): read
    once, so what is recorded is what was scored with."""
    fingerprint, preference = _matching_basis(ctx, actor)
    engine = _engine_for(ctx, actor, fingerprint)
    return engine, preference, match_state(fingerprint, preference)


def _engine_for(ctx: ServerContext, actor: Actor, fingerprint: str | None) -> Any:
    """The organisation's engine for a fingerprint the caller has just read."""
    if fingerprint is None:
        return None
    cached = ctx.match_engines.get(actor.org_id)
    if cached is None or cached[0] != fingerprint:
        with ctx.db.read() as conn:
            visible = list(factchecks.iter_visible(conn, actor))
        contents = {fc.key: fc.content_hash for fc in visible}
        engine = None
        if cached is not None:
            _, previous, indexed = cached
            # Fact-checks only added (published, shared with us): grow a copy of the engine,
            # embedding just those, instead of rebuilding it over the whole registry (at 21k
            # fact-checks, vectors cached: 0.5 s instead of 11 s). A withdrawn or edited one
            # needs the full build. Requests on the old engine finish on it undisturbed.
            if all(contents.get(key) == digest for key, digest in indexed.items()):
                added = [fc for fc in visible if fc.key not in indexed]
                engine = previous.extended(service.indexed_claims(added))
        if engine is None:
            engine = service.build_match_engine(ctx.settings, factchecks=visible)
        ctx.match_engines[actor.org_id] = (fingerprint, engine, contents)
    return ctx.match_engines[actor.org_id][1]


def match_state(fingerprint: str | None, preference: float) -> str:
    """What a claim's best match was chosen against: the visible registry (its fingerprint,
    "none" when nothing is visible) and the organisation's foreign preference. At preference 0
    it is the fingerprint itself where it fits the 80-character column (~70 characters at a
    million fact-checks); otherwise a digest, which always fits."""
    if fingerprint is None:
        return "none"
    if preference == 0 and len(fingerprint) <= MATCH_STATE_LENGTH:
        return fingerprint
    return "p:" + hashlib.sha256(f"{fingerprint}|{preference!r}".encode()).hexdigest()[:40]


MATCH_STATE_LENGTH = 80  # claims.matched_against: PostgreSQL refuses longer values


REMATCH_BATCH = 20  # open claims re-matched per queue view after the registry changed


def rematch_open_claims(ctx: ServerContext, actor: Actor, *, limit: int = REMATCH_BATCH) -> int:
    """Match open claims last matched against another state of the visible registry (a
    partner published a fact-check, one was shared or updated); returns how many were looked at.

    Runs when the queue or the alerts are read, a bounded batch at a time (most check-worthy
    first), so a fact-check published today flags the claims ingested before it.
    """
    visible, preference = _matching_basis(ctx, actor)
    # With nothing visible any more, earlier matches must go too: "none" is a state like any.
    # The preference is read once, so what is recorded is what was scored with.
    state = match_state(visible, preference)
    c = claims_table.c
    with ctx.db.read() as conn:
        stale = conn.execute(
            select(c.id, c.text, c.lang)
            .where(
                c.org_id == actor.org_id,
                c.status.in_(claims.OPEN_STATUSES),
                or_(c.matched_against.is_(None), c.matched_against != state),
            )
            .order_by(c.checkworthiness.desc(), c.id)
            .limit(limit)
        ).all()
    if not stale:
        return 0
    engine = _engine_for(ctx, actor, visible)
    best = {
        claim_id: _best_match(engine, text, lang, preference=preference)
        if engine is not None
        else None
        for claim_id, text, lang in stale
    }
    _record_matches(ctx, state, best)
    return len(best)


def _best_match(
    engine: Any,
    text: str,
    lang: str | None,
    *,
    preference: float,
    vector: Any = None,
    bridge_vector: Any = None,
) -> Any:
    """The engine's best candidate for `text` when it matches or suggests, else None."""
    found = engine.match(
        text,
        lang=lang,
        k=1,
        vector=vector,
        bridge_vector=bridge_vector,
        foreign_preference=preference,
    )
    return found[0] if found and found[0].decision is not None else None


def _record_matches(ctx: ServerContext, state: str, best: Mapping[int, Any]) -> None:
    """Store each claim's best match (a matching Candidate, or None) and what it was matched
    against."""
    with ctx.db.write() as conn:
        for claim_id, candidate in best.items():
            conn.execute(
                update(claims_table)
                .where(claims_table.c.id == claim_id)
                .values(
                    matched_against=state,
                    matched_rating=candidate.claim.metadata.get("rating") if candidate else None,
                    matched_key=candidate.claim.id if candidate else None,
                    matched_score=round(candidate.final, 4) if candidate else None,
                    matched_decision=candidate.decision if candidate else None,
                    matched_conflicts=_conflicts_json(candidate) if candidate else None,
                )
            )


def _match_json(candidate: Any) -> dict[str, Any]:
    """A matching fact-check as the API shows it: key, claim, score, decision, metadata and
    what the text states otherwise than the claim (`conflicts`: why it is no "match")."""
    return {
        "key": candidate.claim.id,
        "claim": candidate.claim.claim,
        "lang": candidate.claim.lang,
        "score": round(candidate.final, 4),
        "decision": candidate.decision,
        **dict(candidate.claim.metadata),
        "conflicts": _conflicts_json(candidate),
    }


def _conflicts_json(candidate: Any) -> list[dict[str, str]]:
    """A candidate's conflicts as JSON: [{"kind": "number", "text": ..., "claim": ...}]."""
    return [dataclasses.asdict(conflict) for conflict in candidate.conflicts]


def match_text(
    ctx: ServerContext, actor: Actor, text: str, *, lang: str | None = None, limit: int = 10
) -> Any:
    """The `limit` fact-checks that best match a claim, among those the actor's organisation
    may see, each with its decision (match, suggest or none)."""
    require(actor.role, "factchecks.read")
    engine, preference, _ = organisation_matcher(ctx, actor)
    if engine is None:
        raise InputError(
            "your organisation sees no fact-checks yet; import some (POST /api/v1/factchecks/"
            "import) or ask a partner to share theirs"
        )
    [result] = service.match_claims(
        [text],
        settings=ctx.settings,
        engine=engine,
        k=limit,
        foreign_preference=preference,
        langs=[lang],
    )
    return {
        "text": text,
        "lang": result.lang,
        "matches": [_match_json(c) for c in result.candidates],
    }


def registry_size(ctx: ServerContext) -> int:
    """How many fact-checks are stored (all organisations): for health checks."""
    with ctx.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(factchecks_table)).scalar() or 0)


# -- for the web UI's pages ------------------------------------------------------------------


def registry_facets(ctx: ServerContext, actor: Actor) -> dict[str, list[str]]:
    """The languages, rating labels and publishers among the fact-checks the actor may see."""
    require(actor.role, "factchecks.read")
    with ctx.db.read() as conn:
        return factchecks.facets(conn, actor)


def list_alerts(
    ctx: ServerContext, actor: Actor, *, limit: int = 20, rematch: bool = True
) -> list[dict[str, Any]]:
    """Open claims (new or in review) whose best match is rated false, mostly false or
    misleading: a resurfacing falsehood. Most check-worthy first. `rematch=False` skips the
    re-match batch, for a page that has just read the queue (which ran one)."""
    require(actor.role, "claims.read")
    if rematch:
        rematch_open_claims(ctx, actor)
    with ctx.db.read() as conn:
        return claims.alerts(conn, actor.org_id, limit=limit)


def match_many(
    ctx: ServerContext,
    actor: Actor,
    texts: list[str],
    *,
    k: int = 5,
    langs: list[str | None] | None = None,
) -> list[list[dict[str, Any]]]:
    """Fact-checks matching each text (in its language in `langs`, where known), among those
    the actor may see; [] each when none can."""
    require(actor.role, "factchecks.read")
    if not texts:
        return []
    engine, preference, _ = organisation_matcher(ctx, actor)
    if engine is None:
        return [[] for _ in texts]
    results = service.match_claims(
        texts,
        settings=ctx.settings,
        engine=engine,
        k=k,
        foreign_preference=preference,
        langs=langs,
    )
    with ctx.db.read() as conn:
        ids = factchecks.ids_by_key(conn, [c.claim.id for r in results for c in r.candidates])
    return [
        [{"id": ids.get(c.claim.id), **_match_json(c)} for c in result.candidates]
        for result in results
    ]


def member_usernames(ctx: ServerContext, actor: Actor, permission: str) -> list[str]:
    """Active members of the actor's organisation whose role grants `permission`."""
    require(actor.role, "claims.read")
    with ctx.db.read() as conn:
        rows = conn.execute(
            select(users.c.username, users.c.role)
            .where(users.c.org_id == actor.org_id, users.c.active.is_(True))
            .order_by(users.c.username)
        )
        return [r.username for r in rows if has_permission(r.role, permission)]


def organisation_slugs(ctx: ServerContext, actor: Actor) -> list[tuple[str, str]]:
    """(slug, name) of every other organisation on this server, for choosing partners."""
    require(actor.role, "org.manage")
    with ctx.db.read() as conn:
        rows = conn.execute(
            select(organisations.c.slug, organisations.c.name)
            .where(organisations.c.id != actor.org_id)
            .order_by(organisations.c.slug)
        )
        return [(r.slug, r.name) for r in rows]
