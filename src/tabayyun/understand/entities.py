"""Named entities (PER/ORG/LOC) in Arabic, Persian, Russian and English news.

Russian uses natasha's NER and morphology; Arabic, Persian and English use rules: gazetteers,
role words and titles before names, quoted names after a role, names in apposition to a post
("وزیر نیرو، علی‌اکبر محرابیان،", "وزير الطاقة والمياه وليد فياض أن"), capitalised sequences
(English) and surname coreference, so that "زاخاروفا" is recorded as "ماريا زاخاروفا". Compound
Arabic names stay whole: "عبد الرحمن", "شمس الدين", "أبو الغيط", "بن سلمان".
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from tabayyun.errors import PipelineError
from tabayyun.lang.normalize import ARABIC_LETTER_FOLDS, normalize
from tabayyun.model import Entity, EntityLabel, Sentence

LANGUAGES = ("ar", "fa", "ru", "en")

# --- Shared text helpers (also used by statements.py) -------------------------------------

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")

# Letters of Arabic-script words; excludes "،" "؛" "؟" and Arabic/Persian digits.
AR_LETTER = "\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0671-\u06d3\u06fa-\u06ff\u0640"
AR_WORD = f"[{AR_LETTER}\u200c]+"
_AR_WORD = re.compile(AR_WORD)


def fold(text: str) -> str:
    """Return a comparison form that ignores spelling variants in any of the four languages.

    The project's one normaliser with no language, so Persian ی/ک compare equal to Arabic ي/ك.
    """
    return normalize(text)


_LETTER_CLASSES = {
    "ا": "[اأإآٱ]",
    "أ": "[اأإآ]",
    "إ": "[اأإ]",
    "آ": "[اآ]",
    # normalize folds all three; writers type ى for ي and back (نفى/نفي, إلى/إلي).
    "ي": "[يیى]",
    "ی": "[يیى]",
    "ى": "[ىيی]",
    "ک": "[کكڪ]",
    "ك": "[کكڪ]",
    "ؤ": "[ؤو]",
    "ة": "[ةهۃ]",  # writers drop the dots: "القاهره"
    "ه": "[هھہ]",  # Urdu-layout keyboards type ھ or ہ for ه
}


def tolerant_pattern(phrase: str) -> str:
    """Regex source for an Arabic-script phrase that tolerates the letter variants normalize folds.

    Hamza/alef, ي/ی/ى, ک/ك/ڪ, ة/ۃ/ه/ھ/ہ, tashkeel and tatweel; a space may be written as a ZWNJ.
    """
    parts = []
    for i, char in enumerate(phrase):
        if char == " ":
            parts.append(r"[\s\u200c]*" if _is_persian_compound(phrase) else r"[\s\u200c]+")
        elif char == "\u200c":
            parts.append(r"[\s\u200c]?")
        elif char == "ه" and (i + 1 == len(phrase) or not phrase[i + 1].isalpha()):
            parts.append("[هةۃھہ][\u064b-\u0652\u0640]*")  # a word-final ه may be written ة
        else:
            parts.append(_LETTER_CLASSES.get(char, re.escape(char)) + "[\u064b-\u0652\u0640]*")
    return "".join(parts)


def _is_persian_compound(phrase: str) -> bool:
    # Persian writes light-verb compounds both apart and joined: "تأکید کرد" / "تأکیدکرد".
    return phrase.endswith((" کرد", " داشت", " داد", " کردند"))


# Like normalize, but alef maqsura stays apart: folding it would make the preposition "على" the
# name "علي". Only a name spelt with ى also takes ي ("مصطفى" written "مصطفي").
_FIRST_NAME_LETTERS = str.maketrans(
    {letter: fold for letter, fold in ARABIC_LETTER_FOLDS.items() if letter != "ى"}
)


def _first_name_key(word: str) -> str:
    return _DIACRITICS.sub("", word).translate(_FIRST_NAME_LETTERS)


@dataclass(frozen=True)
class Gazetteer:
    """Names of places and organisations, and common first names, for one language."""

    places: tuple[str, ...]
    organisations: tuple[str, ...]
    first_names: frozenset[str]  # folded, for Latin and Cyrillic script
    arabic_script_first_names: frozenset[str]  # _first_name_key forms
    # Public figures the press names by a full name or a surname alone ("ترامب", "Erdogan").
    people: tuple[str, ...] = ()


# A name spelt with ى also takes ي ("مصطفي"), except where that spelling is a common word:
# «منى» written «مني» is "from me" ("طلب مني صديقي").
_NOT_FIRST_NAME_KEYS = frozenset({"مني"})


@cache
def load_gazetteer(lang: str) -> Gazetteer:
    """Load `gazetteers/<lang>.json` once."""
    path = resources.files("tabayyun.understand").joinpath("gazetteers", f"{lang}.json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PipelineError(
            f"no gazetteer for language {lang!r}; add gazetteers/{lang}.json "
            f"or pass one of {', '.join(LANGUAGES)}."
        ) from None
    generated = _generated_gazetteers().get(lang, {})
    extra = _extra_gazetteer(lang)
    organisations = tuple(dict.fromkeys([*data.get("ORG", []), *extra.get("ORG", [])]))
    # The hand-written lists win: a generated place that is one of their organisations is not
    # a place ("الكويت" the state, not "مؤسسة الكويت").
    taken = {_label_key(name) for name in organisations}
    places = tuple(
        dict.fromkeys(
            [
                *data.get("LOC", []),
                *(p for p in extra.get("LOC", []) if _label_key(p) not in taken),
                *(p for p in generated.get("LOC", []) if _label_key(p) not in taken),
            ]
        )
    )
    first_names = [
        *data.get("first_names", []),
        *extra.get("first_names", []),
        *generated.get("first_names", []),
    ]
    taken |= {_label_key(name) for name in places}
    people = tuple(
        dict.fromkeys(
            p for p in [*data.get("PER", []), *extra.get("PER", [])] if _label_key(p) not in taken
        )
    )
    return Gazetteer(
        people=people,
        places=places,
        organisations=organisations,
        first_names=frozenset(fold(n) for n in first_names),
        arabic_script_first_names=frozenset(
            key
            for name in first_names
            for key in {_first_name_key(name), _first_name_key(name).replace("ى", "ي")}
            if key not in _NOT_FIRST_NAME_KEYS
        ),
    )


def _extra_gazetteer(lang: str) -> dict[str, list[str]]:
    """The larger hand-written lists (`<lang>.extra.json`, checked by
    scripts/check_gazetteer_extra.py for everyday words): cities, regions, organisations and
    first names across the region, beside the core lists of `<lang>.json`."""
    path = resources.files("tabayyun.understand").joinpath("gazetteers", f"{lang}.extra.json")
    try:
        data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data


@cache
def _generated_gazetteers() -> dict[str, dict[str, list[str]]]:
    """Places and first names from public data (`scripts/build_gazetteers.py`), per language."""
    path = resources.files("tabayyun.understand").joinpath("gazetteers", "generated.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {lang: lists for lang, lists in data.items() if isinstance(lists, dict)}


def check_lang(lang: str) -> None:
    """Refuse a language the rules do not cover."""
    if lang not in LANGUAGES:
        raise PipelineError(
            f"entities and statements support {', '.join(LANGUAGES)}, not {lang!r}; "
            "skip the stage for this document or set its language."
        )


# --- Role words (titles and jobs that introduce a person) ---------------------------------

# (pattern, key, feminine). The key groups forms, so "السفير" finds the person introduced as
# "سفير الجمهورية ... "كاظم جلالي"". Longest forms first: the regex alternation takes the first.
ROLES: dict[str, list[tuple[str, str, bool]]] = {
    "ar": [
        ("مساعد وزير", "مساعد وزير", False),
        ("مساعدة وزير", "مساعد وزير", True),
        ("نائب وزير", "نائب وزير", False),
        ("رئيس الوزراء", "رئيس الوزراء", False),
        ("الوزيرة", "وزير", True),
        ("الوزير", "وزير", False),
        ("وزيرة", "وزير", True),
        ("وزير", "وزير", False),
        ("المتحدثة", "متحدث", True),
        ("المتحدث", "متحدث", False),
        ("متحدثة", "متحدث", True),
        ("متحدث", "متحدث", False),
        ("الناطقة", "متحدث", True),
        ("الناطق", "متحدث", False),
        ("السفيرة", "سفير", True),
        ("السفير", "سفير", False),
        ("سفيرة", "سفير", True),
        ("سفير", "سفير", False),
        ("الرئيس", "رئيس", False),
        ("رئيسة", "رئيس", True),
        ("رئيس", "رئيس", False),
        ("النائب", "نائب", False),
        ("المدير", "مدير", False),
        ("مدير", "مدير", False),
        ("المديرة", "مدير", True),
        ("الأمين العام", "أمين عام", False),
        ("المحافظ", "محافظ", False),
        ("محافظ", "محافظ", False),
        # Descriptors before a name ("الخبير الاقتصادي محمد شمس الدين"), definite only: an
        # indefinite "خبير" is someone else, never the expert named earlier.
        ("الخبيرة", "خبير", True),
        ("الخبير", "خبير", False),
        ("المحللة", "محلل", True),
        ("المحلل", "محلل", False),
        ("الباحثة", "باحث", True),
        ("الباحث", "باحث", False),
        ("الناشطة", "ناشط", True),
        ("الناشط", "ناشط", False),
        ("المستشارة", "مستشار", True),
        ("المستشار", "مستشار", False),
        ("الكاتبة", "كاتب", True),
        ("الكاتب", "كاتب", False),
        ("المحامية", "محامي", True),
        ("المحامي", "محامي", False),
    ],
    "fa": [
        ("معاون وزیر", "معاون وزیر", False),
        ("معاون", "معاون", False),
        ("وزیر", "وزیر", False),
        ("سخنگوی", "سخنگو", False),
        ("سخنگو", "سخنگو", False),
        ("سفیر", "سفیر", False),
        ("رئیس", "رئیس", False),
        ("نماینده", "نماینده", False),
        ("مدیرعامل", "مدیرعامل", False),
        ("مدیرکل", "مدیرکل", False),
        ("مدیر کل", "مدیرکل", False),
        ("مدیر", "مدیر", False),
        ("استاندار", "استاندار", False),
        ("شهردار", "شهردار", False),
        ("فرماندار", "فرماندار", False),
        ("کارشناس", "کارشناس", False),
        ("استاد", "استاد", False),
    ],
    "ru": [
        (r"официальн\w+ представител\w*", "представитель", False),
        (r"представител\w*", "представитель", False),
        (r"пресс-секретар\w*", "пресс-секретарь", False),
        (r"замминистр\w*", "замминистра", False),
        (r"министр\w*", "министр", False),
        # not «после», the preposition "after", which is also посол's prepositional case
        (r"пос(?:ол|ла|лу|лом)", "посол", False),
        (r"глав(?:а|ы|е|у|ой)", "глава", False),
        (r"директор\w*", "директор", False),
        (r"председател\w*", "председатель", False),
        (r"президент\w*", "президент", False),
        (r"губернатор\w*", "губернатор", False),
        (r"мэр(?:а|у|ом|е)?", "мэр", False),
        (r"руководител\w*", "руководитель", False),
        (r"эксперт\w*", "эксперт", False),
    ],
    "en": [
        (r"(?:the )?spokeswoman", "spokesperson", True),
        (r"(?:the )?(?:spokesman|spokesperson)", "spokesperson", False),
        (r"(?:the )?prime minister", "prime minister", False),
        # "the finance minister", "The Foreign Office Minister"
        (r"(?:the )?(?:(?-i:[A-Z])\w* )?(?:\w+ )?minister", "minister", False),
        (r"(?:the )?ambassador", "ambassador", False),
        (r"(?:the )?president", "president", False),
        (r"(?:the )?senator", "senator", False),
        (r"(?:the )?(?:ceo|chief executive)", "ceo", False),
        (r"(?:the )?director", "director", False),
        (r"(?:the )?chairwoman", "chair", True),
        (r"(?:the )?(?:chairman|chair)", "chair", False),
        (r"(?:the )?governor", "governor", False),
        (r"(?:the )?mayor", "mayor", False),
        (r"(?:the )?professor", "professor", False),
        (r"(?:the )?(?:council )?leader", "leader", False),
    ],
}


def _title_pattern(*titles: str) -> str:
    # Whole words only, or "السيد" takes the start of "السيدة" and "مهندس" of "مهندسی".
    end = f"(?![{AR_LETTER}\u200c])"
    alternatives = sorted(titles, key=len, reverse=True)
    body = "|".join(tolerant_pattern(t) + ("" if t.endswith(".") else end) for t in alternatives)
    return f"(?:{body})"


# Titles that sit directly before a name and are not roles a later mention would reuse.
_TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "ar": (
        "الدكتور",
        "الدكتورة",
        "د.",
        "الشيخ",
        "السيد",
        "السيدة",
        "الأستاذ",
        "المهندس",
        # professions written before a name ("الطبيب حيدر الساعدي", "المدرب ماتياس فرنانديز")
        "الطبيب",
        "الطبيبة",
        "المدرب",
        "المعارض",
        "المعارضة",
        "رجل الأعمال",
        "سيدة الأعمال",
        "الروائي",
        "الروائية",
        "الصحفي",
        "الصحفية",
        "الصحافي",
        "الصحافية",
        "اللاعب",
        "اللاعبة",
        "الفنان",
        "الفنانة",
        "المخرج",
        "المخرجة",
        "الشاعر",
        "الشاعرة",
        "المهاجم",
        "الحارس",
        # military and police ranks (not statements._RANKS: these start a name; "الفريق" is a team)
        "العقيد",
        "العميد",
        "المقدم",
        "الرائد",
        "النقيب",
        "الملازم",
        "الجنرال",
        "الفريق أول",
    ),
    "fa": (
        "آقای",
        "خانم",
        "دکتر",
        "مهندس",
        "حجت‌الاسلام",
        "سید",
    ),
}
TITLES: dict[str, str] = {
    "ar": _title_pattern(*_TITLE_WORDS["ar"]),
    "fa": _title_pattern(*_TITLE_WORDS["fa"]),
    "ru": r"(?:господин|госпожа)",
    "en": r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?",
}


@dataclass(frozen=True)
class RoleMatch:
    """A role word in the text: where, which key, and whether the form is feminine."""

    start: int
    end: int
    text: str
    key: str
    feminine: bool


@cache
def _role_regex(lang: str) -> tuple[re.Pattern[str], tuple[tuple[str, bool], ...]]:
    rows = ROLES[lang]
    if lang in ("ar", "fa"):
        prefix = "(?:[وف])?" if lang == "ar" else ""
        body = "|".join(f"({tolerant_pattern(p)})" for p, _, _ in rows)
        source = rf"(?<![{AR_LETTER}]){prefix}(?:{body})(?![{AR_LETTER}])"
        return re.compile(source), tuple((k, f) for _, k, f in rows)
    body = "|".join(f"({p})" for p, _, _ in rows)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), tuple((k, f) for _, k, f in rows)


def find_roles(text: str, lang: str, start: int = 0, end: int | None = None) -> list[RoleMatch]:
    """Every role word in `text[start:end]`, with offsets into `text`."""
    if start == 0 and end is None:  # entities and statements both ask for the whole article
        return list(_all_roles(text, lang))
    return list(_roles_in(text, lang, start, len(text) if end is None else end))


@lru_cache(maxsize=4)
def _all_roles(text: str, lang: str) -> tuple[RoleMatch, ...]:
    return tuple(_roles_in(text, lang, 0, len(text)))


def _roles_in(text: str, lang: str, start: int, end: int) -> Iterable[RoleMatch]:
    regex, keys = _role_regex(lang)
    for match in regex.finditer(text, start, end):
        group = next(i for i, g in enumerate(match.groups()) if g is not None)
        key, feminine = keys[group]
        yield RoleMatch(match.start(group + 1), match.end(), match.group(group + 1), key, feminine)


# --- Quotes --------------------------------------------------------------------------------

_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_QUOTE_OPENER = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage including its marks, paired left to right."""
    spans = []
    i = 0
    while (opener := _QUOTE_OPENER.search(text, i)) is not None:
        i = opener.start()
        j = text.find(_QUOTE_PAIRS[text[i]], i + 1)
        if j == -1:
            break
        spans.append((i, j + 1))
        i = j + 1
    return spans


