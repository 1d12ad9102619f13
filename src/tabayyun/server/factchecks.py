"""Fact-checks as the server sees them: who may see which, and writes checked for ownership.

Visibility: `private` is seen by the owning organisation only; `shared` also by the partner
organisations the owner named (table `partners`); `public` by everyone. The owner is the
organisation's slug in `factchecks.organisation`. A fact-check an organisation may not see is
reported as not found, so its existence does not leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, insert, or_, select, update

from tabayyun.errors import InputError
from tabayyun.lang.codes import language_filter
from tabayyun.lang.normalize import normalize, query_forms
from tabayyun.registry.model import VISIBILITIES, FactCheck, from_claimreview
from tabayyun.registry.store import _row as factcheck_row
from tabayyun.registry.store import visible_to as registry_visible_to
from tabayyun.server.audit import Actor
from tabayyun.server.errors import ConflictError, NotFoundError
from tabayyun.server.schema import publisher_trust
from tabayyun.storage.schema import factchecks

# Request fields -> ClaimReview JSON-LD, so created fact-checks are read by the same code
# (and the same rating normalisation) as imported ones.
EDITABLE = (
    "claim_reviewed",
    "rating",
    "lang",
    "url",
    "publisher",
    "author",
    "date_published",
    "headline",
    "review_body",
    "claim_author",
    "claim_date",
)


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """The SQL condition for the fact-checks `actor`'s organisation may see: its own, public
    ones, and those shared by organisations naming it a partner (one rule with the command
    line's, `registry.store.visible_to`)."""
    return registry_visible_to(actor.org_slug)


def to_json(row: Any, trust: dict[str, float] | None = None) -> dict[str, Any]:
    """A fact-check row as the API shows it, with the reader's trust in its publisher.

    `trust`: the organisation's trust by `publisher_key` (`trust_by_key`), built once per
    request rather than once per row.
    """
    fc = FactCheck.from_dict(row.data)
    return {
        "id": row.id,
        "key": row.key,
        "claim_reviewed": fc.claim_reviewed,
        "lang": fc.lang,
        "rating_label": fc.rating.label,
        "rating_text": fc.rating.alternate_name or fc.rating.source_text or None,
        "publisher": fc.publisher,
        "publisher_trust": (trust or {}).get(publisher_key(fc.publisher or "")),
        "date_published": fc.date_published,
        "url": fc.url,
        "organisation": fc.organisation,
        "visibility": fc.visibility,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "claimreview": fc.to_claimreview(),
    }


def trust_map(conn: Connection, org_id: int) -> dict[str, float]:
    """Publisher (as the organisation wrote it) -> trust of one organisation."""
    query = select(publisher_trust.c.publisher, publisher_trust.c.trust).where(
        publisher_trust.c.org_id == org_id
    )
    return {p: float(t) for p, t in conn.execute(query)}


def publisher_key(name: str) -> str:
    """What two spellings of one publisher share: case, spacing and letter variants folded
    ("AFP Fact Check " and "afp fact check"; «فکت‌نامه», «فکت نامه» and «فكتنامه»: Persian
    writers join a name's parts with a ZWNJ, a space or nothing, so spaces are dropped)."""
    return "".join(normalize(name, None).casefold().split())


def trust_by_key(trust: dict[str, float]) -> dict[str, float]:
    """`trust_map` keyed by `publisher_key`, for looking up any spelling of a publisher."""
    return {publisher_key(name): value for name, value in trust.items()}


def trust_of(trust: dict[str, float], publisher: str | None) -> float | None:
    """The organisation's trust in `publisher`, however either side spells it."""
    return trust_by_key(trust).get(publisher_key(publisher)) if publisher else None


def filters(
    actor: Actor,
    *,
    q: str | None = None,
    lang: str | None = None,
    rating: str | None = None,
    publisher: str | None = None,
) -> list[ColumnElement[bool]]:
    """WHERE conditions: visibility first, then the optional filters; `q` needs every word."""
    where = [visible_to(actor)]
    lang = language_filter(lang)
    if lang:
        where.append(factchecks.c.lang == lang)
    if rating:
        where.append(factchecks.c.rating_label == rating)
    if publisher:
        where.append(factchecks.c.publisher == publisher)
    # Each claim is stored normalised in its own language (Persian keeps ی and ک, Arabic maps
    # them to ي and ك): with no language given, the query may be read as any of them. Stored
    # claims lose their ZWNJs ("می‌خواهم" -> "میخواهم") and keep typed spaces, so a Persian
    # query is also read as the article search reads it (`query_forms`): with each ZWNJ a space
    # it finds "می خواهم" too. (Its words are looked up as parts of words, so the spaced query
    # already finds the joined claim, and the joined reading adds nothing.)
    readings = dict.fromkeys(form for form, _ in query_forms(q or "", lang))
    found = [_every_word(reading) for reading in readings if reading.split()]
    if found:
        where.append(or_(*found))
    return where


def _every_word(normalised: str) -> ColumnElement[bool]:
    """Claims holding every word of `normalised`; LIKE wildcards in it are literal text."""
    words = [
        w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in normalised.split()
    ]
    return and_(*(factchecks.c.claim_normalized.like(f"%{w}%", escape="\\") for w in words))


def page(
    conn: Connection, where: list[ColumnElement[bool]], *, page: int, per_page: int
) -> tuple[list[Any], int]:
    """Rows of one page, newest first, and the total matching `where`."""
    query = (
        select(factchecks)
        .where(*where)
        .order_by(factchecks.c.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    total = conn.execute(select(func.count()).select_from(factchecks).where(*where)).scalar()
    return list(conn.execute(query)), int(total or 0)


def iter_visible(conn: Connection, actor: Actor) -> Iterator[FactCheck]:
    """Every fact-check `actor` may see, oldest first (for export)."""
    query = select(factchecks.c.data).where(visible_to(actor)).order_by(factchecks.c.id)
    for row in conn.execute(query):
        yield FactCheck.from_dict(row.data)


def get_visible(conn: Connection, actor: Actor, factcheck_id: int) -> Any:
    """The row of a fact-check `actor` may see; NotFoundError otherwise."""
    row = conn.execute(
        select(factchecks).where(factchecks.c.id == factcheck_id, visible_to(actor))
    ).first()
    if row is None:
        raise NotFoundError(
            "no fact-check %(id)s visible to your organisation; "
            "search the registry with GET /api/v1/factchecks",
            id=factcheck_id,
        )
    return row


def get_owned(conn: Connection, actor: Actor, factcheck_id: int) -> Any:
    """The row of a fact-check owned by `actor`'s organisation (others may only read)."""
    row = get_visible(conn, actor, factcheck_id)
    if row.organisation != actor.org_slug:
        if not row.organisation:
            raise ConflictError(
                "fact-check %(id)s belongs to no organisation; only its owner may change it",
                id=factcheck_id,
            )
        raise ConflictError(
            "fact-check %(id)s belongs to %(owner)s; only its owner may change it",
            id=factcheck_id,
            owner=row.organisation,
        )
    return row


def build(fields: dict[str, Any], *, organisation: str, visibility: str) -> FactCheck:
    """A FactCheck from API fields, read as ClaimReview so ratings normalise as on import."""
    if visibility not in VISIBILITIES:
        raise InputError("visibility must be one of %(choices)s", choices=", ".join(VISIBILITIES))
    rating = fields.get("rating") or {}
    node: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": fields.get("claim_reviewed"),
        "url": fields.get("url"),
        "inLanguage": fields.get("lang"),
        "datePublished": fields.get("date_published"),
        "name": fields.get("headline"),
        "reviewBody": fields.get("review_body"),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating.get("alternate_name"),
            "ratingValue": rating.get("value"),
            "bestRating": rating.get("best"),
            "worstRating": rating.get("worst"),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": fields.get("claim_author"),
            "datePublished": fields.get("claim_date"),
        },
    }
    if fields.get("publisher"):
        node["publisher"] = {"@type": "Organization", "name": fields["publisher"]}
    if fields.get("author"):
        node["author"] = {"@type": "Organization", "name": fields["author"]}
    claim = fields.get("claim_reviewed")
    if claim is None or (isinstance(claim, str) and not claim.strip()):
        raise InputError("claim_reviewed: required; give the claim that the fact-check reviews")
    cleaned = _without_none(node)
    try:
        return from_claimreview(cleaned, organisation=organisation, visibility=visibility)
    except InputError as error:
        field = error.params.get("field")
        if isinstance(field, str) and error.msgid.startswith("%(field)s"):
            # the template kept, so that the web form can say it in the reader's language
            raise InputError(error.msgid, **{**error.params, "field": _api_named(field)}) from None
        raise InputError(_api_named(str(error))) from None


# ClaimReview paths as the API (and the web form) name them, longest first, for error messages.
_API_NAMES = (
    ("itemReviewed.datePublished", "claim_date"),
    ("itemReviewed.author", "claim_author"),
    ("reviewRating.alternateName", "rating.alternate_name"),
    ("reviewRating.ratingValue", "rating.value"),
    ("reviewRating.bestRating", "rating.best"),
    ("reviewRating.worstRating", "rating.worst"),
    ("reviewRating", "rating"),
    ("claimReviewed", "claim_reviewed"),
    ("datePublished", "date_published"),
    ("inLanguage", "lang"),
    ("reviewBody", "review_body"),
    ("name", "headline"),
)


def _api_named(message: str) -> str:
    """`message` (or a field's path) with the ClaimReview path it starts with named as the API
    field."""
    for path, name in _API_NAMES:
        if message == path or message.startswith((f"{path}:", f"{path}.")):
            return name + message[len(path) :]
    return message


def _without_none(node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in node.items():
        if isinstance(value, dict):
            value = _without_none(value)
            if set(value) <= {"@type"}:
                continue
        if value is not None:
            out[name] = value
    return out


def insert_new(conn: Connection, fc: FactCheck, actor: Actor | None = None) -> int:
    """Store a new fact-check; ConflictError when its key (URL) is already in the registry."""
    taken = conn.execute(select(factchecks.c.id).where(factchecks.c.key == fc.key)).scalar()
    if taken is not None:
        raise _clash(conn, taken, fc, actor)
    stmt = insert(factchecks).values(factcheck_row(fc)).returning(factchecks.c.id)
    return int(conn.execute(stmt).scalar_one())


def replace(conn: Connection, factcheck_id: int, fc: FactCheck, actor: Actor | None = None) -> None:
    """Overwrite a stored fact-check in place (its id stays; its key may change)."""
    clash = conn.execute(
        select(factchecks.c.id).where(factchecks.c.key == fc.key, factchecks.c.id != factcheck_id)
    ).scalar()
    if clash is not None:
        raise _clash(conn, clash, fc, actor)
    values: dict[str, Any] = {k: v for k, v in factcheck_row(fc).items() if k != "created_at"}
    values["revision"] = factchecks.c.revision + 1
    conn.execute(update(factchecks).where(factchecks.c.id == factcheck_id).values(values))


def _clash(conn: Connection, taken: int, fc: FactCheck, actor: Actor | None) -> ConflictError:
    """The error for a key already in the registry, telling `actor` only what it may see.

    Naming the id (or echoing the key) of another organisation's private fact-check would tell
    anyone who guesses a URL or a claim that the draft exists and where; the import already
    answers such a clash without either.
    """
    visible = actor is None or (
        conn.execute(
            select(factchecks.c.id).where(factchecks.c.id == taken, visible_to(actor))
        ).scalar()
        is not None
    )
    if visible:
        return ConflictError(
            "a fact-check with key %(key)s exists already (id %(id)s); update that one",
            key=repr(fc.key),
            id=taken,
        )
    if fc.url:
        return ConflictError(
            "another organisation holds a fact-check with this URL and has not shared it with "
            "yours; give yours its own URL, or ask them to share theirs"
        )
    return ConflictError(
        "another organisation holds a fact-check with this claim, publisher and date and has "
        "not shared it with yours; give yours its own URL, or ask them to share theirs"
    )


def import_one(conn: Connection, fc: FactCheck, *, may_publish: bool = True) -> str:
    """Add or update one imported fact-check: "added", "updated", "unchanged", "refused" or
    "protected".

    An item whose key belongs to another organisation is refused, so an import can never take
    over or rewrite someone else's fact-check; one that would change the organisation's public
    fact-check is "protected" unless the importer may publish (as for an edit).
    """
    row = conn.execute(
        select(
            factchecks.c.id,
            factchecks.c.organisation,
            factchecks.c.content_hash,
            factchecks.c.visibility,
        ).where(factchecks.c.key == fc.key)
    ).first()
    if row is None:
        insert_new(conn, fc)
        return "added"
    if row.organisation != fc.organisation:
        return "refused"
    if row.content_hash == fc.content_hash:
        return "unchanged"
    if row.visibility == "public" and not may_publish:
        return "protected"
    replace(conn, int(row.id), fc)
    return "updated"


def date_filters(date_from: str | None, date_to: str | None) -> list[ColumnElement[bool]]:
    """Publication date conditions; ISO dates (YYYY-MM-DD), both ends included."""
    where = []
    for value in (date_from, date_to):
        if value and not _ISO_DATE.match(value):
            raise InputError("dates are written YYYY-MM-DD, got %(value)s", value=repr(value))
    if date_from:
        where.append(factchecks.c.date_published >= date_from)
    if date_to:
        # "2024-05-01T10:00" sorts after "2024-05-01": compare with the day's last instant.
        where.append(factchecks.c.date_published <= date_to + "\uffff")
    return where


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def facets(conn: Connection, actor: Actor) -> dict[str, list[str]]:
    """Distinct languages, rating labels and publishers of what `actor` may see."""
    out: dict[str, list[str]] = {}
    for name, column in (
        ("langs", factchecks.c.lang),
        ("ratings", factchecks.c.rating_label),
        ("publishers", factchecks.c.publisher),
    ):
        query = select(column).where(visible_to(actor), column.is_not(None)).distinct()
        out[name] = sorted(str(v) for v in conn.execute(query).scalars())
    return out


def ids_by_key(conn: Connection, keys: list[str]) -> dict[str, int]:
    """Row ids of fact-checks by key."""
    if not keys:
        return {}
    query = select(factchecks.c.key, factchecks.c.id).where(factchecks.c.key.in_(keys))
    return {k: int(i) for k, i in conn.execute(query)}
