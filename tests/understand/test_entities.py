"""Named entities: rules and gazetteers (ar, fa, en) and natasha (ru), scored on hand labels."""

from __future__ import annotations

from collections import Counter

import pytest

from tabayyun.errors import PipelineError
from tabayyun.model import Entity
from tabayyun.understand.entities import find_entities, find_roles, fold

from . import article_body, split_sentences

# Hand labels for each article body plus a few sentences written apart from the rules.
# Counted as a multiset of (label, surface): an entity found twice must be labelled twice.
EXTRA = {
    "ar": (
        "وقال وزير الخارجية الإيراني عباس عراقجي في طهران إن المفاوضات مستمرة.\n"
        "وأفادت وكالة رويترز بأن بعثة الاتحاد الأوروبي وصلت إلى بغداد.\n"
        "واستقبل الرئيس السوري في دمشق وفدا من الأمم المتحدة."
    ),
    "fa": (
        "علی لاریجانی در دیدار با سفیر چین در تهران گفت که همکاری دو کشور گسترش می‌یابد.\n"
        "سخنگوی سازمان ملل از وضعیت غزه ابراز نگرانی کرد."
    ),
    "ru": (
        "Министр иностранных дел России Сергей Лавров прибыл в Тегеран.\n"
        "ООН призвала стороны к переговорам."
    ),
    "en": (
        "Foreign Minister Abbas Araghchi met UN officials in Geneva on Monday.\n"
        "Reuters reported that the European Union would send observers to Baghdad."
    ),
}
GOLD: dict[str, Counter[tuple[str, str]]] = {
    "ar": Counter(
        {
            ("PER", "محمد رضا نوروز بور"): 2,
            ("PER", "نوروز بور"): 2,
            ("PER", "ماريا زاخاروفا"): 2,
            ("PER", "زاخاروفا"): 1,
            ("PER", "كاظم جلالي"): 3,
            ("PER", "جلالي"): 1,
            ("PER", "عباس عراقجي"): 1,
            ("ORG", "وزارة الخارجية الروسية"): 2,
            ("ORG", "وزارة الثقافة"): 1,
            ("ORG", "سفارة الجمهورية الإسلامية الإيرانية"): 1,
            ("ORG", "رويترز"): 1,
            ("ORG", "الاتحاد الأوروبي"): 1,
            ("ORG", "الأمم المتحدة"): 1,
            ("LOC", "موسكو"): 3,
            ("LOC", "روسيا"): 9,
            ("LOC", "روسيا الاتحادية"): 1,
            ("LOC", "الجمهورية الإسلامية الإيرانية"): 3,
            ("LOC", "إيران"): 3,
            ("LOC", "ايران"): 1,
            ("LOC", "طهران"): 1,
            ("LOC", "بغداد"): 1,
            ("LOC", "دمشق"): 1,
        }
    ),
    "fa": Counter(
        {
            ("PER", "کامران صدری‌نیا"): 1,
            ("PER", "صدری‌نیا"): 1,
            ("PER", "نرگس امیری"): 1,
            ("PER", "امیری"): 1,
            ("PER", "حسین فرهمند"): 1,
            ("PER", "فرهمند"): 1,
            ("PER", "علی لاریجانی"): 1,
            ("ORG", "دانشگاه فردوسی مشهد"): 1,
            ("ORG", "شرکت آب و فاضلاب مشهد"): 1,
            ("ORG", "سازمان ملل"): 1,
            ("LOC", "تهران"): 2,
            ("LOC", "خراسان رضوی"): 1,
            ("LOC", "مشهد"): 3,
            ("LOC", "چین"): 1,
            ("LOC", "غزه"): 1,
        }
    ),
    "ru": Counter(
        {
            ("PER", "Андрей Кольцов"): 1,
            ("PER", "Кольцов"): 2,
            ("PER", "Светлана Вербицкая"): 1,
            ("PER", "Вербицкой"): 1,
            ("PER", "Олег Тарасенко"): 1,
            ("PER", "Тарасенко"): 1,
            ("PER", "Сергей Лавров"): 1,
            ("ORG", "Высшей школы экономики"): 1,
            ("ORG", "ООН"): 1,
            ("LOC", "Великий Новгород"): 1,
            ("LOC", "Новгородской области"): 1,
            ("LOC", "России"): 1,
            ("LOC", "Тегеран"): 1,
        }
    ),
    "en": Counter(
        {
            ("PER", "Eleanor Whitcombe"): 1,
            ("PER", "Whitcombe"): 1,
            ("PER", "Daniel Okafor"): 1,
            ("PER", "Okafor"): 1,
            ("PER", "Priya Ramsden"): 1,
            ("PER", "Ramsden"): 1,
            ("PER", "Abbas Araghchi"): 1,
            ("ORG", "Transport Ministry"): 1,
            ("ORG", "Environment Agency"): 1,
            ("ORG", "University of Leeds"): 1,
            ("ORG", "UN"): 1,
            ("ORG", "Reuters"): 1,
            ("ORG", "European Union"): 1,
            ("LOC", "LONDON"): 1,
            ("LOC", "Britain"): 1,
            ("LOC", "England"): 1,
            ("LOC", "Leeds"): 1,
            ("LOC", "River Aire"): 1,
            ("LOC", "Geneva"): 1,
            ("LOC", "Baghdad"): 1,
        }
    ),
}
# Floors pinned just under the measured scores (see the report); they must never drop silently.
FLOORS = {"ar": (0.95, 0.95), "fa": (0.95, 0.8), "ru": (0.95, 0.95), "en": (0.95, 0.85)}


