"""The verification rule: a text that states a fact-checked claim otherwise is not its match.

"90 مليار دولار" for a claim of "40 مليار دولار", "£4.5 million" for "£4.5 billion", another
year, "لم يكلف" for "كلف", or "banned" for «разрешила»: the text is the checked claim
altered. The fact-check is exactly what a desk needs for it, but the text is not the claim
that was checked, so the engine never calls it a "match" (which drives alerts and labels),
only a suggestion, and says why (`MatchConflict`). The learned scorer cannot learn this:
training pairs rarely differ only in a number, so it gives verify.py's conflict features
little weight.

What counts is narrower than verify.py's features, because a rule, unlike a weighted feature,
must be right whenever it fires:
- the claim side is the claim alone, never the fact-check's title, which often states the
  verdict ("الصورة ليست لمطار فرانكفورت", "FALSE: ...");
- numbers are compared as quantities (value with its currency or unit), not as bare values;
- negation is read per word, not as "a negation somewhere" (`_opposite`);
- actions are read on two narrow axes, with what denies or undoes them (`_actions`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from tabayyun.lang.dates import find_days
from tabayyun.lang.detect import letter_script
from tabayyun.lang.normalize import normalize, stem_tokens, tokenize
from tabayyun.matching.verify import FA_NEGATED_VERB, is_negated, skeleton, stated_years
from tabayyun.model import MatchConflict, Quantity
from tabayyun.understand.numbers import SUPPORTED_LANGS, UNIT_KINDS, find_quantities

# Two values of one quantity agree when they differ by at most this share of the larger:
# "$39.6 billion" is "$40 billion" rounded; "29%" is not "30%".
AGREE_WITHIN = 0.02
# The word after a bare count ("27 школ"): letters of any script, Persian ones with ZWNJ inside.
_NEXT_WORD = re.compile(r"[\s\u00a0\u200e\u200f]*([^\W\d_]+(?:\u200c[^\W\d_]+)*)")

# Words that negate the word after them ("did not spend", "لم يكلف", "не закроют"). Narrower
# than verify.py's cues: words that negate a noun ("no", "without", "غير", "без") or rate a
# claim ("false") change the polarity of no statement.
_DENY = {
    "en": {"not", "never", "cannot"},  # and the "t" of a contraction ("won't": "won", "t")
    "ar": {"لا", "لم", "لن", "ليس", "ليست", "ليسوا"},
    "fa": {"هرگز"},  # and the negated verbs of FA_NEGATED_VERB ("نشده")
    "ru": {"не", "никогда", "нельзя"},
}
# Persian negated verbs whose affirmative is not the verb less its ن.
_FA_AFFIRMATIVE = {"نیست": "است", "نیستند": "هستند", "نیستیم": "هستیم"}
# Words that say little of a statement: skipped between a negation and its word, and never the
# context that ties a negated word to the same statement on the other side.
_FILLER = {
    "en": {"the", "and", "for", "are", "was", "were", "has", "have", "had", "been", "being",
           "will", "would", "could", "should", "can", "does", "did", "ever", "even", "just",
           "really", "yet", "also", "only", "all", "any", "that", "this", "you", "they",
           "she", "his", "her", "its", "their", "with", "from", "into", "than", "then"},
    "ar": {"قد", "من", "في", "على", "الى", "ان", "عن", "مع", "هو", "هي", "ذلك", "هذا", "هذه",
           "التي", "الذي", "كان", "كانت", "بعد", "قبل"},
    "fa": {"از", "به", "با", "در", "که", "را", "این", "آن", "برای", "تا"},
    "ru": {"был", "была", "было", "были", "будет", "будут", "это", "что", "как", "для", "при"},
}  # fmt: skip


@dataclass(frozen=True)
class Measure:
    """A stated quantity as `conflicts` compares it."""

    value: float
    dimension: str  # currency ("USD") or unit ("percent"); "" for a bare count
    noun: str  # a bare count's next word, normalised ("школ" of "27 школ"); else ""
    text: str  # as written, a bare count with its next word: "£4.5 billion", "27 школ"
    bound: str = ""  # "min" ("more than 30"), "max" ("up to 30"), "about" ("around 30"), ""


# Words that say which way a stated quantity moves (normalised; stems, Arabic with its
# conjunction, future and imperfect prefixes): "rose by 50%" and "cut by 50%" state two changes.
# Narrower than verify.py's up/down cues ("افزود", "added", is no rise here).
_AR_LEAD = "^(?:[وف])?(?:س)?(?:[يت])?"
_MOVES = {
    "up": {
        "en": r"^(?:rise|rose|risen|rising|increas|raise|raising|hike|hiking|grow|grew|grown|"
        r"surg|soar|jump|climb|doubl|tripl)",
        "ar": _AR_LEAD + r"(?:رتفع|ارتفاع|رفع|زياد|زاد|زيد)",
        "fa": r"^(?:افزایش|گران)",
        "ru": r"^(?:повыш|повыс|рост|вырос|вырастут|увелич|подорож)",
    },
    "down": {
        "en": r"^(?:fall|fell|fallen|drop|cut|reduc|lower|decreas|declin|plung|slash|halv|"
        r"cheaper)",
        "ar": _AR_LEAD + r"(?:نخفض|انخفاض|خفض|تخفيض|تراجع|هبط|هبوط|تقليص)",
        "fa": r"^(?:کاهش|ارزان)",
        "ru": r"^(?:сниж|сниз|упал|упад|сокращ|сократ|уменьш|подешев)",
    },
}
_MOVE_WORDS = {
    move: {lang: re.compile(source) for lang, source in by_lang.items()}
    for move, by_lang in _MOVES.items()
}
_EN_PHRASAL = {"up": re.compile(r"\b(?:go|goes|going|went|gone)\s+up\b"),
               "down": re.compile(r"\b(?:go|goes|going|went|gone)\s+down\b")}  # fmt: skip


# Opposite actions: two texts that say one was done and the other its opposite ("banned" /
# «разрешила», "closed" / «افتتاح») state two claims, in any two languages. Each axis has
# two states, each a pattern per language over normalised tokens (stems; Arabic with its
# conjunction, future and imperfect prefixes). Narrow on purpose: a word that often means
# something else is left out ("close" to, "passed" away, «باز» again, «بسته» a parcel, «فتح»
# the party).
# Arabic prefixes: a conjunction, a preposition or the article («للسماح», «الإغلاق»), the future
# and the imperfect.
_AR_VERB = "^(?:[وف])?(?:لل|[بل]?ال|[بل])?(?:س)?(?:[يت])?"
_AR_END = "(?:ت|تا|وا|ا|ان|ون|ين|ه|ها|هم|ات)?$"  # «حظرت», «منعوا», «مغلقه»; not «منعطف»
_ACTIONS: dict[str, dict[str, dict[str, str]]] = {
    "permission": {
        "allowed": {
            "en": r"^(?:allow(?:s|ed|ing)?$|permitted$|legali[sz])",
            # «أجاز», «يجيز»; not «إجازة» (leave), «وجيزة» (brief), «جيزان»
            "ar": _AR_VERB
            + r"(?:سمح|سماح|مسموح)"
            + _AR_END
            + r"|^(?:[وف])?(?:س)?[يت]جيز$|^(?:[وف])?اجاز(?:ت|وا)?$",
            "fa": r"^(?:اجازه|مجاز$)",
            "ru": r"^(?:разреш(?!ени)|позвол)",
        },
        "banned": {
            "en": r"^(?:ban$|bans$|banned$|banning$|prohibit|forbid|forbade|outlaw)",
            "ar": _AR_VERB + r"(?:حظر|منع|ممنوع)" + _AR_END,
            "fa": r"^(?:ممنوع|منع$|قدغن)",
            "ru": r"^(?:запрет|запрещ)",
        },
    },
    "opening": {
        "opened": {
            "en": r"^(?:opened$|opens$|reopen)",  # and "open" after a modal: `_en_modal`
            "ar": _AR_VERB + r"(?:فتح|افتتاح|افتتح|فتتح|مفتوح)" + _AR_END,
            "fa": r"^(?:بازگشایی|بازگشا|افتتاح)",
            "ru": r"^(?:открыт[аы]?$|открыл|откро(?!вен)|открыва|возобнов)",  # not "openly"
        },
        "closed": {
            "en": r"^(?:closed$|closes$|closure|shut$|shuts$|shutting$|shutdown)",
            "ar": _AR_VERB + r"(?:غلق|اغلق|اغلاق|مغلق|قفل|اقفل|اقفال)" + _AR_END,
            "fa": r"^(?:تعطیل$|تعطیلی$|مسدود)",
            "ru": r"^(?:закрыт[аоы]?$|закрыл|закро|закрыва)",
        },
    },
}
# Words that undo the action next to them: "lifted the ban", «رفع الحظر», «لغو ممنوعیت»,
# «сняла запрет», "the closure ended".
_UNDO = {
    "en": r"^(?:lift|end$|ended$|ends$|ending$|scrap|overturn|revok|rescind|repeal|reversed?$)",
    "ar": _AR_VERB + r"(?:رفع|الغاء|الغي|الغت|لغي|انهاء|انهى|نهي)",
    "fa": r"^(?:لغو|رفع|برداشته$)",  # not «برداشت» (a withdrawal) nor «پایان» ("until the end")
    "ru": r"^(?:снял|снят|сним|отмен|упраздн)",
}
# Arabic puts the undoing verb first («رفع الحظر», «تم إلغاء المنع»); a word after the action
# is its object («منع رفع الأذان», banning the call to prayer).
_UNDO_AFTER = {"en", "fa", "ru"}
# Words that deny the action right after them ("not allowed", «لن يسمح», «не разрешала»,
# «غير مسموح», "refused to open"); a Persian verb denies the action it closes ("اجازه ...
# نمی‌دهد").
_ACTION_DENY = {
    "en": {"not", "never", "no", "longer", "cannot", "t", "refused", "refuses", "refuse",
           "declined", "declines", "decline", "denied", "denies", "deny"},
    "ar": {"لا", "لم", "لن", "ليس", "ليست", "غير", "ولا", "ولم", "ولن", "فلا", "فلم", "فلن",
           "رفض", "رفضت", "يرفض", "ترفض", "ورفض", "ورفضت", "عدم", "بعدم", "وعدم", "لعدم",
           "نفى", "نفت", "ينفي", "تنفي"},
    "fa": {"نه", "هرگز", "غیر", "عدم", "نباید"},
    "ru": {"не", "никогда", "нельзя", "ни", "отказалась", "отказался", "отказались"},
}  # fmt: skip
# Denials of the very next word only: "غير الملتزمين بحظر" is not "not banned", nor "no
# sooner allowed" "not allowed".
_DENY_NEXT_ONLY = {"no", "غير", "غیر"}
# A denial followed by one of these denies nothing: "not only banned", «не только».
_NOT_ONLY = {"only", "только", "فقط"}
# "until the end", «حتى نهاية»: no undoing.
_UNTIL = {"until", "till", "to", "by", "through", "حتى", "الى", "до"}
# «لا تزال مفتوحة» is "still open".
_STILL = {"تزال", "يزال", "زالت", "زال", "تزل", "يزل"}
_CLAUSE_BREAK = {
    "en": {"and", "but", "which", "that", "while", "after", "before", "because"},
    "fa": {"و", "که", "اما", "ولی", "تا"},
    "ru": {"и", "но", "а", "который", "которая", "которое", "которые", "что", "после"},
}
_EN_MODAL = {"will", "to", "would", "could", "may", "might", "shall", "must", "ll", "not",
             "didn", "t", "never"}  # fmt: skip
_EN_NOT_CLOSED = {"ceremony", "price", "prices", "remarks", "date", "time", "arguments",
                  "statement", "stages", "minutes", "bell", "in"}  # fmt: skip
# "close the gap", "close ranks", "closed doors": no closing of anything checked.
_EN_CLOSE_FIGURATIVE = {"gap", "gaps", "loophole", "loopholes", "ranks", "eyes", "doors", "deal"}
_EN_PASSIVE = {"was", "were", "been", "be", "is", "are", "being"}
_RU_UNDONE = re.compile(r"^(?:отмен[её]н|снят)")
_FA_UNDO_NOUNS = {"لغو", "رفع", "برداشته"}
_FA_BECAME = {"شد", "شده", "میشود", "گردید", "کرد", "کردند", "کرده", "میکند", "میکنند"}
# Not «نبود», which is also "lack of" («به دلیل نبود گرمایش»).
_FA_DENIED_VERB = re.compile(r"^(?:نمی|نخواه|نکرد|نشد|ندار|نداشت|نداد|ندهد|نده|نگذاشت)")
_ACTION_WORDS = {
    axis: {
        state: {lang: re.compile(source) for lang, source in by_lang.items()}
        for state, by_lang in states.items()
    }
    for axis, states in _ACTIONS.items()
}
_UNDO_WORDS = {lang: re.compile(source) for lang, source in _UNDO.items()}


# Days of the week over normalised tokens (Monday = 0), with a plural or case ending ("по
# средам", «پنجشنبه‌ها», "Thursdays"). Left out where the word is often something else: the
# Russian «среда» and «среды» (an environment), Arabic «الأحد» and «الاثنين» unless a word
# around them says day («الواحد الأحد», «كلا الاثنين»).
_WEEKDAY_PATTERNS = {
    "en": r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$",
    # With the article: «خميس» and «جمعة» alone are also names («عماد خميس», «علي جمعة»).
    "ar": r"^(?:[وفبل])?ال(اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)$",
    "fa": r"^(دوشنبه|سهشنبه|چهارشنبه|پنجشنبه|جمعه|شنبه|یکشنبه)(?:ها|های|هایی|ای)?$",
    # Wednesday only as «среду», «средам»: «среда», «среды», «среди» are an environment, "among".
    "ru": r"^(понедельник|вторник|сред(?=у$|ам$)|четверг|пятниц|суббот|воскресень)"
    r"(?:а|у|ом|и|ам|ами|ах|е|я|ям|ы)?$",
}
_WEEKDAY_INDEX = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "اثنين": 0, "ثلاثاء": 1, "اربعاء": 2, "خميس": 3, "جمعه": 4, "سبت": 5,
    "احد": 6, "دوشنبه": 0, "سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3, "شنبه": 5,
    "یکشنبه": 6, "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4,
    "суббот": 5, "воскресень": 6,
}  # fmt: skip
_WEEKDAY_WORDS = {lang: re.compile(source) for lang, source in _WEEKDAY_PATTERNS.items()}
_AR_DAY_CONTEXT = {"يوم", "صباح", "مساء", "ليله", "فجر", "ظهر", "المقبل", "الماضي", "القادم"}
# «صلاة الجمعة», «نماز جمعه»: the Friday prayer, not a day something happens on.
_PRAYER = {"صلاه", "خطبه", "نماز", "لصلاه", "وصلاه"}
# Persian days written in two words: «سه شنبه», «پنج شنبه».
_FA_DAY_NUMBERS = {"یک", "دو", "سه", "چهار", "پنج"}


@dataclass(frozen=True)
class Facts:
    """What `conflicts` compares in one text; build it with `facts`."""

    lang: str
    measures: tuple[Measure, ...]
    years: frozenset[str]
    negated: bool  # a negation anywhere (verify.py's cues): whether polarity needs reading
    normalized: str
    move: str = ""  # "up" or "down" where every word of change points one way, else ""
    move_word: str = ""  # the first such word, as normalised
    # Per axis of `_ACTIONS` where every mention reads one way: (axis, state, words as shown).
    actions: tuple[tuple[str, str, str], ...] = ()
    # Days of a month named without a year ((calendar, month, day), as written) and days of
    # the week (0 = Monday, as written).
    days: tuple[tuple[tuple[str, int, int], str], ...] = ()
    weekdays: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class _Said:
    """A content word with its polarity: `stem` to compare, `shown` as the text puts it."""

    stem: str
    shown: str
    denied: bool


def facts(text: str, lang: str | None) -> Facts:
    """The quantities, years and polarity `text` states, read in `lang`."""
    code = lang if lang in SUPPORTED_LANGS else "en"
    normalized = normalize(text, code)
    tokens = tokenize(normalized)
    move, word = _move(normalized, tokens, code)
    return Facts(
        lang=lang or "",
        measures=_measures(text, code, find_quantities(text, code, words_alone=True)),
        years=stated_years(text, code),
        negated=is_negated(tokens, code),
        normalized=normalized,
        move=move,
        move_word=word,
        actions=_actions(tokens, code),
        days=tuple(((cal, month, day), shown) for cal, month, day, shown in find_days(text)),
        weekdays=_weekdays(tokens, code),
    )


def _weekdays(words: list[str], lang: str) -> tuple[tuple[int, str], ...]:
    """The days of the week a normalised text's `words` name, in order, each once."""
    tokens = list(words)
    if lang == "fa":  # «سه شنبه» -> «سهشنبه»
        for i in range(len(tokens) - 1, 0, -1):
            if tokens[i].startswith("شنبه") and tokens[i - 1] in _FA_DAY_NUMBERS:
                tokens[i - 1 : i + 1] = [tokens[i - 1] + tokens[i]]
    out: dict[int, str] = {}
    for i, token in enumerate(tokens):
        found = _WEEKDAY_WORDS[lang].match(token)
        if found is None or (i > 0 and tokens[i - 1] in _PRAYER):
            continue
        stem = found.group(1)
        if lang == "ar" and stem in {"احد", "اثنين"}:
            around = {tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
            if not around & _AR_DAY_CONTEXT:
                continue  # «الواحد الأحد», «كلا الاثنين»
        out.setdefault(_WEEKDAY_INDEX[stem], token)
    return tuple(out.items())


def _move(normalized: str, tokens: list[str], lang: str) -> tuple[str, str]:
    """Which way the text's words of change point, and the first of them; ("", "") for none
    or for both ways ("rose, then fell")."""
    seen: dict[str, str] = {}
    for move, patterns in _MOVE_WORDS.items():
        if lang == "en" and (phrase := _EN_PHRASAL[move].search(normalized)):
            seen.setdefault(move, phrase.group())
        for token in tokens:
            if patterns[lang].match(token):
                seen.setdefault(move, token)
                break
    if len(seen) != 1:
        return "", ""
    [(move, word)] = seen.items()
    return move, word


def _actions(tokens: list[str], lang: str) -> tuple[tuple[str, str, str], ...]:
    """Per axis of `_ACTIONS`, the state every mention in the text reads (a denied or undone
    action reads as its opposite: "not allowed", "lifted the ban"), with the first mention as
    shown; an axis the text mentions both ways, or not at all, is left out."""
    # Each word's action on each axis, read once: (axis, state) pairs.
    read = [
        [
            (axis, state)
            for axis, states in _ACTION_WORDS.items()
            for state, words in states.items()
            if words[lang].match(token)
        ]
        for token in tokens
    ]
    out = []
    for axis, states in _ACTION_WORDS.items():
        seen: dict[str, str] = {}
        for i, token in enumerate(tokens):
            state = next((st for ax, st in read[i] if ax == axis), None)
            if state is None and axis == "opening" and lang == "en":
                state = _en_modal(tokens, i)
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if (
                state is None
                or (token.endswith("فتح") and tokens[i - 1 : i] == ["حركه"])  # Fatah
                or (lang == "ar" and after == "الله")  # «فتح الله», «لا سمح الله»
            ):
                continue
            flips, turned = _turned(tokens, i, lang, [bool(r) for r in read])
            if flips % 2:
                state = next(s for s in states if s != state)
            shown = " ".join(tokens[j] for j in sorted({*turned, i}))
            seen.setdefault(state, shown)
        if len(seen) == 1:
            [(state, shown)] = seen.items()
            out.append((axis, state, shown))
    return tuple(out)


def _undone(tokens: list[str], j: int, lang: str) -> bool:
    """Whether the word at `j` is a passive of undoing further on in the action's clause:
    "was lifted", «отменён», «لغو شد», «لغو کرد»."""
    if lang == "en":
        return tokens[j - 1] in _EN_PASSIVE and bool(_UNDO_WORDS["en"].match(tokens[j]))
    if lang == "ru":
        return bool(_RU_UNDONE.match(tokens[j]))
    after = tokens[j + 1] if j + 1 < len(tokens) else ""
    return tokens[j] in _FA_UNDO_NOUNS and after in _FA_BECAME


def _en_modal(tokens: list[str], i: int) -> str | None:
    """ "open", "close" and "closing" as actions: "will close 27 schools", "refused to open the
    crossing", "is closing the border"; not "close to 5%", "close the gap", "an open letter",
    "the closing ceremony"."""
    token, before = tokens[i], tokens[i - 1] if i else ""
    after = tokens[i + 1 : i + 3]
    if token in {"open", "close"} and before in _EN_MODAL:
        if after[:1] in (["to"], ["by"]) or set(after) & _EN_CLOSE_FIGURATIVE:
            return None
        return "opened" if token == "open" else "closed"
    if token == "closing" and after[:1] != [] and after[0] not in _EN_NOT_CLOSED:
        return "closed"
    return None


def _denied(tokens: list[str], at: int, lang: str) -> list[int]:
    """Where the denial of the word at `at` is, right before it ("not", "no longer", «لن»,
    «غير»); none for "not only"."""
    deny = _ACTION_DENY.get(lang, set())
    return [
        j
        for j in (at - 2, at - 1)
        if j >= 0
        and tokens[j] in deny
        and (j == at - 1 or tokens[j] not in _DENY_NEXT_ONLY)
        and tokens[j + 1] not in _STILL
        and tokens[j + 1] not in _NOT_ONLY
    ][:1]


def _turned(tokens: list[str], i: int, lang: str, actions: list[bool]) -> tuple[int, list[int]]:
    """How many words turn the action at `i` into its opposite, and where they are: a denial
    right before it ("not", "no longer", «لن», «غير»; in Persian, a denied verb later in its
    clause: "اجازه ... را ندارد"); a word that undoes it ("lifted the ban", "lifted a
    decades-old ban", "the ban was lifted", «ممنوعیت ... را لغو کرد»); and a denial of that
    word ("did not lift the ban", «لم يتم رفع الحظر», «запрет не отменён»)."""
    denial = _denied(tokens, i, lang)
    if not denial and lang == "fa":
        for j in range(i + 1, min(i + 7, len(tokens))):
            if tokens[j] in _CLAUSE_BREAK["fa"]:
                break
            if tokens[j] == "نیست" or _FA_DENIED_VERB.match(tokens[j]):
                denial = [j]
                break
    undo = _UNDO_WORDS[lang]
    # Before the action: two words, four in English past determiners and adjectives ("lifted
    # a decades-old ban"); after it, the next two words, in the languages whose passive
    # follows ("ban lifted", «запрет отменён»), never "until the end".
    before = range(i - 1, max(i - (5 if lang == "en" else 3), -1), -1)
    undoing: list[int] = []
    for j in before:
        if tokens[j] in _CLAUSE_BREAK.get(lang, ()) or actions[j]:
            break
        if undo.match(tokens[j]):
            undoing = [j]
            break
    if not undoing and lang in _UNDO_AFTER:
        undoing = [
            j
            for j in (i + 1, i + 2)
            if j < len(tokens)
            and (undo.match(tokens[j]) if lang == "en" else _undone(tokens, j, lang))
            and not {tokens[j - 1], tokens[j - 2]} & _UNTIL
        ][:1]
    if not undoing and lang in _UNDO_AFTER:
        # A passive further on in the clause: "the ban on motorcycles, in place since 1981,
        # was lifted", «запрет на въезд мотоциклов отменён», «ممنوعیت ورود موتور لغو شد».
        for j in range(i + 3, min(i + 13, len(tokens))):
            if tokens[j] in _CLAUSE_BREAK.get(lang, ()):
                break
            if _undone(tokens, j, lang):
                undoing = [j]
                break
    undo_denied = _denied(tokens, undoing[0], lang) if undoing else []
    if undoing and not undo_denied and lang == "en" and tokens[undoing[0] - 1] in _EN_PASSIVE:
        undo_denied = _denied(tokens, undoing[0] - 1, lang)  # "has not been lifted"
    if undo_denied and undo_denied[0] in denial:
        undo_denied = []  # one denial, read once
    return len(denial) + len(undoing) + len(undo_denied), denial + undoing + undo_denied


def conflicts(text: Facts, claim: Facts) -> list[MatchConflict]:
    """What `text` states otherwise than `claim`: numbers, years and polarity.

    - number: both state a quantity of one kind (one currency, one unit such as percent, or
      bare counts followed by one word: "2 школы", "27 школ") and neither's value is found on
      the other side (within AGREE_WITHIN); or both state a quantity of one kind in two units
      (`UNIT_KINDS`: "5 km" / "5 miles", "two years" / «три месяца», "80 cm" / "5 cm") whose
      values, converted, disagree (by more than CONVERTED_WITHIN: "5 miles" / "8 km" and "two
      weeks" / "14 days" agree). Digits of any script, number and scale words of the
      four languages are read as values ("٤٠ مليار دولار", "$40bn", "۴۰ میلیارد دلار", "forty
      billion dollars" agree) and compound numbers whole ("۳ میلیون و ۵۰۰ هزار"), as
      `find_quantities` reads them. A currency is no unit: "€40 billion" is another sum than
      "$40 billion", not a wrong one. A number of another kind, or one only the text states,
      is no conflict: texts add figures the claim never mentions.
    - number, a change stated both ways: both state the same amount with a unit or currency,
      and every word of change on one side points up, on the other down ("رفع ... 50 بالمئة"
      against "снизится на 50%"); shown with the words ("رفع 50 بالمئة").
    - year: both state years, and each states one the other does not.
    - date: the same for days of a month named without a year, compared in one calendar
      ("1 September" / «الأول من ديسمبر»), and for days of the week («الخميس» / «یکشنبه»).
    - negation: a word one side negates and the other states, in the same context, without
      negating it (`_opposite`).
    - action: both speak of one kind of action (`_ACTIONS`: allowing or banning, opening or
      closing), each only one way, and the two ways differ ("banned" / «разрешила», "lifted
      the ban" / "banned", «ترفض فتح» / "opened"), in any two languages. Not also reported
      where the negation above already says it ("не закроют" / "закроют").
    """
    found: list[MatchConflict] = []
    for mine in text.measures:
        if _stated(mine, claim.measures):
            continue
        for theirs in claim.measures:
            if _stated(theirs, text.measures):
                continue
            if not _comparable(mine, theirs) and not _same_kind(mine, theirs):
                continue
            item = MatchConflict("number", mine.text, theirs.text)
            if item not in found:
                found.append(item)
    lone = _lone_counts(text, claim)
    if lone is not None and MatchConflict("number", *lone) not in found:
        found.append(MatchConflict("number", *lone))
    if text.move and claim.move and text.move != claim.move:
        # One change stated both ways: the same amount, moving up on one side and down on
        # the other ("رفع ... 50 بالمئة", "снизится на 50%").
        for mine in text.measures:
            same = _stated_as(mine, claim.measures)
            if mine.dimension and same is not None:
                item = MatchConflict(
                    "number",
                    f"{text.move_word} {mine.text}",
                    f"{claim.move_word} {same.text}",
                )
                if item not in found:
                    found.append(item)
                break
    only_here, only_there = sorted(text.years - claim.years), sorted(claim.years - text.years)
    found += [MatchConflict("year", a, b) for a in only_here for b in only_there]
    found += _other_days(text.days, claim.days)
    if len(text.weekdays) == 1 and len(claim.weekdays) == 1:  # one day each: one event each
        found += _other_days(text.weekdays, claim.weekdays)
    opposite = _opposite(text, claim)
    if opposite is not None:
        found.append(opposite)
        return found  # an opposite action in one language is that negation read twice
    for axis, state, shown in text.actions:
        for their_axis, their_state, their_shown in claim.actions:
            if axis == their_axis and state != their_state:
                found.append(MatchConflict("action", shown, their_shown))
    return found


def _other_days(
    mine: Sequence[tuple[Hashable, str]], theirs: Sequence[tuple[Hashable, str]]
) -> list[MatchConflict]:
    """Date conflicts between two sides' days (of a month, in one calendar; or of the week):
    where both name some and each names one the other does not ("1 September" / "1 декабря",
    «الخميس» / «یکشنبه»)."""
    calendars = {_calendar(key) for key, _ in mine} & {_calendar(key) for key, _ in theirs}
    mine = [(k, shown) for k, shown in mine if _calendar(k) in calendars]
    theirs = [(k, shown) for k, shown in theirs if _calendar(k) in calendars]
    here = [shown for key, shown in mine if key not in {k for k, _ in theirs}]
    there = [shown for key, shown in theirs if key not in {k for k, _ in mine}]
    if not here or not there:
        return []
    return [MatchConflict("date", here[0], there[0])]


def _calendar(key: Hashable) -> str:
    """A day of a month is compared in its calendar only; days of the week in any."""
    return key[0] if isinstance(key, tuple) else "week"


def restates(
    text: Facts, claim: Facts, other: Facts, differs: list[MatchConflict] | None = None
) -> bool:
    """Whether `other` states something `text` states otherwise than `claim` (a conflict of
    `conflicts(text, claim)`) as the text does: its value, direction, year, day or action.
    "down 50%" against a claim of "up 50%" is restated by a claim of "down 50%", not by one
    that merely shares another of the text's figures; a negation is restated by nothing (no
    value to look for). `differs` is `conflicts(text, claim)` where the caller has it."""
    for found in conflicts(text, claim) if differs is None else differs:
        if found.kind == "number":
            for mine in text.measures:
                if found.text == mine.text and _stated(mine, other.measures):
                    return True
                if (  # a change stated both ways: the amount, moving the text's way
                    found.text.endswith(" " + mine.text)
                    and other.move == text.move
                    and _stated(mine, other.measures)
                ):
                    return True
        elif found.kind == "year" and found.text in other.years:
            return True
        elif found.kind == "date":
            keys = {key for key, shown in (*text.days, *text.weekdays) if shown == found.text}
            if keys & {key for key, _ in (*other.days, *other.weekdays)}:
                return True
        elif found.kind == "action":
            said = {(axis, state) for axis, state, shown in text.actions if shown == found.text}
            if said & {(axis, state) for axis, state, _ in other.actions}:
                return True
    return False


# -- numbers ---------------------------------------------------------------------------------


def _measures(text: str, lang: str, quantities: list[Quantity]) -> tuple[Measure, ...]:
    """The quantities of `text` as `conflicts` compares them; `find_quantities` reads compound
    numbers whole ("۳ میلیون و ۵۰۰ هزار", "3 million and 500 thousand", "3 млн 500 тыс.").

    Left out, as no exact value: a quantity given as a bound or an approximation ("more than
    30", «أكثر من 30», "около 30"), an end of a range ("5 to 7 years", «از ۵ تا ۷ سال»), a length
    of time in parts ("two and a half years", "4 years and 6 months"), and a count whose next
    word is no noun ("Two of the three", «ثلاثة منهم»). An age ("35 years old", «عن 70
    عاما», "ему 35 лет") is compared with ages only."""
    out = []
    for q in quantities:
        before, after = text[max(0, q.start - 30) : q.start], text[q.end : q.end + 30]
        if _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
            continue
        bound = next((kind for kind, words in _BOUNDS.items() if words.search(before)), "")
        dimension = q.currency or q.unit or ""
        if UNIT_KINDS.get(dimension) == "duration" and (
            _PART_AFTER.match(after) or _PART_BEFORE.search(before)
        ):
            continue
        if dimension == "year" and (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after)):
            dimension = "age"
        noun, shown = "", q.text
        word = None if dimension or q.end < 0 else _NEXT_WORD.match(text, q.end)
        if word:
            noun = normalize(word.group(1), lang).replace("\u200c", "")
            if noun in _NOT_NOUNS or _PARTITIVE_BEFORE.search(before):
                continue
            shown = text[q.start : word.end(1)]
            if noun in _FA_AGE_NOUNS:  # «کودک پنج ساله», a five-year-old
                dimension, noun = "age", ""
        value = abs(q.value) if dimension else q.value  # "-21 عاماً-": a dash, not a sign
        out.append(Measure(value, dimension, noun, shown, bound))
    return tuple(out)


