"""Pages of the fact-check registry: search and filters, import, export, write and publish."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from tabayyun.errors import InputError
from tabayyun.registry.importers import parse_mapping
from tabayyun.registry.model import VISIBILITIES
from tabayyun.registry.ratings import LABELS
from tabayyun.server import services
from tabayyun.server.factchecks import EDITABLE
from tabayyun.server.routes.common import Ctx, Who
from tabayyun.web.common import Form, optional, redirect, text, upload
from tabayyun.web.errors import reader_text
from tabayyun.web.i18n import N_
from tabayyun.web.render import local_path, page_language, render

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
# The English verdict written for a label chosen from the list (the rating reader knows them).
LABEL_WORDS = {
    "false": "False",
    "mostly_false": "Mostly False",
    "mixed": "Half True",
    "mostly_true": "Mostly True",
    "true": "True",
    "unproven": "Unproven",
    "misleading": "Misleading",
    "satire": "Satire",
}
# The form's text fields: every editable field but the rating, which has its own two inputs.
FIELDS = tuple(name for name in EDITABLE if name != "rating")


def factcheck_fields(form: FormData) -> tuple[dict[str, Any], str]:
    """The fact-check fields and visibility of a submitted form (empty fields left out)."""
    fields: dict[str, Any] = {name: optional(form, name) for name in FIELDS}
    verdict, label = optional(form, "verdict"), text(form, "rating")
    if verdict or label:
        if not verdict and label not in LABEL_WORDS:
            raise InputError(
                N_("rating must be one of %(choices)s"), choices=", ".join(LABEL_WORDS)
            )
        fields["rating"] = {"alternate_name": verdict or LABEL_WORDS[label]}
    visibility = text(form, "visibility") or "private"
    if visibility not in VISIBILITIES:
        choices = ", ".join(VISIBILITIES)
        raise InputError(N_("visibility must be one of %(choices)s"), choices=choices)
    return fields, visibility


@router.get("/factchecks", response_class=HTMLResponse)
def registry(
    request: Request,
    ctx: Ctx,
    actor: Who,
    q: str = "",
    rating: str = "",
    lang: str = "",
    publisher: str = "",
    date_from: str = "",
    date_to: str = "",
    page: int = 1,
) -> Response:
    filters = {
        "q": q, "rating": rating, "lang": lang, "publisher": publisher, "date_from": date_from,
        "date_to": date_to,
    }  # fmt: skip
    found = services.list_factchecks(
        ctx, actor, **{k: v.strip() or None for k, v in filters.items()}, page=max(page, 1),
        per_page=PER_PAGE,
    )  # fmt: skip
    facets = services.registry_facets(ctx, actor)
    return render(
        request, "factchecks.html", actor=actor, found=found, filters=filters, facets=facets,
        labels=LABELS,
    )  # fmt: skip


@router.get("/factchecks/export")
def export(ctx: Ctx, actor: Who, format: str = "datafeed") -> Response:
    data = services.export_factchecks(ctx, actor, format=format)
    name = "factchecks.jsonld" if format == "jsonld" else "factchecks-datafeed.json"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/ld+json" if format == "jsonld" else "application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/factchecks/import", response_class=HTMLResponse)
def import_file(request: Request, ctx: Ctx, actor: Who, form: Form) -> Response:
    file = upload(form, "file")
    if file is None or not file.filename:
        raise InputError(N_("choose a file to import"))
    # The form's "Column mapping": field=column items, one a line or separated by ";".
    mapping = parse_mapping(i for i in re.split(r"[\n;]", text(form, "map")) if i.strip())
    content = file.file.read(ctx.settings.max_input_bytes + 1)
    result = services.import_factchecks(
        ctx, actor, filename=file.filename, content=content,
        visibility=text(form, "visibility") or "private", mapping=mapping or None,
    )  # fmt: skip
    # Why an item was refused or is worth a look, in the reader's language where the catalogue
    # has it (the reasons arrive as the API's English text, read back into their templates).
    i18n = page_language(request)

    def readable(items: list[dict[str, str]]) -> list[dict[str, str]]:
        return [
            {"location": item["location"], "reason": reason, "lang": lang}
            for item in items
            for reason, lang in [reader_text(i18n, item["reason"])]
        ]

    return render(
        request, "import_result.html", actor=actor, result=result, filename=file.filename,
        rejected=readable(result["rejected"]), flagged=readable(result["flagged"]),
    )  # fmt: skip


@router.get("/factchecks/new", response_class=HTMLResponse)
def new_factcheck(request: Request, actor: Who, claim: str = "") -> Response:
    values = {name: "" for name in FIELDS} | {"claim_reviewed": claim, "rating": "", "verdict": ""}
    return render(
        request, "factcheck_form.html", actor=actor, values=values, factcheck=None,
        labels=LABELS, visibility="private",
    )  # fmt: skip


@router.post("/factchecks/new")
def create(ctx: Ctx, actor: Who, form: Form) -> Response:
    fields, visibility = factcheck_fields(form)
    created = services.create_factcheck(ctx, actor, fields, visibility=visibility)
    return redirect(f"/factchecks/{created['id']}", "saved")


@router.get("/factchecks/{factcheck_id:int}", response_class=HTMLResponse)
def factcheck(request: Request, ctx: Ctx, actor: Who, factcheck_id: int) -> Response:
    found = services.get_factcheck(ctx, actor, factcheck_id)
    return render(request, "factcheck.html", actor=actor, fc=found)


@router.get("/factchecks/{factcheck_id:int}/edit", response_class=HTMLResponse)
def edit_factcheck(request: Request, ctx: Ctx, actor: Who, factcheck_id: int) -> Response:
    found = services.get_factcheck(ctx, actor, factcheck_id)
    review = found["claimreview"]
    item = review.get("itemReviewed") or {}
    values = {
        "claim_reviewed": found["claim_reviewed"] or "",
        "lang": found["lang"] or "",
        "url": found["url"] or "",
        "publisher": found["publisher"] or "",
        "author": _name(review.get("author")),
        "date_published": (found["date_published"] or "")[:10],
        "headline": review.get("name") or "",
        "review_body": review.get("reviewBody") or "",
        "claim_author": _name(item.get("author")),
        "claim_date": str(item.get("datePublished") or "")[:10],
        "rating": found["rating_label"] if found["rating_label"] in LABEL_WORDS else "",
        "verdict": found["rating_text"] or "",
    }
    return render(
        request, "factcheck_form.html", actor=actor, values=values, factcheck=found,
        labels=LABELS, visibility=found["visibility"],
    )  # fmt: skip


def _name(node: Any) -> str:
    if isinstance(node, dict):
        return str(node.get("name") or "")
    if isinstance(node, list) and node:
        return _name(node[0])
    return str(node or "")


@router.post("/factchecks/{factcheck_id:int}/edit")
def update(ctx: Ctx, actor: Who, form: Form, factcheck_id: int) -> Response:
    fields, visibility = factcheck_fields(form)
    services.update_factcheck(ctx, actor, factcheck_id, fields, visibility=visibility)
    return redirect(f"/factchecks/{factcheck_id}", "saved")


@router.post("/factchecks/{factcheck_id:int}/publish")
def publish(ctx: Ctx, actor: Who, form: Form, factcheck_id: int) -> Response:
    services.publish_factcheck(ctx, actor, factcheck_id)
    return redirect(local_path(text(form, "next"), f"/factchecks/{factcheck_id}"), "published")
