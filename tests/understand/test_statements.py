"""Who said what: the seed article (Arabic) and the project fixtures (Persian, Russian, English)."""

from __future__ import annotations

import pytest

from tabayyun.errors import PipelineError
from tabayyun.model import Sentence, Statement
from tabayyun.understand.entities import find_entities
from tabayyun.understand.statements import find_statements

from . import article_body, split_sentences

NOUROUZPOUR = "محمد رضا نوروز بور"
ZAKHAROVA = "ماريا زاخاروفا"
JALALI = "كاظم جلالي"


def statements_for(lang: str, text: str | None = None) -> list[Statement]:
    text = article_body(lang) if text is None else text
    sentences = split_sentences(text)
    return find_statements(text, sentences, find_entities(text, sentences, lang), lang)


@pytest.fixture(scope="module")
def seed_statements() -> list[Statement]:
    return statements_for("ar")


def found(lang: str, text: str, *fields: str) -> list[tuple[object, ...]]:
    """The statements of `text` as tuples of their `fields`, each one's offsets checked to span
    its content."""
    statements = statements_for(lang, text)
    for statement in statements:
        assert text[statement.start : statement.end] == statement.content
    return [tuple(getattr(s, f) for f in fields) for s in statements]


def triples(statements: list[Statement]) -> set[tuple[str, str, str, str]]:
    return {(s.speaker, s.mention, s.verb, s.kind) for s in statements}


def test_seed_acceptance(seed_statements: list[Statement]) -> None:
    resolved = [s for s in seed_statements if s.speaker in {NOUROUZPOUR, ZAKHAROVA, JALALI}]
    assert len(resolved) >= 8
    for speaker in (NOUROUZPOUR, ZAKHAROVA, JALALI):
        assert sum(s.speaker == speaker for s in resolved) >= 2, speaker
    got = triples(seed_statements)
    expected = {
        # Surname only, verb before subject.
        (NOUROUZPOUR, "نوروز بور", "أعلن", "indirect"),
        (ZAKHAROVA, "زاخاروفا", "دعت", "indirect"),
        (JALALI, "جلالي", "أكد", "indirect"),
        # Direct quotation after "وأضاف نوروز بور:".
        (NOUROUZPOUR, "نوروز بور", "وأضاف", "direct"),
        # Role noun with a quoted name: "أشار السفير الايراني لدى روسيا "كاظم جلالي" الى".
        (JALALI, "السفير الايراني لدى روسيا كاظم جلالي", "أشار", "indirect"),
        # Role noun alone, resolved to the person first introduced with it.
        (NOUROUZPOUR, "مساعد وزير", "وأشاد", "indirect"),
        # Feminine verb with the role noun "المتحدثة" and the quoted name.
        (ZAKHAROVA, "المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا", "اوضحت", "indirect"),
        # No subject: "وأكدت" continues Zakharova, "قائلا:" continues the ambassador.
        (ZAKHAROVA, "", "وأكدت", "indirect"),
        (JALALI, "", "قائلا", "direct"),
    }
    assert expected <= got, expected - got


def test_seed_contents_and_offsets(seed_statements: list[Statement]) -> None:
    text = article_body("ar")
    for statement in seed_statements:
        assert text[statement.start : statement.end] == statement.content
    by_verb = {s.verb: s for s in seed_statements}
    assert by_verb["أعلن"].content.startswith("استعداد الجمهورية الإسلامية")
    assert by_verb["وأضاف"].content.startswith("إن الدبلوماسية الإعلامية")
    assert by_verb["وأضاف"].content.endswith("على الساحة الدولية")
    assert by_verb["اوضحت"].content.startswith("روسيا الاتحادية تنظر")
    assert by_verb["قائلا"].content.startswith("تلعب وسائل الإعلام")


def test_seed_sentences_without_reporting_verbs_yield_nothing(
    seed_statements: list[Statement],
) -> None:
    sentences = split_sentences(article_body("ar"))
    silent = {
        s.index for s in sentences if s.text.startswith(("وكان من بين", "وفي هذا اللقاء، تم"))
    }
    silent |= {sentences[0].index}  # the meeting ("التقى ... كما حضر"), nobody speaks
    assert len(silent) == 3
    assert not [s for s in seed_statements if s.sentence_index in silent]


FIXTURE_SPEAKERS = {
    "fa": ("کامران صدری‌نیا", "نرگس امیری", "حسین فرهمند"),
    "ru": ("Андрей Кольцов", "Светлана Вербицкая", "Олег Тарасенко"),
    "en": ("Eleanor Whitcombe", "Daniel Okafor", "Priya Ramsden"),
}
FIXTURE_EXPECTED = {
    "fa": {
        ("کامران صدری‌نیا", "صدری‌نیا", "افزود", "direct"),
        ("کامران صدری‌نیا", "مدیرکل", "گفت", "indirect"),
        ("نرگس امیری", "نرگس امیری", "گفت", "direct"),
        ("نرگس امیری", "امیری", "به گفته", "indirect"),
        ("نرگس امیری", "استاد", "تأکید کرد", "indirect"),
        ("حسین فرهمند", "فرهمند", "گفت", "direct"),
        ("حسین فرهمند", "مدیرعامل", "خاطرنشان کرد", "indirect"),
    },
    "ru": {
        ("Андрей Кольцов", "Андрей Кольцов", "заявил", "indirect"),
        ("Андрей Кольцов", "Кольцов", "подчеркнул", "direct"),
        ("Андрей Кольцов", "губернатора", "По словам", "indirect"),
        ("Светлана Вербицкая", "Вербицкой", "По словам", "indirect"),
        ("Светлана Вербицкая", "директор", "добавила", "direct"),
        ("Олег Тарасенко", "Тарасенко", "сказал", "direct"),
        ("Олег Тарасенко", "эксперт", "пояснил", "indirect"),
    },
    "en": {
        ("Eleanor Whitcombe", "Eleanor Whitcombe", "said", "indirect"),
        ("Eleanor Whitcombe", "Whitcombe", "told", "direct"),
        ("Eleanor Whitcombe", "The minister", "said", "indirect"),
        ("Eleanor Whitcombe", "She", "stressed", "indirect"),
        ("Daniel Okafor", "Okafor", "According to", "indirect"),
        ("Daniel Okafor", "The professor", "added", "direct"),
        ("Priya Ramsden", "Ramsden", "said", "direct"),
        ("Priya Ramsden", "The council leader", "told", "indirect"),
    },
}


@pytest.mark.parametrize("lang", ["fa", "ru", "en"])
def test_fixture_speakers_resolved(lang: str) -> None:
    statements = statements_for(lang)
    assert len(statements) >= 6
    for speaker in FIXTURE_SPEAKERS[lang]:
        assert sum(s.speaker == speaker for s in statements) >= 2, speaker
    expected = FIXTURE_EXPECTED[lang]
    assert expected <= triples(statements), expected - triples(statements)
    text = article_body(lang)
    for statement in statements:
        assert text[statement.start : statement.end] == statement.content
        assert statement.content and statement.verb not in statement.content.split()[:1]


@pytest.mark.parametrize(
    ("lang", "content_start"),
    [
        ("fa", "سطح آب دشت مشهد"),  # direct, after "با بیان اینکه ... گفت:"
        ("ru", "Мы отремонтируем 27 школ"),  # «...», — подчеркнул Кольцов
        ("en", "We cannot ask commuters"),  # “...,” Whitcombe told reporters
    ],
)
def test_fixture_direct_quotes(lang: str, content_start: str) -> None:
    direct = [s for s in statements_for(lang) if s.kind == "direct"]
    assert any(s.content.startswith(content_start) for s in direct)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وارتفعت أسعار النفط بنسبة 3 في المئة يوم الثلاثاء في الأسواق الآسيوية."),
        ("ar", "وتم افتتاح المعرض الدولي للكتاب في طهران بمشاركة 300 ناشر."),
        ("fa", "سد دوستی بزرگ‌ترین منبع آب شرب مشهد است."),
        ("fa", "قیمت بلیت اتوبوس‌های شهری مشهد ۲۰ درصد افزایش یافت."),
        ("ru", "Первые школы откроются после ремонта в конце августа."),
        ("ru", "Цены на стройматериалы выросли на 12% за полгода."),
        ("en", "The river rose 4.5 metres in two days in early February."),
        ("en", "Engineer Mary Brown inspected the bridge in Leeds on Monday."),
    ],
)
def test_sentences_without_attribution_yield_nothing(lang: str, text: str) -> None:
    assert statements_for(lang, text) == []


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "en"])
def test_unresolvable_role_keeps_the_mention(lang: str) -> None:
    text = {
        "ar": "وقال السفير إن المحادثات ستستمر.",
        "fa": "سفیر گفت که مذاکرات ادامه خواهد یافت.",
        "ru": "Посол заявил, что переговоры продолжатся.",
        "en": "The ambassador said the talks would continue.",
    }[lang]
    [statement] = statements_for(lang, text)
    assert statement.speaker == statement.mention
    assert statement.kind == "indirect"
    assert statement.content.split()[-1].rstrip(".") in text


def test_unknown_language_is_refused() -> None:
    with pytest.raises(PipelineError, match="not 'de'"):
        find_statements("Er sagte nichts.", [], [], "de")


@pytest.mark.parametrize(
    "text",
    ["مهدی کاظمی گفت که دولت مقصر است.", "مهدی کاظمی گفت كه دولت مقصر است."],
)
def test_persian_complementizer_tolerates_arabic_kaf(text: str) -> None:
    [statement] = statements_for("fa", text)
    assert statement.content == "دولت مقصر است"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("ونفى سعيد حسن أن تكون الحكومة قد وافقت.", "تكون الحكومة قد وافقت"),
        ("ونفي سعيد حسن أن تكون الحكومة قد وافقت.", "تكون الحكومة قد وافقت"),
        ("وأشار سعيد حسن إلى أن الحكومة وافقت.", "الحكومة وافقت"),
        ("وأشار سعيد حسن إلي أن الحكومة وافقت.", "الحكومة وافقت"),
    ],
)
def test_arabic_verbs_tolerate_alef_maqsura_written_ya(text: str, content: str) -> None:
    [statement] = statements_for("ar", text)
    assert (statement.speaker, statement.content) == ("سعيد حسن", content)
    assert text[statement.start : statement.end] == content


@pytest.mark.parametrize("pronoun", ["وی", "وي"])
def test_persian_pronoun_tolerates_arabic_ya(pronoun: str) -> None:
    # The pronoun, not the person named just before it, is the subject: the previous speaker.
    text = (
        "حسین فرهمند گفت که دولت مقصر است. "
        f"در دیدار با مهدی کاظمی {pronoun} گفت که مردم خسته هستند."
    )
    statements = statements_for("fa", text)
    assert [(s.speaker, s.mention) for s in statements] == [
        ("حسین فرهمند", "حسین فرهمند"),
        ("حسین فرهمند", pronoun),
    ]


@pytest.mark.parametrize("lead", ["با بیان اینکه", "با بيان اينكه", "با بیان این که"])
def test_persian_lead_tolerates_arabic_letters(lead: str) -> None:
    [statement] = statements_for("fa", f"مهدی کاظمی {lead} دولت مقصر است گفت.")
    assert statement.content == "دولت مقصر است"


@pytest.mark.parametrize("participle", ["مؤكدا", "موكدا"])
def test_arabic_participle_tolerates_hamza_less_waw(participle: str) -> None:
    # A participle continues the subject of its sentence, not the last person named.
    text = (
        f"وقال سعيد حسن إن الحكومة وافقت على طلب خالد يوسف في بغداد {participle} أن الاتفاق نهائي."
    )
    statements = statements_for("ar", text)
    assert [(s.speaker, s.verb) for s in statements] == [
        ("سعيد حسن", "وقال"),
        ("سعيد حسن", participle),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "mention"),
    [
        ("fa", "خانم رضایی گفت که جلسه لغو شد.", "رضایی", "رضایی"),
        ("fa", "آقای کاظمی اعلام کرد که جلسه لغو شد.", "کاظمی", "کاظمی"),
        ("fa", "آقای کاظمی امروز گفت که جلسه لغو شد.", "کاظمی", "کاظمی"),
        ("fa", "دکتر علی محمدی می‌گوید که آب کم است.", "علی محمدی", "علی محمدی"),
        ("fa", "دکتر احمدی در جلسه گفت که سد پر است.", "احمدی", "احمدی"),
        (
            "fa",
            "مهندس کامران صدری‌نیا، مدیرکل مدیریت بحران استان، گفت که سد پر است.",
            "کامران صدری‌نیا",
            "کامران صدری‌نیا",
        ),
        ("ar", "قال الدكتور أحمد حسن إن الوضع مستقر.", "أحمد حسن", "أحمد حسن"),
        ("ar", "قالت السيدة منى حداد إن الوضع مستقر.", "منى حداد", "منى حداد"),
        ("ar", "السيد محمد علي يقول إن الوضع مستقر.", "محمد علي", "محمد علي"),
        ("ar", "الدكتور أحمد حسن قال إن الوضع مستقر.", "أحمد حسن", "أحمد حسن"),
        ("ar", "أكد الوزير سامي خليل أن الوضع مستقر.", "سامي خليل", "الوزير سامي خليل"),
        ("en", "Minister Eleanor Whitcombe said the bridge was safe.", "Eleanor Whitcombe", None),
        ("en", "Dr. John Smith told reporters the bridge was safe.", "John Smith", None),
        (
            "en",
            "Minister of Transport Eleanor Whitcombe said it was safe.",
            "Eleanor Whitcombe",
            None,
        ),
        ("en", "Environment Agency Director Sarah Jones said it had peaked.", "Sarah Jones", None),
        ("ru", "Министр Сергей Лавров заявил, что переговоры продолжатся.", "Сергей Лавров", None),
    ],
)
def test_titled_speakers_end_before_the_verb(
    lang: str, text: str, speaker: str, mention: str | None
) -> None:
    # The speaker is the name alone: no title before it, no verb or adverb after it.
    [statement] = statements_for(lang, text)
    assert statement.speaker == speaker
    assert statement.mention == (mention or speaker)


