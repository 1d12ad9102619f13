"""The verification rule: a text that alters a fact-checked claim is never called its "match".

A text stating another number (value or magnitude) of the same quantity, another year, or the
opposite polarity is the same claim altered: highly relevant (the fact-check is what the desk
needs), but not the claim that was checked, so its decision is at most "suggest" and the
candidate says why. Its probability, and so the ranking, is left as the scorer gave it.
"""

from __future__ import annotations

import numpy as np
import pytest

from tabayyun.embed import FakeEmbedder
from tabayyun.matching import IndexedClaim, MatchEngine, Thresholds
from tabayyun.matching.conflicts import conflicts, facts, restates
from tabayyun.matching.engine import ALL_FEATURES, PROMOTE_WITHIN, Retrieval
from tabayyun.model import MatchConflict

AR_COST = "كلف الاتفاق أكثر من 40 مليار دولار منذ 1992"
FA_DAMS = "ذخایر سدهای مشهد تمام شده است"
FA_INFLATION = "مرکز آمار نرخ تورم آذرماه را ۴۹ درصد اعلام کرد"
FA_CROWD = "در راهپیمایی ۲ میلیون و ۵۰۰ هزار نفر شرکت کردند"
EN_BRIDGES = (
    "The government will spend £4.5 billion rebuilding flood-damaged bridges in northern England"
)
RU_SCHOOLS = "В Новгородской области закроют 27 школ"
EN_PRICES = "Bread prices rose by 7% in 2019"


