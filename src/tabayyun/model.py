"""The data that flows through tabayyun: one `Document` and the parts stages attach to it.

Character offsets (`start`, `end`) always index `Document.text`, the clean body.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

StatementKind = Literal["direct", "indirect"]
EntityLabel = Literal["PER", "ORG", "LOC"]


@dataclass
class RelatedLink:
    """A headline from a "read also" block: kept, but never analysed as the article's claims."""

    title: str
    url: str | None = None


@dataclass
class Sentence:
    index: int
    text: str
    start: int
    end: int
    checkworthiness: float | None = None  # probability that the sentence is worth checking
    verifiable: float | None = None  # probability that it contains a checkable factual claim


@dataclass
class Entity:
    """A named person, organisation or place; `name` is the canonical (longest seen) form."""

    text: str
    label: EntityLabel
    start: int
    end: int
    name: str = ""


@dataclass
class Statement:
    """Who said what: an attributed statement with its reporting verb."""

    speaker: str  # resolved full name, e.g. "ماريا زاخاروفا"
    # How the speaker is named here, e.g. "زاخاروفا"; "" when implied (وأضاف). A source quoted
    # through an outlet keeps the outlet: "صحيفة الأهرام عن مصدر مسؤول".
    mention: str
    verb: str  # the reporting verb as written, e.g. "أكد", "заявила", "said"
    # What was said. An attribution inside it is taken out and the two parts joined by a space
    # ("The plan, the minister said, will cost $4bn" -> "The plan will cost $4bn").
    content: str
    kind: StatementKind
    sentence_index: int
    # Offsets of `content` in Document.text, -1 when unknown; for joined content they span both
    # parts and the attribution between them.
    start: int = -1
    end: int = -1
    checkworthiness: float | None = None


@dataclass
class Quantity:
    """A number in the text as a structured value: 100 مليون دولار -> 1e8 USD."""

    text: str
    value: float
    unit: str | None = None  # "percent", "km", "person", ...
    currency: str | None = None  # ISO 4217, e.g. "USD", "IRR", "RUB"
    start: int = -1
    end: int = -1


ConflictKind = Literal["number", "year", "date", "negation", "action"]


@dataclass(frozen=True)
class MatchConflict:
    """A fact a text states otherwise than the fact-checked claim it resembles: that text is
    the claim altered, never a "match" of it (`matching.verify.conflicts`)."""

    kind: ConflictKind
    # As each side writes it: "90 مليار دولار" / "40 مليار دولار", "2021" / "2019"; for a
    # negation, the negating word on the side that negates and "" on the other.
    text: str
    claim: str


@dataclass
class ClaimMatch:
    """A registry fact-check found for one sentence, by the `match` stage."""

    sentence_index: int
    factcheck: str  # the registry key of the fact-check
    claim: str  # the claim it reviewed
    lang: str | None
    score: float  # calibrated probability that the sentence makes the same claim
    # "match" or "suggest" (thresholds per language pair); "suggest" at most with `conflicts`
    decision: str
    rating: str | None = None  # normalised label, e.g. "false"
    verdict: str | None = None  # the publisher's own words, e.g. "زائف"
    publisher: str | None = None
    url: str | None = None
    conflicts: list[MatchConflict] = field(default_factory=list)


@dataclass
class Document:
    """A news item from raw input to understood text. Stages fill it in, in order."""

    source: str  # path, URL or "-" for standard input, plus "#item-N" inside feeds
    raw: bytes | None = field(default=None, repr=False)
    media_type: str | None = None  # "text/plain", "text/html", "application/json"
    url: str | None = None
    fetched_at: str | None = None  # ISO 8601
    encoding: str | None = None
    raw_text: str | None = field(default=None, repr=False)  # decoded input before extraction
    title: str | None = None
    text: str = ""  # clean article body, original spelling kept for display
    outlet: str | None = None
    author: str | None = None
    published_at: str | None = None  # ISO 8601 date or datetime
    lang: str | None = None  # "ar", "fa", "ru", "en" or "und"
    lang_confidence: float | None = None
    normalized: str = ""  # search form of title + text (see tabayyun.lang.normalize)
    content_hash: str | None = None
    duplicate_of: str | None = None  # content hash of an identical document already seen
    near_duplicate_of: str | None = None  # content hash of a near-identical document
    minhash: bytes | None = field(default=None, repr=False)  # near-duplicate signature
    # One embedding row per sentence (numpy float32, L2-normalised), shared by every stage
    # that needs vectors so that each sentence is embedded once. Not serialised.
    sentence_vectors: Any = field(default=None, repr=False)
    # The bridge encoder's row per sentence (embed/bridge.py) where check-worthiness read one,
    # a zero row elsewhere, and that encoder's name: a matcher with the same bridge reads the
    # rows instead of embedding again. Not serialised.
    bridge_vectors: Any = field(default=None, repr=False)
    bridge_model: str | None = field(default=None, repr=False)
    related: list[RelatedLink] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    matches: list[ClaimMatch] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # e.g. JSON-LD, feed fields
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of everything but the raw bytes."""
        data = dataclasses.asdict(self)
        data.pop("raw")
        data.pop("raw_text")
        data.pop("minhash")
        data.pop("sentence_vectors")
        data.pop("bridge_vectors")
        data.pop("bridge_model")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a Document from `to_dict` output."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["related"] = [RelatedLink(**r) for r in data.get("related", [])]
        values["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        values["entities"] = [Entity(**e) for e in data.get("entities", [])]
        values["statements"] = [Statement(**s) for s in data.get("statements", [])]
        values["quantities"] = [Quantity(**q) for q in data.get("quantities", [])]
        values["matches"] = [
            ClaimMatch(**{**m, "conflicts": [MatchConflict(**c) for c in m.get("conflicts", [])]})
            for m in data.get("matches", [])
        ]
        return cls(**values)
