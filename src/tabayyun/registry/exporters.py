"""Write fact-checks as ClaimReview JSON-LD: a plain list, or a schema.org DataFeed.

The DataFeed is the shape Google's Fact Check Tools accept as a feed: `dataFeedElement` holds one
DataFeedItem per fact-check whose `item` is a list with its ClaimReview. Owner and visibility
are not part of ClaimReview and are never exported.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tabayyun.registry.model import SCHEMA_CONTEXT, FactCheck

DEFAULT_FEED_NAME = "tabayyun fact-check registry"


def to_jsonld(factchecks: Iterable[FactCheck]) -> list[dict[str, Any]]:
    """Each fact-check as a standalone ClaimReview JSON-LD object."""
    return [fc.to_claimreview() for fc in factchecks]


def to_datafeed(
    factchecks: Iterable[FactCheck],
    *,
    name: str = DEFAULT_FEED_NAME,
    date_modified: str | None = None,
) -> dict[str, Any]:
    """A DataFeed document holding every fact-check; `date_modified` defaults to now (UTC)."""
    elements = []
    for fc in factchecks:
        element: dict[str, Any] = {"@type": "DataFeedItem"}
        if fc.date_published:
            element["dateCreated"] = fc.date_published
        element["item"] = [fc.to_claimreview(context=False)]
        elements.append(element)
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": name,
        "dateModified": date_modified or datetime.now(UTC).isoformat(timespec="seconds"),
        "dataFeedElement": elements,
    }