def kinds(text: str, lang: str, claim: str, claim_lang: str) -> list[str]:
    return [c.kind for c in conflicts(facts(text, lang), facts(claim, claim_lang))]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "expected"),
    [
        # Another value of the same sum of money.
        (AR_COST.replace("40", "90"), "ar", AR_COST, "ar",
         MatchConflict("number", "90 مليار دولار", "40 مليار دولار")),
        # The same digits, another magnitude: million against billion.
        (AR_COST.replace("مليار", "مليون"), "ar", AR_COST, "ar",
         MatchConflict("number", "40 مليون دولار", "40 مليار دولار")),
        (EN_BRIDGES.replace("4.5 billion", "9 billion"), "en", EN_BRIDGES, "en",
         MatchConflict("number", "£9 billion", "£4.5 billion")),
        (EN_BRIDGES.replace("billion", "million"), "en", EN_BRIDGES, "en",
         MatchConflict("number", "£4.5 million", "£4.5 billion")),
        # Percentages, in Persian digits.
        (FA_INFLATION.replace("۴۹", "۲۹"), "fa", FA_INFLATION, "fa",
         MatchConflict("number", "۲۹ درصد", "۴۹ درصد")),
        # "3 million and 500 thousand" is one number, 3.5 million, not 3 million and 500,000.
        (FA_CROWD.replace("۲", "۳"), "fa", FA_CROWD, "fa",
         MatchConflict("number", "۳ میلیون و ۵۰۰ هزار نفر", "۲ میلیون و ۵۰۰ هزار نفر")),
        # Bare counts of the same thing: 2 schools are not 27 schools.
        ("В Новгородской области закроют 2 школы", "ru", RU_SCHOOLS, "ru",
         MatchConflict("number", "2 школы", "27 школ")),
        # Across languages and scripts: Arabic text, English claim.
        ("الحكومة ستنفق 9 مليارات جنيه إسترليني لإعادة بناء الجسور", "ar", EN_BRIDGES, "en",
         MatchConflict("number", "9 مليارات جنيه إسترليني", "£4.5 billion")),
        # Another year.
        (EN_PRICES.replace("2019", "2021"), "en", EN_PRICES, "en",
         MatchConflict("year", "2021", "2019")),
        ("ارتفعت أسعار الخبز 7% عام 2021", "ar", EN_PRICES, "en",
         MatchConflict("year", "2021", "2019")),
        # The opposite polarity.
        ("لم يكلف الاتفاق أكثر من 40 مليار دولار منذ 1992", "ar", AR_COST, "ar",
         MatchConflict("negation", "لم يكلف", "كلف")),
        ("ذخایر سدهای مشهد تمام نشده است", "fa", FA_DAMS, "fa",
         MatchConflict("negation", "نشده", "شده")),
        ("The government will not spend £4.5 billion rebuilding bridges", "en", EN_BRIDGES, "en",
         MatchConflict("negation", "not spend", "spend")),
        ("The government won't spend £4.5 billion rebuilding bridges", "en", EN_BRIDGES, "en",
         MatchConflict("negation", "won't spend", "spend")),
        ("В Новгородской области не закроют 27 школ", "ru", RU_SCHOOLS, "ru",
         MatchConflict("negation", "не закроют", "закроют")),
        # The claim negated, the text not.
        (FA_DAMS, "fa", "ذخایر سدهای مشهد تمام نشده است", "fa",
         MatchConflict("negation", "شده", "نشده")),
    ],
)  # fmt: skip
def test_an_altered_fact_conflicts(
    text: str, lang: str, claim: str, claim_lang: str, expected: MatchConflict
) -> None:
    assert conflicts(facts(text, lang), facts(claim, claim_lang)) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # A negation of something the claim does not say: "won't be able to own a car" and
        # "prohibit people who owned cars", "DO NOT DOWNLOAD" and "a covert tool".
        ("In Alabama you won't be able to own a car & get food stamps", "en",
         "A bill would prohibit people who owned cars from receiving food stamps", "en"),
        ("DOWN TO LUNCH IS A SEX TRAFFICKING APP DO NOT DOWNLOAD", "en",
         "The app Down to Lunch is a covert tool for human trafficking.", "en"),
        # Words that negate a noun or rate a claim: "no birth certificate", "FALSE:".
        ("Illinois GOP bill: no birth certificate without the father", "en",
         "Lawmakers in Illinois proposed a bill to prevent single mothers from obtaining birth "
         "certificates", "en"),
        ("George Zimmerman found dead", "en", "FALSE: George Zimmerman was found dead", "en"),
        # "won" is a verb, not half of "won't".
        ("Bernie Sanders won Nevada", "en", "Bernie Sanders did win the state of Nevada", "en"),
        # A word negated in another statement than the other side's: "aren't Trump fans" and
        # "Trump's retweeted photo"; "shouldn't honor US military" and "a holiday honoring".
        ("Trump's retweeted photo of supporters was lifted from a TV station", "en",
         "Donald Trump retweeted a photograph of black supporters of his campaign, even though "
         "the depicted people aren't Trump fans", "en"),
        ("CAIR thinks we shouldn't honor US military on Memorial Day", "en",
         "CAIR wants to cancel Memorial Day and replace it with a holiday honoring terrorists",
         "en"),
        ("not retweeting it, but Trump retweeted a drawing of himself in a gas chamber", "en",
         "Donald Trump tweeted an image in which he placed Bernie Sanders into a gas chamber",
         "en"),
        # A side that states the word as well as denying it: "did not come down in Mecca but
        # came down in Istanbul".
        ("سورة الفتح لم تنزل في فتح مكة بل نزلت في فتح اسطنبول", "ar",
         "أردوغان يقول إن سورة الفتح نزلت أثناء فتح القسطنطينية وليس عند فتح مكة", "ar"),
        # Both sides deny the same word.
        ("ذخایر سدهای مشهد تمام نشده است", "fa", "ذخایر سدهای مشهد هنوز تمام نشده است", "fa"),
        # Across languages no word is shared: a negation in a translated text is not read
        # against the claim (on the dev splits it was almost always the same claim).
        ("Правительство не потратит £4,5 млрд на ремонт мостов", "ru", EN_BRIDGES, "en"),
    ],
)  # fmt: skip
def test_a_negation_of_something_else_does_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert kinds(text, lang, claim, claim_lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # The same number in Arabic-Indic, Persian or ASCII digits, words or symbols.
        ("كلف الاتفاق أكثر من ٤٠ مليار دولار منذ ١٩٩٢", "ar", AR_COST, "ar"),
        ("این توافق بیش از ۴۰ میلیارد دلار از ۱۹۹۲ هزینه داشته است", "fa", AR_COST, "ar"),
        ("The deal has cost more than $40bn since 1992", "en", AR_COST, "ar"),
        ("The deal has cost more than 40 billion dollars since 1992", "en", AR_COST, "ar"),
        ("Соглашение обошлось более чем в 40 млрд долларов с 1992 года", "ru", AR_COST, "ar"),
        ("Правительство потратит £4,5 млрд на ремонт мостов", "ru", EN_BRIDGES, "en"),
        # An extra, unrelated number or year in the text.
        (AR_COST + "، أي 3 دولارات لكل مواطن", "ar", AR_COST, "ar"),
        ("In 2020 the minister said the deal had cost $40 billion since 1992", "en", AR_COST, "ar"),
        (EN_BRIDGES + ", with 5 new bridges ready in 2 years", "en", EN_BRIDGES, "en"),
        # A bare number that counts something else than the claim's: districts, not schools.
        ("В 2 районах Новгородской области закроют школы", "ru", RU_SCHOOLS, "ru"),
        # Another currency is another quantity, not a wrong one.
        ("كلف الاتفاق أكثر من 90 مليار يورو منذ 1992", "ar", AR_COST, "ar"),
        # A rounded figure.
        ("The deal has cost about $39.6 billion since 1992", "en", AR_COST, "ar"),
        # Only one side states a number or a year.
        ("The deal has cost billions since the nineties", "en", AR_COST, "ar"),
        (FA_DAMS, "fa", FA_DAMS, "fa"),
    ],
)
def test_the_same_facts_written_otherwise_do_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert kinds(text, lang, claim, claim_lang) == []