# --- Rule-based finders (ar, fa, en) -------------------------------------------------------

# A name after a title or a known first name runs until a word that cannot be part of one:
# "آقای کاظمی آمد", "السيد محمد علي يقول". Closed lists, per language, of function words,
# time words and the verbs that follow a subject; roles and titles are added from the tables above.
_NOT_NAME_COMMON = (  # checked in both languages, as before the lists were split
    "في من إلى الى على عن مع أن ان إن بأن لدى خلال بعد قبل حول ضد بين أيضا ايضا كما التي الذي "
    "هذا هذه و قد وقد لا ما كان عند منذ حتى ثم أو او در از به با که را این آن برای تا بر هم نیز "
    "گفت افزود کرد است شد بود وی او"
)
# Day names, shared with statements.py, where a time between the verb and what was said is
# dropped ("قال يوم الأحد إن", "said on Monday that").
AR_WEEKDAYS = "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت"
AR_DAY_PARTS = "يوم مساء صباح ظهر عصر فجر ليلة"  # before a day: "صباح اليوم", "مساء الاثنين"
FA_WEEKDAYS = "شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه"
EN_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
EN_MONTHS = "January February March April May June July August September October November December"
# A clause with one of these for its verb has a predicate, not a name, after its subject:
# "آقای کاظمی مخالف این طرح است".
FA_COPULAS = "است بود هست هستند نیست نیستند بودند نبود"
_NOT_NAME = {
    "ar": (
        # particles, pronouns, adverbs and time words ("صباح" is also a name)
        "لم لن سوف إنه أنه بأنه انه إنها أنها بأنها انها لأن كي إلا هو هي هم هما كل أي جميع بعض "
        "لـ بـ "  # "لـ«الأخبار»": a preposition with a tatweel before its noun
        "غير لكن بل حيث إذ اذ يوم أمس مساء عقب إثر اثر أثناء عبر أمام نحو وفق وفقا حسب بحسب بشأن "
        f"كذلك فقط اليوم الآن {AR_WEEKDAYS} الذين "
        # verbs after their subject ("الدكتور أحمد حسن قال"), past and present, both genders
        "قال قالت أكد أكدت أوضح أوضحت أضاف أضافت أشار أشارت أعلن أعلنت شدد شددت لفت لفتت دعا دعت "
        "صرح صرحت ذكر ذكرت أفاد أفادت نفى نفت اعتبر اعتبرت رأى رأت أعرب أعربت أشاد أشادت تابع "
        "تابعت حذر حذرت كشف كشفت أبدى أبدت وصل وصلت زار زارت غادر غادرت عاد عادت حضر حضرت شارك "
        "شاركت استقبل استقبلت ترأس ترأست ليس ليست يكون تكون أصبح أصبحت يقول تقول يؤكد تؤكد يوضح "
        "توضح يضيف تضيف يشير تشير يعلن تعلن يرى ترى يعتبر تعتبر يدعو تدعو يذكر تذكر ينفي تنفي "
        "يحذر تحذر يعرب تعرب قائلا قائلة مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة لافتا "
        "لافتة معتبرا معتبرة مشددا مشددة "
        # adverbs and demonstratives after a name-like adjective: "سعيد جدا بهذا"
        "جدا جداً للغاية تماما دائما أبدا حقا بهذا بهذه بذلك لذلك لهذا لهذه عني مني "
        # numbers: "عبد الرؤوف خمس سنوات"
        "واحد اثنان اثنين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع "
        "تسعة عشر عشرة عشرين ثلاثين مئة مائة ألف آلاف مليون ملايين مليار "
        # the speaker's "saying" after a name: «نقلت رويترز عن محمد معيط قوله إن»
        "قوله قولها قولهم تأكيده تأكيدها تصريحه تصريحها"
    ),
    "fa": (
        # prepositions, conjunctions, pronouns, adverbs and time words
        f"ایشان همچنین امروز دیروز فردا امشب دیشب روز هفته ماه سال صبح ظهر عصر شب {FA_WEEKDAYS} "
        "پس پیش قبل بعد "
        "اما ولی هنوز سپس اکنون هرگز درباره طی ضمن نزد میان بین روی زیر کنار چون اگر چه هر همه یا "
        "خود می نمی ها های نه "
        # the noun of a compound verb ("اعلام کرد", "ابراز امیدواری کرد"), predicate adjectives
        "اعلام تأکید تاکید اظهار اشاره بیان تصریح خاطرنشان خاطر عنوان ابراز اضافه دیدار گفتگو "
        "گفت‌وگو سخنرانی حضور هشدار انتقاد استعفا اعتراف پیشنهاد درخواست اعتراض تأیید تایید حمایت "
        "مخالفت موافقت معتقد مدعی گزارش توضیح ادامه یادآور یادآوری اذعان تشریح متذکر خواستار سفر "
        "رد "
        # auxiliaries and present forms
        f"{FA_COPULAS} باشد باشند دارد دارند ندارد ندارند کند کنند نکند شود شوند نشود گوید "
        "گویند خواهد خواهند نخواهد تواند توانند نتواند باید نباید آید آیند رود روند دهد دهند"
    ),
}
# Persian verbs are inflected from two stems; the forms are generated rather than listed.
_FA_PAST_STEMS = (
    "گفت آمد رفت کرد شد بود داشت داد افزود خواست رسید نوشت پرسید دید ماند گرفت زد نمود گذاشت "
    "آورد برد کشید پذیرفت دانست توانست شنید فرستاد یافت خواند پرداخت فرمود افتاد نشست"
)
_FA_PRESENT_STEMS = "گو کن شو ده خواه توان رو آی رس بین دان گیر زن نویس پرس آور بر کش پذیر شنو"
# "سفر کرد", "استعفا داد": the word before one of these is the noun of a compound verb.
_FA_LIGHT_VERBS = (
    "کرد کردند کند کنند کرده نمود نمودند نماید داد دادند دهد داده داشت داشتند دارد گرفت "
    "گرفتند زد شد شدند شود شده"
)