def labelled_text(lang: str) -> str:
    return article_body(lang) + "\n" + EXTRA[lang]


def entities_for(lang: str, text: str) -> list[Entity]:
    return find_entities(text, split_sentences(text), lang)


def score(lang: str) -> tuple[float, float]:
    predicted: Counter[tuple[str, str]] = Counter(
        (str(e.label), fold(e.text)) for e in entities_for(lang, labelled_text(lang))
    )
    gold: Counter[tuple[str, str]] = Counter()
    for (label, surface), count in GOLD[lang].items():
        gold[(label, fold(surface))] += count
    hits = sum((predicted & gold).values())
    return hits / max(1, sum(predicted.values())), hits / max(1, sum(gold.values()))


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en"])
def test_precision_recall_floors(lang: str) -> None:
    precision, recall = score(lang)
    min_precision, min_recall = FLOORS[lang]
    assert precision >= min_precision, f"{lang} precision {precision:.2f}"
    assert recall >= min_recall, f"{lang} recall {recall:.2f}"


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en"])
def test_offsets_index_the_text(lang: str) -> None:
    text = labelled_text(lang)
    entities = entities_for(lang, text)
    assert entities
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    assert [e.start for e in entities] == sorted(e.start for e in entities)


@pytest.mark.parametrize(
    ("lang", "surname", "full"),
    [
        ("ar", "زاخاروفا", "ماريا زاخاروفا"),
        ("ar", "نوروز بور", "محمد رضا نوروز بور"),
        ("ar", "جلالي", "كاظم جلالي"),
        ("fa", "صدری‌نیا", "کامران صدری‌نیا"),
        ("ru", "Вербицкой", "Светлана Вербицкая"),
        ("en", "Okafor", "Daniel Okafor"),
    ],
)
def test_surnames_take_the_full_name(lang: str, surname: str, full: str) -> None:
    names = {e.text: e.name for e in entities_for(lang, article_body(lang)) if e.label == "PER"}
    assert names[surname] == full


def test_quoted_name_after_role_is_stripped() -> None:
    # The seed writes the name with a space before the closing quote: "ماريا زاخاروفا ".
    text = 'التقى المتحدثة الرسمية باسم وزارة الخارجية الروسية "ماريا زاخاروفا " في موسكو.'
    people = [e for e in entities_for("ar", text) if e.label == "PER"]
    assert [(e.text, e.name) for e in people] == [("ماريا زاخاروفا", "ماريا زاخاروفا")]


def test_russian_names_are_lemmatised() -> None:
    text = "Официальный представитель МИД России Марии Захаровой не было на брифинге."
    names = {e.name for e in entities_for("ru", text) if e.label == "PER"}
    assert names == {"Мария Захарова"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("По данным Росстата, инфляция замедлилась.", "Росстат"),
        ("Представитель Роскомнадзора это подтвердил.", "Роскомнадзор"),
        ("Эти данные опубликовал Газпром.", "Газпром"),
        # A noun head takes its nominative; what depends on it stays as written.
        ("Представитель Министерства обороны это подтвердил.", "Министерство обороны"),
        # natasha inflects adjectives badly ("Высшей" -> "Высочайшая"): kept as written.
        ("Эксперт Высшей школы экономики это подтвердил.", "Высшей школы экономики"),
        ("Глава МИД выступил.", "МИД"),
    ],
)
def test_russian_organisations_are_named_in_the_nominative(text: str, name: str) -> None:
    # "по данным Росстата" and "Росстат сообщил" are one voice for counting voices.
    names = {e.name for e in entities_for("ru", text) if e.label == "ORG"}
    assert names == {name}


@pytest.mark.parametrize(
    ("lang", "text", "label", "surface"),
    [
        ("ar", "وصل الوفد إلى مقر سفارة الجمهورية الإسلامية الإيرانية بموسكو.", "LOC", "موسكو"),
        ("ar", "وقالت وزارة الخارجية الروسية في بيان.", "ORG", "وزارة الخارجية الروسية"),
        ("fa", "هیئتی از روسیه به تهران آمد.", "LOC", "روسیه"),
        (
            "en",
            "The Ministry of Foreign Affairs in Oslo confirmed it.",
            "ORG",
            "Ministry of Foreign Affairs",
        ),
        ("en", "Mr Jenkins arrived late.", "PER", "Jenkins"),
    ],
)
def test_patterns(lang: str, text: str, label: str, surface: str) -> None:
    assert (label, surface) in {(e.label, e.text) for e in entities_for(lang, text)}


