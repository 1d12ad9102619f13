"""The review queue and the review workflow."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tabayyun.server import services
from tabayyun.server.routes.common import Ctx, PageNo, PerPage, Who

router = APIRouter(tags=["claims"])


class Assign(BaseModel):
    assignee: str | None = Field(default=None, description="A username; yourself if absent.")


class FactChecked(BaseModel):
    factcheck_id: int
    note: str | None = Field(default=None, max_length=2000)


class Dismiss(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class Comment(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)


@router.get("/claims", summary="The review queue: false-rated matches first, then check-worthiness")
def list_claims(
    ctx: Ctx,
    actor: Who,
    status: str | None = None,
    assignee: str | None = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    return services.list_claims(
        ctx, actor, status=status, assignee=assignee, page=page, per_page=per_page
    )


@router.get("/claims/{claim_id}", summary="One claim with its review history")
def get_claim(claim_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.get_claim(ctx, actor, claim_id)


@router.post("/claims/{claim_id}/assign", summary="Put a claim in review, assigned to someone")
def assign(claim_id: int, body: Assign, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.assign_claim(ctx, actor, claim_id, body.assignee)


@router.post("/claims/{claim_id}/fact-checked", summary="Close a claim with a linked fact-check")
def fact_checked(claim_id: int, body: FactChecked, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.mark_fact_checked(ctx, actor, claim_id, body.factcheck_id, body.note)


@router.post("/claims/{claim_id}/dismiss", summary="Dismiss a claim, with a reason")
def dismiss(claim_id: int, body: Dismiss, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.dismiss_claim(ctx, actor, claim_id, body.reason)


@router.post("/claims/{claim_id}/reopen", summary="Put a dismissed claim back in the queue")
def reopen(claim_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.reopen_claim(ctx, actor, claim_id)


@router.get("/claims/{claim_id}/comments", summary="A claim's comments, oldest first")
def comments(claim_id: int, ctx: Ctx, actor: Who) -> list[dict[str, Any]]:
    return services.claim_history(ctx, actor, claim_id, comments_only=True)


@router.post("/claims/{claim_id}/comments", status_code=201, summary="Comment on a claim")
def add_comment(claim_id: int, body: Comment, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.comment_claim(ctx, actor, claim_id, body.body)


@router.get("/claims/{claim_id}/history", summary="Every state change and comment of a claim")
def history(claim_id: int, ctx: Ctx, actor: Who) -> list[dict[str, Any]]:
    return services.claim_history(ctx, actor, claim_id)
