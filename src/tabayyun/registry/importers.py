"""Read fact-checks from HTML pages (ClaimReview JSON-LD), JSON, JSON Lines and CSV files.

Every reader yields `(location, FactCheck | InputError)` pairs: one bad item never stops the
others, and its location says where to look ("checks.csv:row 7", "feed.json:dataFeedElement[2]
.item[0]", "page.html:JSON-LD block 1"). CSV rows count the header as row 1, as spreadsheets do.

JSON may hold one ClaimReview, a list, a DataFeed (the shape of Google's Fact Check Tools feed:
`dataFeedElement` items whose `item` holds ClaimReviews), an `@graph`, or a Fact Check Tools
API search answer (`{"claims": [...]}`).

Items are read leniently (`from_claimreview(lenient=True)`): an unreadable date or language code
is left out and named in `FactCheck.flags` rather than costing the fact-check.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import lxml.html
from extruct.jsonld import JsonLdExtractor
from lxml.etree import ParserError, XMLSyntaxError

from tabayyun.config import Settings
from tabayyun.errors import EmptyInputError, InputError, TabayyunError
from tabayyun.ingest.decode import decode_bytes
from tabayyun.registry.model import FactCheck, from_claimreview, json_kind, quoted, schema_types
from tabayyun.registry.ratings import as_number

Parsed = tuple[str, FactCheck | InputError]

# The ClaimReview fields a CSV column can fill, each with the header names understood by default
# (compared in lower case with spaces and hyphens as underscores).
CSV_FIELDS: dict[str, tuple[str, ...]] = {
    "claimReviewed": ("claimreviewed", "claim_reviewed", "claim", "claim_text"),
    "url": ("url", "review_url", "fact_check_url", "link"),
    "publisher": ("publisher", "publisher_name", "organization", "organisation"),
    "author": ("author", "author_name", "reviewer"),
    "datePublished": ("datepublished", "date_published", "review_date", "date"),
    "ratingValue": ("ratingvalue", "rating_value", "score"),
    "bestRating": ("bestrating", "best_rating", "best"),
    "worstRating": ("worstrating", "worst_rating", "worst"),
    "alternateName": ("alternatename", "alternate_name", "rating", "verdict", "textual_rating"),
    "inLanguage": ("inlanguage", "in_language", "language", "lang"),
    "claimAuthor": ("claimauthor", "claim_author", "claimant"),
    "claimDate": ("claimdate", "claim_date"),
    "appearance": ("appearance", "appearance_url", "claim_url"),
    "name": ("name", "headline", "title"),
    "reviewBody": ("reviewbody", "review_body", "summary", "description"),
}
# What a fact-check import reads, for messages about a file it cannot read ("give ...").
FACTCHECK_INPUT = (
    "fact-checks as ClaimReview JSON or JSON-LD, JSON Lines, a DataFeed, CSV, or HTML pages "
    "with ClaimReview"
)
_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonld": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}


def read_factchecks(
    source: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> Iterator[Parsed]:
    """Every fact-check (or per-item error) in a file or an http(s) URL."""
    name = str(source)
    settings = settings or Settings.from_env()
    try:
        raw, kind = _load(name, settings)
        text, _ = decode_bytes(raw, max_bytes=settings.max_input_bytes, wanted=FACTCHECK_INPUT)
    except EmptyInputError:
        yield name, InputError("the file is empty: give %(wanted)s", wanted=FACTCHECK_INPUT)
        return
    except InputError as error:
        yield name, error
        return
    except TabayyunError as error:  # a FetchError: the source, not one item, failed
        yield name, InputError(str(error))
        return
    kind = kind or _sniff(text)
    if kind == "html":
        yield from read_html(text, name)
    elif kind == "json":
        yield from read_json_text(text, name)
    elif kind == "jsonl":
        yield from read_jsonl(text, name)
    elif kind == "csv":
        delimiter = "\t" if name.lower().endswith(".tsv") else ","
        yield from read_csv(text, name, mapping=mapping, delimiter=delimiter)
    else:
        yield name, InputError("cannot tell the format: name the file .json, .jsonl, .csv or .html")


def read_html(text: str, name: str) -> Iterator[Parsed]:
    """ClaimReviews in a page's JSON-LD blocks; a broken block is one error, the rest import."""
    try:
        tree = lxml.html.fromstring(text)
    except (ParserError, XMLSyntaxError, ValueError) as error:
        yield (
            name,
            InputError(
                "not readable HTML (%(detail)s); save the page again and retry", detail=str(error)
            ),
        )
        return
    extractor = JsonLdExtractor()
    found = False
    for number, script in enumerate(tree.xpath('//script[@type="application/ld+json"]'), 1):
        where = f"{name}:JSON-LD block {number}"
        try:
            items = extractor.extract_items(script)
        except (ValueError, TypeError) as error:
            found = True
            yield (
                where,
                InputError(
                    "broken JSON-LD (%(detail)s); the block was skipped: fix the page's markup",
                    detail=str(error),
                ),
            )
            continue
        for index, item in enumerate(items):
            path = where if len(items) == 1 else f"{where}[{index}]"
            for parsed in _walk(item, path, strict=False):
                found = True
                yield parsed
    if not found:
        yield (
            name,
            InputError("no ClaimReview JSON-LD on the page; give the fact-check article's own URL"),
        )