def test_common_words_are_not_people() -> None:
    # "على" folds to the name "علي"; the first-name rule must not fire on the preposition.
    text = "وشدد على ضرورة تعزيز الاتصالات الإعلامية."
    assert [e for e in entities_for("ar", text) if e.label == "PER"] == []


def test_unknown_language_is_refused() -> None:
    with pytest.raises(PipelineError, match="not 'de'"):
        find_entities("Berlin", [], "de")


def test_empty_text() -> None:
    assert find_entities("  ", [], "ar") == []


# Letter variants fold as they do everywhere else (lang/normalize.py): Arabic ي/ك in Persian,
# hamza-less alef, tatweel and tashkeel, ة written ه, ى written ي, ZWNJ written as a space.
def _has(lang: str, text: str, label: str, surface: str) -> bool:
    entities = entities_for(lang, text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    return (label, surface) in {(e.label, e.text) for e in entities}


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("fa", "آقای کاظمی گفت که دولت مقصر است.", "کاظمی"),
        ("fa", "آقاي كاظمي گفت كه دولت مقصر است.", "كاظمي"),
        ("fa", "دكتر كاظمي در تهران بود.", "كاظمي"),
        ("ar", "وقال الأستاذ زكريا حداد إن المفاوضات مستمرة.", "زكريا حداد"),
        ("ar", "وقال الاستاذ زكريا حداد إن المفاوضات مستمرة.", "زكريا حداد"),
        ("ar", "وقال الشيـخ زكريا حداد إن المفاوضات مستمرة.", "زكريا حداد"),
        ("ar", "وقال السيّد زكريا حداد إن المفاوضات مستمرة.", "زكريا حداد"),
    ],
)
def test_titles_tolerate_spelling_variants(lang: str, text: str, surface: str) -> None:
    assert _has(lang, text, "PER", surface)


@pytest.mark.parametrize(
    ("lang", "text", "people"),
    [
        ("ar", "وقالت السيدة منى حداد إن الوضع مستقر.", ["منى حداد"]),
        ("ar", "وقالت الدكتورة منى حداد إن الوضع مستقر.", ["منى حداد"]),
        ("fa", "او در دانشکده مهندسی برق درس می‌خواند.", []),
    ],
)
def test_title_ends_at_a_word_end(lang: str, text: str, people: list[str]) -> None:
    # "السيد" must not take "السيدة" and leave "ة منى حداد" as the name, nor "مهندس" "مهندسی".
    assert [e.text for e in entities_for(lang, text) if e.label == "PER"] == people


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("fa", "مهدی کاظمی گفت که دولت مقصر است.", "مهدی کاظمی"),
        ("fa", "مهدي كاظمي گفت كه دولت مقصر است.", "مهدي كاظمي"),
        ("ar", "وقال مصطفى خالد إن المفاوضات مستمرة.", "مصطفى خالد"),
        ("ar", "وقال مصطفي خالد إن المفاوضات مستمرة.", "مصطفي خالد"),
        ("ar", "وقال امير خالد إن المفاوضات مستمرة.", "امير خالد"),
        ("ar", "وقال علی حداد إن المفاوضات مستمرة.", "علی حداد"),
        ("ar", "وقال فاطمه حداد إن المفاوضات مستمرة.", "فاطمه حداد"),
        ("fa", "مھدی کاظمی گفت که دولت مقصر است.", "مھدی کاظمی"),  # ھ typed for ه
        ("ar", "وقال فاطمۃ حداد إن المفاوضات مستمرة.", "فاطمۃ حداد"),
    ],
)
def test_first_names_tolerate_spelling_variants(lang: str, text: str, surface: str) -> None:
    assert _has(lang, text, "PER", surface)


