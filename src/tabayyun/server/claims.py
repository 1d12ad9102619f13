"""Claims and their review: which sentences become claims, the queue order, the state machine.

A claim is one sentence of a stored article, in the queue of the organisation that ingested it.
Which sentences: when the pipeline scored check-worthiness, every sentence scoring at least the
threshold, and every attributed statement whose own score reaches it. The threshold is
`Settings.checkworthiness_threshold` when set, else the shipped model's own threshold for the
article's language (tuned out-of-fold; 0.33 for English and 0.42 for Arabic in the shipped
model), so the queue holds what the detector calls check-worthy in each language. When no
sentence carries a score (the check-worthiness model is not in the pipeline), every sentence
that carries an attributed statement or a number: the two things a fact-checker can verify.
A sentence already open in the organisation's queue is not queued twice, and a near duplicate
of a stored article does not queue again what was claimed from that article.

States: new -> in_review (assigned) -> fact_checked (linked to a fact-check) | dismissed (with a
reason); a dismissed claim may be reopened (-> new) and a claim under review re-assigned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    func,
    insert,
    or_,
    select,
    update,
)

from tabayyun.config import Settings
from tabayyun.errors import InputError
from tabayyun.model import Document
from tabayyun.server.audit import Actor
from tabayyun.server.db import now_iso
from tabayyun.server.errors import ConflictError, NotFoundError
from tabayyun.server.schema import claim_events, claims, users
from tabayyun.service import checkworthy_threshold

STATUSES: Final = ("new", "in_review", "fact_checked", "dismissed")
OPEN_STATUSES: Final = ("new", "in_review")  # still awaiting a verdict
TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "new": frozenset({"in_review", "dismissed"}),
    "in_review": frozenset({"in_review", "fact_checked", "dismissed"}),
    "fact_checked": frozenset(),
    "dismissed": frozenset({"new"}),
}
# Claims whose best match is a fact-check with one of these ratings lead the queue: a
# resurfacing falsehood needs the desk first.
FALSE_LABELS: Final = ("false", "mostly_false", "misleading")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Candidate:
    """A sentence chosen as a claim."""

    sentence_index: int
    text: str
    speaker: str | None
    checkworthiness: float | None


def threshold(settings: Settings, lang: str | None) -> float:
    """The check-worthiness a sentence in `lang` needs to become a claim (module docstring)."""
    return checkworthy_threshold(lang, settings)


def candidates(doc: Document, min_score: float) -> list[Candidate]:
    """The claims of `doc`, one per sentence, in text order (see the module docstring)."""
    speakers: dict[int, str] = {}
    statement_scores: dict[int, float] = {}
    for statement in doc.statements:
        speakers.setdefault(statement.sentence_index, statement.speaker)
        if statement.checkworthiness is not None:
            best = max(statement.checkworthiness, statement_scores.get(statement.sentence_index, 0))
            statement_scores[statement.sentence_index] = best
    scored = any(s.checkworthiness is not None for s in doc.sentences) or bool(statement_scores)
    numbered = {
        s.index
        for s in doc.sentences
        if _DIGIT.search(s.text) or any(s.start <= q.start < s.end for q in doc.quantities)
    }
    chosen = []
    for sentence in doc.sentences:
        score = max(
            (
                v
                for v in (sentence.checkworthiness, statement_scores.get(sentence.index))
                if v is not None
            ),
            default=None,
        )
        if scored:
            keep = score is not None and score >= min_score
        else:
            keep = sentence.index in speakers or sentence.index in numbered
        if keep:
            chosen.append(
                Candidate(sentence.index, sentence.text, speakers.get(sentence.index), score)
            )
    return chosen


def create_for_document(
    conn: Connection,
    *,
    org_id: int,
    doc_id: int,
    doc: Document,
    min_score: float,
    near_duplicate_of: int | None = None,
) -> int:
    """Add the document's claims to an organisation's queue; existing ones are kept. Returns
    how many were added.

    A sentence whose text is already an open claim of the organisation (from any article) is
    not queued again; for a near duplicate of article `near_duplicate_of`, neither is one
    already claimed from that article in any state: its verdict or dismissal holds for the copy.
    """
    added = 0
    now = now_iso()
    chosen = candidates(doc, min_score)
    taken = _claimed_texts(conn, org_id, {found.text for found in chosen}, near_duplicate_of)
    for found in chosen:
        if found.text in taken:
            continue
        stmt = (
            insert(claims)
            .prefix_with("OR IGNORE")
            .values(
                org_id=org_id,
                doc_id=doc_id,
                sentence_index=found.sentence_index,
                text=found.text,
                lang=doc.lang,
                speaker=found.speaker,
                checkworthiness=found.checkworthiness,
                status="new",
                created_at=now,
                updated_at=now,
            )
            .returning(claims.c.id)
        )
        claim_id = conn.execute(stmt).scalar()
        if claim_id is not None:
            added += 1
            taken.add(found.text)
            conn.execute(
                insert(claim_events).values(
                    claim_id=claim_id, kind="created", to_status="new", created_at=now
                )
            )
    return added


def _claimed_texts(
    conn: Connection, org_id: int, texts: set[str], original_id: int | None
) -> set[str]:
    """Which of `texts` are open claims of the organisation, or claims of `original_id`."""
    if not texts:
        return set()
    queued: list[ColumnElement[bool]] = [claims.c.status.in_(OPEN_STATUSES)]
    if original_id is not None:
        queued.append(claims.c.doc_id == original_id)
    query = select(claims.c.text).where(
        claims.c.org_id == org_id, claims.c.text.in_(sorted(texts)), or_(*queued)
    )
    return {str(text) for text in conn.execute(query).scalars()}


def queue_order() -> list[Any]:
    """ORDER BY of the review queue: matches of false-rated fact-checks, then suggestions of
    them, then check-worthiness, then age."""
    false_rated = claims.c.matched_rating.in_(FALSE_LABELS)
    false_first = case(
        (and_(false_rated, claims.c.matched_decision == "match"), 0), (false_rated, 1), else_=2
    )
    return [
        false_first,
        claims.c.checkworthiness.is_(None),  # unscored claims after scored ones
        claims.c.checkworthiness.desc(),
        claims.c.id,
    ]


def _with_assignee() -> Select[Any]:
    """SELECT of claim rows with the assignee's username as `assignee`."""
    return select(claims, users.c.username.label("assignee")).outerjoin(
        users, users.c.id == claims.c.assignee_id
    )


