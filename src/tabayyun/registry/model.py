"""A published fact-check as schema.org ClaimReview: `FactCheck` and its parts.

`from_claimreview` reads one ClaimReview JSON-LD object and names the field at fault
("reviewRating.ratingValue: expected a number or text, got list"); `to_claimreview` writes it
back. The normalised verdict (`Rating.label`) is derived from the publisher's own rating fields,
which are the ones kept and exported, so an export re-imports to the same registry.

Dates are stored as ISO 8601. ISO dates are kept exactly as written (so an export re-imports
unchanged); others are read as `tabayyun.lang.dates` reads article dates: "2024/03/05",
"۲۰۲۴-۰۳-۰۵", "5 March 2024", "۱ آذر ۱۴۰۲", "1445/09/01 هـ". An all-digit date with a year
1300-1499 and no calendar written is Hijri (lunar) in an Arabic fact-check and Solar Hijri in
any other, Persian above all (Persian digits always mean Solar Hijri): ISO-shaped ones too, since
no fact-check is dated in the 14th or 15th century. The fact-check's language is its
inLanguage, else the claim's detected language.

Importers read with `lenient=True`: a date that cannot be read, or an inLanguage that is not a
language code, costs that field, not the fact-check; it is left out (the language detected) and
named in `FactCheck.flags` for the import report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, cast

from tabayyun.errors import InputError
from tabayyun.lang.codes import is_language_tag, language_code
from tabayyun.lang.dates import parse_date_value
from tabayyun.registry.ratings import Label, as_number, normalize_rating

Visibility = Literal["private", "shared", "public"]
VISIBILITIES: tuple[Visibility, ...] = ("private", "shared", "public")
SCHEMA_CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Rating:
    """The publisher's reviewRating and its place on the common scale."""

    value: float | str | None = None  # ratingValue as written: a number or a word
    best: float | None = None
    worst: float | None = None
    alternate_name: str | None = None  # the verdict in words, e.g. "زائف", "Pants on Fire"
    label: Label = "unknown"
    confidence: float = 0.0
    known: bool = False  # False: the rating word is not in the table and needs a person's look
    source_text: str = ""


@dataclass(frozen=True)
class ClaimAppearance:
    """Where the reviewed claim was seen: a post, article or video."""

    url: str | None = None
    headline: str | None = None
    date_published: str | None = None
    author: str | None = None