# A time ("يوم الأحد", "on Monday"), an addressee ("told reporters", "للصحفيين", "журналистам")
# or the occasion ("في بيان") between the verb and what was said belongs to the statement, not
# to the claim; speakers joined by "and" are each attributed the statement; Title Case names end
# where the name does. Each rule has a case where it must not fire.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # 1. A time between the verb (or speaker) and the complementiser.
        (
            "ar",
            "أكد الوزير سامي خليل يوم الأحد أن الموازنة ستزيد.",
            [("سامي خليل", "أكد", "الموازنة ستزيد")],
        ),
        ("ar", "وقال سامي خليل أمس إن الموازنة ستزيد.", [("سامي خليل", "وقال", "الموازنة ستزيد")]),
        (
            "ar",
            "وقال سامي خليل اليوم إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل مساء الاثنين إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وأكد سامي خليل صباح اليوم على أن الموازنة ستزيد.",
            [("سامي خليل", "وأكد", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال أمس الوزير سامي خليل إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (  # not a time before the complementiser: the claim is about today
            "ar",
            "وقال سامي خليل إن اليوم عطلة رسمية.",
            [("سامي خليل", "وقال", "اليوم عطلة رسمية")],
        ),
        (  # "اليوم الوطني" is what was announced, not when
            "ar",
            "وأعلن سامي خليل اليوم الوطني للمرأة عطلة رسمية.",
            [("سامي خليل", "وأعلن", "اليوم الوطني للمرأة عطلة رسمية")],
        ),
        (
            "fa",
            "مهدی کاظمی روز یکشنبه گفت که بودجه افزایش می‌یابد.",
            [("مهدی کاظمی", "گفت", "بودجه افزایش می‌یابد")],
        ),
        (
            "fa",
            "مهدی کاظمی دیروز گفت که بودجه افزایش می‌یابد.",
            [("مهدی کاظمی", "گفت", "بودجه افزایش می‌یابد")],
        ),
        (
            "fa",
            "مهدی کاظمی روز یکشنبه با بیان اینکه بودجه کافی نیست، گفت.",
            [("مهدی کاظمی", "گفت", "بودجه کافی نیست")],
        ),
        ("fa", "مهدی کاظمی دیروز به خبرنگاران گفت.", []),  # when and to whom, but no claim
        (  # not fired: after "که" the time is part of the claim
            "fa",
            "مهدی کاظمی گفت که امروز روز مهمی است.",
            [("مهدی کاظمی", "گفت", "امروز روز مهمی است")],
        ),
        (
            "en",
            "John Smith said on Monday that the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (
            "en",
            "John Smith said Monday that the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (
            "en",
            "John Smith said on Monday the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (
            "en",
            "John Smith said Monday the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (
            "en",
            "John Smith said in a statement on Monday that the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (  # not fired: Monday is what the claim is about
            "en",
            "John Smith said Monday would be a holiday.",
            [("John Smith", "said", "Monday would be a holiday")],
        ),
        (  # not fired: "that" opens a relative clause, not the content
            "en",
            "John Smith said the plan that was passed is flawed.",
            [("John Smith", "said", "the plan that was passed is flawed")],
        ),
        (
            "ru",
            "Сергей Лавров заявил в понедельник, что бюджет вырастет.",
            [("Сергей Лавров", "заявил", "бюджет вырастет")],
        ),
        (
            "ru",
            "Сергей Лавров заявил вчера, что бюджет вырастет.",
            [("Сергей Лавров", "заявил", "бюджет вырастет")],
        ),
        (
            "ru",
            "«Бюджет вырастет на десять процентов», — заявил в понедельник Сергей Лавров.",
            [("Сергей Лавров", "заявил", "Бюджет вырастет на десять процентов")],
        ),
        (  # not fired: after "что" the time is part of the claim
            "ru",
            "Сергей Лавров заявил, что в понедельник бюджет вырастет.",
            [("Сергей Лавров", "заявил", "в понедельник бюджет вырастет")],
        ),
        (  # where it was said, in Arabic and English
            "ar",
            "وقالت وزارة الخارجية في بيان إن الموازنة ستزيد.",
            [("وزارة الخارجية", "وقالت", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل في مؤتمر صحفي عقده في بغداد إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (  # before "that" only, a phrase opened by a preposition
            "en",
            "Donald Trump said in 1998 that he would run for president.",
            [("Donald Trump", "said", "he would run for president")],
        ),
        (  # the outlet after "в интервью" is not the speaker
            "ru",
            "Сергей Лавров заявил в интервью РИА Новости, что переговоры продолжатся.",
            [("Сергей Лавров", "заявил", "переговоры продолжатся")],
        ),
        # 2. The addressee of "told", "said to", "قال لـ", "сообщил журналистам".
        (
            "en",
            "John Smith told reporters the budget would rise.",
            [("John Smith", "told", "the budget would rise")],
        ),
        (
            "en",
            "John Smith told reporters that the budget would rise.",
            [("John Smith", "told", "the budget would rise")],
        ),
        (
            "en",
            "John Smith said to reporters that the budget would rise.",
            [("John Smith", "said", "the budget would rise")],
        ),
        (
            "en",
            "John Smith told Reuters the budget would rise.",
            [("John Smith", "told", "the budget would rise")],
        ),
        (
            "en",
            "John Smith told the BBC on Monday that the budget would rise.",
            [("John Smith", "told", "the budget would rise")],
        ),
        (  # "told" has an addressee: up to the next determiner
            "en",
            "John Smith told the committee the plan had failed.",
            [("John Smith", "told", "the plan had failed")],
        ),
        (  # not fired: reporters are the subject of what was said
            "en",
            "John Smith said reporters were barred from the hearing.",
            [("John Smith", "said", "reporters were barred from the hearing")],
        ),
        (
            "ar",
            "وقال سامي خليل للصحفيين إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل لوكالة رويترز إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل للصحفيين: «الموازنة ستزيد بنسبة كبيرة هذا العام».",
            [("سامي خليل", "وقال", "الموازنة ستزيد بنسبة كبيرة هذا العام")],
        ),
        (  # not fired: after "إن" the word is part of the claim
            "ar",
            "وقال سامي خليل إن للصحفيين حقا في الوصول إلى المعلومات.",
            [("سامي خليل", "وقال", "للصحفيين حقا في الوصول إلى المعلومات")],
        ),
        (
            "fa",
            "مهدی کاظمی به خبرنگاران گفت که بودجه افزایش می‌یابد.",
            [("مهدی کاظمی", "گفت", "بودجه افزایش می‌یابد")],
        ),
        (
            "ru",
            "Сергей Лавров сообщил журналистам, что бюджет вырастет.",
            [("Сергей Лавров", "сообщил", "бюджет вырастет")],
        ),
        (
            "ru",
            "Сергей Лавров сказал журналистам в понедельник, что бюджет вырастет.",
            [("Сергей Лавров", "сказал", "бюджет вырастет")],
        ),
        (  # not fired: after "что" journalists are part of the claim
            "ru",
            "Сергей Лавров заявил, что журналистам запретят въезд.",
            [("Сергей Лавров", "заявил", "журналистам запретят въезд")],
        ),
        # 3. Two speakers joined by "and": the statement is recorded for each.
        (
            "ar",
            "وقال السيد أحمد حسن ومحمد علي إن المشروع تأخر.",
            [("أحمد حسن", "وقال", "المشروع تأخر"), ("محمد علي", "وقال", "المشروع تأخر")],
        ),
        (
            "en",
            "Eleanor Whitcombe and John Smith said the bridge was safe.",
            [
                ("Eleanor Whitcombe", "said", "the bridge was safe"),
                ("John Smith", "said", "the bridge was safe"),
            ],
        ),
        (
            "fa",
            "آقای کاظمی و خانم رضایی گفتند که جلسه لغو شد.",
            [("کاظمی", "گفتند", "جلسه لغو شد"), ("رضایی", "گفتند", "جلسه لغو شد")],
        ),
        (
            "ru",
            "Сергей Лавров и Сергей Шойгу заявили, что переговоры продолжатся.",
            [
                ("Сергей Лавров", "заявили", "переговоры продолжатся"),
                ("Сергей Шойгу", "заявили", "переговоры продолжатся"),
            ],
        ),
        (  # a list that "and" closes
            "en",
            "Mr Jenkins, Ms Brown and Dr Patel said the plan had failed.",
            [
                ("Jenkins", "said", "the plan had failed"),
                ("Brown", "said", "the plan had failed"),
                ("Patel", "said", "the plan had failed"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی، زهرا رضایی و علی محمدی گفتند که جلسه لغو شد.",
            [
                ("مهدی کاظمی", "گفتند", "جلسه لغو شد"),
                ("زهرا رضایی", "گفتند", "جلسه لغو شد"),
                ("علی محمدی", "گفتند", "جلسه لغو شد"),
            ],
        ),
        (  # not fired: ", and" joins two clauses here, not two speakers
            "en",
            "Eleanor Whitcombe met Daniel Okafor, and John Smith said the plan had failed.",
            [("John Smith", "said", "the plan had failed")],
        ),
        (  # not fired: the people joined by "و" are inside what was said
            "ar",
            "وقال أحمد حسن إن محمد علي وزكريا حداد حضرا الاجتماع.",
            [("أحمد حسن", "وقال", "محمد علي وزكريا حداد حضرا الاجتماع")],
        ),
        (  # not fired: "وزير" starts with "و" but is the speaker's post, not a second speaker
            "ar",
            "وقال السيد أحمد حسن وزير الخارجية للصحفيين إن المشروع تأخر.",
            [("أحمد حسن", "وقال", "المشروع تأخر")],
        ),
        (  # not fired; and a content ending in "nd" keeps its last letters
            "en",
            "Eleanor Whitcombe said John Smith and Mary Brown would attend.",
            [("Eleanor Whitcombe", "said", "John Smith and Mary Brown would attend")],
        ),
        # 4. English Title Case: prepositions and weekdays end a name; posts are roles.
        (
            "en",
            "Minister Eleanor Whitcombe On Monday said the bridge was safe.",
            [("Eleanor Whitcombe", "said", "the bridge was safe")],
        ),
        (
            "en",
            "Dr Priya Ramsden In Leeds said the bridge was safe.",
            [("Priya Ramsden", "said", "the bridge was safe")],
        ),
        (
            "en",
            'Said Daniel Okafor: "The bridge is safe and will stay open."',
            [("Daniel Okafor", "Said", "The bridge is safe and will stay open")],
        ),
        (
            "en",
            "The Foreign Office Minister said the bridge was safe.",
            [("The Foreign Office Minister", "said", "the bridge was safe")],
        ),
        (
            "en",
            "Leader of the House John Smith said the bridge was safe.",
            [("John Smith", "said", "the bridge was safe")],
        ),
        (  # not fired: "Said" is a first name when the name is the subject of "said"
            "en",
            "Said Hamdan said the talks would go on.",
            [("Said Hamdan", "said", "the talks would go on")],
        ),
    ],
)
def test_statement_frames_and_speakers(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "content") == expected


# The claim's author is evidence, so a quote must never go to the wrong speaker. A subject
# before (or after) the verb, even an unnamed one ("یک شهروند", "a resident", "مصدر مطلع",
# "один из жителей"), is the speaker, recorded as written; only a clause with no subject at all
# ("وأضاف أن", "وی افزود", "He added that") continues the speaker before it. A name in
# apposition to a post ("وزير الطاقة والمياه، وليد فياض،", "الخبير الاقتصادي محمد شمس الدين")
# is the speaker, not the post. Each text is a realistic news passage; every statement in it is
# checked.
WALKTHROUGH = {
    "fa": (
        "معاون شهردار تهران، محسن هاشمی، روز دوشنبه گفت که قیمت بلیت مترو از ماه آینده ۲۰ درصد "
        "افزایش می‌یابد. وی افزود که این افزایش برای جبران هزینه‌های نگهداری لازم است. "
        "یک شهروند در ایستگاه تجریش گفت: «هزینه رفت‌وآمد دو برابر شده است». "
        "کارشناسان حمل‌ونقل می‌گویند که گرانی بلیت مسافران را به خودروهای شخصی می‌کشاند.\n"
        "وزیر نیرو، علی‌اکبر محرابیان، گفت که ذخایر سدهای کشور به کمترین میزان رسیده است. "
        "یک کشاورز در نیشابور گفت: «چاه‌های روستای ما همه خشک شده‌اند». "
        "منابع آگاه در وزارت نیرو گفتند که جیره‌بندی آب از تیر ماه آغاز می‌شود."
    ),
    "ar": (
        "وقال وزير الطاقة والمياه، وليد فياض، إن ساعات التغذية بالكهرباء سترتفع إلى عشر ساعات "
        "يوميا. وأضاف أن الوزارة تتفاوض على شحنات جديدة من الفيول. "
        "وقال رئيس لجنة الأشغال النيابية سجيع عطية إن الخطة تحتاج إلى تمويل عاجل. "
        "وأكد الخبير الاقتصادي محمد شمس الدين أن كلفة الدعم تتجاوز ملياري دولار سنويا. "
        "وقال مصدر مطلع في الوزارة إن العقد مع الشركة لم يوقع بعد. "
        "وقال فياض في مؤتمر صحافي: «لن نرفع التعرفة قبل تحسين التغذية»."
    ),
    "en": (
        "Transport Minister Daniel Okafor said on Monday that rail fares would rise by 6 percent "
        "in March. He added that the increase would pay for new signalling. "
        'A resident at the station said: "We cannot afford another rise this year." '
        "Experts warned that higher fares would push commuters back into their cars. "
        "Council leader Priya Ramsden told reporters that the city had not been consulted. "
        '"Nobody asked the people who use these trains every day," said one commuter.'
    ),
    "ru": (
        "Министр транспорта области Андрей Кольцов заявил, что стоимость проезда вырастет "
        "на 15% с 1 марта. Он добавил, что деньги пойдут на закупку новых автобусов. "
        "Один из жителей сказал: «Мы больше не можем платить столько за дорогу до работы». "
        "Эксперты отметили, что рост тарифов сильнее всего ударит по пенсионерам. "
        "«Автобусы и так ходят по вечерам почти пустыми», — рассказала местная жительница."
    ),
}
WALKTHROUGH_EXPECTED = {
    "fa": [
        ("محسن هاشمی", "گفت", "indirect", "قیمت بلیت مترو از ماه آینده ۲۰ درصد افزایش می‌یابد"),
        ("محسن هاشمی", "افزود", "indirect", "این افزایش برای جبران هزینه‌های نگهداری لازم است"),
        ("یک شهروند در ایستگاه تجریش", "گفت", "direct", "هزینه رفت‌وآمد دو برابر شده است"),
        (
            "کارشناسان حمل‌ونقل",
            "می‌گویند",
            "indirect",
            "گرانی بلیت مسافران را به خودروهای شخصی می‌کشاند",
        ),
        ("علی‌اکبر محرابیان", "گفت", "indirect", "ذخایر سدهای کشور به کمترین میزان رسیده است"),
        ("یک کشاورز در نیشابور", "گفت", "direct", "چاه‌های روستای ما همه خشک شده‌اند"),
        ("منابع آگاه در وزارت نیرو", "گفتند", "indirect", "جیره‌بندی آب از تیر ماه آغاز می‌شود"),
    ],
    "ar": [
        ("وليد فياض", "وقال", "indirect", "ساعات التغذية بالكهرباء سترتفع إلى عشر ساعات يوميا"),
        ("وليد فياض", "وأضاف", "indirect", "الوزارة تتفاوض على شحنات جديدة من الفيول"),
        ("سجيع عطية", "وقال", "indirect", "الخطة تحتاج إلى تمويل عاجل"),
        ("محمد شمس الدين", "وأكد", "indirect", "كلفة الدعم تتجاوز ملياري دولار سنويا"),
        ("مصدر مطلع في الوزارة", "وقال", "indirect", "العقد مع الشركة لم يوقع بعد"),
        ("وليد فياض", "وقال", "direct", "لن نرفع التعرفة قبل تحسين التغذية"),
    ],
    "en": [
        ("Daniel Okafor", "said", "indirect", "rail fares would rise by 6 percent in March"),
        ("Daniel Okafor", "added", "indirect", "the increase would pay for new signalling"),
        ("A resident at the station", "said", "direct", "We cannot afford another rise this year"),
        ("Experts", "warned", "indirect", "higher fares would push commuters back into their cars"),
        ("Priya Ramsden", "told", "indirect", "the city had not been consulted"),
        (
            "one commuter",
            "said",
            "direct",
            "Nobody asked the people who use these trains every day",
        ),
    ],
    "ru": [
        ("Андрей Кольцов", "заявил", "indirect", "стоимость проезда вырастет на 15% с 1 марта"),
        ("Андрей Кольцов", "добавил", "indirect", "деньги пойдут на закупку новых автобусов"),
        (
            "Один из жителей",
            "сказал",
            "direct",
            "Мы больше не можем платить столько за дорогу до работы",
        ),
        ("Эксперты", "отметили", "indirect", "рост тарифов сильнее всего ударит по пенсионерам"),
        (
            "местная жительница",
            "рассказала",
            "direct",
            "Автобусы и так ходят по вечерам почти пустыми",
        ),
    ],
}


@pytest.mark.parametrize("lang", ["fa", "ar", "en", "ru"])
def test_walkthrough_every_statement_has_its_own_speaker(lang: str) -> None:
    text = WALKTHROUGH[lang]
    statements = statements_for(lang, text)
    got = [(s.speaker, s.verb, s.kind, s.content) for s in statements]
    assert got == WALKTHROUGH_EXPECTED[lang]
    for statement in statements:
        assert text[statement.start : statement.end] == statement.content


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # 1. An unnamed subject is the speaker, never the person named in the sentence before.
        (
            "fa",
            "وزیر نیرو، علی‌اکبر محرابیان، گفت که سدها خالی است. "
            "یک کشاورز در نیشابور گفت: «چاه‌های ما همه خشک شده‌اند».",
            [
                ("علی‌اکبر محرابیان", "علی‌اکبر محرابیان", "سدها خالی است"),
                # with where it is from: the unnamed subject as written
                ("یک کشاورز در نیشابور", "یک کشاورز در نیشابور", "چاه‌های ما همه خشک شده‌اند"),
            ],
        ),
        (  # a genitive organisation after the unnamed subject is not the speaker
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. یک کارمند شرکت آب و فاضلاب مشهد گفت که "
            "فشار آب کم شده است.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("یک کارمند", "یک کارمند", "فشار آب کم شده است"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. یکی از ساکنان محله گفت که آب قطع شده است.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("یکی از ساکنان محله", "یکی از ساکنان محله", "آب قطع شده است"),
            ],
        ),
        (
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. وقال أحد السكان: «لم تصلنا الكهرباء منذ أسبوع».",
            [
                ("سامي خليل", "سامي خليل", "الموازنة ستزيد"),
                ("أحد السكان", "أحد السكان", "لم تصلنا الكهرباء منذ أسبوع"),
            ],
        ),
        (
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. وأفادت مصادر مطلعة بأن الاتفاق تأجل.",
            [
                ("سامي خليل", "سامي خليل", "الموازنة ستزيد"),
                ("مصادر مطلعة", "مصادر مطلعة", "الاتفاق تأجل"),
            ],
        ),
        (
            "en",
            "John Smith said the bridge was safe. A local resident said the bridge was shaking.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("A local resident", "A local resident", "the bridge was shaking"),
            ],
        ),
        (
            "en",
            "John Smith said the bridge was safe. One of the engineers said it was not.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("One of the engineers", "One of the engineers", "it was not"),
            ],
        ),
        (  # the name in apposition to an unnamed subject is the speaker
            "en",
            "John Smith said the bridge was safe. A resident, Mary Brown, said it was not.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("Mary Brown", "Mary Brown", "it was not"),
            ],
        ),
        (
            "ru",
            "Сергей Лавров заявил, что переговоры продолжатся. Источник в министерстве "
            "сообщил, что встреча перенесена.",
            [
                ("Сергей Лавров", "Сергей Лавров", "переговоры продолжатся"),
                ("Источник в министерстве", "Источник в министерстве", "встреча перенесена"),
            ],
        ),
        (  # after the quotation it introduces, and after a clause-opening "However,"
            "en",
            'John Smith said the bridge was safe. "We cannot afford another rise," a resident '
            "said. However, some experts said the rise was modest.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("a resident", "a resident", "We cannot afford another rise"),
                ("some experts", "some experts", "the rise was modest"),
            ],
        ),
        (  # a relative clause between subject and verb; a clause opened by "In a statement,"
            "en",
            "John Smith said the bridge was safe. A resident, who asked not to be named, said "
            "it was shaking. In a statement, the ministry said it was closed.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("A resident", "A resident", "it was shaking"),
                ("the ministry", "the ministry", "it was closed"),
            ],
        ),
        (  # after the verb, as far as where they are from
            "en",
            'John Smith said the bridge was safe. "We cannot afford another rise," said a '
            "resident of the town.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("a resident", "a resident", "We cannot afford another rise"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. مردم می‌گویند که آب نیست. یک کارشناس اقتصادی "
            "گفت که تورم بالاست.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("مردم", "مردم", "آب نیست"),
                ("یک کارشناس اقتصادی", "یک کارشناس اقتصادی", "تورم بالاست"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. «آب نداریم و باید از شهر برویم»، یک شهروند گفت.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("یک شهروند", "یک شهروند", "آب نداریم و باید از شهر برویم"),
            ],
        ),
        (
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. وقال خبير اقتصادي: «العجز سيتفاقم هذا العام بلا "
            "شك». وأكد مسؤولون في الوزارة أن العجز سينخفض.",
            [
                ("سامي خليل", "سامي خليل", "الموازنة ستزيد"),
                ("خبير اقتصادي", "خبير اقتصادي", "العجز سيتفاقم هذا العام بلا شك"),
                ("مسؤولون في الوزارة", "مسؤولون في الوزارة", "العجز سينخفض"),
            ],
        ),
        (
            "ru",
            "Сергей Лавров заявил, что переговоры продолжатся. «Встреча перенесена на следующую "
            "неделю», — сказал один из дипломатов. Как сообщил источник, визит отменён.",
            [
                ("Сергей Лавров", "Сергей Лавров", "переговоры продолжатся"),
                (
                    "один из дипломатов",
                    "один из дипломатов",
                    "Встреча перенесена на следующую неделю",
                ),
                ("источник", "источник", "визит отменён"),
            ],
        ),
        # 2. A name in apposition to a post, with or without commas, is the speaker.
        (
            "ar",
            "أعلن وزير الطاقة والمياه وليد فياض أن التغذية ستتحسن.",
            [("وليد فياض", "وزير الطاقة والمياه وليد فياض", "التغذية ستتحسن")],
        ),
        (
            "ar",
            "قال وزير الطاقة والمياه، وليد فياض، إن التغذية ستتحسن.",
            [("وليد فياض", "وزير الطاقة والمياه، وليد فياض", "التغذية ستتحسن")],
        ),
        (
            "fa",
            "معاون شهردار تهران، محسن هاشمی، گفت که بلیت مترو گران می‌شود.",
            [("محسن هاشمی", "محسن هاشمی", "بلیت مترو گران می‌شود")],
        ),
        # 3. A descriptor before a name: the person, with the whole compound name.
        (
            "ar",
            "أعلن الوزير سامي خليل أن الموازنة ستزيد. وأكد الخبير الاقتصادي محمد شمس الدين أن "
            "العجز سيتفاقم.",
            [
                ("سامي خليل", "الوزير سامي خليل", "الموازنة ستزيد"),
                ("محمد شمس الدين", "الخبير الاقتصادي محمد شمس الدين", "العجز سيتفاقم"),
            ],
        ),
        (
            "ar",
            "وقال المحلل السياسي عبد الرحمن أبو الغيط إن الحكومة لن تصمد.",
            [("عبد الرحمن أبو الغيط", "المحلل السياسي عبد الرحمن أبو الغيط", "الحكومة لن تصمد")],
        ),
        (
            "ar",
            "وقال الناشط خالد بن علي إن الاحتجاجات ستستمر.",
            [("خالد بن علي", "الناشط خالد بن علي", "الاحتجاجات ستستمر")],
        ),
        (
            "ar",
            "وقالت الباحثة منى عبد الله إن الاحتجاجات ستستمر.",
            [("منى عبد الله", "الباحثة منى عبد الله", "الاحتجاجات ستستمر")],
        ),
        # 4. A surname after the full name, then an occasion and a quotation: direct.
        (
            "ar",
            "أعلن وزير الطاقة والمياه وليد فياض أن التغذية ستتحسن. "
            "وقال فياض في مؤتمر صحافي: «لن نرفع التعرفة هذا العام».",
            [
                ("وليد فياض", "وزير الطاقة والمياه وليد فياض", "التغذية ستتحسن"),
                ("وليد فياض", "فياض", "لن نرفع التعرفة هذا العام"),
            ],
        ),
        (  # the post named later with the descriptor alone
            "ar",
            "وقال الخبير الاقتصادي سجيع عطية إن الموازنة ستزيد. وأكد الخبير أن العجز سيتفاقم.",
            [
                ("سجيع عطية", "الخبير الاقتصادي سجيع عطية", "الموازنة ستزيد"),
                ("سجيع عطية", "الخبير", "العجز سيتفاقم"),
            ],
        ),
        (  # the deputy mayor is not the mayor
            "fa",
            "معاون شهردار تهران، محسن هاشمی، گفت که مترو گران می‌شود. شهردار گفت که قیمت‌ها "
            "ثابت می‌ماند.",
            [
                ("محسن هاشمی", "محسن هاشمی", "مترو گران می‌شود"),
                ("شهردار", "شهردار", "قیمت‌ها ثابت می‌ماند"),
            ],
        ),
        # Not fired: no subject at all, so the previous named speaker goes on.
        (
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. وأضاف أن العجز سينخفض.",
            [("سامي خليل", "سامي خليل", "الموازنة ستزيد"), ("سامي خليل", "", "العجز سينخفض")],
        ),
        (  # what follows the verb is its object, not an unnamed subject
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. وأعلن استعداد بلاده للتعاون مع الجميع.",
            [
                ("سامي خليل", "سامي خليل", "الموازنة ستزيد"),
                ("سامي خليل", "", "استعداد بلاده للتعاون مع الجميع"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. وی افزود که مردم باید صرفه‌جویی کنند.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("مهدی کاظمی", "وی", "مردم باید صرفه‌جویی کنند"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. همچنین در ادامه این نشست گفت که مردم باید "
            "صرفه‌جویی کنند.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                ("مهدی کاظمی", "", "مردم باید صرفه‌جویی کنند"),
            ],
        ),
        (
            "en",
            "John Smith said the bridge was safe. He added that it would reopen on Friday.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("John Smith", "He", "it would reopen on Friday"),
            ],
        ),
        (
            "en",
            "John Smith said the bridge was safe. Later, he said the repairs had finished.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("John Smith", "he", "the repairs had finished"),
            ],
        ),
        (  # not a subject: a time ("The next day") or a measure ("یک روز") opens the clause
            "en",
            "John Smith said the bridge was safe. The next day, he said it was closed.",
            [
                ("John Smith", "John Smith", "the bridge was safe"),
                ("John Smith", "he", "it was closed"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. یک روز پس از این حادثه، وزیر نیرو گفت که آب "
            "جیره‌بندی می‌شود.",
            [
                ("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"),
                # a post held by nobody named: the post as written is the speaker
                ("وزیر نیرو", "وزیر نیرو", "آب جیره‌بندی می‌شود"),
            ],
        ),
        (  # the person the unnamed subject is named as
            "fa",
            "مهدی کاظمی گفت که سدها خالی است. یک شهروند به نام علی رضایی گفت که آب نیست.",
            [("مهدی کاظمی", "مهدی کاظمی", "سدها خالی است"), ("علی رضایی", "علی رضایی", "آب نیست")],
        ),
        (  # a source noun as the object, not the subject ("called on officials")
            "ar",
            "وقال سامي خليل إن الموازنة ستزيد. ودعا مسؤولين في الوزارة إلى الاستقالة.",
            [
                ("سامي خليل", "سامي خليل", "الموازنة ستزيد"),
                ("سامي خليل", "", "مسؤولين في الوزارة إلى الاستقالة"),
            ],
        ),
        (
            "ru",
            "Сергей Лавров заявил, что переговоры продолжатся. Он добавил, что встреча перенесена.",
            [
                ("Сергей Лавров", "Сергей Лавров", "переговоры продолжатся"),
                ("Сергей Лавров", "Он", "встреча перенесена"),
            ],
        ),
    ],
)
def test_explicit_subjects_are_never_replaced(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "mention", "content") == expected


