"""Analysis and stored articles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from tabayyun.server import services
from tabayyun.server.routes.common import Ctx, PageNo, PerPage, Who

router = APIRouter(tags=["articles"])


class ArticleInput(BaseModel):
    text: str | None = Field(default=None, description="Article text; or give `url`.")
    url: str | None = Field(default=None, description="An http(s) URL to fetch and analyse.")
    title: str | None = None
    lang: str | None = Field(default=None, description="ar, fa, ru or en; detected if absent.")


@router.post("/analyze", summary="Analyse a text or URL without storing it")
def analyze(body: ArticleInput, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.analyze(ctx, actor, **body.model_dump())


@router.post(
    "/articles", status_code=201, summary="Ingest an article and queue its check-worthy claims"
)
def ingest(body: ArticleInput, response: Response, ctx: Ctx, actor: Who) -> dict[str, Any]:
    result = services.ingest_article(ctx, actor, **body.model_dump())
    if result["status"] == "duplicate":
        response.status_code = 200  # nothing new was stored
    return result


@router.get("/articles", summary="List stored articles, newest first")
def list_articles(
    ctx: Ctx, actor: Who, page: PageNo = 1, per_page: PerPage = 20, lang: str | None = None
) -> dict[str, Any]:
    return services.list_articles(ctx, actor, page=page, per_page=per_page, lang=lang)


@router.get("/articles/search", summary="Full-text search over stored articles")
def search_articles(
    q: str,
    ctx: Ctx,
    actor: Who,
    lang: str | None = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    return services.search_articles(ctx, actor, q, lang=lang, page=page, per_page=per_page)


@router.get("/articles/{article_id}", summary="One article with its analysis and claims")
def get_article(article_id: int, ctx: Ctx, actor: Who) -> dict[str, Any]:
    return services.get_article(ctx, actor, article_id)
