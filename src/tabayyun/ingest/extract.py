"""Extract an article's parts (title, body, outlet, author, dates, related links) from HTML or text.

HTML goes through trafilatura for the main text and metadata and through extruct for JSON-LD;
"read also" blocks are cut out of the page before extraction so their headlines never become
part of the body. Nothing is rendered or executed.

Dates stay raw strings, sorted by how far they can be trusted (`lang.dates.choose_published_date`
picks one): date fields (JSON-LD, meta tags, `<time datetime>`), then the texts of byline and
date elements, then a date in the page's address. trafilatura's own date (htmldate) is not
used: with its extensive search it turns a year in the body ("the floods of 2019") into
2019-01-01, and without it it still pads a month-only date with today's day; every source it
reads well is read here directly, in all four languages and three calendars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from extruct.jsonld import JsonLdExtractor
from lxml.etree import ParserError, XMLSyntaxError

from tabayyun.errors import NoArticleTextError
from tabayyun.ingest.related import (
    is_headline_like,
    marker_rest,
    related_link,
    split_related,
)
from tabayyun.lang.dates import find_dates, is_date_fragment
from tabayyun.lang.normalize import decode_references
from tabayyun.model import RelatedLink

MIN_ARTICLE_LETTERS = 40
_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "Report",
}
# class/id words that name a related-links container on news sites.
_RELATED_CLASS = re.compile(
    r"(^|[\s_-])(related|read-?also|read-?more|more-?news|see-?also|also-?read|"
    r"related-?(posts|news|articles|stories))($|[\s_-])",
    re.IGNORECASE,
)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
# class/id/itemprop words of the elements that hold a byline or the article's date.
_DATE_CLASS = re.compile(r"by-?line|date|time|publish|posted|author|meta", re.IGNORECASE)
_LATER_CLASS = re.compile(r"updat|modif|edit", re.IGNORECASE)  # a later date than the first
_OUTSIDE_ARTICLE = {"nav", "footer", "aside"}
_COMMENT_CLASS = re.compile(r"comment", re.IGNORECASE)
MAX_BYLINE_CHARS = 200
# /2024/03/05/ or /2024-03-05- in a page's path.
_URL_DATE = re.compile(r"/((?:19|20)[0-9]{2})[/_-]([0-9]{1,2})[/_-]([0-9]{1,2})(?=[/_.-]|$)")
# Words that introduce a name in a byline, and labels of a date that trafilatura may keep as
# the author ("تاریخ انتشار" is "publication date").
_AUTHOR_LABEL = re.compile(
    r"^(?:(?:written|posted|reported|story|text|words)\s+)?by\b\s*:?\s*"
    r"|^(?:author|reporter|writer|بقلم|كتب|كتبه|كتبت|إعداد|اعداد|تحرير|الكاتب|المحرر|مراسل|"
    r"نویسنده|به\s*قلم|خبرنگار|گزارش|تنظیم|автор|текст|корреспондент)(?![^\W\d_])\s*[:：\-–—]?\s*",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|last\s+updated|date|تاريخ\s+النشر|نشر\s+في|نشر\s+بتاريخ|"
    r"آخر\s+تحديث|التاريخ|تاریخ\s+انتشار|زمان\s+انتشار|تاریخ|انتشار|به[\s\u200c]*روز\s*رسانی|"
    r"опубликовано|обновлено|дата\s+публикации|дата)(?![^\W\d_])\s*[:：\-–—]?\s*",
    re.IGNORECASE,
)
# A byline's job title ("Economics Correspondent", «مراسل الجزيرة», «خبرنگار اقتصادی»,
# "специальный корреспондент"): not a name, so not an author.
_ROLE_PIECE = re.compile(
    r"^(?:[\w.&'-]+\s+){0,3}(?:correspondent|editor|reporter|writer|columnist|contributor|"
    r"analyst|journalist|staff|корреспондент|обозреватель|редактор|журналист)s?$"
    r"|^(?:مراسل|مراسلة|محرر|محررة|خبرنگار|دبیر|سردبیر)(?:\s+\S+){0,3}$",
    re.IGNORECASE,
)
_AUTHOR_PIECES = re.compile(r"\s*[,،]\s*|\s+[-–—|]\s+")
_MARKER_BLOCKS = {"h2", "h3", "h4", "h5", "h6", "p", "li", "div"}
_TAG_LINE = re.compile(r"^#?\S+$")
_JOINERS = ("\u200c", "\u200d")  # ZWNJ, ZWJ
# Rare printable characters, one per joiner, that are not already on the page.
_STAND_INS = ("\u2e3b", "\u2e3a", "\u29fe", "\u29fd", "\u2bd1", "\u2bd2")


@dataclass
class Extracted:
    """What extraction found; date strings stay raw for the date parser.

    `date_candidates` are date fields, `bylines` the texts of byline and date elements,
    `guessed_dates` dates read from the page's address: in that order of trust.
    """

    title: str | None
    text: str
    outlet: str | None = None
    author: str | None = None
    date_candidates: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    guessed_dates: list[str] = field(default_factory=list)
    lang_hint: str | None = None
    url: str | None = None
    related: list[RelatedLink] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article in `html`; raise NoArticleTextError when it has no real body."""
    warnings: list[str] = []
    tree = _parse(html)
    if tree is None:
        raise _no_article_text(url)
    base = url or _canonical(tree)
    jsonld = _jsonld(tree, warnings)
    article = _article_node(jsonld)
    meta = _meta(tree)
    anchors = _anchor_urls(tree, base)
    related = _cut_related_blocks(tree, base)
    cleaned = lxml.html.tostring(tree, encoding="unicode")

    doc = _trafilatura(cleaned, url)
    text = _lines(doc.get("text") or "") if doc else ""
    if _letters(text) < MIN_ARTICLE_LETTERS and isinstance(article.get("articleBody"), str):
        text = _lines(article["articleBody"])  # script-built pages often ship the body here
        warnings.append("main text taken from JSON-LD articleBody")
    text = _without_title(text, _text(article.get("headline")) or (doc or {}).get("title"))
    text, inline = split_related(text)
    for link in inline:
        # Text lost the href; the page's anchor with the same words still has it.
        link.url = link.url or anchors.get(_key(link.title))
    related.extend(inline)
    text = _lines(text)
    if _letters(text) < MIN_ARTICLE_LETTERS:
        raise _no_article_text(url)

    doc = doc or {}
    publisher = article.get("publisher")
    title = _text(article.get("headline")) or doc.get("title") or meta.get("og:title")
    # trafilatura names a site by its host when nothing else does (a <title>'s name is
    # better), and may take the headline's side of a "Headline - Site" title for the site.
    sitename = doc.get("sitename")
    if sitename and title and _key(sitename) == _key(title):
        sitename = None
    host_like = bool(sitename and _HOST_LIKE.match(sitename))
    outlet = (
        _name(publisher)
        or meta.get("og:site_name")
        or (None if host_like else sitename)
        or _title_site(tree, title)
        or sitename
        or (urlsplit(base).hostname if base else None)
    )
    bylined = (_name(article.get("author")), meta.get("author"), doc.get("author"))
    author = next((name for name in map(_author, bylined) if name), None)
    dates = [_text(article.get("datePublished")) or ""]
    dates += [meta.get(key.lower(), "") for key in _PUBLISHED_META]
    dates += _time_datetimes(tree)
    metadata: dict[str, Any] = {"jsonld": jsonld, "warnings": warnings}
    modified = _text(article.get("dateModified")) or meta.get("article:modified_time")
    if modified:
        metadata["date_modified"] = modified
    if meta.get("description") or doc.get("description"):
        metadata["description"] = meta.get("description") or doc.get("description")
    return Extracted(
        title=_clean(title),
        text=text,
        outlet=_clean(outlet),
        author=_clean(author),
        date_candidates=_unique(dates),
        bylines=_unique(_byline_texts(tree)),
        guessed_dates=[found for found in [_url_date(base)] if found],
        lang_hint=_lang(tree, meta),
        url=url or base,
        related=_unique_links(related),
        metadata=metadata,
    )