# What makes a stated number no exact value, or a count no count of a thing (`_measures`).
_BOUNDS = {
    kind: re.compile(rf"(?:{words})\s*$", re.IGNORECASE)
    for kind, words in {
        "min": r"more than|over|at least|no fewer than|أكثر من|اكثر من|ما يزيد عن|ما يزيد على"
        r"|بأكثر من|لأكثر من|لا يقل عن|более|свыше|больше|не менее|بیش از|بیشتر از|دست‌کم|دست کم",
        "max": r"up to|as many as|less than|fewer than|under|nearly|almost|أقل من|اقل من|حتى"
        r"|ما يقارب|до|менее|не более|почти|کمتر از|تا|نزدیک به|قریب به",
        "about": r"about|around|approximately|roughly|some|نحو|حوالي|حوالى|قرابة|زهاء|около"
        r"|примерно|порядка|حدود|تقریبا|تقریباً",
    }.items()
}
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to|or|and|до|или|تا|إلى|الى|أو|او|یا)\s*[\d٠-٩۰-۹]", re.I)
_RANGE_BEFORE = re.compile(
    r"(?:[\d٠-٩۰-۹]\s*(?:-|–|to|or|and|до|или|تا|إلى|الى|أو|او|یا)|between|بين|от|از)\s*$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(
    r"\s*(?:and a half|و\s*نیم|و\s*نصف|ونصف|с половиной|,?\s*(?:and|و|и)\s*[\w٠-٩۰-۹]+\s+"
    r"(?:months?|weeks?|days?|hours?|ماه|أشهر|اشهر|شهر|شهرا|أسابيع|أيام|ايام|месяц\w*|недел\w*|дн\w*"
    r"|روز|هفته))",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(
    r"(?:years?|months?|weeks?|سال|ماه|سنة|سنوات|عام|أعوام|أشهر|год\w*|лет|месяц\w*)"
    r",?\s*(?:and|و|и)\s*$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"(?:aged|age of|عمره|عمرها|العمر|بعمر|يناهز|يبلغ من العمر|عن|ему|ей|в возрасте|исполнилось"
    r"|возрастом)\s*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"\s*-?\s*old\b|\s*من العمر", re.IGNORECASE)
_PARTITIVE_BEFORE = re.compile(r"(?:\bof(?:\s+the|\s+these|\s+those)?|\bиз|من|از)\s*$", re.I)
_FA_AGE_NOUNS = {"ساله", "سالگی", "سالش", "سالهای", "سالهاش"}
# Words after a number that are no counted thing; «شنبه»: «سه شنبه» is Tuesday in two words.
_NOT_NOUNS = {"of", "the", "and", "or", "to", "in", "منهم", "منها", "منه", "فيها", "فيه", "من",
              "الى", "في", "از", "در", "و", "به", "из", "и", "в", "на", "по", "شنبه"}  # fmt: skip


def _agree(a: float, b: float, within: float = AGREE_WITHIN) -> bool:
    return abs(a - b) <= within * max(abs(a), abs(b))


def _stated(measure: Measure, others: tuple[Measure, ...]) -> bool:
    """Whether `others` state `measure`: a value that agrees, of the same kind."""
    return _stated_as(measure, others) is not None


def _stated_as(measure: Measure, others: tuple[Measure, ...]) -> Measure | None:
    """The first of `others` that states `measure`, or None: the same value in the same unit,
    or in another unit of the same kind once converted ("two weeks", "14 days")."""
    return next(
        (
            o
            for o in others
            if (_comparable(measure, o) and _bounded_agree(measure, o, 1.0, 1.0))
            or (_same_kind(measure, o) and _converted_agree(measure, o))
        ),
        None,
    )


# Each unit in its kind's base (metres, square metres, litres, kilograms, hours); converted
# values agree within CONVERTED_WITHIN, as texts round what they convert ("100 miles (160
# km)", a month for four weeks).
_IN_BASE = {
    "km": 1000.0, "m": 1.0, "cm": 0.01, "mm": 0.001, "mile": 1609.344,
    "km2": 1e6, "m2": 1.0, "hectare": 1e4,
    "m3": 1000.0, "litre": 1.0, "barrel": 158.987,
    "kg": 1.0, "tonne": 1000.0,
    "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0,
}  # fmt: skip
CONVERTED_WITHIN = 0.1


def _converted_agree(a: Measure, b: Measure) -> bool:
    return _bounded_agree(a, b, _IN_BASE[a.dimension], _IN_BASE[b.dimension], CONVERTED_WITHIN)


def _bounded_agree(
    a: Measure, b: Measure, scale_a: float, scale_b: float, within: float | None = None
) -> bool:
    """Whether two values of one quantity (times their unit's scale) agree, each read as its
    words bound it: "more than 30" agrees with 35 and with "more than 40", not with 20; "up to
    30" with 25; "around 30" with 32; two exact values as `_within` says."""
    x, y = a.value * scale_a, b.value * scale_b
    tolerance = within if within is not None else _within(a, b)
    if a.bound == b.bound:
        return _agree(x, y, tolerance)  # "more than 90 billion", "more than 40 billion": two sums
    if "about" in (a.bound, b.bound):
        return _agree(x, y, max(CONVERTED_WITHIN, tolerance))
    if {a.bound, b.bound} == {"min", "max"}:
        low, high = (x, y) if a.bound == "min" else (y, x)
        return low <= high * (1 + tolerance)  # "more than 30", "up to 50": both may hold
    # One side bound, the other exact: the exact value must lie on the bound's side.
    bounded, exact = (x, y) if a.bound else (y, x)
    if "min" in (a.bound, b.bound):
        return exact >= bounded * (1 - tolerance)
    return exact <= bounded * (1 + tolerance)


def _within(measure: Measure, other: Measure) -> float:
    """How far two values of one quantity may differ and agree: long lengths of time are
    rounded to tens ("528 years" since the fall of Granada, "500 years"; "66 days", "60"), sums,
    counts and short lengths of time ("10 years", "11 years") are not."""
    rounder = min((measure.value, other.value), key=lambda v: (v % 10 != 0, v))
    if (
        UNIT_KINDS.get(measure.dimension) == "duration"
        and min(measure.value, other.value) >= 20
        and rounder % 10 == 0
    ):
        return CONVERTED_WITHIN
    return AGREE_WITHIN


def _same_kind(a: Measure, b: Measure) -> bool:
    """Whether two quantities are in two units of one kind: "5 km" and "5 miles"."""
    kind = UNIT_KINDS.get(a.dimension)
    return kind is not None and a.dimension != b.dimension and UNIT_KINDS.get(b.dimension) == kind


def _comparable(a: Measure, b: Measure) -> bool:
    """Whether two quantities measure one thing: one currency, one unit, or bare counts of one
    noun (by stem in one script, "школ" and "школы"; by consonant skeleton across two)."""
    if a.dimension or b.dimension:
        return a.dimension == b.dimension
    if min(len(a.noun), len(b.noun)) < 3:
        return False
    if _script(a.noun) != _script(b.noun):
        return len(skeleton(a.noun)) >= 3 and skeleton(a.noun) == skeleton(b.noun)
    return _same_stem(a.noun, b.noun)


def _lone_counts(text: Facts, claim: Facts) -> tuple[str, str] | None:
    """Two counts in two scripts that can only be of one thing: each side states one number
    and it is a bare count ("Seven schools were closed", «Закрыли три школы»), the nouns
    unmatched by skeleton ("schools", «школы»), the values different. As written, or None."""
    if len(text.measures) != 1 or len(claim.measures) != 1:
        return None
    [mine], [theirs] = text.measures, claim.measures
    if mine.dimension or theirs.dimension or not mine.noun or not theirs.noun:
        return None
    if _script(mine.noun) == _script(theirs.noun) or mine.bound or theirs.bound:
        return None
    if _agree(mine.value, theirs.value):
        return None
    return mine.text, theirs.text


def _script(word: str) -> str:
    letter = next((ch for ch in word if ch.isalpha()), None)
    return letter_script(letter) if letter else ""


def _same_stem(a: str, b: str, *, prefixed: bool = False) -> bool:
    """Whether two words (or stems) are one word with other endings: they share their first
    four letters (all of a shorter word) and differ by three letters at most after them
    ("закр" / "закроют", "школ" / "школы"; not "down" / "download"). `prefixed` also takes a
    word with one or two more letters in front: Arabic verbs ("كلف", "يكلف")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    if prefixed and long.endswith(short) and len(long) - len(short) <= 2:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= min(4, len(short)) and len(long) - shared <= 3


# -- polarity --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)  # a text is compared with each of its candidates
def _polarity(text: str, lang: str) -> tuple[_Said, ...]:
    """The content words of a normalised text in order, each denied or stated: a negation
    denies the next word that is not filler ("did not spend": spend denied); a Persian negated
    verb denies its affirmative ("نشده": شده denied)."""
    tokens = tokenize(text)
    deny = _DENY.get(lang, set())
    filler = _FILLER.get(lang, set())
    out: list[_Said] = []
    cue = ""  # a negation waiting for its word, as shown
    for i, token in enumerate(tokens):
        if lang == "en" and token == "t" and i > 0 and tokens[i - 1].endswith("n"):
            cue = f"{tokens[i - 1]}'t"  # "don't", "won't", "isn't", "can't"
            continue
        if lang == "en" and i + 1 < len(tokens) and tokens[i + 1] == "t":
            continue  # the "don" of "don't": its "t" decides
        if token in deny:
            cue = token
            continue
        if lang == "fa" and (token in _FA_AFFIRMATIVE or FA_NEGATED_VERB.match(token)):
            out.append(_Said(_FA_AFFIRMATIVE.get(token, token[1:]), token, True))
            cue = ""
            continue
        if token in filler or len(token) < 3 or token.isdigit():
            continue
        out.append(_Said(token, f"{cue} {token}" if cue else token, bool(cue)))
        cue = ""
    stems = stem_tokens([said.stem for said in out], lang)
    return tuple(_Said(stem, s.shown, s.denied) for stem, s in zip(stems, out, strict=True))


def _opposite(text: Facts, claim: Facts) -> MatchConflict | None:
    """A statement one side negates and the other makes: a word denied on one side ("لم يكلف
    الاتفاق") that the other states, never denies, next to a word that is next to it on the
    first side too ("كلف الاتفاق"). Only a side that never also states the word denies it
    ("لم تنزل في فتح مكة بل نزلت في فتح اسطنبول" states نزلت too).

    Texts in one language only: across two, no word is shared to anchor the negation, and a
    negation somewhere in a translated text is no evidence (on the dev splits it was almost
    always the same claim: "DO NOT DOWNLOAD" for "the app is a tool for trafficking").
    """
    if not text.lang or text.lang != claim.lang or not (text.negated or claim.negated):
        return None
    lang = text.lang
    here, there = _polarity(text.normalized, lang), _polarity(claim.normalized, lang)
    for denying, stating, flipped in ((here, there, False), (there, here, True)):
        for k, said in enumerate(denying):
            if not said.denied or any(
                _same(said.stem, o.stem, lang) for o in denying if not o.denied
            ):
                continue
            if any(_same(said.stem, o.stem, lang) for o in stating if o.denied):
                continue  # the other side denies it too
            context = [denying[j].stem for j in (k - 1, k + 1) if 0 <= j < len(denying)]
            for m, other in enumerate(stating):
                if not _same(said.stem, other.stem, lang):
                    continue
                near = [stating[j].stem for j in (m - 1, m + 1) if 0 <= j < len(stating)]
                if any(_same(a, b, lang) for a in context for b in near):
                    pair = (other.shown, said.shown) if flipped else (said.shown, other.shown)
                    return MatchConflict("negation", *pair)
    return None


def _same(a: str, b: str, lang: str) -> bool:
    return _same_stem(a, b, prefixed=lang in ("ar", "fa"))