CLAIMS = [
    IndexedClaim("ar-cost", AR_COST, lang="ar"),
    IndexedClaim("fa-dams", FA_DAMS, lang="fa"),
    IndexedClaim("fa-inflation", FA_INFLATION, lang="fa"),
    IndexedClaim("en-bridges", EN_BRIDGES, lang="en"),
    IndexedClaim("en-prices", EN_PRICES, lang="en"),
    IndexedClaim("ru-schools", RU_SCHOOLS, lang="ru"),
    IndexedClaim("en-frog", "Scientists found a new species of frog in the Amazon.", lang="en"),
    # A title stating the verdict: the rule reads the claim alone.
    IndexedClaim(
        "ar-airport",
        "صورة لمطار فرانكفورت في ألمانيا يشبه ساعة رولكس",
        title="الصورة ليست لمطار فرانكفورت - خبر زائف",
        lang="ar",
    ),
]


@pytest.fixture(scope="module")
def always() -> MatchEngine:
    """Every candidate scores a "match" by the thresholds: what is left is the rule."""
    return MatchEngine.build(CLAIMS, FakeEmbedder(), thresholds={"default": Thresholds(0, 0)})


ALTERED = [
    (AR_COST.replace("40", "90"), "ar", "ar-cost", "number"),
    (AR_COST.replace("مليار", "مليون"), "ar", "ar-cost", "number"),
    ("لم يكلف الاتفاق أكثر من 40 مليار دولار منذ 1992", "ar", "ar-cost", "negation"),
    ("ذخایر سدهای مشهد تمام نشده است", "fa", "fa-dams", "negation"),
    (FA_INFLATION.replace("۴۹", "۲۹"), "fa", "fa-inflation", "number"),
    (EN_BRIDGES.replace("4.5 billion", "9 billion"), "en", "en-bridges", "number"),
    (EN_BRIDGES.replace("billion", "million"), "en", "en-bridges", "number"),
    (EN_PRICES.replace("2019", "2021"), "en", "en-prices", "year"),
    ("В Новгородской области закроют 2 школы", "ru", "ru-schools", "number"),
    ("В Новгородской области не закроют 27 школ", "ru", "ru-schools", "negation"),
]


@pytest.mark.parametrize(("text", "lang", "key", "kind"), ALTERED)
def test_an_altered_claim_is_suggested_not_matched_and_says_why(
    always: MatchEngine, text: str, lang: str, key: str, kind: str
) -> None:
    found = always.match(text, lang=lang, k=len(CLAIMS))
    altered = next(c for c in found if c.claim.id == key)
    assert altered.decision == "suggest"
    assert [c.kind for c in altered.conflicts] == [kind]
    # The probabilities are the scorer's, untouched by the rule.
    retrieval = always.retrieve(text, lang=lang)
    where = {always.records[p].id: i for i, p in enumerate(retrieval.positions)}
    assert [c.final for c in found] == [float(retrieval.final[where[c.claim.id]]) for c in found]


def _retrieval(engine: MatchEngine, scored: dict[str, float], lang: str) -> Retrieval:
    """A retrieval whose candidates are `scored` (claim id: probability), for ordering tests."""
    ids = [r.id for r in engine.records]
    positions = np.asarray([ids.index(key) for key in scored], dtype=np.int64)
    zeros = np.zeros(len(scored))
    return Retrieval(
        lang=lang,
        positions=positions,
        features=np.zeros((len(scored), len(ALL_FEATURES))),
        dense=zeros,
        bm25=zeros,
        fused=zeros,
        final=np.asarray(list(scored.values())),
    )


BRIDGES_9 = EN_BRIDGES.replace("4.5 billion", "9 billion")