# What was said often comes first, with the attribution after it: "A bridge will open in May,
# officials said.", "Ситуация стабильна, заявил Песков.", "الوضع مستقر، قال المتحدث.",
# "وضعیت پایدار است، سخنگوی دولت گفت." A quotation beside a reporting verb and a speaker is
# what was said, however short ('"It is closed," said the ministry.'), while a quoted name
# ("لـ«الأخبار»", "«Интерфаксу»", '"Kommersant"') stays a name. "According to X" has a form in
# every language ("به گزارش", "وفقا لـ", "как сообщает"). Each rule has cases where it must not
# fire: what follows the verb is then what was said.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # 1. Content, comma, then the attribution: the content is what came before.
        (
            "en",
            "A bridge will open in May, officials said.",
            [("officials", "said", "indirect", "A bridge will open in May")],
        ),
        (
            "en",
            "The plan will cost £2 billion, the minister told parliament.",
            [("the minister", "told", "indirect", "The plan will cost £2 billion")],
        ),
        (
            "en",
            "Prices rose 5% last year, according to the statistics office.",
            [("the statistics office", "according to", "indirect", "Prices rose 5% last year")],
        ),
        (
            "en",
            "Turnout was low, said Jane Doe, a local official.",
            [("Jane Doe", "said", "indirect", "Turnout was low")],
        ),
        (
            "en",
            "Turnout was low, Jane Doe, a local official, said.",
            [("Jane Doe", "said", "indirect", "Turnout was low")],
        ),
        (
            "en",
            "The bridge will reopen on Friday, the ministry said in a statement.",
            [("the ministry", "said", "indirect", "The bridge will reopen on Friday")],
        ),
        (
            "en",
            "Prices rose sharply, the minister told the committee on Monday.",
            [("the minister", "told", "indirect", "Prices rose sharply")],
        ),
        (  # the pronoun resolves to the speaker before it
            "en",
            "John Smith said the bridge was safe. The repairs are finished, he said.",
            [
                ("John Smith", "said", "indirect", "the bridge was safe"),
                ("John Smith", "said", "indirect", "The repairs are finished"),
            ],
        ),
        ("en", "Officials said nothing.", []),  # not fired: nothing was said
        ("en", "apples, pears, said no one", []),  # nonsense, but no crash and no statement
        (  # not fired: what follows the verb was said; "In Leeds," is where
            "en",
            "In Leeds, officials said the bridge was shut.",
            [("officials", "said", "indirect", "the bridge was shut")],
        ),
        (
            "en",
            "Despite the rain, the mayor said the parade would go ahead.",
            [("the mayor", "said", "indirect", "the parade would go ahead")],
        ),
        (
            "ru",
            "Ситуация стабильна, заявил Песков.",
            [("Песков", "заявил", "indirect", "Ситуация стабильна")],
        ),
        (
            "ru",
            "Ситуация в регионе стабильна, — заявил журналистам пресс-секретарь Кремля "
            "Дмитрий Песков.",
            [("Дмитрий Песков", "заявил", "indirect", "Ситуация в регионе стабильна")],
        ),
        (  # the gerund after the speaker opens another statement, not this one's content
            "ru",
            "Переговоры продолжатся, заявил Лавров, добавив, что встреча перенесена.",
            [
                ("Лавров", "заявил", "indirect", "Переговоры продолжатся"),
                ("Лавров", "добавив", "indirect", "встреча перенесена"),
            ],
        ),
        (  # not fired: "Как заявил X," opens what was said
            "ru",
            "Как заявил Песков, ситуация стабильна.",
            [("Песков", "заявил", "indirect", "ситуация стабильна")],
        ),
        (
            "ar",
            "الوضع مستقر، قال المتحدث.",
            [("المتحدث", "قال", "indirect", "الوضع مستقر")],
        ),
        (  # not fired: "وفي هذا السياق،" is where, and what follows the speaker was said
            "ar",
            "وفي هذا السياق، قال الوزير إن الوضع مستقر.",
            [("الوزير", "قال", "indirect", "الوضع مستقر")],
        ),
        (
            "ar",
            "وفي هذا السياق، أعلن الوزير استعداد بلاده للتعاون.",
            [("الوزير", "أعلن", "indirect", "استعداد بلاده للتعاون")],
        ),
        (
            "fa",
            "وضعیت پایدار است، سخنگوی دولت گفت.",
            [("سخنگوی دولت", "گفت", "indirect", "وضعیت پایدار است")],
        ),
        (  # the person named in what was said is not the speaker
            "fa",
            "علی رضایی مقصر است، سخنگوی دولت گفت.",
            [("سخنگوی دولت", "گفت", "indirect", "علی رضایی مقصر است")],
        ),
        (  # not fired: "که" opens what was said after the verb
            "fa",
            "در همین حال، سخنگوی دولت گفت که وضعیت پایدار است.",
            [("سخنگوی دولت", "گفت", "indirect", "وضعیت پایدار است")],
        ),
        # 2. "According to X" in every language, before or after what was said.
        (
            "ar",
            "ارتفعت الأسعار بنسبة 5 في المئة، وفقا لوزارة المالية.",
            [("وزارة المالية", "وفقا ل", "indirect", "ارتفعت الأسعار بنسبة 5 في المئة")],
        ),
        (
            "ar",
            "وفقا لوزارة المالية، ارتفعت الأسعار بنسبة 5 في المئة.",
            [("وزارة المالية", "وفقا ل", "indirect", "ارتفعت الأسعار بنسبة 5 في المئة")],
        ),
        (
            "ar",
            "ارتفعت الأسعار بنسبة 5 في المئة، وفقا لوكالة رويترز.",
            # the gazetteer names the agency with its head noun, as «قناة الجزيرة»
            [("وكالة رويترز", "وفقا ل", "indirect", "ارتفعت الأسعار بنسبة 5 في المئة")],
        ),
        (
            "fa",
            "به گزارش ایسنا، قیمت‌ها ۵ درصد افزایش یافت.",
            [("ایسنا", "به گزارش", "indirect", "قیمت‌ها ۵ درصد افزایش یافت")],
        ),
        (
            "fa",
            "قیمت‌ها ۵ درصد افزایش یافت، به گزارش خبرگزاری ایسنا.",
            [("ایسنا", "به گزارش", "indirect", "قیمت‌ها ۵ درصد افزایش یافت")],
        ),
        (
            "ru",
            "Цены выросли на 5%, как сообщает Росстат.",
            [("Росстат", "сообщает", "indirect", "Цены выросли на 5%")],
        ),
        (
            "ru",
            "Как сообщает ТАСС, переговоры продолжатся.",
            [("ТАСС", "сообщает", "indirect", "переговоры продолжатся")],
        ),
        # 3. A short quotation beside a reporting verb and a speaker is what was said.
        (
            "en",
            '"It is closed," said the ministry.',
            [("the ministry", "said", "direct", "It is closed")],
        ),
        (
            "en",
            '"It is closed," the ministry said.',
            [("the ministry", "said", "direct", "It is closed")],
        ),
        (
            "en",
            '"We refuse," John Smith said.',
            [("John Smith", "said", "direct", "We refuse")],
        ),
        ("ru", "«Закрыто», — сказал Песков.", [("Песков", "сказал", "direct", "Закрыто")]),
        (
            "ar",
            "وقال سامي خليل: «الوضع مستقر».",
            [("سامي خليل", "وقال", "direct", "الوضع مستقر")],
        ),
        (
            "fa",
            "«آب نداریم»، یک شهروند گفت.",
            [("یک شهروند", "گفت", "direct", "آب نداریم")],
        ),
        (  # not fired: a quoted newspaper name is not what was said; the gazetteer knows it
            "en",
            'The newspaper "Kommersant" said the talks had failed.',
            [("Kommersant", "said", "indirect", "the talks had failed")],
        ),
        (
            "ar",
            "وقال سامي خليل إن صحيفة «الأخبار» نشرت تقريرا كاذبا.",
            [("سامي خليل", "وقال", "indirect", "صحيفة «الأخبار» نشرت تقريرا كاذبا")],
        ),
        # 4. Russian addressees after the verb; an outlet in the dative is not the speaker.
        (
            "ru",
            "Сергей Лавров сказал жителям, что бюджет вырастет.",
            [("Сергей Лавров", "сказал", "indirect", "бюджет вырастет")],
        ),
        (
            "ru",
            "Сергей Лавров заявил журналистам в Москве, что бюджет вырастет.",
            [("Сергей Лавров", "заявил", "indirect", "бюджет вырастет")],
        ),
        (
            "ru",
            "Источник сообщил «Интерфаксу», что встреча перенесена.",
            [("Источник", "сообщил", "indirect", "встреча перенесена")],
        ),
        (
            "ru",
            "«Мы не сдадимся», — сообщила «Интерфаксу» защитница Мария Иванова.",
            [("Мария Иванова", "сообщила", "direct", "Мы не сдадимся")],
        ),
        (
            "ru",
            "«Бюджет будет исполнен», — сказал ТАСС министр финансов Антон Силуанов.",
            [("Антон Силуанов", "сказал", "direct", "Бюджет будет исполнен")],
        ),
        (
            "ru",
            "«Это провокация», — заявил РИА Новости источник в силовых структурах.",
            [("источник", "заявил", "direct", "Это провокация")],
        ),
        (  # not fired: after "что" the dative is part of what was said
            "ru",
            "Лавров сказал, что жителям выплатят компенсации.",
            [("Лавров", "сказал", "indirect", "жителям выплатят компенсации")],
        ),
        ("ru", "Об отставке сообщил «Коммерсант».", []),  # the outlet speaks, but says nothing
        # 5. Arabic: an outlet in guillemets after "لـ", an occasion before "إن".
        (
            "ar",
            "وقال سامي خليل لـ«الأخبار» إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "indirect", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل لدى وصوله إلى بغداد إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "indirect", "الموازنة ستزيد")],
        ),
        (
            "ar",
            "وقال سامي خليل خلال لقائه بالصحفيين إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "indirect", "الموازنة ستزيد")],
        ),
        (  # not fired: after "إن" the occasion word is part of what was said
            "ar",
            "وقال سامي خليل إن لدى الحكومة خطة جديدة.",
            [("سامي خليل", "وقال", "indirect", "لدى الحكومة خطة جديدة")],
        ),
        # 6. Where each rule stops, and what follows from it.
        ("en", "However, officials said.", []),  # "However," opens the clause; nothing said
        ("ar", "وفي هذا السياق، قال الوزير.", []),
        ("en", "John Smith, Jane Doe said.", []),  # a name before the comma is no statement
        ("fa", "مهدی کاظمی، زهرا رضایی و علی محمدی گفتند.", []),
        ("fa", "وزیر نیرو، علی‌اکبر محرابیان، گفت.", []),  # the post before the name
        (  # ", and" after the attribution opens the next clause
            "en",
            "Prices rose, officials said, and wages fell, the minister added.",
            [
                ("officials", "said", "indirect", "Prices rose"),
                ("the minister", "added", "indirect", "wages fell"),
            ],
        ),
        (  # the outlet reports the next statement; it is the speaker's
            "fa",
            "به گزارش ایرنا، مهدی کاظمی گفت که سدها خالی است.",
            [("مهدی کاظمی", "گفت", "indirect", "سدها خالی است")],
        ),
        (
            "ar",
            "ارتفعت الأسعار، بحسب صحيفة الأخبار اللبنانية.",
            [("صحيفة الأخبار اللبنانية", "بحسب", "indirect", "ارتفعت الأسعار")],
        ),
        (
            "ar",
            "وقال سامي خليل لصحيفة «الأخبار» إن الموازنة ستزيد.",
            [("سامي خليل", "وقال", "indirect", "الموازنة ستزيد")],
        ),
        (  # a quoted name inside what was said keeps its marks
            "ar",
            "وقال سامي خليل إن «الأخبار» صحيفة جيدة.",
            [("سامي خليل", "وقال", "indirect", "«الأخبار» صحيفة جيدة")],
        ),
        (  # a post holding another post in the genitive: "пресс-секретарь президента"
            "ru",
            "Ситуация стабильна, заявил пресс-секретарь президента Дмитрий Песков.",
            [("Дмитрий Песков", "заявил", "indirect", "Ситуация стабильна")],
        ),
        (
            "ru",
            "Песков сообщил ТАСС, что встреча перенесена.",
            [("Песков", "сообщил", "indirect", "встреча перенесена")],
        ),
        (  # a person named in what was said is not the speaker
            "ru",
            "Сегодня Лавров встретился с Блинкеном, сообщил ТАСС.",
            [("ТАСС", "сообщил", "indirect", "Сегодня Лавров встретился с Блинкеном")],
        ),
        (
            "ru",
            "«Сделка сорвалась», — говорит эксперт.",
            [("эксперт", "говорит", "direct", "Сделка сорвалась")],
        ),
        (  # the person in the genitive belongs to the inner post; the speaker is nominative
            "ru",
            "Цены вырастут, заявил пресс-секретарь президента России Владимира Путина "
            "Дмитрий Песков.",
            [("Дмитрий Песков", "заявил", "indirect", "Цены вырастут")],
        ),
        (
            "ru",
            "Цены вырастут, заявила правозащитница Анна Петрова.",
            [("Анна Петрова", "заявила", "indirect", "Цены вырастут")],
        ),
        (  # not fired: "то же, что" compares, it names no addressee
            "ru",
            "Лавров заявил то же, что и Песков.",
            [("Лавров", "заявил", "indirect", "то же, что и Песков")],
        ),
    ],
)
def test_attribution_after_content_short_quotes_and_addressees(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "kind", "content") == expected