@dataclass
class FactCheck:
    """One fact-check of one claim, as its publisher published it."""

    claim_reviewed: str
    rating: Rating
    lang: str  # inLanguage, else the detected language of claim_reviewed ("und" if none)
    url: str | None = None
    publisher: str | None = None
    publisher_url: str | None = None
    author: str | None = None
    date_published: str | None = None  # ISO 8601
    headline: str | None = None
    review_body: str | None = None
    claim_author: str | None = None  # who made the claim, as the fact-check names them
    claim_date: str | None = None
    appearances: list[ClaimAppearance] = field(default_factory=list)
    # Owner and sharing, set by whoever imports: the server issue adds organisations.
    organisation: str | None = None
    visibility: Visibility = "public"
    # What an import should show a person: fields left out or guessed (see `from_claimreview`).
    # Not part of the fact-check: never stored, compared or exported.
    flags: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The identity of a fact-check: its URL, else a hash of publisher, claim and date."""
        if self.url:
            return self.url
        basis = "\x1f".join((self.publisher or "", self.claim_reviewed, self.date_published or ""))
        return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()

    @property
    def content_hash(self) -> str:
        """A hash of everything stored: equal hashes mean an import would change nothing."""
        payload = {
            "claimreview": self.to_claimreview(),
            "organisation": self.organisation,
            "visibility": self.visibility,
        }
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_claimreview(self, *, context: bool = True) -> dict[str, Any]:
        """This fact-check as ClaimReview JSON-LD (owner and visibility are not part of it)."""
        data: dict[str, Any] = {"@context": SCHEMA_CONTEXT} if context else {}
        data["@type"] = "ClaimReview"
        _put(data, "url", self.url)
        data["claimReviewed"] = self.claim_reviewed
        _put(data, "name", self.headline)
        _put(data, "reviewBody", self.review_body)
        _put(data, "datePublished", self.date_published)
        data["inLanguage"] = self.lang
        if self.author:
            data["author"] = {"@type": "Organization", "name": self.author}
        if self.publisher:
            publisher: dict[str, Any] = {"@type": "Organization", "name": self.publisher}
            _put(publisher, "url", self.publisher_url)
            data["publisher"] = publisher
        rating: dict[str, Any] = {"@type": "Rating"}
        _put(rating, "ratingValue", self.rating.value)
        _put(rating, "bestRating", self.rating.best)
        _put(rating, "worstRating", self.rating.worst)
        _put(rating, "alternateName", self.rating.alternate_name)
        data["reviewRating"] = rating
        claim: dict[str, Any] = {"@type": "Claim"}
        if self.claim_author:
            claim["author"] = {"@type": "Person", "name": self.claim_author}
        _put(claim, "datePublished", self.claim_date)
        if self.appearances:
            claim["appearance"] = [_appearance_jsonld(a) for a in self.appearances]
        if len(claim) > 1:
            data["itemReviewed"] = claim
        return data

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every stored field (`flags` belong to one import, not here)."""
        data = dataclasses.asdict(self)
        del data["flags"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactCheck:
        """Rebuild a FactCheck from `to_dict` output."""
        values = dict(data)
        values.pop("flags", None)
        values["rating"] = Rating(**values["rating"])
        values["appearances"] = [ClaimAppearance(**a) for a in values.get("appearances", [])]
        return cls(**values)


def from_claimreview(
    obj: object,
    *,
    organisation: str | None = None,
    visibility: Visibility = "public",
    lenient: bool = False,
) -> FactCheck:
    """Read one ClaimReview object; InputError names the first field that is missing or wrong.

    With `lenient` (imports), an unreadable date or inLanguage is left out and named in `flags`
    instead of rejecting the fact-check.
    """
    if not isinstance(obj, dict):
        raise InputError("expected a ClaimReview object, got %(kind)s", kind=json_kind(obj))
    if "ClaimReview" not in schema_types(obj):
        raise InputError(
            "@type: expected ClaimReview, got %(got)s; only ClaimReview items are fact-checks",
            got=_shown(obj.get("@type")),
        )
    claim = _text(obj, "claimReviewed", required=True)
    assert claim is not None  # required=True never returns None
    rating = _rating(obj)
    flags: list[str] | None = [] if lenient else None
    lang = _language(obj, claim, flags)  # may detect it: after the cheaper checks above
    item = obj.get("itemReviewed")
    if item is not None and not isinstance(item, dict):
        raise InputError(
            "%(field)s: expected a Claim object, got %(kind)s",
            field="itemReviewed",
            kind=json_kind(item),
        )
    item = item or {}
    author = _name(obj, "author")
    publisher_node = obj.get("publisher")
    url = _url(obj, "url")
    fc = FactCheck(
        claim_reviewed=" ".join(claim.split()),
        rating=rating,
        lang=lang,
        url=url,
        publisher=_name(obj, "publisher") or author,
        publisher_url=_url(publisher_node, "url", "publisher.")
        if isinstance(publisher_node, dict)
        else None,
        author=author,
        date_published=_date(obj, "datePublished", lang=lang, flags=flags),
        headline=_text(obj, "name") or _text(obj, "headline"),
        review_body=_text(obj, "reviewBody") or _text(obj, "description"),
        claim_author=_name(item, "author", "itemReviewed."),
        claim_date=_date(item, "datePublished", "itemReviewed.", lang=lang, flags=flags),
        appearances=_appearances(item, lang, flags),
        organisation=organisation,
        visibility=check_visibility(visibility),
    )
    fc.flags = flags or []
    return fc


# -- reading fields ----------------------------------------------------------------------------


def schema_types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    # "schema:ClaimReview" and "http://schema.org/ClaimReview" are the same type.
    return [n.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names if isinstance(n, str)]


def json_kind(value: object) -> str:
    """What a JSON value is, as a message names it: "object", "list", "text", "number"..."""
    names = {dict: "object", list: "list", str: "text", bool: "boolean", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "number" if isinstance(value, int | float) else type(value).__name__


def quoted(text: str) -> str:
    """`text` in quotes for a message, as written (repr() would escape a ZWNJ)."""
    return f"'{text}'"


def _shown(value: object) -> str:
    return (
        "nothing"
        if value is None
        else quoted(value)
        if isinstance(value, str)
        else json_kind(value)
    )


def _text(
    node: dict[str, Any], name: str, prefix: str = "", *, required: bool = False
) -> str | None:
    value = node.get(name)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]  # JSON-LD allows a one-element list for any single value
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError("%(field)s: missing; add it and import again", field=prefix + name)
        return None
    if not isinstance(value, str):
        raise InputError(
            "%(field)s: expected text, got %(kind)s", field=prefix + name, kind=json_kind(value)
        )
    return value.strip()


def _url(node: dict[str, Any], name: str, prefix: str = "") -> str | None:
    value = _text(node, name, prefix)
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise InputError(
            "%(field)s: expected an http(s) URL, got %(value)s",
            field=prefix + name,
            value=quoted(value),
        )
    return value


def _date(
    node: dict[str, Any], name: str, prefix: str = "", *, lang: str, flags: list[str] | None
) -> str | None:
    """The field as ISO 8601 (see the module's docstring); `flags` None: strict."""
    try:
        value = _text(node, name, prefix)
    except InputError as error:  # not text ("expected text, got number")
        if flags is None:
            raise
        not_text = "%(field)s: expected text, got %(kind)s; imported without it"
        flags.append(not_text % error.params)
        return None
    if value is None:
        return None
    iso = _iso(value)
    if iso is not None and not 1300 <= int(iso[:4]) <= 1499:
        return value  # as written, so that an export re-imports unchanged
    iso = parse_date_value(value, lang, calendar="hijri" if lang == "ar" else "jalali")
    if iso is not None:
        return iso
    if flags is None:
        raise InputError(
            "%(field)s: expected a date like 2024-03-05, 1402/09/01 or 5 March 2024, got %(value)s",
            field=prefix + name,
            value=quoted(value),
        )
    unreadable = "%(field)s: cannot read %(value)s as a date; imported without it"
    flags.append(unreadable % {"field": prefix + name, "value": quoted(value)})
    return None


def _iso(value: str) -> str | None:
    """`value` when it is an ISO 8601 date or date-time, else None."""
    try:
        if len(value) <= 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _name(node: dict[str, Any], name: str, prefix: str = "") -> str | None:
    """The name of a Person/Organization given as text, an object, or a list of them."""
    value = node.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value, "name", f"{prefix}{name}.", required=True)
    raise InputError(
        "%(field)s: expected a name or an object with a name, got %(kind)s",
        field=prefix + name,
        kind=json_kind(value),
    )