@pytest.mark.parametrize(
    ("twin", "expected"),
    [
        # The claim the text alters goes right after the claim that states its altered fact
        # as the text does (decided "suggest", at most PROMOTE_WITHIN under it); a claim about
        # something else (en-prices) keeps its place, and is never what the altered claim
        # goes after.
        (0.80, ["en-bridges-9", "en-bridges", "en-prices", "en-frog"]),
        (0.96 - PROMOTE_WITHIN, ["en-prices", "en-bridges-9", "en-bridges", "en-frog"]),
        # Further under it, or under the "suggest" cut, the scorer's order stands.
        (0.94 - PROMOTE_WITHIN, ["en-bridges", "en-prices", "en-bridges-9", "en-frog"]),
        (0.60, ["en-bridges", "en-prices", "en-bridges-9", "en-frog"]),
    ],
)
def test_a_claim_the_text_states_ranks_before_its_altered_twin(
    twin: float, expected: list[str]
) -> None:
    claims = [*CLAIMS, IndexedClaim("en-bridges-9", BRIDGES_9, lang="en")]
    engine = MatchEngine.build(
        claims, FakeEmbedder(), thresholds={"default": Thresholds(0.62, 0.9)}
    )
    scored = {"en-bridges": 0.95, "en-prices": 0.7, "en-bridges-9": twin, "en-frog": 0.5}
    if twin > 0.7:
        scored = {"en-bridges": 0.95, "en-bridges-9": twin, "en-prices": 0.7, "en-frog": 0.5}
    found = _retrieval(engine, scored, "en")
    ranked = engine.verified(found, BRIDGES_9, 4)
    assert [engine.records[p].id for p, _, _ in ranked] == expected
    decisions = {engine.records[p].id: (decision, bool(c)) for p, decision, c in ranked}
    assert decisions["en-bridges"] == ("suggest", True)
    assert engine.ranked(found, BRIDGES_9, 4) == [p for p, _, _ in ranked]


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        (AR_COST, "ar", "ar-cost"),
        ("كلف الاتفاق أكثر من ٤٠ مليار دولار منذ ١٩٩٢", "ar", "ar-cost"),
        (FA_DAMS, "fa", "fa-dams"),
        (EN_BRIDGES, "en", "en-bridges"),
        (EN_BRIDGES + ", with 5 new bridges ready in 2 years", "en", "en-bridges"),
        (RU_SCHOOLS, "ru", "ru-schools"),
        ("مطار فرانكفورت في ألمانيا يشبه ساعة رولكس", "ar", "ar-airport"),
    ],
)
def test_the_same_claim_still_matches(always: MatchEngine, text: str, lang: str, key: str) -> None:
    best = always.match(text, lang=lang, k=1)[0]
    assert best.claim.id == key
    assert best.decision == "match" and best.conflicts == []