def _persian_verb_forms() -> list[str]:
    """Past forms (گفت، گفتند، گفته، نگفت، می‌گفت) and present forms with می‌ (می‌گوید)."""
    forms = []
    for stem in _FA_PAST_STEMS.split():
        negative = "نیا" + stem[1:] if stem.startswith("آ") else "ن" + stem
        for base in (stem, negative, "می" + stem, "نمی" + stem):
            forms += [base + end for end in ("", "ند", "ه", "ه‌اند")]
    for stem in _FA_PRESENT_STEMS.split():
        for prefix in ("می", "نمی"):
            forms += [prefix + stem + end for end in ("د", "ند", "م", "ی", "یم", "ید")]
    return forms


def _word_key(word: str) -> str:
    """Comparison form for the word lists: like fold, but "على" (on) stays apart from "علي"."""
    return _first_name_key(word).replace("\u200c", "")


def _keys(words: Iterable[str]) -> frozenset[str]:
    keys = set()
    for word in words:
        key = _word_key(word)
        keys.add(key)
        if key != "على":
            keys.add(key.replace("ى", "ي"))  # writers type ى for ي and back: "إلي", "حتي"
    return frozenset(keys)


@cache
def _not_name_words(lang: str) -> frozenset[str]:
    words = [*_NOT_NAME_COMMON.split(), *_NOT_NAME[lang].split(), *_TITLE_WORDS[lang]]
    words += [pattern.split()[0] for pattern, _, _ in ROLES[lang]]  # "دکتر احمدی رئیس ..."
    if lang == "fa":
        words += _persian_verb_forms()
    return _keys(words)


_FA_LIGHT_VERB_KEYS = _keys(_FA_LIGHT_VERBS.split())
_AR_DAY_PART_KEYS = _keys(AR_DAY_PARTS.split())
_AR_DAY_KEYS = _keys(f"اليوم أمس {AR_WEEKDAYS}".split())
_NEXT_WORD = re.compile(f" +({AR_WORD})")
_FA_VERB_PREFIX = re.compile("ن?می\u200c")
_FA_LIGHT_VERB_PREFIX = re.compile("^ن?می\u200c?")  # "می‌کند", also typed "میکند"


def _ends_name(text: str, word: re.Match[str], lang: str, *, inside: bool = True) -> bool:
    """True when `word` (Arabic script) cannot be part of a name or an organisation's name.

    `inside`: the word follows the start of the name, where a compound verb may begin.
    """
    key = _word_key(word.group())
    stops = _not_name_words(lang)
    if key in stops:
        return True
    if lang == "ar":
        # Arabic glues و/ف to the next word: "ومحمد" starts another name, "وقال" a clause;
        # and ل: "لوكالة رويترز" is to whom, after the name.
        rest = key[1:]
        first_names = load_gazetteer(lang).arabic_script_first_names
        if key[:1] == "ل":
            return (
                bool(_AR_ORG_HEAD.fullmatch(rest))
                or rest in _AR_OUTLET_KEYS
                or _label_key(rest) in _gazetteer_labels(lang)
            )
        if key in _AR_DAY_PART_KEYS:  # "صباح" is also a name, but not in "صباح اليوم"
            following = _NEXT_WORD.match(text, word.end())
            return following is not None and _word_key(following.group(1)) in _AR_DAY_KEYS
        return key[:1] in ("و", "ف") and (rest in stops or rest in first_names)
    if _FA_VERB_PREFIX.match(word.group()):
        return True  # any verb with its prefix: "می‌خواهد", "نمی‌داند"
    following = _NEXT_WORD.match(text, word.end()) if inside else None
    # A noun before a light verb is the first half of a compound verb, also in the present
    # with its prefix: "اعلام کرد", "[فکر] می‌کند" (not the surname in "علی رضایی فکر می‌کند")
    return following is not None and (
        _word_key(_FA_LIGHT_VERB_PREFIX.sub("", following.group(1), count=1)) in _FA_LIGHT_VERB_KEYS
    )


