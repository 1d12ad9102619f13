"""Turn what the user names (files, folders, URLs, feeds, standard input) into Documents.

Loading never stops at a bad item: each one becomes a `LoadFailure` with its reason, and the
rest are still yielded.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tabayyun.config import Settings
from tabayyun.errors import InputTooLargeError, TabayyunError
from tabayyun.model import Document

TEASER_WORDS = 80
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass
class LoadFailure:
    """An input (or one item inside it) that could not be read, and why."""

    source: str
    error: TabayyunError

    @property
    def reason(self) -> str:
        return str(self.error)


@dataclass
class Loader:
    """Expands inputs into Documents; URLs go through one shared, polite `Fetcher`."""

    settings: Settings
    fetcher: Any = None  # tabayyun.ingest.fetch.Fetcher, created on first URL
    stdin: BinaryIO | None = None
    _owns_fetcher: bool = field(default=False, init=False)

    def load(
        self, inputs: Sequence[str], *, feeds: Sequence[str] = ()
    ) -> Iterator[Document | LoadFailure]:
        for item in inputs:
            yield from self._load_one(item)
        for feed in feeds:
            yield from self._load_feed_source(feed)

    def close(self) -> None:
        if self.fetcher is not None and self._owns_fetcher:
            self.fetcher.close()

    # -- one input ---------------------------------------------------------------------------

    def _load_one(self, item: str) -> Iterator[Document | LoadFailure]:
        if item == "-":
            stream = self.stdin or sys.stdin.buffer
            raw = stream.read(self.settings.max_input_bytes + 1)
            yield from self._guard_size("-", raw) or [Document(source="-", raw=raw)]
            return
        if is_url(item):
            yield from self._load_url(item)
            return
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path))
            for file in files:
                yield from self._load_file(file)
            return
        yield from self._load_file(path)

    def _load_file(self, path: Path) -> Iterator[Document | LoadFailure]:
        source = str(path)
        try:
            size = path.stat().st_size
        except OSError as error:
            yield LoadFailure(source, _input_error(f"cannot read {source}: {error.strerror}"))
            return
        if size > self.settings.max_input_bytes:
            yield LoadFailure(source, _too_large(source, size, self.settings.max_input_bytes))
            return
        raw = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from self._load_jsonl(source, raw)
        elif suffix in FEED_SUFFIXES or looks_like_feed(raw):
            yield from self._load_feed_bytes(source, raw)
        else:
            media_type = "text/html" if suffix in HTML_SUFFIXES else None
            yield Document(source=source, raw=raw, media_type=media_type)

    def _load_url(self, url: str) -> Iterator[Document | LoadFailure]:
        try:
            result = self._fetch(url)
        except TabayyunError as error:
            yield LoadFailure(url, error)
            return
        media_type = (result.content_type or "").split(";")[0].strip().lower() or None
        if media_type in FEED_TYPES and looks_like_feed(result.content):
            yield from self._load_feed_bytes(url, result.content)
            return
        metadata = {"charset": result.charset} if result.charset else {}
        yield Document(
            source=url,
            raw=result.content,
            media_type=media_type,
            url=result.final_url,
            fetched_at=result.fetched_at,
            metadata=metadata,
        )

    def _load_feed_source(self, feed: str) -> Iterator[Document | LoadFailure]:
        if is_url(feed):
            try:
                raw = self._fetch(feed).content
            except TabayyunError as error:
                yield LoadFailure(feed, error)
                return
        else:
            path = Path(feed)
            try:
                raw = path.read_bytes()
            except OSError as error:
                yield LoadFailure(feed, _input_error(f"cannot read {feed}: {error.strerror}"))
                return
        yield from self._load_feed_bytes(feed, raw)

    def _load_feed_bytes(self, source: str, raw: bytes) -> Iterator[Document | LoadFailure]:
        from tabayyun.ingest.feeds import parse_feed

        try:
            feed = parse_feed(raw, url=source if is_url(source) else None)
        except TabayyunError as error:
            yield LoadFailure(source, error)
            return
        for index, reason in feed.errors:
            yield LoadFailure(f"{source}#item-{index}", _input_error(reason))
        for item in feed.items:
            body = item.content_html or item.summary or ""
            doc = Document(
                source=f"{source}#item-{item.index}",
                raw_text=body,
                media_type="text/html",
                url=item.link,
                title=item.title,
                author=item.author,
                outlet=feed.title,
                metadata={
                    "date_candidates": [item.published] if item.published else [],
                    "feed": source,
                    "guid": item.guid,
                },
            )
            # Most feeds carry a teaser only; for a live feed, read the article page itself.
            if is_url(source) and item.link and is_url(item.link) and _is_teaser(body):
                self._replace_with_page(doc, item.link)
            yield doc

    def _replace_with_page(self, doc: Document, link: str) -> None:
        try:
            page = self._fetch(link)
        except TabayyunError as error:
            doc.warnings.append(f"kept the feed's summary: the article page failed: {error}")
            return
        doc.raw, doc.raw_text = page.content, None
        doc.media_type = (page.content_type or "text/html").split(";")[0].strip().lower()
        doc.url, doc.fetched_at = page.final_url, page.fetched_at
        if page.charset:
            doc.metadata["charset"] = page.charset

    def _load_jsonl(self, source: str, raw: bytes) -> Iterator[Document | LoadFailure]:
        from tabayyun.ingest.jsonl import read_jsonl

        for line_no, record in read_jsonl(raw):
            item_source = f"{source}#line-{line_no}"
            if isinstance(record, TabayyunError):
                yield LoadFailure(item_source, record)
                continue
            html = record.get("html")
            yield Document(
                source=item_source,
                raw_text=html if html else record.get("text"),
                media_type="text/html" if html else "text/plain",
                url=record.get("url"),
                title=record.get("title"),
                outlet=record.get("outlet"),
                lang=record.get("lang"),
                metadata={
                    "date_candidates": [record["published_at"]]
                    if record.get("published_at")
                    else [],
                    "id": record.get("id"),
                },
            )

    def _fetch(self, url: str) -> Any:
        if self.fetcher is None:
            from tabayyun.ingest.fetch import Fetcher

            self.fetcher = Fetcher(self.settings)
            self._owns_fetcher = True
        return self.fetcher.fetch(url)

    def _guard_size(self, source: str, raw: bytes) -> list[Document | LoadFailure]:
        if len(raw) > self.settings.max_input_bytes:
            return [
                LoadFailure(source, _too_large(source, len(raw), self.settings.max_input_bytes))
            ]
        return []


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:1500].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") and any(t in head for t in (b"<rss", b"<feed", b"<rdf:rdf"))


def _is_teaser(html: str) -> bool:
    """True when a feed item's body is too short to be the whole article."""
    return len(re.sub(r"<[^>]+>", " ", html).split()) < TEASER_WORDS


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _too_large(source: str, size: int, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"{source} is {size:,} bytes, over the {limit:,}-byte limit; "
        "split it or raise TABAYYUN_MAX_INPUT_BYTES"
    )


def _input_error(message: str) -> TabayyunError:
    from tabayyun.errors import InputError

    return InputError(message)