# An attribution set off by commas inside what was said ("The plan, the minister said, will
# cost ...", "План, как заявил X, обойдётся ...", "الخطة، كما قال X، ستكلف ...", "این طرح، به
# گفته X، ..."): what was said is both sides of it, joined by a space, and its offsets span the
# whole passage, attribution included. A clause that opens the sentence ("In Leeds,") or one
# that follows the attribution without being said ("and wages fell", "citing costs", "a local
# official") is not what was said.
INTERRUPTED = [
    (
        "en",
        "The plan, Finance Minister John Smith said on Monday, will cost $4 billion.",
        ("John Smith", "said", "indirect", "The plan will cost $4 billion"),
    ),
    (
        "en",
        "The plan, the minister told reporters, will cost $4 billion.",
        ("the minister", "told", "indirect", "The plan will cost $4 billion"),
    ),
    (
        "en",
        "The plan, according to officials, will cost $4 billion.",
        ("officials", "according to", "indirect", "The plan will cost $4 billion"),
    ),
    (
        "en",
        '"The plan," John Smith said, "will cost $4 billion."',
        ("John Smith", "said", "direct", "The plan will cost $4 billion"),
    ),
    (
        "ru",
        "План, как заявил министр финансов Антон Силуанов, обойдётся в 4 млрд рублей.",
        ("Антон Силуанов", "заявил", "indirect", "План обойдётся в 4 млрд рублей"),
    ),
    (
        "ru",
        "Бюджет, по словам Силуанова, будет исполнен.",
        ("Силуанов", "по словам", "indirect", "Бюджет будет исполнен"),
    ),
    (  # the author's words inside the guillemets, set off by dashes
        "ru",
        "«План, — заявил министр финансов Антон Силуанов журналистам, — обойдётся в 4 млрд "
        "рублей».",
        ("Антон Силуанов", "заявил", "direct", "План обойдётся в 4 млрд рублей"),
    ),
    (
        "ar",
        "الخطة، كما قال وزير المالية محمد معيط، ستكلف 4 مليارات دولار.",
        ("محمد معيط", "قال", "indirect", "الخطة ستكلف 4 مليارات دولار"),
    ),
    (
        "fa",
        "این طرح، به گفته وزیر اقتصاد علی مدنی‌زاده، ۴ میلیارد دلار هزینه دارد.",
        ("علی مدنی‌زاده", "به گفته", "indirect", "این طرح ۴ میلیارد دلار هزینه دارد"),
    ),
    (
        "fa",
        "این طرح، به گزارش ایسنا، ۴ میلیارد دلار هزینه دارد.",
        ("ایسنا", "به گزارش", "indirect", "این طرح ۴ میلیارد دلار هزینه دارد"),
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), INTERRUPTED)
def test_attribution_inside_what_was_said(
    lang: str, text: str, expected: tuple[str, str, str, str]
) -> None:
    [statement] = statements_for(lang, text)
    assert (statement.speaker, statement.verb, statement.kind, statement.content) == expected
    # The offsets cover both parts and the attribution between them.
    head, tail = statement.content.split()[0], statement.content.split()[-1]
    passage = text[statement.start : statement.end]
    assert passage.lstrip('"').startswith(head) and passage.rstrip('"').endswith(tail)
    assert len(passage) > len(statement.content)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (  # "In Leeds," opens the clause: what was said is after the attribution
            "en",
            "In Leeds, officials said, the bridge will open in May.",
            [("officials", "said", "indirect", "the bridge will open in May")],
        ),
        (  # a participle after the attribution is not what was said
            "en",
            "Prices rose, officials said, citing higher costs.",
            [("officials", "said", "indirect", "Prices rose")],
        ),
        (
            "en",
            "Prices rose, officials said, and wages fell.",
            [("officials", "said", "indirect", "Prices rose")],
        ),
        (
            "ru",
            "Цены выросли, заявил Песков, добавив подробности.",
            [("Песков", "заявил", "indirect", "Цены выросли")],
        ),
    ],
)
def test_attribution_after_content_is_not_an_interruption(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "kind", "content") == expected