@pytest.mark.parametrize(
    "text",
    [
        "وشدد على ضرورة تعزيز الاتصالات الإعلامية.",
        "وحصل على دعم كبير من الحكومة.",
        "وأكد عَلى ضرورة تعزيز الاتصالات.",
    ],
)
def test_alef_maqsura_keeps_ala_apart_from_ali(text: str) -> None:
    # ی and ي fold together, but "على" (on) written with ى is never the name "علي".
    assert [e for e in entities_for("ar", text) if e.label == "PER"] == []


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("fa", "بانک مرکزی ایران اعلام کرد.", "بانک مرکزی ایران"),
        ("fa", "بانك مركزي ايران اعلام کرد.", "بانك مركزي ايران"),
        ("fa", "بانڪ مرکزی ایران اعلام کرد.", "بانڪ مرکزی ایران"),
        ("ar", "وقالت وكاله الأنباء الرسمية إن الوضع مستقر.", "وكاله الأنباء الرسمية"),
    ],
)
def test_organisation_heads_tolerate_spelling_variants(lang: str, text: str, surface: str) -> None:
    assert _has(lang, text, "ORG", surface)


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("وصل الوفد إلى القاهرة أمس.", "LOC", "القاهرة"),
        ("وصل الوفد إلى القاهره أمس.", "LOC", "القاهره"),
        ("وصل الوفد إلى دبى أمس.", "LOC", "دبى"),
        ("وقالت وزارة الصحة العراقية إن الوضع مستقر.", "ORG", "وزارة الصحة العراقية"),
        ("وقالت وزاره الصحه العراقيه إن الوضع مستقر.", "ORG", "وزاره الصحه العراقيه"),
    ],
)
def test_names_tolerate_teh_marbuta_and_alef_maqsura(text: str, label: str, surface: str) -> None:
    assert _has("ar", text, label, surface)


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("آژانس بین‌المللی انرژی اتمی اعلام کرد.", "ORG", "آژانس بین‌المللی انرژی اتمی"),
        ("آژانس بین المللی انرژی اتمی اعلام کرد.", "ORG", "آژانس بین المللی انرژی اتمی"),
        ("آژانس بینالمللی انرژی اتمی اعلام کرد.", "ORG", "آژانس بینالمللی انرژی اتمی"),
        ("او به ایالات متحده رفت.", "LOC", "ایالات متحده"),
        ("او به ایالات‌متحده رفت.", "LOC", "ایالات‌متحده"),
    ],
)
def test_gazetteer_ignores_space_or_zwnj(text: str, label: str, surface: str) -> None:
    found = {(e.label, e.text) for e in entities_for("fa", text)}
    assert (label, surface) in found
    assert {e for e in found if e[1] == surface} == {(label, surface)}