def extract_plain(text: str, *, known_title: str | None = None) -> Extracted:
    """Extract a plain-text article: optional outlet tag line, optional headline, then body.

    With `known_title` (the caller gave one) a headline-like first line is kept in the body,
    unless it repeats that title: otherwise it would be neither title nor text. HTML character
    references are decoded (`decode_references`).
    """
    text = decode_references(text)
    if known_title is not None:
        known_title = decode_references(known_title)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    outlet = None
    if lines and _is_outlet_tag(lines[0]):
        outlet = lines.pop(0).lstrip("#")
    title = None
    if known_title is not None:
        if (
            len(lines) > 1
            and " ".join(lines[0].split()).casefold() == " ".join(known_title.split()).casefold()
        ):
            title = lines.pop(0)
    elif len(lines) > 1 and _is_plain_title(lines[0], lines[1]):
        title = lines.pop(0)
    body, related = split_related("\n".join(lines))
    body = _lines(body)
    if not _letters(body):
        raise NoArticleTextError(
            "no article text found in the text: give the article's body, not only its headline"
        )
    return Extracted(title=title, text=body, outlet=outlet, related=related)


def _is_outlet_tag(line: str) -> bool:
    """A lone token like "الكوثر_ايران" or "#AlKawthar" names the outlet, as agencies tag wires."""
    if not _TAG_LINE.match(line) or len(line) > 60 or "://" in line:
        return False
    return line.startswith("#") or "_" in line


