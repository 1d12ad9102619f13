"""Check the hand-written extra gazetteers, `understand/gazetteers/<lang>.extra.json`.

Each file holds "LOC", "ORG", "first_names" and "PER" (lists of strings) for ar, fa or en.
"PER" names public figures as the language's press writes them: full names, and the bare
surname or single name ("ترامب", "Erdogan") only where that is no common word and no name many
others share. The checks, the same for every key:

- the JSON loads, has exactly those keys, holds lists of non-empty strings with no stray spaces;
- each list is at least as long as `MINIMUM` asks;
- no duplicates, also none once spelling variants are folded (hamza, ي/ی, ة/ه, ZWNJ, case);
- every entry is in its language's script: Arabic-script letters only in ar and fa, no Persian
  letters (پ چ ژ گ ک ی) in ar, no Arabic ي ك ى ة in fa, no Latin/Cyrillic/Arabic letters mixed
  into en; no tashkeel, no tatweel, ZWNJ only in fa and only between letters;
- no entry has another label in this file or in the language's other lists (`<lang>.json`,
  `generated.json`): a place that is also an organisation or a first name would be read
  one way every time, and a person's bare surname that is also a first name ("عباس") would
  make every Abbas the one person;
- ambiguity: single-word entries that are also common words are printed for review (a
  phrase's frequency says nothing about whether it is a name). English: the
  lower-cased entry has `wordfreq` Zipf frequency above 4.5. Arabic and Persian: the entry (or
  the spelling variants the recogniser's tolerant match also accepts) is above 4.0; for
  Arabic, also a place, organisation or person that becomes a common word (above 3.5, and
  not much rarer than the name itself) with the و/ب/ل/ف the recogniser strips ("ليون" would
  take "بليون", billion), and a first name that becomes a common word with a glued و (the
  recogniser strips it: "وسام" read as "و" + "سام"); for Persian, a first name that, joined
  with another, spells a frequent word ("پل" + "یس" = "پلیس"). Reviewed entries that stay
  are listed in `_REVIEWED` with the reason; any other flagged entry fails the check, so
  remove it or review it. `--show 3.3` also lists single words just under the limits, for
  review by eye (the limits miss some: "سلمية" peaceful, 3.98).

Run: .venv/bin/python scripts/check_gazetteer_extra.py [--quiet] [--show ZIPF] [LANG ...]
Exit status 0 when every check passes; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from tabayyun.lang.normalize import normalize  # noqa: E402

GAZ = ROOT / "src/tabayyun/understand/gazetteers"
LANGS = ("ar", "fa", "en")
KEYS = ("LOC", "ORG", "first_names", "PER")
MINIMUM = {
    "ar": {"LOC": 400, "ORG": 250, "first_names": 400, "PER": 300},
    "fa": {"LOC": 400, "ORG": 250, "first_names": 400, "PER": 300},
    "en": {"LOC": 400, "ORG": 250, "first_names": 300, "PER": 300},
}
EN_LIMIT = 4.5  # Zipf: about 30 per million words
AR_FA_LIMIT = 4.0  # about 10 per million
AR_PREFIX_LIMIT = 3.5
# ...and not much rarer than the bare name: then it is mostly the name with a preposition.
AR_PREFIX_MARGIN = 0.5
AR_PREFIXES = ("و", "ب", "ل", "ف")
FA_COMPOUND_VOCABULARY = 30000  # most frequent Persian words searched for name + name splits

# Flagged by the frequency checks, reviewed, and kept: reason -> entries (space-separated).
# wordfreq counts a name's own use too, so most flags are names that are simply frequent.
_REVIEWED: dict[str, dict[str, str]] = {
    "ar": {
        "given name; the word reading (if any) is rare in news text": (
            "أسعد أكرم أميرة أمينة أنور أيوب إدريس إسحاق الوليد بدر بشير تميم توفيق جابر جاسم "
            "حسني حمدي حنان خليل رشيد رفيق سعد سعود سفيان سليمان شريف شوقي شيرين صبري صلاح "
            "ضياء طلال طه عبده عثمان عدنان عزت علاء عمرو عيسى غادة غانم غسان فارس فاروق فتحي "
            "فيروز كمال ماجد ماهر مجدي محسن مروان مشعل معمر منصور منير موسى مولاي مي ناجي نبيل "
            "نجيب نعيم نهى هند وائل وسيم وليد ياسمين ياسين يونس جلال"
        ),
        "foreign given name as Arabic press writes it; no Arabic word": (
            "أنجيلا أندرو إليزابيث إيفان باتريك بول بيتر بيدرو تشارلز توم توماس تيد تيم جاك "
            "جون جيف جيمس جوزيف دانيال ديانا ديفيد روبرت ريتشارد ستيف ستيفن سكوت فرانك فيكتور "
            "فيليب كارل كريس كريستيان كريستيانو كلير كيفن لويس ليونيل مارك ماري ماريو مايك "
            "مايكل نانسي نيكولاس هاري ويليام خوان سوزان توني"
        ),
        "foreign given name; the Arabic word is rare in news (بيني 'between me', جان: الجان)": (
            "بيني جان"
        ),
        "place name, frequent as itself": (
            "الباحة الدنمارك الشام الطائف القصيم القطيف النيل إنجلترا برشلونة بورتو بوسطن "
            "تكساس جازان جنيف حيفا صعدة فرانكفورت فلوريدا كاليفورنيا كردستان كوريا ليفربول "
            "مانشستر مكة ميامي نابولي ويلز"
        ),
        "place; the other reading is rare in news (حماة 'protectors' in set phrases, حائل "
        "'barrier' mostly as حائلا, أراك 'I see you', فاس: 'axe' is فأس, الجليل epithet)": (
            "حماة حائل أراك فاس الجليل"
        ),
        "organisation or brand, frequent as itself (حماس 'zeal' and طالبان 'two students' "
        "are far rarer in news)": (
            "أبل الأزهر الزمالك الفيفا اليونسكو تشيلسي تويتر جوجل حماس داعش سامسونج سوني "
            "طالبان فيسبوك مايكروسوفت ناسا واتساب يوفنتوس"
        ),
        "public figure's surname or single name, frequent as that person (الحريري 'silky' "
        "is rare in news)": (
            "ترامب أوباما بوتين أردوغان الحريري خامنئي السيسي القذافي ميسي رونالدو"
        ),
    },
    "fa": {
        "given name; the word reading (if any) is rare in news text": (
            "آریا ابوالقاسم اردشیر اشرف اصغر افشار افشین امیرحسین امین باقر بهنام جمال جمشید "
            "حبیب حمزه حمیدرضا حیدر داوود رحیم زینب سعد سلمان سلیمان سیاوش سینا شاپور شهاب "
            "شهریار عیسی فرزاد فروغ لیلی مهتاب مهران مهرداد منصور موسی میثم مینا نصرالله هاشم "
            "پارسا کریم کوروش عماد"
        ),
        "given name; joined with another it makes only names (ناصرخسرو, سیدجلال, کریستینا)": (
            "خسرو جلال تینا کریس"
        ),
        "foreign given name as Persian press writes it; no Persian word": (
            "آلبرت ادوارد استیو اسکات الکساندر الیزابت تونی جیمز جیک دیوید رابرت ریچارد ماری "
            "مایک مایکل نانسی هلن ویلیام پاول پیت پیتر چاک ژان کارل کوین خوان توماس جورج"
        ),
        "place name, frequent as itself": (
            "آفریقا آمل انزلی انگلستان اوین بابل بارسلونا بروجرد بلوچستان بوستون تگزاس جهرم "
            "حلب خاورمیانه دماوند رفسنجان زابل زاگرس ساوه سراوان سرپل شاهرود شوش فلسطین "
            "فلورانس لیورپول مریوان منچستر مهاباد موصل مونیخ مکه نجف هرات ولز چالوس ژنو کارون "
            "کالیفرنیا کربلا اسکاتلند"
        ),
        "place; the other reading is rare in news (حله 'robe' is poetic, مدینه: 'city' is "
        "شهر, میلان is also a given name)": ("حله مدینه میلان"),
        "organisation or brand, frequent as itself (سپاه: the IRGC in Iranian news)": (
            "آرسنال القاعده اپل ایرانسل اینستاگرام بی\u200cبی\u200cسی تراکتورسازی تلگرام "
            "توییتر حزب\u200cالله حماس داعش دیزنی سامسونگ سایپا سونی سپاه سپاهان سیا طالبان "
            "فیسبوک فیفا مایکروسافت ناسا نوکیا پرسپولیس چلسی گوگل یوونتوس"
        ),
        "public figure's surname or single name, frequent as that person (رئیسی as 'a "
        "chief', with the indefinite ی, is far rarer in news)": (
            "ترامپ اوباما کلینتون پوتین اردوغان خامنه\u200cای خمینی رئیسی احمدی\u200cنژاد "
            "خاتمی لاریجانی کروبی رونالدو"
        ),
    },
    "en": {
        "place name, frequent as itself": "Boston California Florida Michigan Ohio Texas",
        "brand, capitalised in running text": "Apple Facebook Google Twitter",
        "wordfreq scores the tokens g, 7 and 20": "G-7 G-20",
        "surname, capitalised in running text (lower-case 'trump' is the card-game verb)": (
            "Trump Obama"
        ),
    },
}
REVIEWED: dict[str, dict[str, str]] = {
    lang: {entry: reason for reason, entries in groups.items() for entry in entries.split()}
    for lang, groups in _REVIEWED.items()
}

_ARABIC_BLOCK = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
# Letters an Arabic entry may hold: the Arabic alphabet, hamza forms, ة and ى.
_AR_ALLOWED = re.compile(r"[\u0621-\u063a\u0641-\u064a 0-9\-]+")
_AR_NOT_ARABIC = "پچژگکیڤڨۀ"
# Persian: the Arabic block less ي ك ى ة, plus پ چ ژ گ ک ی ۀ and ZWNJ.
_FA_ALLOWED = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u200c 0-9\-]+"
)
_FA_NOT_PERSIAN = "يكىة"
_EN_ALLOWED = re.compile(r"[\w .'’&+/-]+")


def fold(text: str) -> str:
    """One key for spellings the recogniser treats as one (`_label_key` in entities.py)."""
    return normalize(text).replace(" ", "").replace("\u200c", "").lower()


def load(path: Path) -> dict[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, list)}


# language, the characters an entry may hold, letters of the neighbouring script, their error
_SCRIPT_RULES = {
    "ar": ("Arabic", _AR_ALLOWED, _AR_NOT_ARABIC, "Persian letter in Arabic"),
    "fa": ("Persian", _FA_ALLOWED, _FA_NOT_PERSIAN, "Arabic ي/ك/ى/ة in Persian (write ی/ک/ه)"),
}


def script_errors(lang: str, entry: str) -> list[str]:
    errors = []
    if entry != entry.strip() or "  " in entry or not entry:
        errors.append("stray or double space")
    if _TASHKEEL.search(entry):
        errors.append("tashkeel or tatweel")
    if lang in _SCRIPT_RULES:
        language, allowed, foreign, foreign_error = _SCRIPT_RULES[lang]
        if not allowed.fullmatch(entry):
            bad = sorted({c for c in entry if not allowed.fullmatch(c)})
            errors.append(f"characters outside {language}: {bad}")
        if any(c in foreign for c in entry):
            errors.append(foreign_error)
    if lang == "fa" and re.search("(^|[ \u200c])\u200c|\u200c($|[ ])", entry):
        errors.append("ZWNJ not between letters")
    if lang not in _SCRIPT_RULES:
        if _ARABIC_BLOCK.search(entry) or _CYRILLIC.search(entry):
            errors.append("Arabic or Cyrillic letter in English")
        if not _EN_ALLOWED.fullmatch(entry) or any(
            c.isalpha() and "LATIN" not in unicodedata.name(c, "") for c in entry
        ):
            errors.append("characters outside Latin")
        if not entry[0].isupper() and not entry.startswith(("the ", "al-", "i24")):
            errors.append("English entry not capitalised")
    return errors


def _ar_variants(entry: str) -> set[str]:
    """Spellings the tolerant match also takes: bare alef, ه for ة, ي for ى."""
    bare = re.sub("[أإآ]", "ا", entry)
    return {entry, bare, bare.replace("ة", "ه"), bare.replace("ى", "ي")}


def ambiguity_flags(lang: str, key: str, entry: str, names: set[str]) -> list[str]:
    """Why `entry` may be a common word. Single words only: wordfreq rates a phrase by its
    words, which says nothing on whether the phrase is a name (review those by eye)."""
    flags: list[str] = []
    if len(entry.split()) > 1:
        return flags
    if lang == "en":
        zipf = zipf_frequency(entry.lower(), "en")
        if zipf > EN_LIMIT:
            flags.append(f"common English word ({zipf:.2f})")
        return flags
    variants = _ar_variants(entry) if lang == "ar" else {entry, entry.replace("\u200c", "")}
    for variant in sorted(variants):
        zipf = zipf_frequency(variant, lang)
        if zipf > AR_FA_LIMIT:
            flags.append(f"common word {variant!r} ({zipf:.2f})")
    if lang == "ar":
        if key == "first_names":
            glued = "و" + entry
            zipf = zipf_frequency(glued, "ar")
            if zipf > AR_FA_LIMIT and fold(glued) not in names:
                flags.append(f"with و a common word {glued!r} ({zipf:.2f})")
        else:
            own = zipf_frequency(entry, "ar")
            for prefix in AR_PREFIXES:
                # "بمكة" is Mecca with "in"; "فشل" (failure), far more common than "شل", is not.
                zipf = zipf_frequency(prefix + entry, "ar")
                if zipf > AR_PREFIX_LIMIT and zipf > own - AR_PREFIX_MARGIN:
                    flags.append(f"with {prefix} a common word {prefix + entry!r} ({zipf:.2f})")
    return flags


def fa_compound_hazards(names: set[str]) -> dict[str, list[str]]:
    """Persian writes two first names as one word ("محمدجواد"), so the recogniser takes any
    word that splits into two known first names for one. Return, per first name, the common
    words (not names themselves) that it splits with another name: "پل" + "یس" would make
    "پلیس" (police) a name if "یس" were one."""
    hazards: dict[str, list[str]] = {}
    for word in top_n_list("fa", FA_COMPOUND_VOCABULARY):
        key = fold(word)
        if key in names or not key.isalpha():
            continue
        for i in range(2, len(key) - 1):
            if key[:i] in names and key[i:] in names:
                for part in (key[:i], key[i:]):
                    hazards.setdefault(part, []).append(word)
                break
    return hazards


def check(lang: str, quiet: bool, show: float | None = None) -> tuple[int, int]:
    """Check one language; return (errors, unreviewed flags)."""
    path = GAZ / f"{lang}.extra.json"
    errors = unreviewed = 0

    def error(message: str) -> None:
        nonlocal errors
        errors += 1
        print(f"  ERROR {message}")

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{lang}: cannot load {path.name}: {exc}")
        return 1, 0
    print(f"{lang}: {path.name}")
    if set(raw) != set(KEYS):
        error(f"keys {sorted(raw)} are not {list(KEYS)}")
    data: dict[str, list[str]] = {}
    for key in KEYS:
        values = raw.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            error(f"{key} is not a list of strings")
            values = []
        data[key] = values
    hand = load(GAZ / f"{lang}.json")
    generated = json.loads((GAZ / "generated.json").read_text(encoding="utf-8")).get(lang, {})
    # fold -> labels, over every list of the language (this file, hand-written, generated)
    known: dict[str, set[str]] = {}
    for source in (hand, generated, data):
        for key in KEYS:
            for entry in source.get(key, []):
                known.setdefault(fold(entry), set()).add(key)
    names = {fold(n) for n in [*hand.get("first_names", []), *data["first_names"]]}
    compounds = fa_compound_hazards(names) if lang == "fa" else {}
    counts: dict[str, tuple[int, int]] = {}
    for key in KEYS:
        values = data[key]
        already = {fold(v) for v in [*hand.get(key, []), *generated.get(key, [])]}
        new = [v for v in values if fold(v) not in already]
        counts[key] = (len(values), len(new))
        if len(values) < MINIMUM[lang][key]:
            error(f"{key}: {len(values)} entries, fewer than {MINIMUM[lang][key]}")
        seen: dict[str, str] = {}
        for entry in values:
            folded = fold(entry)
            if folded in seen:
                error(f"{key}: duplicate {entry!r} (as {seen[folded]!r})")
            seen[folded] = entry
            for problem in script_errors(lang, entry):
                error(f"{key}: {entry!r}: {problem}")
            others = known.get(folded, set()) - {key}
            if others:
                error(f"{key}: {entry!r} is also {sorted(others)}")
            flags = ambiguity_flags(lang, key, entry, names)
            if key == "first_names" and compounds.get(folded):
                flags.append(f"joined with another first name it makes {compounds[folded][:5]}")
            if show is not None and not flags and len(entry.split()) == 1:
                zipf = zipf_frequency(entry.lower() if lang == "en" else entry, lang)
                if zipf > show:
                    print(f"  info {key}: {entry!r} ({zipf:.2f}), below the limit")
            if flags:
                reason = REVIEWED[lang].get(entry)
                if reason is None:
                    unreviewed += 1
                    print(f"  UNREVIEWED {key}: {entry!r}: {'; '.join(flags)}")
                elif not quiet:
                    print(f"  kept {key}: {entry!r}: {'; '.join(flags)} -- {reason}")
    for entry in REVIEWED[lang]:
        if not any(entry in data[key] for key in KEYS):
            print(f"  note: REVIEWED entry {entry!r} is in no list")
    for key in KEYS:
        total, fresh = counts[key]
        print(f"  {key}: {total} entries, {fresh} not already in {lang}.json or generated.json")
    return errors, unreviewed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="do not list reviewed entries")
    parser.add_argument(
        "--show",
        type=float,
        metavar="ZIPF",
        help="also list single-word entries above this frequency, under the limit (no failure)",
    )
    parser.add_argument("langs", nargs="*", default=list(LANGS))
    args = parser.parse_args()
    errors = unreviewed = 0
    for lang in args.langs:
        e, u = check(lang, args.quiet, args.show)
        errors, unreviewed = errors + e, unreviewed + u
    print(f"{errors} errors, {unreviewed} unreviewed ambiguous entries")
    sys.exit(1 if errors or unreviewed else 0)


if __name__ == "__main__":
    main()