# A name after a title, a role or a known first name stops before the verb, preposition or
# function word that follows it; an organisation's name likewise.
@pytest.mark.parametrize(
    ("lang", "text", "label", "expected"),
    [
        ("fa", "آقای کاظمی آمد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی رفت.", "PER", ["کاظمی"]),
        ("fa", "خانم رضایی گفت که جلسه لغو شد.", "PER", ["رضایی"]),
        ("fa", "خانم رضایی گفتند که جلسه لغو شد.", "PER", ["رضایی"]),
        ("fa", "دکتر احمدی در جلسه حضور داشت.", "PER", ["احمدی"]),
        (
            "fa",
            "مهندس کامران صدری‌نیا، مدیرکل مدیریت بحران استان، گفت که سد پر است.",
            "PER",
            ["کامران صدری‌نیا"],
        ),
        ("fa", "خانم زهرا رضایی اعلام کرد که جلسه لغو شد.", "PER", ["زهرا رضایی"]),
        ("fa", "آقای کاظمی تأکید کرد که جلسه لغو شد.", "PER", ["کاظمی"]),
        # a compound verb in the present, with its prefix or without the ZWNJ
        ("fa", "علی رضایی فکر می‌کند که جلسه لغو شد.", "PER", ["علی رضایی"]),
        ("fa", "حسن روحانی فکر میکند که جلسه لغو شد.", "PER", ["حسن روحانی"]),
        ("fa", "محمد جواد ظریف می‌گوید که جلسه لغو شد.", "PER", ["محمد جواد ظریف"]),
        ("fa", "آقای کاظمی اظهار داشت که جلسه لغو شد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی ابراز امیدواری کرد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی استراحت کرد.", "PER", ["کاظمی"]),  # a compound verb not listed
        ("fa", "دکتر علی محمدی می‌گوید که آب کم است.", "PER", ["علی محمدی"]),
        ("fa", "دکتر محمدی میگوید که آب کم است.", "PER", ["محمدی"]),
        ("fa", "دکتر محمدی می‌خندد.", "PER", ["محمدی"]),
        ("fa", "آقای کاظمی نیامد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی خواهد آمد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی معتقد است که جلسه لغو شد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی امروز گفت که جلسه لغو شد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی همچنین گفت که جلسه لغو شد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی روز سه‌شنبه گفت که جلسه لغو شد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی پس از جلسه گفت.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی تهران را ترک کرد.", "PER", ["کاظمی"]),
        ("fa", "دکتر احمدی رئیس دانشگاه است.", "PER", ["احمدی"]),
        ("fa", "آقای دکتر کاظمی آمد.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی و خانم رضایی آمدند.", "PER", ["کاظمی", "رضایی"]),
        ("fa", "آقای محمد علی کاظمی آمد.", "PER", ["محمد علی کاظمی"]),
        ("fa", "مهدی کاظمی آمد.", "PER", ["مهدی کاظمی"]),
        ("fa", "مهدی کاظمی اعلام کرد که جلسه لغو شد.", "PER", ["مهدی کاظمی"]),
        ("fa", "حسین فرهمند هشدار داد که آب کم است.", "PER", ["حسین فرهمند"]),
        ("fa", "حجت‌الاسلام حسن روحانی آمد.", "PER", ["حسن روحانی"]),
        ("fa", "وزارت بهداشت هشدار داد مشهد در وضعیت قرمز است.", "ORG", ["وزارت بهداشت"]),
        ("fa", "ستاد بحران هر هفته وضعیت سدها را بررسی می‌کند.", "ORG", []),
        ("fa", "سازمان ملل اعلام کرد که تهران امن است.", "ORG", ["سازمان ملل"]),
        ("ar", "قال الدكتور أحمد حسن إن الوضع مستقر.", "PER", ["أحمد حسن"]),
        ("ar", "السيد محمد علي يقول إن الوضع مستقر.", "PER", ["محمد علي"]),
        ("ar", "أكد الوزير سامي خليل أن الوضع مستقر.", "PER", ["سامي خليل"]),
        ("ar", "أكد الوزير سامي خليل يوم الأحد أن الوضع مستقر.", "PER", ["سامي خليل"]),
        ("ar", "وصل الدكتور أحمد حسن أمس إلى بغداد.", "PER", ["أحمد حسن"]),
        ("ar", "الدكتور أحمد حسن قال إن الوضع مستقر.", "PER", ["أحمد حسن"]),
        ("ar", "الشيخ خالد يوسف يرى أن الوضع مستقر.", "PER", ["خالد يوسف"]),
        ("ar", "السيدة منى حداد تقول إن الوضع مستقر.", "PER", ["منى حداد"]),
        ("ar", "الدكتور أحمد حسن وزير الصحة قال ذلك.", "PER", ["أحمد حسن"]),
        ("ar", "حضر المهندس زكريا حداد وقال إن الوضع مستقر.", "PER", ["زكريا حداد"]),
        ("ar", "الدكتور زكريا حداد لم يحضر الاجتماع.", "PER", ["زكريا حداد"]),
        ("ar", "الأستاذ زكريا حداد عبر عن قلقه.", "PER", ["زكريا حداد"]),
        ("ar", "أكد الدكتور زكريا حداد أنه مستعد للحوار.", "PER", ["زكريا حداد"]),
        ("ar", "زار الدكتور أحمد حسن طهران أمس.", "PER", ["أحمد حسن"]),
        ("ar", "وقال السيد أحمد حسن ومحمد علي إن الوضع مستقر.", "PER", ["أحمد حسن", "محمد علي"]),
        ("ar", "حسن خليل أعلن أن الوضع مستقر.", "PER", ["حسن خليل"]),
        ("ar", "أعلن مجلس الأمن الدولي الاثنين أن الوضع مستقر.", "ORG", ["مجلس الأمن الدولي"]),
        ("ar", "قالت وزارة الصحة اليوم إن الوضع مستقر.", "ORG", ["وزارة الصحة"]),
        ("ar", "قالت وزارة الصحة التي تدير المستشفيات إن الوضع مستقر.", "ORG", ["وزارة الصحة"]),
        ("ar", "أرسلت وزارة الخارجية إلى بغداد وفدا.", "ORG", ["وزارة الخارجية"]),
        (
            "en",
            "Minister Eleanor Whitcombe said the bridge was safe.",
            "PER",
            ["Eleanor Whitcombe"],
        ),
        ("en", "Dr. John Smith told reporters the bridge was safe.", "PER", ["John Smith"]),
        ("en", "Prime Minister Keir Starmer said it.", "PER", ["Keir Starmer"]),
        ("en", "Dr John Smith's report was published.", "PER", ["John Smith"]),
        (
            "en",
            "Eleanor Whitcombe and John Smith said the bridge was safe.",
            "PER",
            ["Eleanor Whitcombe", "John Smith"],
        ),
        ("en", "Minister of Transport Eleanor Whitcombe said it.", "PER", ["Eleanor Whitcombe"]),
        ("en", "Eleanor Whitcombe of Leeds University said it.", "PER", ["Eleanor Whitcombe"]),
        ("en", "Eleanor Whitcombe of Leeds University said it.", "ORG", ["Leeds University"]),
        ("en", "Environment Agency Director Sarah Jones said it.", "PER", ["Sarah Jones"]),
        ("en", "Environment Agency Director Sarah Jones said it.", "ORG", ["Environment Agency"]),
        ("en", "Bank of England Governor Andrew Bailey said it.", "PER", ["Andrew Bailey"]),
        ("en", "Theresa May said it.", "PER", ["Theresa May"]),
        (
            "ru",
            "Министр Сергей Лавров в понедельник заявил, что переговоры продолжатся.",
            "PER",
            ["Сергей Лавров"],
        ),
        ("ru", "Господин Иванов сказал, что переговоры продолжатся.", "PER", ["Иванов"]),
        (
            "ru",
            "Мэр Москвы Сергей Собянин сообщил журналистам о ремонте.",
            "PER",
            ["Сергей Собянин"],
        ),
        ("ru", "Доктор Иван Петров отметил, что всё в порядке.", "PER", ["Иван Петров"]),
        # English Title Case ("Minister Eleanor Whitcombe On Monday Said") and Persian
        # predicates after a name ("آقای کاظمی مخالف این طرح است"); each rule has a case where
        # it must not fire.
        (
            "en",
            "Minister Eleanor Whitcombe On Monday said the bridge was safe.",
            "PER",
            ["Eleanor Whitcombe"],
        ),
        ("en", "Dr Priya Ramsden In Leeds said the bridge was safe.", "PER", ["Priya Ramsden"]),
        ("en", "Dr Priya Ramsden In Leeds said the bridge was safe.", "LOC", ["Leeds"]),
        (  # not fired: "May" ends a name only as a date, "May 5"
            "en",
            "Minister Theresa May On May 5 said the bridge was safe.",
            "PER",
            ["Theresa May"],
        ),
        ("en", 'Said Daniel Okafor: "The bridge is safe."', "PER", ["Daniel Okafor"]),
        (  # not fired: a first name, the subject of "said"
            "en",
            "Said Hamdan said the talks would go on.",
            "PER",
            ["Said Hamdan"],
        ),
        ("en", "The Foreign Office Minister said the bridge was safe.", "PER", []),
        ("en", "The Foreign Office Minister said the bridge was safe.", "ORG", ["Foreign Office"]),
        (  # not fired: "Foreign" before a post, not an organisation, is still a role
            "en",
            "Foreign Minister Abbas Araghchi said the talks would go on.",
            "ORG",
            [],
        ),
        ("en", "Leader of the House John Smith said it.", "PER", ["John Smith"]),
        (
            "en",
            "Secretary of State for Transport Eleanor Whitcombe said it.",
            "PER",
            ["Eleanor Whitcombe"],
        ),
        (  # not fired: no first name after the department, so no person
            "en",
            "Leader of the House Office said it.",
            "PER",
            [],
        ),
        ("fa", "آقای کاظمی مخالف این طرح است.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی مخالف است.", "PER", ["کاظمی"]),
        ("fa", "آقای کاظمی راضی است.", "PER", ["کاظمی"]),
        ("fa", "مهدی کاظمی مخالف این طرح بود.", "PER", ["مهدی کاظمی"]),
        ("fa", "خانم زهرا رضایی مخالف این طرح است.", "PER", ["زهرا رضایی"]),  # a first name
        ("fa", "آقای کاظمی تهرانی مخالف این طرح است.", "PER", ["کاظمی تهرانی"]),  # surname-shaped
        ("fa", "مهندس کامران صدری‌نیا مخالف این طرح است.", "PER", ["کامران صدری‌نیا"]),
        ("fa", "این مرد آقای کاظمی است.", "PER", ["کاظمی"]),  # the name itself before است
        ("fa", "آقای بیژن زنگنه این طرح را رد کرد.", "PER", ["بیژن زنگنه"]),  # not copular
        ("ar", "وقال سامي خليل لوكالة رويترز إن الموازنة ستزيد.", "PER", ["سامي خليل"]),
    ],
)
def test_names_stop_before_verbs_and_function_words(
    lang: str, text: str, label: str, expected: list[str]
) -> None:
    entities = entities_for(lang, text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    assert [e.text for e in entities if e.label == label] == expected


# A name in apposition to a post: between commas after it ("وزیر نیرو، علی‌اکبر محرابیان،"),
# or in Arabic right after the post and its descriptors when "أن"/"إن" or a colon follows. Arabic
# compound names stay whole: "شمس الدين", "عبد ال...", "أبو ...", "بن ...". Each rule has cases
# where it must not fire.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fa", "وزیر نیرو، علی‌اکبر محرابیان، گفت که سدها خالی است.", ["علی‌اکبر محرابیان"]),
        ("fa", "معاون شهردار تهران، محسن هاشمی، گفت که مترو گران می‌شود.", ["محسن هاشمی"]),
        ("ar", "وقال وزير الطاقة والمياه، وليد فياض، إن التغذية ستتحسن.", ["وليد فياض"]),
        ("ar", "أعلن وزير الطاقة والمياه وليد فياض أن التغذية ستتحسن.", ["وليد فياض"]),
        ("ar", "وقال رئيس لجنة الأشغال النيابية سجيع عطية إن الخطة جاهزة.", ["سجيع عطية"]),
        ("ar", "وقال الخبير الاقتصادي سجيع عطية: «الخطة جاهزة تماما للتنفيذ».", ["سجيع عطية"]),
        ("ar", "وأكد الخبير الاقتصادي محمد شمس الدين أن العجز سيتفاقم.", ["محمد شمس الدين"]),
        ("ar", "وقال المحلل عبد الرحمن أبو الغيط إن الحكومة لن تصمد.", ["عبد الرحمن أبو الغيط"]),
        ("ar", "وقال الناشط خالد بن علي إن الاحتجاجات ستستمر.", ["خالد بن علي"]),
        ("ar", "وقال حسن نصر الله إن المقاومة مستمرة.", ["حسن نصر الله"]),
        ("ar", "وقال محمد بن سلمان آل سعود إن الرؤية مستمرة.", ["محمد بن سلمان آل سعود"]),
        # not fired: "الدين" after the complementiser is not part of a name
        ("ar", "وقال محمد علي إن الدين العام ارتفع.", ["محمد علي"]),
        # not fired: a time, an occasion or an object after the post, not a name
        ("fa", "وزیر نیرو، روز دوشنبه، گفت که سدها خالی است.", []),
        ("fa", "وزیر نیرو، در حاشیه جلسه هیئت دولت، گفت که سدها خالی است.", []),
        ("ar", "وقال وزير الطاقة، مساء أمس، إن التغذية ستتحسن.", []),
        ("ar", "وقال وزير الطاقة، ردا على سؤال، إن التغذية ستتحسن.", []),
        ("ar", "وأكد وزير الطاقة أهمية تعزيز التعاون بين البلدين.", []),
        ("ar", "وأعلن وزير الصحة وجود إصابات جديدة، مؤكدا أن الوضع مستقر.", []),
        ("ar", "وقال وزير الطاقة للصحفيين إن التغذية ستتحسن.", []),
        ("ar", "وقال وزير الطاقة في بيان إن التغذية ستتحسن.", []),
    ],
)
def test_names_in_apposition_to_a_post(lang: str, text: str, expected: list[str]) -> None:
    entities = entities_for(lang, text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    assert [e.text for e in entities if e.label == "PER"] == expected


@pytest.mark.parametrize(
    ("lang", "text", "label", "surface"),
    [
        # Places from CLDR (scripts/build_gazetteers.py) beside the hand-written lists.
        ("en", "Protests spread to Montevideo and Kinshasa on Sunday.", "LOC", "Kinshasa"),
        ("ar", "وصل الوفد إلى نيروبي صباح اليوم.", "LOC", "نيروبي"),
        ("fa", "هیئت ایرانی به بوئنوس آیرس رفت.", "LOC", "بوئنوس آیرس"),
        ("fa", "بارش‌ها در خراسان رضوی کاهش یافت.", "LOC", "خراسان رضوی"),
        # A post inside a capitalised run ends the descriptor and opens the name.
        ("en", "Labor Secretary Julie Su spoke on Friday.", "PER", "Julie Su"),
        ("en", "Chinese President Xi Jinping arrived on Monday.", "PER", "Xi Jinping"),
        ("en", "The talks were led by Premier Li Qiang.", "PER", "Li Qiang"),
        ("en", "Sen. Ted Cruz objected.", "PER", "Ted Cruz"),
    ],
)
def test_wider_gazetteers_and_posts(lang: str, text: str, label: str, surface: str) -> None:
    assert (label, surface) in {(e.label, e.text) for e in entities_for(lang, text)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Place names that are everyday words are left out of the generated lists.
        ("fa", "بحران مالی دولت ادامه دارد و کیف پول‌ها خالی است."),
        ("ar", "قال إن الوضع المالي صعب وإن النوم ضروري للعاملين."),
        ("en", "The new Jersey shirts went on sale in May."),
    ],
)
def test_ambiguous_place_names_are_not_places(lang: str, text: str) -> None:
    assert [e for e in entities_for(lang, text) if e.label == "LOC"] == []


