"""Tweet-side cleanup before lexical matching: links, embed footers, @mentions and #hashtags.

A pasted tweet carries text no fact-check shares: t.co links, "pic.twitter.com/..." and the
footer of an embedded tweet ("— Paul W. (@PaulW) February 25, 2016"). Their tokens only add noise
to BM25 and to the verification profile (the footer's date and name are the author's, not the
claim's). Mentions and hashtags are kept as words: "#BidenHarris2020" names "Biden Harris 2020"
and "@realDonaldTrump" names "real Donald Trump".
"""

from __future__ import annotations

import re
from typing import Any

from tabayyun.lang.normalize import decode_references

_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# The footer Twitter's embed code appends: an em dash, the author, the handle, the date.
_FOOTER = re.compile(
    r"\s*[—–-]\s*[^—–\n]{0,80}\(@\w{1,30}\)\s*(?:\w+\s+\d{1,2},\s*\d{4})?\s*$", re.UNICODE
)
_TAG = re.compile(r"(?<![\w@#])[#@]([^\W_][\w]*)", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|_+")


def query_vector(text: str, vector: Any) -> Any:
    """`vector` (a sentence's e5 query vector, embedded as written) where it is what the
    engine would embed for `text`, else None so the engine embeds `strip_links(text)` itself:
    matching reads texts without their links (as the scorers were trained), check-worthiness
    with them."""
    return None if vector is None or _LINK.search(text) else vector


def sentence_rows(doc: Any, index: int, engine: Any) -> dict[str, Any]:
    """What the pipeline already embedded for sentence `index` of `doc`, as `engine.match`
    keywords: its e5 vector, and the bridge encoder's row where check-worthiness read one with
    the engine's own bridge; each None where the engine must embed the text itself (a zero
    bridge row was never embedded)."""
    text = doc.sentences[index].text
    vectors, bridges = doc.sentence_vectors, doc.bridge_vectors
    rows = len(doc.sentences)
    own = getattr(engine, "query_bridge", None)
    same = (
        own is not None
        and bridges is not None
        and len(bridges) == rows
        and doc.bridge_model == own.name
    )
    bridge = bridges[index] if same and bridges[index].any() else None
    vector = vectors[index] if vectors is not None and len(vectors) == rows else None
    return {
        "vector": query_vector(text, vector),
        "bridge_vector": query_vector(text, bridge),
    }


def strip_links(text: str) -> str:
    """`text` without links ("https://t.co/...", "pic.twitter.com/..."): what e5 embeds.

    e5 gains from losing the links (dense MAP@5 on ar dev 0.727 -> 0.777, en dev 0.941 -> 0.943)
    but loses from losing the rest of `clean_tweet` (en dev 0.924): the embed footer's author and
    date help it place a tweet about someone's tweet.
    """
    stripped = " ".join(_LINK.sub(" ", text).split())
    return stripped or " ".join(text.split())


def _split_tag(match: re.Match[str]) -> str:
    return " ".join(part for part in _CAMEL.split(match.group(1)) if part)


def clean_tweet(text: str) -> str:
    """`text` without links and embed footer, mentions and hashtags split into words.

    Text that is not a tweet passes through unchanged apart from whitespace; a text that would
    come out empty (only a link) is returned as it was.
    """
    cleaned = _LINK.sub(" ", decode_references(text))
    cleaned = _FOOTER.sub("", cleaned)
    cleaned = _TAG.sub(_split_tag, cleaned)
    cleaned = " ".join(cleaned.split())
    return cleaned if cleaned.strip(" .,:;!?-—") else " ".join(text.split())
