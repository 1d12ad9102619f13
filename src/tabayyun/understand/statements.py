"""Attributed statements (who said what) in Arabic, Persian, Russian and English news.

For each reporting verb the speaker is found after the verb (Arabic VSO, Russian inversion,
"said X"), else before it in the clause (Persian SOV, "X said"). A subject with no name ("یک
شهروند", "a resident", "مصدر مطلع", "один из жителей") is the speaker as written, with what it
is of ("مصدر في النقابة", "A lawyer for the family", "Источник в мэрии"), and so is a subject
no entity or source word names ("وقالت البلدية في بيان إن", "Пожарные сообщили", "В мэрии
сообщили" -> "мэрии"); only a clause with no subject at all ("وأضاف أن", "وی افزود") carries
over the previous statement's speaker, and a pronoun with nobody quoted before it is the person
who opens the sentence before ("Mayor X visited ... She said"). A second verb in the sentence
("..., adding that", "добавив, что", "اما هشدار داد") is the same speaker's second statement.
Bare surnames, role nouns ("السفير", "the ambassador") and pronouns resolve to the full name the
article introduced earlier; a post with a name in apposition ("وزير الطاقة والمياه، وليد فياض،")
is that person. What was said starts after the complementiser and after any time, addressee or
occasion before it ("قال يوم الأحد للصحفيين إن", "told reporters on Monday that", "сказал
жителям в Москве, что", "قال لـ«الأخبار» لدى وصوله إن"); speakers joined by "and" are each
attributed the statement. An attribution after a comma with nothing said after it takes what
came before ("A bridge will open in May, officials said.", "Ситуация стабильна, — заявил
Песков."), as "according to X" does in each language ("به گزارش", "وفقا لـ", "как сообщает"). An
attribution set off by commas inside what was said ("The plan, the minister said, will cost
...", "План, как заявил Силуанов, обойдётся ...") takes both sides of it, joined, with offsets
that span the whole passage. A quotation is what was said when it is long, or short beside a
reporting verb ('"It is closed," said the ministry'); a quoted name ("لـ«الأخبار»",
"«Интерфаксу»") is not. A source relayed by an outlet ("نقلت الأهرام عن مصدر مسؤول", "Reuters
quoted a senior official as saying", "со ссылкой на источник", "به نقل از یک منبع آگاه",
"Reuters reported, citing two sources, that") is the speaker, its mention written from the
outlet to the source; an outlet named by its kind ("روزنامه کیهان نوشت", "ذكرت صحيفة الأهرام",
"пишет газета «Ведомости»") speaks for itself, and "reported" is an outlet's verb only.

What a plural group believes ("ويرى مراقبون أن", "کارشناسان معتقدند که", "Эксперты считают,
что", "Critics argue that", "Officials say") is a claim put to a vague source: the group, as
written, is the speaker; so is a person named, or one a singular pronoun opening the sentence
stands for, resolved as a reporting verb's ("He believes that", "او معتقد است", "Он считает,
что"); these opinion verbs report nothing for anyone else ("أعتقد", "I think", "they say").
A verb that ends a comparison ("than officials say", "از آن است که مسئولان می‌گویند") is part
of what was said. "According to him" ("به گفته وی", "وبحسب قوله", "по его
словам") is the speaker before it; "according to" a source no entity names takes it as written
up to the comma ("بحسب الدفاع المدني،", "по данным двух источников,"). A post held by nobody the
article names is the speaker as written, with what it is of ("مدیرکل هواشناسی خراسان رضوی",
"المتحدث باسم الوزارة"), not its role word, which would merge every such post in an article;
a rank is no part of a name ("سرهنگ", "Captain"). A mark inside a number ("3.9", "4,1", "۴٫۱")
ends no clause; a dateline ("WASHINGTON —") is not what was said; where and when it was said
("قال ... في القاهرة إن", "said on Friday") belong to the attribution, and wire style attributes
only the clause before it ("X, the department said on Friday, and Y": X only).

A subject as written is a noun phrase that can be one: after an Arabic verb, no adverb or
circumstantial accusative ("وأكد مجددا", "وقال مبتسما", "بدوره") and no word of a phrase that
a preposition opens ("وقال في مقابلة تلفزيونية إن"); in Russian, no time or discourse phrase
taken for a place ("В четверг заявили"), no pronoun ("им", "которая": a relative pronoun is
its antecedent) and no adverb ("Тогда муж", "сама"); an English subject drops its adverbs ("My
mother always said"). What a group believes, and "признал", report a clause, not a noun
("Experts argue about ...", "Подозреваемый признал вину"); a leading adverbial participle
("Отвечая на вопрос журналистов,") and an apposition after the speaker are no part of what was
said; nothing with no letter or digit in it was said ("«», — заявил Песков."). Every search
near a verb looks at its sentence or a window of a few hundred characters, so an article's
cost grows with its length, not with its square.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import TypeVar

from tabayyun.model import Entity, Sentence, Statement, StatementKind
from tabayyun.understand.entities import (
    AR_DAY_PARTS,
    AR_LETTER,
    AR_WEEKDAYS,
    AR_WORD,
    EN_MONTHS,
    EN_WEEKDAYS,
    FA_WEEKDAYS,
    TITLES,
    RoleMatch,
    check_lang,
    ends_phrase,
    find_roles,
    fold,
    post_end,
    quote_spans,
    tolerant_pattern,
)


def _word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(words.split())


# --- Reporting verbs, per language ---------------------------------------------------------
# Each row: (form, feminine, position). position says where the speaker stands:
# "either" (after, else before), "after" (according-to forms), "before" (verb-final Persian).
# A feminine form is a clue for a speaker left implicit ("وأكدت" -> the last woman quoted).

_AR_VERBS = [
    ("قال", "قالت"),
    ("أكد", "أكدت"),
    ("أوضح", "أوضحت"),
    ("أضاف", "أضافت"),
    ("أشار", "أشارت"),
    ("أعلن", "أعلنت"),
    ("شدد", "شددت"),
    ("لفت", "لفتت"),
    ("دعا", "دعت"),
    ("صرح", "صرحت"),
    ("ذكر", "ذكرت"),
    ("أفاد", "أفادت"),
    ("نفى", "نفت"),
    ("اعتبر", "اعتبرت"),
    ("رأى", "رأت"),
    ("أعرب", "أعربت"),
    ("أشاد", "أشادت"),
    ("تابع", "تابعت"),
    # a pledge, a disclosure, a warning, a forecast, each with a clause only (_NEEDS_CLAUSE)
    ("تعهد", "تعهدت"),
    ("كشف", "كشفت"),
    ("حذر", "حذرت"),
    ("توقع", "توقعت"),
    ("يقول", "تقول"),  # the subject before it: "السيد محمد علي يقول إن"
    ("قائلا", "قائلة"),
    ("لافتا", "لافتة"),
    ("مضيفا", "مضيفة"),
    ("مشيرا", "مشيرة"),
    ("مؤكدا", "مؤكدة"),
    ("موضحا", "موضحة"),
    ("معتبرا", "معتبرة"),
    ("مشددا", "مشددة"),
]
# "وفقا لـ" takes its noun glued on ("وفقا لوزارة المالية") or after a tatweel.
_AR_ACCORDING = ["بحسب", "حسب", "نقلا عن", "على حد قول"]
_AR_ACCORDING_GLUED = ["وفقا ل", "وفقاً ل", "طبقا ل"]
# An outlet relaying a source: "نقلت صحيفة الأهرام عن مصدر مسؤول قوله إن" (see _CITE_FRAME).
_AR_CITING = ["نقل", "نقلت"]
# Only before the pronoun of a speaker named earlier: "وفق قوله", "على حد قولها" (see
# _ACCORDING_PRONOUN); "على حد سواء" reports nothing.
_AR_ACCORDING_SAYING = ["وفق", "على حد"]
_AR_SAYING = ["قوله", "قولها"]

_FA_COMPOUNDS = [
    "تأکید کرد",
    "تاکید کرد",
    "اظهار داشت",
    "اعلام کرد",
    "خاطرنشان کرد",
    "خاطر نشان کرد",
    "اشاره کرد",
    "عنوان کرد",
    "بیان کرد",
    "تصریح کرد",
    "ادامه داد",
    "یادآور شد",
    "یادآوری کرد",
    "هشدار داد",
    "پیش‌بینی کرد",
    # what an outlet reports: "ایسنا به نقل از ... گزارش داد"
    "گزارش داد",
]
# Each compound in the plural ("منابع امنیتی اعلام کردند") and the perfect ("پیش‌بینی کرده
# است", "آن‌طور که سازمان هواشناسی پیش‌بینی کرده،").
_FA_COMPOUND_FORMS = [
    form
    for verb in _FA_COMPOUNDS
    for form in (
        verb,
        f"{verb}ند",
        f"{verb}ه است",
        f"{verb}ه‌اند",
        f"{verb}ه بود",
        f"{verb}ه بودند",
        f"{verb}ه",
    )
]
_FA_VERBS = [
    "گفت",
    "گفتند",
    "افزود",
    "افزودند",
    "می‌گوید",
    "می‌گویند",
    "گفته است",
    "گفته بود",
    "گفته بودند",
    "گفته‌اند",
    *_FA_COMPOUND_FORMS,
    # what an outlet reports: "روزنامه کیهان نوشت"
    "نوشت",
    "می‌نویسد",
]
_FA_ACCORDING = ["به گفته", "به گزارش"]

_RU_VERBS = [
    "заявил",
    "сказал",
    "подчеркнул",
    "отметил",
    "сообщил",
    "добавил",
    "уточнил",
    "пояснил",
    "рассказал",
    "указал",
    "признал",
    "заверил",
    "напомнил",
    "предупредил",
    "ответил",
    "объявил",
]
# Gerunds that add a second statement to the speaker of the first: "..., — сказал Блинов,
# добавив, что ...". Only after a comma and before "что" or a colon (see _find_verbs).
_RU_GERUNDS = "добавив отметив подчеркнув уточнив пояснив заявив сообщив предупредив напомнив"
# Present forms, with no gender: "как сообщает Росстат", "«...», — говорит эксперт".
_RU_PRESENT = (
    "сообщает сообщают заявляет заявляют говорит говорят отмечает отмечают пишет пишут "
    "передает передаёт подчеркивает подчёркивает утверждает утверждают"
)
_RU_ACCORDING = [
    "по словам",
    "по данным",
    "по информации",
    "по сведениям",
    "по прогнозам",
    "по оценке",
    "по оценкам",
]
# "по его словам": the pronoun inside the phrase is the speaker named before it.
_RU_ACCORDING_PRONOUN = r"по (?:его|её|ее) (?:словам|данным|мнению)"

_EN_VERBS = (
    "said says told added stated noted stressed announced explained warned insisted cautioned"
)
# Participles that add a second statement to the speaker of the first: "..., Blake said, adding
# that ...". Only after a comma and before "that" or a quotation (see _find_verbs).
_EN_PARTICIPLES = "adding noting warning stressing insisting cautioning"

# What a group believes: "ويرى مراقبون أن", "کارشناسان معتقدند که", "Эксперты считают, что",
# "Critics argue that". A claim put to a vague source is a statement, its speaker the group as
# written; so is what a named person or organisation believes ("Smith believes that", "Глеб
# Назаров считает, что": an attributed claim), and of "he" or "she" standing for a person
# named before ("He believes that", see _pronoun_holder). With any other subject ("أعتقد", "I
# think", "they say") these verbs report nothing (see _GROUP and _named_holder).
_AR_OPINION = ["يرى", "ترى", "يعتقد", "تعتقد", "يتوقع", "تتوقع", "يرجح", "ترجح"]
_AR_OPINION += ["يرون", "يعتقدون", "يتوقعون", "يرجحون"]  # after the group: "المراقبون يرون"
_FA_OPINION = [
    "معتقدند",
    "معتقد هستند",
    "بر این باورند",
    "بر این عقیده‌اند",
    "باور دارند",
    "عقیده دارند",
    "اعتقاد دارند",
    "هشدار می‌دهند",
    "پیش‌بینی می‌کنند",
    # one named holder: "پرویز امینی معتقد است" (see _named_holder)
    "معتقد است",
    "بر این باور است",
    "بر این عقیده است",
    "باور دارد",
    "عقیده دارد",
    "اعتقاد دارد",
    "فکر می‌کند",  # "او فکر می‌کند که": not "فکر می‌کنم" (I think)
]
_RU_OPINION = (
    "считают полагают уверены убеждены опасаются предупреждают прогнозируют "
    "считает полагает уверен уверена убежден убеждён убеждена опасается прогнозирует"
)
_EN_OPINION = (
    "argue argued believe believed say think thought contend contended fear feared suspect "
    "suspected predict predicted warn argues believes thinks contends fears suspects predicts"
)
_EN_ACCORDING = ["according to"]
_EN_CITING = "quoted"  # "Reuters quoted a senior official as saying ..."
# What only an outlet does: "Reuters reported that", "..., the BBC reported" (not "the company
# reported record profits": see _statements_for).
_EN_OUTLET_VERBS = "reported"
_REPORTED_THAT = re.compile(r"\bthat\b|:", re.IGNORECASE)


# Verbs whose object is a noun as often as a clause ("كشف عن خطة", "حذر من الفيضانات", "ответил
# на вопрос", "объявил конкурс", "announced plans"): they report only the clause that a
# complementiser, a colon or a quotation opens after them (in English, also a bare clause:
# "announced the border would reopen", see _EN_FINITE_CLAUSE), or what came before them ("«...»،
# تعهد المحافظ").
_NEEDS_CLAUSE = {
    "ar": frozenset(
        fold(v)
        for pair in [("تعهد", "تعهدت"), ("كشف", "كشفت"), ("حذر", "حذرت"), ("توقع", "توقعت")]
        for v in pair
    ),
    "fa": frozenset(),
    # "признал вину": a guilt, not a statement; "признал, что ..." reports one
    "ru": _word_set(
        "ответил ответила ответили ответило объявил объявила объявили объявило признал признала "
        "признали признало"
    ),
    "en": _word_set("announced"),  # "announced plans for ...", "announced a new budget"
}


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    text: str
    feminine: bool | None
    according: bool  # "according to X": speaker after, content around it
    participle: bool  # "قائلا", "لافتا": the subject of the clause before
    cites: bool = False  # "نقلت X عن Y", "X quoted Y as saying": Y is the speaker
    opinion: bool = False  # "ويرى مراقبون", "Critics argue": only an unnamed group says it
    outlet: bool = False  # "reported": only an organisation reports, and only "that ..."
    clause: bool = False  # reports only a clause opened after it (_NEEDS_CLAUSE)


def _compile_verbs(lang: str) -> re.Pattern[str]:
    if lang == "ar":
        masc = "|".join(tolerant_pattern(m) for m, _ in _AR_VERBS)
        fem = "|".join(tolerant_pattern(f) for _, f in _AR_VERBS)
        acc = "|".join(tolerant_pattern(a) for a in _AR_ACCORDING)
        glued = "|".join(tolerant_pattern(a) for a in _AR_ACCORDING_GLUED)
        cite = "|".join(tolerant_pattern(c) for c in reversed(_AR_CITING))
        opinion = "|".join(tolerant_pattern(o) for o in _AR_OPINION)
        saying = "|".join(tolerant_pattern(a) for a in _AR_ACCORDING_SAYING)
        said = "|".join(tolerant_pattern(a) for a in _AR_SAYING)
        return re.compile(
            rf"(?<![{AR_LETTER}])(?:[وف])?(?:(?P<acc>(?:{glued})(?=\s*[{AR_LETTER}])|(?:{acc})"
            rf"(?:[\u064b-\u0652])*(?![{AR_LETTER}])|(?:{saying})(?=\s+(?:{said})"
            rf"(?![{AR_LETTER}])))|(?:(?P<cite>{cite})|(?P<fem>{fem})"
            rf"|(?P<masc>{masc})|(?P<op>{opinion}))(?:[\u064b-\u0652])*(?![{AR_LETTER}]))"
        )
    if lang == "fa":
        verbs = "|".join(tolerant_pattern(v) for v in sorted(_FA_VERBS, key=len, reverse=True))
        acc = "|".join(tolerant_pattern(a) for a in _FA_ACCORDING)
        opinion = "|".join(tolerant_pattern(o) for o in _FA_OPINION)
        # not inside a word: "[می‌]نوشت" (he used to write) is no "نوشت"
        return re.compile(
            rf"(?<![{AR_LETTER}\u200c])(?:(?P<acc>{acc})|(?P<masc>{verbs})|(?P<op>{opinion}))"
            rf"(?![{AR_LETTER}\u200c])"
        )
    if lang == "ru":
        stems = "|".join(_RU_VERBS)
        acc = "|".join([_RU_ACCORDING_PRONOUN, *_RU_ACCORDING])
        present = "|".join(_RU_PRESENT.split())
        opinion = "|".join(_RU_OPINION.split())
        gerunds = "|".join(_RU_GERUNDS.split())
        # "сообщило": an agency or a ministry in the neuter ("Агентство сообщило")
        return re.compile(
            rf"(?<!\w)(?:(?P<acc>{acc})|(?P<fem>(?:{stems})а)|(?P<masc>(?:{stems})(?:и|о)?)"
            rf"|(?P<pres>{present})|(?P<op>{opinion})|(?P<part>{gerunds}))(?!\w)",
            re.IGNORECASE,
        )
    verbs = "|".join(_EN_VERBS.split())
    acc = "|".join(_EN_ACCORDING)
    opinion = "|".join(_EN_OPINION.split())
    outlet = "|".join(_EN_OUTLET_VERBS.split())
    participles = "|".join(_EN_PARTICIPLES.split())
    return re.compile(
        rf"\b(?:(?P<acc>{acc})|(?P<cite>{_EN_CITING})|(?P<masc>{verbs})|(?P<op>{opinion})"
        rf"|(?P<outlet>{outlet})|(?P<part>{participles}))\b",
        re.IGNORECASE,
    )


_VERB_REGEX = {lang: _compile_verbs(lang) for lang in ("ar", "fa", "ru", "en")}


def _any_of(*phrases: str) -> str:
    """Regex source for any of `phrases`, in the spellings tolerant_pattern allows."""
    return "(?:" + "|".join(tolerant_pattern(p) for p in phrases) + ")"


# A full stop, comma or colon between digits is part of a number ("3.9%", "4,1%", "250,000",
# "10:30"), never the end of a clause: what a clause may hold, up to a mark in `marks`.
_IN_NUMBER = r"(?<=\d)[.,:٫٬](?=\d)"


def _up_to(marks: str) -> str:
    """Regex source for one character that is not one of `marks`, or a mark inside a number."""
    return f"(?:{_IN_NUMBER}|[^{marks}])"


_AR_PARTICIPLE = re.compile(
    "^[وف]?" + _any_of("قائل", "لافت", "مضيف", "مشير", "مؤكد", "موضح", "معتبر", "مشدد")
)

_AR_PREPOSITION = _any_of("على", "إلى", "الى", "عن", "من")  # "أشار إلى أن", "حذر من أن"
# "وبحسب الوزارة، فإن"; with an attached pronoun, which goes with it: "إنها تنتظر" -> "تنتظر"
_AR_THAT = _any_of("بأنه", "بأنها", "بأن", "أنها", "أنهم", "أن", "إن", "انه", "فإن", "فانه")

# Words that open the content of an indirect statement ("أن", "that", "что", "که").
_COMPLEMENTIZER = {
    "ar": re.compile(
        rf"^[\s،,:\"]*(?:{_AR_PREPOSITION}\s+)?(?:{_AR_THAT}(?![{AR_LETTER}])\s*)?[\s،,:]*"
        rf"(?:{_any_of('أيضا', 'كذلك')}(?![{AR_LETTER}])\s*)?"
    ),
    "fa": re.compile(rf"^[\s،,:]*(?:{tolerant_pattern('که')}\s+)?"),
    "ru": re.compile(r"^[\s,:—–-]*(?:что\s+)?", re.IGNORECASE),
    "en": re.compile(r"^[\s,:]*(?:that\s+)?", re.IGNORECASE),
}

# --- What stands between the verb and what was said ---------------------------------------
# When ("يوم الأحد", "on Monday", "в понедельник"), to whom ("للصحفيين", "to reporters",
# "журналистам") and where ("في بيان", "in a statement", "на брифинге") belong to the statement,
# not to the claim. After the verb each is dropped only where what was said opens right after it
# (_OPENS), so "said Monday would be a holiday" keeps its subject; Persian puts them before
# the verb, where they are dropped from a content written there.

_EN_DAY = "|".join(EN_WEEKDAYS.split())
# A month written out or cut short: "May", "Nov.", "Sept"
_EN_MONTH = "|".join(EN_MONTHS.split()) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
_EN_ADDRESSEE = (  # "reporters", "local radio", "the BBC", "Reuters", "him"
    r"(?:him|her|them|us|me|(?:the |a |an |local |state )?(?:reporters|journalists|press|media"
    r"|parliament|lawmakers|legislators|MPs|senators|delegates|supporters|radio|television"
    r"|news agency|news conference|press conference|briefing)"
    r"|(?-i:(?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2}))(?!\w)"
)
# To whom, before what was said: "للصحفيين", "لوكالة رويترز"; not "لدى", "لأن", "لكن".
_AR_TO_WHOM = (
    rf"ل(?:ـ\s*)?(?!{_any_of('دى', 'أن', 'كن', 'قد')}(?![{AR_LETTER}]))[{AR_LETTER}]+"
    rf"(?:\s+[{AR_LETTER}]+){{0,2}}?"
)
# Before a speaker, only what cannot be the speaker's own first word: "ل" with the article
# ("للصحفيين") or before an outlet's kind ("لوكالة"), not "لجنة الانتخابات", "لبنان".
_AR_TO_WHOM_BEFORE_SPEAKER = (
    rf"ل(?:ـ\s*)?(?:ل[{AR_LETTER}]+|"
    rf"{_any_of('وكالة', 'صحيفة', 'جريدة', 'قناة', 'موقع', 'إذاعة', 'تلفزيون', 'مجلة', 'شبكة')}"
    rf"(?:\s+[{AR_LETTER}]+){{0,2}}?)"
)
_FRAME = {
    "ar": [
        rf"(?:{_any_of(*AR_DAY_PARTS.split())}\s+)?{_any_of('أمس', 'اليوم', *AR_WEEKDAYS.split())}",
        _any_of(
            "الأسبوع الماضي",
            "الشهر الماضي",
            "السنة الماضية",
            "العام الماضي",
            "في وقت سابق",
            "في وقت لاحق",
        )
        + rf"(?:\s+{_any_of('من')})?",
        # an outlet in quotation marks: "لـ«الأخبار»", "لصحيفة «الأخبار»"
        rf"ل(?:ـ\s*|[{AR_LETTER}]+\s+)?[«\"“][^»\"”\n]{{1,40}}[»\"”]",
        _AR_TO_WHOM,
        # the occasion: "لدى وصوله إلى بغداد", "خلال لقائه بالصحفيين", "عقب لقائه الرئيس"
        rf"{_any_of('لدى', 'خلال', 'عقب', 'أثناء', 'إثر', 'عند')}\s+[{AR_LETTER}]+"
        rf"(?:\s+[{AR_LETTER}]+){{0,4}}?",
        rf"{_any_of('في')}\s+"
        rf"{_any_of('بيان', 'تصريح', 'تصريحات', 'مؤتمر', 'كلمة', 'مقابلة', 'حديث')}"
        rf"(?:\s+[{AR_LETTER}]+){{0,4}}?",
    ],
    "fa": [
        rf"(?:{_any_of('صبح', 'ظهر', 'عصر', 'شب')}\s+)?(?:{_any_of('روز')}\s+)?"
        rf"{_any_of('امروز', 'دیروز', 'امشب', 'دیشب', 'فردا', *FA_WEEKDAYS.split())}",
        rf"{_any_of('هفته', 'ماه', 'سال')}\s+{_any_of('گذشته', 'پیش')}",
        rf"(?:{_any_of('به', 'در جمع')}\s+)?{_any_of('خبرنگاران', 'رسانه‌ها')}",
        rf"{_any_of('در گفت‌وگو با', 'در گفتگو با', 'در مصاحبه با')}\s+[{AR_LETTER}\u200c]+",
        _any_of("در نشست خبری"),
        # "در بیانیه‌ای (کوتاه)", "در یک پیام": how it was said
        rf"{_any_of('در')}\s+(?:{_any_of('یک')}\s+)?"
        rf"{_any_of('بیانیه', 'اطلاعیه', 'پیام', 'نامه', 'گزارش')}(?:\u200c?{_any_of('ای')})?"
        rf"(?:\s+{_any_of('کوتاه', 'رسمی', 'مکتوب', 'جداگانه', 'تلویزیونی')})?",
    ],
    "ru": [
        r"во? (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
        r"(?: (?:утром|днём|днем|вечером|ночью))?",
        r"(?:вчера|сегодня|накануне|ранее)(?: (?:утром|днём|днем|вечером))?",
        r"журналистам|репортёрам|репортерам|прессе",
        r"на (?:пресс-конференции|брифинге|заседании|встрече|форуме|совещании)",
        r"в (?:интервью|эфире|заявлении|обращении|беседе)(?: [^\s,.:]+){0,3}?",
        r"в (?:[а-яё]+(?:ом|ем|ой|ей) )?(?:обзоре|докладе|отч[её]те|сообщении|публикации|письме"
        r"|комментарии|пресс-релизе|телеграм-канале)",
    ],
    "en": [
        rf"(?:(?:on|late|early|earlier|later) )?(?:{_EN_DAY})"
        r"(?: (?:morning|afternoon|evening|night))?",
        rf"(?:on )?(?:{_EN_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?",
        # a date with its year, in a month or on a day: "in Nov. 2020", "on 13 June 2017"
        rf"in (?:early |late |mid-)?(?:{_EN_MONTH}) \d{{4}}",
        rf"on \d{{1,2}} (?:{_EN_MONTH})(?: \d{{4}})?",
        r"yesterday|today|tonight|overnight|earlier|later",
        rf"(?:last|this|next|earlier this|later this) (?:week|month|year|morning|afternoon"
        rf"|evening|night|weekend|{_EN_DAY})",
        r"(?:in|at|during|on) (?:a|an|the|his|her|their|its) (?:[\w-]+ ){0,2}?"
        r"(?:statement|interview|briefing|speech|post|letter|conference|address|debate|hearing"
        r"|meeting|broadcast|call|report|review|note|bulletin|update|release|service|ceremony"
        r"|rally|session|video|tweet|website|account|page|blog|channel|podcast|email)",
        # where it was posted or aired: "on Twitter", "via Facebook", "on social media"
        r"(?:on|via) (?:Twitter|Facebook|Instagram|YouTube|TikTok|LinkedIn|Snapchat|Telegram"
        r"|Weibo|Reddit|social media|television|TV|radio|air)",
        rf"to {_EN_ADDRESSEE}",
    ],
}
# What may follow a dropped frame: the complementiser, a colon or a quotation.
_OPENS = {
    "ar": rf"[\s،,]*(?:[:«\"“]|(?:{_AR_PREPOSITION}\s+)?{_AR_THAT}(?![{AR_LETTER}])"
    rf"|{_any_of('على', 'عن')}(?![{AR_LETTER}]))",
    "ru": r"\s*(?:,\s*что\b|[:«\"„“—–])",
    "en": r"[\s,]*(?:that\b|[:\"“‘]|(?:the|a|an|his|her|its|their|our|this|these|those|there|it|he"
    r"|she|they|we|i|no|some|all)\b)",
}
_FLAGS = {"ar": 0, "fa": 0, "ru": re.IGNORECASE, "en": re.IGNORECASE}
_WORD_END = rf"(?![\w{AR_LETTER}\u200c])"
_FRAMES = {lang: f"(?:[\\s،,]*(?:{'|'.join(items)}){_WORD_END})+" for lang, items in _FRAME.items()}
# Frames before what was said (after the verb, or the speaker after the verb), and before a
# speaker named after them ("وقال أمس الوزير", "— заявил в понедельник Лавров").
_FRAMES_BEFORE_CONTENT = {
    lang: re.compile(_FRAMES[lang] + f"(?={_OPENS[lang]})", _FLAGS[lang]) for lang in _OPENS
}
_FRAMES_BEFORE_SPEAKER = {lang: re.compile(_FRAMES[lang], _FLAGS[lang]) for lang in _OPENS}
_FRAMES_BEFORE_SPEAKER["ar"] = re.compile(
    _FRAMES["ar"].replace(_AR_TO_WHOM, _AR_TO_WHOM_BEFORE_SPEAKER, 1), _FLAGS["ar"]
)
_FRAMES_AT = {lang: re.compile(source, _FLAGS[lang]) for lang, source in _FRAMES.items()}
_OPENS_AT = {lang: re.compile(source, _FLAGS[lang]) for lang, source in _OPENS.items()}
# Before "that" only, an adverb or a phrase opened by a preposition: "said repeatedly that",
# "announced in May 2020 that", "said on depletion that"; not "said the plan that was passed".
_EN_BEFORE_THAT = re.compile(
    r"[\s,]*(?:in|on|at|during|after|before|since|to|from|with|about|over|again|also|\w+ly)"
    r"(?: [\w'’$-]+){0,3}?(?=[\s,]+that\b)",
    re.IGNORECASE,
)
# "told" always has someone it was told to: "told reporters the budget", "told local radio that",
# "told the committee the plan had failed" (up to the next determiner).
_EN_TOLD = re.compile(
    rf"\s+(?:(?:[\w'’-]+ ){{1,4}}?(?=that\b)|{_EN_ADDRESSEE}"
    r"|(?:the|a|an|his|her|their|its) [\w'’-]+(?: [\w'’-]+)?? (?=(?:the|a|an|his|her|its|their"
    r"|it|he|she|they|we|there|this|these)\b))",
    re.IGNORECASE,
)
# "and" between two speakers ("أحمد حسن ومحمد علي", "Smith and Jones", "Лавров и Шойгу").
# After a comma it joins clauses ("X met Y, and Z said"), except to end a list: "A, B, and C".
_AND = {
    "ar": rf"\s*و(?=[{AR_LETTER}])",
    "fa": r"\s+و\s+",
    "ru": r"\s+и\s+",
    "en": r"\s+and\s+",
}
_AND_AT = {lang: re.compile(source) for lang, source in _AND.items()}
# The whole gap between two speakers before the verb, where a title may follow ("و خانم رضایی").
_JOIN = {
    lang: re.compile(rf"(?P<comma>\s*[,،])?(?P<and>{source})?\s*(?:{TITLES[lang]}(?!\w)[\s.]*)?")
    for lang, source in _AND.items()
}
_PRONOUNS = {
    "ar": None,
    "fa": re.compile(rf"(?<![\w\u200c]){_any_of('وی', 'او', 'ایشان')}(?![\w\u200c])"),
    "ru": re.compile(r"(?<!\w)(?:он|она)(?!\w)", re.IGNORECASE),
    "en": re.compile(r"\b(?:he|she)\b", re.IGNORECASE),
}
_FEMININE_PRONOUN = {"she", "она"}
_CLAUSE_BREAK = re.compile(rf"(?!{_IN_NUMBER})[.:;؛!?؟»”]")
# The full stop of a title ends no clause: '"We will not retreat," Mr. Smith told reporters.'
_TITLE_STOP = r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Prof)\."
_ENDS_WITH_TITLE = re.compile(_TITLE_STOP + "$")
# A dateline before the first sentence of a report is where it was filed, not what was said:
# "WASHINGTON —", "NEW YORK (Reuters) -", "LONDON, March 5 —", "МОСКВА, 3 ноября —".
_DATELINE = {
    lang: re.compile(
        rf"[{caps}][{caps}.'’-]+(?:\s[{caps}][{caps}.'’-]+){{0,2}}(?:,\s*[^—–\n(]{{1,30}}?)?"
        r"\s*(?:\([^()\n]{1,30}\)\s*)?[—–-]+\s+"
    )
    for lang, caps in (("en", "A-Z"), ("ru", "А-ЯЁ"))
}
_ROLE_WINDOW = 160  # chars between a role word and the name it introduces


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    speaker: str
    feminine: bool | None
    organisation: bool = False
    # the speaker is the words as written: an unnamed subject ("یک شهروند", "a resident") or a
    # post held by nobody the article names ("مدیرکل هواشناسی خراسان رضوی")
    as_written: bool = False
    post: bool = False  # a post held by nobody named, which its genitive may follow
    relayed: bool = False  # a source an outlet relays: "Bloomberg, citing [people ...],"


@dataclass
class _Context:
    text: str
    lang: str
    persons: list[Entity]
    organisations: list[Entity]  # "the ministry said": organisations speak too
    quotes: list[tuple[int, int]]
    roles: list[RoleMatch]
    role_people: list[tuple[int, str, str, bool]]  # (position, role key, name, feminine)
    # every entity's span, places included, by start: "روسيا" in "وقالت روسيا" is a name
    named: list[tuple[int, int]] = field(default_factory=list)
    # Starts (and the quotations' ends) of the lists above, each sorted by start, so that what
    # stands near a verb is found by bisection, not by a walk through the whole article.
    person_starts: list[int] = field(init=False)
    org_starts: list[int] = field(init=False)
    role_starts: list[int] = field(init=False)
    quote_ends: list[int] = field(init=False)
    speaker_starts: frozenset[int] = field(init=False)  # where a person or organisation starts
    role_holders: dict[str, list[tuple[int, str, str, bool]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.persons.sort(key=lambda e: e.start)
        self.organisations.sort(key=lambda e: e.start)
        self.roles.sort(key=lambda r: r.start)
        self.quotes.sort()
        self.person_starts = [e.start for e in self.persons]
        self.org_starts = [e.start for e in self.organisations]
        self.role_starts = [r.start for r in self.roles]
        self.quote_ends = [end for _, end in self.quotes]
        self.speaker_starts = frozenset(self.person_starts + self.org_starts)


_T = TypeVar("_T")
_REACH = 300  # the longest entity, role or quoted name a backward search looks for


def _starting(items: list[_T], starts: list[int], low: int, high: int) -> list[_T]:
    """The items, sorted by their `starts`, that start in [low, high)."""
    return items[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]


def _quotes_ending(ctx: _Context, low: int, high: int) -> list[tuple[int, int]]:
    """The quotations that end in (low, high]; they never overlap, so their ends are sorted."""
    ends = ctx.quote_ends
    return ctx.quotes[bisect.bisect_right(ends, low) : bisect.bisect_right(ends, high)]


# --- Unnamed speakers ----------------------------------------------------------------------
# A subject with no name is the speaker as written ("یک شهروند", "منابع آگاه", "مصدر مطلع",
# "أحد السكان", "a resident", "experts", "один из жителей"), so that what it said never goes to
# the person named before it. Only a clause with no subject ("وأضاف أن", "وی افزود", "He added")
# continues the previous speaker. A determiner ("یک", "a", "one of", "один из", "أحد") needs a
# noun after it; a source noun stands alone. Arabic objects follow the verb as subjects do
# ("وأعلن استعداد بلاده"), so Arabic takes source nouns only.

_FA_SOURCES = (
    "کارشناسان منابع منبعی مقامات مقامی مسئولان مسئولین ساکنان اهالی شاهدان شهروندان کشاورزان "
    "فعالان تحلیلگران پزشکان رانندگان کارگران معترضان دانشجویان مردم"
)
_AR_SOURCES = (
    "مصدر مصادر مسؤول مسؤولة مسؤولون خبير خبراء محلل محللون مراقبون شاهد شهود سكان "
    "مواطن مواطنة مواطنون ناشطون نشطاء دبلوماسي دبلوماسيون مزارع مزارعون تاجر تجار طبيب أطباء "
    "موظف موظفون متظاهرون"
)
_EN_SOURCES = (
    "experts residents officials sources analysts witnesses critics activists locals economists "
    "campaigners protesters doctors scientists researchers commuters passengers farmers engineers "
    "teachers parents diplomats observers neighbours neighbors villagers workers traders students "
    "police medics rescuers lawyers academics insiders people"
)
_RU_SOURCES = (
    "житель жительница жители горожанин горожанка горожане очевидец очевидица очевидцы источник "
    "источники собеседник собеседница аналитик аналитики пенсионер пенсионерка пенсионеры фермер "
    "фермеры водитель водители пассажир пассажирка пассажиры специалисты врач врачи учителя "
    "родители участники активист активистка активисты чиновник чиновники сотрудник сотрудница "
    "сотрудники экономист экономисты политолог политологи"
)
_UNNAMED_HEAD = {
    "fa": re.compile(
        rf"(?P<det>{_any_of('یکی از', 'برخی از', 'بسیاری از', 'شماری از', 'تعدادی از', 'یک')})"
        rf"(?=\s)|(?:{_any_of('برخی', 'بسیاری از')}\s+)?{_any_of(*_FA_SOURCES.split())}"
        rf"(?![{AR_LETTER}\u200c])"
    ),
    "ar": re.compile(
        rf"{_any_of('أحد', 'إحدى')}\s+ال[{AR_LETTER}]+(?:\s+ال[{AR_LETTER}]+)?"
        rf"(?![{AR_LETTER}])|{_any_of(*_AR_SOURCES.split())}(?![{AR_LETTER}])"
    ),
    "en": re.compile(
        r"(?P<det>(?:a|an|one|another|the)(?! of\b))(?=\s)"
        r"|(?:one of (?:the |its |their |our )?(?:[a-z][\w-]* )??"
        rf"|(?:(?:some|many|several|two|three|four|most|other|local|senior|the) ){{0,2}})"
        rf"(?:{'|'.join(_EN_SOURCES.split())})\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?P<det>(?:один|одна|одно|некоторые|многие|двое|трое) из)(?=\s)"
        r"|(?:(?:местн|пожил|осведомл[её]нн|анонимн|высокопоставленн|информированн|знающ)\w*\s+)?"
        rf"(?:{'|'.join(_RU_SOURCES.split())})(?!\w)",
        re.IGNORECASE,
    ),
}
# Words after a determiner (or a Persian source noun): up to the first that cannot be part of
# the noun phrase ("یک شهروند [در] ایستگاه", "a resident [at] the station").
_NP_WORD = {
    "fa": re.compile(rf"[\s\u200c]+({AR_WORD})"),
    "ar": re.compile(rf"\s+([{AR_LETTER}]+)"),
    "en": re.compile(r"\s+([\w][\w'’-]*)"),
    "ru": re.compile(r"\s+([а-яё][а-яё-]*)", re.IGNORECASE),
}
_RU_NP_STOPS = "в во на по из у с со к о об от для при за что как и а но"
_NP_STOPS = {
    # "نقلت الأهرام عن مصدر مسؤول [قوله] إن": the source's saying, not its description
    "ar": frozenset(fold(w) for w in ["قوله", "قولها", "قولهم", "قولهما"]),
    # measures after "یک": "یک بار دیگر", "یک روز بعد" are when, not who
    "fa": frozenset(
        fold(w)
        for w in ["بار", "دفعه", "لحظه", "مدت", "ساعت", "دقیقه", "روز", "هفته", "ماه", "سال"]
    ),
    "en": frozenset(
        "at in on of for from with who whose which that near outside inside by to and or but as "
        "day week month year time moment hour decade few number lot bit while later ago morning "
        "evening night weekend last next this same following previous early late is are was "
        "were will would has have had can could may might must should does did not "
        f"{_EN_VERBS} warned claimed argued".split()
    ),
    "ru": frozenset(_RU_NP_STOPS.split()),
}
_NP_LENGTH = 3  # words after the determiner or source noun, at most
# What may open a clause before its subject: "و", "همچنین", "However,", "In Leeds,", "При этом".
_FA_LEADS = _any_of("و", "اما", "ولی", "همچنین", "سپس", "در همین حال", "در این میان", "از سوی دیگر")
# Conjunctions and links that open a Russian clause before its subject.
_RU_LEADS = (
    "а|и|но|также|при этом|кроме того|однако|между тем|в свою очередь|позднее|позже|затем|потом"
    "|тогда|вдруг|теперь|сейчас|снова|опять|вскоре|наконец|сначала|сразу|уже|вот"
)
_SUBJECT_LEAD = {
    "fa": re.compile(rf"(?:[\s،,]*{_FA_LEADS}(?![{AR_LETTER}\u200c]))*[\s،,]*"),
    "en": re.compile(
        r"(?:[\s\"“”'‘’,]*(?:(?:and|but|meanwhile|however|still|yet|now|separately|also|later"
        r"|earlier|elsewhere)\b|(?:in|at|on|outside|inside|near|after|before|during|from|across"
        r"|speaking|talking|writing|responding|commenting|asked|answering)\b"
        rf"{_up_to(',.;:')}{{0,60}},))*[\s\"“”'‘’,]*",
        re.IGNORECASE,
    ),
    "ru": re.compile(rf"(?:[\s,]*(?:{_RU_LEADS})(?!\w))*[\s,]*", re.IGNORECASE),
}
# A name right after an unnamed subject is its name: "A resident, Mary Brown, said", "یک شهروند
# به نام علی رضایی گفت".
_NAMED_AS = re.compile(r"\s*(?:[,،]|به نام|named|called|по имени)\s*", re.IGNORECASE)


def _unnamed_at(ctx: _Context, pos: int, limit: int) -> _Mention | None:
    """The unnamed subject at `pos`, after spaces: "یک شهروند", "مصدر مطلع", "A resident"."""
    begin = _SPACES.match(ctx.text, pos).end()  # type: ignore[union-attr]  # \s* always matches
    head = _UNNAMED_HEAD[ctx.lang].match(ctx.text, begin, limit)
    if head is None:
        return None
    end = _noun_phrase_end(ctx, head.end(), limit)
    if head.groupdict().get("det") is not None and end == head.end():
        return None  # "یک" or "a" with no noun after it
    return _as_written(ctx, begin, end)


def _noun_phrase_end(ctx: _Context, pos: int, limit: int) -> int:
    """End of the words after a determiner or a source noun that belong to its noun phrase."""
    regex, lang = _NP_WORD[ctx.lang], ctx.lang
    entity_starts = ctx.speaker_starts
    end = pos
    for _ in range(_NP_LENGTH if lang != "ru" else 2):
        match = regex.match(ctx.text, end, limit)
        if match is None or match.start(1) in entity_starts:
            break
        word = match.group(1)
        if lang in ("fa", "ar"):
            stop = ends_phrase(word, lang) or fold(word) in _NP_STOPS.get(lang, ())
            # Arabic: an indefinite noun takes indefinite adjectives ("مصدر مطلع", not "إلى")
            stop = stop or (lang == "ar" and fold(word).startswith(("ال", "ل")))
        else:
            stop = word.lower() in _NP_STOPS[lang]
        if stop:
            break
        end = match.end()
    return end


def _unnamed_subject(ctx: _Context, start: int, end: int) -> _Mention | None:
    """The unnamed subject of the verb at `end` in the clause `text[start:end]`: the one right
    before the verb after a comma ("... in May, officials said"), else the one that opens the
    clause, after "و", "However," or a quotation ('"We cannot afford it," a resident said')."""
    lead = _SUBJECT_LEAD.get(ctx.lang)
    if lead is None:
        return None
    start = max([start, *(e for _, e in _quotes_ending(ctx, start, end))])
    commas = [m.end() for m in _COMMA.finditer(ctx.text[start:end])]
    if commas:
        last = _unnamed_at(ctx, start + commas[-1], end)
        if last is not None and not ctx.text[last.end : end].strip():
            return last
        words = _written_words(ctx, start + commas[-1], end, 3)
        if words and not ctx.text[words[-1][1] : end].strip() and ctx.lang == "en":
            return None  # "The storm, [forecasters] said, ...": the subject follows the comma
    match = lead.match(ctx.text, start, end)
    return _unnamed_at(ctx, match.end() if match else start, end)


# --- Groups that hold an opinion -----------------------------------------------------------
# An opinion verb reports a claim only when a plural group holds it: "ويرى مراقبون أن",
# "ويرى بعض المراقبين أن", "کارشناسان حوزه آب معتقدند که", "Многие эксперты считают, что",
# "..., считают эксперты.", "Some economists argue that", "..., critics say." The group is the
# speaker as written, with a quantifier and adjectives; "أعتقد", "I think", "Smith believes"
# and "they say" are not statements.

_EN_GROUPS = (
    f"{_EN_SOURCES} commentators specialists opponents sceptics skeptics supporters authorities"
)
_FA_GROUPS = (
    "کارشناسان منتقدان ناظران تحلیلگران تحلیل‌گران اقتصاددانان صاحب‌نظران متخصصان مسئولان "
    "مسئولین مقامات منابع فعالان پزشکان ساکنان اهالی شاهدان شهروندان کشاورزان دانشمندان "
    "پژوهشگران محققان"
)
_AR_GROUPS = (
    "مراقبون مراقبين محللون محللين خبراء منتقدون منتقدين مسؤولون مسؤولين اقتصاديون اقتصاديين "
    "مختصون مختصين متابعون متابعين ناشطون ناشطين نشطاء مصادر أوساط دبلوماسيون دبلوماسيين "
    "سياسيون سياسيين علماء باحثون باحثين مطلعون مطلعين سكان مواطنون مواطنين سلطات"
)
_RU_GROUPS = (
    "эксперты аналитики критики наблюдатели экономисты специалисты политологи учёные ученые "
    "источники жители чиновники врачи исследователи социологи власти"
)
_EN_NOT_MODIFIER = "today now then also still and but so that which who whom whose than as if"
_GROUP = {
    "ar": re.compile(
        rf"(?:{_any_of('بعض', 'عدد من', 'كثير من', 'معظم', 'غالبية')}\s+)?"
        rf"(?:ال)?{_any_of(*_AR_GROUPS.split())}(?![{AR_LETTER}])"
    ),
    "fa": re.compile(
        rf"(?:{_any_of('برخی از', 'برخی', 'بسیاری از', 'بسیاری', 'شماری از', 'تعدادی از')}"
        rf"[\s\u200c]+)?{_any_of(*_FA_GROUPS.split())}(?![{AR_LETTER}\u200c])"
    ),
    "ru": re.compile(
        r"(?:(?:многие|некоторые|другие|ведущие|[а-яё-]+(?:ые|ие))\s+){0,2}"
        rf"(?:{'|'.join(_RU_GROUPS.split())})(?!\w)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        rf"(?:(?!(?:{'|'.join(_EN_NOT_MODIFIER.split())})\b)[A-Za-z][\w-]*\s+){{0,2}}"
        rf"(?:{'|'.join(_EN_GROUPS.split())})\b",
        re.IGNORECASE,
    ),
}
# Between the group and the verb after it, an adverb: "Economists [now] believe".
_EN_ADVERB = re.compile(r"(?:\s+(?:\w+ly|also|now|still|often))?\s*", re.IGNORECASE)


def _group_speaker(ctx: _Context, verb: _Verb, clause_start: int, limit: int) -> _Mention | None:
    """The group an opinion verb reports, after it ("ويرى مراقبون", "считают эксперты") or
    opening its clause before it ("Critics argue", "کارشناسان معتقدند"); None for any other
    subject."""
    text, lang = ctx.text, ctx.lang
    if lang in ("ar", "ru"):
        begin = _SPACES.match(text, verb.end).end()  # type: ignore[union-attr]
        group = _GROUP[lang].match(text, begin, limit)
        if group is not None:
            end = _past_source_detail(ctx, _noun_phrase_end(ctx, group.end(), limit), verb, limit)
            return _as_written(ctx, begin, end)
    starts = [m.end() for m in _COMMA.finditer(text, clause_start, verb.start)][-1:]
    lead = _SUBJECT_LEAD.get(lang)
    opening = lead.match(text, clause_start, verb.start) if lead is not None else None
    starts.append(opening.end() if opening is not None else clause_start)
    for begin in starts:
        begin = _SPACES.match(text, begin).end()  # type: ignore[union-attr]
        if lang == "ar" and text[begin : begin + 1] in ("و", "ف"):
            begin += 1  # "والمراقبون يرون"
        group = _GROUP[lang].match(text, begin, verb.start)
        if group is None:
            continue
        end = group.end()
        if lang in ("fa", "ar"):  # "کارشناسان [حوزه آب] معتقدند", "خبراء [اقتصاديون] يعتقدون"
            end = _noun_phrase_end(ctx, end, verb.start)
        gap = _EN_ADVERB.fullmatch(text, end, verb.start) if lang == "en" else None
        if gap is not None or not text[end : verb.start].strip():
            return _as_written(ctx, begin, end)
    return None


# Between a named holder and the opinion verb: nothing, a comma, or an apposition between commas
# ("پرویز امینی، کارشناس اقتصادی، معتقد است", "Smith, a lecturer at X, argues that").
_HOLDER_GAP = re.compile(r"\s*(?:[,،]\s*(?:[^,،.!?؟:;«»\"\n]{1,80}[,،]\s*)?)?")


def _opinion_holder(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    bounds: tuple[int, int],
    previous: list[Statement],
    genders: dict[str, bool],
) -> _Mention | None:
    """Who holds the opinion `verb` reports: an unnamed group, someone named, or the person a
    pronoun before it stands for. `bounds`: the start of its clause and of the next verb."""
    clause_start, limit = bounds
    return (
        _group_speaker(ctx, verb, clause_start, limit)
        or _named_holder(ctx, verb, clause_start, limit)
        or _pronoun_holder(ctx, sentence, verb, clause_start, previous, genders)
        or _implied_holder(ctx, sentence, verb, previous, genders)
    )


# Arabic opinion verbs whose subject, when none is written, is the person quoted before: "وقال
# الوزير إن ... . [ويرى] أن الإصلاحات ضرورية". The masculine forms of the others read as often
# as passives ("ويُعتقد أن", "يُتوقع أن": it is believed, expected), which hold no one's opinion.
_AR_IMPLIED_FEMININE = "|".join(tolerant_pattern(v) for v in ("ترى", "تعتقد", "تتوقع", "ترجح"))
_AR_IMPLIED_OPINION = re.compile(
    rf"[وف]?(?:{tolerant_pattern('يرى')}|(?P<fem>{_AR_IMPLIED_FEMININE}))$"
)


def _implied_holder(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    previous: list[Statement],
    genders: dict[str, bool],
) -> _Mention | None:
    """In Arabic, the subject a singular opinion verb that opens its sentence carries in
    itself, with "أن" right after it: the latest speaker, where that one is of the verb's
    gender or of none known; None elsewhere, and for a passive written with its damma
    ("ويُرى أن": it is seen)."""
    if ctx.lang != "ar" or not previous or not _opens_sentence(ctx, sentence, verb.start):
        return None
    form = _AR_IMPLIED_OPINION.match(ctx.text, verb.start, verb.end)
    if (
        form is None
        or "\u064f" in form.group()
        or not _CLAUSE_OPENS["ar"].match(ctx.text, verb.end)
    ):
        return None
    feminine = form.group("fem") is not None
    speaker = previous[-1].speaker
    if not speaker or genders.get(speaker) not in (feminine, None):
        return None
    return _Mention(verb.start, verb.start, "", speaker, feminine)


def _pronoun_holder(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    clause_start: int,
    previous: list[Statement],
    genders: dict[str, bool],
) -> _Mention | None:
    """A singular pronoun that opens the sentence right before an opinion verb ("He believes
    that", "او معتقد است", "Он считает, что"): whom it stands for, as for a reporting verb (see
    _pronoun_speaker); None for nobody, or a pronoun inside a clause ("X said he believes")."""
    pronoun = _pronoun_before(ctx, clause_start, verb.start)
    if pronoun is None or not _opens_sentence(ctx, sentence, pronoun.start()):
        return None
    gap = ctx.text[pronoun.end() : verb.start]
    if not (_HOLDER_GAP.fullmatch(gap) or (ctx.lang == "en" and _EN_ADVERB.fullmatch(gap))):
        return None
    return _pronoun_speaker(ctx, sentence, pronoun, verb, previous, genders)


def _pronoun_speaker(
    ctx: _Context,
    sentence: Sentence,
    pronoun: re.Match[str],
    verb: _Verb,
    previous: list[Statement],
    genders: dict[str, bool],
) -> _Mention | None:
    """Whom a subject pronoun before `verb` stands for: the latest speaker of its gender, or,
    with nobody quoted yet, the person who opens the sentence before ("Mayor X visited ... She
    said"); None for nobody."""
    she = pronoun.group().lower() in _FEMININE_PRONOUN
    speaker = _previous_speaker(previous, genders, she or verb.feminine)
    if not speaker and _opens_sentence(ctx, sentence, pronoun.start()):
        speaker = _subject_before(ctx, sentence, genders, she or None)
    if not speaker:
        return None
    return _Mention(pronoun.start(), pronoun.end(), pronoun.group(), speaker, she or None)


def _named_holder(ctx: _Context, verb: _Verb, clause_start: int, limit: int) -> _Mention | None:
    """The person or organisation named as holding an opinion: right before the verb ("John
    Smith believes that", "Глеб Назаров считает, что", "علی رضایی معتقد است") or, in Arabic and
    Russian, right after it ("ويرى الوزير محمد أحمد أن", "считает министр Иванов"); None for a
    pronoun, a post held by nobody named, or anyone further away."""
    text, lang = ctx.text, ctx.lang
    if lang in ("ar", "ru"):
        start = _past_ar_adverbs(ctx, verb.end, limit) if lang == "ar" else verb.end
        after = _mention_at(ctx, start, limit)
        if after is not None and not (after.as_written or after.post) and after.speaker:
            return after
    candidates = [
        m
        for m in _mentions_before(ctx, clause_start, verb.start)
        if m.speaker and not (m.as_written or m.post)
    ]
    # The first that only an apposition separates from the verb: "Smith, a lecturer at [Leeds
    # University], argues" is Smith's opinion. A lone comma closes an apposition whose head came
    # earlier ("[Leeds University], argues"), except in Persian and Arabic, where the name is
    # often the apposition itself: "یک کارشناس اقتصادی، پرویز امینی، معتقد است".
    for holder in candidates:
        gap = text[holder.end : verb.start]
        lone_comma = len(re.findall(r"[,،]", gap)) == 1 and lang not in ("fa", "ar")
        if (_HOLDER_GAP.fullmatch(gap) and not lone_comma) or (
            lang == "en" and _EN_ADVERB.fullmatch(gap)
        ):
            return holder
    return None


def _extended(ctx: _Context, mention: _Mention, end: int) -> _Mention:
    """`mention` up to `end`; a speaker as written takes the words added ("مصدر [في الاتحاد]")."""
    if end == mention.end:
        return mention
    if not mention.as_written:
        return replace(mention, end=end)
    words = " ".join(ctx.text[mention.start : end].split())
    return replace(mention, end=end, text=words, speaker=words)


def _as_written(ctx: _Context, start: int, end: int) -> _Mention:
    """The words of `text[start:end]` as the speaker: "کارشناسان", "بعض المراقبين"; past a rank
    inside them, the name it introduces: "قائد الشرطة [العميد] فارس النجار" -> "فارس النجار"."""
    words = " ".join(ctx.text[start:end].split())
    speaker = words
    for rank in _RANK_IN[ctx.lang].finditer(words):
        if len(words[rank.end() :].split()) >= 2:
            speaker = words[rank.end() :]
    return _Mention(start, end, words, speaker, None, as_written=True)


def _unnamed_is_subject(
    ctx: _Context, unnamed: _Mention, candidates: list[_Mention], pronoun: re.Match[str] | None
) -> bool:
    """True unless a name is given to it ("A resident, Mary Brown,"), a pronoun comes first, or
    someone is named after a comma: what it opens was said ("A new bridge will open in May, the
    minister said").

    "The ..." is a subject only in a clause that names nobody else: "The ministry said", but
    not "The minister said" (a post) or "The next day, he said".
    """
    if pronoun is not None and pronoun.start() < unnamed.start:
        return False
    if ctx.lang == "en" and unnamed.text.lower().startswith("the ") and (pronoun or candidates):
        return False
    others = [(c.start, c.organisation) for c in candidates]
    others += [(pronoun.start(), False)] if pronoun is not None else []
    return not any(
        start >= unnamed.end
        and (
            _COMMA.search(ctx.text[unnamed.end : start]) is not None
            or (not organisation and _NAMED_AS.fullmatch(ctx.text, unnamed.end, start))
        )
        for start, organisation in others
    )


def _inside(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of `spans` (sorted, none overlapping: the quotations) that holds `pos`."""
    index = bisect.bisect_left(spans, (pos,)) - 1  # the last that starts before `pos`
    if index >= 0 and spans[index][1] > pos:
        return spans[index]
    return None


# A short quotation is what was said only beside a reporting verb: before one, past a comma or
# a dash and the speaker ('"It is closed," said the ministry', "«Закрыто», — сказал Песков"),
# or after one and a colon ("وقال سامي خليل: «الوضع مستقر»"). A quoted name has neither
# ("لـ«الأخبار» إن", "сообщила «Интерфаксу» защитница", 'The newspaper "Kommersant" said'), and
# one the entities found ("السفير "كاظم جلالي"") is never what was said.
_QUOTE_BREAKS = '.!?؟:;«»"“”„\n'
_QUOTE_SEPARATOR = re.compile(r"\s*(?:[,،]\s*(?:[—–-]\s*)?|[—–-]\s*)")
_UP_TO_BREAK = re.compile(f"(?:{_TITLE_STOP}|{_up_to(_QUOTE_BREAKS)}){{0,80}}")
_SPEAKER_WORDS = 6  # between a quotation and the verb after it, at most


def _speech_quotes(text: str, lang: str, entities: list[Entity]) -> list[tuple[int, int]]:
    """The quotations in `text` that hold what someone said."""
    names = {(e.start, e.end) for e in entities}
    spans = []
    for start, end in quote_spans(text):
        inner = text[start + 1 : end - 1]
        if not any(c.isalnum() for c in inner):
            continue  # "«»", '"..."': nothing said
        if len(inner.split()) >= 4:  # what people said; quoted names are short
            spans.append((start, end))
            continue
        stripped = inner.strip()
        offset = start + 1 + len(inner) - len(inner.lstrip())
        if (offset, offset + len(stripped)) not in names and _beside_verb(
            text, lang, start, end, stripped
        ):
            spans.append((start, end))
    return spans


def _beside_verb(text: str, lang: str, start: int, end: int, inner: str) -> bool:
    verbs = _VERB_REGEX[lang]
    if text[max(0, start - 8) : start].rstrip().endswith(":"):  # "قال سامي خليل: «...»"
        clause = re.split(r"[.!?؟«»“”\"\n]", text[max(0, start - 160) : start])[-1]
        return verbs.search(clause) is not None
    separator = _QUOTE_SEPARATOR.match(text, end)
    if separator is None and inner[-1:] not in ",.!?؟…":
        return False
    pos = separator.end() if separator is not None else end
    gap = _UP_TO_BREAK.match(text, pos)
    verb = verbs.search(text, pos, gap.end() if gap is not None else pos)
    return verb is not None and len(text[pos : verb.start()].split()) <= _SPEAKER_WORDS


def _gap_is_apposition(gap: str) -> bool:
    """True when a role and a name are one noun phrase: no clause break between them."""
    stripped = gap.strip().strip('"«»“”„').strip().rstrip("،,").strip()
    return (
        len(gap) <= _ROLE_WINDOW
        and not re.search(r"[.:;؛!?؟]", gap)
        and (not re.search(r"[،,]", stripped))
    )


def _person_after_role(ctx: _Context, role: RoleMatch) -> Entity | None:
    """The person a role word introduces: "السفير الايراني لدى روسيا "كاظم جلالي"" -> جلالي.

    Another role between them ends the apposition ("وزير الخارجية والسفير كاظم جلالي"), unless
    it describes this one's post: "معاون [شهردار] تهران، محسن هاشمی".
    """
    for person in _starting(ctx.persons, ctx.person_starts, role.end, role.end + _REACH):
        gap = ctx.text[role.end : person.start]
        if ctx.lang == "ru" and _RU_POST_GAP.fullmatch(gap):
            # "пресс-секретарь президента [России Владимира Путина] Дмитрий Песков": the post
            # holds others in the genitive; the person it introduces is nominative.
            if not _is_nominative(person):
                continue
            return person
        if _gap_is_apposition(gap) and not any(
            not _inside_post(ctx, role, r)
            for r in _starting(ctx.roles, ctx.role_starts, role.end, person.start)
            if r is not role
        ):
            return person
        return None
    return None


_RU_POST_GAP = re.compile(r"\s+(?:(?!(?:и|а|но|что|в|на)\s)[\w-]+\s+){0,5}", re.IGNORECASE)


def _is_nominative(person: Entity) -> bool:
    """True when a Russian name is written as its lemma: "Дмитрий Песков", not "Владимира
    Путина" (the lemma is the nominative)."""
    return person.text.split()[-1:] == (person.name or person.text).split()[-1:]


def _inside_post(ctx: _Context, role: RoleMatch, inner: RoleMatch) -> bool:
    """True when `inner` is part of what describes `role`'s post, not a second post joined by
    "and": "معاون شهردار تهران", "نائب رئيس الوزراء", not "الوزير والسفير"."""
    gap = ctx.text[role.end : inner.start].split()
    joined = ctx.text[inner.start - 1 : inner.start] == "و" or gap[-1:] == ["و"]
    return not joined and inner.end <= post_end(ctx.text, role.end, ctx.lang)


# Between a name and the post after it: "Kenji Watanabe[, the company's ]president",
# "رضایی[، ]سخنگوی".
_POST_AFTER_NAME = re.compile(r"\s*[،,]\s*(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)
_APPOSITION_GAP = 30


def _role_people(ctx: _Context) -> list[tuple[int, str, str, bool]]:
    """Which person holds which role, learnt where the article introduces them.

    A post named within another ("معاون شهردار": the deputy, not the mayor) is not learnt.
    """
    found = []
    introduced: set[int] = set()
    for role in ctx.roles:
        person = _person_after_role(ctx, role)
        if person is not None and person.start not in introduced:
            introduced.add(person.start)
            found.append((role.start, role.key, person.name, role.feminine))
    for person in ctx.persons:  # "John Smith, the ambassador," / "رضایی، سخنگوی ..."
        near = person.end + _APPOSITION_GAP + 1
        for role in _starting(ctx.roles, ctx.role_starts, person.end, near):
            if _POST_AFTER_NAME.fullmatch(ctx.text, person.end, role.start):
                found.append((person.start, role.key, person.name, role.feminine))
    return found


def _resolve_role(ctx: _Context, role: RoleMatch) -> str:
    holders = ctx.role_holders.get(role.key, [])
    earlier = [r for r in holders if r[0] <= role.start]
    later = [r for r in holders if r[0] > role.start]
    if earlier:
        return earlier[-1][2]
    if later:
        return later[0][2]
    return role.text  # unresolvable: keep the mention as the speaker


# A title before the name is not the mention: "قال الدكتور أحمد حسن", "said Dr John Smith".
# Ranks and forms of address before a name, which the entity finder keeps in the name ("سرهنگ
# جواد اسدی") or leaves outside it ("Captain Yuri Baranov"): no part of who the speaker is.
# Not entities' title ranks: these only strip a rank off a name already found, so «الفريق» (also
# "the team") may stand here.
_RANKS = {
    "ar": _any_of(
        "العميد", "العقيد", "اللواء", "المقدم", "الرائد", "النقيب", "الملازم", "الفريق", "المشير"
    ),
    "fa": _any_of("سرهنگ", "سرتیپ", "سرلشکر", "سردار", "سرگرد", "سروان", "ستوان", "ژنرال"),
    "ru": r"(?:полковник|подполковник|генерал-[а-я]+|генерал|майор|капитан|лейтенант|сержант"
    r"|отец)",
    "en": r"(?:Captain|Capt|Colonel|Col|General|Gen|Major|Lieutenant|Lt|Sergeant|Sgt|Detective"
    r"|Inspector|Constable|Commander|Superintendent|Chief Superintendent|Father|Reverend|Rev)",
}
_TITLE_AT = {
    lang: re.compile(rf"(?:(?:{title}|{_RANKS[lang]})(?![\w\u200c])[\s.]*)+", _FLAGS[lang])
    for lang, title in TITLES.items()
}
_RANK_AT = {
    lang: re.compile(rf"(?:(?:{rank})(?![\w\u200c])\.?\s+)+", 0 if lang == "en" else _FLAGS[lang])
    for lang, rank in _RANKS.items()
}


_RANK_IN = {
    lang: re.compile(
        rf"(?<![\w\u200c])(?:(?:{rank})(?![\w\u200c])\.?\s+)+", 0 if lang == "en" else _FLAGS[lang]
    )
    for lang, rank in _RANKS.items()
}


def _without_rank(person: Entity, lang: str) -> Entity:
    """`person` named without the rank the entity finder kept: "سرهنگ جواد اسدی" -> "جواد
    اسدی". The mention keeps it, as written."""
    name = person.name or person.text
    rank = _RANK_AT[lang].match(name)
    if rank is None or len(name[rank.end() :].split()) < 2:
        return person
    return replace(person, name=name[rank.end() :])


def _mention_at(ctx: _Context, pos: int, limit: int) -> _Mention | None:
    """A speaker mention starting at `pos` (after skipping spaces, quote marks and a title)."""
    skip = re.compile(r"[\s\"«“„]*").match(ctx.text, pos)
    begin = skip.end() if skip else pos
    title = _TITLE_AT[ctx.lang].match(ctx.text, begin)
    if title is not None and _starting(
        ctx.persons, ctx.person_starts, title.end(), title.end() + 1
    ):
        begin = title.end()
    if begin >= limit:
        return None
    for person in _starting(ctx.persons, ctx.person_starts, begin, begin + 2):
        return _Mention(person.start, person.end, person.text, person.name, None)
    for role in _starting(ctx.roles, ctx.role_starts, begin, begin + 2):
        return _role_mention(ctx, role)
    for org in _starting(ctx.organisations, ctx.org_starts, begin, begin + 2):
        return _Mention(org.start, org.end, org.text, org.name or org.text, None, True)
    return None


_POST_LINK_END = re.compile(rf"\s+{_any_of('لدى', 'باسم')}\s*$")  # "السفير الصيني لدى #المملكة"


def _role_mention(ctx: _Context, role: RoleMatch) -> _Mention:
    person = _person_after_role(ctx, role)
    if person is not None:
        # "How the speaker is named here" includes the role: السفير الايراني "كاظم جلالي".
        named = " ".join(re.sub(r"[\"«»“”„]", " ", ctx.text[role.start : person.end]).split())
        return _Mention(role.start, person.end, named, person.name, role.feminine or None)
    # Past the adjectives and genitives of the post: "مساعد وزير الثقافة والارشاد الاسلامي".
    end = post_end(ctx.text, role.end, ctx.lang)
    speaker = _resolve_role(ctx, role)
    if speaker != role.text:
        return _Mention(role.start, end, role.text, speaker, role.feminine or None)
    # Held by nobody named: the post as written, with what it is of, is the speaker
    # ("مدیرکل هواشناسی خراسان رضوی", "المتحدث باسم الوزارة"): the role word alone would merge
    # every spokesman of an article into one.
    start = role.start
    if ctx.lang == "en" and (
        article := _EN_ARTICLE_BEFORE.search(ctx.text, max(0, start - 8), start)
    ):
        start = article.start()  # "[a] spokesperson for the city council"
    words = " ".join(_POST_LINK_END.sub("", ctx.text[start:end]).split())
    feminine = role.feminine or None
    return _Mention(start, end, words, words, feminine, as_written=True, post=True)


_EN_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def _mentions_before(ctx: _Context, start: int, end: int) -> list[_Mention]:
    """Speaker candidates in `text[start:end]`: people, roles and pronouns, in order."""
    found: list[_Mention] = []
    for person in _starting(ctx.persons, ctx.person_starts, start, end):
        if person.end <= end:
            found.append(_Mention(person.start, person.end, person.text, person.name, None))
    for role in _starting(ctx.roles, ctx.role_starts, start, end):
        if role.end <= end:
            mention = _role_mention(ctx, role)
            if not any(m.start <= mention.end - 1 and mention.start < m.end for m in found):
                found.append(mention)
            elif mention.speaker != mention.text:  # the role names this person: keep its gender
                for m in found:
                    if m.start <= mention.end - 1 and mention.start < m.end:
                        m.feminine = mention.feminine
    if ctx.lang != "ar":  # Arabic looks across the whole sentence, where an ORG is often an object
        for org in _starting(ctx.organisations, ctx.org_starts, start, end):
            overlaps = any(m.start < org.end and org.start < m.end for m in found)
            if org.end <= end and not overlaps:
                found.append(
                    _Mention(org.start, org.end, org.text, org.name or org.text, None, True)
                )
    return sorted(found, key=lambda m: m.start)


def _pronoun_before(ctx: _Context, start: int, end: int) -> re.Match[str] | None:
    regex = _PRONOUNS[ctx.lang]
    if regex is None:
        return None
    matches = list(regex.finditer(ctx.text, start, end))
    return matches[-1] if matches else None


# A comparison that a verb completes ("worse than officials say", "хуже, чем говорят власти",
# "جدی‌تر از آن است که مسئولان می‌گویند", "أكثر مما يقول المسؤولون") is part of what was said.
_FA_WORD = r"[^\s\u200c،,.:;؛!?؟«»]+[\s\u200c]+"
_COMPARED = {
    "en": re.compile(r"\bthan\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE),
    "ru": re.compile(r"(?<!\w)чем\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE),
    "fa": re.compile(
        rf"(?<![{AR_LETTER}\u200c]){_any_of('از آن')}(?:[\s\u200c]*{_any_of('چه')}"
        rf"|(?:\s+{_any_of('است', 'بود', 'هست', 'باشد')})?\s+{_any_of('که')})"
        rf"[\s\u200c]+(?:{_FA_WORD}){{0,3}}$"
    ),
    "ar": re.compile(rf"(?<![{AR_LETTER}]){_any_of('مما', 'عما')}\s+(?:[{AR_LETTER}]+\s+){{0,2}}$"),
}
_COMPARED_WINDOW = 80


def _is_compared(ctx: _Context, sentence: Sentence, pos: int) -> bool:
    """True when the verb at `pos` ends a comparison: "than officials say"."""
    start = max(sentence.start, pos - _COMPARED_WINDOW)
    return _COMPARED[ctx.lang].search(ctx.text, start, pos) is not None


# What "added" adds when it reports nothing: "added 250,000 jobs", "added to the pressure".
_EN_ADDED_AMOUNT = re.compile(
    r"\s+(?:[$£€]?\d|(?:to|by|up|another|nearly|about|roughly|some|almost|around)\b)",
    re.IGNORECASE,
)


# Between an outlet and "reported", the source it cites: "Reuters, citing two sources, reported".
_EN_CITING_ASIDE = re.compile(r"\s*,\s*(?:citing|quoting)\s[^.;:!?,]{1,80},\s*", re.IGNORECASE)


_THE_GAP = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)


def _beside_organisation(ctx: _Context, verb: re.Match[str]) -> bool:
    """True when an organisation is named right before the verb or right after it: "Reuters
    reported", "..., reported the BBC"."""
    text = ctx.text
    near = _starting(ctx.organisations, ctx.org_starts, verb.start() - _REACH, verb.end() + 10)
    for org in near:
        gap = text[org.end : verb.start()] if org.end <= verb.start() else None
        if gap is not None and (not gap.strip() or _EN_CITING_ASIDE.fullmatch(gap)):
            return True
        if org.start >= verb.end() and _THE_GAP.fullmatch(text, verb.end(), org.start):
            return True
    return False


def _find_verbs(ctx: _Context, sentence: Sentence) -> list[_Verb]:
    verbs = []
    for match in _VERB_REGEX[ctx.lang].finditer(ctx.text, sentence.start, sentence.end):
        quote = _inside(ctx.quotes, match.start())
        if quote is not None and not _is_author_words(ctx, quote, match):
            continue  # a verb inside a quotation is part of what was said
        near = _starting(ctx.persons, ctx.person_starts, match.start() - _REACH, match.start() + 1)
        if any(match.start() < p.end for p in near):
            continue  # the first name of "Said Hamdan said"
        text = match.group()
        if text.lower() == "added" and _EN_ADDED_AMOUNT.match(ctx.text, match.end()):
            continue  # "The economy added 250,000 jobs": an amount, not speech
        if ctx.lang == "en" and _EN_SAID_NOTHING.match(ctx.text, match.end()):
            continue  # "said little about wages": nothing said
        if match.groupdict().get("outlet") and not _beside_organisation(ctx, match):
            continue  # "as high as reported by studies", "the trial has not reported results"
        cites = match.groupdict().get("cite") is not None
        if cites and not _CITE_FRAME[ctx.lang].match(ctx.text, match.end(), sentence.end):
            continue  # "نقلت الحكومة الجرحى", "quoted figures": no source relayed
        if _is_compared(ctx, sentence, match.start()):
            continue  # "worse than officials say": inside what was said, not an attribution
        before = (ctx.text, max(0, match.start() - 12), match.start())
        if ctx.lang == "ar" and _AR_NOUN_BEFORE.search(*before):
            continue  # "طلب عدم ذكر اسمه", "بعد كشف روسيا": a verbal noun, not a verb
        if ctx.lang == "en" and _EN_PASSIVE.search(*before):
            continue  # "the merger could be announced": what was said, with nobody saying it
        if _NOT_SAID_BEFORE[ctx.lang].search(*before):
            continue  # "Министерство не ответило", "did not say": a refusal; "سخن می‌گوید": speaks
        part = match.groupdict().get("part") is not None
        if part and not _adds_a_clause(ctx, match):
            continue  # "a warning that", "stressing the need": no second statement
        feminine = True if match.groupdict().get("fem") else None
        opinion = match.groupdict().get("op") is not None
        known = not opinion and match.group("acc") is None and match.groupdict().get("pres") is None
        if ctx.lang in ("ar", "ru") and feminine is None and known and not cites and not part:
            feminine = False  # "نقلت" agrees with the outlet, not with the source
        participle = part or (ctx.lang == "ar" and bool(_AR_PARTICIPLE.match(text)))
        verbs.append(
            _Verb(
                match.start(),
                match.end(),
                text,
                feminine,
                match.group("acc") is not None,
                participle,
                cites,
                opinion,
                match.groupdict().get("outlet") is not None,
                (opinion and ctx.lang != "fa") or _needs_clause(ctx.lang, text),
            )
        )
    return verbs


def _needs_clause(lang: str, verb: str) -> bool:
    key = verb.lower() if lang in ("en", "ru") else fold(verb)
    if lang == "ar" and key[:1] in ("و", "ف") and key[1:] in _NEEDS_CLAUSE["ar"]:
        return True  # "وحذرت", "فكشف"
    return key in _NEEDS_CLAUSE[lang]


# Words after which an Arabic verb form is a verbal noun: "عدم ذكر", "بعد كشف", "قبل إعلان".
_AR_NOUN_BEFORE = re.compile(
    rf"(?<![{AR_LETTER}])"
    rf"{_any_of('عدم', 'بعد', 'قبل', 'دون', 'رغم', 'عند', 'إثر', 'عقب', 'منذ')}\s+$"
)
# Before a verb, what makes it report nothing: a negation ("не ответило", "did not say", "has
# not said") or, in Persian, the noun of "to speak" ("سخن می‌گوید", "سخن گفت").
_NOT_SAID_BEFORE = {
    "ar": re.compile(r"(?!)"),
    "fa": re.compile(rf"(?<![{AR_LETTER}]){_any_of('سخن')}[\s\u200c]+$"),
    "ru": re.compile(r"(?<!\w)не\s+$", re.IGNORECASE),
    "en": re.compile(r"\b(?:not|n[’']t|never|nobody|no one|none)\s+$", re.IGNORECASE),
}
# After an English verb, what says that nothing was said: "said little about wages", "said
# nothing.", "said anything about the strike".
_EN_SAID_NOTHING = re.compile(
    r"\s+(?:(?:little|nothing|anything|something)(?:\s+(?:about|of|on|regarding|else|further"
    r"|in|to|more|new)\b|\s*(?:[.,;!?]|$))|(?:much|more|a lot)\s+(?:about|regarding)\b)",
    re.IGNORECASE,
)
# A passive reporting verb has no speaker: "could be announced", "was said to be".
_EN_PASSIVE = re.compile(r"\b(?:be|been|being|is|was|were|are)\s+$", re.IGNORECASE)
# A participle or gerund adds a statement only after a comma and before what was said:
# ", adding that", ", добавив, что", ", adding: “...”".
_PARTICIPLE_BEFORE = re.compile(r"[,،]\s*$")
_PARTICIPLE_AFTER = {
    "en": re.compile(r"\s+that\b|\s*:?\s*[\"“]", re.IGNORECASE),
    "ru": re.compile(r"\s*(?:,\s*что(?!\w)|:)", re.IGNORECASE),
}


def _adds_a_clause(ctx: _Context, verb: re.Match[str]) -> bool:
    """True when an English participle or Russian gerund adds what was said: ", adding that"."""
    after = _PARTICIPLE_AFTER.get(ctx.lang)
    before = _PARTICIPLE_BEFORE.search(ctx.text, max(0, verb.start() - 3), verb.start())
    return (
        before is not None and after is not None and after.match(ctx.text, verb.end()) is not None
    )


# Russian direct speech cut by the author's words inside its guillemets: «План, — заявил
# Силуанов, — обойдётся в 4 млрд рублей».
_RU_AUTHOR_BEFORE = re.compile(r"[,!?…]\s*[—–]\s*$")
_RU_AUTHOR_AFTER = re.compile(r"[^«»\"“”„.!?]{1,120}?,\s*[—–]\s")


def _is_author_words(ctx: _Context, quote: tuple[int, int], verb: re.Match[str]) -> bool:
    """True when a verb inside a Russian quotation opens the author's words set off in it by
    dashes, where what was said resumes after them."""
    if ctx.lang != "ru":
        return False
    before = _RU_AUTHOR_BEFORE.search(ctx.text, quote[0], verb.start())
    return before is not None and _RU_AUTHOR_AFTER.match(ctx.text, verb.end(), quote[1]) is not None


def _quote_after(ctx: _Context, pos: int, limit: int) -> tuple[int, int] | None:
    match = re.compile(r"[\s،,:—–-]*").match(ctx.text, pos)
    begin = match.end() if match else pos
    index = bisect.bisect_left(ctx.quotes, (begin,))
    if index < len(ctx.quotes) and ctx.quotes[index][0] == begin < limit:
        return ctx.quotes[index]
    return None


def _quote_before(ctx: _Context, verb: _Verb, mention: _Mention) -> tuple[int, int] | None:
    """A quotation right before the verb: «...», — заявил X / "...," Smith said / «...»، وی افزود.

    Only punctuation, dashes and the speaker's own mention may stand between them, so a
    "وأضاف" after someone else's quotation does not repeat it.
    """
    for start, end in _quotes_ending(ctx, verb.start - _REACH, verb.start)[-1:]:
        if end <= verb.start:
            gap = ctx.text[end : verb.start]
            if mention.text and mention.start >= end and mention.end <= verb.start:
                # the speaker, with a title or a post before the name: "Mr. Smith", "Labor
                # Secretary Julie Su"
                post = _attribution_start(ctx, verb, mention, False)
                tail = ctx.text[mention.end : verb.start]
                frames = _BEFORE_VERB_GAP.get(ctx.lang)
                if ctx.lang == "fa" and frames is not None and frames.fullmatch(tail):
                    tail = ""  # "«...»، دادستانی [در بیانیه‌ای کوتاه] اعلام کرد"
                gap = ctx.text[end : max(end, post)] + tail
                gap = _TITLE_AT[ctx.lang].sub("", gap, 1)
            return (start, end) if not gap.strip(" \t,،—–-") else None
    return None


_TRAILING_CONJUNCTIONS = (" و", " and", " but", " но", " а", " اما", " ولی", " لكن", " ولكن")


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, commas, "و" and stray quote marks from both ends of `text[start:end]`."""
    first, last = start, end
    junk = " \t\n،,:;؛.\"'«»“”„—–-"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    for conjunction in _TRAILING_CONJUNCTIONS:  # "..., and" / "، اما" before the next verb
        if text.endswith(conjunction, start, end):
            end -= len(conjunction)
            break
    while end > start and text[end - 1] in junk:
        end -= 1
    # A quotation mark is stray only when its pair is not in the span: "«الأخبار» صحيفة جيدة".
    if first < start and (pair := _QUOTE_PAIRS.get(text[start - 1])) and pair in text[start:end]:
        start -= 1
    if end < last and (pair := _QUOTE_OPENERS.get(text[end])) and pair in text[start:end]:
        end += 1
    return start, end


_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_QUOTE_OPENERS = {"»": "«", "”": "“", '"': '"'}


def _indirect_content(ctx: _Context, begin: int, limit: int) -> tuple[int, int] | None:
    """What was said from `begin`, past the complementiser; None when under two words."""
    comp = _COMPLEMENTIZER[ctx.lang].match(ctx.text[begin:limit])
    start = begin + (comp.end() if comp else 0)
    return _said_span(ctx.text, start, limit)


def _said_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`text[start:end]` cleaned, when two words or more remain."""
    start, end = _clean_span(text, start, end)
    return (start, end) if len(text[start:end].split()) >= 2 else None


_FA_OBJECT_END = re.compile(rf"(?<![{AR_LETTER}\u200c]){_any_of('را')}[\s،,]*$")
_FA_LEAD_WORDS = _any_of("همچنین", "نیز", "با بیان این\u200cکه")
_FA_LEAD = re.compile(rf"(?:{_FRAMES['fa']}|[\s،,]*{_FA_LEAD_WORDS})*[\s،,]*")


def _strip_persian_lead(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Drop when, to whom and "با بیان اینکه" / "همچنین" between a Persian subject and its
    verb-final content: "کاظمی روز یکشنبه به خبرنگاران با بیان اینکه ... گفت"."""
    match = _FA_LEAD.match(ctx.text, start, end)
    return (match.end() if match else start), end


# A surname alone ("Smith", "معيط") is the person named in full before it. The entity finder
# links most; one it read as part of a longer span across a sentence break ("Paris. Smith") is
# found here, from the last word of the names given earlier.
_SURNAME_LENGTH = 4  # shorter last words ("Li", "Ng") are too often something else


def _bare_surnames(
    text: str, lang: str, sentences: list[Sentence], entities: list[Entity]
) -> list[Entity]:
    """PER entities for bare surnames of people named earlier that no entity covers."""
    starts = sorted(s.start for s in sentences)

    def across(entity: Entity) -> bool:  # a sentence starts inside it
        index = bisect.bisect_right(starts, entity.start)
        return index < len(starts) and starts[index] < entity.end

    whole = sorted((e for e in entities if not across(e)), key=lambda e: e.start)
    whole_starts = [e.start for e in whole]
    names: dict[str, tuple[int, set[str]]] = {}  # surname -> (first full mention's end, names)
    for person in (e for e in whole if e.label == "PER"):
        words = (person.name or person.text).split()
        if len(words) >= 2 and len(fold(words[-1])) >= _SURNAME_LENGTH:
            end, full = names.get(words[-1], (person.end, set()))
            names[words[-1]] = (end, full | {" ".join(words)})
    # two people who share a surname: which one is meant is not known
    known = {_surname_key(n, lang): (n, *names[n]) for n in names if len(names[n][1]) == 1}
    if not known:
        return []
    bodies = sorted((n for n, _, _ in known.values()), key=len, reverse=True)
    body = "|".join(re.escape(n) if lang in ("en", "ru") else tolerant_pattern(n) for n in bodies)
    found = []
    for match in re.finditer(rf"(?<![\w\u200c])(?:{body})(?![\w\u200c])", text):
        surname = known.get(_surname_key(match.group(), lang))
        if surname is None or match.start() < surname[1]:
            continue
        near = _starting(whole, whole_starts, match.start() - _REACH, match.end())
        if not any(match.start() < e.end for e in near):
            found.append(Entity(match.group(), "PER", match.start(), match.end(), *surname[2]))
    return found


def _surname_key(word: str, lang: str) -> str:
    return word if lang in ("en", "ru") else fold(word)


def find_statements(
    text: str, sentences: list[Sentence], entities: list[Entity], lang: str
) -> list[Statement]:
    """Return the attributed statements in `text`, in order, with speakers resolved.

    A statement made by two people ("وقال أحمد حسن ومحمد علي إن") is recorded once for each,
    with the same content and offsets, so that each of them is attributed what was said.
    """
    check_lang(lang)
    persons = sorted(
        [_without_rank(e, lang) for e in entities if e.label == "PER"]
        + _bare_surnames(text, lang, sentences, entities),
        key=lambda e: e.start,
    )
    organisations = [e for e in entities if e.label == "ORG"]
    ctx = _Context(
        text,
        lang,
        persons,
        organisations,
        _speech_quotes(text, lang, entities),
        find_roles(text, lang),
        [],
        sorted((e.start, e.end) for e in entities),
    )
    ctx.role_people = _role_people(ctx)
    for held in ctx.role_people:
        ctx.role_holders.setdefault(held[1], []).append(held)
    statements: list[Statement] = []
    genders: dict[str, bool] = {}
    for sentence in sorted(sentences, key=lambda s: s.start):
        verbs = _find_verbs(ctx, sentence)
        # An opinion verb with no group to hold it reports nothing, and bounds no other verb:
        # "В кредитных организациях уверены, что ..., пишет «Коммерсант»".
        verbs = [
            verb
            for i, verb in enumerate(verbs)
            if not verb.opinion
            or _opinion_holder(
                ctx,
                sentence,
                verb,
                (
                    _clause_start(ctx, sentence, verb),
                    verbs[i + 1].start if i + 1 < len(verbs) else sentence.end,
                ),
                statements,
                genders,
            )
            is not None
        ]
        in_sentence: list[Statement] = []
        for i, verb in enumerate(verbs):
            limit = verbs[i + 1].start if i + 1 < len(verbs) else sentence.end
            floor = verbs[i - 1].end if i else sentence.start
            found = _statements_for(
                ctx, sentence, verb, (floor, limit), in_sentence, statements, genders
            )
            in_sentence.extend(found)
            statements.extend(found)
    return statements


# The pronoun of a speaker named before, after "according to" or in it: "به گفته وی", "وبحسب
# قوله", "по его словам", "according to him". Plural pronouns are left alone: which of the
# speakers before is meant is not known.
_ACCORDING_PRONOUN = {
    "ar": re.compile(rf"\s*(?P<pronoun>{_any_of(*_AR_SAYING)})(?![{AR_LETTER}])"),
    "fa": re.compile(
        rf"[\s\u200c]+(?P<pronoun>{_any_of('وی', 'او', 'ایشان')})(?![{AR_LETTER}\u200c])"
    ),
    "ru": re.compile(r"по\s+(?P<pronoun>его|её|ее)\s", re.IGNORECASE),
    "en": re.compile(r"\s+(?P<pronoun>him|her)\b", re.IGNORECASE),
}
_FEMININE_SAYING = {"her", "её", "ее", fold("قولها")}


def _according_pronoun(
    ctx: _Context, verb: _Verb, previous: list[Statement], genders: dict[str, bool]
) -> _Mention | None:
    """The speaker before, named by a pronoun after "according to" or in it."""
    at = verb.start if ctx.lang == "ru" else verb.end
    match = _ACCORDING_PRONOUN[ctx.lang].match(ctx.text, at)
    if match is None:
        return None
    word = match.group("pronoun")
    she = word.lower() in _FEMININE_SAYING or fold(word) in _FEMININE_SAYING
    speaker = _previous_speaker(previous, genders, she or None)
    if not speaker:
        return None
    return _Mention(match.start("pronoun"), match.end("pronoun"), word, speaker, she or None)


def _is_outlet_name_end(ctx: _Context, pos: int) -> bool:
    """True when `pos` closes the quoted name of an outlet after its kind: "газета
    «Коммерсантъ»", "روزنامه «کیهان»"."""
    if ctx.text[pos : pos + 1] not in _QUOTE_OPENERS:
        return False
    for org in _starting(ctx.organisations, ctx.org_starts, pos - _REACH, pos):
        opener = org.start - 1
        if org.end == pos and opener >= 0 and ctx.text[opener] == _QUOTE_OPENERS[ctx.text[pos]]:
            kind = _OUTLET_BEFORE[ctx.lang].search(ctx.text, max(0, opener - 40), opener)
            return kind is not None
    return False


def _clause_start(ctx: _Context, sentence: Sentence, verb: _Verb) -> int:
    """Where the clause of `verb` begins: after the last break before it outside quotations,
    a quotation that ends a sentence, or a dateline ("WASHINGTON —")."""
    text = ctx.text
    clause_start = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, verb.start):
        title = _ENDS_WITH_TITLE.search(text, max(0, match.start() - 4), match.end())
        outlet = _is_outlet_name_end(ctx, match.start())  # "Газета «Коммерсантъ» пишет"
        if not _inside(ctx.quotes, match.start()) and title is None and not outlet:
            clause_start = match.end()
    # a quotation that ends a sentence: '... this year." Experts'
    for start, end in _quotes_ending(ctx, clause_start, verb.start):
        if clause_start < end <= verb.start and text[start : end - 1].rstrip()[-1:] in ".!?؟":
            clause_start = end
    dateline = _DATELINE.get(ctx.lang)
    if clause_start == sentence.start and dateline is not None:
        filed = dateline.match(text, clause_start, verb.start)
        clause_start = filed.end() if filed is not None else clause_start
    return clause_start


def _statements_for(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    bounds: tuple[int, int],
    in_sentence: list[Statement],
    previous: list[Statement],
    genders: dict[str, bool],
) -> list[Statement]:
    """The statement `verb` reports, once per speaker; none when nobody or nothing is found.

    `bounds`: the end of the verb before it in the sentence and the start of the one after it.
    """
    text, lang = ctx.text, ctx.lang
    floor, limit = bounds
    clause_start = _clause_start(ctx, sentence, verb)
    speakers: list[_Mention] = []
    after = False
    if verb.opinion:
        # "ويرى مراقبون أن", "Critics argue that": a group's claim; no one else's opinion
        group = _opinion_holder(ctx, sentence, verb, (clause_start, limit), previous, genders)
        if group is None:
            return []
        speakers, after = [group], group.start >= verb.end
    elif verb.cites:
        # "نقلت صحيفة الأهرام عن مصدر مسؤول", "Reuters quoted a senior official": the source is
        # the speaker; the outlet is the subject, so no earlier speaker stands in for a source.
        cited = _source_after_citing_verb(ctx, verb, clause_start, limit)
        if cited is None:
            return []
        speakers, after = [cited], True
    elif (
        verb.according
        or lang in ("ar", "ru")
        or (lang == "en" and _is_said_then_name(ctx, verb, clause_start))
    ):
        mention = _speaker_after(ctx, verb, limit)
        if mention is None and verb.according:  # "به گفته وی", "по его словам"
            mention = _according_pronoun(ctx, verb, previous, genders)
        if mention is not None:
            speakers, after = _joined_after(ctx, mention, limit), True
    relative = (
        _RU_RELATIVE_BEFORE.search(text, max(clause_start, verb.start - 40), verb.start)
        if lang == "ru" and not speakers
        else None
    )
    if relative is not None:
        # "жительница Димитровграда, [которая] сообщила, что": the antecedent, or nobody; the
        # clause it hangs from is no part of what was said
        antecedent = _antecedent(ctx, clause_start, relative.start())
        if antecedent is None:
            return []
        speakers, floor = [antecedent], max(floor, relative.end())
    if not speakers and not verb.according:
        if in_sentence and (verb.participle or _is_conjoined(text, verb)):
            last = in_sentence[-1]
            speakers = [
                _Mention(verb.start, verb.start, "", last.speaker, genders.get(last.speaker))
            ]
        else:
            window_start = sentence.start if lang == "ar" else clause_start
            candidates = _mentions_before(ctx, window_start, verb.start)
            pronoun = _pronoun_before(ctx, window_start, verb.start)
            unnamed = _unnamed_subject(ctx, clause_start, verb.start)
            cited = _cited_subject(ctx, candidates, verb)
            outlet = None if candidates else _outlet_subject(ctx, clause_start, verb)
            if cited is not None:  # "РИА Новости со ссылкой на источник сообщает"
                speakers = [cited]
            elif outlet is not None:  # "روزنامه کیهان نوشت"
                speakers = [outlet]
            elif unnamed is not None and _unnamed_is_subject(ctx, unnamed, candidates, pronoun):
                speakers = [unnamed]
            elif pronoun is not None and (not candidates or candidates[-1].end <= pronoun.start()):
                resolved = _pronoun_speaker(ctx, sentence, pronoun, verb, previous, genders)
                speakers = [resolved] if resolved is not None else []
            elif candidates:
                # People before organisations ("Dr X, a lecturer at Y University, said");
                # Persian puts the subject first, the others nearest the verb.
                people = [c for c in candidates if not c.organisation] or candidates
                index = 0 if lang == "fa" else len(people) - 1
                if lang == "fa":  # "وضعیت پایدار است، سخنگوی دولت گفت": the one after the comma
                    index = _trailing_subject(ctx, people, clause_start, verb, limit) or 0
                speakers = _joined_around(ctx, people, index)
            elif pronoun is None:
                # "[ارتش] در بیانیه‌ای اعلام کرد", "[Авиакомпания] сообщила", "[Rescue workers]
                # said", "В [полиции] сообщили": a subject no entity names
                written = _impersonal_place(ctx, clause_start, verb, limit) or _written_before(
                    ctx, clause_start, verb
                )
                speakers = [written] if written is not None else []
                after = written is not None and written.start >= verb.end  # "Как уточнили в X,"
    if lang != "ar" and not after and len(speakers) == 1 and speakers[0].as_written:
        speakers = [_past_complement(ctx, speakers[0], verb)]
    if verb.outlet and not (speakers and (speakers[0].organisation or speakers[0].relayed)):
        return []  # "The patient reported pain"
    if lang == "en" and not after and len(speakers) == 1 and speakers[0].organisation:
        relayed = _cited_after_verb(ctx, speakers[0], verb, limit)
        if relayed is not None:  # "Reuters reported, citing two sources, that"
            speakers, after = [relayed], True
    if not speakers and not verb.according and not _has_own_subject(ctx, verb, clause_start):
        speaker = _previous_speaker(previous, genders, verb.feminine)
        if speaker:
            speakers = [_Mention(verb.start, verb.start, "", speaker, verb.feminine)]
    if not speakers:
        return []
    first = speakers[0]
    feminine = verb.feminine if verb.feminine is not None else first.feminine
    if feminine is not None and first.speaker:
        genders.setdefault(first.speaker, feminine)
    # All the speakers together, for what stands between them and the verb or the content.
    named = _Mention(
        first.start, speakers[-1].end, text[first.start : speakers[-1].end], first.speaker, None
    )
    span = _content_span(ctx, verb, named, after, limit, max(clause_start, floor))
    if span is None:
        return []
    parts, kind = span
    reported = text[verb.end : parts[0][0]] if parts[0][0] > verb.end else ""
    if verb.outlet and kind == "indirect" and reported and not _REPORTED_THAT.search(reported):
        return []  # "Apple reported record profits": no report of what was said
    # Parts around an attribution inside what was said are joined; the offsets then span the
    # whole passage, attribution included ("The plan, X said, will cost" -> "The plan will cost").
    content = " ".join(text[start:end] for start, end in parts)
    if not any(c.isalnum() for c in content):
        return []  # "«», — заявил Песков.": nothing was said
    return [
        Statement(
            speaker=mention.speaker,
            mention=mention.text,
            verb=text[verb.start : verb.end],
            content=content,
            kind=kind,
            sentence_index=sentence.index,
            start=parts[0][0],
            end=parts[-1][1],
        )
        for mention in speakers
    ]


# A relative pronoun before a Russian verb: "жительница, [которая] сообщила", "те, [кто]
# сообщил".
_RU_RELATIVE_BEFORE = re.compile(
    r",\s*(?:котор(?:ый|ая|ое|ые|ого|ой|ому|ым|ом|ую|ых|ыми)|кто)"
    r"\s+(?:(?:также|уже|тоже|затем|потом|позже|позднее|ранее|сама|сам|сами)\s+)?$",
    re.IGNORECASE,
)


def _antecedent(ctx: _Context, clause_start: int, comma: int) -> _Mention | None:
    """Who a relative pronoun after `comma` stands for: the person, post or organisation that
    ends at the comma, or an unnamed subject there ("жительница Димитровграда"); else None."""
    found = _mentions_before(ctx, clause_start, comma)
    if found and not ctx.text[found[-1].end : comma].strip():
        return found[-1]
    for word in re.finditer(r"(?<!\w)\w", ctx.text[max(clause_start, comma - 60) : comma]):
        pos = max(clause_start, comma - 60) + word.start()
        unnamed = _unnamed_at(ctx, pos, comma)
        if unnamed is not None and not ctx.text[unnamed.end : comma].strip():
            return unnamed
    return None


_Parts = list[tuple[int, int]]  # what was said: one span, or two around an attribution


def _content_span(
    ctx: _Context, verb: _Verb, named: _Mention, after: bool, limit: int, clause_start: int
) -> tuple[_Parts, StatementKind] | None:
    """What was said, and whether it is quoted ("direct") or reported ("indirect")."""
    text = ctx.text
    content_from = max(_past_apposition(ctx, named.end, verb), verb.end) if after else verb.end
    if after and (close := _CLOSING_QUOTE.match(text, content_from)) is not None:
        content_from = close.end()  # 'كشفت "وزارة الصحة" أن': past the speaker's closing mark
    aside = _ASIDE.match(text, content_from, limit) if after and ctx.lang in _OPENS_AT else None
    if aside is not None and _OPENS_AT[ctx.lang].match(text, aside.end()):
        content_from = aside.end()  # "وكشف مسؤول[، طلب عدم الكشف عن اسمه،] أن"
    if after and verb.according and ctx.lang == "en":
        described = _EN_DESCRIBED_AFTER.match(text, content_from, limit)
        content_from = described.end() if described is not None else content_from
    content_from = _content_start(ctx, content_from, verb, limit)
    if verb.clause and ctx.lang == "en":
        content_from = _past_en_frame(ctx, content_from, limit)
    said_after = _indirect_content(ctx, content_from, limit)
    if verb.clause and not _opens_a_clause(ctx, verb, content_from):
        said_after = None  # "كشف عن خطة", "ответил на вопрос": a noun, not what was said
    quote = _quote_after(ctx, content_from, limit + 1)
    quote_before = None if verb.according else _quote_before(ctx, verb, named)
    if quote is not None and quote_before is not None and _is_cut(text, quote_before):
        # '"The plan," John Smith said, "will cost $4 billion."': one quotation, cut in two.
        halves = [_clean_span(text, q[0] + 1, q[1] - 1) for q in (quote_before, quote)]
        return halves, "direct"
    if quote is None:
        quote = quote_before
        # A quotation that ends its own sentence is someone else's when this verb has what was
        # said after it: '"... this year." Experts warned that higher fares ...'.
        if (
            quote is not None
            and text[quote[0] : quote[1] - 1].rstrip()[-1:] in ".!?؟"
            and said_after is not None
        ):
            quote = None
    if quote is not None:
        return [_clean_span(text, quote[0] + 1, quote[1] - 1)], "direct"
    # A participle adds what follows it: nothing before it is its own ("..., добавив, что").
    around = (
        None if verb.participle else _content_around(ctx, verb, named, after, limit, clause_start)
    )
    if around is not None:  # inside a quotation: «План, — заявил Силуанов, — обойдётся ...»
        return around, "direct" if _inside(ctx.quotes, verb.start) else "indirect"
    span = said_after
    if span is not None and ctx.lang == "en" and (demand := _EN_THEN_DEMANDED.search(text, *span)):
        span = _said_span(text, span[0], demand.start())  # "..., and called for an inquiry"
    if (
        not verb.according
        and not verb.participle
        and (span is None or _is_tail(ctx, verb, named, after, span))
    ):
        # "A bridge will open in May, officials said.": what was said came first.
        before = _content_before(ctx, _attribution_start(ctx, verb, named, after), clause_start)
        if before is not None:
            return [before], "indirect"
    if span is not None and verb.according and _LEADING_AND.match(text, span[0], span[1]):
        # "X is effective, according to trials, and is cheap": what came before, not the rest
        before = _content_before(ctx, verb.start, clause_start)
        span = before if before is not None else None
    if span is not None and verb.according and after and _reports_next(ctx, span[0], limit):
        return None  # "به گزارش ایرنا، مهدی کاظمی گفت ...": the outlet of the next statement
    if span is None:
        if verb.according and after:
            # "According to X, ...": what follows; ", according to X." : what came before.
            span = _said_span(text, clause_start, verb.start)
        elif not after and named.text and named.end <= verb.start and not verb.clause:
            # What stands between the subject and the verb (Persian puts what was said there),
            # but for an object: "کارشناسان [افزایش قیمت‌ها را] پیش‌بینی می‌کنند".
            lead = (
                _strip_persian_lead(ctx, named.end, verb.start)
                if ctx.lang == "fa"
                else (named.end, verb.start)
            )
            span = None if _FA_OBJECT_END.search(text, *lead) else _said_span(text, *lead)
    if span is None:
        return None
    # "«...»، بحسب X", '"...," according to X': the whole of it quoted
    holder = _inside(ctx.quotes, span[0])
    quoted = holder is not None and _clean_span(text, holder[0] + 1, holder[1] - 1) == span
    return [span], "direct" if quoted else "indirect"


# An English clause with no "that" after an opinion verb: a subject and a verb within a few
# words ("Officials say [prices will] rise", "Police say nothing [was] stolen"); not a
# preposition or a noun ("argue about the causes", "say goodbye", "say nothing about").
_EN_BARE_CLAUSE = re.compile(
    r"[\s,]*(?!(?:about|of|on|to|for|with|at|in|from|by|over|against|goodbye|hello|sorry|thanks"
    r"|yes|no)\b)[\w'’-]+(?:\s+[\w'’$%.-]+){0,5}?\s+(?:will|would|is|are|was|were|has|have|had"
    r"|can|could|may|might|must|should|shall|does|do|did|won['’]t|isn['’]t|aren['’]t|wasn['’]t"
    r"|weren['’]t|rose|fell|grew|went|came|took|made|gave|got|saw|knew|left|lost|won|began|ran"
    r"|kept|held|paid|met|spent|stood|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)


# Or a subject pronoun, or a determiner and a few words, after a verb of saying or believing
# ("Campaigners say [the reforms go too far]"), not of fearing or predicting, whose object is
# a noun as often ("Experts predict a recession").
_EN_BARE_SUBJECT = re.compile(
    r"[\s,]*(?:(?:he|she|they|we|it|i|there)\b|(?:the|a|an|this|these|those|his|her|its|their"
    r"|our|some|all|many|most)\s+[\w'’-]+(?:\s+[\w'’$%-]+){2})",
    re.IGNORECASE,
)
_EN_CLAUSE_OPINIONS = _word_set("argue argued believe believed say think thought contend contended")


# After "announced", whose object is a noun as often, a clause with no "that" is a subject and
# its finite verb ("Clemson announced [28 student-athletes tested] positive", "announced [the
# border would] reopen", "announced [they will] release"), not a noun with what hangs on it:
# an infinitive, a preposition or a relative ("announced plans to", "a $5 billion package for",
# "a plan that", "a package the opposition rejected", "measures it said would"), a participle
# ("a plan approved by", "new cases linked to", "a program called X") or an adjective after a
# determiner or a number ("a revised plan", "5 confirmed cases").
_EN_NOT_IN_SUBJECT = (
    "to for on in at by with from into onto over under about against through across after "
    "before during since until within without upon via as than that which who whom whose what "
    "when where while if because and or but not"
)
_EN_ARTICLES = "a an the this these those his her its their our my your some"
_EN_PRONOUNS = "he she it they we i you there"
_EN_BEFORE_A_NOUN = (
    f"{_EN_ARTICLES} several many any each every no all both few more most other new first "
    "next last further additional one two three four five six seven eight nine ten dozen dozens "
    "hundred hundreds thousand thousands million millions billion billions"
)
_EN_FINITE = (
    "will would is are was were has have had can could may might must should shall does do did "
    "rose fell grew went came took gave saw knew began ran became"
)
_EN_PAST_OR_PARTICIPLE = (
    "made held paid kept spent left lost won met got sold bought brought built found sent"
)
# Words in -ed that are no finite verb after a noun: "a program called", "a deal valued at",
# "one hundred", "a high speed"
_EN_ED_NOT_FINITE = (
    "called named dubbed titled entitled labelled labeled aimed designed intended geared tailored "
    "based focused targeted dedicated valued priced scheduled slated expected hundred need speed "
    "seed feed breed greed"
)
# Verbs in -ed that an event does rather than suffers: after a noun they are its finite verb
# before a preposition or a time too ("announced the border [reopened] on Monday", "announced
# the talks [failed]"), seldom a passive participle hanging from it, except before an agent
# ("reopened by the army"). Verbs as often done to something ("opened", "agreed") are not here.
_EN_ED_INTRANSITIVE = (
    "reopened resumed increased decreased dropped declined surged jumped climbed soared plunged "
    "slumped tumbled collapsed died happened occurred arrived continued remained failed "
    "succeeded worsened stabilised stabilized disappeared emerged survived escaped resigned "
    "retired existed expired vanished exploded crashed stalled"
)
# Verbs in -ed only ever done to something: where the clause ends after one, it is a participle
# hanging from the noun before it ("announced the winners [selected].", "40 new cases
# [confirmed]"), while "announced the vaccine [worked]." is a clause.
_EN_ED_DONE_TO = (
    "selected released arrested detained confirmed infected killed injured wounded "
    "named appointed elected nominated shortlisted identified recorded registered vaccinated "
    "hospitalised hospitalized evacuated rescued displaced affected fined charged convicted "
    "sentenced awarded approved adopted proposed planned"
)
# "by" a share or a count of points is how much, not by whom: "rose by 5%", "cut by 12 percent".
_EN_BY_HOW_MUCH = (
    r"by\s+(?:(?:about|around|nearly|almost|some|roughly|more\s+than|less\s+than)\s+)?"
    r"\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b|(?:percentage\s+)?points?\b)"
)
# After a participle, what makes it one: "approved by", "developed jointly by", "linked to",
# "adopted last week", "measures extended until May"
_EN_AFTER_PARTICIPLE = (
    "by to at as for in with from on into onto over under about through across against among "
    "between within without upon via until till last earlier yesterday today"
)


def _either(words: str) -> str:
    """Regex source for any of the space-separated `words`, as whole words."""
    return rf"(?:{'|'.join(words.split())})\b"


_EN_WORD = rf"(?!{_either(_EN_NOT_IN_SUBJECT)})(?:[\w'’$%-]|(?<=\d),(?=\d))+"
# After the subject's first word, a determiner or a pronoun opens a clause of its own, but after
# "of": "the number of the dead"
_EN_NEXT_WORD = rf"(?:(?<=\bof\s)|(?!{_either(_EN_ARTICLES)}|{_either(_EN_PRONOUNS)})){_EN_WORD}"
_EN_LAST_WORD = rf"(?!{_either(_EN_BEFORE_A_NOUN)}|\d)"
_EN_SUBJECT = (
    rf"(?:{_EN_LAST_WORD}{_EN_WORD}"
    rf"|{_EN_WORD}(?:\s+{_EN_NEXT_WORD}){{0,4}}?\s+{_EN_LAST_WORD}{_EN_NEXT_WORD})"
)
# Any other verb in -ed is a participle where a preposition or a time follows it ("a plan
# approved by", except "cut by 10%"); one only done to something, also where its clause ends.
_EN_CLAUSE_ENDS = r"[^\S\n]*(?:[.;!?]|\n|$)"
_EN_FINITE_VERB = (
    rf"(?-i:{_either(_EN_FINITE)}|[a-z]+n['’]t\b"
    rf"|{_either(_EN_ED_INTRANSITIVE)}(?!\s+by\s+(?!{_EN_BY_HOW_MUCH}))"
    rf"|(?!{_either(_EN_ED_NOT_FINITE)})(?:(?!{_either(_EN_ED_DONE_TO)}{_EN_CLAUSE_ENDS})"
    rf"[a-z]{{2,}}ed\b|{_either(_EN_PAST_OR_PARTICIPLE)})"
    rf"(?!\s+(?:[a-z]+ly\s+)?(?!{_EN_BY_HOW_MUCH})(?:{_either(_EN_AFTER_PARTICIPLE)})))"
)
# The subject and its verb, or a pronoun with its verb in one word ("announced [she's] endorsing").
_EN_FINITE_CLAUSE = re.compile(
    rf"[\s,]*(?:{_either(_EN_PRONOUNS)}['’](?:s|re|ll|d|ve|m)\b|{_EN_SUBJECT}\s+{_EN_FINITE_VERB})",
    re.IGNORECASE,
)


# Verbs in the present that follow a subject as often as they open one: after a frame they are
# the sentence's verb, "the rules announced today [mean] prices will rise". A noun of the same
# spelling ("announced today cost cuts") then loses a statement rather than gaining a false one.
_EN_PRESENT_AFTER_FRAME = (
    "mean means include includes require requires allow allows remain remains show shows "
    "cover covers affect affects apply applies replace replaces follow follows come comes "
    "go goes take takes make makes give gives"
)
# A verb right after a frame makes the verb before it a participle, and the frame no part of a
# clause: "the plan announced today [will] cost", "the measures announced Monday [included]".
_EN_VERB_AFTER_FRAME = re.compile(
    rf"[\s,]*(?:{_either(_EN_FINITE)}|(?-i:{_either(_EN_PRESENT_AFTER_FRAME)})(?![-'’])"
    rf"|(?-i:[a-z]+n['’]t\b|[a-z]{{2,}}ed\b))",
    re.IGNORECASE,
)


def _past_en_frame(ctx: _Context, pos: int, limit: int) -> int:
    """Past when, where and how a clause with no "that" was announced, where _content_start
    left them because no determiner or pronoun follows ("announced on Twitter [28 students
    tested positive]", "announced in Nov. 2020 [Disney would] ..."); else `pos`."""
    frame = _FRAMES_AT["en"].match(ctx.text, pos, limit)
    if frame is None or _EN_VERB_AFTER_FRAME.match(ctx.text, frame.end(), limit):
        return pos
    return frame.end() if _EN_FINITE_CLAUSE.match(ctx.text, frame.end(), limit) else pos


def _opens_a_clause(ctx: _Context, verb: _Verb, pos: int) -> bool:
    """True when what was said after a verb that needs a clause opens one at `pos`: a
    complementiser, a colon or a quotation; in English, a clause with no "that" after it."""
    if _CLAUSE_OPENS[ctx.lang].match(ctx.text, pos):
        return True
    if ctx.lang != "en":
        return False
    if not verb.opinion:  # "announced [the border would] reopen"
        # a time left before it is no subject: "the plan announced [today will] cost"
        frame = _FRAMES_AT["en"].match(ctx.text, pos)
        return frame is None and _EN_FINITE_CLAUSE.match(ctx.text, pos) is not None
    if _EN_BARE_CLAUSE.match(ctx.text, pos) is not None:
        return True
    said = verb.text.lower() in _EN_CLAUSE_OPINIONS
    return said and _EN_BARE_SUBJECT.match(ctx.text, pos) is not None


# The post before an English name: "[Finance Minister] John Smith", "[Leader of the House] X".
_EN_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_EN_POST_BEFORE = re.compile(r"(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|the|and)\s+)*)+$")
# A post in lower case between the comma and the name: ", [transport commissioner] Helen Marsh".
_EN_LOWER_POST = re.compile(r"(?<=,)\s+((?:[a-z][\w'’-]*\s+){1,3})$")


# Who the source after "according to" is, set off by commas: "According to Dr X[, head of the
# hospital's emergency unit,] most of the injured ...".
_EN_DESCRIBED_AFTER = re.compile(
    r",\s*(?:(?:the|a|an)\s+)?(?:[a-z][\w'’-]*\s+){0,2}(?:of|at|for|in)\s+[^,.;:!?\"“”]{1,50}(?=,)"
)
# After what was said, a demand or an accusation joined by "and" is none of it: "said the
# government was hiding the cost[, and called for an inquiry]".
_EN_THEN_DEMANDED = re.compile(
    r",?\s+and\s+(?:also\s+)?(?:called|urged|demanded|asked|accused|criticised|criticized"
    r"|pledged|promised|vowed)\b",
    re.IGNORECASE,
)
# A description in apposition before a name, after a comma or a quotation: "“...,” [the
# church's pastor, ]Samuel Adeyemi, said", "..., [parliament's speaker, ]Aino Virtanen, told".
_EN_APPOSITIVE_BEFORE = re.compile(
    r"(?<=[,”\"])\s*((?:(?:the|a|an)\s+)?(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*\s*,\s*)$"
)


def _attribution_start(ctx: _Context, verb: _Verb, named: _Mention, after: bool) -> int:
    """Where the attribution begins: the verb, or the speaker named before it, with the post
    before the name ("The plan, [Finance Minister] John Smith said, ...")."""
    if after or not named.text:
        return verb.start
    start = min(named.start, verb.start)
    role = _role_right_before(ctx, start)
    start = role if role is not None else start
    if ctx.lang == "en" and (post := _EN_POST_BEFORE.search(ctx.text, max(0, start - 80), start)):
        start = post.start()
    if ctx.lang == "en" and (the := _EN_THE_BEFORE.search(ctx.text, max(0, start - 5), start)):
        start = the.start()  # "the [Labor Department] said"
    if ctx.lang != "en" or not _starting(
        ctx.persons, ctx.person_starts, named.start, named.start + 1
    ):
        return start
    window = (ctx.text, max(0, start - _REACH), start)
    if (post := _EN_LOWER_POST.search(*window)) is not None:
        start = post.start(1)  # "..., [transport commissioner] Helen Marsh said"
    elif (post := _EN_APPOSITIVE_BEFORE.search(*window)) is not None:
        start = post.start(1)
    return start


def _role_right_before(ctx: _Context, pos: int) -> int | None:
    """Where the role that ends right before `pos` (but for spaces) starts: "[Finance
    Minister] John Smith"."""
    for role in _starting(ctx.roles, ctx.role_starts, pos - _REACH, pos):
        if role.end <= pos and not ctx.text[role.end : pos].strip():
            return role.start
    return None


def _is_cut(text: str, quote: tuple[int, int]) -> bool:
    """True when a quotation stops at a comma, to go on after the attribution: '"The plan,"'."""
    inner = text[quote[0] + 1 : quote[1] - 1].rstrip()
    return inner.endswith((",", "،")) or text[quote[1] : quote[1] + 1] in (",", "،")


def _reports_next(ctx: _Context, start: int, limit: int) -> bool:
    """True when what follows "according to X," is the subject of the next reporting verb in
    the sentence: "According to the BBC, the minister said ...", "به گزارش ایرنا، مهدی کاظمی
    گفت"."""
    if limit >= len(ctx.text) or _VERB_REGEX[ctx.lang].match(ctx.text, limit) is None:
        return False
    subject = _mention_at(ctx, start, limit) or _unnamed_at(ctx, start, limit)
    pronoun = _PRONOUNS[ctx.lang]
    opens_with_pronoun = pronoun is not None and pronoun.match(ctx.text, start) is not None
    return subject is not None or opens_with_pronoun


# --- What was said before the attribution -------------------------------------------------
# "Turnout was low, said Jane Doe, a local official.", "Ситуация стабильна, — заявил Песков.",
# "الوضع مستقر، قال المتحدث.", "وضعیت پایدار است، سخنگوی دولت گفت.": the attribution follows
# a comma (or a dash, or "as"/"как"/"كما") and nothing is said after it but a tail: when, where
# and to whom, a description of the speaker, or another verb's clause ("добавив, что ...").

_BEFORE_ATTRIBUTION = {
    "ar": re.compile(rf"[،,]\s*(?:{_any_of('كما')}\s+)?$"),
    # "هوا، [آن‌طور که] سازمان هواشناسی پیش‌بینی کرده، ..."
    "fa": re.compile(rf"[،,]\s*(?:{_any_of('آن‌طور که', 'همان‌طور که', 'چنان‌که')}\s*)?$"),
    "ru": re.compile(r"(?:[,]\s*(?:[—–-]\s*)?(?:как\s+)?|\s[—–-]\s*)$", re.IGNORECASE),
    "en": re.compile(r"[,]\s*(?:as\s+)?$", re.IGNORECASE),
}
# What opens a clause without being said: "In Leeds,", "However,", "وفي هذا السياق،",
# "В Москве,", "در همین حال،".
_AR_PREPOSITIONS = _any_of("في", "على", "من", "مع", "بعد", "قبل", "خلال", "إلى", "عن", "بدوره")
_NOT_SAID_LEAD = {
    "ar": re.compile(
        rf"[\s،,]*[وف]?{_AR_PREPOSITIONS}(?![{AR_LETTER}]){_up_to('،,.')}{{0,60}}[،,]\s*"
    ),
    "fa": re.compile(
        rf"{_SUBJECT_LEAD['fa'].pattern}(?:{_any_of('در', 'به', 'از', 'با', 'پس از', 'برای')}"
        rf"(?![{AR_LETTER}\u200c]){_up_to('،,.')}{{0,60}}[،,]\s*)?"
    ),
    "ru": re.compile(
        rf"(?:[\s,]*(?:{_RU_LEADS})(?!\w)"
        rf"|[\s,]*(?:в|во|на|по|при|кроме|после|до|с|со|из|у)\s{_up_to(',.')}{{0,60}},)*[\s,]*",
        re.IGNORECASE,
    ),
    "en": _SUBJECT_LEAD["en"],
}
_COMMA = re.compile(rf"(?!{_IN_NUMBER})[،,]")
_SPACES = re.compile(r"\s*")
_NEXT_WORD = re.compile(r"\s+[^\s،,.:;؛«»\"“”]+")
_LEADING_AND = re.compile(rf"(?:and|but|и|а|но|{_any_of('و', 'اما')})\s+", re.IGNORECASE)
_EN_PLACE = r"(?:in|at|from|near|outside) (?-i:[A-Z])[\w'’.-]*(?: (?-i:[A-Z])[\w'’.-]*)*"
_TAIL_EXTRA = {
    "ar": [],
    "fa": [],
    # "добавив, что ...": the next statement, not this one's content
    "ru": [r"(?:добавив|отметив|подчеркнув|уточнив|пояснив|заявив|сообщив)\b.*"],
    "en": [_EN_PLACE],
}
_TAIL = {
    lang: re.compile(
        rf"(?:[\s،,]*(?:{'|'.join(_FRAME[lang] + _TAIL_EXTRA[lang])}){_WORD_END})+[\s،,.]*",
        _FLAGS[lang],
    )
    for lang in _FRAME
}
# After a speaker named after the verb, who they are: "said Jane Doe, a local official".
_EN_APPOSITION = re.compile(
    r"(?:a|an|the|who|whose|which|one of|his|her|its|their)\b[^\"“”]*", re.IGNORECASE
)
_EN_ADDRESSEE_WORDS = 4  # "told the committee on Monday."


# Where a Russian speaker named after the verb is from, with nothing said after it: "сообщил
# агентству источник [в силовых структурах района]".
_RU_SPEAKER_DETAIL = re.compile(r"\s+(?:в|во|на|из|при|у)\s", re.IGNORECASE)


def _is_tail(
    ctx: _Context, verb: _Verb, named: _Mention, after: bool, span: tuple[int, int]
) -> bool:
    """True when `text[span]`, after the attribution, is not what was said but when, where or
    to whom it was said, or who the speaker is."""
    start, end = span
    text = ctx.text
    if _TAIL[ctx.lang].fullmatch(text, start, end):
        return True
    # past when and where it was said: "said on Friday, and the rate fell"
    frame = _TAIL[ctx.lang].match(text, start, end)
    rest = frame.end() if frame is not None else start
    if _COMMA.search(text, verb.end, rest) and (
        _LEADING_AND.match(text, rest, end)
        or (ctx.lang == "en" and _EN_PARTICIPLE.match(text, rest, end))
    ):
        return True  # "Prices rose, officials said, and wages fell" / ", citing costs"
    detail = _RU_SPEAKER_DETAIL.match(text, named.end, end) if ctx.lang == "ru" else None
    if after and detail is not None and not text[named.end : start].strip():
        return True  # "..., сообщил источник [в силовых структурах района]."
    if ctx.lang == "ru" and after and _COMMA.search(text, named.end, start):
        # "..., — отметил Игорь Егоров, [заместитель директора института]."
        return _THAT_AT["ru"].match(text, start) is None and not _CLAUSE_OPENS["ru"].match(
            text, named.end
        )
    if ctx.lang != "en":
        return False
    if verb.text.lower() == "told" and len(text[start:end].split()) <= _EN_ADDRESSEE_WORDS:
        return re.search(r"\bthat\b", text[start:end]) is None
    return (
        after
        and "," in text[named.end : start]
        and _EN_APPOSITION.fullmatch(text, start, end) is not None
    )


def _content_before(
    ctx: _Context, attribution: int, clause_start: int, aside: bool = False
) -> tuple[int, int] | None:
    """What was said before an attribution at `attribution` that follows it after a comma.

    `aside`: more is said after the attribution ("План, как заявил Силуанов, обойдётся ..."),
    so one word is enough, and a noun phrase before it is what was said ("The plan, the
    minister said, will ..."), not a post in apposition to the speaker.
    """
    text = ctx.text
    if attribution <= clause_start:
        return None
    mark = _BEFORE_ATTRIBUTION[ctx.lang].search(text, clause_start, attribution)
    if mark is None:
        return None
    lead = _NOT_SAID_LEAD[ctx.lang].match(text, clause_start, mark.end())
    if lead is not None and lead.end() >= mark.start():
        return None  # "In Leeds, officials said.": where, not what
    start, end = _clean_span(text, clause_start, mark.start())
    if (conjunction := _LEADING_AND.match(text, start, end)) is not None:
        start = conjunction.end()  # "..., and wages fell, the minister added."
    said = text[start:end]
    entities = [
        *_starting(ctx.persons, ctx.person_starts, start, end),
        *_starting(ctx.organisations, ctx.org_starts, start, end),
    ]
    for entity in entities:  # not a list of names: "Smith, Jones said"
        if entity.end <= end:
            said = said.replace(entity.text, " ")
    if len(text[start:end].split()) < (1 if aside else 2) or not said.split():
        return None
    if not aside and _is_post(ctx, start, end):
        return None
    if _FRAMES_AT[ctx.lang].fullmatch(text, start, end):
        return None  # "This week, X announced ...": when, not what
    if not aside and ctx.lang in ("en", "ru") and all(w[:1].isupper() for w in said.split()):
        return None  # names alone, which the entities missed: "John Smith, Jane Doe said."
    return start, end


def _is_post(ctx: _Context, start: int, end: int) -> bool:
    """True when `text[start:end]` is only a post or an unnamed subject, in apposition to the
    speaker after it: "وزیر نیرو، علی‌اکبر محرابیان، گفت", "A resident, Mary Brown, said"."""
    for role in _starting(ctx.roles, ctx.role_starts, start, start + 2):
        if post_end(ctx.text, role.end, ctx.lang) >= end:
            return True
    unnamed = _unnamed_at(ctx, start, end)
    return unnamed is not None and unnamed.end >= end


# --- What was said around the attribution ------------------------------------------------
# "The plan, Finance Minister John Smith said on Monday, will cost $4 billion.", "План, как
# заявил Силуанов, обойдётся ...", "الخطة، كما قال الوزير، ستكلف ...", "این طرح، به گفته وزیر،
# ...": the attribution, set off by commas, interrupts what was said, which is both sides of it.
# After it may stand when, where and to whom ("said on Monday", "told reporters"), then the
# comma. What follows is not what was said when it opens another clause ("and wages fell"), a
# participle ("citing costs", "добавив"), a description of the speaker ("a local official") or
# only a tail ("in a statement").

_ASIDE_END = {
    lang: re.compile(
        rf"(?:\s*(?:{'|'.join(items + ([_EN_PLACE] if lang == 'en' else []))}){_WORD_END})*"
        r"\s*[,،]\s*",
        _FLAGS[lang],
    )
    for lang, items in _FRAME.items()
}
# "citing higher costs", "adding that": a clause of its own ("during", "nothing" are no verbs)
_EN_PARTICIPLE = re.compile(r"(?!(?:during|nothing|something|anything|everything)\b)[a-z]+ing\b")


def _content_around(
    ctx: _Context, verb: _Verb, named: _Mention, after: bool, limit: int, clause_start: int
) -> _Parts | None:
    """The two parts of what was said around an attribution inside it, or None."""
    text, lang = ctx.text, ctx.lang
    if not after and named.text and _COMMA.search(ctx.text, named.end, verb.start):
        return None  # "A resident, Mary Brown, said": a name in apposition, no aside
    head = _content_before(ctx, _attribution_start(ctx, verb, named, after), clause_start, True)
    if head is None:
        return None
    pos = max(verb.end, named.end)
    if lang == "en" and verb.text.lower() == "told":
        told = _EN_TOLD.match(text, pos, limit)
        pos = told.end() if told is not None else pos
    aside = _ASIDE_END[lang].match(text, pos, limit)
    if aside is None:
        return None
    start, end = _clean_span(text, aside.end(), limit)
    rest = text[start:end]
    if (
        not rest.split()
        or _LEADING_AND.match(rest)
        or _THAT_AT[lang].match(rest)  # "Отвечая на вопрос, Песков заявил, [что] ...": no aside
        or _TAIL[lang].fullmatch(text, start, end)
        or (lang == "en" and _EN_PARTICIPLE.match(rest))
        or (lang == "en" and after and _EN_APPOSITION.fullmatch(rest))
        or (after and _is_apposition(ctx, start, end))  # "заявил X, [пресс-секретарь ...]"
    ):
        return None
    dash = _DASH_BEFORE.search(text, max(0, verb.start - 12), verb.start)
    if lang == "ru" and dash is not None and not _DASH.search(text, pos, start):
        return None  # "..., — отметил X, заместитель ...": a dash opens what a dash closes
    return [head, (start, end)]


# A description after a speaker is a few words, a post among the first two: "заявил Песков,
# [пресс-секретарь президента]", "отметил Егоров, [заместитель директора института]".
_APPOSITION_WORDS = 6


def _is_apposition(ctx: _Context, start: int, end: int) -> bool:
    """True when `text[start:end]`, after a speaker named after the verb, describes them."""
    if _is_post(ctx, start, end):
        return True
    words = list(re.finditer(r"\S+", ctx.text[start:end]))
    if ctx.lang != "ru" or not words or len(words) > _APPOSITION_WORDS:
        return False
    second = start + words[min(1, len(words) - 1)].end()
    return bool(_starting(ctx.roles, ctx.role_starts, start, second))


# What opens a clause of its own after an attribution, so that no aside is there.
_THAT_AT = {
    "ar": re.compile(rf"{_AR_THAT}(?![{AR_LETTER}])"),
    "fa": re.compile(rf"{_any_of('که')}(?![{AR_LETTER}\u200c])"),
    "ru": re.compile(r"что(?!\w)", re.IGNORECASE),
    "en": re.compile(r"that\b", re.IGNORECASE),
}
_DASH = re.compile(r"[—–]")
_DASH_BEFORE = re.compile(r"[—–]\s*(?:как\s+)?$", re.IGNORECASE)


def _trailing_subject(
    ctx: _Context, people: list[_Mention], clause_start: int, verb: _Verb, limit: int
) -> int | None:
    """Index of the Persian subject named after a comma in a clause that says nothing after its
    verb: what came before the comma was said ("علی رضایی مقصر است، سخنگوی دولت گفت"). None
    when the clause goes on after the verb or the comma ends a list of names."""
    after = _indirect_content(ctx, _content_start(ctx, verb.end, verb, limit), limit)
    if after is not None:
        return None
    return next(
        (i for i in range(1, len(people)) if _content_before(ctx, people[i].start, clause_start)),
        None,
    )


def _speaker_after(ctx: _Context, verb: _Verb, limit: int) -> _Mention | None:
    """The speaker named right after the verb, or after a time: "وقال أمس الوزير", "— заявил
    в понедельник Лавров"; the source an outlet there relays: "сообщает ТАСС со ссылкой на
    источник"."""
    mention = _named_after(ctx, verb, limit)
    if mention is not None and mention.organisation:
        return _cited_by(ctx, mention, verb, limit) or mention
    return _past_post(ctx, mention, verb, limit) if mention is not None else None


def _named_after(ctx: _Context, verb: _Verb, limit: int) -> _Mention | None:
    """Who is named right after the verb, an outlet included; in Arabic, past an adverb ("وقال
    [بدوره] الوزير")."""
    arabic = ctx.lang == "ar" and not verb.according
    start = _past_ar_adverbs(ctx, verb.end, limit) if arabic else verb.end
    mention = _mention_at(ctx, start, limit)
    if (
        arabic
        and mention is not None
        and _AR_GLUED_PREPOSITION.fullmatch(ctx.text, start, mention.start)
    ):
        # "وقال [لوكالة رويترز] مصدر مطلع إن": to whom it was said; who said it follows
        start = mention.end
        mention = _mention_at(ctx, start, limit) or _unnamed_at(ctx, start, limit)
        if mention is None:
            return None
    if mention is not None and mention.organisation and ctx.lang == "ru" and not verb.according:
        # "сообщила «Интерфаксу» защитница X", "сообщил ТАСС, что": to whom, not who
        return _past_addressee(ctx, mention, verb, limit)
    if mention is None and (verb.according or ctx.lang in ("ar", "ru")):
        # "به گزارش خبرگزاری ایسنا", "ذكرت صحيفة الأهرام", "пишет газета «Ведомости»"
        mention = _outlet_at(ctx, start, limit)
        if mention is not None and ctx.lang == "ru" and not verb.according:
            return _past_addressee(ctx, mention, verb, limit)  # "сообщил агентству «X» источник"
    if mention is None:
        mention = _described_person(ctx, verb.end, limit, verb.feminine)  # "заявила ... X"
    frames = _FRAMES_BEFORE_SPEAKER.get(ctx.lang)
    frame = frames.match(ctx.text, start, limit) if frames is not None else None
    if mention is None and not verb.according and frame is not None:
        named = _mention_at(ctx, frame.end(), limit)
        # A person or a post: "заявил в интервью РИА Новости" names the outlet, not the speaker.
        if named is not None and not named.organisation:
            mention = named
    if mention is None:
        mention = _unnamed_at(ctx, frame.end() if frame else start, limit)
        if (
            mention is not None
            and ctx.lang == "en"
            and not _EN_CLAUSE_END.match(ctx.text, mention.end)
        ):
            mention = None  # "said the bridge was closed": what was said, not who said it
        if mention is not None:
            mention = _extended(ctx, mention, _past_source_detail(ctx, mention.end, verb, limit))
    if verb.according and (mention is None or mention.as_written):
        # "بحسب [الدفاع المدني]،", "according to [two people briefed on it],"
        written = _written_according(ctx, verb, limit, mention)
        if mention is None or (written is not None and written.end > mention.end):
            mention = written
        if mention is not None and ctx.lang == "ar":
            mention = _with_article(ctx, verb, mention)
        if mention is not None and ctx.lang == "ru":
            # "по словам источника[, близкого к мэрии],": who the source is
            described = _RU_PARTICIPLE_AFTER.match(ctx.text, mention.end, limit)
            mention = _extended(ctx, mention, described.end(1)) if described else mention
        if mention is not None and _not_a_source(ctx, mention):
            return None  # "according to the plan", "حسب الخطة"
    elif mention is None and ctx.lang in ("ar", "ru") and not verb.participle and not verb.cites:
        if arabic and _AR_PHRASE_OPENS.match(ctx.text, start, limit):
            return None  # "وقال في مقابلة [تلفزيونية] إن": a word of the phrase, no subject
        mention = _written_after(ctx, verb, frame.end() if frame else start, limit)
    return mention


# A participle phrase in apposition after a Russian source, up to a comma or the end:
# "источника[, близкого к мэрии]", "экспертов[, знакомых с ситуацией]".
_RU_PARTICIPLE_AFTER = re.compile(
    r"(\s*,\s*[а-яё]+(?:вшего|вших|щего|щих|щей|щему|нного|нных|ого|его|ых|их)"
    r"(?:\s+[^\s,.;:!?«»\"—–]+){1,5})(?=\s*(?:[,.;!?]|$))",
    re.IGNORECASE,
)


# --- Speakers as written -------------------------------------------------------------------
# A subject that no entity, post or source word names is the subject all the same: "وقال
# [الجيش] في بيان إن", "بحسب [الدفاع المدني]، ...", "according to [local media], ...", "по
# данным [двух источников], ...". It is the words as written, when they are few, open with no
# function word, and end where the subject must: where what was said opens, or at the comma or
# the end of the clause.
_WRITTEN_WORD = re.compile(r"\s*([^\s،,.:;؛!?؟«»\"“”„()\[\]—–]+)")
_WRITTEN_LENGTH = 6
# Inside a complement, not at its start: "عضو [في] مجلس إدارة النادي", "a spokesperson [for]
# the city council".
_INNER_WORDS = {
    "ar": frozenset(fold(w) for w in ["في", "من", "لدى", "باسم"]),
    "fa": frozenset(fold(w) for w in ["در", "از", "و"]),
    "ru": _word_set("в во на из при у с по и"),
    "en": _word_set("of for to with at in from on near and by about"),
}
_EN_NOT_SUBJECT = _word_set(
    "it he she they we i you him her them us this these that those there here who what which "
    "nobody everyone everybody someone somebody anyone no all because when if while after before "
    "just today yesterday tonight now then also again already later earlier recently"
)
# Words that cannot end a subject: "[The] said property", "All told".
_EN_DETERMINERS = _word_set("the a an all some any each every this that these those")
_RU_NOT_SUBJECT = _word_set(
    "он она оно они мы я вы ты это этом тот та те кто что как который которая которое которые"
)
# Pronouns that are no subject ("им сообщили"), and possessives that are none alone ("Ее
# признали"), though they open one ("Его адвокат сообщил").
_RU_OBJECT_PRONOUNS = _word_set(
    "им ему ей нам вам мне меня нас вас них ним ней нему него неё нее тебе тебя себе себя ими "
    "нами вами"
)
_RU_POSSESSIVES = _word_set("его её ее их")
# What "according to" follows that says nothing: "according to the plan", "حسب الخطة", "по
# плану" (not matched), "طبق القانون".
_NOT_A_SOURCE = {
    "ar": frozenset(
        fold(w)
        for w in ["الخطة", "القانون", "الجدول", "الدستور", "الاتفاق", "الأصول", "المنطقة", "الحاجة"]
    ),
    "fa": frozenset(fold(w) for w in ["برنامه", "قانون", "قرار"]),
    "ru": frozenset(),
    "en": _word_set(
        "plan plans schedule rules rule law laws regulations tradition custom protocol script "
        "procedure"
    ),
}


def _plain_word(ctx: _Context, word: str, first: bool) -> bool:
    """True when `word` may stand in a subject as written: no function word or pronoun first,
    no number; inside it, the prepositions of a complement ("مصدر [في] الاتحاد")."""
    lang = ctx.lang
    key = word.lower() if lang in ("en", "ru") else fold(word)
    if not first and key in _INNER_WORDS[lang]:
        return True
    if any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
        return False  # "15", "👇👇"
    if lang in ("ar", "fa"):
        return not ends_phrase(word, lang) and key not in _INNER_WORDS[lang]
    if lang == "en":
        stop = _NP_STOPS["en"] | (_EN_NOT_SUBJECT if first else frozenset())
        return key not in stop and not (first and word[:1].islower() and key == "said")
    if key in _RU_OBJECT_PRONOUNS:
        return False  # "вдруг [им] сообщили"
    return key not in _RU_NOT_DESCRIPTOR and not (first and key in _RU_NOT_SUBJECT)


def _is_inner(ctx: _Context, word: str) -> bool:
    key = word.lower() if ctx.lang in ("en", "ru") else fold(word)
    return key in _INNER_WORDS[ctx.lang]


def _written_words(
    ctx: _Context, pos: int, limit: int, length: int = _WRITTEN_LENGTH, *, first: bool = True
) -> list[tuple[int, int]]:
    """The plain words from `pos`, up to `length`, as (start, end) spans; `first`: they open
    the subject, so no preposition may lead them."""
    words: list[tuple[int, int]] = []
    while len(words) < length:
        word = _WRITTEN_WORD.match(ctx.text, pos, limit)
        if word is None or not _plain_word(ctx, word.group(1), first and not words):
            break
        words.append(word.span(1))
        pos = word.end()
    while words and _is_inner(ctx, ctx.text[slice(*words[-1])]):
        words.pop()  # a complement ends on its noun: not "مصدر في"
    return words


# The clause ends after the subject: a comma, a full stop or the end of the text.
_SUBJECT_CLOSED = re.compile(r"\s*(?:[,،.;؛!?؟]|$)")


_AND_BUT_END = re.compile(r"(?:\b(?:and|but)|(?<!\w)(?:и|а|но))$", re.IGNORECASE)


def _end_before(text: str, pos: int, junk: str = "") -> int:
    """`pos` moved back past white space and the characters of `junk`: where the text before
    `pos`, right-stripped, ends. Only the stripped characters are read, not the whole prefix."""
    while pos > 0 and (text[pos - 1].isspace() or text[pos - 1] in junk):
        pos -= 1
    return pos


def _opens_clause_at(text: str, pos: int) -> bool:
    """True when what stands before `pos` is the start of the text, a mark that ends a clause
    or a comma, perhaps with "and" after it: "[,] according to", "[.] وبحسب"."""
    end = _end_before(text, pos)
    if (conjunction := _AND_BUT_END.search(text, max(0, end - 4), end)) is not None:
        end = _end_before(text, conjunction.start())
    return end == 0 or text[end - 1] in ',،.:;؛!?؟\n«»"“”—–'


def _written_according(
    ctx: _Context, verb: _Verb, limit: int, found: _Mention | None
) -> _Mention | None:
    """The source after "according to" as written, up to the comma or the end of the clause,
    where the phrase opens the clause or follows a comma: "بحسب [الدفاع المدني]،", ", according
    to [local media].", "по данным [двух источников],", "به گفته [یک فروشنده در بازار]،" (an
    unnamed source `found` and its complement); a person named inside it is the speaker:
    "По словам мэра города [Виктора Кравца],"."""
    if not _opens_clause_at(ctx.text, verb.start):
        return None  # "تختلف الأسعار بحسب المنطقة": how, not who
    pos = found.end if found is not None else verb.end
    words = _written_words(ctx, pos, limit, first=found is None)
    start = found.start if found is not None else (words[0][0] if words else pos)
    for end in [w[1] for w in reversed(words)] + ([found.end] if found is not None else []):
        if _SUBJECT_CLOSED.match(ctx.text, end, limit) or end == limit:
            for person in _starting(ctx.persons, ctx.person_starts, start, end):
                if person.end <= end:
                    return _Mention(person.start, person.end, person.text, person.name, None)
            return _as_written(ctx, start, end)
    return None


def _with_article(ctx: _Context, verb: _Verb, mention: _Mention) -> _Mention:
    """A source as written after a glued "ل" that begins with the article's "ل": "وفقا ل[لأمم
    المتحدة]" is "ل" and "الأمم المتحدة", whose "ا" the spelling drops."""
    glued = fold(verb.text).endswith("ل") and mention.start == verb.end
    if not (glued and mention.as_written and mention.text.startswith("ل")):
        return mention
    words = "ا" + mention.text
    return replace(mention, text=words, speaker=words)


def _not_a_source(ctx: _Context, mention: _Mention) -> bool:
    """True for what "according to" follows without anyone saying it: "the plan", "الخطة"."""
    if not mention.as_written:
        return False
    lang = ctx.lang
    words = [w.lower() if lang in ("en", "ru") else fold(w) for w in mention.text.split()]
    words = [w for w in words if w not in _EN_DETERMINERS] if lang == "en" else words
    return bool(words) and words[0] in _NOT_A_SOURCE[lang]  # the head: "[plan]", "[الخطة]"


_SAID_BEFORE_MARKS = ",،—–-"  # and the end of a quotation (see _written_after)
# What may stand before an Arabic verb that opens its clause: "[كما] قال", "[ثم] أضاف", "[لو]
# قال", or the conjunction written on it ("وقال").
_AR_VERB_LEAD = re.compile(
    rf"(?<![{AR_LETTER}])[وف]?"
    rf"{_any_of('كما', 'ثم', 'لو', 'إن', 'إذا', 'بينما', 'فيما', 'حين', 'عندما')}\s*$"
)
# What opens a clause after a verb that needs one, or after a subject as written: the
# complementiser, or a colon or quotation: not "عن" or "على" before a noun ("أعلنت روسيا عن
# لقاح"), nor a quoted name ("أعلنت شركة «مودرنا» نتائج").
_CLAUSE_OPENS = {
    "ar": re.compile(
        rf"[\s،,]*(?:(?:{_AR_PREPOSITION}\s+)?{_AR_THAT}(?![{AR_LETTER}])|:\s*[«\"“]|:\s*$)"
    ),
    "fa": re.compile(r"(?!)"),
    "ru": re.compile(r"\s*(?:,\s*что(?!\w)|:|[«\"„“]|,?\s*[—–])", re.IGNORECASE),
    "en": re.compile(r"[\s,]*(?:that\b|:|[\"“])", re.IGNORECASE),
}


def _written_before(ctx: _Context, clause_start: int, verb: _Verb) -> _Mention | None:
    """The subject that opens the clause before the verb, as written, where no entity names it:
    "[ارتش] در بیانیه‌ای اعلام کرد", "[Авиакомпания] сообщила, что", "[Rescue workers] said";
    after a comma, the words right before the verb: "The storm, [forecasters] said, ..."."""
    if ctx.lang == "ar" and fold(verb.text).lstrip("وف") not in _AR_PRESENT:
        return None  # the Arabic subject follows its verb, but for "[والدته] تقول"
    text = ctx.text
    start = max([clause_start, *(e for _, e in _quotes_ending(ctx, clause_start, verb.start))])
    leads = _SUBJECT_LEAD.get(ctx.lang)
    lead = leads.match(text, start, verb.start) if leads is not None else None
    begins = [lead.end() if lead is not None else start]
    commas = [m.end() for m in _COMMA.finditer(text, start, verb.start)]
    begins += commas[-1:]
    for begin in reversed(begins):
        begin = _SEPARATORS.match(text, begin).end()  # type: ignore[union-attr]
        rank = _RANK_AT[ctx.lang].match(text, begin, verb.start)
        begin = rank.end() if rank is not None else begin  # "[Detective Inspector] Sarah Blake"
        words = _written_words(ctx, begin, verb.start, _SUBJECT_WORDS[ctx.lang])
        near = _starting(ctx.persons, ctx.person_starts, begin - _REACH, verb.start)
        if not words or any(e.end > words[0][0] for e in near):
            continue
        if ctx.lang == "en" and any(text[slice(*w)].lower() in _EN_NOT_SUBJECT for w in words):
            continue  # "Today we", "CDC just", "because I": no subject as written
        for count in range(1, len(words) + 1):
            end = words[count - 1][1]
            if text[slice(*words[count - 1])].lower() in _EN_DETERMINERS:
                continue  # "The said property"
            if count == 1 and text[slice(*words[0])].lower() in _RU_POSSESSIVES:
                continue  # "[Ее] признали": a pronoun, not a subject as written
            if _BEFORE_VERB_GAP[ctx.lang].fullmatch(text, end, verb.start):
                return _as_written(ctx, words[0][0], end)
    return None


_SUBJECT_WORDS = {"ar": 2, "fa": 3, "ru": 3, "en": 3}
_AR_PRESENT = frozenset(fold(v) for v in ["يقول", "تقول"])
_SEPARATORS = re.compile(r"[\s,،—–-]*")
# "В полиции сообщили", "Как пояснили в пресс-службе губернатора,": a Russian plural verb with
# no subject says who spoke by where ("В Минздраве сообщили" -> "Минздраве").
_RU_PLURAL = re.compile(r"(?:ли|ют|ят|ат)$", re.IGNORECASE)
_RU_PLACE_BEFORE = re.compile(
    r"(?:как\s+)?(?:в|во|на)\s+((?:[^\s,.:;!?«»\"—–]+\s+){0,2}?[^\s,.:;!?«»\"—–]+)\s+$",
    re.IGNORECASE,
)
_RU_PLACE_AFTER = re.compile(
    r"\s+(?:в|во|на)\s+((?:[^\s,.:;!?«»\"—–]+\s+){0,2}?[^\s,.:;!?«»\"—–]+)(?=\s*(?:[,.;:!?]|$))",
    re.IGNORECASE,
)


def _impersonal_place(ctx: _Context, clause_start: int, verb: _Verb, limit: int) -> _Mention | None:
    """Where a Russian plural verb with no subject was said, as its speaker: "В [полиции]
    сообщили", "Как пояснили в [пресс-службе губернатора],"."""
    if ctx.lang != "ru" or not _RU_PLURAL.search(verb.text):
        return None
    lead = _SUBJECT_LEAD["ru"].match(ctx.text, clause_start, verb.start)
    begin = lead.end() if lead is not None else clause_start
    when = _RU_TIME_BEFORE.match(ctx.text, begin, verb.start)  # "[В среду] в Кремле заявили"
    begin = when.end() if when is not None else begin
    before = _RU_PLACE_BEFORE.fullmatch(ctx.text, begin, verb.start)
    if before is not None:
        return _ru_place(ctx, *before.span(1))
    after = _RU_PLACE_AFTER.match(ctx.text, verb.end, limit)
    if after is not None and ctx.text[clause_start : verb.start].strip(" ,").lower() in ("как", ""):
        return _ru_place(ctx, *after.span(1))
    return None


# When, and discourse phrases, are no place: "В [четверг] заявили", "На [этой неделе]", "В
# [2023 году]", "В [ответ]", "В [итоге]", "В [конце концов]".
_RU_NOT_PLACE = _word_set(
    "понедельник вторник среду четверг пятницу субботу воскресенье январе феврале марте апреле "
    "мае июне июле августе сентябре октябре ноябре декабре году годах года годы веке неделе "
    "неделю месяце днях дни день время итоге ответ конце концов результате частности целом "
    "очередь связи числе рамках случае ходе начале середине период момент дальнейшем будущем "
    "прошлом утро утром вечер вечером ночь ночью выходные этой этом этот эти прошлой прошлом "
    "следующей текущем нынешнем том свою целях итогам течение противном общем принципе сути "
    "основном первую вторую очереди"
)
_RU_TIME_BEFORE = re.compile(
    rf"(?:[\s,]*(?:{'|'.join(_FRAME['ru'][:2])})(?!\w))+\s*", re.IGNORECASE
)


def _ru_place(ctx: _Context, start: int, end: int) -> _Mention | None:
    """The place `text[start:end]` as the speaker, unless it says when or how."""
    words = ctx.text[start:end].lower().split()
    if any(w in _RU_NOT_PLACE or any(c.isdigit() for c in w) for w in words):
        return None
    return _as_written(ctx, start, end)


# After an Arabic verb, what says how or when it was said, not who said it: an adverb or a
# circumstantial accusative ("مجددا", "مبتسما", "حرفيا", "متحدثا"), and a few words and phrases
# that end otherwise ("بدوره", "حينها", "مرة أخرى", "بالقول"). An accusative is an undefined
# word in "-ا" that no entity names ("روسيا", "أمريكا") and that is no possessive ("والدتها",
# "مراسلنا") or function word ("هذا", "إذا").
_AR_ADVERB_WORDS = frozenset(
    fold(w)
    for w in _word_set(
        "بدوره بدورها بدورهم بدورهما حينها عندها وقتها يومها حينئذ عندئذ كذلك بالقول صراحة "
        "بصراحة بوضوح بشدة علنا"
    )
)
_AR_NOT_ADVERB = frozenset(
    fold(w) for w in _word_set("هذا لا ما إذا كما لما إنما بينما عندما كلما حيثما مهما")
)
_AR_ADVERB_PHRASE = re.compile(
    rf"[\s،,]*{_any_of('مرة أخرى', 'مرة ثانية', 'من جديد', 'فيما بعد', 'بعد ذلك')}"
    rf"(?![{AR_LETTER}])"
)
_AR_WORD_AT = re.compile(rf"[\s،,]*([{AR_LETTER}]+)")
_AR_PHRASE_PREPOSITIONS = (
    "في من أمام خلال عقب لدى بعد قبل عند أثناء إثر عبر على إلى الى عن مع حول بشأن وسط تجاه "
    "نحو ضمن منذ حتى بين دون"
)
# What opens a phrase after the verb, whose words are none of them its subject: "في مقابلة
# تلفزيونية", "خلال لقائه نظيره الفرنسي", "للصحفيين", "لوكالة رويترز", "بالقول".
_AR_PHRASE_OPENS = re.compile(
    rf"[\s،,]*(?:{_any_of(*_AR_PHRASE_PREPOSITIONS.split())}"
    rf"(?![{AR_LETTER}])|{_AR_TO_WHOM_BEFORE_SPEAKER}|{_any_of('بال')})"
)


_AR_GLUED_PREPOSITION = re.compile(r"\s*[لب]ـ?\s*")


def _is_ar_adverb(ctx: _Context, start: int, word: str) -> bool:
    key = fold(word)
    if key in _AR_ADVERB_WORDS:
        return True
    accusative = len(key) >= 3 and key.endswith("ا") and not key.startswith("ال")
    if not accusative or key in _AR_NOT_ADVERB or key.endswith(("ها", "نا", "هما", "وا")):
        return False
    return _entity_at(ctx, start) is None


def _entity_at(ctx: _Context, pos: int) -> tuple[int, int] | None:
    """The span of an entity (of any label) that holds `pos`."""
    index = bisect.bisect_right(ctx.named, (pos, len(ctx.text) + 1)) - 1
    while index >= 0 and ctx.named[index][0] > pos - _ENTITY_REACH:
        start, end = ctx.named[index]
        if start <= pos < end:
            return (start, end)
        index -= 1
    return None


_ENTITY_REACH = 200  # an entity is no longer than this


def _past_ar_adverbs(ctx: _Context, pos: int, limit: int) -> int:
    """Past the Arabic adverbs at `pos`: "وقال [مبتسما] إن", "وشدد [مرة أخرى] على أن"."""
    end = pos
    while end < limit:
        phrase = _AR_ADVERB_PHRASE.match(ctx.text, end, limit)
        if phrase is not None:
            end = phrase.end()
            continue
        word = _AR_WORD_AT.match(ctx.text, end, limit)
        if word is None or not _is_ar_adverb(ctx, word.start(1), word.group(1)):
            break
        end = word.end()
    return end


def _written_after(ctx: _Context, verb: _Verb, pos: int, limit: int) -> _Mention | None:
    """The Arabic or Russian subject after the verb as written, where no entity names it:
    "وقال [الجيش] في بيان إن", "«...»، قالت [النيابة العامة] في بيان مقتضب.", "..., предупредил
    [банк] в квартальном обзоре.", "Как сообщают [местные СМИ], ..."."""
    text = ctx.text
    if ctx.lang == "ar":
        attached = verb.text[:1] in ("و", "ف")  # "وقال"
        lead = _AR_VERB_LEAD.search(text, max(0, verb.start - 30), verb.start)
        if not (attached or lead or _opens_clause_at(text, verb.start)):
            return None  # "الذي أعلن فيه", "بعد كشف روسيا": a relative clause or a noun
    words = _written_words(ctx, pos, limit, _WRITTEN_AFTER_WORDS[ctx.lang])
    opens = _CLAUSE_OPENS[ctx.lang]
    # After a quotation or a comma, the subject may close the clause: "«...»، قالت [X].", and
    # so may "как": "Как сообщают [X], ..."
    before = _end_before(text, verb.start, ",،—–-")
    # not a quoted name: "«Макдоналдс»"
    quoted = any(end == before for _, end in _quotes_ending(ctx, before - 1, before))
    last = _end_before(text, verb.start)
    said_before = quoted or last == 0 or text[last - 1] in _SAID_BEFORE_MARKS
    as_before = _RU_AS_BEFORE.search(text, max(0, verb.start - 20), verb.start) is not None
    said_before = said_before or as_before
    if ctx.lang == "ru" and not said_before:
        return None  # the Russian subject stands before the verb unless the verb is inverted
    for count in range(1, len(words) + 1):
        end = words[count - 1][1]
        if opens.match(text, _content_start(ctx, end, verb, limit, places=False)):
            return _as_written(ctx, words[0][0], end)
        rest = text[end:limit]
        tail = _TAIL[ctx.lang].fullmatch(text, end, limit)
        detail = ctx.lang == "ru" and _RU_DETAIL_TO_END.fullmatch(text, end, limit)
        if said_before and (not rest.strip(" \t\n.،,") or tail or detail):
            return _as_written(ctx, words[0][0], end)  # nothing said after it
        if as_before and _SUBJECT_CLOSED.match(text, end, limit):
            return _as_written(ctx, words[0][0], end)  # "Как пишут [местные газеты], ..."
    return None


_WRITTEN_AFTER_WORDS = {"ar": _WRITTEN_LENGTH, "ru": 3}
_RU_AS_BEFORE = re.compile(r"(?<!\w)как\s*$", re.IGNORECASE)
# Where a Russian speaker after the verb is from, up to the end: "банк [в квартальном обзоре]."
_RU_DETAIL_TO_END = re.compile(r"\s+(?:в|во|на|из|при|у)\s[^,.;:!?«»\"—–]{1,50}[.,;!?]?\s*", re.I)


_WORDS = re.compile(r"(?:\s+[^\W\d_]+)+")


def _past_post(ctx: _Context, mention: _Mention, verb: _Verb, limit: int) -> _Mention:
    """A post named after the verb, past what it is of, up to what was said: "قال [مدير عام
    الأرصاد الجوية] في خراسان إن"."""
    end = _past_source_detail(ctx, mention.end, verb, limit)
    if ctx.lang == "ru" and mention.post and end == mention.end:
        end = _ru_genitive_end(ctx, mention.end, limit)  # "сказал представитель [городской думы]."
    if not mention.as_written or not _WORDS.fullmatch(ctx.text, mention.end, end):
        return mention  # none, or not words: "#العربية_صحة https"
    words = " ".join(ctx.text[mention.start : end].split())
    return replace(mention, end=end, text=words, speaker=words)


def _ru_genitive_end(ctx: _Context, pos: int, limit: int) -> int:
    """End of what a Russian post after its verb is of, where the clause ends after it: "сказал
    представитель [городской думы].", "— заявил пресс-секретарь [министерства]"."""
    words = _written_words(ctx, pos, limit, 3, first=True)
    for count in range(len(words), 0, -1):
        end = words[count - 1][1]
        if _SUBJECT_CLOSED.match(ctx.text, end, limit) or end == limit:
            return end
    return pos


# What an unnamed subject or a post is of, up to its verb: "The head [of the regional weather
# office] said", "A source familiar [with the negotiations] told", "یک منبع [در شهرداری] گفت",
# "Источник [в правительстве] сообщил", and, for a Russian post, its genitive: "Представитель
# [аэропорта] сообщила". When and how it was said stays out: "A resident [in Leeds] on Monday
# said", "ارتش در بیانیه‌ای اعلام کرد".
_COMPLEMENT_OPENERS = {
    "fa": frozenset(fold(w) for w in ["در", "از"]),
    "ru": _word_set("в во на из при у с со по"),
    "en": _word_set("of for to with at in from on near inside outside close"),
}
_BEFORE_VERB_GAP = {
    "ar": re.compile(rf"(?:{_FRAMES['ar']})?\s*"),
    "fa": _FA_LEAD,
    "ru": re.compile(
        rf"(?:{_FRAMES['ru']}|\s+(?:также|ранее|вчера|сегодня|уже|тоже|официально|сама|сам|само"
        r"|сами|лично|тогда|вдруг|снова|вновь|опять|ещё|еще|позже|позднее|затем|потом|наконец"
        r"|сразу|публично|неоднократно))*\s*",
        re.IGNORECASE,
    ),
    "en": re.compile(
        rf"(?:{_FRAMES['en']}|\s+(?:(?!family|assembly|supply|rally|july|italy)\w+ly|also|now"
        r"|still|often|has|have|just|already|again|always|once|then|too|even|sometimes|first"
        r"|later|ever))*\s*",
        re.I,
    ),
}
_COMPLEMENT_WORDS = 6


def _past_complement(ctx: _Context, mention: _Mention, verb: _Verb) -> _Mention:
    """An unnamed subject or a post before the verb, with what it is of. A Persian post takes
    its genitive in it ("مدیرکل هواشناسی خراسان رضوی"); a phrase after it is where it spoke:
    "رئیس جمهور [در سفر به استان خوزستان] گفت"."""
    text, lang = ctx.text, ctx.lang
    if lang == "fa" and mention.post:
        return mention
    gap = _BEFORE_VERB_GAP[lang]
    words: list[tuple[int, int]] = []
    pos = mention.end
    while len(words) < _COMPLEMENT_WORDS:
        word = _WRITTEN_WORD.match(text, pos, verb.start)
        if word is None:
            break
        words.append(word.span(1))
        pos = word.end()
    if not words:
        return mention
    first = text[slice(*words[0])]
    key = first.lower() if lang in ("en", "ru") else fold(first)
    genitive = lang == "ru" and mention.post and key not in _RU_NOT_DESCRIPTOR
    if key not in _COMPLEMENT_OPENERS[lang] and not genitive:
        return mention
    if not genitive and _FRAMES_AT[lang].match(text, mention.end, verb.start):
        return mention  # "on Monday", "در بیانیه‌ای": when and how, not who
    for count in range(1 if genitive else 2, len(words) + 1):
        end = words[count - 1][1]
        last = text[slice(*words[count - 1])]
        if not _plain_word(ctx, last, True) or last.lower() in _EN_DETERMINERS:
            continue  # a complement ends on its noun: not "A lawyer for [the]"
        if gap.fullmatch(text, end, verb.start):
            return _extended(ctx, mention, end)
    return mention


def _past_addressee(ctx: _Context, outlet: _Mention, verb: _Verb, limit: int) -> _Mention | None:
    """The speaker after a Russian verb whose first mention is an organisation: the one named
    after it when there is one ("сообщила «Интерфаксу» защитница Мария Иванова", "заявил РИА
    Новости источник"), none when what was said follows it (it is the addressee: "сообщил
    «Интерфаксу», что"), else the organisation itself ("как сообщает Росстат")."""
    close = _CLOSING_QUOTE.match(ctx.text, outlet.end)
    pos = close.end() if close is not None else outlet.end
    following = _mention_at(ctx, pos, limit) or _described_person(ctx, pos, limit)
    if following is None and (following := _unnamed_at(ctx, pos, limit)) is not None:
        end = _past_source_detail(ctx, following.end, verb, limit)
        following = _extended(ctx, following, end)
    if following is not None and not following.organisation:
        return following
    return None if _OPENS_AT[ctx.lang].match(ctx.text, pos) else outlet


_CLOSING_QUOTE = re.compile(r"[»\"”“]")
# Lower-case words before a Russian name after the verb: "заявила правозащитница Мария
# Иванова", "сказал премьер-министр Михаил Мишустин", "сказал жителям Иван Петров".
_RU_DESCRIBED = re.compile(r"\s*((?:[а-яё][а-яё-]*\s+){1,5})(?=[А-ЯЁ])")
_RU_NOT_DESCRIPTOR = frozenset(f"{_RU_NP_STOPS} что чтобы это этом об".split())
# Inside a long description, what the post is of: "заместитель мэра [по] транспорту"
_RU_DESCRIPTOR_LINKS = _word_set("по при в на")


def _is_feminine_form(person: Entity) -> bool:
    """True when a Russian name reads as a woman's in the nominative ("Амина Юсупова"), whose
    lemma the entity finder gave in the masculine ("Амин Юсупов")."""
    words = person.text.split()
    return len(words) >= 2 and all(w.endswith(("а", "я")) for w in words)


def _described_person(
    ctx: _Context, pos: int, limit: int, feminine: bool | None = None
) -> _Mention | None:
    if ctx.lang != "ru":
        return None
    match = _RU_DESCRIBED.match(ctx.text, pos, limit)
    if match is None:
        return None
    words = match.group(1).split()
    if not words or words[0] in _RU_NOT_DESCRIPTOR:
        return None
    if any(w in _RU_NOT_DESCRIPTOR and w not in _RU_DESCRIPTOR_LINKS for w in words):
        return None
    for person in _starting(ctx.persons, ctx.person_starts, match.end(), match.end() + 1):
        nominative = _is_nominative(person) or (feminine and _is_feminine_form(person))
        if nominative:  # not "сказал премьеру Ивану"
            described = ctx.text[match.start(1) : person.end]
            return _Mention(match.start(1), person.end, described, person.name, None)
    return None


# An outlet's kind before its name, after "according to": "به گزارش خبرگزاری ایسنا", "وفقا
# لوكالة رويترز", "по данным агентства Bloomberg", "according to the news agency Tass".
_OUTLET = {
    "ar": _any_of("وكالة أنباء", "وكالة", "صحيفة", "جريدة", "موقع", "قناة", "مراسل"),
    "fa": _any_of("پایگاه خبری", "خبرگزاری", "روزنامه", "پایگاه", "خبرنگار", "شبکه", "سایت"),
    "ru": r"(?:агентств|газет|издани|телеканал|радиостанци|портал)[а-я]*",
    "en": r"(?:the )?(?:news agency|newspaper|broadcaster|agency|website)",
}
_OUTLET_AT = {
    lang: re.compile(rf"\s*(?:{head})[\s\u200c]+", _FLAGS[lang]) for lang, head in _OUTLET.items()
}


def _outlet_subject(ctx: _Context, clause_start: int, verb: _Verb) -> _Mention | None:
    """An outlet named by its kind and a name that is no entity, opening the clause right
    before the verb: "[روزنامه کیهان] نوشت که", "[خبرگزاری فارس] گزارش داد"."""
    if ctx.lang != "fa":
        return None
    begin = _SUBJECT_LEAD["fa"].match(ctx.text, clause_start, verb.start).end()  # type: ignore[union-attr]
    outlet = _outlet_at(ctx, begin, verb.start)
    head = _OUTLET_AT["fa"].match(ctx.text, begin, verb.start)
    if outlet is None and head is not None:
        end = _noun_phrase_end(ctx, head.start() + len(head.group().rstrip()), verb.start)
        words = " ".join(ctx.text[begin:end].split())
        named = len(words.split()) > len(head.group().split())
        outlet = _Mention(begin, end, words, words, None, True) if named else None
    if outlet is None:
        return None
    gap = ctx.text[outlet.end : verb.start]
    return outlet if not gap.strip() or _FA_LEAD.fullmatch(gap) else None


def _cited_after_verb(ctx: _Context, outlet: _Mention, verb: _Verb, limit: int) -> _Mention | None:
    """The source an outlet cites right after its verb: "Reuters reported[, citing two
    sources,] that"."""
    link = _CITING["en"].match(ctx.text, verb.end, limit)
    if link is None:
        return None
    source = _source_at(ctx, link.end(), verb, limit)
    if source is None:
        return None
    start = _attribution_start(ctx, verb, outlet, False)
    return _relayed(ctx, start, source)


def _outlet_at(ctx: _Context, pos: int, limit: int) -> _Mention | None:
    head = _OUTLET_AT[ctx.lang].match(ctx.text, pos, limit)
    if head is None:
        return None
    start = head.start() + len(head.group()) - len(head.group().lstrip())
    named = _mention_at(ctx, head.end(), limit)
    if named is not None and named.organisation:
        end = named.end  # with the closing mark of a quoted name: "газета «Ведомости»"
        opened = ctx.text[head.end() : named.start].strip()[-1:]
        if opened and ctx.text[end : end + 1] == _QUOTE_PAIRS.get(opened):
            end += 1
        return _Mention(start, end, ctx.text[start:end], named.speaker, None, True)
    title = _OUTLET_TITLE[ctx.lang].match(ctx.text, head.end(), limit)
    if title is None:
        return None
    words = " ".join(ctx.text[start : title.end()].split())
    return _Mention(start, title.end(), words, words, None, True)


# An outlet's name that is no entity: in quotation marks, or Arabic defined words ("صحيفة
# الأخبار اللبنانية").
_OUTLET_TITLE = {
    lang: re.compile(
        r"[«\"“][^»\"”\n]{1,40}[»\"”]"
        + (rf"|ال[{AR_LETTER}]+(?:\s+ال[{AR_LETTER}]+){{0,2}}" if lang == "ar" else "")
    )
    for lang in _OUTLET
}


# --- Sources relayed by an outlet ----------------------------------------------------------
# "نقلت صحيفة الأهرام عن مصدر مسؤول قوله إن", "Reuters quoted a senior official as saying",
# "РИА Новости со ссылкой на источник в правительстве сообщает", "ایسنا به نقل از یک منبع آگاه
# نوشت": the source said it, so the source is the speaker. A statement has no field for the
# outlet, so the mention keeps it as written, from the outlet to the source.

# After a citing verb: the outlet and "عن" ("نقلت [صحيفة الأهرام] عن"), or the source and "as
# saying" ("quoted [a senior official] as saying"). Without them the verb relays nothing.
_EN_SOURCE_BREAKS = '.;:!?"“”'
_CITE_FRAME = {
    "ar": re.compile(
        rf"(?P<outlet>(?:\s+[^\s،,.:;؛«»\"]+){{0,4}}?)\s+{tolerant_pattern('عن')}(?=\s)"
    ),
    "en": re.compile(
        f"(?P<source>{_up_to(_EN_SOURCE_BREAKS)}{{1,80}}?)" r"\s+as\s+saying\b", re.IGNORECASE
    ),
}
# What stands between the source and what it said: "قوله إن", "as saying that".
_SAYING = {
    "ar": re.compile(rf"\s*{_any_of('قوله', 'قولها', 'قولهم', 'قولهما')}(?![{AR_LETTER}])"),
    "en": re.compile(r"\s*as\s+saying\b", re.IGNORECASE),
}
# After an outlet, the link to the source it relays.
_CITING = {
    "fa": re.compile(rf"[\s\u200c]+{tolerant_pattern('به نقل از')}[\s\u200c]+"),
    "ru": re.compile(r"\s+со\s+ссылкой\s+на\s+", re.IGNORECASE),
    "en": re.compile(r"\s*,?\s*(?:citing|quoting)\s+", re.IGNORECASE),
}
# An outlet's kind right before its name: "[خبرگزاری] ایسنا", "[the news agency] Tass".
_OUTLET_BEFORE = {
    lang: re.compile(rf"(?:{head})[\s\u200c]+$", _FLAGS[lang]) for lang, head in _OUTLET.items()
}
# Up to the end of the clause: where a source's detail may end ("источник [в правительстве]").
_SOURCE_DETAIL = re.compile(_up_to(',.;:!?،؛«»"“”—–') + "*")
_DETAIL_WORDS = 3
_DETAIL_LENGTH = 5  # words of a complement after the verb: "عضو [في مجلس إدارة النادي]"
# A clause set off by commas after a speaker: "، طلب عدم الكشف عن اسمه،", ", who asked not to
# be named,".
_ASIDE = re.compile(r"\s*[،,][^،,.:;؛!?؟«»\"]{1,60}[،,]")
# What opens what was said after a speaker's complement; in English not a determiner, which
# opens the complement's own noun ("said a resident of [the] town.").
_DETAIL_OPENS = {
    **_OPENS_AT,
    "en": re.compile(r"[\s,]*(?:that\b|[:\"“‘])", re.IGNORECASE),
}


def _source_after_citing_verb(
    ctx: _Context, verb: _Verb, clause_start: int, limit: int
) -> _Mention | None:
    """The source a citing verb relays: "نقلت [صحيفة الأهرام] عن [مصدر مسؤول]", "[Reuters]
    quoted [a senior official] as saying"; None when no source is named there."""
    text = ctx.text
    frame = _CITE_FRAME[ctx.lang].match(text, verb.end, limit)
    if frame is None:
        return None
    if ctx.lang == "ar":
        source = _source_at(ctx, frame.end(), verb, limit)
        # "ونقل عن مصدر": no outlet named, the mention is the source's
        outlet = frame.group("outlet")
        start = frame.end("outlet") - len(outlet.lstrip()) if outlet.strip() else -1
    else:
        source = _source_at(ctx, verb.end, verb, frame.end("source"))
        subject = _subject_right_before(ctx, clause_start, verb)
        start = subject.start if subject is not None else -1
        if source is not None and source.as_written:
            source = _named_after_comma(ctx, source, frame.end("source")) or source
    if source is None:
        return None
    return _relayed(ctx, start if 0 <= start < source.start else source.start, source)


def _named_after_comma(ctx: _Context, source: _Mention, limit: int) -> _Mention | None:
    """The person named in apposition after a post or source, up to `limit`: "the mayor of the
    town, [Idris Bello], as saying"."""
    near = source.end + _ROLE_WINDOW + 1
    for person in _starting(ctx.persons, ctx.person_starts, source.end, near):
        if person.end <= limit:
            gap = ctx.text[source.end : person.start]
            if _COMMA.search(gap) and len(gap) <= _ROLE_WINDOW and not _CLAUSE_BREAK.search(gap):
                end = person.end
                return _Mention(source.start, end, ctx.text[source.start : end], person.name, None)
    return None


def _subject_right_before(ctx: _Context, clause_start: int, verb: _Verb) -> _Mention | None:
    """The subject that ends right before the verb: "[Reuters] quoted", "[The newspaper] quoted"."""
    found = _mentions_before(ctx, clause_start, verb.start)
    unnamed = _unnamed_subject(ctx, clause_start, verb.start)
    for mention in (found[-1] if found else None, unnamed):
        if mention is not None and not ctx.text[mention.end : verb.start].strip():
            return mention
    return None


def _cited_by(ctx: _Context, outlet: _Mention, verb: _Verb, limit: int) -> _Mention | None:
    """The source an outlet relays, named after it: "ТАСС [со ссылкой на источник]", "ایسنا [به
    نقل از یک منبع آگاه]", "Reuters[, citing a senior official]"."""
    link = _CITING.get(ctx.lang)
    match = link.match(ctx.text, outlet.end, limit) if link is not None else None
    if match is None:
        return None
    source = _source_at(ctx, match.end(), verb, limit)
    if source is None:
        return None
    head = _OUTLET_BEFORE[ctx.lang].search(ctx.text, max(0, outlet.start - 40), outlet.start)
    return _relayed(ctx, head.start() if head is not None else outlet.start, source)


def _cited_subject(ctx: _Context, candidates: list[_Mention], verb: _Verb) -> _Mention | None:
    """The source relayed by an outlet that is the subject of the verb after it: "РИА Новости со
    ссылкой на источник в правительстве сообщает", "ایسنا به نقل از یک منبع آگاه نوشت"."""
    for outlet in candidates:
        if not outlet.organisation:
            continue
        cited = _cited_by(ctx, outlet, verb, verb.start)
        gap = ctx.text[cited.end : verb.start] if cited is not None else ""
        if cited is not None and (not gap.strip(" \t\n,،") or _FA_LEAD.fullmatch(gap)):
            return cited
    return None


def _source_at(ctx: _Context, pos: int, verb: _Verb, limit: int) -> _Mention | None:
    """The source named at `pos` (a person, post, organisation or unnamed source) and where it
    stands: "مصدر مسؤول", "источник [в правительстве]", "a senior official"."""
    source = (
        _mention_at(ctx, pos, limit)
        or _described_person(ctx, pos, limit)
        or _unnamed_at(ctx, pos, limit)
    )
    if source is None:
        return _source_as_written(ctx, pos, limit)
    opens = _OPENS_AT.get(ctx.lang)
    start = _content_start(ctx, source.end, verb, limit, places=False)
    if opens is not None and opens.match(ctx.text, start):
        return source  # what was said follows: "مصدر مسؤول [قوله] إن"
    end = _past_source_detail(ctx, source.end, verb, limit)
    if end == source.end:  # the clause ends after a few words: "источник в правительстве."
        rest = _SOURCE_DETAIL.match(ctx.text, end, limit)
        if rest is not None and len(rest.group().split()) <= _DETAIL_WORDS:
            end += len(rest.group().rstrip())
    return _extended(ctx, source, end)


# A source that is no entity, after a link that can only introduce one: "به نقل از [روابط عمومی
# وزارت نیرو]،", "со ссылкой на [пресс-службу Минфина],", "عن [البيت الأبيض] قوله". Not in
# English, where "citing higher costs" cites a reason.
_SOURCE_WORDS = 5
_AR_SOURCE_WORDS = re.compile(
    rf"\s*((?:[^\s،,.:;؛«»\"]+\s+){{0,{_SOURCE_WORDS - 1}}}?[^\s،,.:;؛«»\"]+)"
    rf"(?={_SAYING['ar'].pattern})"
)


def _source_as_written(ctx: _Context, pos: int, limit: int) -> _Mention | None:
    """The words at `pos` up to "قوله" (Arabic) or to the end of the clause (Persian, Russian),
    as the speaker; None in English or when they are too many to be a name."""
    if ctx.lang == "ar":
        match = _AR_SOURCE_WORDS.match(ctx.text, pos, limit)
        span = match.span(1) if match is not None else None
    elif ctx.lang in ("fa", "ru"):
        begin = _SPACES.match(ctx.text, pos, limit).end()  # type: ignore[union-attr]
        rest = _SOURCE_DETAIL.match(ctx.text, begin, limit)
        words = rest.group() if rest is not None else ""
        ok = 1 <= len(words.split()) <= _SOURCE_WORDS
        span = (begin, begin + len(words.rstrip())) if ok else None
    else:
        span = None
    if span is None:
        return None
    words = " ".join(ctx.text[span[0] : span[1]].split())
    return _Mention(span[0], span[1], words, words, None)


def _relayed(ctx: _Context, start: int, source: _Mention) -> _Mention:
    """`source` as the speaker, named as written from the outlet at `start` to the source."""
    named = " ".join(ctx.text[start : source.end].split())
    return _Mention(
        start,
        source.end,
        named,
        source.speaker,
        source.feminine,
        source.organisation,
        relayed=True,
    )


# After an unnamed speaker named after an English verb, the clause ends, perhaps after where
# they are from: '"...," said one commuter.', "said a resident of the town, ".
_EN_CLAUSE_END = re.compile(
    r"(?:\s+(?:of|from|in|at|near|on|outside|who|whose)\b" + _up_to('.,;:!?"”’') + r"{0,60})?"
    r"\s*(?:[.,;:!?\"”’)—–-]|$)",
    re.IGNORECASE,
)


def _past_source_detail(ctx: _Context, pos: int, verb: _Verb, limit: int) -> int:
    """Past what places an unnamed speaker, where what was said follows it: "وقال مصدر مطلع
    [في الوزارة] إن", "said a resident [of the town] that". The place is the speaker's
    complement here ("سكان [في الحي]"), not where it was said."""
    opens = _DETAIL_OPENS.get(ctx.lang)
    end = pos
    for _ in range(_DETAIL_LENGTH + 1):
        start = _content_start(ctx, end, verb, limit, places=False)
        if opens is None or opens.match(ctx.text, start):
            return end
        aside = _ASIDE.match(ctx.text, end, limit)  # "مسؤول رفيع في الوزارة[، طلب عدم ...،] أن"
        if end > pos and aside is not None and opens.match(ctx.text, aside.end()):
            return end
        word = _NEXT_WORD.match(ctx.text, end, limit)
        if word is None:
            break
        end = word.end()
    return pos


def _joined_after(ctx: _Context, mention: _Mention, limit: int) -> list[_Mention]:
    """`mention` and the speakers joined to it by "and": "وقال أحمد حسن ومحمد علي إن"."""
    joined = [mention]
    while (conjunction := _AND_AT[ctx.lang].match(ctx.text, joined[-1].end, limit)) is not None:
        following = _mention_at(ctx, conjunction.end(), limit)
        if following is None:
            break
        joined.append(following)
    return joined


def _joined_around(ctx: _Context, candidates: list[_Mention], index: int) -> list[_Mention]:
    """candidates[index] and those listed with it: "Whitcombe and Smith", "A, B and C said".

    A comma lists a speaker only in a list that "and" closes, so "Okafor, a lecturer, said"
    or "X met Y, and Z said" names one speaker.
    """
    gaps: list[str | None] = []  # how each candidate is joined to the next: "and", "," or not
    for left, right in itertools.pairwise(candidates):
        join = _JOIN[ctx.lang].fullmatch(ctx.text, left.end, right.start)
        if join is None or not (join.group("comma") or join.group("and")):
            gaps.append(None)
        elif not join.group("and"):
            gaps.append(",")
        else:  # ", and" ends a list ("A, B, and C"); after one name it starts a clause
            gaps.append("and" if not join.group("comma") or gaps[-1:] == [","] else None)
    first = index
    while first > 0 and (gaps[first - 1] == "and" or (gaps[first - 1] and first < index)):
        first -= 1
    last = end = index
    while end < len(gaps) and gaps[end] is not None:
        end += 1
        if gaps[end - 1] == "and":
            last = end
    return candidates[first : last + 1]


def _past_apposition(ctx: _Context, pos: int, verb: _Verb) -> int:
    """Past the post after a speaker's name: "وقال أحمد حسن وزير الخارجية إن" -> before "إن".

    Only where what was said opens after it, so a content that starts with a role stays whole.
    """
    if ctx.lang != "ar":
        return pos
    role = next(iter(_starting(ctx.roles, ctx.role_starts, pos, pos + _REACH)), None)
    if role is None or ctx.text[pos : role.start].strip():
        return pos
    end = post_end(ctx.text, role.end, ctx.lang)
    opens = _OPENS_AT[ctx.lang].match(ctx.text, _content_start(ctx, end, verb, len(ctx.text)))
    return end if opens else pos


def _content_start(ctx: _Context, pos: int, verb: _Verb, limit: int, *, places: bool = True) -> int:
    """Where what was said may begin after `pos`: past the addressee of "told" and the frames;
    with `places`, also past where it was said ("قال مدبولي [في القاهرة] إن")."""
    start = pos
    saying = _SAYING.get(ctx.lang) if verb.cites else None
    if saying is not None and (said := saying.match(ctx.text, start, limit)) is not None:
        start = said.end()  # "قوله إن", "as saying that"
    if ctx.lang == "en" and verb.text.lower() == "told":
        told = _EN_TOLD.match(ctx.text, start, limit)
        start = told.end() if told else start
    frames = _FRAMES_BEFORE_CONTENT.get(ctx.lang)
    if ctx.lang == "ar" and (adverbs := _past_ar_adverbs(ctx, start, limit)) > start:
        # "وأكد [مجددا] أن", "وقال [متحدثا] للصحفيين إن", "وشدد [مرة أخرى] على أن"
        opens = _OPENS_AT["ar"].match(ctx.text, adverbs) or _FRAMES_BEFORE_CONTENT["ar"].match(
            ctx.text, adverbs
        )
        place = places and _AR_BEFORE_THAT.match(ctx.text, adverbs)
        start = adverbs if opens or place else start
    match = frames.match(ctx.text, start) if frames is not None else None
    start = match.end() if match else start
    if not places:
        return start if start <= limit else pos
    if ctx.lang == "en" and (loose := _EN_BEFORE_THAT.match(ctx.text, start)) is not None:
        start = loose.end()
    if ctx.lang == "ru" and (loose := _RU_BEFORE_THAT.match(ctx.text, start)) is not None:
        start = loose.end()
    if ctx.lang == "ar" and (place := _AR_BEFORE_THAT.match(ctx.text, start)) is not None:
        start = place.end()
    return start if start <= limit else pos


# Before "إن/أن" only, where and when, opened by a preposition: "قال مدبولي [في القاهرة] إن",
# "أكد [على هامش القمة] أن"; not "قال في حين أن". Also before a comma and the preposition the
# verb governs: "وأشاد [في هذا اللقاء]، بالدعم", "ودعا [في كلمته]، إلى وقف".
_AR_TOKEN = r"[^\s،,.:;؛«»\"]+"
_AR_PLACE_OPENERS = "في من أمام خلال عقب لدى بعد قبل عند أثناء"
_AR_BEFORE_THAT = re.compile(
    rf"\s+{_any_of(*_AR_PLACE_OPENERS.split(), 'على هامش')}"
    rf"(?!\s+{_any_of('حين')}(?![{AR_LETTER}]))(?:\s+{_AR_TOKEN}){{1,4}}?"
    rf"(?=\s*[،,]?\s*(?:{_AR_PREPOSITION}\s+)?{_AR_THAT}(?![{AR_LETTER}])"
    rf"|\s*[،,]\s*(?:ب(?=[{AR_LETTER}])|{_any_of('إلى', 'على')}(?![{AR_LETTER}])))"
)
# Before ", что" only, to whom, where and about what: "сказал жителям, что", "заявил журналистам
# в Москве, что", "сообщил «Интерфаксу», что", "заявил о том, что"; not "то же, что".
_RU_BEFORE_THAT = re.compile(
    r"(?:\s+(?!(?:то|так|тем|же|и|не)(?!\w))[^\s,.:;!?—–]+){1,4}?(?=\s*,\s*что(?!\w))",
    re.IGNORECASE,
)


# "and", "but" before a verb with no subject of its own: "said ..., but warned that", "сообщила
# ..., но предупредила", "گفت ...، اما هشدار داد".
_CONJOINED = re.compile(rf"(?:(?<!\w)(?:and|but|и|но|а|{_any_of('اما', 'ولی', 'و')})\s+|[,،]\s*)$")


def _is_conjoined(text: str, verb: _Verb) -> bool:
    """ "وأعلن", "and added": a verb that shares the subject of the one before it."""
    word = text[verb.start : verb.end]
    return (
        word.startswith("و")
        or _CONJOINED.search(text, max(0, verb.start - 6), verb.start) is not None
    )


def _is_said_then_name(ctx: _Context, verb: _Verb, clause_start: int) -> bool:
    """English inversion: '..." said Smith', 'said the ambassador' right after a quote, or
    'Said Daniel Okafor: "..."' opening the sentence."""
    before = ctx.text[max(0, verb.start - 4) : verb.start]
    opens = not ctx.text[clause_start : verb.start].strip(" \t\n\"“‘'")
    return opens or bool(re.search(r"[\"”’,]\s*$", before))


# A subject that is not the speaker before: the writer ("I told him", "мы сообщили"), or, after
# an Arabic relative pronoun, the subject after the verb ("الذي أعلنت عنه الصين").
_OWN_SUBJECT_BEFORE = {
    "ar": re.compile(
        rf"(?<![{AR_LETTER}]){_any_of('الذي', 'التي', 'الذين', 'اللذين', 'اللتين')}\s*$"
    ),
    "fa": re.compile(r"(?!)"),
    "ru": re.compile(r"(?<!\w)(?:я|мы)\s+(?:\w+\s+)?$", re.IGNORECASE),
    "en": re.compile(r"\b(?:I|we)\s+(?:\w+\s+)?$", re.IGNORECASE),
}


def _has_own_subject(ctx: _Context, verb: _Verb, clause_start: int) -> bool:
    """True when the verb has a subject of its own that is no speaker: "I told him", "الذي
    أعلنت عنه الصين"; it continues nobody's statement."""
    before = _OWN_SUBJECT_BEFORE[ctx.lang]
    return before.search(ctx.text, max(clause_start, verb.start - 30), verb.start) is not None


def _opens_sentence(ctx: _Context, sentence: Sentence, pos: int) -> bool:
    """True when only a conjunction or a link stands before `pos` in its sentence: "She said",
    "But he cautioned", "Он также отметил"."""
    lead = _SUBJECT_LEAD.get(ctx.lang)
    match = lead.match(ctx.text, sentence.start, pos) if lead is not None else None
    return (match.end() if match is not None else sentence.start) >= pos


_SENTENCE_REACH = 1000  # the sentence before, at most, where a pronoun's antecedent opens it


def _subject_before(
    ctx: _Context, sentence: Sentence, genders: dict[str, bool], feminine: bool | None
) -> str:
    """The person who opens the sentence before `sentence`, of the pronoun's gender where it is
    known: "[Mayor Rosa Delgado] visited the district on Sunday."."""
    end = _end_before(ctx.text, sentence.start) - 1  # the mark that ends the sentence before
    window = max(0, end - _SENTENCE_REACH)
    start = max(ctx.text.rfind(mark, window, max(0, end)) for mark in ".!?؟\n") + 1
    if start == 0 and window > 0:
        return ""  # no sentence this long opens with a name
    people = [
        p
        for p in _starting(ctx.persons, ctx.person_starts, start, sentence.start)
        if p.end <= sentence.start
    ]
    titled = people and _role_right_before(ctx, people[0].start) is not None  # "[Mayor] Rosa"
    if not people or (ctx.text[start : people[0].start].strip(" \t\n\"“”'«»") and not titled):
        return ""  # the sentence before does not open with a name ("Mayor X", "X")
    first = people[0]
    if feminine is not None and genders.get(first.name) not in (feminine, None):
        return ""
    return first.name


def _previous_speaker(
    previous: list[Statement], genders: dict[str, bool], feminine: bool | None
) -> str:
    """The latest speaker; for a feminine verb or pronoun, the latest woman if one is known."""
    for statement in reversed(previous):
        if feminine is None or genders.get(statement.speaker) in (feminine, None):
            return statement.speaker
    return previous[-1].speaker if previous else ""
