"""Organisation settings (members, roles, partners, publisher trust, matching across languages)
and the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabayyun.server import services
from tabayyun.server.accounts import MAX_KEY_DAYS
from tabayyun.server.routes.common import Ctx, PageNo, PerPage, Who

router = APIRouter(tags=["organisation"])


class NewMember(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    role: str
    display_name: str = ""


class MemberChange(BaseModel):
    role: str | None = None
    active: bool | None = None


class Trust(BaseModel):
    publisher: str = Field(min_length=1, max_length=300)
    trust: float | None = Field(default=None, description="0..1; null forgets the setting.")


class QueueThreshold(BaseModel):
    checkworthiness_threshold: float | None = Field(
        default=None,
        description=(
            "Check-worthiness probability (0 to 1) from which a sentence of an article you "
            "ingest enters your review queue: higher for a shorter queue. null goes back to "
            "the server's setting, by default the model's own threshold for each language. "
            "Applies to articles ingested afterwards."
        ),
    )


class KeyLifetime(BaseModel):
    max_key_days: int | None = Field(
        default=None,
        ge=1,
        le=MAX_KEY_DAYS,
        description=(
            "The longest lifetime, in days, of an API key your members make from now on: a "
            "key asked for without a lifetime gets this one, a longer one is refused. null: "
            "no limit. Keys made before keep their expiry."
        ),
    )


class MatchPreference(BaseModel):
    foreign_preference: float | None = Field(
        default=None,
        description=(
            "Log-odds added to fact-checks in another language than the text, where the "
            "registry also holds some in the text's language: 0 leaves scores as they are, +1 "
            "to +3 when most of your texts are checked in another language, below 0 when few "
            "are; at most 20 either way. null goes back to the server's setting. Open claims "
            "are matched again."
        ),
    )


@router.get("/org", summary="Your organisation: members, partners, publisher trust")
def get_org(ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.get_organisation(ctx, actor)


@router.post("/org/members", status_code=201, summary="Add a member to your organisation")
def add_member(body: NewMember, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.add_member(ctx, actor, **body.model_dump())


@router.patch("/org/members/{user_id}", summary="Change a member's role or deactivate them")
def update_member(user_id: int, body: MemberChange, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.update_member(ctx, actor, user_id, role=body.role, active=body.active)


@router.delete(
    "/org/members/{user_id}/keys", summary="Revoke every API key of a member (a leaked key)"
)
def revoke_member_keys(user_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.revoke_member_keys(ctx, actor, user_id)


@router.put("/org/partners/{slug}", status_code=204, summary="Share fact-checks with a partner")
def add_partner(slug: str, ctx: Ctx, actor: Who) -> None:
    services.set_partner(ctx, actor, slug, shared=True)


@router.delete("/org/partners/{slug}", status_code=204, summary="Stop sharing with a partner")
def remove_partner(slug: str, ctx: Ctx, actor: Who) -> None:
    services.set_partner(ctx, actor, slug, shared=False)


@router.put("/org/trust", summary="Set your trust in a publisher")
def set_trust(body: Trust, ctx: Ctx, actor: Who) -> dict[str, Any]:
    services.set_trust(ctx, actor, body.publisher, body.trust)
    return {"publisher": body.publisher, "trust": body.trust}


@router.put("/org/matching", summary="Set how much to favour fact-checks in other languages")
def set_match_preference(body: MatchPreference, ctx: Ctx, actor: Who) -> dict[str, Any]:
    services.set_match_preference(ctx, actor, body.foreign_preference)
    return {"foreign_preference": body.foreign_preference}


@router.put("/org/queue", summary="Set the check-worthiness a sentence needs to join your queue")
def set_queue_threshold(body: QueueThreshold, ctx: Ctx, actor: Who) -> dict[str, Any]:
    services.set_queue_threshold(ctx, actor, body.checkworthiness_threshold)
    return {"checkworthiness_threshold": body.checkworthiness_threshold}


@router.put("/org/key-lifetime", summary="Set the longest lifetime of your members' API keys")
def set_key_lifetime(body: KeyLifetime, ctx: Ctx, actor: Who) -> dict[str, Any]:
    services.set_max_key_days(ctx, actor, body.max_key_days)
    return {"max_key_days": body.max_key_days}


@router.get("/audit", tags=["audit"], summary="Your organisation's audit log (admins)")
def audit(
    ctx: Ctx, actor: Who, page: PageNo = 1, per_page: PerPage = 50, action: str | None = None
) -> dict[str, Any]:
    return services.list_audit(ctx, actor, page=page, per_page=per_page, action=action)