def test_an_english_name_never_crosses_a_sentence() -> None:
    text = "Finance Minister John Smith spoke in Paris. Smith told reporters the plan was dead."
    people = {(e.text, e.name) for e in entities_for("en", text) if e.label == "PER"}
    assert people == {("John Smith", "John Smith"), ("Smith", "John Smith")}


def test_the_speakers_saying_is_not_part_of_an_arabic_name() -> None:
    text = "ونقلت رويترز عن وزير المالية محمد معيط قوله إن العجز سيتراجع."
    people = [e.text for e in entities_for("ar", text) if e.label == "PER"]
    assert people == ["محمد معيط"]


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        (
            "Olena Kovalenko, a nurse at the hospital, said power cuts continued.",
            "PER",
            "Olena Kovalenko",
        ),
        ("The court adjourned the trial of businessman Chukwuemeka Obi.", "PER", "Chukwuemeka Obi"),
        ("Heavy rain hit the coast along the Arabian Sea overnight.", "LOC", "Arabian Sea"),
        ("An earthquake struck Kermanshah province on Monday.", "LOC", "Kermanshah"),
        ("The Black Sea fleet sailed.", "LOC", "Black Sea"),
        ("Gazprom said gas flows had returned to normal.", "ORG", "Gazprom"),
        ("A spokesman for the Kremlin declined to comment.", "ORG", "Kremlin"),
        ("Shares in Samsung Electronics rose 4 percent.", "ORG", "Samsung Electronics"),
    ],
)
def test_english_names_by_context(text: str, label: str, surface: str) -> None:
    assert (label, surface) in {(e.label, e.text) for e in entities_for("en", text)}