def test_conflicts_are_listed_whatever_the_decision() -> None:
    never = MatchEngine.build(CLAIMS, FakeEmbedder(), thresholds={"default": Thresholds(2, 2)})
    best = never.match(AR_COST.replace("40", "90"), lang="ar", k=1)[0]
    assert best.decision is None
    assert best.conflicts == [MatchConflict("number", "90 مليار دولار", "40 مليار دولار")]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "expected"),
    [
        # One value in another unit of the same kind: the unit was altered.
        ("The new wall is 5 km long", "en", "The new wall is 5 miles long", "en",
         MatchConflict("number", "5 km", "5 miles")),
        ("طول الجدار الجديد 5 كيلومترات", "ar", "طول الجدار الجديد 5 أمتار", "ar",
         MatchConflict("number", "5 كيلومترات", "5 أمتار")),
        ("Стена длиной 5 км", "ru", "The new wall is 5 miles long", "en",
         MatchConflict("number", "5 км", "5 miles")),
        # Another value in the same unit.
        ("طول الجدار الجديد 8 كيلومترات", "ar", "طول الجدار الجديد 5 كيلومترات", "ar",
         MatchConflict("number", "8 كيلومترات", "5 كيلومترات")),
        # Persian تن before a verb of casualty counts persons: 7 persons are not 5.
        ("در این حادثه ۷ نفر کشته شدند", "fa", "در این حادثه ۵ تن کشته شدند", "fa",
         MatchConflict("number", "۷ نفر", "۵ تن")),
        # Number words are read as values: English and Russian ones too.
        ("Three million people fled the war", "en", "3.5 million people fled the war", "en",
         MatchConflict("number", "Three million people", "3.5 million people")),
        ("Войну покинули два миллиона человек", "ru", "3.5 million people fled the war", "en",
         MatchConflict("number", "два миллиона человек", "3.5 million people")),
        # One amount in parts joined by "and" (numbers.py reads it whole): 2.5 million.
        ("2 million and 500 thousand people fled the war", "en",
         "3.5 million people fled the war", "en",
         MatchConflict("number", "2 million and 500 thousand people", "3.5 million people")),
        # Durations, across languages and in words: 30 days are not 90, 8 hours not 4.
        ("أي هاتف لا يُسجَّل خلال 30 يومًا سيتم حظره", "ar",
         "Unregistered phones will be blocked within 90 days", "en",
         MatchConflict("number", "30 يومًا", "90 days")),
        ("Свет будут отключать на восемь часов в день", "ru",
         "قطع الكهرباء أربع ساعات يوميا", "ar",
         MatchConflict("number", "восемь часов", "أربع ساعات")),
        ("The winter holiday was extended by one week", "en",
         "تمديد العطلة الشتوية أسبوعين", "ar",
         MatchConflict("number", "one week", "أسبوعين")),
        # One change of the same amount, up on one side and down on the other.
        ("أعلنت الشركة رفع سعر البنزين بنسبة 50 بالمئة", "ar",
         "Компания объявила, что цена на бензин снизится на 50 процентов", "ru",
         MatchConflict("number", "رفع 50 بالمئة", "снизится 50 процентов")),
        ("Petrol prices will go up by 50 percent on Friday", "en",
         "قیمت بنزین از جمعه ۵۰ درصد کاهش می‌یابد", "fa",
         MatchConflict("number", "go up 50 percent", "کاهش ۵۰ درصد")),
        # A count, not a year: "2000 troops" against "1500 troops", both in 2015.
        ("Russia sent 2000 troops to Syria in 2015", "en",
         "Russia sent 1500 troops to Syria in 2015", "en",
         MatchConflict("number", "2000 troops", "1500 troops")),
    ],
)  # fmt: skip
def test_units_words_and_counts_conflict(
    text: str, lang: str, claim: str, claim_lang: str, expected: MatchConflict
) -> None:
    assert conflicts(facts(text, lang), facts(claim, claim_lang)) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # Two units, two values: the same length converted.
        ("The new wall is 5 miles long", "en", "The new wall is 8 km long", "en"),
        ("The new wall is 5 miles (8 km) long", "en", "The new wall is 8 km long", "en"),
        # Units of two kinds: a length and a mass.
        ("A 5 km convoy carried aid", "en", "A convoy carried 5 tonnes of aid", "en"),
        # The same amount in words and digits, in any of the four languages.
        ("The deal has cost more than forty billion dollars since 1992", "en", AR_COST, "ar"),
        ("Three and a half million people fled the war", "en",
         "3.5 million people fled the war", "en"),
        ("3 million and 500 thousand people fled the war", "en",
         "3.5 million people fled the war", "en"),
        ("Войну покинули три с половиной миллиона человек", "ru",
         "3.5 million people fled the war", "en"),
        ("Войну покинули 3 млн и 500 тыс. человек", "ru", "3.5 million people fled the war", "en"),
        # The same duration in words, digits or a dual; two weeks are 14 days converted.
        ("The winter holiday was extended by two weeks", "en",
         "تمديد العطلة الشتوية أسبوعين", "ar"),
        ("Свет будут отключать на 4 часа в день", "ru", "قطع الكهرباء أربع ساعات يوميا", "ar"),
        ("The holiday was extended by 14 days", "en",
         "The holiday was extended by two weeks", "en"),
        # A change read one way on both sides, or both ways on one side, or of another amount.
        ("Prices rose by 5%", "en", "Цены выросли на 5%", "ru"),
        ("Prices rose by 5% after taxes fell", "en", "Prices fell by 5%", "en"),
        ("He added that prices rose by 5%", "en", "Prices rose by 5 percent", "en"),
        # Persian تن of persons agrees with نفر.
        ("در این حادثه ۵ نفر کشته شدند", "fa", "در این حادثه ۵ تن کشته شدند", "fa"),
        # "2000 troops" is no year, so no other year than the claim's 2015.
        ("Russia sent 2000 troops to Syria", "en", "Russia sent troops to Syria in 2015", "en"),
    ],
)  # fmt: skip
def test_units_words_and_counts_that_agree_do_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert kinds(text, lang, claim, claim_lang) == []


