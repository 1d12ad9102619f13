"""Parse RSS 2.0, RSS 1.0 and Atom feeds into items, keeping good items when one is broken."""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import Any

import feedparser

from tabayyun.errors import EmptyInputError, FeedError

# An <item> (RSS) or <entry> (Atom) element, for checking each one's XML on its own.
_ITEM = re.compile(rb"<(item|entry)(?:\s[^>]*)?>.*?</\1\s*>", re.DOTALL)


@dataclass
class FeedItem:
    """One feed item; `index` counts from 1 in document order, broken items included."""

    index: int
    title: str | None
    link: str | None
    content_html: str | None
    summary: str | None
    published: str | None  # raw, as written in the feed
    author: str | None
    guid: str | None


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    errors: list[tuple[int, str]] = field(default_factory=list)  # (item index, reason)


def parse_feed(raw: bytes, *, url: str | None = None) -> ParsedFeed:
    """Parse feed bytes; raise FeedError when they are not a feed at all.

    An item that is not well-formed XML, or has no title, link or content, goes to
    `errors` with its index; the other items are returned.
    """
    if not raw.strip():
        raise EmptyInputError("the feed is empty: check the feed URL or file")
    headers = {"content-location": url} if url else {}
    parsed: Any = feedparser.parse(raw, response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        if not url:
            raise FeedError(
                "the input is not an RSS or Atom feed (no channel, feed or item elements): "
                "give the feed's address, or load the page as HTML instead"
            )
        raise FeedError(
            "%(url)s is not an RSS or Atom feed (no channel, feed or item elements): "
            "give the feed's address, or load the page as HTML instead",
            url=url,
        )
    broken = _malformed_items(raw) if parsed.get("bozo") else {}
    if broken and len(broken["spans"]) != len(parsed.entries):
        # The forgiving parser merged or split items, so indexes cannot be trusted.
        broken = {}
    items: list[FeedItem] = []
    # Reasons are message templates filled in (the web UI reads them back to translate them).
    errors: list[tuple[int, str]] = []
    for index, entry in enumerate(parsed.entries, 1):
        reason = broken.get("errors", {}).get(index)
        if reason:
            broken_item = (
                "item %(index)s is broken XML (%(reason)s): ask the outlet to fix its feed"
            )
            errors.append((index, broken_item % {"index": index, "reason": reason}))
            continue
        item = _item(index, entry)
        if not (item.title or item.link or item.content_html or item.summary):
            no_content = "item %(index)s has no title, link or content: nothing to read"
            errors.append((index, no_content % {"index": index}))
            continue
        items.append(item)
    feed_title = parsed.feed.get("title") or None
    return ParsedFeed(title=feed_title, items=items, errors=errors)


def _item(index: int, entry: Any) -> FeedItem:
    contents = [c for c in entry.get("content", []) if c.get("value", "").strip()]
    # Prefer the longest body: some feeds put a teaser first and the full text second.
    content = max(contents, key=lambda c: len(c["value"]))["value"] if contents else None
    return FeedItem(
        index=index,
        title=_clean(entry.get("title")),
        link=_clean(entry.get("link")),
        content_html=content,
        summary=_clean(entry.get("summary")),
        published=_clean(entry.get("published") or entry.get("updated")),
        author=_clean(entry.get("author")),
        guid=_clean(entry.get("id")),
    )


def _malformed_items(raw: bytes) -> dict[str, Any]:
    """Which items (by 1-based index) are not well-formed XML on their own, and why."""
    spans = list(_ITEM.finditer(raw))
    errors: dict[int, str] = {}
    for index, match in enumerate(spans, 1):
        # No namespace processing: "dc:creator" is just a name here, undeclared or not.
        parser = xml.parsers.expat.ParserCreate("utf-8")
        try:
            parser.Parse(_as_utf8(raw, match.group(0)), True)
        except xml.parsers.expat.ExpatError as error:
            errors[index] = xml.parsers.expat.ErrorString(error.code)
    return {"spans": spans, "errors": errors}


def _as_utf8(raw: bytes, chunk: bytes) -> bytes:
    """Re-encode an item cut out of a feed declared in another encoding."""
    declared = re.match(rb"<\?xml[^>]*encoding=[\"']([\w.-]+)", raw)
    if not declared:
        return chunk
    try:
        return chunk.decode(declared.group(1).decode("ascii")).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return chunk


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