@pytest.mark.parametrize(
    "text",
    [
        "Union Calls Strike As Pay Talks Collapse",  # a headline in Title Case
        "Officials said the bridge would reopen.",  # a group, not an organisation's name
    ],
)
def test_english_capitals_that_are_no_names(text: str) -> None:
    assert entities_for("en", text) == []


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # A name that starts with hamza on alef is not a defined word ("أليكس" folds to "اليكس").
        ("قال وزير الصحة الأميركي أليكس آزار إن اللقاح آمن.", ["أليكس آزار"]),
        ("وقال الأمين العام لهيئة الصحة الأميركية أليكس آزار إن اللقاح آمن.", ["أليكس آزار"]),
    ],
)
def test_arabic_names_opening_with_hamza_alef(text: str, people: list[str]) -> None:
    assert [e.text for e in entities_for("ar", text) if e.label == "PER"] == people


@pytest.mark.parametrize(
    "text",
    [
        "طلب مني صديقي مساعدته.",  # «مني» is "from me", not the name «منى»
        "سعيد جدا بهذا الخبر.",  # «سعيد» "happy", then an adverb
    ],
)
def test_arabic_words_that_look_like_first_names(text: str) -> None:
    assert [e for e in entities_for("ar", text) if e.label == "PER"] == []


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        # Public figures named by a surname alone, as headlines do (gazetteer "PER" lists).
        ("ar", "ألمانيا تحذر من تداعيات سياسات ترامب التجارية", "ترامب"),
        ("ar", "اثناء زيارة أردوغان لألمانيا", "أردوغان"),
        ("fa", "سفر پزشکیان به نیویورک", "پزشکیان"),
        ("en", "Zelenskyy met European leaders in Brussels.", "Zelenskyy"),
    ],
)
def test_public_figures_by_surname(lang: str, text: str, person: str) -> None:
    assert ("PER", person) in {(e.label, e.text) for e in entities_for(lang, text)}