def read_json_text(text: str, name: str) -> Iterator[Parsed]:
    """ClaimReviews in one JSON document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield (
            name,
            InputError(
                "not valid JSON: %(detail)s (line %(line)s, column %(column)s); "
                "fix it, or name the file .jsonl if it holds one object per line",
                detail=error.msg,
                line=error.lineno,
                column=error.colno,
            ),
        )
        return
    yield from read_json(data, name)


def read_json(data: object, name: str) -> Iterator[Parsed]:
    """ClaimReviews in parsed JSON: an object, a list, a DataFeed, an @graph or an API answer."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk(item, f"{name}:item {index + 1}", strict=True)
    else:
        yield from _walk(data, name, strict=True)


def read_jsonl(text: str, name: str) -> Iterator[Parsed]:
    """One ClaimReview (or feed) per line; blank lines are skipped."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield (
                where,
                InputError(
                    "not valid JSON: %(detail)s (column %(column)s); fix or remove the line",
                    detail=error.msg,
                    column=error.colno,
                ),
            )
            continue
        yield from _walk(data, where, strict=True)


def read_csv(
    text: str,
    name: str,
    *,
    mapping: Mapping[str, str] | None = None,
    delimiter: str = ",",
) -> Iterator[Parsed]:
    """One ClaimReview per row; `mapping` names the column for each field in `CSV_FIELDS`.

    Columns not named in `mapping` are found by their usual header names ("claim", "rating",
    "lang"...). A row with too many or too few cells is rejected on its own.
    """
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter)
    try:
        header = next(rows)
        columns = _csv_columns(header, mapping or {})
    except StopIteration:
        yield name, InputError("the CSV file is empty; give a header row and one row per check")
        return
    except InputError as error:
        yield name, error
        return
    for number, row in enumerate(rows, 2):
        where = f"{name}:row {number}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (
                where,
                InputError(
                    "%(cells)s cells where the header has %(columns)s; "
                    "check for an unquoted comma or a missing cell",
                    cells=len(row),
                    columns=len(header),
                ),
            )
            continue
        cells = {field: row[index].strip() for field, index in columns.items()}
        try:
            yield where, from_claimreview(_csv_claimreview(cells), lenient=True)
        except InputError as error:
            yield where, error


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """CSV columns named as "field=column" (the CLI's --map, the API's `map`), as a mapping.

    Spaces around either side are dropped; a column name may itself hold "=".
    """
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputError(
                "mapping %(item)s is not field=column, e.g. claimReviewed=claim", item=quoted(item)
            )
        mapping[field.strip()] = column.strip()
    return mapping


# -- helpers -----------------------------------------------------------------------------------


def _load(name: str, settings: Settings) -> tuple[bytes, str | None]:
    if name.lower().startswith(("http://", "https://")):
        from tabayyun.ingest.fetch import fetch_url

        result = fetch_url(name, settings)
        content_type = (result.content_type or "").lower()
        kind = (
            "html"
            if "html" in content_type
            else "json"
            if "json" in content_type and "jsonl" not in content_type
            else "csv"
            if "csv" in content_type
            else None
        )
        return result.content, kind or _FORMATS.get(Path(result.final_url).suffix.lower())
    path = Path(name)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror}; check the path") from None
    return raw, _FORMATS.get(path.suffix.lower())


def _sniff(text: str) -> str | None:
    start = text.lstrip()[:1]
    if start == "<":
        return "html"
    if start in "{[" and start:
        try:
            json.loads(text)
        except json.JSONDecodeError:
            return "jsonl"
        return "json"
    return None


def _walk(node: object, where: str, *, strict: bool) -> Iterator[Parsed]:
    """ClaimReviews in `node`; with `strict`, anything else is an error rather than skipped."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{where}[{index}]", strict=strict)
        return
    if not isinstance(node, dict):
        if strict:
            yield (
                where,
                InputError("expected a ClaimReview object, got %(kind)s", kind=json_kind(node)),
            )
        return
    types = schema_types(node)
    if "ClaimReview" in types:
        try:
            yield where, from_claimreview(node, lenient=True)
        except InputError as error:
            yield where, error
    elif "DataFeed" in types or "dataFeedElement" in node:
        yield from _feed(node, where)
    elif isinstance(node.get("@graph"), list):
        # A graph mixes WebPage, Organization... nodes: only its ClaimReviews matter.
        for index, item in enumerate(node["@graph"]):
            yield from _walk(item, f"{where}.@graph[{index}]", strict=False)
    elif isinstance(node.get("claims"), list):
        yield from _api_answer(node["claims"], where)
    elif strict:
        yield (
            where,
            InputError(
                "@type: expected ClaimReview or DataFeed, got %(type)s; "
                "only ClaimReview items are fact-checks",
                type=repr(node.get("@type")),
            ),
        )