def list_page(
    conn: Connection,
    org_id: int,
    *,
    status: str | None,
    assignee_id: int | None,
    doc_id: int | None,
    page: int,
    per_page: int,
) -> tuple[list[dict[str, Any]], int]:
    """One page of an organisation's queue and its total."""
    where = [claims.c.org_id == org_id]
    if status:
        if status not in STATUSES:
            raise InputError("status must be one of %(choices)s", choices=", ".join(STATUSES))
        where.append(claims.c.status == status)
    if assignee_id is not None:
        where.append(claims.c.assignee_id == assignee_id)
    if doc_id is not None:
        where.append(claims.c.doc_id == doc_id)
    query = (
        _with_assignee()
        .where(and_(*where))
        .order_by(*queue_order())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    total = conn.execute(select(func.count()).select_from(claims).where(*where)).scalar()
    return [dict(r._mapping) for r in conn.execute(query)], int(total or 0)


def get(conn: Connection, actor: Actor, claim_id: int) -> dict[str, Any]:
    """One claim of the actor's organisation; NotFoundError for others' claims."""
    row = conn.execute(
        _with_assignee().where(claims.c.id == claim_id, claims.c.org_id == actor.org_id)
    ).first()
    if row is None:
        raise NotFoundError(
            "no claim %(id)s in your queue; list it with GET /api/v1/claims", id=claim_id
        )
    return dict(row._mapping)


def transition(
    conn: Connection,
    actor: Actor,
    claim: dict[str, Any],
    to_status: str,
    *,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    """Move `claim` to `to_status` (with column `changes`) and record it in its history."""
    current = claim["status"]
    if to_status not in TRANSITIONS.get(current, frozenset()):
        allowed = ", ".join(sorted(TRANSITIONS.get(current, frozenset())))
        if not allowed:
            raise ConflictError(
                "claim %(id)s is %(status)s; it cannot become %(target)s (allowed next: none)",
                id=claim["id"],
                status=current,
                target=to_status,
            )
        raise ConflictError(
            "claim %(id)s is %(status)s; it cannot become %(target)s (allowed next: %(allowed)s)",
            id=claim["id"],
            status=current,
            target=to_status,
            allowed=allowed,
        )
    now = now_iso()
    conn.execute(
        update(claims)
        .where(claims.c.id == claim["id"])
        .values(status=to_status, updated_at=now, **(changes or {}))
    )
    conn.execute(
        insert(claim_events).values(
            claim_id=claim["id"],
            user_id=actor.user_id,
            kind="status",
            from_status=current,
            to_status=to_status,
            body=note,
            created_at=now,
        )
    )


def add_comment(conn: Connection, actor: Actor, claim_id: int, body: str) -> int:
    """Add a comment to a claim's history."""
    if not body.strip():
        raise InputError("a comment needs text")
    stmt = insert(claim_events).values(
        claim_id=claim_id, user_id=actor.user_id, kind="comment", body=body, created_at=now_iso()
    )
    return int(conn.execute(stmt.returning(claim_events.c.id)).scalar_one())


def events(conn: Connection, claim_id: int, *, kind: str | None = None) -> list[dict[str, Any]]:
    """A claim's history (or only its comments), oldest first."""
    where = [claim_events.c.claim_id == claim_id]
    if kind:
        where.append(claim_events.c.kind == kind)
    query = (
        select(claim_events, users.c.username)
        .outerjoin(users, users.c.id == claim_events.c.user_id)
        .where(*where)
        .order_by(claim_events.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def alerts(conn: Connection, org_id: int, *, limit: int) -> list[dict[str, Any]]:
    """Open claims that match (not merely resemble) a fact-check with a false, mostly false or
    misleading rating.

    A "suggest" is a lead on the same topic, right about three times in five: as alerts, such
    leads put a desk's first morning under false alarms. They stay in the queue, labelled.
    """
    query = (
        _with_assignee()
        .where(
            claims.c.org_id == org_id,
            claims.c.status.in_(OPEN_STATUSES),
            claims.c.matched_rating.in_(FALSE_LABELS),
            claims.c.matched_decision == "match",
        )
        .order_by(*queue_order())
        .limit(limit)
    )
    return [dict(r._mapping) for r in conn.execute(query)]