def _language(node: dict[str, Any], claim: str, flags: list[str] | None) -> str:
    """inLanguage as a bare code ("fa-IR" is "fa"), else the claim's detected language."""
    value = node.get("inLanguage")
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if value is None:
        return _detect(claim)
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            "%(field)s: expected a language code like 'ar', got %(got)s",
            field="inLanguage",
            got=_shown(value),
        )
    if is_language_tag(value):
        return language_code(value)
    if flags is None:
        raise InputError(
            "%(field)s: expected a language code like 'ar' or 'fa-IR' (BCP 47), got %(value)s",
            field="inLanguage",
            value=quoted(value),
        )
    detected = _detect(claim)
    not_a_code = (
        "%(field)s: %(value)s is not a language code like 'ar' or 'fa-IR'; "
        "detected %(detected)s from the claim"
    )
    flags.append(
        not_a_code % {"field": "inLanguage", "value": quoted(value), "detected": quoted(detected)}
    )
    return detected


def _detect(text: str) -> str:
    from tabayyun.lang.detect import detect_language  # lazy: lingua loads models

    return detect_language(text)[0]


def _rating(node: dict[str, Any]) -> Rating:
    value = node.get("reviewRating")
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if value is None:
        raise InputError("%(field)s: missing; a fact-check needs its verdict", field="reviewRating")
    if not isinstance(value, dict):
        raise InputError(
            "%(field)s: expected a Rating object, got %(kind)s",
            field="reviewRating",
            kind=json_kind(value),
        )
    raw = value.get("ratingValue")
    if raw is not None and (isinstance(raw, bool) or not isinstance(raw, str | int | float)):
        raise InputError(
            "%(field)s: expected a number or text, got %(kind)s",
            field="reviewRating.ratingValue",
            kind=json_kind(raw),
        )
    best = _number(value, "bestRating")
    worst = _number(value, "worstRating")
    alternate = _text(value, "alternateName", "reviewRating.")
    if isinstance(raw, str):
        raw = raw.strip() or None
    if raw is None and alternate is None:
        raise InputError(
            "%(field)s: needs alternateName (the verdict in words) or ratingValue",
            field="reviewRating",
        )
    normalized = normalize_rating(raw, best, worst, alternate)
    return Rating(
        value=raw,
        best=best,
        worst=worst,
        alternate_name=alternate,
        label=normalized.label,
        confidence=normalized.confidence,
        known=normalized.known,
        source_text=normalized.source_text,
    )


