"""Attributed statements (who said what) in Arabic, Persian, Russian and English news.

For each reporting verb the speaker is found after the verb (Arabic VSO, Russian inversion,
"said X"), else before it in the clause (Persian SOV, "X said"), else carried over from the
previous statement. Bare surnames, role nouns ("السفير", "the ambassador") and pronouns resolve
to the full name the article introduced earlier. What was said starts after the complementiser
and after any time, addressee or occasion before it ("قال يوم الأحد للصحفيين إن", "told
reporters on Monday that"); speakers joined by "and" are each attributed the statement.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from tabayyun.model import Entity, Sentence, Statement, StatementKind
from tabayyun.understand.entities import (
    AR_DAY_PARTS,
    AR_LETTER,
    AR_WEEKDAYS,
    EN_MONTHS,
    EN_WEEKDAYS,
    FA_WEEKDAYS,
    TITLES,
    RoleMatch,
    check_lang,
    find_roles,
    fold,
    quote_spans,
    tolerant_pattern,
)

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
_AR_ACCORDING = ["وفقا ل", "وفقاً ل", "بحسب", "حسب", "نقلا عن"]

_FA_VERBS = [
    "گفت",
    "گفتند",
    "افزود",
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
    "می‌گوید",
    "گفته است",
]
_FA_ACCORDING = ["به گفته"]

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
]
_RU_ACCORDING = ["по словам", "по данным"]

_EN_VERBS = "said says told added stated noted stressed announced explained warned insisted"
_EN_ACCORDING = ["according to"]


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    text: str
    feminine: bool | None
    according: bool  # "according to X": speaker after, content around it
    participle: bool  # "قائلا", "لافتا": the subject of the clause before


def _compile_verbs(lang: str) -> re.Pattern[str]:
    if lang == "ar":
        masc = "|".join(tolerant_pattern(m) for m, _ in _AR_VERBS)
        fem = "|".join(tolerant_pattern(f) for _, f in _AR_VERBS)
        acc = "|".join(tolerant_pattern(a) for a in _AR_ACCORDING)
        return re.compile(
            rf"(?<![{AR_LETTER}])(?:[وف])?(?:(?P<acc>{acc})|(?P<fem>{fem})|(?P<masc>{masc}))"
            rf"(?:[\u064b-\u0652])*(?![{AR_LETTER}])"
        )
    if lang == "fa":
        verbs = "|".join(tolerant_pattern(v) for v in sorted(_FA_VERBS, key=len, reverse=True))
        acc = "|".join(tolerant_pattern(a) for a in _FA_ACCORDING)
        return re.compile(
            rf"(?<![{AR_LETTER}])(?:(?P<acc>{acc})|(?P<masc>{verbs}))(?![{AR_LETTER}\u200c])"
        )
    if lang == "ru":
        stems = "|".join(_RU_VERBS)
        acc = "|".join(_RU_ACCORDING)
        return re.compile(
            rf"(?<!\w)(?:(?P<acc>{acc})|(?P<fem>(?:{stems})а)|(?P<masc>(?:{stems})(?:и)?))(?!\w)",
            re.IGNORECASE,
        )
    verbs = "|".join(_EN_VERBS.split())
    acc = "|".join(_EN_ACCORDING)
    return re.compile(rf"\b(?:(?P<acc>{acc})|(?P<masc>{verbs}))\b", re.IGNORECASE)


_VERB_REGEX = {lang: _compile_verbs(lang) for lang in ("ar", "fa", "ru", "en")}


def _any_of(*phrases: str) -> str:
    """Regex source for any of `phrases`, in the spellings tolerant_pattern allows."""
    return "(?:" + "|".join(tolerant_pattern(p) for p in phrases) + ")"


_AR_PARTICIPLE = re.compile(
    "^[وف]?" + _any_of("قائل", "لافت", "مضيف", "مشير", "مؤكد", "موضح", "معتبر", "مشدد")
)

_AR_PREPOSITION = _any_of("على", "إلى", "الى", "عن")  # "أشار إلى أن", "أكد على"
_AR_THAT = _any_of("بأن", "أن", "إن", "انه")

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
_EN_ADDRESSEE = (  # "reporters", "local radio", "the BBC", "Reuters", "him"
    r"(?:him|her|them|us|me|(?:the |a |an |local |state )?(?:reporters|journalists|press|media"
    r"|parliament|lawmakers|legislators|MPs|senators|delegates|supporters|radio|television"
    r"|news agency|news conference|press conference|briefing)"
    r"|(?-i:(?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2}))(?!\w)"
)
_FRAME = {
    "ar": [
        rf"(?:{_any_of(*AR_DAY_PARTS.split())}\s+)?{_any_of('أمس', 'اليوم', *AR_WEEKDAYS.split())}",
        _any_of("الأسبوع الماضي", "الشهر الماضي", "في وقت سابق", "في وقت لاحق")
        + rf"(?:\s+{_any_of('من')})?",
        # "للصحفيين", "لوكالة رويترز"; not "لدى", "لأن", "لكن"
        rf"ل(?:ـ\s*)?(?!{_any_of('دى', 'أن', 'كن', 'قد')}(?![{AR_LETTER}]))[{AR_LETTER}]+"
        rf"(?:\s+[{AR_LETTER}]+){{0,2}}?",
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
    ],
    "ru": [
        r"во? (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
        r"(?: (?:утром|днём|днем|вечером|ночью))?",
        r"(?:вчера|сегодня|накануне|ранее)(?: (?:утром|днём|днем|вечером))?",
        r"журналистам|репортёрам|репортерам|прессе",
        r"на (?:пресс-конференции|брифинге|заседании|встрече|форуме|совещании)",
        r"в (?:интервью|эфире|заявлении|обращении|беседе)(?: [^\s,.:]+){0,3}?",
    ],
    "en": [
        rf"(?:(?:on|late|early|earlier|later) )?(?:{_EN_DAY})"
        r"(?: (?:morning|afternoon|evening|night))?",
        rf"(?:on )?(?:{'|'.join(EN_MONTHS.split())}) \d{{1,2}}(?:st|nd|rd|th)?",
        r"yesterday|today|tonight|overnight|earlier|later",
        rf"(?:last|this|next|earlier this|later this) (?:week|month|year|morning|afternoon"
        rf"|evening|night|weekend|{_EN_DAY})",
        r"(?:in|at|during|on) (?:a|an|the|his|her|their|its) (?:[\w-]+ ){0,2}?"
        r"(?:statement|interview|briefing|speech|post|letter|conference|address|debate|hearing"
        r"|meeting|broadcast|call)",
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
    rf"\s+(?:{_EN_ADDRESSEE}|(?:[\w'’-]+ ){{1,4}}?(?=that\b)"
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
_CLAUSE_BREAK = re.compile(r"[.:;؛!?؟»”]")
_ROLE_WINDOW = 160  # chars between a role word and the name it introduces


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    speaker: str
    feminine: bool | None
    organisation: bool = False


@dataclass
class _Context:
    text: str
    lang: str
    persons: list[Entity]
    organisations: list[Entity]  # "the ministry said": organisations speak too
    quotes: list[tuple[int, int]]
    roles: list[RoleMatch]
    role_people: list[tuple[int, str, str, bool]]  # (position, role key, name, feminine)


def _inside(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for start, end in spans:
        if start < pos < end:
            return (start, end)
    return None


def _long_quotes(text: str) -> list[tuple[int, int]]:
    # Quoted names ("كاظم جلالي") are short; what people said is longer.
    return [(s, e) for s, e in quote_spans(text) if len(text[s + 1 : e - 1].split()) >= 4]


def _gap_is_apposition(gap: str) -> bool:
    """True when a role and a name are one noun phrase: no clause break between them."""
    stripped = gap.strip().strip('"«»“”„').strip().rstrip("،,").strip()
    return (
        len(gap) <= _ROLE_WINDOW
        and not re.search(r"[.:;؛!?؟]", gap)
        and (not re.search(r"[،,]", stripped))
    )


def _person_after_role(ctx: _Context, role: RoleMatch) -> Entity | None:
    """The person a role word introduces: "السفير الايراني لدى روسيا "كاظم جلالي"" -> جلالي."""
    for person in ctx.persons:
        if person.start >= role.end:
            gap = ctx.text[role.end : person.start]
            if _gap_is_apposition(gap) and not any(
                role.end <= r.start < person.start for r in ctx.roles if r is not role
            ):
                return person
            return None
    return None


def _role_people(ctx: _Context) -> list[tuple[int, str, str, bool]]:
    """Which person holds which role, learnt where the article introduces them."""
    found = []
    for role in ctx.roles:
        person = _person_after_role(ctx, role)
        if person is not None:
            found.append((role.start, role.key, person.name, role.feminine))
    for person in ctx.persons:  # "John Smith, the ambassador," / "رضایی، سخنگوی ..."
        for role in ctx.roles:
            gap = ctx.text[person.end : role.start]
            if 0 <= role.start - person.end <= 3 and re.fullmatch(r"\s*[،,]\s*", gap):
                found.append((person.start, role.key, person.name, role.feminine))
    return found


def _resolve_role(ctx: _Context, role: RoleMatch) -> str:
    earlier = [r for r in ctx.role_people if r[1] == role.key and r[0] <= role.start]
    later = [r for r in ctx.role_people if r[1] == role.key and r[0] > role.start]
    if earlier:
        return earlier[-1][2]
    if later:
        return later[0][2]
    return role.text  # unresolvable: keep the mention as the speaker


# A title before the name is not the mention: "قال الدكتور أحمد حسن", "said Dr John Smith".
_TITLE_AT = {lang: re.compile(rf"(?:{title})(?!\w)[\s.]*") for lang, title in TITLES.items()}


def _mention_at(ctx: _Context, pos: int, limit: int) -> _Mention | None:
    """A speaker mention starting at `pos` (after skipping spaces, quote marks and a title)."""
    skip = re.compile(r"[\s\"«“„]*").match(ctx.text, pos)
    begin = skip.end() if skip else pos
    title = _TITLE_AT[ctx.lang].match(ctx.text, begin)
    if title is not None and any(p.start == title.end() for p in ctx.persons):
        begin = title.end()
    if begin >= limit:
        return None
    for person in ctx.persons:
        if begin <= person.start <= begin + 1:
            return _Mention(person.start, person.end, person.text, person.name, None)
    for role in ctx.roles:
        if role.start == begin or (begin < role.start <= begin + 1):
            return _role_mention(ctx, role)
    for org in ctx.organisations:
        if begin <= org.start <= begin + 1:
            return _Mention(org.start, org.end, org.text, org.name or org.text, None, True)
    return None


def _role_mention(ctx: _Context, role: RoleMatch) -> _Mention:
    person = _person_after_role(ctx, role)
    if person is not None:
        # "How the speaker is named here" includes the role: السفير الايراني "كاظم جلالي".
        named = " ".join(re.sub(r"[\"«»“”„]", " ", ctx.text[role.start : person.end]).split())
        return _Mention(role.start, person.end, named, person.name, role.feminine or None)
    end = _skip_descriptors(ctx, role.end)
    return _Mention(role.start, end, role.text, _resolve_role(ctx, role), role.feminine or None)


def _skip_descriptors(ctx: _Context, pos: int) -> int:
    """Skip the adjectives and genitives of a role: "مساعد وزير الثقافة والارشاد الاسلامي"."""
    if ctx.lang != "ar":
        return pos
    word = re.compile(rf"\s+([{AR_LETTER}]+)")
    while (match := word.match(ctx.text, pos)) is not None:
        token = fold(match.group(1))
        if not token.startswith(("ال", "وال", "لل", "بال")) and token not in {"لدي", "باسم"}:
            break
        pos = match.end()
    return pos


def _mentions_before(ctx: _Context, start: int, end: int) -> list[_Mention]:
    """Speaker candidates in `text[start:end]`: people, roles and pronouns, in order."""
    found: list[_Mention] = []
    for person in ctx.persons:
        if start <= person.start and person.end <= end:
            found.append(_Mention(person.start, person.end, person.text, person.name, None))
    for role in ctx.roles:
        if start <= role.start and role.end <= end:
            mention = _role_mention(ctx, role)
            if not any(m.start <= mention.end - 1 and mention.start < m.end for m in found):
                found.append(mention)
            elif mention.speaker != mention.text:  # the role names this person: keep its gender
                for m in found:
                    if m.start <= mention.end - 1 and mention.start < m.end:
                        m.feminine = mention.feminine
    if ctx.lang != "ar":  # Arabic looks across the whole sentence, where an ORG is often an object
        for org in ctx.organisations:
            overlaps = any(m.start < org.end and org.start < m.end for m in found)
            if start <= org.start and org.end <= end and not overlaps:
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


def _find_verbs(ctx: _Context, sentence: Sentence) -> list[_Verb]:
    verbs = []
    for match in _VERB_REGEX[ctx.lang].finditer(ctx.text, sentence.start, sentence.end):
        if _inside(ctx.quotes, match.start()):
            continue  # a verb inside a quotation is part of what was said
        if any(p.start <= match.start() < p.end for p in ctx.persons):
            continue  # the first name of "Said Hamdan said"
        text = match.group()
        feminine = True if match.groupdict().get("fem") else None
        if ctx.lang in ("ar", "ru") and feminine is None and match.group("acc") is None:
            feminine = False
        participle = ctx.lang == "ar" and bool(_AR_PARTICIPLE.match(text))
        verbs.append(
            _Verb(
                match.start(),
                match.end(),
                text,
                feminine,
                match.group("acc") is not None,
                participle,
            )
        )
    return verbs


def _quote_after(ctx: _Context, pos: int, limit: int) -> tuple[int, int] | None:
    match = re.compile(r"[\s،,:—–-]*").match(ctx.text, pos)
    begin = match.end() if match else pos
    for start, end in ctx.quotes:
        if start == begin and start < limit:
            return (start, end)
    return None


def _quote_before(ctx: _Context, verb: _Verb, mention: _Mention) -> tuple[int, int] | None:
    """A quotation right before the verb: «...», — заявил X / "...," Smith said / «...»، وی افزود.

    Only punctuation, dashes and the speaker's own mention may stand between them, so a
    "وأضاف" after someone else's quotation does not repeat it.
    """
    for start, end in reversed(ctx.quotes):
        if end <= verb.start:
            gap = ctx.text[end : verb.start]
            if mention.text and mention.start >= end and mention.end <= verb.start:
                gap = gap.replace(ctx.text[mention.start : mention.end], "", 1)
            return (start, end) if not gap.strip(" \t,،—–-") else None
    return None


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, commas, "و" and stray quote marks from both ends of `text[start:end]`."""
    junk = " \t\n،,:;؛.\"'«»“”„—–-"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    for conjunction in (" و", " and"):  # "..., and" before the next verb
        if text.endswith(conjunction, start, end):
            end -= len(conjunction)
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def _indirect_content(
    ctx: _Context, begin: int, limit: int, fallback: tuple[int, int] | None
) -> tuple[int, int] | None:
    comp = _COMPLEMENTIZER[ctx.lang].match(ctx.text[begin:limit])
    start = begin + (comp.end() if comp else 0)
    start, end = _clean_span(ctx.text, start, limit)
    if len(ctx.text[start:end].split()) >= 2:
        return start, end
    if fallback is not None:
        start, end = _clean_span(ctx.text, *fallback)
        if len(ctx.text[start:end].split()) >= 2:
            return start, end
    return None


