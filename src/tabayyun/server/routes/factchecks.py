"""The fact-check registry as each organisation may see it, and claim matching."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field

from tabayyun.registry.importers import CSV_FIELDS, parse_mapping
from tabayyun.server import services
from tabayyun.server.routes.common import Ctx, PageNo, PerPage, Who

router = APIRouter(tags=["factchecks"])
VisibilityField = Literal["private", "shared", "public"]


class RatingInput(BaseModel):
    alternate_name: str | None = Field(default=None, description="The verdict in words.")
    value: float | str | None = None
    best: float | None = None
    worst: float | None = None


class FactCheckInput(BaseModel):
    claim_reviewed: str | None = Field(default=None, max_length=5000)
    rating: RatingInput | None = None
    lang: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    date_published: str | None = None
    headline: str | None = None
    review_body: str | None = None
    claim_author: str | None = None
    claim_date: str | None = None
    visibility: VisibilityField | None = None


class MatchInput(BaseModel):
    text: str = Field(min_length=1, max_length=5000)
    lang: str | None = None
    limit: int = Field(10, ge=1, le=50, description="How many fact-checks to return, best first.")


def _fields(body: FactCheckInput) -> dict[str, Any]:
    return body.model_dump(exclude={"visibility"}, exclude_none=True)


@router.get("/factchecks", summary="List or search fact-checks visible to your organisation")
def list_factchecks(
    ctx: Ctx,
    actor: Who,
    q: str | None = None,
    lang: str | None = None,
    rating: str | None = None,
    publisher: str | None = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    return services.list_factchecks(
        ctx,
        actor,
        q=q,
        lang=lang,
        rating=rating,
        publisher=publisher,
        page=page,
        per_page=per_page,
    )


@router.get("/factchecks/search", summary="Search fact-checks (the same as ?q= on the list)")
def search_factchecks(
    q: str,
    ctx: Ctx,
    actor: Who,
    lang: str | None = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    return services.list_factchecks(ctx, actor, q=q, lang=lang, page=page, per_page=per_page)


@router.get("/factchecks/export", summary="Export as ClaimReview DataFeed or JSON-LD list")
def export(ctx: Ctx, actor: Who, format: Literal["datafeed", "jsonld"] = "datafeed") -> Any:
    return services.export_factchecks(ctx, actor, format=format)


IMPORT_DESCRIPTION = f"""Import fact-checks from one file: ClaimReview JSON or JSON-LD, JSON
Lines, a DataFeed, CSV (or TSV), or an HTML page with ClaimReview JSON-LD. The format comes from
the file name's suffix, else from the content.

A CSV file's columns are found by their usual English headers (claim, rating, url, date, lang...).
Name others with `map`, one form field per column, as `field=column`, e.g.
`map=claimReviewed=ادعا` and `map=alternateName=حکم` (the command line's `--map`). Fields:
{", ".join(CSV_FIELDS)}.

The answer counts what was added, updated, unchanged and refused (another organisation owns
that URL), lists `rejected` items with their reason, and lists `flagged` items: imported, but a
person should look at them (a rating word not in the table, kept as "unknown"; a date that could
not be read, left out; a language code that was not one, detected instead)."""


@router.post(
    "/factchecks/import",
    summary="Import an uploaded ClaimReview file",
    description=IMPORT_DESCRIPTION,
)
def import_file(
    file: Annotated[
        UploadFile, File(description="ClaimReview JSON, JSON-LD, JSONL, DataFeed, CSV or HTML")
    ],
    ctx: Ctx,
    actor: Who,
    visibility: Annotated[VisibilityField, Form()] = "private",
    column_map: Annotated[
        list[str] | None,
        Form(alias="map", description="CSV only: field=column, e.g. claimReviewed=ادعا; repeat."),
    ] = None,
) -> dict[str, Any]:
    mapping = parse_mapping(column_map or [])
    content = file.file.read(ctx.settings.max_input_bytes + 1)
    return services.import_factchecks(
        ctx, actor, filename=file.filename or "upload", content=content, visibility=visibility,
        mapping=mapping or None,
    )  # fmt: skip


@router.post("/factchecks", status_code=201, summary="Write a fact-check for your organisation")
def create(body: FactCheckInput, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.create_factcheck(
        ctx, actor, _fields(body), visibility=body.visibility or "private"
    )


@router.get("/factchecks/{factcheck_id}", summary="One fact-check")
def get(factcheck_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.get_factcheck(ctx, actor, factcheck_id)


@router.patch("/factchecks/{factcheck_id}", summary="Change your organisation's fact-check")
def update(factcheck_id: int, body: FactCheckInput, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.update_factcheck(
        ctx, actor, factcheck_id, _fields(body), visibility=body.visibility
    )


@router.post("/factchecks/{factcheck_id}/publish", summary="Make a fact-check public")
def publish(factcheck_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.publish_factcheck(ctx, actor, factcheck_id)


@router.post("/match", tags=["matching"], summary="Fact-checks matching a claim (not ready: 503)")
def match(body: MatchInput, ctx: Ctx, actor: Who) -> Any:
    return services.match_text(ctx, actor, body.text, lang=body.lang, limit=body.limit)