def _is_plain_title(line: str, following: str) -> bool:
    """A first line is a headline when short, unpunctuated and followed by a longer line."""
    if marker_rest(line) is not None or line.endswith((".", "۔", ":")):
        return False
    return is_headline_like(line) and len(line.split()) <= 20 and len(following) > len(line)


def _parse(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except (ParserError, XMLSyntaxError, ValueError):
        return None


def _trafilatura(html: str, url: str | None) -> dict[str, Any] | None:
    """Main text and metadata from trafilatura, favouring precision over recall."""
    # trafilatura drops non-printable characters, and with them the Persian zero-width
    # non-joiner (می‌شود -> میشود); park joiners on printable stand-ins meanwhile.
    spare = iter(ch for ch in _STAND_INS if ch not in html)
    parked = {joiner: next(spare) for joiner in _JOINERS if joiner in html}
    for joiner, stand_in in parked.items():
        html = html.replace(joiner, stand_in)
    result = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Its date is not used (module docstring); no need to search the whole page for one.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return None
    data: dict[str, Any] = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    for key, value in data.items():
        if isinstance(value, str):
            for joiner, stand_in in parked.items():
                value = value.replace(stand_in, joiner)
            data[key] = value
    return data


def _jsonld(tree: Any, warnings: list[str]) -> list[Any]:
    """Every JSON-LD item on the page; a broken block becomes a warning, not a failure."""
    extractor = JsonLdExtractor()
    items: list[Any] = []
    for number, script in enumerate(tree.xpath('//script[@type="application/ld+json"]'), 1):
        try:
            items.extend(extractor.extract_items(script))
        except (ValueError, TypeError) as error:
            warnings.append(f"JSON-LD block {number} is broken and was skipped: {error}")
    return items


def _article_node(items: list[Any]) -> dict[str, Any]:
    """The first Article-like JSON-LD node, looking inside @graph lists."""
    queue = list(items)
    while queue:
        item = queue.pop(0)
        if not isinstance(item, dict):
            continue
        queue.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
        types = item.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t in _ARTICLE_TYPES for t in names):
            return item
    return {}