def _number(node: dict[str, Any], name: str) -> float | None:
    value = node.get(name)
    if value is None or value == "":
        return None
    number = as_number(value)
    if number is None:
        raise InputError(
            "%(field)s: expected a number, got %(got)s",
            field=f"reviewRating.{name}",
            got=_shown(value),
        )
    return number


def _appearances(item: dict[str, Any], lang: str, flags: list[str] | None) -> list[ClaimAppearance]:
    found: list[ClaimAppearance] = []
    for name in ("firstAppearance", "appearance"):
        value = item.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        for number, entry in enumerate(values):
            where = f"itemReviewed.{name}" + (f"[{number}]" if isinstance(value, list) else "")
            if isinstance(entry, str):
                found.append(ClaimAppearance(url=_url({"url": entry}, "url", f"{where}.")))
            elif isinstance(entry, dict):
                found.append(
                    ClaimAppearance(
                        url=_url(entry, "url", f"{where}."),
                        headline=_text(entry, "headline", f"{where}.")
                        or _text(entry, "name", f"{where}."),
                        date_published=_date(
                            entry, "datePublished", f"{where}.", lang=lang, flags=flags
                        ),
                        author=_name(entry, "author", f"{where}."),
                    )
                )
            else:
                raise InputError(
                    "%(field)s: expected a URL or an object, got %(kind)s",
                    field=where,
                    kind=json_kind(entry),
                )
    unique: dict[ClaimAppearance, None] = dict.fromkeys(found)  # ordered de-duplication
    return list(unique)


def check_visibility(value: str) -> Visibility:
    """`value` as a `Visibility`; InputError when it is not one of `VISIBILITIES`."""
    if value not in VISIBILITIES:
        raise InputError(
            "visibility must be one of %(choices)s, got %(value)s",
            choices=", ".join(VISIBILITIES),
            value=quoted(value),
        )
    return cast(Visibility, value)


def _appearance_jsonld(appearance: ClaimAppearance) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CreativeWork"}
    _put(data, "url", appearance.url)
    _put(data, "headline", appearance.headline)
    _put(data, "datePublished", appearance.date_published)
    if appearance.author:
        data["author"] = {"@type": "Person", "name": appearance.author}
    return data


def _put(data: dict[str, Any], name: str, value: object) -> None:
    if value is not None:
        data[name] = value