# A surname alone, after a quotation or before the verb, is the person the article named in
# full earlier, even where the entity finder read it as part of another name ("Paris. Smith").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Finance Minister John Smith spoke in Paris. "We will not retreat," Smith told '
            "reporters.",
            ("John Smith", "Smith", "told", "direct", "We will not retreat"),
        ),
        (
            "Finance Minister John Smith spoke in Paris. Smith told reporters the plan was dead.",
            ("John Smith", "Smith", "told", "indirect", "the plan was dead"),
        ),
        (
            'Finance Minister John Smith spoke on Monday. "We will not retreat," Mr. Smith told '
            "reporters.",
            ("John Smith", "Smith", "told", "direct", "We will not retreat"),
        ),
    ],
)
def test_bare_surname_is_the_person_named_earlier(
    text: str, expected: tuple[str, str, str, str, str]
) -> None:
    [statement] = statements_for("en", text)
    got = (statement.speaker, statement.mention, statement.verb, statement.kind, statement.content)
    assert got == expected
    assert text[statement.start : statement.end] == statement.content


# A source quoted by an outlet ("نقلت صحيفة الأهرام عن مصدر مسؤول قوله إن", "Reuters quoted a
# senior official as saying", "РИА Новости со ссылкой на источник", "ایسنا به نقل از یک منبع
# آگاه") is the speaker; the outlet stays in the mention, as written, since a statement has no
# field of its own for it. A verb that reports a quotation counts only with one: "نقلت الحكومة
# الجرحى" moves people, "quoted figures" cites numbers.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ar",
            "نقلت صحيفة الأهرام عن مصدر مسؤول قوله إن الحكومة سترفع الأسعار.",
            [
                (
                    "مصدر مسؤول",
                    "صحيفة الأهرام عن مصدر مسؤول",
                    "نقلت",
                    "indirect",
                    "الحكومة سترفع الأسعار",
                )
            ],
        ),
        (
            "ar",
            "ونقلت وكالة رويترز عن مسؤول أمريكي قوله إن المحادثات فشلت.",
            [
                (
                    "مسؤول أمريكي",
                    "وكالة رويترز عن مسؤول أمريكي",
                    "ونقلت",
                    "indirect",
                    "المحادثات فشلت",
                )
            ],
        ),
        (
            "ar",
            "نقلت رويترز عن مصادر مطلعة أن المحادثات فشلت.",
            [("مصادر مطلعة", "رويترز عن مصادر مطلعة", "نقلت", "indirect", "المحادثات فشلت")],
        ),
        ("ar", "نقلت الحكومة الجرحى إلى المستشفى.", []),
        ("ar", "نقلت سيارات الإسعاف الجرحى عن طريق البر.", []),
        (  # no outlet named: the mention is the source's alone
            "ar",
            "ونقل عن مصدر مسؤول أن المحادثات فشلت.",
            [("مصدر مسؤول", "مصدر مسؤول", "ونقل", "indirect", "المحادثات فشلت")],
        ),
        (
            "en",
            "Reuters quoted a senior official as saying the talks had failed.",
            [
                (
                    "a senior official",
                    "Reuters quoted a senior official",
                    "quoted",
                    "indirect",
                    "the talks had failed",
                )
            ],
        ),
        ("en", "The report quoted figures from 2020.", []),
        (
            "en",
            "Reuters, citing a senior official, said the talks had failed.",
            [
                (
                    "a senior official",
                    "Reuters, citing a senior official",
                    "said",
                    "indirect",
                    "the talks had failed",
                )
            ],
        ),
        (  # a reason cited is no source
            "en",
            "The Bank of England, citing higher costs, said prices would rise.",
            [("Bank of England", "Bank of England", "said", "indirect", "prices would rise")],
        ),
        (
            "ru",
            "РИА Новости со ссылкой на источник в правительстве сообщает, что переговоры "
            "провалились.",
            [
                (
                    "источник в правительстве",
                    "РИА Новости со ссылкой на источник в правительстве",
                    "сообщает",
                    "indirect",
                    "переговоры провалились",
                )
            ],
        ),
        (
            "ru",
            "Переговоры провалились, сообщает РИА Новости со ссылкой на источник в правительстве.",
            [
                (
                    "источник в правительстве",
                    "РИА Новости со ссылкой на источник в правительстве",
                    "сообщает",
                    "indirect",
                    "Переговоры провалились",
                )
            ],
        ),
        (
            "ru",
            "Как сообщает ТАСС со ссылкой на источник, бюджет будет исполнен.",
            [
                (
                    "источник",
                    "ТАСС со ссылкой на источник",
                    "сообщает",
                    "indirect",
                    "бюджет будет исполнен",
                )
            ],
        ),
        (
            "fa",
            "خبرگزاری ایسنا به نقل از یک منبع آگاه نوشت که مذاکرات شکست خورده است.",
            [
                (
                    "یک منبع آگاه",
                    "خبرگزاری ایسنا به نقل از یک منبع آگاه",
                    "نوشت",
                    "indirect",
                    "مذاکرات شکست خورده است",
                )
            ],
        ),
        (
            "fa",
            "به گزارش ایسنا به نقل از یک منبع آگاه، مذاکرات شکست خورده است.",
            [
                (
                    "یک منبع آگاه",
                    "ایسنا به نقل از یک منبع آگاه",
                    "به گزارش",
                    "indirect",
                    "مذاکرات شکست خورده است",
                )
            ],
        ),
        (  # a source that is no entity, as written up to the comma
            "fa",
            "به گزارش ایسنا به نقل از روابط عمومی وزارت نیرو، جیره‌بندی آب آغاز می‌شود.",
            [
                (
                    "روابط عمومی وزارت نیرو",
                    "ایسنا به نقل از روابط عمومی وزارت نیرو",
                    "به گزارش",
                    "indirect",
                    "جیره‌بندی آب آغاز می‌شود",
                )
            ],
        ),
    ],
)
def test_source_quoted_by_an_outlet(
    lang: str, text: str, expected: list[tuple[str, str, str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    got = [(s.speaker, s.mention, s.verb, s.kind, s.content) for s in statements]
    assert got == expected
    for statement in statements:
        assert text[statement.start : statement.end] == statement.content


# A mark inside a number ("3.9%", "4,1%", "۴٫۱", "250,000") ends no clause, so what was said
# before an attribution keeps its figures whole. A dateline ("WASHINGTON —") is no part of what
# was said, and when and where it was said ("said on Friday", "في القاهرة") belong to the
# attribution; wire style attributes the clause before it only, so what follows ", and" is not
# attributed ("..., the Labor Department said on Friday, and the rate fell").
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "WASHINGTON — The US economy added 250,000 jobs in October, the Labor Department "
            "said on Friday, and the unemployment rate fell to 3.9%.",
            [
                (
                    "Labor Department",
                    "said",
                    "indirect",
                    "The US economy added 250,000 jobs in October",
                )
            ],
        ),
        (
            "en",
            "Wages rose 4.1% from a year earlier, according to the report.",
            [("the report", "according to", "indirect", "Wages rose 4.1% from a year earlier")],
        ),
        (
            "en",
            "The economy grew 2.5% in 2023, and wages rose 4.1%, according to the report.",
            [
                (
                    "the report",
                    "according to",
                    "indirect",
                    "The economy grew 2.5% in 2023, and wages rose 4.1%",
                )
            ],
        ),
        (
            "ru",
            "Безработица снизилась до 3.9%, заявил Антон Силуанов.",
            [("Антон Силуанов", "заявил", "indirect", "Безработица снизилась до 3.9%")],
        ),
        (
            "ru",
            "Зарплаты выросли на 4,1% за год, по данным Росстата.",
            [("Росстат", "по данным", "indirect", "Зарплаты выросли на 4,1% за год")],
        ),
        (
            "fa",
            "نرخ تورم به 3.9 درصد رسید، به گزارش ایسنا.",
            [("ایسنا", "به گزارش", "indirect", "نرخ تورم به 3.9 درصد رسید")],
        ),
        (
            "fa",
            "دستمزدها ۴٫۱ درصد افزایش یافت، به گزارش ایسنا.",
            [("ایسنا", "به گزارش", "indirect", "دستمزدها ۴٫۱ درصد افزایش یافت")],
        ),
        (
            "ar",
            "ارتفع التضخم إلى 3.9 في المئة، بحسب وزارة المالية.",
            [("وزارة المالية", "بحسب", "indirect", "ارتفع التضخم إلى 3.9 في المئة")],
        ),
        (  # a place between the speaker and "إن" belongs to the attribution
            "ar",
            "قال رئيس الوزراء المصري مصطفى مدبولي في القاهرة إن التضخم تراجع.",
            [("مصطفى مدبولي", "قال", "indirect", "التضخم تراجع")],
        ),
        (
            "ar",
            "وأكد محمد معيط على هامش القمة أن العجز تراجع.",
            [("محمد معيط", "وأكد", "indirect", "العجز تراجع")],
        ),
        (
            "fa",
            "علی لاریجانی در تهران گفت که تورم کاهش یافته است.",
            [("علی لاریجانی", "گفت", "indirect", "تورم کاهش یافته است")],
        ),
        (
            "en",
            "Prime Minister Mostafa Madbouly said in Cairo that inflation had eased.",
            [("Mostafa Madbouly", "said", "indirect", "inflation had eased")],
        ),
        (
            "ru",
            "МОСКВА, 3 ноября — Цены выросли на 2,5%, сообщил Росстат.",
            [("Росстат", "сообщил", "indirect", "Цены выросли на 2,5%")],
        ),
        (  # the time after the verb is the attribution's, and a participle is no content
            "en",
            "The bridge will open in May, officials said on Friday, citing engineers.",
            [("officials", "said", "indirect", "The bridge will open in May")],
        ),
        (  # not fired: "added" with an amount reports nothing
            "en",
            "The economy added 250,000 jobs in October.",
            [],
        ),
    ],
)
def test_numbers_datelines_and_frames_of_the_attribution(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "kind", "content") == expected


# A quotation before a speaker named with the post before the name is what they said.
def test_quote_before_a_post_and_name() -> None:
    text = '"This is the strongest month since March," Labor Secretary Julie Su told CNN.'
    [statement] = statements_for("en", text)
    got = (statement.speaker, statement.verb, statement.kind, statement.content)
    assert got == ("Julie Su", "told", "direct", "This is the strongest month since March")
    assert text[statement.start : statement.end] == statement.content


# What a plural group believes is a claim put to a vague source: "ويرى مراقبون أن", "کارشناسان
# معتقدند که", "Эксперты считают, что", "Critics argue that". The group is the speaker as written;
# the opinion verb reports nothing with any other subject ("أعتقد", "I think", "Smith
# believes", "they say"). A verb that ends a comparison ("than officials say", "از آن است که
# مسئولان می‌گویند") is part of what was said, not an attribution.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fa",
            "کارشناسان معتقدند که بحران آب در مشهد جدی‌تر از آن است که مسئولان می‌گویند.",
            [
                (
                    "کارشناسان",
                    "معتقدند",
                    "بحران آب در مشهد جدی‌تر از آن است که مسئولان می‌گویند",
                )
            ],
        ),
        (
            "fa",
            "برخی کارشناسان حوزه آب بر این باورند که بحران جدی است.",
            [("برخی کارشناسان حوزه آب", "بر این باورند", "بحران جدی است")],
        ),
        ("fa", "بحران جدی است، کارشناسان معتقدند.", [("کارشناسان", "معتقدند", "بحران جدی است")]),
        ("ar", "ويرى مراقبون أن الأزمة ستطول.", [("مراقبون", "ويرى", "الأزمة ستطول")]),
        ("ar", "ويرى بعض المراقبين أن الأزمة ستطول.", [("بعض المراقبين", "ويرى", "الأزمة ستطول")]),
        (
            "ar",
            "ويعتقد خبراء اقتصاديون أن التضخم سيرتفع.",
            [("خبراء اقتصاديون", "ويعتقد", "التضخم سيرتفع")],
        ),
        (
            "ru",
            "Эксперты считают, что кризис затянется.",
            [("Эксперты", "считают", "кризис затянется")],
        ),
        (
            "ru",
            "Кризис затянется, считают западные аналитики.",
            [("западные аналитики", "считают", "Кризис затянется")],
        ),
        (
            "en",
            "Critics argue that the plan will fail.",
            [("Critics", "argue", "the plan will fail")],
        ),
        (
            "en",
            "Officials say the bridge will open in May.",
            [("Officials", "say", "the bridge will open in May")],
        ),
        ("en", "The plan will fail, critics say.", [("critics", "say", "The plan will fail")]),
        # what a named person or organisation believes: the holder right before the verb
        # (past an apposition) or, in Arabic and Russian, right after it
        (
            "fa",
            "علی رضایی معتقد است که بحران جدی است.",
            [("علی رضایی", "معتقد است", "بحران جدی است")],
        ),
        (
            "fa",
            "علی رضایی فکر می‌کند که بحران جدی است.",
            [("علی رضایی", "فکر می‌کند", "بحران جدی است")],
        ),
        (
            "fa",
            "یک کارشناس اقتصادی، پرویز امینی، معتقد است کاهش صادرات به دلیل افزایش هزینه‌ها است.",
            [("پرویز امینی", "معتقد است", "کاهش صادرات به دلیل افزایش هزینه‌ها است")],
        ),
        (
            "en",
            "John Smith believes the plan will fail.",
            [("John Smith", "believes", "the plan will fail")],
        ),
        (
            "en",
            "John Smith, a lecturer at Leeds University, argues that the tax is unfair.",
            [("John Smith", "argues", "the tax is unfair")],
        ),
        (
            "ru",
            "Эксперт Высшей школы экономики Глеб Назаров считает, что рост цен замедлится.",
            [("Глеб Назаров", "считает", "рост цен замедлится")],
        ),
        (
            "ar",
            "ويرى الوزير محمد أحمد أن الأسعار ستنخفض.",
            [("محمد أحمد", "ويرى", "الأسعار ستنخفض")],
        ),
        # whose opinion it is stays unknown: only the apposition's last word is named
        ("en", "Smith, a lecturer at Leeds University, argues that the tax is unfair.", []),
        ("ar", "أعتقد أن الأسعار ستنخفض.", []),
        # not fired: the opinion of a post nobody is named in, of "I" or "they", or a comparison
        ("ar", "يرى الوزير أن الأزمة ستطول.", []),
        ("ar", "الأسعار أعلى مما يقول المسؤولون.", []),
        ("fa", "قیمت‌ها بیشتر از آنچه مسئولان می‌گویند افزایش یافته است.", []),
        ("ru", "Я считаю, что кризис затянется.", []),
        ("ru", "Цены выросли сильнее, чем говорят чиновники.", []),
        ("en", "They say the plan will fail.", []),
        ("en", "I think the plan will fail.", []),
        ("en", "The crisis is worse than officials said.", []),
        (
            "ar",
            "وقال محمد معيط: «أعتقد أن الأزمة ستطول».",
            [("محمد معيط", "وقال", "أعتقد أن الأزمة ستطول")],
        ),
    ],
)
def test_opinions_of_groups_and_named_holders(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content) for s in statements] == expected
    for statement in statements:
        # a group is named as written; a named holder may come with a post ("الوزير محمد أحمد")
        assert statement.mention.endswith(statement.speaker) or statement.mention == "محمد معيط"
        assert text[statement.start : statement.end] == statement.content


