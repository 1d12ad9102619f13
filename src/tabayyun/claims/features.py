"""Cheap per-sentence features for check-worthiness: cue counts and hashed n-grams, numpy only.

Two kinds, both fast enough to run on every sentence of every article:

- `cue_features`: a fixed vector of signals that tell a checkable claim from an opinion, in ar, fa,
  ru and en (numbers, attribution, hedges, first person, questions, calls to action, ...). Cues
  are light regexes over the normalised text; the full entity and statement extractors are too
  slow to run per sentence.
- `hashed_ngrams`: word 1-2-grams and character 2-5-grams of the normalised text, hashed into a
  fixed number of buckets (the "hashing trick"), so the lexical model needs no vocabulary file
  and no scikit-learn at run time.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from tabayyun.lang.normalize import normalize, tokenize
from tabayyun.understand.numbers import SUPPORTED_LANGS, find_quantities

__all__ = [
    "CHAR_NGRAMS",
    "CUE_NAMES",
    "cue_features",
    "cue_vector",
    "hashed_ngrams",
    "lexical_text",
]

Vector = npt.NDArray[np.float32]

# Cue words per language, written as people type them; they are normalised once at compile time
# with the same `normalize` the sentence goes through, so spelling variants meet.
_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "attribution": {
        "en": (
            "said",
            "says",
            "according to",
            "told",
            "reported",
            "announced",
            "claimed",
            "claims",
            "stated",
            "confirmed",
            "revealed",
            "denied",
        ),
        "ar": (
            "قال",
            "قالت",
            "أكد",
            "أكدت",
            "أعلن",
            "أعلنت",
            "وفقا ل",
            "بحسب",
            "حسب",
            "صرح",
            "أفاد",
            "أفادت",
            "ذكر",
            "ذكرت",
            "كشف",
            "كشفت",
            "نفى",
            "أوضح",
            "مصدر",
            "مصادر",
        ),
        "fa": (
            "گفت",
            "اعلام کرد",
            "به گزارش",
            "طبق",
            "به گفته",
            "اظهار",
            "تاکید کرد",
            "افزود",
            "خبر داد",
            "فاش",
            "منابع",
            "ادعا",
        ),
        "ru": (
            "заявил",
            "заявила",
            "сообщил",
            "сообщила",
            "сообщает",
            "по словам",
            "по данным",
            "сказал",
            "сказала",
            "согласно",
            "утверждает",
            "подтвердил",
            "отметил",
            "источник",
        ),
    },
    "hedge": {
        "en": (
            "may",
            "might",
            "could",
            "reportedly",
            "allegedly",
            "probably",
            "perhaps",
            "rumor",
            "rumour",
            "apparently",
            "likely",
            "possibly",
        ),
        "ar": (
            "ربما",
            "يقال",
            "إشاعة",
            "شائعة",
            "شائعات",
            "محتمل",
            "يبدو",
            "قد يكون",
            "أنباء عن",
            "مزاعم",
        ),
        "fa": ("احتمالا", "شاید", "گفته میشود", "شایعه", "ظاهرا", "مثل اینکه", "به نظر میرسد"),
        "ru": (
            "возможно",
            "вероятно",
            "говорят",
            "слухи",
            "похоже",
            "якобы",
            "по слухам",
            "видимо",
            "кажется",
        ),
    },
    "first_singular": {
        "en": ("i", "me", "my", "i'm", "im", "mine"),
        "ar": ("أنا", "انا", "لي", "عندي", "رأيي", "نفسي"),
        "fa": ("من", "خودم", "برام", "میخوام", "بنظرم", "به نظرم"),
        "ru": ("я", "мне", "мой", "моя", "меня", "по-моему"),
    },
    "first_plural": {
        "en": ("we", "our", "us", "we're"),
        "ar": ("نحن", "لنا", "علينا", "بلادنا"),
        "fa": ("ما", "مان", "ماها"),
        "ru": ("мы", "нам", "наш", "наша", "наши", "нас"),
    },
    "opinion": {
        "en": (
            "think",
            "believe",
            "feel",
            "opinion",
            "should",
            "must",
            "shame",
            "great",
            "terrible",
            "disgusting",
            "love",
            "hate",
            "best",
            "worst",
        ),
        "ar": (
            "أعتقد",
            "اعتقد",
            "أظن",
            "رأيي",
            "يجب",
            "عار",
            "للأسف",
            "أتمنى",
            "نتمنى",
            "رائع",
            "أحب",
        ),
        "fa": (
            "فکر میکنم",
            "به نظرم",
            "باید",
            "متاسفانه",
            "افتضاح",
            "عالی",
            "امیدوارم",
            "دوست دارم",
        ),
        "ru": (
            "считаю",
            "думаю",
            "по-моему",
            "должен",
            "должны",
            "позор",
            "к сожалению",
            "надеюсь",
            "ужасно",
            "отлично",
            "люблю",
        ),
    },
    "imperative": {
        "en": (
            "please",
            "let's",
            "share",
            "retweet",
            "don't",
            "join",
            "stay home",
            "vote",
            "watch",
            "click",
        ),
        "ar": (
            "يرجى",
            "شارك",
            "شاركوا",
            "انشر",
            "انشروا",
            "لا تنسوا",
            "تابعوا",
            "ادعموا",
            "الزموا",
            "ساهموا",
        ),
        "fa": ("لطفا", "بیایید", "منتشر کنید", "به اشتراک بگذارید", "نخرید", "بخرید", "بمانید"),
        "ru": (
            "давайте",
            "пожалуйста",
            "поделитесь",
            "репост",
            "не покупайте",
            "оставайтесь",
            "подпишитесь",
            "смотрите",
        ),
    },
    "prayer_greeting": {
        "en": ("god bless", "good morning", "happy", "congratulations", "rip", "pray"),
        "ar": (
            "اللهم",
            "إن شاء الله",
            "الحمد لله",
            "صباح الخير",
            "رحمه الله",
            "مبروك",
            "يا رب",
            "آمين",
        ),
        "fa": ("خدایا", "انشالله", "ان شاء الله", "صبح بخیر", "تبریک", "روحش شاد", "الهی"),
        "ru": (
            "с днём",
            "с праздником",
            "поздравляю",
            "доброе утро",
            "дай бог",
            "помилуй",
            "светлая память",
        ),
    },
    "title": {
        "en": (
            "president",
            "minister",
            "governor",
            "senator",
            "ministry",
            "government",
            "official",
            "police",
            "army",
            "who",
            "un",
        ),
        "ar": (
            "الرئيس",
            "وزير",
            "وزارة",
            "رئيس",
            "الحكومة",
            "مسؤول",
            "الشرطة",
            "الجيش",
            "منظمة الصحة",
        ),
        "fa": (
            "رئیس",
            "وزیر",
            "وزارت",
            "دولت",
            "مسئول",
            "مسئولان",
            "پلیس",
            "ارتش",
            "نماینده",
            "سازمان",
        ),
        "ru": (
            "президент",
            "министр",
            "министерство",
            "правительство",
            "чиновник",
            "полиция",
            "армия",
            "депутат",
            "губернатор",
            "росстат",
        ),
    },
    "future": {
        "en": ("will", "going to", "soon", "tomorrow", "next year"),
        "ar": ("سوف", "سيتم", "غدا", "قريبا", "العام المقبل"),
        "fa": ("خواهد", "خواهند", "فردا", "بزودی", "به زودی", "سال آینده"),
        "ru": ("будет", "будут", "завтра", "скоро", "в следующем году"),
    },
    "comparison": {
        "en": (
            "more than",
            "less than",
            "highest",
            "lowest",
            "record",
            "increase",
            "decrease",
            "doubled",
            "percent",
            "million",
            "billion",
        ),
        "ar": (
            "أكثر من",
            "أقل من",
            "أعلى",
            "أدنى",
            "قياسي",
            "ارتفاع",
            "انخفاض",
            "زيادة",
            "مليون",
            "مليار",
            "بالمئة",
            "بالمائة",
        ),
        "fa": (
            "بیش از",
            "کمتر از",
            "بیشترین",
            "کمترین",
            "رکورد",
            "افزایش",
            "کاهش",
            "درصد",
            "میلیون",
            "میلیارد",
        ),
        "ru": (
            "более",
            "больше",
            "меньше",
            "менее",
            "рекорд",
            "рост",
            "снижение",
            "выросл",
            "процент",
            "млн",
            "млрд",
            "миллион",
            "миллиард",
        ),
    },
}

# Arabic glues و/ف/ب/ل and ال to the next word; Persian and the others separate words by spaces.
_PREFIX = {"ar": r"(?:[وفبل]?(?:ال)?)", "fa": r"(?:[و]?)"}

CUE_NAMES: tuple[str, ...] = (
    "quantities",
    "money_or_percent",
    "digits",
    "year",
    "capitalised",
    *_CUES.keys(),
    "question",
    "exclamation",
    "tokens",
    "urls",
    "mentions",
    "hashtags",
    "emoji",
)

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_HASHTAG = re.compile(r"#\w+")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
_YEAR = re.compile(r"(?<!\d)(?:19\d\d|20\d\d|13\d\d|14\d\d)(?!\d)")
_DIGIT = re.compile(r"\d")
# A capitalised word that does not start the sentence: a cheap proxy for a named entity.
_CAPITALISED = re.compile(r"(?<=[^\s.!?]\s)[A-ZА-Я][\w'-]+")
_QUESTION = re.compile(r"[?؟]")


@cache
def _cue_pattern(kind: str, lang: str) -> re.Pattern[str] | None:
    words = _CUES[kind].get(lang)
    if words is None:
        # Unknown language: the English and Russian lists still catch code-switched posts.
        words = _CUES[kind]["en"] + _CUES[kind]["ru"]
    # Each cue in both readings of a ZWNJ (see `_cue_readings`): «به‌نظرم» and «به نظرم».
    forms = sorted({f for word in words for f in _cue_readings(word, lang)}, key=len, reverse=True)
    prefix = _PREFIX.get(lang, "")
    body = "|".join(re.escape(form) for form in forms)
    # Russian cues like "выросл" are stems: allow any ending there; elsewhere whole words only.
    tail = r"" if lang == "ru" else r"(?!\w)"
    return re.compile(rf"(?<!\w){prefix}(?:{body}){tail}")


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _cue_readings(text: str, lang: str) -> tuple[str, str]:
    """`text` normalised twice: a ZWNJ joining the two words (as `normalize` does) and
    separating them, since Persian writes one compound with a ZWNJ, a space or neither; curly
    apostrophes as straight ones ("don’t")."""
    text = text.translate(_APOSTROPHES)
    joined = normalize(text, lang)
    return joined, (normalize(text.replace("\u200c", " "), lang) if "\u200c" in text else joined)


def _log_count(count: int) -> float:
    return math.log1p(count)


def cue_vector(text: str, lang: str) -> Vector:
    """The `CUE_NAMES` signals of one sentence, as log counts or 0/1 flags."""
    folded, spaced = _cue_readings(_URL.sub(" ", text), lang)
    # The heads learnt from numbers read without duration units: they keep that reading.
    quantities = find_quantities(text, lang, as_trained=True) if lang in SUPPORTED_LANGS else []
    values: list[float] = [
        _log_count(len(quantities)),
        float(any(q.currency or q.unit == "percent" for q in quantities)),
        float(bool(_DIGIT.search(folded))),
        float(bool(_YEAR.search(folded))),
        _log_count(len(_CAPITALISED.findall(text))) if lang in {"en", "ru"} else 0.0,
    ]
    for kind in _CUES:
        pattern = _cue_pattern(kind, lang)
        found = 0
        if pattern:
            found = len(pattern.findall(folded))
            if spaced != folded:
                found = max(found, len(pattern.findall(spaced)))
        values.append(_log_count(found))
    values += [
        float(bool(_QUESTION.search(text))),
        float("!" in text),
        _log_count(len(tokenize(folded))),
        _log_count(len(_URL.findall(text))),
        _log_count(len(_MENTION.findall(text))),
        _log_count(len(_HASHTAG.findall(text))),
        _log_count(len(_EMOJI.findall(text))),
    ]
    return np.asarray(values, dtype=np.float32)


def cue_features(texts: Sequence[str], langs: Sequence[str]) -> npt.NDArray[np.float32]:
    """One `cue_vector` row per text: a `(len(texts), len(CUE_NAMES))` float32 matrix."""
    if len(texts) != len(langs):
        raise ValueError(f"got {len(texts)} texts but {len(langs)} languages; pass one per text")
    out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float32)
    for row, (text, lang) in enumerate(zip(texts, langs, strict=True)):
        out[row] = cue_vector(text, lang)
    return out


# Character n-gram lengths; 2-5 is the usual range for TF-IDF on tweets in Arabic and English.
CHAR_NGRAMS = (2, 3, 4, 5)
_MASK64 = (1 << 64) - 1
_PRIME = np.uint64(1099511628211)  # FNV prime: spreads codepoints over the 64-bit space
_MIX = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio constant: scrambles before taking top bits


def lexical_text(text: str, lang: str) -> list[str]:
    """The words the lexical model sees: normalised, URLs/mentions as placeholders, digits as 0."""
    text = _MENTION.sub(" @user ", _URL.sub(" httpurl ", text))
    return tokenize(_DIGIT.sub("0", normalize(text, lang)))


def _word_hashes(words: list[str], lang: str) -> list[int]:
    grams = [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]
    # crc32 is stable across processes (unlike hash()) and runs in C.
    return [zlib.crc32(f"{lang}|w|{gram}".encode()) for gram in grams]


def _char_hashes(words: list[str], lang: str) -> npt.NDArray[np.uint64]:
    """Rolling hashes of every character n-gram inside each space-padded word, vectorised."""
    joined = " " + " ".join(words) + " "
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_space = codes == ord(" ")
    spaces_before = np.concatenate([[0], np.cumsum(is_space)])
    salt = np.uint64(zlib.crc32(lang.encode()))
    parts = []
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps by design
        for n in CHAR_NGRAMS:
            count = len(codes) - n + 1
            if count <= 0:
                continue
            h = np.full(count, salt * np.uint64(n + 1), dtype=np.uint64)
            for k in range(n):
                h = (h ^ codes[k : k + count]) * _PRIME
            # Like char_wb: an n-gram may start or end at the padding space, never hold one inside.
            inner = spaces_before[n - 1 : n - 1 + count] - spaces_before[1 : 1 + count]
            parts.append(h[inner == 0])
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)


def hashed_ngrams(
    text: str, lang: str, *, bits: int
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.float32]
]:
    """Bucket ids and raw counts of the word n-grams, then of the char n-grams, of one text.

    Buckets lie in `[0, 2**bits)`; word and character n-grams share the space (collisions between
    them are rare at 2**18 and only add a little noise).
    """
    words = lexical_text(text, lang)
    size = np.uint64(1 << bits)
    word = np.asarray(_word_hashes(words, lang), dtype=np.uint64) % size
    with np.errstate(over="ignore"):
        char = ((_char_hashes(words, lang) * _MIX) >> np.uint64(64 - bits)) % size
    word_ids, word_counts = np.unique(word.astype(np.int64), return_counts=True)
    char_ids, char_counts = np.unique(char.astype(np.int64), return_counts=True)
    return (
        word_ids,
        word_counts.astype(np.float32),
        char_ids,
        char_counts.astype(np.float32),
    )