EN_BAN = "Kesmara city council banned motorcycles from the city centre from 1 March"
RU_ALLOW = "Мэрия Кесмары с 1 марта разрешила мотоциклам въезд в центр города"
AR_BAN = "قررت بلدية كسمارة حظر دخول الدراجات النارية إلى وسط المدينة"


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "expected"),
    [
        # Banned against allowed, across two languages and within one.
        (EN_BAN, "en", RU_ALLOW, "ru", MatchConflict("action", "banned", "разрешила")),
        ("بلدية كسمارة تسمح للدراجات النارية بدخول وسط المدينة", "ar", AR_BAN, "ar",
         MatchConflict("action", "تسمح", "حظر")),
        # A denied permission is a ban, an undone ban a permission.
        ("Motorcycles will not be allowed in the centre of Kesmara", "en", RU_ALLOW, "ru",
         MatchConflict("action", "not allowed", "разрешила")),
        ("از اول مارس موتورسیکلت‌ها اجازه‌ی ورود به مرکز کسماره را ندارند", "fa", RU_ALLOW, "ru",
         MatchConflict("action", "اجازهی ندارند", "разрешила")),
        ("Мэрия Кесмары сняла запрет на въезд мотоциклов в центр", "ru", AR_BAN, "ar",
         MatchConflict("action", "сняла запрет", "حظر")),
        ("رفعت البلدية الحظر عن الدراجات النارية في كسمارة", "ar", EN_BAN, "en",
         MatchConflict("action", "رفعت الحظر", "banned")),
        # Opened against closed, and "refused to open".
        ("The Halden bridge reopened to traffic on Monday", "en",
         "Мост в Халдене закрыли для движения в понедельник", "ru",
         MatchConflict("action", "reopened", "закрыли")),
        ("تونس ترفض فتح المعابر الحدودية مع ليبيا", "ar",
         "Tunisia opened its border crossings with Libya", "en",
         MatchConflict("action", "ترفض فتح", "opened")),
    ],
)  # fmt: skip
def test_an_opposite_action_conflicts(
    text: str, lang: str, claim: str, claim_lang: str, expected: MatchConflict
) -> None:
    assert conflicts(facts(text, lang), facts(claim, claim_lang)) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # The same action in other words: a lifted ban is a permission, a denied one a ban.
        ("Kesmara lifted the ban on motorcycles in the city centre", "en", RU_ALLOW, "ru"),
        ("The ban on motorcycles in Kesmara's centre was lifted", "en", RU_ALLOW, "ru"),
        ("Запрет на въезд мотоциклов в центр Кесмары отменён", "ru",
         EN_BAN.replace("banned", "allowed"), "en"),
        ("Мотоциклам больше не разрешат въезжать в центр Кесмары", "ru", EN_BAN, "en"),
        ("ورود موتورسیکلت به مرکز کسماره ممنوع شد", "fa", AR_BAN, "ar"),
        ("الدراجات النارية غير مسموح بها في وسط كسمارة", "ar", EN_BAN, "en"),
        # An undoing word after the action is its object in Arabic: banning the call to prayer.
        ("السلطات تنوي منع رفع الأذان عبر مكبرات الصوت", "ar",
         "السلطات منعت الأذان عبر مكبرات الصوت", "ar"),
        # A text that says both ("banned, then allowed") reads no one way.
        ("The city banned motorcycles in March and allowed them again in May", "en",
         RU_ALLOW, "ru"),
        # Words that only look like the actions: "close to", "passed away".
        ("Unemployment stayed close to 5% as the minister passed away", "en",
         "Безработица, по данным министерства, открыто растёт", "ru"),
    ],
)  # fmt: skip
def test_the_same_action_or_none_does_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert "action" not in kinds(text, lang, claim, claim_lang)


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "expected"),
    [
        # Another day of a month, across languages and spellings.
        ("بلدية ساحل المرجان تقطع المياه عن المنازل حتى الأول من ديسمبر", "ar",
         "Sahil al-Murjan will cut off water to homes by 1 September", "en",
         MatchConflict("date", "الأول من ديسمبر", "1 September")),
        ("شهرداری تا اول مارس آب را قطع می‌کند", "fa",
         "Муниципалитет отключит воду до 1 сентября", "ru",
         MatchConflict("date", "اول مارس", "1 сентября")),
        # Another day of the week, with plural and case endings.
        ("مديرية التربية تضيف يوم الأحد إلى العطلة الأسبوعية للمدارس", "ar",
         "اداره‌ی آموزش‌وپرورش پنجشنبه‌ها را به تعطیلی هفتگی مدارس اضافه کرد", "fa",
         MatchConflict("date", "الاحد", "پنجشنبهها")),
        ("Школы Рябиновска будут закрыты по средам", "ru",
         "Ryabinovsk schools will close on Thursdays", "en",
         MatchConflict("date", "средам", "thursdays")),
    ],
)  # fmt: skip
def test_another_day_conflicts(
    text: str, lang: str, claim: str, claim_lang: str, expected: MatchConflict
) -> None:
    assert conflicts(facts(text, lang), facts(claim, claim_lang)) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # The same day written otherwise, or a day only one side names.
        ("The deadline is September 1st", "en", "Крайний срок: 1 сентября", "ru"),
        ("المهلة حتى الأول من سبتمبر", "ar", "Deadline: 1 September", "en"),
        ("Schools close on Thursday, 1 September", "en", "Schools close on Thursdays", "en"),
        # Days in two calendars are not compared: 15 Khordad is 5 June.
        ("مدارس از ۱۵ خرداد تعطیل می‌شوند", "fa", "Schools close on 1 June", "en"),
        # Words that only look like days: the modal "may", an environment, «الواحد الأحد».
        ("Prices 5 may rise on Monday", "en", "Цены вырастут 5 мая", "ru"),
        ("Защита окружающей среды в пятницу", "ru", "Environmental protection on Friday", "en"),
        ("الله الواحد الأحد يوم الجمعة", "ar", "God on Friday", "en"),
    ],
)  # fmt: skip
def test_the_same_day_or_none_does_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert "date" not in kinds(text, lang, claim, claim_lang)