# A singular pronoun that opens the sentence before an opinion verb ("He believes that", "او
# معتقد است", "Он считает, что") is the person named before, as a reporting verb's pronoun
# subject is; "I", "they" and a pronoun with nobody named before it hold no attributed opinion.
def test_opinions_of_a_pronoun_holder() -> None:
    fields = ("speaker", "mention", "verb", "content")
    fa_named = "پرویز امینی کارشناس اقتصادی است. "
    assert found(
        "en", "John Smith is the party's leader. He believes that taxes will fall.", *fields
    ) == [("John Smith", "He", "believes", "taxes will fall")]
    assert found("fa", fa_named + "وی معتقد است که تورم کاهش می‌یابد.", *fields) == [
        ("پرویز امینی", "وی", "معتقد است", "تورم کاهش می‌یابد")
    ]
    assert found("fa", fa_named + "او فکر می‌کند که تورم کاهش می‌یابد.", *fields) == [
        ("پرویز امینی", "او", "فکر می‌کند", "تورم کاهش می‌یابد")
    ]
    assert found(
        "ru", "Анна Иванова возглавляет фонд. Она полагает, что налоги снизятся.", *fields
    ) == [("Анна Иванова", "Она", "полагает", "налоги снизятся")]
    # inside what was said, the pronoun holds no opinion of its own
    assert found("en", "John Smith said he believes that taxes will fall.", *fields) == [
        ("John Smith", "John Smith", "said", "he believes that taxes will fall")
    ]


# Arabic writes no pronoun: an opinion verb that opens its sentence with "أن" right after it
# ("ويرى أن") is the person quoted before, of the verb's gender, as "وأضاف أن" is. The masculine
# forms of "يعتقد" and "يتوقع" read as passives as often ("it is believed") and hold nobody's.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وقال الوزير محمد أحمد إن الحكومة ستخفض الضرائب. ويرى أن الإصلاحات ضرورية.",
            [("محمد أحمد", "", "ويرى", "الإصلاحات ضرورية")],
        ),
        (
            "وقال الوزير محمد أحمد إن الضرائب ستنخفض. وقالت الوزيرة سارة علي إن المدارس ستفتح. "
            "وترى أن التعليم عن بعد فشل.",
            [("سارة علي", "", "وترى", "التعليم عن بعد فشل")],
        ),
        ("ويرى أن الحكومة فشلت في إدارة الأزمة.", []),
        # the verb's gender is not the latest speaker's: nobody
        ("وقالت الوزيرة سارة علي إن المدارس ستفتح. ويرى أن التعليم عن بعد فشل.", []),
        ("وقال الوزير محمد أحمد إن الضرائب ستنخفض. وترى أن الإصلاحات ضرورية.", []),
        # a passive written with its damma: it is seen
        ("وقال الوزير محمد أحمد إن الضرائب ستنخفض. ويُرى أن الأزمة ستطول.", []),
        ("وقال الوزير محمد أحمد إن الضرائب ستنخفض. ويعتقد أن الأزمة ستطول.", []),
        ("وقال الوزير محمد أحمد إن الضرائب ستنخفض. ويتوقع أن ترتفع الأسعار.", []),
    ],
)
def test_opinions_of_an_implied_arabic_holder(
    text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    statements = statements_for("ar", text)
    opinions = [s for s in statements if s.verb not in ("وقال", "وقالت")]
    assert [(s.speaker, s.mention, s.verb, s.content) for s in opinions] == expected


# No attributed opinion for "I", for a plural pronoun, or for a pronoun with nobody named before.
_NO_PRONOUN_HOLDER = {
    "en": [
        "John Smith is the party's leader. I think that taxes will fall.",
        "John Smith is the party's leader. They believe that taxes will fall.",
        "The weather was bad. He believes that taxes will fall.",
    ],
    "fa": [
        "پرویز امینی کارشناس اقتصادی است. آنها معتقدند که تورم کاهش می‌یابد.",
        "پرویز امینی کارشناس اقتصادی است. من فکر می‌کنم که تورم کاهش می‌یابد.",
        "هوا سرد بود. او معتقد است که تورم کاهش می‌یابد.",
    ],
    "ru": [
        "Глеб Назаров возглавляет фонд. Они считают, что налоги снизятся.",
        "Погода была плохой. Он считает, что налоги снизятся.",
    ],
}


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, text) for lang, texts in _NO_PRONOUN_HOLDER.items() for text in texts]
)
def test_no_opinion_of_a_pronoun_naming_nobody(lang: str, text: str) -> None:
    assert found(lang, text, "speaker", "verb") == []


# "According to him" in each language ("به گفته وی", "وبحسب قوله", "по его словам") names the
# speaker before it by a pronoun, resolved as "he added" is.
@pytest.mark.parametrize(
    ("lang", "text", "speaker", "pronoun", "verb", "content"),
    [
        (
            "fa",
            "محمد حسینی افزود که ذخایر سدها کم شده است. به گفته وی، دولت ۵۰۰ میلیارد تومان برای "
            "مقابله با کم‌آبی اختصاص داده است.",
            "محمد حسینی",
            "وی",
            "به گفته",
            "دولت ۵۰۰ میلیارد تومان برای مقابله با کم‌آبی اختصاص داده است",
        ),
        (
            "ar",
            "وقال محمد معيط إن العجز تراجع. وبحسب قوله، فإن الحكومة خصصت 500 مليون دولار للدعم.",
            "محمد معيط",
            "قوله",
            "وبحسب",
            "الحكومة خصصت 500 مليون دولار للدعم",
        ),
        (
            "ar",
            "وقال محمد معيط إن العجز تراجع. ووفق قوله، فإن الحكومة خصصت 500 مليون دولار للدعم.",
            "محمد معيط",
            "قوله",
            "ووفق",
            "الحكومة خصصت 500 مليون دولار للدعم",
        ),
        (
            "ru",
            "Антон Силуанов заявил, что дефицит сократился. По его словам, правительство "
            "выделило 500 млрд рублей.",
            "Антон Силуанов",
            "его",
            "По его словам",
            "правительство выделило 500 млрд рублей",
        ),
        (
            "en",
            "John Smith said the deficit had narrowed. According to him, the government has set "
            "aside $500 million.",
            "John Smith",
            "him",
            "According to",
            "the government has set aside $500 million",
        ),
    ],
)
def test_according_to_a_pronoun(
    lang: str, text: str, speaker: str, pronoun: str, verb: str, content: str
) -> None:
    first, second = statements_for(lang, text)
    assert first.speaker == speaker
    assert (second.speaker, second.mention, second.verb, second.content) == (
        speaker,
        pronoun,
        verb,
        content,
    )
    assert text[second.start : second.end] == content


def test_according_to_a_pronoun_needs_a_speaker_before() -> None:
    assert statements_for("en", "According to him, the government has set aside funds.") == []
    assert statements_for("ar", "وقال إنه على حد سواء مع الحكومة.") == []


# A post held by nobody the article names is the speaker as written, with what it is of, and
# so is its mention: "مدیرکل هواشناسی خراسان رضوی", "المتحدث باسم الوزارة".
@pytest.mark.parametrize(
    ("lang", "text", "speaker", "mention", "content"),
    [
        (
            "fa",
            "مدیرکل هواشناسی خراسان رضوی گفت: میزان بارش‌ها کاهش یافته است.",
            "مدیرکل هواشناسی خراسان رضوی",
            "مدیرکل هواشناسی خراسان رضوی",
            "میزان بارش‌ها کاهش یافته است",
        ),
        (
            "ar",
            "وقال المتحدث باسم الوزارة إن الأمطار تراجعت.",
            "المتحدث باسم الوزارة",
            "المتحدث باسم الوزارة",
            "الأمطار تراجعت",
        ),
        (
            "ar",
            "قال مدير عام الأرصاد الجوية في خراسان إن الأمطار تراجعت.",
            "مدير عام الأرصاد الجوية في خراسان",
            "مدير عام الأرصاد الجوية في خراسان",
            "الأمطار تراجعت",
        ),
        (  # unnamed, the speaker is as written
            "en",
            "The head of the regional weather office said rainfall had fallen.",
            "The head of the regional weather office",
            "The head of the regional weather office",
            "rainfall had fallen",
        ),
    ],
)
def test_unnamed_post_is_mentioned_in_full(
    lang: str, text: str, speaker: str, mention: str, content: str
) -> None:
    [statement] = statements_for(lang, text)
    assert (statement.speaker, statement.mention, statement.content) == (speaker, mention, content)


# Outlets report: "Reuters reported, citing two sources, that", "روزنامه کیهان نوشت که",
# "ذكرت صحيفة الأهرام أن", "пишет газета «Ведомости»". "reported" is an outlet's verb only, and
# reports only what follows "that" or came before it.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Reuters reported, citing two sources, that the talks had failed.",
            [("two sources", "Reuters reported, citing two sources", "the talks had failed")],
        ),
        (
            "en",
            "The New York Times reported that the talks had failed.",
            [("New York Times", "New York Times", "the talks had failed")],
        ),
        (
            "fa",
            "روزنامه کیهان نوشت که مذاکرات شکست خورده است.",
            [("روزنامه کیهان", "روزنامه کیهان", "مذاکرات شکست خورده است")],
        ),
        (
            "ar",
            "ذكرت صحيفة الأهرام أن الحكومة سترفع الأسعار.",
            [("صحيفة الأهرام", "صحيفة الأهرام", "الحكومة سترفع الأسعار")],
        ),
        (
            "ru",
            "Как пишет газета «Ведомости», переговоры провалились.",
            [("Ведомости", "газета «Ведомости»", "переговоры провалились")],
        ),
        (
            "ru",
            "Газета «Коммерсантъ» пишет, что переговоры провалились.",
            [("Коммерсантъ", "Коммерсантъ", "переговоры провалились")],
        ),
        (  # not fired: no outlet, or nothing reported
            "en",
            "The efficacy may be lower than reported by Israeli studies, some experts say.",
            [
                (
                    "some experts",
                    "some experts",
                    "The efficacy may be lower than reported by Israeli studies",
                )
            ],
        ),
        ("en", "The patient reported pain in the chest.", []),
        ("en", "Apple reported record profits.", []),
        (  # a quoted name that is no outlet's is no subject of the verb after it
            "ru",
            "Кассирша в «Макдоналдсе» заявила полицейским: «Таких не обслуживаем».",
            [],
        ),
    ],
)
def test_outlets_report(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(lang, text, "speaker", "mention", "content") == expected


# A post that no named person holds, and an unnamed source, are the speaker as the article
# describes them, with what the post or source is of ("in the union", "for the family"), not
# the role word or the source noun alone; a source relayed by an outlet without the outlet.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ar",
            "وقال الناطق باسم وزارة النقل إن القطارات ستتوقف يومين.",
            [("الناطق باسم وزارة النقل", "وقال", "القطارات ستتوقف يومين")],
        ),
        (
            "fa",
            "سخنگوی شرکت آب گفت که فشار آب کاهش می‌یابد.",
            [("سخنگوی شرکت آب", "گفت", "فشار آب کاهش می‌یابد")],
        ),
        (
            "ru",
            "Пресс-секретарь городской больницы сообщил, что приём продолжится.",
            [("Пресс-секретарь городской больницы", "сообщил", "приём продолжится")],
        ),
        (
            "en",
            "A spokesman for the port authority said the ferries would resume on Friday.",
            [("A spokesman for the port authority", "said", "the ferries would resume on Friday")],
        ),
        (  # the post after the verb, with nothing said after it
            "ru",
            "Продажи выросли, сказал представитель торговой палаты.",
            [("представитель торговой палаты", "сказал", "Продажи выросли")],
        ),
        (
            "ar",
            "وقال مصدر في النقابة إن الإضراب سينتهي قريبا.",
            [("مصدر في النقابة", "وقال", "الإضراب سينتهي قريبا")],
        ),
        (  # past a clause set off by commas
            "ar",
            "وكشف مسؤول كبير في البلدية، طلب عدم ذكر اسمه، أن الميزانية ستخفض.",
            [("مسؤول كبير في البلدية", "وكشف", "الميزانية ستخفض")],
        ),
        (
            "ru",
            "Источник в мэрии сообщил, что ремонт закончится в мае.",
            [("Источник в мэрии", "сообщил", "ремонт закончится в мае")],
        ),
        (
            "fa",
            "یک منبع در استانداری گفت که جاده باز است.",
            [("یک منبع در استانداری", "گفت", "جاده باز است")],
        ),
        (
            "en",
            "A lawyer for the family said the hearing had been postponed.",
            [("A lawyer for the family", "said", "the hearing had been postponed")],
        ),
        (
            "ar",
            "ونقلت صحيفة محلية عن مصدر في الميناء أن السفينة غادرت الرصيف.",
            [("مصدر في الميناء", "ونقلت", "السفينة غادرت الرصيف")],
        ),
        (  # not fired: when it was said is no part of who said it
            "en",
            "A resident on Monday said the water was brown.",
            [("A resident", "said", "the water was brown")],
        ),
    ],
)
def test_unnamed_speakers_are_described_in_full(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "content") == expected