# A capitalised preposition or day ends a name in Title Case text: "Minister Eleanor Whitcombe
# On Monday Said", "Dr Priya Ramsden In Leeds"; so does a month before a date ("On May 5").
_EN_NAME_BREAKS = frozenset(
    {"In", "On", "At", "From", "By", "With", "To", "Into", "During", "Since", "After", "Before"}
    | set(EN_WEEKDAYS.split())
)
_EN_MONTHS = frozenset(EN_MONTHS.split())
_EN_STOP = (
    _EN_NAME_BREAKS
    | _EN_MONTHS
    | set(
        [
            "The",
            "A",
            "An",
            "For",
            "But",
            "And",
            "Or",
            "If",
            "When",
            "While",
            "As",
            "This",
            "That",
            "These",
            "Those",
            "It",
            "Its",
            "He",
            "She",
            "They",
            "We",
            "I",
            "You",
            "His",
            "Her",
            "Their",
            "Our",
            "Read",
            "Also",
            "However",
            "Meanwhile",
            "Last",
            "Next",
            "Earlier",
            "Later",
            "According",
        ]
    )
)
_EN_ORG_WORDS = set(
    [
        "Ministry",
        "Department",
        "University",
        "Council",
        "Agency",
        "Bank",
        "Company",
        "Corporation",
        "Group",
        "Association",
        "Institute",
        "Party",
        "Committee",
        "Commission",
        "Authority",
        "Office",
        "Service",
        "Trust",
        "Foundation",
        "Ltd",
        "Inc",
        "Board",
        "Union",
        "Court",
        "Police",
        "Airways",
        "Port",
        "Times",
        "News",
        "Museum",
        "Hospital",
        "Federation",
        "Organisation",
        "Organization",
        "Society",
        "Fund",
        "Centre",
        "Center",
        "School",
        "College",
        "Parliament",
        "Assembly",
        "Network",
        "Electronics",
        "Airlines",
        "Motors",
        "Holdings",
        "Industries",
        "Technologies",
        "Pharmaceuticals",
        "Reserve",
        "Commission",
        "Corp",
        "Co",
        "Plc",
        "LLC",
        "FC",
        "League",
        "Club",
        "United",
        "Energy",
        "Motor",
        "Power",
        "Petroleum",
        "Oil",
        "Steel",
        "Mining",
        "Telecom",
        "Capital",
        "Partners",
        "Media",
        "Systems",
        "Logistics",
        "Shipping",
    ]
)
# Role words that name a post (unlike "Foreign" or "Health"): one ends an organisation's name
# and opens a person's, "Bank of England Governor Andrew Bailey".
_EN_POSTS = frozenset(
    {
        "President",
        "Minister",
        "Ambassador",
        "Senator",
        "Spokesperson",
        "Spokeswoman",
        "Spokesman",
        "CEO",
        "Director",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Governor",
        "Mayor",
        "Professor",
        "Secretary",
        "Chief",
        "Executive",
        "Leader",
        "Premier",
        "Chancellor",
        "King",
        "Queen",
        "Pope",
        "Sheikh",
        "Emir",
        "Speaker",
        "Judge",
        "Commissioner",
        "Envoy",
        "Sen",
        "Rep",
        "Gov",
        "Gen",
        "Col",
        "Lt",
        "Capt",
        "Adm",
        "Coach",
        "Captain",
        "Congressman",
        "Congresswoman",
        "Lawmaker",
        "Councillor",
        "Councilman",
        "Councilwoman",
        "Ayatollah",
        "Cardinal",
        "Archbishop",
        "Rabbi",
        "Patriarch",
    }
)
_EN_ROLE_WORDS = _EN_POSTS | {
    "Midfielder",
    "Defender",
    "Striker",
    "Forward",
    "Goalkeeper",
    "Manager",
    "Businessman",
    "Businesswoman",
    "Grandmaster",
    "Activist",
    "Lawyer",
    "Journalist",
    "Novelist",
    "Labor",
    "Labour",
    "Agriculture",
    "Commerce",
    "Home",
    "Vice",
    "Acting",
    "Former",
    "Crown",
    "Supreme",
    "Grand",
    "Attorney",
    "Treasury",
    "Opposition",
    "Foreign",
    "Prime",
    "Finance",
    "Deputy",
    "Interior",
    "Defence",
    "Defense",
    "Health",
    "Energy",
    "Trade",
    "General",
    "Transport",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Sir",
    "Dame",
    "Culture",
    "Environment",
    "Economy",
    "Justice",
    "Education",
}
_EN_LEADING_WORDS = _EN_STOP | _EN_ROLE_WORDS  # stripped from the left of a capitalised run
_EN_REPORTING_VERBS = frozenset(
    {"said", "says", "told", "added", "stated", "noted", "stressed", "announced"}
)
_EN_REPORTING = re.compile(rf"\s*,?\s*(?:{'|'.join(_EN_REPORTING_VERBS)})\b")
# The inverted attribution after what was said: "Turnout was low, said Jane Doe, a local
# official." A name between "said" and the end of the clause is its speaker.
_EN_REPORTED_BEFORE = re.compile(rf"(?:^|[,\"”’]\s*)(?:{'|'.join(_EN_REPORTING_VERBS)}) +$")
_EN_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:!?]|$)")
# ... or described before the verb: "Jane Doe, a local official, said".
_EN_DESCRIBED_THEN_REPORTING = re.compile(
    rf",\s*(?:a|an|the)\s[^,.;:!?\"“”]{{1,60}},\s*(?:{'|'.join(_EN_REPORTING_VERBS)})\b"
)
# Title words that also open names of leagues, brands and places ("Premier League", "Gen Z",
# "Sheikh Jarrah"): before a single word they make a person only of a known first name.
_EN_LOOSE_POSTS = frozenset(
    [
        "Premier",
        "Queen",
        "King",
        "Pope",
        "Sheikh",
        "Emir",
        "Speaker",
        "Judge",
        "Coach",
        "Captain",
        "Gen",
        "Col",
        "Lt",
        "Capt",
        "Adm",
        "Rep",
        "Sen",
        "Gov",
        "Commissioner",
        "Envoy",
        "Chancellor",
        "Prince",
        "Princess",
        "General",
        "Chief",
        "Leader",
    ]
)
# Posts that also name places, prizes and firms after someone ("Queen Elizabeth Hospital").
_EN_NAMESAKE_POSTS = frozenset(["King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Emir"])
# A description after a name: "Olena Kovalenko, a nurse at ...", "Hyun-woo Park, the chief".
_EN_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*\b")
# A profession or post in lower case right before a name: "businessman Chukwuemeka Obi".
_EN_ROLE_BEFORE = re.compile(
    r"\b(?:businessman|businesswoman|minister|defender|midfielder|striker|forward|goalkeeper|"
    r"manager|coach|grandmaster|champion|favourite|favorite|nurse|doctor|farmer|researcher|"
    r"scientist|lawyer|activist|journalist|reporter|novelist|writer|author|artist|singer|actor|"
    r"actress|director|economist|analyst|professor|spokesman|spokeswoman|spokesperson|leader|"
    r"president|senator|lawmaker|governor|mayor|founder|chairman|chairwoman|candidate|rival|"
    r"teammate|compatriot|veteran|dissident|blogger|prosecutor|judge|envoy|ambassador|diplomat|"
    r"commander|colonel|general|captain|presenter|teacher|student|pilot|driver|rapper|poet)\s+$"
)
# A place named by what it is: "Arabian Sea", "Mekong Delta", "Moi Avenue", "Lake Victoria".
_EN_PLACE_LAST = frozenset(
    [
        "Sea",
        "Ocean",
        "Gulf",
        "Delta",
        "Lake",
        "River",
        "Mountains",
        "Desert",
        "Strait",
        "Peninsula",
        "Valley",
        "Basin",
        "Island",
        "Islands",
        "Avenue",
        "Street",
        "Square",
        "Bridge",
        "Bay",
        "Coast",
        "Canal",
        "Highway",
        "Road",
    ]
)
_EN_PLACE_FIRST = frozenset(["Lake", "Mount", "River", "Cape", "Port"])
# Subjects of "X said" at the start of a sentence that are nobody's name.
_EN_GROUP_NOUNS = frozenset(
    [
        "officials",
        "police",
        "residents",
        "witnesses",
        "analysts",
        "critics",
        "experts",
        "authorities",
        "doctors",
        "scientists",
        "researchers",
        "investigators",
        "prosecutors",
        "lawmakers",
        "organisers",
        "organizers",
        "sources",
        "rescuers",
        "observers",
        "officers",
        "troops",
        "protesters",
        "demonstrators",
        "voters",
        "economists",
        "others",
        "both",
        "many",
        "some",
        "several",
        "it",
        "they",
        "we",
        "he",
        "she",
        "this",
        "that",
    ]
)
# An administrative unit after its name: "Kermanshah province", "Gedaref state".
_EN_UNIT_AFTER = re.compile(
    r"\s+(?:province|state|region|district|division|county|governorate|oblast|prefecture)\b"
)
_EN_UNIT_BEFORE = re.compile(r"\b(?:city|town|village|port|region|province) of $")
_EN_SAID_AFTER = re.compile(r"\s+(?:said|says|announced|reported|confirmed|denied)\b")
_EN_CAPSEQ = re.compile(
    r"\b[A-Z][\w'’.-]*(?: +(?:(?:of|for|and|the|de|van|von|al) +)?[A-Z][\w'’-]*)*"
)
# A run after a post and "of the": "Leader of the House John Smith", where the department ends
# where a first name begins.
_EN_POST_OF_THE = re.compile(rf"\b(?:{'|'.join(sorted(_EN_POSTS))}) of the $")
_EN_ORG_SUFFIX = re.compile(
    r"\b(?:(?:Ministry|Department|University|Bank) of(?: the)?"
    rf"(?: (?!(?:{'|'.join(sorted(_EN_POSTS))})\b)[A-Z]\w+)+"
    r"|(?:[A-Z]\w+ )+(?:University|Ministry|Agency|Council|Bank|Institute|Authority))\b"
)


@dataclass
class _Candidate:
    start: int
    end: int
    label: EntityLabel
    name: str
    priority: int  # higher wins an overlap of equal length


@cache
def _gazetteer_regex(lang: str) -> re.Pattern[str] | None:
    gaz = load_gazetteer(lang)
    names = sorted({*gaz.places, *gaz.organisations, *gaz.people}, key=len, reverse=True)
    if not names:
        return None
    if lang == "en":
        body = "|".join(re.escape(n) for n in names)
        return re.compile(rf"(?<![\w.])({body})(?![\w])")
    body = "|".join(tolerant_pattern(n) for n in names)
    # Arabic glues و/ب/ل/ف to the next word: "بموسكو" is Moscow.
    prefix = "(?:[وبلف]|وب)?" if lang == "ar" else ""
    return re.compile(rf"(?<![{AR_LETTER}]){prefix}({body})(?![{AR_LETTER}])")


@cache
def _gazetteer_labels(lang: str) -> dict[str, EntityLabel]:
    gaz = load_gazetteer(lang)
    labels: dict[str, EntityLabel] = {_label_key(n): "PER" for n in gaz.people}
    labels.update({_label_key(n): "LOC" for n in gaz.places})
    labels.update({_label_key(n): "ORG" for n in gaz.organisations})
    return labels


def _label_key(name: str) -> str:
    # The regex takes a space, a ZWNJ or nothing where a name has either: so must the lookup.
    return fold(name).replace(" ", "")


def _gazetteer_candidates(text: str, lang: str) -> Iterable[_Candidate]:
    regex = _gazetteer_regex(lang)
    if regex is None:
        return
    labels = _gazetteer_labels(lang)
    for match in regex.finditer(text):
        surface, start = match.group(1), match.start(1)
        label = labels.get(_label_key(surface), "LOC")
        if lang == "en" and surface.startswith(("the ", "The ")):
            surface, start = surface[4:], start + 4  # "the Kremlin": the name is "Kremlin"
        yield _Candidate(start, match.end(1), label, surface, 2)