_FA_LEAD_WORDS = _any_of("همچنین", "نیز", "با بیان این\u200cکه")
_FA_LEAD = re.compile(rf"(?:{_FRAMES['fa']}|[\s،,]*{_FA_LEAD_WORDS})*[\s،,]*")


def _strip_persian_lead(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Drop when, to whom and "با بیان اینکه" / "همچنین" between a Persian subject and its
    verb-final content: "کاظمی روز یکشنبه به خبرنگاران با بیان اینکه ... گفت"."""
    match = _FA_LEAD.match(ctx.text, start, end)
    return (match.end() if match else start), end


def find_statements(
    text: str, sentences: list[Sentence], entities: list[Entity], lang: str
) -> list[Statement]:
    """Return the attributed statements in `text`, in order, with speakers resolved.

    A statement made by two people ("وقال أحمد حسن ومحمد علي إن") is recorded once for each,
    with the same content and offsets, so that each of them is attributed what was said.
    """
    check_lang(lang)
    persons = sorted((e for e in entities if e.label == "PER"), key=lambda e: e.start)
    organisations = [e for e in entities if e.label == "ORG"]
    ctx = _Context(
        text, lang, persons, organisations, _long_quotes(text), find_roles(text, lang), []
    )
    ctx.role_people = _role_people(ctx)
    statements: list[Statement] = []
    genders: dict[str, bool] = {}
    for sentence in sorted(sentences, key=lambda s: s.start):
        verbs = _find_verbs(ctx, sentence)
        in_sentence: list[Statement] = []
        for i, verb in enumerate(verbs):
            limit = verbs[i + 1].start if i + 1 < len(verbs) else sentence.end
            found = _statements_for(ctx, sentence, verb, limit, in_sentence, statements, genders)
            in_sentence.extend(found)
            statements.extend(found)
    return statements


def _statements_for(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    limit: int,
    in_sentence: list[Statement],
    previous: list[Statement],
    genders: dict[str, bool],
) -> list[Statement]:
    """The statement `verb` reports, once per speaker; none when nobody or nothing is found."""
    text, lang = ctx.text, ctx.lang
    clause_start = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, verb.start):
        if not _inside(ctx.quotes, match.start()):
            clause_start = match.end()
    speakers: list[_Mention] = []
    after = False
    if (
        verb.according
        or lang in ("ar", "ru")
        or (lang == "en" and _is_said_then_name(ctx, verb, clause_start))
    ):
        mention = _speaker_after(ctx, verb, limit)
        if mention is not None:
            speakers, after = _joined_after(ctx, mention, limit), True
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
            if pronoun is not None and (not candidates or candidates[-1].end <= pronoun.start()):
                she = pronoun.group().lower() in _FEMININE_PRONOUN
                speaker = _previous_speaker(previous, genders, she or verb.feminine)
                if speaker:
                    speakers = [
                        _Mention(
                            pronoun.start(), pronoun.end(), pronoun.group(), speaker, she or None
                        )
                    ]
            elif candidates:
                # People before organisations ("Dr X, a lecturer at Y University, said");
                # Persian puts the subject first, the others nearest the verb.
                people = [c for c in candidates if not c.organisation] or candidates
                speakers = _joined_around(ctx, people, 0 if lang == "fa" else len(people) - 1)
    if not speakers and not verb.according:
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
    span = _content_span(ctx, verb, named, after, limit, clause_start)
    if span is None:
        return []
    (start, end), kind = span
    return [
        Statement(
            speaker=mention.speaker,
            mention=mention.text,
            verb=text[verb.start : verb.end],
            content=text[start:end],
            kind=kind,
            sentence_index=sentence.index,
            start=start,
            end=end,
        )
        for mention in speakers
    ]


def _content_span(
    ctx: _Context, verb: _Verb, named: _Mention, after: bool, limit: int, clause_start: int
) -> tuple[tuple[int, int], StatementKind] | None:
    """What was said, and whether it is quoted ("direct") or reported ("indirect")."""
    text = ctx.text
    content_from = _past_apposition(ctx, named.end, verb) if after else verb.end
    content_from = _content_start(ctx, content_from, verb, limit)
    quote = _quote_after(ctx, content_from, limit + 1)
    if quote is None and not verb.according:
        quote = _quote_before(ctx, verb, named)
    if quote is not None:
        return _clean_span(text, quote[0] + 1, quote[1] - 1), "direct"
    fallback = None
    if not after and named.text and named.end <= verb.start:
        fallback = (
            _strip_persian_lead(ctx, named.end, verb.start)
            if ctx.lang == "fa"
            else (named.end, verb.start)
        )
    if verb.according and after:
        # "According to X, ...": what follows; ", according to X." : what came before.
        fallback = (clause_start, verb.start)
    span = _indirect_content(ctx, content_from, limit, fallback)
    return None if span is None else (span, "indirect")


def _speaker_after(ctx: _Context, verb: _Verb, limit: int) -> _Mention | None:
    """The speaker named right after the verb, or after a time: "وقال أمس الوزير", "— заявил
    в понедельник Лавров"."""
    mention = _mention_at(ctx, verb.end, limit)
    frames = _FRAMES_BEFORE_SPEAKER.get(ctx.lang)
    if mention is None and not verb.according and frames is not None:
        match = frames.match(ctx.text, verb.end, limit)
        named = _mention_at(ctx, match.end(), limit) if match is not None else None
        # A person or a post: "заявил в интервью РИА Новости" names the outlet, not the speaker.
        if named is not None and not named.organisation:
            mention = named
    return mention


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
    role = next((r for r in ctx.roles if r.start >= pos), None)
    if role is None or ctx.text[pos : role.start].strip():
        return pos
    end = _skip_descriptors(ctx, role.end)
    opens = _OPENS_AT[ctx.lang].match(ctx.text, _content_start(ctx, end, verb, len(ctx.text)))
    return end if opens else pos


def _content_start(ctx: _Context, pos: int, verb: _Verb, limit: int) -> int:
    """Where what was said may begin after `pos`: past the addressee of "told" and the frames."""
    start = pos
    if ctx.lang == "en" and verb.text.lower() == "told":
        told = _EN_TOLD.match(ctx.text, start, limit)
        start = told.end() if told else start
    frames = _FRAMES_BEFORE_CONTENT.get(ctx.lang)
    match = frames.match(ctx.text, start) if frames is not None else None
    start = match.end() if match else start
    if ctx.lang == "en" and (loose := _EN_BEFORE_THAT.match(ctx.text, start)) is not None:
        start = loose.end()
    return start if start <= limit else pos


def _is_conjoined(text: str, verb: _Verb) -> bool:
    """ "وأعلن", "and added": a verb that shares the subject of the one before it."""
    word = text[verb.start : verb.end]
    before = text[max(0, verb.start - 6) : verb.start]
    return word.startswith("و") or bool(re.search(r"(?:\band|,|،)\s*$", before))


def _is_said_then_name(ctx: _Context, verb: _Verb, clause_start: int) -> bool:
    """English inversion: '..." said Smith', 'said the ambassador' right after a quote, or
    'Said Daniel Okafor: "..."' opening the sentence."""
    before = ctx.text[max(0, verb.start - 4) : verb.start]
    opens = not ctx.text[clause_start : verb.start].strip(" \t\n\"“‘'")
    return opens or bool(re.search(r"[\"”’,]\s*$", before))


def _previous_speaker(
    previous: list[Statement], genders: dict[str, bool], feminine: bool | None
) -> str:
    """The latest speaker; for a feminine verb or pronoun, the latest woman if one is known."""
    for statement in reversed(previous):
        if feminine is None or genders.get(statement.speaker) in (feminine, None):
            return statement.speaker
    return previous[-1].speaker if previous else ""