# Cases from a review of the rule on constructed and real text (30 Nov).
@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # A denied undoing is no undoing.
        ("لم يتم رفع الحظر عن تطبيق تيك توك في الهند", "ar", "India banned TikTok", "en"),
        ("The ban on TikTok in India has not been lifted", "en", "Индия запретила TikTok", "ru"),
        ("India refused to lift the ban on TikTok", "en", "الهند تحظر تطبيق تيك توك", "ar"),
        ("Запрет на TikTok в Индии не будет снят", "ru", "India banned TikTok", "en"),
        # "until the end" undoes nothing; "not only" denies nothing.
        ("Schools will remain closed until end of April", "en", "Школы закрыты до конца апреля",
         "ru"),
        ("India not only banned TikTok but also 58 other apps", "en", "Индия запретила TikTok",
         "ru"),
        # Nominal denials, and undoing further away.
        ("قرار بعدم السماح للنساء بدخول الملاعب", "ar", "Iran bans women from stadiums", "en"),
        ("ورود زنان به ورزشگاه در ایران غیر مجاز است", "fa", "Iran bans women from stadiums",
         "en"),
        ("Saudi Arabia lifted the driving ban for women", "en",
         "السعودية تسمح للمرأة بقيادة السيارة", "ar"),
        ("ایران ممنوعیت ورود زنان به ورزشگاه را لغو کرد", "fa", "Iran allowed women into stadiums",
         "en"),
        ("Officials said Iran's ban on women in stadiums, in place since 1981, was lifted", "en",
         "Iran allowed women into stadiums", "en"),
        # Everyday words: a withdrawal, to withdraw, "brief", "among", "one day", a day in two
        # Persian words, a range of days.
        ("ممنوعیت برداشت پول از بانک‌ها اعلام شد", "fa", "Banks banned cash withdrawals", "en"),
        ("Запрещено снимать деньги в банкоматах", "ru", "Banks banned cash withdrawals", "en"),
        ("البنوك تمنع السحب النقدي لفترة وجيزة", "ar", "Banks banned cash withdrawals", "en"),
        ("Среди погибших есть дети", "ru", "Children died in the attack on Friday", "en"),
        ("تم تسجيل 500 إصابة في يوم واحد", "ar", "500 cases recorded on Monday", "en"),
        ("حمله سه شنبه اتفاق افتاد", "fa", "The attack happened on Tuesday", "en"),
        ("The festival runs from March 1 to 15", "en", "Фестиваль пройдет с 1 по 15 марта", "ru"),
    ],
)  # fmt: skip
def test_reviewed_same_claims_do_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert not {"action", "date"} & set(kinds(text, lang, claim, claim_lang))


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "kind"),
    [
        ("Jordan refused to open the crossing", "en", "Иордания открыла переход", "ru", "action"),
        ("أعلنت الحكومة الإغلاق الكامل للمدارس", "ar", "The government reopened schools", "en",
         "action"),
        ("The ministry denied banning TikTok", "en", "Министерство запретило TikTok", "ru",
         "action"),
        ("Vote on Saturday", "en", "التصويت يوم الأحد", "ar", "date"),
    ],
)  # fmt: skip
def test_reviewed_altered_claims_conflict(
    text: str, lang: str, claim: str, claim_lang: str, kind: str
) -> None:
    assert [c.kind for c in conflicts(facts(text, lang), facts(claim, claim_lang))] == [kind]


def test_a_twin_restates_only_what_the_text_alters() -> None:
    """A candidate sharing another of the text's facts (a day, a year) is no twin."""
    text = facts("Schools in Lebanon closed on 1 September", "en")
    claim = facts("Schools in Lebanon reopened", "en")
    assert not restates(text, claim, facts("Lebanese exams start on 1 September", "en"))
    assert restates(text, claim, facts("Lebanon closed its schools", "en"))


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "differs"),
    [
        # Lengths of time and of things in two units, converted (30 Nov).
        ("licence suspended for two years", "en", "лишат прав на три месяца", "ru", True),
        ("only 5 cm of snow", "en", "80 cm of snow", "en", True),
        ("suspended for 2 weeks", "en", "suspended for 14 days", "en", False),
        ("one month", "en", "four weeks", "en", False),
        ("5 miles", "en", "8 km", "en", False),
    ],
)  # fmt: skip
def test_units_of_one_kind_are_compared_converted(
    text: str, lang: str, claim: str, claim_lang: str, differs: bool
) -> None:
    assert ("number" in kinds(text, lang, claim, claim_lang)) is differs


