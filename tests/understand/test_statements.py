"""Who said what: the seed article (Arabic) and the project fixtures (Persian, Russian, English)."""

from __future__ import annotations

import pytest

from tabayyun.errors import PipelineError
from tabayyun.model import Statement
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
    statements = statements_for(lang, text)
    assert [(s.speaker, s.verb, s.content) for s in statements] == expected
    for statement in statements:
        assert text[statement.start : statement.end] == statement.content