_AR_ORG_HEADS = {
    lang: "(?:" + "|".join(tolerant_pattern(h) for h in heads.split()) + ")"
    for lang, heads in {
        "ar": "وزارة سفارة جامعة وكالة مجلس منظمة هيئة بنك مؤسسة شركة اتحاد محكمة بلدية "
        "مفوضية مصرف حزب جمعية نقابة معهد "
        # defined heads take a defined descriptor: "البنك المركزي المصري"
        "البنك المنظمة الوكالة المحكمة الهيئة المفوضية الصندوق المصرف",
        "fa": "وزارت سفارت دانشگاه سازمان بانک شرکت خبرگزاری اداره ستاد مجمع انجمن مرکز "
        "فدراسیون بیمارستان جمعیت بورس دادگاه دیوان کمیته اتحادیه صندوق پژوهشگاه حزب باشگاه "
        "شورای",
    }.items()
}
_AR_ORG_HEAD = re.compile(_AR_ORG_HEADS["ar"])
# Persian heads that mostly name a unit of some other body ("ستاد بحران" of a province, "اداره
# آب"), so they make an organisation only when a place ends the name.
# "خبرگزاری ایسنا": the agency's name is "ایسنا", which the gazetteer knows.
_FA_GENERIC_HEADS = frozenset(_word_key(h) for h in ("ستاد", "اداره", "کمیته", "شورای", "خبرگزاری"))
# Outlets a statement is made to: "قال سامي خليل لصحيفة «الأخبار»" ends the name at "لصحيفة".
_AR_OUTLET_KEYS = _keys(["صحيفة", "جريدة", "قناة", "موقع", "مجلة", "إذاعة", "تلفزيون"])


@cache
def _folded_places(lang: str) -> frozenset[str]:
    return frozenset(fold(p) for p in load_gazetteer(lang).places)


def _arabic_org_candidates(text: str, lang: str) -> Iterable[_Candidate]:
    """ "وزارة الخارجية الروسية", "سفارة الجمهورية الإسلامية الإيرانية", "وزارت امور خارجه"."""
    head = re.compile(rf"(?<![{AR_LETTER}])(?:[وبل])?({_AR_ORG_HEADS[lang]})(?![{AR_LETTER}])")
    places = _folded_places(lang)
    for match in head.finditer(text):
        end = match.end(1)
        count = 0
        pos = end
        stopped = False
        while count < 5:
            nxt = _AR_WORD.match(text, pos + 1) if text[pos : pos + 1] in (" ", "\u200c") else None
            if nxt is None:
                stopped = True
                break
            token = fold(nxt.group())
            if lang == "ar":  # "وزارة الصحة اليوم", "... التي", "... إلى" are not the name
                ok = _is_defined(nxt.group()) or token in places
                ok = ok and not _ends_name(text, nxt, lang)
            else:  # Persian has no article: nouns and "و" until a function word or verb
                ok = token == "و" or not _ends_name(text, nxt, lang)
            if not ok:
                stopped = True
                break
            pos = nxt.end()
            count += 1
            # Without an article, Persian gives no clue where the name stops, so an
            # organisation must end at a place ("دانشگاه فردوسی مشهد") ...
            if lang == "ar" or token in places:
                end = pos
        # ... or at a verb, a function word or punctuation within three words ("سازمان جهانی
        # بهداشت درباره", "وزارت بهداشت از"), where the name surely ends.
        if (
            lang == "fa"
            and stopped
            and 1 <= count <= 2
            and end == match.end(1)  # no place ended it ("دانشگاه تهران امسال")
            and fold(text[pos - 1 : pos]) != "و"
            and _word_key(match.group(1)) not in _FA_GENERIC_HEADS
        ):
            end = pos
        if lang == "ar" and match.group(1).startswith("ال") and count == 0:
            continue  # "البنك" alone refers back to a bank named before
        if end > match.end(1):
            yield _Candidate(match.start(1), end, "ORG", text[match.start(1) : end], 3)


# Nouns that make a place of the name after them, and stay part of it: "محافظة البصرة",
# "نهر الفرات", "استان گیلان", "تنگه هرمز". Administrative units need a defined word or a known
# place after them ("ولاية ثانية" is a second term); natural features also take a bare name
# ("مضيق هرمز", "نهر دجلة").
_PLACE_HEADS = {
    "ar": (
        "محافظة ولاية إقليم منطقة ميناء مطار استاد ملعب شارع",
        "نهر البحر بحيرة جبل جبال مضيق خليج جزيرة جزر صحراء",
    ),
    "fa": ("استان شهرستان بندر فرودگاه ورزشگاه", "تنگه دریای رود رودخانه کوه دریاچه جزیره"),
}


_FA_VERB_BEFORE = re.compile("(?:^|[^\u0600-\u06ff])ن?می[ \u200c]$")


@cache
def _place_head_regex(lang: str) -> re.Pattern[str]:
    heads = " ".join(_PLACE_HEADS[lang]).split()
    body = "|".join(tolerant_pattern(h) for h in sorted(heads, key=len, reverse=True))
    prefix = "(?:[وبل])?" if lang == "ar" else ""
    return re.compile(rf"(?<![{AR_LETTER}]){prefix}({body})(?![{AR_LETTER}])")


def _place_head_candidates(text: str, lang: str) -> Iterable[_Candidate]:
    places = _folded_places(lang)
    natural = {fold(h) for h in _PLACE_HEADS[lang][1].split()}
    for match in _place_head_regex(lang).finditer(text):
        if lang == "fa" and _FA_VERB_BEFORE.search(
            text, max(0, match.start(1) - 4), match.start(1)
        ):
            continue  # "می رود": the verb "goes" written with a space, not a river
        pos = end = match.end(1)
        for count in range(3):
            nxt = _AR_WORD.match(text, pos + 1) if text[pos : pos + 1] == " " else None
            if nxt is None or _ends_name(text, nxt, lang):
                break
            token = fold(nxt.group())
            defined = _is_defined(nxt.group()) if lang == "ar" else False
            bare = count == 0 and fold(match.group(1)) in natural
            if not (defined or token in places or bare):
                break
            pos = end = nxt.end()
            if bare:
                break  # a bare name is one word: "کوه دماوند", "مضيق هرمز"
        if end > match.end(1):
            yield _Candidate(match.start(1), end, "LOC", text[match.start(1) : end], 3)


_NAME_GAP = re.compile(r"[ \u200c]")
# A defined nationality (nisba) adjective and the space after it: "الأرجنتيني ", "الجزائرية ".
_AR_NISBA = re.compile(rf"ال[{AR_LETTER}]{{2,}}(?:ي|ية)\s+")


# Compound Arabic names: a link takes the next word, even one with "ال" ("عبد الرحمن", "أبو
# الغيط", "بن سلمان", "آل سعود"); a tail joins the word before it ("شمس الدين", "نصر الله"). Neither
# counts towards a name's length.
_AR_NAME_LINKS = frozenset(fold(w) for w in ["عبد", "أبو", "أبي", "بن", "ابن", "بنت", "آل"])
_AR_NAME_TAILS = frozenset(fold(w) for w in ["الدين", "الله", "الإسلام"])


def _name_tokens(
    text: str, pos: int, lang: str, limit: int = 4, *, known_first: bool = False
) -> int:
    """End offset of up to `limit` name-like words from `pos`, or `pos` when none."""
    end = pos
    count = words = 0
    previous = ""
    while words < limit:
        gap = _NAME_GAP.match(text, end) if count else None
        start = gap.end() if gap else end
        nxt = _AR_WORD.match(text, start)
        if nxt is None:
            break
        token = fold(nxt.group())
        linked = lang == "ar" and count > 0 and token.startswith("ال")  # "آل" folds to "ال"
        linked = linked and (
            previous in _AR_NAME_LINKS or token in _AR_NAME_TAILS or token in _AR_NAME_LINKS
        )
        # A family name of the nisba form after a first name: "حيدر الساعدي", "محمد شياع
        # السوداني" ("ال" words are otherwise adjectives of a post: "الرئيس السوري").
        nisba = (
            lang == "ar"
            and count > 0
            and len(token) > 4
            and token.startswith("ال")
            # any family name after a known first name when what was said follows: "قال
            # سامي الحداد إن" (not "سجل محمد صلاح الهدف الأول")
            and (
                token.endswith("ي")
                or (
                    known_first
                    and count == 1
                    and _AR_SAID_AFTER_NAME.match(text, nxt.end()) is not None
                )
            )
            and not _ends_name(text, nxt, lang)
            and token not in _folded_places(lang)
            and not _is_role_word(nxt.group())
        )
        if (known_first and count == 0) or linked:
            pass  # a known first name, even one that is also a common word; "شمس الدين"
        elif (
            lang == "ar"
            and count >= 1
            and token.startswith("ب")
            and (
                token[1:] in _folded_places(lang) or _DIACRITICS.sub("", nxt.group()).endswith("ة")
            )
        ):
            break  # "سيرغي لافروف بموسكو", "أحلام بن سعيد بجائزة": a preposition's noun
        elif nisba:
            end = nxt.end()
            count += 1
            words += 1
            break  # the family name ends the name
        elif (
            _ends_name(text, nxt, lang, inside=count > 0)
            or (lang == "ar" and _is_defined(nxt.group()))
            or (count > 0 and token in _folded_places(lang))  # "زار الدكتور أحمد حسن طهران"
        ):
            break
        end = nxt.end()
        count += 1
        words += not (lang == "ar" and (token in _AR_NAME_LINKS or token in _AR_NAME_TAILS))
        previous = token
    if lang == "ar" and previous in _AR_NAME_LINKS:  # a link with nothing after it: not a name
        end = text.rfind(" ", pos, end) if count > 1 else pos
    return end