def test_a_rank_is_a_title_and_after_is_no_ambassador() -> None:
    people = [e.text for e in entities_for("ar", "قال العقيد أحمد المسماري إن القوات تقدمت.")]
    assert people == ["أحمد المسماري"]
    # «после» ("after") is also посол's prepositional case, but never a role in news text.
    roles = find_roles("Он приехал после встречи с министром.", "ru")
    assert [role.key for role in roles] == ["министр"]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("وقال سامي الحداد إن الطريق مغلق.", ["سامي الحداد"]),
        ("وأكد طارق البزاز أن الأسعار ارتفعت.", ["طارق البزاز"]),
        # a post after the first name is not a family name
        ("التقى محمد الرئيس في القصر.", []),
    ],
)
def test_arabic_defined_family_name_after_a_first_name(text: str, people: list[str]) -> None:
    assert [e.text for e in entities_for("ar", text) if e.label == "PER"] == people


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # From a review of this day's rules: each was wrong after them.
        ("ar", "سجل محمد صلاح الهدف الأول", {("PER", "محمد صلاح")}),
        ("ar", "فاز اللاعب محمد صلاح بجائزة أفضل لاعب", {("PER", "محمد صلاح")}),
        ("ar", "حركة المرور كثيفة في الصباح", set()),
        ("ar", "القرار القاضي بتمديد حالة الطوارئ", set()),
        ("ar", "يعود الوفد في بحر الأسبوع المقبل", set()),
        ("fa", "انتظار می رود قیمت نفت افزایش یابد.", set()),
        ("fa", "کوه دماوند بلندترین قله است.", {("LOC", "کوه دماوند")}),
        ("en", "The Premier League said the match was postponed.", {("ORG", "Premier League")}),
        ("en", "Gen Z protesters filled the square.", set()),
        ("en", "Traders said oil fell.", set()),
        ("en", "Lt. Gen. Michael Kurilla visited the base.", {("PER", "Michael Kurilla")}),
        ("en", "Jordan beat Iraq in the final.", {("LOC", "Jordan"), ("LOC", "Iraq")}),
    ],
)
def test_reviewed_false_positives(lang: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(e.label, e.text) for e in entities_for(lang, text)} == expected


def test_a_surname_opening_a_sentence_is_the_person_not_an_organisation() -> None:
    text = "Finance Minister Rachel Reeves said taxes would rise. Reeves said the budget held."
    assert {(e.label, e.text, e.name) for e in entities_for("en", text)} == {
        ("PER", "Rachel Reeves", "Rachel Reeves"),
        ("PER", "Reeves", "Rachel Reeves"),
    }
