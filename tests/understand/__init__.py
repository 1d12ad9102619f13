"""Article bodies and a simple sentence splitter shared by the understand tests."""

from __future__ import annotations

import re
from pathlib import Path

from tabayyun.demo import SEED_SAMPLE, sample_path
from tabayyun.model import Sentence

SEED = sample_path(SEED_SAMPLE)  # the bundled copy of shared/seed
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
RELATED_MARKERS = {
    "ar": "اقرأ ايضا:",
    "fa": "بیشتر بخوانید:",
    "ru": "Читайте также:",
    "en": "Read also:",
}


def article_body(lang: str) -> str:
    """The body of the language's article: no outlet tag line, no "read also" block."""
    path = SEED if lang == "ar" else next(FIXTURES.glob(f"{lang}-*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    marker = lines.index(RELATED_MARKERS[lang])
    return "\n".join(lines[1:marker] + lines[marker + 3 :])


def split_sentences(text: str) -> list[Sentence]:
    """Split on newlines and on . ! ? ؟ followed by a space: a stand-in for the real segmenter."""
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^\n]+?(?:[.!?؟]+(?=\s|$)|$)", text, re.MULTILINE):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            sentences.append(Sentence(len(sentences), stripped, start, start + len(stripped)))
    return sentences