def _arabic_person_candidates(
    text: str, sentences: list[Sentence], lang: str
) -> Iterable[_Candidate]:
    """Quoted names after a role, names after titles, names opened by a known first name."""
    roles = find_roles(text, lang)
    for q_start, q_end in quote_spans(text):
        inner = text[q_start + 1 : q_end - 1]
        words = inner.split()
        if not 1 <= len(words) <= 5 or len(inner) > 45 or re.search(r"[،,.:؛]", inner):
            continue
        # A short quote is a name only when a role word introduces it in the same clause.
        if any(
            0 <= q_start - r.end <= 150 and not _has_clause_break(text[r.end : q_start])
            for r in roles
        ):
            offset = q_start + 1 + (len(inner) - len(inner.lstrip()))
            name = inner.strip()
            yield _Candidate(offset, offset + len(name), "PER", name, 5)
    title = re.compile(rf"(?<![{AR_LETTER}]){TITLES[lang]}\s*")
    for match in title.finditer(text):
        start = match.end()
        if lang == "ar":  # a nationality between: "المدرب الأرجنتيني ماتياس فرنانديز"
            nisba = _AR_NISBA.match(text, start)
            start = nisba.end() if nisba else start
        end = _name_tokens(text, start, lang, limit=3)
        if lang == "fa":
            end = _before_predicate(text, start, end)
        if end > start:
            yield _Candidate(start, end, "PER", text[start:end], 4)
    yield from _appositive_candidates(text, lang, roles)
    first_names = load_gazetteer(lang).arabic_script_first_names
    for match in _AR_WORD.finditer(text):
        start, key = match.start(), _first_name_key(match.group())
        if lang == "ar" and key not in first_names and key[:1] == "و":
            start, key = start + 1, key[1:]  # the second of two people: "أحمد حسن ومحمد علي"
        if key in first_names and _is_word_start(text, match.start()):
            end = _name_tokens(text, start, lang, known_first=True)
            if lang == "fa":
                end = _before_predicate(text, start, end)
            if len(text[start:end].split()) >= 2:
                yield _Candidate(start, end, "PER", text[start:end], 4)


# --- Names in apposition to a post ---------------------------------------------------------

_POST_WORD = re.compile(rf"[\s\u200c]+({AR_WORD})")
# Nouns that head a construct inside an Arabic post before a defined word: "رئيس لجنة الأشغال",
# "المتحدث باسم وزارة الخارجية"; besides these, any noun in ة.
_AR_CONSTRUCT_NOUNS = frozenset(
    fold(w)
    for w in [
        "مجلس",
        "حزب",
        "مركز",
        "بنك",
        "اتحاد",
        "مكتب",
        "فريق",
        "تيار",
        "قسم",
        "صندوق",
        "معهد",
        "جهاز",
    ]
)
_POST_LENGTH = 6  # words after the post word, at most


@cache
def _descriptor_stops(lang: str) -> frozenset[str]:
    """Words a post's descriptors cannot hold: function words, times, verbs; unlike a name,
    a post holds other posts ("معاون شهردار تهران")."""
    words = [*_NOT_NAME_COMMON.split(), *_NOT_NAME[lang].split()]
    if lang == "fa":
        # adverbs of time end a post too: "وزیر راه [پیش‌تر] گفته بود"
        words += [*_persian_verb_forms(), *_FA_LIGHT_VERBS.split(), *_FA_TIME_ADVERBS]
    return _keys(words) - {"و"}


_FA_TIME_ADVERBS = ("پیش‌تر", "پیشتر", "قبلا", "قبلاً", "اخیرا", "اخیراً", "همچنین", "نیز")


def ends_phrase(word: str, lang: str) -> bool:
    """True when an Arabic-script `word` cannot be part of a noun phrase before it: a function
    word, a time word or a verb ("در", "أمس", "گفت", "می‌گویند")."""
    return _word_key(word) in _descriptor_stops(lang) or (
        lang == "fa" and _FA_VERB_PREFIX.match(word) is not None
    )


def post_end(text: str, pos: int, lang: str) -> int:
    """End of what describes the post that ends at `pos`: "وزير [الطاقة والمياه]", "رئيس [لجنة
    الأشغال النيابية]", "السفير [الإيراني لدى روسيا]", "معاون [شهردار تهران]", "وزیر [نیرو]".

    Arabic descriptors are defined words and the construct nouns before them; Persian ones run
    to the next function word, time word or verb. Other languages: `pos`.
    """
    if lang not in ("ar", "fa"):
        return pos
    for _ in range(_POST_LENGTH):
        match = _POST_WORD.match(text, pos)
        if match is None:
            break
        token = fold(match.group(1))
        if lang == "fa":
            if ends_phrase(match.group(1), lang):
                break
        elif token in ("لدي", "باسم"):  # "لدى روسيا", "باسم وزارة": the word after it too
            following = _POST_WORD.match(text, match.end())
            pos = following.end() if following is not None and token == "لدي" else match.end()
            continue
        elif not _is_defined(match.group(1)) and not _is_construct(text, match):
            break
        pos = match.end()
    return pos


def _is_role_word(word: str) -> bool:
    """A post or role ("الرئيس", "المتحدث"): "قال محمد الرئيس" is no family name."""
    return any(r.start == 0 and r.end == len(word) for r in find_roles(word, "ar"))


def _is_defined(word: str) -> bool:
    """An Arabic word with the article as written: "الصحة", "والمياه", "للفضاء"; not a name
    that starts with hamza on alef ("أليكس", "ألبرت"), which folding would make look alike."""
    bare = _DIACRITICS.sub("", word).replace("ـ", "")
    return bare.startswith(("ال", "وال", "لل", "بال"))


def _is_construct(text: str, word: re.Match[str]) -> bool:
    """ "لجنة" in "لجنة الأشغال": a noun before a defined word, not a name ("عبد الله")."""
    token = fold(word.group(1))
    following = _POST_WORD.match(text, word.end())
    return (
        following is not None
        and fold(following.group(1)).startswith("ال")
        and (token.endswith("ه") or token in _AR_CONSTRUCT_NOUNS)
        and _first_name_key(word.group(1)) not in load_gazetteer("ar").arabic_script_first_names
        and token not in _AR_NAME_LINKS
    )


_COMMA = re.compile(r"\s*[،,]\s*")
_AR_THAT_WORDS = "|".join(tolerant_pattern(w) for w in ("بأن", "أن", "إن", "أنه", "إنه"))
_AR_FRAME_START = "|".join(
    [f"ل(?!{tolerant_pattern('كن')})[{AR_LETTER}]+"]
    + [tolerant_pattern(w) for w in ("في", "خلال", "اليوم", "أمس", "يوم", "مساء", "صباح")]
)
# After a name that follows a post without commas: what was said, after any time, addressee or
# occasion ("وزير الطاقة وليد فياض [للصحفيين] إن", "الخبير سجيع عطية:").
_AR_SAID_AFTER_NAME = re.compile(
    rf"(?:\s+(?:{_AR_FRAME_START})(?![{AR_LETTER}])[^،,.:؛«»\"\n]{{0,60}}?)?"
    rf"\s*(?:[:«\"]|(?:{_AR_THAT_WORDS})(?![{AR_LETTER}]))"
)


def _appositive_candidates(text: str, lang: str, roles: list[RoleMatch]) -> Iterable[_Candidate]:
    """A name in apposition to a post: "وزیر نیرو، علی‌اکبر محرابیان، گفت", "وزير الطاقة
    والمياه، وليد فياض، إن"; in Arabic also without commas when what was said follows the name:
    "أعلن وزير الطاقة والمياه وليد فياض أن". Two words at least, so a time ("مساء أمس") or an
    occasion ("ردا على سؤال") between commas is not taken for a name."""
    for role in roles:
        pos = post_end(text, role.end, lang)
        comma = _COMMA.match(text, pos)
        if comma is not None and "\n" not in comma.group():
            start = comma.end()
            end = _name_tokens(text, start, lang)
            closed = _COMMA.match(text, end) is not None
            if lang == "fa":
                closed = closed and _is_persian_name(text[start:end])
        elif lang == "ar":
            start = pos + len(text[pos:]) - len(text[pos:].lstrip(" "))
            end = _name_tokens(text, start, lang)
            closed = _AR_SAID_AFTER_NAME.match(text, end) is not None
        else:
            continue
        if closed and len(text[start:end].split()) >= 2:
            yield _Candidate(start, end, "PER", text[start:end], 4)


def _is_persian_name(name: str) -> bool:
    """A first name first or a surname-shaped last word: "محسن هاشمی", "علی‌اکبر محرابیان"."""
    words = name.split()
    return bool(words) and (
        _is_persian_first_name(words[0]) or _word_key(words[-1]).endswith(_FA_SURNAME_ENDINGS)
    )


# Endings of Persian surnames: "کاظمی", "صدری‌نیا", "علی‌پور", "حسن‌زاده", "فرهمند", "پزشکیان".
_FA_SURNAME_ENDINGS = tuple(
    _word_key(e) for e in ("ی", "نیا", "پور", "زاده", "فر", "مند", "نژاد", "راد", "وند", "یان")
)
_FA_COPULA_KEYS = _keys(FA_COPULAS.split())
_FA_THAT = _word_key("که")
_FA_TITLE_AT_END = re.compile(rf"(?<![{AR_LETTER}]){TITLES['fa']}$")
_CLAUSE_END = re.compile(r"[.،,؛:!?؟\n«»\"()–—-]")


