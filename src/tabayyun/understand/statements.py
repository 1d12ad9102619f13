"""Attributed statements (who said what) in Arabic, Persian, Russian and English news.

For each reporting verb the speaker is found after the verb (Arabic VSO, Russian inversion,
"said X"), else before it in the clause (Persian SOV, "X said"), else carried over from the
previous statement. Bare surnames, role nouns ("السفير", "the ambassador") and pronouns resolve
to the full name the article introduced earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tabayyun.model import Entity, Sentence, Statement
from tabayyun.understand.entities import (
    AR_LETTER,
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

# Words that open the content of an indirect statement ("أن", "that", "что", "که").
_COMPLEMENTIZER = {
    "ar": re.compile(
        rf"^[\s،,:\"]*(?:(?:{tolerant_pattern('على')}|{tolerant_pattern('إلى')}|"
        rf"{tolerant_pattern('الى')}|{tolerant_pattern('عن')})\s+)?"
        rf"(?:(?:{tolerant_pattern('بأن')}|{tolerant_pattern('أن')}|{tolerant_pattern('إن')}|"
        rf"{tolerant_pattern('انه')})(?![{AR_LETTER}])\s*)?[\s،,:]*"
        rf"(?:(?:{tolerant_pattern('أيضا')}|{tolerant_pattern('كذلك')})(?![{AR_LETTER}])\s*)?"
    ),
    "fa": re.compile(rf"^[\s،,:]*(?:{tolerant_pattern('که')}\s+)?"),
    "ru": re.compile(r"^[\s,:—–-]*(?:что\s+)?", re.IGNORECASE),
    "en": re.compile(
        r"^[\s,:]*(?:(?:\w+\s+){0,4}?that\s+)?", re.IGNORECASE
    ),  # "said on Tuesday that", "told reporters that"
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
    if end - start > 2 and text[end - 2 : end] in (" و", " and"[-2:]):
        end -= 2
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


def _strip_persian_lead(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Drop "با بیان اینکه" / "همچنین" between a Persian subject and its verb-final content."""
    words = _any_of("همچنین", "نیز", "با بیان این\u200cکه")
    lead = re.compile(rf"[\s،,]*{words}?[\s،,]*")
    match = lead.match(ctx.text, start, end)
    return (match.end() if match else start), end


def find_statements(
    text: str, sentences: list[Sentence], entities: list[Entity], lang: str
) -> list[Statement]:
    """Return the attributed statements in `text`, in order, with speakers resolved."""
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
            statement = _statement_for(ctx, sentence, verb, limit, in_sentence, statements, genders)
            if statement is not None:
                in_sentence.append(statement)
                statements.append(statement)
    return statements


def _statement_for(
    ctx: _Context,
    sentence: Sentence,
    verb: _Verb,
    limit: int,
    in_sentence: list[Statement],
    previous: list[Statement],
    genders: dict[str, bool],
) -> Statement | None:
    text, lang = ctx.text, ctx.lang
    clause_start = sentence.start
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, verb.start):
        if not _inside(ctx.quotes, match.start()):
            clause_start = match.end()
    mention: _Mention | None = None
    after = False
    if verb.according or lang in ("ar", "ru") or (lang == "en" and _is_said_then_name(ctx, verb)):
        mention = _mention_at(ctx, verb.end, limit)
        after = mention is not None
    if mention is None and not verb.according:
        if in_sentence and (verb.participle or _is_conjoined(text, verb)):
            last = in_sentence[-1]
            mention = _Mention(verb.start, verb.start, "", last.speaker, genders.get(last.speaker))
        else:
            window_start = sentence.start if lang == "ar" else clause_start
            candidates = _mentions_before(ctx, window_start, verb.start)
            pronoun = _pronoun_before(ctx, window_start, verb.start)
            if pronoun is not None and (not candidates or candidates[-1].end <= pronoun.start()):
                she = pronoun.group().lower() in _FEMININE_PRONOUN
                speaker = _previous_speaker(previous, genders, she or verb.feminine)
                if speaker:
                    mention = _Mention(
                        pronoun.start(), pronoun.end(), pronoun.group(), speaker, she or None
                    )
            elif candidates:
                # People before organisations ("Dr X, a lecturer at Y University, said");
                # Persian puts the subject first, the others nearest the verb.
                people = [c for c in candidates if not c.organisation] or candidates
                mention = people[0] if lang == "fa" else people[-1]
    if mention is None and not verb.according:
        speaker = _previous_speaker(previous, genders, verb.feminine)
        if not speaker:
            return None
        mention = _Mention(verb.start, verb.start, "", speaker, verb.feminine)
    if mention is None:
        return None
    feminine = verb.feminine if verb.feminine is not None else mention.feminine
    if feminine is not None and mention.speaker:
        genders.setdefault(mention.speaker, feminine)

    content_from = mention.end if after else verb.end
    quote = _quote_after(ctx, content_from, limit + 1)
    kind = "direct"
    if quote is None and not verb.according:
        quote = _quote_before(ctx, verb, mention)
    if quote is not None:
        span: tuple[int, int] | None = (quote[0] + 1, quote[1] - 1)
        span = _clean_span(text, *span)  # type: ignore[misc]
    else:
        kind = "indirect"
        fallback = None
        if not after and mention.text and mention.end <= verb.start:
            fallback = (
                _strip_persian_lead(ctx, mention.end, verb.start)
                if lang == "fa"
                else (mention.end, verb.start)
            )
        if verb.according and after:
            # "According to X, ...": what follows; ", according to X." : what came before.
            fallback = (clause_start, verb.start)
        span = _indirect_content(ctx, content_from, limit, fallback)
    if span is None:
        return None
    start, end = span
    return Statement(
        speaker=mention.speaker,
        mention=mention.text,
        verb=text[verb.start : verb.end],
        content=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        sentence_index=sentence.index,
        start=start,
        end=end,
    )


def _is_conjoined(text: str, verb: _Verb) -> bool:
    """ "وأعلن", "and added": a verb that shares the subject of the one before it."""
    word = text[verb.start : verb.end]
    before = text[max(0, verb.start - 6) : verb.start]
    return word.startswith("و") or bool(re.search(r"(?:\band|,|،)\s*$", before))


def _is_said_then_name(ctx: _Context, verb: _Verb) -> bool:
    """English inversion: '..." said Smith' or 'said the ambassador' right after a quote."""
    before = ctx.text[max(0, verb.start - 4) : verb.start]
    return bool(re.search(r"[\"”’,]\s*$", before))


def _previous_speaker(
    previous: list[Statement], genders: dict[str, bool], feminine: bool | None
) -> str:
    """The latest speaker; for a feminine verb or pronoun, the latest woman if one is known."""
    for statement in reversed(previous):
        if feminine is None or genders.get(statement.speaker) in (feminine, None):
            return statement.speaker
    return previous[-1].speaker if previous else ""