def _feed(node: dict[str, Any], where: str) -> Iterator[Parsed]:
    elements = node.get("dataFeedElement")
    if not isinstance(elements, list):
        yield where, InputError("dataFeedElement: expected a list of DataFeedItem objects")
        return
    prefix = f"{where}:" if ":" not in where else f"{where}."
    for index, element in enumerate(elements):
        at = f"{prefix}dataFeedElement[{index}]"
        if isinstance(element, dict) and "item" in element:
            items = element["item"]
            for number, item in enumerate(items if isinstance(items, list) else [items]):
                yield from _walk(item, f"{at}.item[{number}]", strict=True)
        else:
            yield from _walk(element, at, strict=True)


def _api_answer(claims: list[Any], where: str) -> Iterator[Parsed]:
    """The Fact Check Tools API `claims:search` shape, rewritten as ClaimReviews."""
    for index, claim in enumerate(claims):
        at = f"{where}:claims[{index}]"
        if not isinstance(claim, dict) or not isinstance(claim.get("claimReview"), list):
            yield at, InputError("claimReview: expected a list of reviews in each claim")
            continue
        for number, review in enumerate(claim["claimReview"]):
            if not isinstance(review, dict):
                yield f"{at}.claimReview[{number}]", InputError("expected a review object")
                continue
            converted: dict[str, Any] = {
                "@type": "ClaimReview",
                "claimReviewed": claim.get("text"),
                "url": review.get("url"),
                "name": review.get("title"),
                "datePublished": review.get("reviewDate"),
                "inLanguage": review.get("languageCode"),
                "publisher": review.get("publisher"),
                "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating")},
                "itemReviewed": {
                    "@type": "Claim",
                    "author": claim.get("claimant"),
                    "datePublished": claim.get("claimDate"),
                },
            }
            try:
                fc = from_claimreview(_dropped_none(converted), lenient=True)
                yield f"{at}.claimReview[{number}]", fc
            except InputError as error:
                yield f"{at}.claimReview[{number}]", error


def _dropped_none(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: _dropped_none(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None
    }


def _header_key(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _csv_columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """Field name -> column index, from `mapping` first, then the usual header names."""
    positions = {_header_key(h): i for i, h in enumerate(header)}
    unknown = sorted(set(mapping) - set(CSV_FIELDS))
    if unknown:
        raise InputError(
            "mapping: unknown field(s) %(fields)s; use %(known)s",
            fields=", ".join(unknown),
            known=", ".join(CSV_FIELDS),
        )
    columns: dict[str, int] = {}
    for field, column in mapping.items():
        if _header_key(column) not in positions:
            raise InputError(
                "mapping: column %(column)s for %(field)s is not in the header (%(header)s); "
                "fix the mapping",
                column=quoted(column),
                field=field,
                header=", ".join(header),
            )
        columns[field] = positions[_header_key(column)]
    taken = set(columns.values())
    for field, aliases in CSV_FIELDS.items():
        if field in columns:
            continue
        for alias in aliases:
            if alias in positions and positions[alias] not in taken:
                columns[field] = positions[alias]
                taken.add(positions[alias])
                break
    if "claimReviewed" not in columns:
        raise InputError(
            "no claim column among %(header)s; name one 'claimReviewed', "
            "or map yours: claimReviewed=your column",
            header=", ".join(header),
        )
    return columns


def _csv_claimreview(cells: dict[str, str]) -> dict[str, Any]:
    """A ClaimReview object built from one row's non-empty cells."""
    given = {k: v for k, v in cells.items() if v}
    data: dict[str, Any] = {"@type": "ClaimReview"}
    for field in ("claimReviewed", "url", "datePublished", "inLanguage", "name", "reviewBody"):
        if field in given:
            data[field] = given[field]
    for field in ("publisher", "author"):
        if field in given:
            data[field] = {"@type": "Organization", "name": given[field]}
    rating: dict[str, Any] = {"@type": "Rating"}
    if "ratingValue" in given:
        number = as_number(given["ratingValue"])
        rating["ratingValue"] = given["ratingValue"] if number is None else number
    for field in ("bestRating", "worstRating", "alternateName"):
        if field in given:
            rating[field] = given[field]
    data["reviewRating"] = rating
    claim: dict[str, Any] = {"@type": "Claim"}
    if "claimAuthor" in given:
        claim["author"] = {"@type": "Person", "name": given["claimAuthor"]}
    if "claimDate" in given:
        claim["datePublished"] = given["claimDate"]
    if "appearance" in given:
        claim["appearance"] = [{"@type": "CreativeWork", "url": given["appearance"]}]
    data["itemReviewed"] = claim
    return data