def _before_predicate(text: str, start: int, end: int) -> int:
    """End of a Persian name `text[start:end]` that a copular clause may have run on into.

    Nothing marks where "آقای کاظمی مخالف این طرح است" turns from subject to predicate, so
    where the name (after any titles) opens such a clause, it goes past its first
    word only to a surname after a first name ("زهرا رضایی") or to a surname-shaped word
    ("کاظمی تهرانی"), and never to the word before the copula ("آقای کاظمی راضی است").
    """
    words = list(_AR_WORD.finditer(text, start, end))
    if len(words) < 2 or not _opens_clause(text, start) or not _is_copular(text, end):
        return end
    keep = words[0]
    for previous, word in itertools.pairwise(words):
        following = _NEXT_WORD.match(text, word.end())
        before_copula = following is not None and _word_key(following.group(1)) in _FA_COPULA_KEYS
        shaped = _word_key(word.group()).endswith(_FA_SURNAME_ENDINGS) and not before_copula
        if not (_is_persian_first_name(previous.group()) or shaped):
            break
        keep = word
    return keep.end()


def _opens_clause(text: str, pos: int) -> bool:
    """True where a name (after any titles) starts the text or a clause: a subject, unlike
    "اثر محمد عارف ..." or "از نظر دکتر زرین کوب"."""
    before = text[:pos].rstrip()
    while (title := _FA_TITLE_AT_END.search(before)) is not None:
        before = before[: title.start()].rstrip()
    return not before or _CLAUSE_END.match(before[-1]) is not None


def _is_copular(text: str, pos: int) -> bool:
    """True when the clause from `pos` has a copula before any other verb or a relative "که"."""
    stop = _CLAUSE_END.search(text, pos)
    for word in _AR_WORD.finditer(text, pos, stop.start() if stop else len(text)):
        key = _word_key(word.group())
        if key in _FA_COPULA_KEYS:
            return True
        if key in _fa_verb_keys() or key == _FA_THAT or _FA_VERB_PREFIX.match(word.group()):
            return False
    return False


@cache
def _fa_verb_keys() -> frozenset[str]:
    return _keys([*_persian_verb_forms(), *_FA_LIGHT_VERBS.split()])


def _is_persian_first_name(word: str) -> bool:
    """A first name, or two run together as Persian writes them: "محمدجواد", "علیرضا"."""
    names = load_gazetteer("fa").arabic_script_first_names
    key = _word_key(word)
    return key in names or any(
        key[:i] in names and key[i:] in names for i in range(2, len(key) - 1)
    )


def _is_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not re.match(f"[{AR_LETTER}]", text[pos - 1])


def _has_clause_break(gap: str) -> bool:
    return bool(re.search(r"[،,.:؛!?؟]", gap))


_EN_CONNECTORS = frozenset({"of", "for", "and", "the"})
_EN_TOKEN = re.compile(r"\S+")
_Token = tuple[int, int]


def _english_candidates(text: str, sentences: list[Sentence]) -> Iterable[_Candidate]:
    for match in _EN_ORG_SUFFIX.finditer(text):
        start = match.start() + (4 if match.group().startswith("The ") else 0)
        yield _Candidate(start, match.end(), "ORG", text[start : match.end()], 3)
    # A run never crosses a sentence: "... spoke in Paris. Smith told ..." is two names.
    starts = frozenset(sentence.start for sentence in sentences)
    headlines = [(s.start, s.end) for s in sentences if _is_headline(s.text)]
    for match in _EN_CAPSEQ.finditer(text):
        if any(start <= match.start() < end for start, end in headlines):
            continue  # "Union Calls Strike As Pay Talks Collapse": every word has a capital
        tokens = [
            (match.start() + m.start(), match.start() + m.end())
            for m in _EN_TOKEN.finditer(match.group())
        ]
        post = bool(_EN_POST_OF_THE.search(text, max(0, match.start() - 40), match.start()))
        role = bool(_EN_ROLE_BEFORE.search(text, max(0, match.start() - 30), match.start()))
        for part in _split_at_breaks(text, tokens, starts):
            place = _english_place(text, part, starts)
            if place is not None:
                yield place
                continue
            yield from _english_run(text, part, need_title=post, post=post, titled=role)
            role = False