# A subject that no entity, post word or source word names is still the subject, as written:
# after an Arabic verb up to the complementiser or, after a quotation, the end of the clause;
# before a Persian, Russian or English verb; "В X сообщили" names where it was said. A noun
# object ("أعلنت روسيا عن لقاح"), a relative clause, an idiom or the writer is no subject.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ar",
            "«لن نغلق المصنع»، قالت الإدارة في بيان مقتضب.",
            [("الإدارة", "قالت", "لن نغلق المصنع", "direct")],
        ),
        (
            "ar",
            "وقالت البلدية في بيان إن المياه ستعود مساء الخميس.",
            [("البلدية", "وقالت", "المياه ستعود مساء الخميس", "indirect")],
        ),
        (  # the pronoun on the complementiser goes with it
            "ar",
            "وقالت الوزارة إنها ستفتح المعبر غدا.",
            [("الوزارة", "وقالت", "ستفتح المعبر غدا", "indirect")],
        ),
        (
            "fa",
            "شهرداری در اطلاعیه‌ای اعلام کرد خیابان‌های مرکزی بسته می‌شوند.",
            [("شهرداری", "اعلام کرد", "خیابان‌های مرکزی بسته می‌شوند", "indirect")],
        ),
        (
            "fa",
            "آتش‌نشانان اعلام کردند که حریق مهار شده است.",
            [("آتش‌نشانان", "اعلام کردند", "حریق مهار شده است", "indirect")],
        ),
        (
            "ru",
            "Пожарные сообщили, что огонь потушен.",
            [("Пожарные", "сообщили", "огонь потушен", "indirect")],
        ),
        (
            "ru",
            "Агентство сообщило, что рейсы отменены.",
            [("Агентство", "сообщило", "рейсы отменены", "indirect")],
        ),
        (
            "ru",
            "В мэрии сообщили, что конкурс отменён.",
            [("мэрии", "сообщили", "конкурс отменён", "indirect")],
        ),
        (
            "ru",
            "Как уточнили в пресс-службе театра, премьера состоится в апреле.",
            [("пресс-службе театра", "уточнили", "премьера состоится в апреле", "indirect")],
        ),
        (
            "ru",
            "Спрос на жильё снизится, предупредил банк в ежемесячном обзоре.",
            [("банк", "предупредил", "Спрос на жильё снизится", "indirect")],
        ),
        (
            "ru",
            "Как пишут местные газеты, мост закроют на ремонт.",
            [("местные газеты", "пишут", "мост закроют на ремонт", "indirect")],
        ),
        (
            "en",
            "Flood wardens said the river would peak overnight.",
            [("Flood wardens", "said", "the river would peak overnight", "indirect")],
        ),
        # not fired
        ("ar", "وأعلنت روسيا عن لقاح جديد.", []),
        ("ar", "تختلف الأسعار بحسب المنطقة والموسم.", []),
        ("en", "All told, the fund raised $2 million.", []),
        ("en", "Today we announced a new plan for the city.", []),
        ("en", "The said property was sold at auction.", []),
        ("ru", "Кассирша в «Пятёрочке» заявила покупателям: «Касса закрыта».", []),
    ],
)
def test_subjects_no_entity_names_are_written_out(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content, s.kind) for s in statements] == expected
    for statement in statements:
        assert statement.mention == statement.speaker
        assert text[statement.start : statement.end] == statement.content


# A second reporting verb in the sentence ("adding that", "добавив, что", "но предупредила",
# "اما هشدار داد") is a second statement of the same speaker, and the first one's content ends
# before it.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "The factory will close in June, the company said, adding that 300 jobs would be cut.",
            [
                ("the company", "said", "The factory will close in June"),
                ("the company", "adding", "300 jobs would be cut"),
            ],
        ),
        (
            "ru",
            "«Поезда пойдут по расписанию», — сказал Сергей Лавров, добавив, что вокзал откроют "
            "в пятницу.",
            [
                ("Сергей Лавров", "сказал", "Поезда пойдут по расписанию"),
                ("Сергей Лавров", "добавив", "вокзал откроют в пятницу"),
            ],
        ),
        (
            "ru",
            "Ирина Смирнова сообщила, что музей откроется в мае, но предупредила, что билеты "
            "подорожают.",
            [
                ("Ирина Смирнова", "сообщила", "музей откроется в мае"),
                ("Ирина Смирнова", "предупредила", "билеты подорожают"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سد پر است، اما هشدار داد مصرف آب باید کاهش یابد.",
            [
                ("مهدی کاظمی", "گفت", "سد پر است"),
                ("مهدی کاظمی", "هشدار داد", "مصرف آب باید کاهش یابد"),
            ],
        ),
        (  # a demand joined by "and" is no part of what was said
            "en",
            "John Smith said the government had misled voters, and called for an inquiry.",
            [("John Smith", "said", "the government had misled voters")],
        ),
        # not fired: a participle with no clause, a passive verb, a refusal
        ("en", "The union issued a warning, stressing the need for calm.", []),
        ("en", "The final score could be announced as early as Monday.", []),
        ("ru", "Министерство не ответило на вопросы журналистов.", []),
        ("fa", "مهدی کاظمی امروز در مجلس سخن می‌گوید.", []),
    ],
)
def test_second_reporting_verb_in_a_sentence(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(lang, text, "speaker", "verb", "content") == expected


# A pronoun or a verb with no subject in the next sentence continues the speaker before; with
# nobody quoted yet, the person who opens the sentence before ("Mayor X visited ... He said").
# The writer ("I told him") and the subject of a relative clause continue nobody.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Dr Jane Roberts said the trial was promising. She cautioned that more data were "
            "needed.",
            [
                ("Jane Roberts", "said", "the trial was promising"),
                ("Jane Roberts", "cautioned", "more data were needed"),
            ],
        ),
        (
            "fa",
            "مهدی کاظمی گفت که سد پر است. او یادآور شد که بارش‌ها کم بوده است.",
            [
                ("مهدی کاظمی", "گفت", "سد پر است"),
                ("مهدی کاظمی", "یادآور شد", "بارش‌ها کم بوده است"),
            ],
        ),
        (
            "ru",
            "Ирина Смирнова заявила, что музей откроется в мае. Она предупредила, что билеты "
            "подорожают.",
            [
                ("Ирина Смирнова", "заявила", "музей откроется в мае"),
                ("Ирина Смирнова", "предупредила", "билеты подорожают"),
            ],
        ),
        (
            "en",
            "Mayor John Smith toured the damaged school on Tuesday. He said repairs would take "
            "a month.",
            [("John Smith", "said", "repairs would take a month")],
        ),
        (
            "en",
            "John Smith said the bridge was safe. I told him it was not.",
            [("John Smith", "said", "the bridge was safe")],
        ),
        (
            "ar",
            "وقال سامي خليل إن الطريق مغلق. وهذا هو المشروع الذي أعلنت عنه الحكومة.",
            [("سامي خليل", "وقال", "الطريق مغلق")],
        ),
    ],
)
def test_following_sentences_continue_the_speaker(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content) for s in statements] == expected


# "According to" in each language, with a source no entity names, as written up to the comma:
# before, after or inside what was said; a quotation it attributes is direct; what follows it
# after "and" is not what it attributes; "according to the plan" attributes nothing.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ar",
            "بحسب الدفاع الجوي، سقطت ثلاث طائرات مسيرة.",
            [("الدفاع الجوي", "بحسب", "سقطت ثلاث طائرات مسيرة", "indirect")],
        ),
        (
            "ar",
            "الاتفاق، على حد قول دبلوماسي غربي، سيوقع الأسبوع المقبل.",
            [("دبلوماسي غربي", "على حد قول", "الاتفاق سيوقع الأسبوع المقبل", "indirect")],
        ),
        (
            "ru",
            "Урожай, по данным трёх экспертов, превысит прошлогодний.",
            [("трёх экспертов", "по данным", "Урожай превысит прошлогодний", "indirect")],
        ),
        (
            "ru",
            "По прогнозам метеорологов, снег выпадет в среду.",
            [("метеорологов", "По прогнозам", "снег выпадет в среду", "indirect")],
        ),
        (
            "fa",
            "به گفته یک راننده در پایانه غرب، بلیت‌ها گران شده است.",
            [("یک راننده در پایانه غرب", "به گفته", "بلیت‌ها گران شده است", "indirect")],
        ),
        (
            "en",
            "The road will reopen next week, according to people briefed on the plan.",
            [
                (
                    "people briefed on the plan",
                    "according to",
                    "The road will reopen next week",
                    "indirect",
                )
            ],
        ),
        (
            "en",
            "The vaccine is safe, according to two studies, and is being rolled out.",
            [("two studies", "according to", "The vaccine is safe", "indirect")],
        ),
        (
            "ar",
            "«الوضع تحت السيطرة تماما»، بحسب سامي خليل.",
            [("سامي خليل", "بحسب", "الوضع تحت السيطرة تماما", "direct")],
        ),
        ("en", "The bridge will reopen in May, according to the plan.", []),
    ],
)
def test_according_to_a_source_as_written(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content, s.kind) for s in statements] == expected


# The speaker is the name without a rank ("سرهنگ", "Captain", "العقيد") and without the post
# written before it or in apposition ("city treasurer John Smith", "John Smith, the city's
# mayor,", "the town's mayor, John Smith,"), which is no part of what was said either.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fa",
            "رئیس پلیس راه، سرهنگ مهدی کاظمی، گفت که جاده باز است.",
            [("مهدی کاظمی", "گفت", "جاده باز است", "indirect")],
        ),
        (
            "en",
            "“The fire is out,” said Captain John Smith, who led the crew.",
            [("John Smith", "said", "The fire is out", "direct")],
        ),
        (
            "ar",
            "«الوضع هادئ»، قال قائد الشرطة العقيد سامي خليل للصحفيين.",
            [("سامي خليل", "قال", "الوضع هادئ", "direct")],
        ),
        (
            "en",
            "Prices will keep rising, city treasurer John Smith said.",
            [("John Smith", "said", "Prices will keep rising", "indirect")],
        ),
        (
            "en",
            "John Smith, the city's mayor, told reporters that taxes would rise.",
            [("John Smith", "told", "taxes would rise", "indirect")],
        ),
        (
            "en",
            "“We will rebuild,” the town's mayor, John Smith, said on Sunday.",
            [("John Smith", "said", "We will rebuild", "direct")],
        ),
        (
            "ru",
            "Музей откроется в мае, сообщила заместитель директора по науке Ирина Смирнова.",
            [("Ирина Смирнова", "сообщила", "Музей откроется в мае", "indirect")],
        ),
        (
            "en",
            "Reuters, citing people close to the talks, reported that a deal was near.",
            [("people close to the talks", "reported", "a deal was near", "indirect")],
        ),
    ],
)
def test_speakers_named_without_titles_or_posts(
    lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content, s.kind) for s in statements] == expected


# Verbs whose object is as often a noun as a clause ("كشف", "حذر", "объявил") report only a
# clause; a Persian aside ("آن‌طور که X پیش‌بینی کرده،") joins what was said around it; a
# participle phrase that opens the sentence ("Talking to reporters,") is no part of it.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ar", "وكشفت الوزارة أن العجز تراجع.", [("الوزارة", "وكشفت", "العجز تراجع")]),
        ("ar", "وكشفت الوزارة عن خطة جديدة للنقل.", []),
        ("ar", "وحذرت المنظمة من أن الجفاف سيطول.", [("المنظمة", "وحذرت", "الجفاف سيطول")]),
        ("ar", "وحذرت المنظمة من الجفاف.", []),
        (
            "ar",
            "«سنفتح المدارس في موعدها»، تعهد سامي خليل خلال الجلسة.",
            [("سامي خليل", "تعهد", "سنفتح المدارس في موعدها")],
        ),
        (
            "ru",
            "Мэрия объявила, что парк откроют летом.",
            [("Мэрия", "объявила", "парк откроют летом")],
        ),
        (
            "fa",
            "هوا، آن‌طور که سازمان هواشناسی پیش‌بینی کرده، فردا سرد می‌شود.",
            [("سازمان هواشناسی", "پیش‌بینی کرده", "هوا فردا سرد می‌شود")],
        ),
        (
            "en",
            "Talking to reporters, John Smith said, 'We were lucky.'",
            [("John Smith", "said", "We were lucky")],
        ),
        (
            "en",
            "The council announced that the budget would rise.",
            [("The council", "announced", "the budget would rise")],
        ),
        ("en", "This week, the council announced a new budget for the schools.", []),
    ],
)
def test_verbs_that_report_a_clause_and_asides(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content) for s in statements] == expected


# "announced" with no "that": a subject and its finite verb is what was announced; a noun with
# what hangs on it (an infinitive, a preposition, a participle, a relative) is not.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Clemson announced 28 student-athletes tested positive for COVID-19.",
            [("Clemson", "announced", "28 student-athletes tested positive for COVID-19")],
        ),
        (
            "The ministry announced the border would reopen on Monday.",
            [("The ministry", "announced", "the border would reopen on Monday")],
        ),
        (
            "The ministry announced on Friday they were providing a loan.",
            [("The ministry", "announced", "they were providing a loan")],
        ),
        (
            "The ministry announced two people died.",
            [("The ministry", "announced", "two people died")],
        ),
        (
            "The ministry announced the number of the dead had risen.",
            [("The ministry", "announced", "the number of the dead had risen")],
        ),
        (
            "The ministry announced it's ending the curfew.",
            [("The ministry", "announced", "it's ending the curfew")],
        ),
        # a verb that an event does is finite before a preposition too; "by" a figure is none
        (
            "The ministry announced the border reopened on Monday.",
            [("The ministry", "announced", "the border reopened on Monday")],
        ),
        (
            "The ministry announced the talks failed.",
            [("The ministry", "announced", "the talks failed")],
        ),
        (
            "The company announced profits jumped by 12 percent.",
            [("The company", "announced", "profits jumped by 12 percent")],
        ),
        (
            "The company announced sales grew by 12 percent.",
            [("The company", "announced", "sales grew by 12 percent")],
        ),
        (
            "The company announced its costs reduced by about 12 percent.",
            [("The company", "announced", "its costs reduced by about 12 percent")],
        ),
        ("The ministry announced plans for a new stadium.", []),
        # a verb only done to something, where its clause ends, hangs from the noun before it
        ("The company announced the winners selected.", []),
        ("The ministry announced 40 new cases confirmed.", []),
        ("The ministry announced the names released\nThe board will meet today.", []),
        ("The ministry announced the names released. The board will meet today.", []),
        # ... any other verb is the clause's own
        (
            "The ministry announced the vaccine worked.",
            [("The ministry", "announced", "the vaccine worked")],
        ),
        ("The club announced the team won.", [("The club", "announced", "the team won")]),
        # an agent after "by" makes a participle, of an event verb too; a figure alone does not
        ("The group announced a petition signed by 50,000 people.", []),
        ("The ministry announced a budget approved by 120 votes.", []),
        ("The ministry announced the border reopened by the army.", []),
        ("The company announced the factories opened by the company in 2019.", []),
        ("The ministry announced new measures agreed with unions.", []),
        ("The ministry announced a new budget.", []),
        ("The ministry announced its resignation.", []),
        ("The ministry announced on Monday.", []),
        ("The ministry announced a $5 billion package to support farmers.", []),
        ("The ministry announced plans to build a wall.", []),
        ("The ministry announced a plan approved by parliament.", []),
        ("The governor announced curfew measures extended until May.", []),
        ("The ministry announced a new vaccine developed jointly by two labs.", []),
        ("The ministry announced a new program called Vax Up.", []),
        ("The ministry announced a revised plan for the schools.", []),
        ("The ministry announced 5 confirmed cases.", []),
        ("The ministry announced the measures adopted last week.", []),
        ("The ministry announced a package the opposition rejected.", []),
        ("The ministry announced its resignation. The board will meet today.", []),
        ("The plan announced today will cost more.", []),
        # a frame before no clause, or before a verb that makes "announced" a participle
        ("The ministry announced in a statement a new budget.", []),
        ("The ministry announced at the meeting plans to cut jobs.", []),
        ("The ministry announced on Twitter a new budget.", []),
        ("The ministry announced last week 300 new jobs.", []),
        ("The plan announced on Twitter would have cost $5 billion.", []),
        ("The figures announced last week showed cases were rising.", []),
        ("The plan announced in September 2019 was canceled.", []),
        # ... or a verb in the present that follows a subject as often as it opens one
        ("The rules announced today mean prices will rise next year.", []),
        ("The measures announced on Monday include a fuel tax.", []),
        ("The cuts announced last week affect 300 jobs.", []),
    ]
    + [  # ... but not a hyphenated word that starts like one
        (
            f"The ministry announced {frame} {subject} would be held in May.",
            [("The ministry", "announced", f"{subject} would be held in May")],
        )
        for frame, subject in (("on Monday", "follow-up tests"), ("last week", "make-up exams"))
    ],
)
def test_announced_with_no_that(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found("en", text, "speaker", "verb", "content") == expected


# Where, when or how it was announced ("on Twitter", "in a statement", "in November 2020", "last
# week") may stand between "announced" and its clause, with or without "that".
@pytest.mark.parametrize(
    ("speaker", "frame", "clause"),
    [
        ("The senator", "on Twitter", "she was leaving the party"),
        ("The company", "in a statement", "the plant would close"),
        ("The couple", "in November 2020", "they were expecting a child"),
        ("The ministry", "on Monday that", "the border would reopen"),
        ("The ministry", "on Facebook", "28 students tested positive"),
        ("The ministry", "at a news conference", "new rules were needed"),
        ("The ministry", "last week", "300 jobs would go"),
        ("The ministry", "earlier today", "the border would reopen"),
    ],
)
def test_announced_after_where_and_when(speaker: str, frame: str, clause: str) -> None:
    text = f"{speaker} announced {frame} {clause}."
    assert found("en", text, "speaker", "verb", "content") == [(speaker, "announced", clause)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("McDonald's announced in Nov. 2020 they were making changes.", "they were making changes"),
        ("The airline announced on Mar. 4 that it ships vaccines.", "it ships vaccines"),
    ],
)
def test_announced_after_a_month_cut_short(text: str, content: str) -> None:
    # one sentence: the tests' splitter would end one at "Nov."
    sentences = [Sentence(0, text, 0, len(text))]
    statements = find_statements(text, sentences, find_entities(text, sentences, "en"), "en")
    assert [(s.verb, s.content) for s in statements] == [("announced", content)]