def test_counts_in_number_words_conflict_with_counts_in_digits() -> None:
    """ "Fifty guests" is another count of guests than "35 guests"; "thirty-five" the same."""
    claim = facts("35 guests were taken to hospital after the wedding", "en")
    found = conflicts(facts("Fifty guests were taken to hospital", "en"), claim)
    assert found == [MatchConflict("number", "Fifty guests", "35 guests")]
    assert conflicts(facts("Thirty-five guests were taken to hospital", "en"), claim) == []


# Cases from a review of the number readings (30 Nov).
@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        # An age is no length of time.
        ("A 35-year-old man was jailed for ten years.", "en",
         "Мужчину 35 лет приговорили к десяти годам.", "ru"),
        ("A 12-year-old girl has been missing for two weeks.", "en",
         "A girl, 12 years old, has been missing for a fortnight.", "en"),
        # Lengths of time in parts.
        ("He served 4 years and 6 months.", "en", "He served four and a half years.", "en"),
        ("او به دو سال و نیم زندان محکوم شد", "fa", "He was jailed for two and a half years", "en"),
        # Ranges and bounds.
        ("He was sentenced to 5 to 7 years", "en", "He was sentenced to six years", "en"),
        ("More than 30 people were killed", "en", "35 people were killed", "en"),
        ("مقتل أكثر من 30 شخصا", "ar", "مقتل 35 شخصا", "ar"),
        ("Погибли более 30 человек.", "ru", "Погибли 35 человек.", "ru"),
        # A partitive count, and a count whose next word is no noun.
        ("Two of the three suspects were arrested.", "en", "2 suspects were arrested.", "en"),
        # Long lengths of time rounded to tens; dates before «года».
        ("منذ 528 عاما على سقوط غرناطة", "ar", "بعد 500 عام على سقوط الأندلس", "ar"),
        ("Закон 2020 года действует 2 года.", "ru",
         "Закон, принятый в 2020 году, действует два года.", "ru"),
    ],
)  # fmt: skip
def test_reviewed_numbers_of_the_same_claim_do_not_conflict(
    text: str, lang: str, claim: str, claim_lang: str
) -> None:
    assert "number" not in kinds(text, lang, claim, claim_lang)


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang"),
    [
        ("More than 30 people were killed", "en", "20 people were killed", "en"),
        ("كلف الاتفاق أكثر من 90 مليار دولار", "ar", "كلف الاتفاق أكثر من 40 مليار دولار", "ar"),
        ("He was jailed for 10 years", "en", "He was jailed for 11 years", "en"),
        ("к трём годам", "ru", "jailed for eight years", "en"),
        ("السجن لمدة سنتين", "ar", "السجن لمدة 5 سنوات", "ar"),
    ],
)  # fmt: skip
def test_reviewed_other_numbers_conflict(text: str, lang: str, claim: str, claim_lang: str) -> None:
    assert kinds(text, lang, claim, claim_lang) == ["number"]


@pytest.mark.parametrize(
    ("text", "lang", "claim", "claim_lang", "expected"),
    [
        # One count on each side, in two scripts: the same thing counted otherwise.
        ("Seven schools were closed.", "en", "Закрыли три школы.", "ru",
         [MatchConflict("number", "Seven schools", "три школы")]),
        ("Seven schools were closed.", "en", "Закрыли семь школ.", "ru", []),
        # A Persian age is no count: «کودک پنج ساله», a five-year-old.
        ("تجاوز به یک کودک پنج ساله", "fa", "Three refugees attacked a 5-year-old girl", "en", []),
        # Two counts on one side: which is which is unknown.
        ("Seven schools and two hospitals were closed.", "en", "Закрыли три школы.", "ru", []),
    ],
)  # fmt: skip
def test_lone_counts_in_two_scripts(
    text: str, lang: str, claim: str, claim_lang: str, expected: list[MatchConflict]
) -> None:
    found = conflicts(facts(text, lang), facts(claim, claim_lang))
    assert [c for c in found if c.kind == "number"] == expected


def test_a_persian_weekday_in_two_words_is_no_count() -> None:
    """«سه شنبه» is Tuesday, not three Saturdays: a date conflict, no number one."""
    found = conflicts(
        facts("مدارس سه شنبه تعطیل است", "fa"), facts("مدارس پنج شنبه تعطیل است", "fa")
    )
    assert [c.kind for c in found] == ["date"]