def _is_headline(sentence: str) -> bool:
    """Title Case: four words or more, every one of more than three letters capitalised
    ("Union Calls Strike As Pay Talks Collapse"; not "Lt. Gen. Michael Kurilla visited
    Israel.")."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= 4 and all(w[0].isupper() for w in words if len(w) > 3)


def _english_place(text: str, tokens: list[_Token], starts: frozenset[int]) -> _Candidate | None:
    """A place the run names by its kind ("Arabian Sea", "Lake Victoria", "Kermanshah
    province", "the city of Szeged"), or an unknown word that says something at the start of a
    sentence ("Gazprom said"): an organisation, as people and places are known by then."""
    while len(tokens) > 1 and _en_word(text, tokens[0]) in ("The", "the"):
        tokens = tokens[1:]
    while len(tokens) > 1 and _en_word(text, tokens[0]).endswith(("'s", "’s")):
        tokens = tokens[1:]  # "Chile's Atacama Desert" -> "Atacama Desert"
    if not tokens:
        return None
    start, end, surface = _en_span(text, tokens)
    words = surface.split()
    if _label_key(surface) in _gazetteer_labels("en"):
        return None
    if (
        len(words) >= 2
        and (words[-1] in _EN_PLACE_LAST or words[0] in _EN_PLACE_FIRST)
        and not any(w in _EN_ORG_WORDS for w in words[1:])
    ):
        return _Candidate(start, end, "LOC", surface, 3)
    if len(words) <= 2 and (
        _EN_UNIT_AFTER.match(text, end) or _EN_UNIT_BEFORE.search(text, max(0, start - 20), start)
    ):
        return _Candidate(start, end, "LOC", surface, 3)
    if (
        len(words) == 1
        and start in starts
        and _EN_SAID_AFTER.match(text, end)
        and not _is_en_first_name(surface)
        and surface not in _EN_LEADING_WORDS
        and surface.lower() not in _EN_GROUP_NOUNS
        and not surface.endswith("s")  # "Traders said", "Nurses said": people, not a name
    ):
        return _Candidate(start, end, "ORG", surface, 1)
    return None


def _split_at_breaks(
    text: str, tokens: list[_Token], sentence_starts: frozenset[int] = frozenset()
) -> list[list[_Token]]:
    """Split a Title Case run before a preposition, a day, a dated month (_EN_NAME_BREAKS) or
    the start of a sentence."""
    parts: list[list[_Token]] = [[]]
    for token in tokens:
        word = _en_word(text, token)
        dated = word in _EN_MONTHS and text[token[1] : token[1] + 2].strip().isdigit()
        if parts[-1] and (word in _EN_NAME_BREAKS or dated or token[0] in sentence_starts):
            parts.append([])
        parts[-1].append(token)
    return parts


def _english_run(
    text: str,
    tokens: list[_Token],
    *,
    need_title: bool = False,
    post: bool = False,
    titled: bool = False,
) -> Iterable[_Candidate]:
    """Candidates in one capitalised run, split where a person's name ends.

    A name holds no "of", "and" or "the", so "Eleanor Whitcombe and John Smith" is two people
    and "Minister of Transport Eleanor Whitcombe" a role and a person. `need_title`: the run
    followed "of", "for" or "the", where only a titled name is a person. `post`: it followed a
    post and "of" ("Leader of the House John Smith"), where a first name opens the person's name.
    """
    tokens = _strip_reporting_verb(text, tokens)
    # Strip sentence starters, titles and role words from the left; `titled`: a role in lower
    # case came right before ("businessman Chukwuemeka Obi").
    last_title = ""
    while tokens and (word := _en_word(text, tokens[0]).rstrip(".")) in _EN_LEADING_WORDS:
        if (
            word in _EN_ROLE_WORDS
            and len(tokens) > 1
            and _en_word(text, tokens[1]) in _EN_ORG_WORDS
        ):
            break  # "Foreign Office", "Health Ministry": part of the organisation's name
        if word in _EN_NAMESAKE_POSTS and any(
            _en_word(text, t) in _EN_ORG_WORDS for t in tokens[1:]
        ):
            break  # "Queen Mary University", "King Abdullah Port": named after someone
        titled = titled or word in _EN_ROLE_WORDS
        last_title = word
        tokens = tokens[1:]
    # "Premier League", "Gen Z", "Coach Outlet": a title word before one word that is no
    # known first name and says nothing ("Pope Francis" and "King Charles" stay people).
    if (
        titled
        and len(tokens) == 1
        and last_title in _EN_LOOSE_POSTS
        and not _is_en_first_name(_en_word(text, tokens[0]))
        and not _EN_REPORTING.match(text, tokens[0][1])
    ):
        return
    while len(tokens) > 1 and _en_word(text, tokens[0]).endswith(("'s", "’s")):
        tokens = tokens[1:]  # "Britain's Transport Ministry" -> "Transport Ministry"
    while tokens and _en_word(text, tokens[-1]) in _EN_CONNECTORS:
        tokens = tokens[:-1]
    if not tokens:
        return
    words = [_en_word(text, t) for t in tokens]
    if post and not titled:
        first = next((i for i in range(1, len(words)) if _is_en_first_name(words[i])), None)
        person = _english_person(text, tokens[first:], titled=True) if first else None
        if person is not None:
            yield person
            return
    cut = next((i for i, w in enumerate(words) if w in _EN_CONNECTORS), None)
    if cut is not None and (not need_title or titled):
        person = _english_person(text, tokens[:cut], titled)
        if person is not None:  # "Eleanor Whitcombe and ...", "Daniel Okafor of ..."
            yield person
            yield from _english_run(text, tokens[cut + 1 :], need_title=words[cut] != "and")
            return
    surface = _en_span(text, tokens)[2]
    if _label_key(surface) in _gazetteer_labels("en"):
        return  # the gazetteer pass labels it
    if len(tokens) >= 2 and any(w in _EN_ORG_WORDS for w in surface.split()):
        yield from _english_organisation(text, tokens)
        return
    # A post inside the run: "Labor Secretary Julie Su", "Chinese President Xi Jinping".
    post_at = next(
        (i for i in range(len(words) - 2, -1, -1) if words[i].rstrip(".") in _EN_POSTS), None
    )
    if post_at is not None and cut is None:
        name = tokens[post_at + 1 :]
        while name and _en_word(text, name[0]).rstrip(".") in _EN_ROLE_WORDS:
            name = name[1:]
        loose = words[post_at].rstrip(".") in _EN_LOOSE_POSTS
        if loose and len(name) == 1 and not _is_en_first_name(_en_word(text, name[0])):
            return  # "Billie Jean King Cup", "Martin Luther King Jr."
        person = _english_person(text, name, titled=True)
        if person is not None:
            yield person
            return
    if cut is not None:  # "Minister of Transport Eleanor Whitcombe"
        yield from _english_run(
            text,
            tokens[cut + 1 :],
            need_title=words[cut] != "and",
            post=post or (titled and cut == 0),
        )
        return
    if titled or not need_title:
        person = _english_person(text, tokens, titled)
        if person is not None:
            yield person


def _en_word(text: str, token: _Token) -> str:
    return text[token[0] : token[1]]


def _is_en_first_name(word: str) -> bool:
    first_names = load_gazetteer("en").first_names
    return word in first_names or fold(word) in first_names


def _strip_reporting_verb(text: str, tokens: list[_Token]) -> list[_Token]:
    """Drop the verb of 'Said Daniel Okafor: "..."', not the first name of "Said Hamdan said"."""
    if len(tokens) < 3 or _en_word(text, tokens[0]).lower() not in _EN_REPORTING_VERBS:
        return tokens
    second = _en_word(text, tokens[1]).rstrip(".")
    if (_is_en_first_name(second) or second in _EN_ROLE_WORDS) and not _EN_REPORTING.match(
        text, tokens[-1][1]
    ):
        return tokens[1:]
    return tokens


def _en_span(text: str, tokens: list[_Token]) -> tuple[int, int, str]:
    """Start, end and text of `tokens` without trailing dots, quotes or a possessive 's."""
    start = tokens[0][0]
    surface = re.sub(r"['’]s$", "", text[start : tokens[-1][1]].rstrip(".'’"))
    return start, start + len(surface), surface


def _english_person(text: str, tokens: list[_Token], titled: bool) -> _Candidate | None:
    if not tokens:
        return None
    start, end, surface = _en_span(text, tokens)
    words = surface.split()
    if (
        len(words) > 3
        or _label_key(surface) in _gazetteer_labels("en")
        or any(w in _EN_CONNECTORS or w in _EN_ORG_WORDS for w in words)
    ):
        return None
    first_known = _is_en_first_name(words[0])
    reported = bool(
        _EN_REPORTING.match(text, end)
        or _EN_DESCRIBED_THEN_REPORTING.match(text, end)
        or _EN_APPOSITION.match(text, end)
    )
    reported = reported or (
        _EN_REPORTED_BEFORE.search(text, max(0, start - 16), start) is not None
        and _EN_CLAUSE_ENDS.match(text, end) is not None
    )
    if titled or (len(words) >= 2 and (first_known or reported)):
        return _Candidate(start, end, "PER", surface, 4)
    return None


def _english_organisation(text: str, tokens: list[_Token]) -> Iterable[_Candidate]:
    """The organisation, and a name after a post: "Environment Agency Director Sarah Jones"."""
    words = [_en_word(text, t) for t in tokens]
    post = next((i for i in range(len(words) - 1, 0, -1) if words[i] in _EN_POSTS), None)
    if post is not None and words[post - 1] not in _EN_CONNECTORS:
        head = tokens[:post]
        while len(head) > 1 and _en_word(text, head[-1]) in _EN_ROLE_WORDS:
            head = head[:-1]  # "Environment Agency Chief Executive Sarah Jones"
        name = tokens[post + 1 :]
        while name and _en_word(text, name[0]) in _EN_ROLE_WORDS:
            name = name[1:]  # "Director General Sarah Jones"
        person = _english_person(text, name, titled=True)
        if (person is not None or not name) and any(
            _en_word(text, t) in _EN_ORG_WORDS for t in head
        ):
            # "Environment Agency Director Sarah Jones"; "Foreign Office Minister" is a post.
            yield from _english_organisation(text, head)
            if person is not None:
                yield person
            return
    start, end, surface = _en_span(text, tokens)
    if _label_key(surface) not in _gazetteer_labels("en"):
        yield _Candidate(start, end, "ORG", surface, 3)


# --- Russian (natasha) --------------------------------------------------------------------


@cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    """Load natasha's models once; they ship inside the installed packages (no download)."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    embedding = NewsEmbedding()
    vocab = MorphVocab()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), vocab


def _russian_entities(text: str) -> list[Entity]:
    from natasha import Doc

    segmenter, morph_tagger, ner_tagger, vocab = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    entities = []
    for span in doc.spans:
        span.normalize(vocab)
        label: EntityLabel = span.type if span.type in ("PER", "ORG", "LOC") else "ORG"
        name = _organisation_name(span, doc.tokens) if label == "ORG" else span.normal or span.text
        entities.append(Entity(span.text, label, span.start, span.stop, name))
    return entities


def _organisation_name(span: Any, tokens: list[Any]) -> str:
    """An organisation's name in the nominative where natasha gets it right: "Росстата" ->
    "Росстат", "Министерства обороны" -> "Министерство обороны". natasha inflects a whole
    phrase, dependents too ("Министерство оборона") and adjectives badly ("Высшей школы" ->
    "Высочайшая школа"), so only a noun that starts the name is inflected."""
    words = span.text.split()
    normal = (span.normal or "").split()
    first = next((t for t in tokens if t.start == span.start), None)
    if not normal or first is None or first.pos not in ("NOUN", "PROPN"):
        return str(span.text)
    head = normal[0]
    # The nominative of a noun shares its start ("Госдумы" -> "Госдума"); anything else
    # is a wrong reading of the word, kept as written.
    if head[:3].casefold() != words[0][:3].casefold():
        return str(span.text)
    return " ".join([head, *words[1:]])


# --- Assembly ------------------------------------------------------------------------------


def _select(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates, longer and higher-priority first."""
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _surname_keys(name: str) -> list[str]:
    """Forms a later mention may use: the last word, and the last two of a 3+ word name."""
    words = name.split()
    keys = []
    if len(words) >= 3:
        keys.append(" ".join(words[-2:]))
    if len(words) >= 2 and len(fold(words[-1])) >= 4:
        keys.append(words[-1])
    return keys


def resolve_names(entities: list[Entity]) -> list[Entity]:
    """Give every PER the longest name it is part of ("Захарова" -> "Мария Захарова")."""
    persons = [e for e in entities if e.label == "PER"]
    full = sorted({e.name or e.text for e in persons}, key=lambda n: -len(n.split()))
    # (name, its folded form, its folded words, its folded surname keys), computed once per name.
    forms = [
        (name, folded, folded.split(), [fold(k) for k in _surname_keys(name)])
        for name in full
        for folded in [fold(name)]
    ]
    for entity in persons:
        own = fold(entity.name or entity.text)
        for name, folded, words, keys in forms:
            if own != folded and (own in keys or own == words[-1]):
                entity.name = name
                break
        if not entity.name:
            entity.name = entity.text
    return entities


def _add_surname_mentions(text: str, lang: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """Find bare surnames of people already found ("جلالي", "Smith") and link them."""
    keys: dict[str, str] = {}
    for cand in chosen:
        if cand.label == "PER":
            for key in _surname_keys(cand.name):
                keys.setdefault(key, cand.name)
    if not keys:
        return chosen
    extra = []
    for key in sorted(keys, key=len, reverse=True):
        words = key.split()
        if lang == "en":
            pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b"
            flags = int(re.IGNORECASE)
        else:
            body = r"\s+".join(tolerant_pattern(w) for w in words)
            prefix = "(?:[وبلف])?" if lang == "ar" else ""
            pattern = rf"(?<![{AR_LETTER}]){prefix}({body})(?![{AR_LETTER}])"
            flags = 0
        for match in re.finditer(pattern, text, flags):
            group = 1 if match.groups() else 0
            if lang == "en" and not text[match.start()].isupper():
                continue
            # Above a guessed organisation ("Reeves said" at a sentence start is the person).
            extra.append(_Candidate(match.start(group), match.end(group), "PER", keys[key], 2))
    return _select([*chosen, *extra])


def find_entities(text: str, sentences: list[Sentence], lang: str) -> list[Entity]:
    """Return PER/ORG/LOC entities in `text` in order; `name` is the canonical full form."""
    check_lang(lang)
    if not text.strip():
        return []
    if lang == "ru":
        return resolve_names(_russian_entities(text))
    candidates = list(_gazetteer_candidates(text, lang))
    if lang == "en":
        candidates.extend(_english_candidates(text, sentences))
    else:
        candidates.extend(_arabic_org_candidates(text, lang))
        candidates.extend(_place_head_candidates(text, lang))
        candidates.extend(_arabic_person_candidates(text, sentences, lang))
    chosen = _add_surname_mentions(text, lang, _select(candidates))
    entities = [Entity(text[c.start : c.end], c.label, c.start, c.end, c.name) for c in chosen]
    for entity in entities:
        if entity.label != "PER":
            entity.name = _canonical_place(entity.name)
    return resolve_names(entities)


def _canonical_place(name: str) -> str:
    return name.strip()