# After an Arabic verb, a subject as written is a noun phrase that can be one: not an adverb or
# a circumstantial accusative ("مجددا", "مبتسما", "بدوره", "مرة أخرى"), nor a word of the
# phrase a preposition opens after the verb ("في مقابلة تلفزيونية", "خلال لقائه نظيره
# الفرنسي"). With none, the clause has no subject, and the speaker before goes on.
MOEIT_SAID = "قال وزير المالية محمد معيط إن العجز سينخفض. "


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("وأكد مجددا أن الدين سيتراجع.", "وأكد"),
        ("وقال مبتسما إن الدين سيتراجع.", "وقال"),
        ("وقال مازحا إن الدين سيتراجع.", "وقال"),
        ("وقال مستدركا إن الدين سيتراجع.", "وقال"),
        ("وقال حرفيا إن الدين سيتراجع.", "وقال"),
        ("وقال حينها إن الدين سيتراجع.", "وقال"),
        ("وقال بدوره إن الدين سيتراجع.", "وقال"),
        ("وشدد مرة أخرى على أن الدين سيتراجع.", "وشدد"),
        ("وقال في مقابلة تلفزيونية إن الدين سيتراجع.", "وقال"),
        ("وأكد في بيان رسمي أن الدين سيتراجع.", "وأكد"),
        ("وقال في كلمة ألقاها إن الدين سيتراجع.", "وقال"),
        ("وأكد خلال لقائه نظيره الفرنسي أن الدين سيتراجع.", "وأكد"),
        ("وقال في تصريحات صحفية إن الدين سيتراجع.", "وقال"),
        ("وقال متحدثا للصحفيين إن الدين سيتراجع.", "وقال"),
        ("وأوضح بالقول إن الدين سيتراجع.", "وأوضح"),
    ],
)
def test_arabic_adverbs_and_phrases_after_the_verb_are_no_subject(sentence: str, verb: str) -> None:
    text = MOEIT_SAID + sentence
    statements = statements_for("ar", text)
    assert [(s.speaker, s.verb, s.content) for s in statements] == [
        ("محمد معيط", "قال", "العجز سينخفض"),
        ("محمد معيط", verb, "الدين سيتراجع"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقالت لجنة الانتخابات إن النتائج ستعلن غدا.", "لجنة الانتخابات"),
        ("وقالت الشرطة في بيان رسمي إن الحادث عرضي.", "الشرطة"),
        ("وقال أمس الجيش إن القافلة وصلت.", "الجيش"),
        ("وقالت والدتها إن الفتاة بخير.", "والدتها"),
        ("وقال مراسلنا إن الاشتباكات تجددت.", "مراسلنا"),
        ("وقال لوكالة رويترز مصدر مطلع إن المفاوضات توقفت.", "مصدر مطلع"),
        ("وقال بدوره المتحدث باسم الوزارة إن الطرق مغلقة.", "المتحدث باسم الوزارة"),
    ],
)
def test_arabic_subjects_written_after_the_verb(text: str, speaker: str) -> None:
    assert [s.speaker for s in statements_for("ar", text)] == [speaker]


# "وفقا لل...": after the glued "ل", "ل" is the article's ("للأمم" = "ل" + "الأمم"); a law, a
# plan or a constitution is no source.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وفقا للأمم المتحدة، نزح مليون شخص.",
            [("الأمم المتحدة", "وفقا ل", "نزح مليون شخص")],
        ),
        ("طبقا للقانون، يحق للموظف إجازة سنوية.", []),
        ("وفقا للخطة، ستفتتح المدرسة في مايو.", []),
        ("وفقا للدستور، تجرى الانتخابات كل أربع سنوات.", []),
    ],
)
def test_arabic_according_to_the_article_after_lam(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker, s.verb, s.content) for s in statements_for("ar", text)] == expected


# Time and discourse phrases ("В четверг", "На этой неделе", "В итоге", "В 2023 году") are no
# place whose people speak for a Russian plural verb; a place after them is ("В среду в
# Кремле заявили").
@pytest.mark.parametrize(
    "opening",
    [
        "В четверг заявили",
        "На днях сообщили",
        "В 2023 году сообщили",
        "На этой неделе сообщили",
        "В ответ заявили",
        "В итоге сообщили",
        "В конце концов сообщили",
        "Во вторник вечером сообщили",
    ],
)
def test_russian_times_are_no_impersonal_place(opening: str) -> None:
    assert statements_for("ru", f"{opening}, что налоги не вырастут.") == []


def test_russian_place_after_a_time() -> None:
    statements = statements_for("ru", "В среду в Кремле заявили, что налоги не вырастут.")
    assert [(s.speaker[:5], s.verb, s.content) for s in statements] == [
        ("Кремл", "заявили", "налоги не вырастут")
    ]


# A relative pronoun ("которая сообщила") is its antecedent, and the main clause before it is
# no part of what was said; a leading adverbial participle ("Отвечая на вопрос журналистов,")
# and an apposition after the speaker ("..., заместитель директора") are none either.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "27 декабря в полицию обратилась жительница Димитровграда, которая сообщила, что "
            "стала жертвой мошенников.",
            [("жительница Димитровграда", "сообщила", "стала жертвой мошенников")],
        ),
        (
            "Отвечая на вопрос журналистов, Дмитрий Песков заявил, что Кремль не комментирует "
            "слухи.",
            [("Дмитрий Песков", "заявил", "Кремль не комментирует слухи")],
        ),
        (
            "Выступая на форуме, президент сказал, что экономика растёт.",
            [("президент", "сказал", "экономика растёт")],
        ),
        (
            "Комментируя решение, министр заявил, что суд ошибся.",
            [("министр", "заявил", "суд ошибся")],
        ),
        (
            "Ситуация под контролем, — отметил Игорь Егоров, заместитель директора института.",
            [("Игорь Егоров", "отметил", "Ситуация под контролем")],
        ),
        (
            "Шествие, по словам источника, близкого к мэрии, начнётся в полдень.",
            [("источника, близкого к мэрии", "по словам", "Шествие начнётся в полдень")],
        ),
        (
            "Ситуация стабильна, заявил Егоров, заместитель директора института.",
            [("Егоров", "заявил", "Ситуация стабильна")],
        ),
        (
            "В полицию обратился Иван Петров, который сообщил, что у него украли машину.",
            [("Иван Петров", "сообщил", "у него украли машину")],
        ),
        # still an aside: dashes on both sides, or commas around an attribution
        (
            "Ситуация стабильна, — заявил Песков, — но мы следим.",
            [("Песков", "заявил", "Ситуация стабильна")],
        ),
        (
            "План, заявил Силуанов, обойдётся в 4 млрд рублей.",
            [("Силуанов", "заявил", "План обойдётся в 4 млрд рублей")],
        ),
    ],
)
def test_russian_relative_pronouns_participles_and_appositions(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker, s.verb, s.content) for s in statements_for("ru", text)] == expected


# Persian: "نوشت" inside "می‌نوشت" (he used to write) reports nothing; the pluperfect "اعلام
# کرده بود که" is one verb.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("او سال‌ها برای روزنامه اطلاعات مقاله می‌نوشت و در دانشگاه تدریس می‌کرد.", []),
        (
            "وزارت نیرو اعلام کرده بود که برق قطع نمی‌شود.",
            [("وزارت نیرو", "اعلام کرده بود", "برق قطع نمی‌شود")],
        ),
        (
            "رئیس جمهور در سفر به استان خوزستان گفت که دولت از کشاورزان حمایت می‌کند.",
            [("رئیس جمهور", "گفت", "دولت از کشاورزان حمایت می‌کند")],
        ),
    ],
)
def test_persian_imperfect_pluperfect_and_subject_before_a_phrase(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker, s.verb, s.content) for s in statements_for("fa", text)] == expected


# What a group believes is a clause ("that", "أن", "что", "که", a colon or a quotation, or an
# English clause with a verb); a noun or a preposition after the verb reports nothing.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Experts argue about the causes of inflation.", []),
        ("en", "Police say nothing about the motive.", []),
        ("en", "Residents say goodbye to the old bridge.", []),
        ("ar", "ويتوقع خبراء ارتفاع الأسعار.", []),
        ("ar", "ويتوقع خبراء ارتفاع الأسعار العام المقبل.", []),
        ("ru", "Врачи предупреждают о росте заболеваемости.", []),
        ("fa", "کارشناسان افزایش قیمت‌ها را پیش‌بینی می‌کنند.", []),
        ("fa", "ایران‌خودرو قیمت جدید محصولات خود را اعلام کرد.", []),
        ("en", "Experts predict a recession.", []),
        (
            "en",
            "Campaigners say the reforms go too far.",
            [("Campaigners", "say", "the reforms go too far")],
        ),
        (
            "fa",
            "کارشناسان اقتصادی معتقدند ادامه این روند به رکود منجر می‌شود.",
            [("کارشناسان اقتصادی", "معتقدند", "ادامه این روند به رکود منجر می‌شود")],
        ),
        ("en", "Police say nothing was stolen.", [("Police", "say", "nothing was stolen")]),
        (
            "en",
            "Officials say prices will rise next year.",
            [("Officials", "say", "prices will rise next year")],
        ),
        (
            "ru",
            "Врачи предупреждают, что заболеваемость вырастет.",
            [("Врачи", "предупреждают", "заболеваемость вырастет")],
        ),
    ],
)
def test_group_opinions_need_a_clause(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker, s.verb, s.content) for s in statements_for(lang, text)] == expected


# A subject as written has no adverbs ("Тогда", "сама", "always") and is no pronoun ("им",
# "Ее"); "признал" reports only a clause; "said nothing/little about" and "Nobody said" report
# nothing; a Persian subject ends before the phrase a preposition opens.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ru",
            "Тогда муж сообщил, что деньги пропали.",
            [("муж", "сообщил", "деньги пропали")],
        ),
        (
            "ru",
            "Хозяйка квартиры сама сообщила, что деньги пропали.",
            [("Хозяйка квартиры", "сообщила", "деньги пропали")],
        ),
        ("ru", "И вдруг им сообщили, что рейс отменён.", []),
        ("ru", "Ее признали виновной в мошенничестве.", []),
        ("ru", "Подозреваемый признал вину и раскаялся.", []),
        (
            "ru",
            "Подозреваемый признал, что украл деньги.",
            [("Подозреваемый", "признал", "украл деньги")],
        ),
        ("en", "Nobody said anything about the strike.", []),
        ("en", "Tuesday's data said little about wages.", []),
        (
            "en",
            "My mother always said that hard work pays off.",
            [("My mother", "said", "hard work pays off")],
        ),
    ],
)
def test_subjects_as_written_without_adverbs_or_pronouns(
    lang: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(s.speaker, s.verb, s.content) for s in statements_for(lang, text)] == expected


# An empty quotation is nothing said: no statement has a content without a letter or a digit.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "«», — заявил Песков."),
        ("ar", "«»، قال الوزير."),
        ("en", '"It is a lie," "" the minister said.'),
        ("en", '"..." the minister said.'),
    ],
)
def test_no_statement_without_content(lang: str, text: str) -> None:
    for statement in statements_for(lang, text):
        assert any(c.isalnum() for c in statement.content), statement
        assert statement.start < statement.end


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # Where and when, then a comma and the preposition the verb governs: the frame is no
        # part of what was said (the seed article's «وأشاد ... في هذا اللقاء، بالدعم»).
        ("وأشاد سعيد حسن في هذا اللقاء، بالدعم الذي تقدمه البلدية.",
         "بالدعم الذي تقدمه البلدية"),
        ("ودعا سعيد حسن في كلمته، إلى وقف إطلاق النار فورا.", "وقف إطلاق النار فورا"),
        ("وشدد سعيد حسن خلال المؤتمر، على ضرورة الحوار.", "ضرورة الحوار"),
        # Without the comma the phrase may be what was said: left as it was.
        ("وأشاد سعيد حسن بالدعم الذي تقدمه البلدية.", "بالدعم الذي تقدمه البلدية"),
    ],
)  # fmt: skip
def test_arabic_frame_before_the_governed_preposition_is_not_content(
    text: str, content: str
) -> None:
    [statement] = statements_for("ar", text)
    assert (statement.speaker, statement.content) == ("سعيد حسن", content)
    assert text[statement.start : statement.end] == content