def _meta(tree: Any) -> dict[str, str]:
    """<meta> property/name -> content, first occurrence wins, keys lower-cased."""
    found: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or ""
        key = key.strip().lower()
        value = node.get("content", "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _canonical(tree: Any) -> str | None:
    hrefs = tree.xpath('//link[@rel="canonical"]/@href')
    return str(hrefs[0]).strip() if hrefs and str(hrefs[0]).startswith("http") else None


def _time_datetimes(tree: Any) -> list[str]:
    """`datetime` of the elements marked as the publication time first, then of the first
    <time> element."""
    marked = tree.xpath(
        '//*[@itemprop="datePublished"]/@content | //*[@itemprop="datePublished"]/@datetime'
        " | //time[@pubdate]/@datetime"
    )
    first = tree.xpath("(//time[@datetime])[1]/@datetime")
    return [str(value).strip() for value in [*marked, *first]]


def _byline_texts(tree: Any) -> list[str]:
    """Short texts of byline and date elements, those of the article first and those of a
    later (updated) date last; navigation, footers, asides and comments are left out."""
    articles = tree.xpath("//article")
    inside = articles[0] if articles else None
    ranked: list[tuple[int, int, str]] = []
    for position, node in enumerate(tree.iter()):
        if not isinstance(node.tag, str) or node.tag in {"script", "style", "head", "meta"}:
            continue
        names = " ".join(node.get(key, "") for key in ("class", "id", "itemprop"))
        if node.tag != "time" and not _DATE_CLASS.search(names):
            continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > MAX_BYLINE_CHARS or _outside_article(node):
            continue
        in_article = inside is not None and (node is inside or inside in node.iterancestors())
        rank = (0 if in_article else 1) + (2 if _LATER_CLASS.search(names) else 0)
        ranked.append((rank, position, text))
    return [text for _, _, text in sorted(ranked)]


def _outside_article(node: Any) -> bool:
    for parent in node.iterancestors():
        if parent.tag in _OUTSIDE_ARTICLE:
            return True
        if _COMMENT_CLASS.search(f"{parent.get('class', '')} {parent.get('id', '')}"):
            return True
    return False


def _url_date(url: str | None) -> str | None:
    """A Gregorian date in the page's path (/2024/03/05/), as YYYY-MM-DD, else None."""
    if not url:
        return None
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _author(value: str | None) -> str | None:
    """The names of a byline without its label ("By", «بقلم», "Автор:") and without dates or
    date labels («تاریخ انتشار»: "publication date") that came with it."""
    if not value:
        return None
    names: list[str] = []
    for part in re.split(r"\s*[;|]\s*", " ".join(value.split())):
        part = _AUTHOR_LABEL.sub("", part).strip()
        labelled = _DATE_LABEL.match(part)
        if labelled and _is_date_or_nothing(part[labelled.end() :]):
            continue
        pieces = [_without_dates(piece) for piece in _AUTHOR_PIECES.split(part)]
        kept = [
            piece
            for piece in pieces
            if not _is_date_or_nothing(piece) and not _ROLE_PIECE.match(piece)
        ]
        if kept:
            names.append(", ".join(kept))
    return "; ".join(dict.fromkeys(names)) or None


def _without_dates(text: str) -> str:
    for found in reversed(find_dates(text)):
        text = text[: found.start] + " " + text[found.end :]
    return " ".join(text.split()).strip(" ,،-–—:")


def _is_date_or_nothing(text: str) -> bool:
    text = text.strip(" ,،-–—:.")
    return not any(ch.isalpha() for ch in text) or is_date_fragment(text)


def _lang(tree: Any, meta: dict[str, str]) -> str | None:
    raw = tree.get("lang") or tree.get("xml:lang") or meta.get("og:locale") or ""
    raw = raw or meta.get("content-language", "")
    primary = re.split(r"[-_]", raw.strip().lower())[0]
    return primary or None


def _anchor_urls(tree: Any, base: str | None) -> dict[str, str]:
    anchors: dict[str, str] = {}
    for node in tree.xpath("//a[@href]"):
        key = _key(node.text_content())
        if key and key not in anchors:
            anchors[key] = _absolute(node.get("href"), base)
    return anchors


def _cut_related_blocks(tree: Any, base: str | None) -> list[RelatedLink]:
    """Remove related-links containers and marker-headed lists; return their links."""
    related: list[RelatedLink] = []
    for node in list(tree.iter()):
        if not isinstance(node.tag, str) or node.getparent() is None:
            continue
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in {"div", "section", "aside", "ul", "ol", "nav"} and _RELATED_CLASS.search(
            names
        ):
            related.extend(_links_in(node, base))
            _drop(node)
    for node in list(tree.iter("h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "span", "div")):
        if node.getparent() is None:
            continue
        content = node.text_content()
        if len(content) > 80:
            continue
        rest = marker_rest(content)
        if rest is None:
            continue
        block = node if node.tag not in {"strong", "b", "span"} else node.getparent()
        # A bold marker counts only inside a short paragraph, never for its whole container.
        if block is None or block.getparent() is None or block.tag not in _MARKER_BLOCKS:
            continue
        links = _links_in(block, base) if rest else []
        # A marker heading governs the lists and link-only paragraphs that follow it.
        sibling = block.getnext()
        while sibling is not None and _is_link_list(sibling):
            links.extend(_links_in(sibling, base))
            following = sibling.getnext()
            _drop(sibling)
            sibling = following
        if rest and not links:
            links = [link for link in [related_link(rest)] if link]
        related.extend(links)
        _drop(block)
    return related


def _is_link_list(node: Any) -> bool:
    """A list, or a paragraph whose words are nearly all inside links."""
    if not isinstance(node.tag, str):
        return False
    if node.tag in {"ul", "ol"}:
        return True
    words = len(node.text_content().split())
    linked = sum(len(a.text_content().split()) for a in node.iter("a"))
    return node.tag in {"p", "div", "li"} and words > 0 and linked >= 0.8 * words


def _links_in(node: Any, base: str | None) -> list[RelatedLink]:
    links = []
    for anchor in node.iter("a"):
        title = " ".join(anchor.text_content().split())
        href = anchor.get("href")
        if title and marker_rest(title) is None:
            links.append(RelatedLink(title=title, url=_absolute(href, base) if href else None))
    return links


def _drop(node: Any) -> None:
    # drop_tree keeps the tail text, which belongs to the surrounding paragraph.
    node.drop_tree()


def _absolute(href: str, base: str | None) -> str:
    return urljoin(base, href.strip()) if base else href.strip()


def _name(value: Any) -> str | None:
    """A JSON-LD Person/Organization (or list of them, or plain string) as one name."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


# How a <title> joins the headline and the site's name: "Headline | Site", "Site :: Headline".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|｜•·:]{1,2}|[-–—])\s+")
MAX_SITE_WORDS = 6
# Labels a <title> puts beside a headline that name a section, not the site.
_SECTION_WORDS = frozenset(
    w.casefold()  # compared with _key(site): the words hold single spaces already
    for w in (
        "Opinion",
        "Live",
        "Analysis",
        "Breaking",
        "Breaking News",
        "Video",
        "Watch",
        "Exclusive",
        "Update",
        "Explainer",
        "Editorial",
        "Comment",
        "Photos",
        "News",
        "رأي",
        "عاجل",
        "مباشر",
        "فيديو",
        "تحليل",
        "یادداشت",
        "ویدئو",
        "فوری",
        "Мнение",
        "Видео",
        "Срочно",
        "Онлайн",
    )
)
_HOST_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")


def _title_site(tree: Any, headline: str | None) -> str | None:
    """The site name a page's <title> adds to its headline, on either side, or None."""
    title = _clean(tree.findtext(".//title"))
    if not title or not headline:
        return None
    wanted = _key(headline)
    for separator in _TITLE_SEPARATOR.finditer(title):
        before, after = title[: separator.start()], title[separator.end() :]
        for told, site in ((before, after), (after, before)):
            # "Headline | Middle East | Al Jazeera": the site is the outermost part
            site = _TITLE_SEPARATOR.split(site)[-1 if site is after else 0]
            if (
                _key(told) == wanted
                and 0 < len(site.split()) <= MAX_SITE_WORDS
                and _key(site) not in _SECTION_WORDS
            ):
                return site
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return value.strip() or None if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _lines(text: str) -> str:
    """Paragraphs one per line, inner whitespace collapsed, blank lines dropped."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _without_title(text: str, title: str | None) -> str:
    """Drop the headline that trafilatura keeps as the body's first line."""
    first, _, rest = text.partition("\n")
    return rest if title and _key(first) == _key(title) else text


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _unique_links(links: list[RelatedLink]) -> list[RelatedLink]:
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for link in links:
        if (link.title, link.url) not in seen:
            seen.add((link.title, link.url))
            unique.append(link)
    return unique


def _no_article_text(url: str | None) -> NoArticleTextError:
    if not url:
        return NoArticleTextError(
            "no article text found in the page: is it a front page or behind a script? "
            "save the article page itself"
        )
    return NoArticleTextError(
        "no article text found in %(url)s: is it a front page or behind a script? "
        "save the article page itself",
        url=url,
    )
