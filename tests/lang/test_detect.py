"""Language identification on news-like headlines and sentences, short ones included."""

from __future__ import annotations

import time

import pytest

from tabayyun.errors import ConfigError
from tabayyun.lang.detect import detect_language

SAMPLES: dict[str, list[str]] = {
    "ar": [
        "إيران تستضيف 200 ضيف أجنبي في منتدى حوار طهران",
        "التقى مساعد وزير الثقافة المتحدثة الرسمية باسم وزارة الخارجية الروسية",
        "زاخاروفا: روسيا تنظر بجدية إلى التعاون الإعلامي مع إيران",
        "ارتفاع أسعار النفط بنسبة 3% بعد قرار أوبك",
        "الرئيس يصل إلى موسكو",
        "مقتل 12 شخصا في انفجار بالعاصمة",
        "قال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل في جنيف.",
        "أعلنت وزارة الصحة عن تسجيل 450 إصابة جديدة خلال الساعات الـ24 الماضية.",
        "الجيش ينفي سقوط طائرة مسيرة",
        "هل ستنجح الوساطة القطرية في وقف إطلاق النار؟",
        "وأكد الوزير أن الحكومة لن تتراجع عن خطة الإصلاح الاقتصادي",
        "البنك المركزي يرفع سعر الفائدة إلى 27.25 بالمئة",
        "مصدر دبلوماسي: لا اتفاق حتى الآن بشأن تبادل الأسرى",
        "وزير الخارجية الإيراني يلتقي نظيره الروسي في طهران",
        "اختتام أعمال القمة العربية في البحرين",
        "الأمم المتحدة تحذر من مجاعة وشيكة في غزة",
        "تظاهرات حاشدة في باريس احتجاجا على قانون التقاعد",
        "نفى مكتب رئيس الوزراء صحة الصور المتداولة على مواقع التواصل الاجتماعي",
        "سعر الدولار اليوم في السوق السوداء",
        "انطلاق معرض الكتاب الدولي بمشاركة ٣٠ دولة",
        "وفد برلماني عراقي يزور دمشق",
        "هذه هي الحقيقة الكاملة",
    ],
    "fa": [
        "رئیس‌جمهور امروز به مسکو سفر کرد",
        "سخنگوی وزارت امور خارجه گفت مذاکرات هفته آینده ادامه خواهد یافت.",
        "قیمت دلار در بازار آزاد به ۶۰ هزار تومان رسید",
        "زلزله ۵.۲ ریشتری کرمان را لرزاند",
        "وزیر خارجه ایران با همتای روسی خود دیدار کرد",
        "آیا تورم کاهش می‌یابد؟",
        "بانک مرکزی نرخ سود را افزایش داد",
        "این خبر تکذیب شد",
        "ادعای مرگ بازیگر مشهور صحت ندارد",
        "مجلس طرح شفافیت آرای نمایندگان را تصویب کرد",
        # Persian typed with Arabic ي and ك, as on older Iranian sites.
        "رئيس جمهور امروز به مسكو سفر كرد",
        "سخنگوي وزارت امور خارجه گفت مذاكرات ادامه خواهد يافت",
        "وزير خارجه ايران با همتاي روسي خود ديدار كرد",
        "اين خبر تكذيب شد",
        "بانك مركزي نرخ سود را افزايش داد",
        "قيمت نفت در بازارهاي جهاني كاهش يافت",
        "دولت براي مهار تورم برنامه جديدي ارائه مي كند",
        "دادستان تهران از بازداشت دو نفر خبر داد",
        "مردم برای خرید نان در صف ایستادند",
        "تیم ملی فوتبال ایران به جام جهانی صعود کرد",
        "ناتو رزمایش جدیدی در دریای بالتیک برگزار می‌کند",
        "سه کشته در حادثه رانندگی",
    ],
    "ru": [
        "Путин заявил о готовности к переговорам",
        "Захарова прокомментировала визит иранской делегации в Москву",
        "Курс доллара превысил 90 рублей",
        "В Москве прошла встреча министров иностранных дел",
        "Центробанк повысил ключевую ставку до 16%",
        "МИД России вызвал посла",
        "Землетрясение магнитудой 5,2 произошло в Иране.",
        "Правда ли, что цены на бензин вырастут?",
        "Минздрав опроверг слухи о новой эпидемии",
        "Её слова вызвали критику в соцсетях",
        "Госдума приняла закон во втором чтении",
        "В результате взрыва погибли 12 человек",
        "Премьер-министр провёл совещание с губернаторами",
        "Кремль не комментирует сообщения СМИ",
        "Фейк: в сети распространяют поддельное видео",
        "Сборная России по хоккею выиграла турнир",
        "Лавров и Арагчи обсудили ядерную сделку",
        "Число безработных сократилось на 3,5 процента",
        "Это неправда",
        "Жители Белгорода сообщили о взрывах",
        "Учёные нашли новый вид динозавра",
    ],
    "en": [
        "Putin says Russia is ready for talks",
        "Iranian media delegation visits Moscow for joint meeting",
        "Oil prices rise 3% after OPEC decision",
        "Central bank raises interest rates to 5.25 percent",
        "Twelve killed in blast in the capital",
        "The spokesperson said negotiations would resume next week in Geneva.",
        "Is the viral photo of the flooded airport real?",
        "Fact check: No, the minister did not resign",
        "Health ministry reports 450 new cases",
        "Protesters gather outside parliament",
        "UN warns of imminent famine in Gaza",
        "Stocks fall as inflation fears grow",
        "Government denies drone was shot down",
        "President arrives in Tehran",
        "New law passed in second reading",
        "Earthquake of magnitude 5.2 strikes eastern Iran",
        "Election results expected on Monday",
        "Scientists discover new dinosaur species",
        "This is false",
        "Video shows missile launch, officials confirm",
        "Russia and Iran sign media cooperation agreement",
    ],
}

UNDETERMINED = [
    "",
    "   \n\t ",
    "12345 67.8 %",
    "!!! ??? ...",
    "中国外交部发言人今天表示，双方将继续保持沟通。",
    "東京で大きな地震が発生しました",
    "ראש הממשלה נפגש היום עם שר החוץ",
    "Le président a annoncé de nouvelles mesures économiques ce matin.",
    "Die Bundesregierung hat heute neue Sanktionen beschlossen.",
    "Президент України провів зустріч із представниками уряду.",
    "Ο πρωθυπουργός συναντήθηκε με τον υπουργό εξωτερικών",
]


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_sample_is_identified(lang: str) -> None:
    wrong = [(s, detect_language(s)) for s in SAMPLES[lang] if detect_language(s)[0] != lang]
    assert not wrong


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_there_are_enough_samples(lang: str) -> None:
    assert len(SAMPLES[lang]) >= 20


@pytest.mark.parametrize("text", UNDETERMINED)
def test_other_languages_and_no_letters_are_undetermined(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_confidence_is_a_probability(lang: str) -> None:
    for text in SAMPLES[lang]:
        _, confidence = detect_language(text)
        assert 0.0 < confidence <= 1.0


def test_persian_with_arabic_letters_is_never_arabic() -> None:
    text = "وزير خارجه ايران گفت كه مذاكرات ادامه دارد"
    assert detect_language(text)[0] == "fa"
    assert detect_language(text, ("ar", "fa"))[0] == "fa"


def test_real_arabic_article_is_arabic() -> None:
    from tabayyun.demo import SEED_SAMPLE, sample_path

    seed = sample_path(SEED_SAMPLE)
    lang, confidence = detect_language(seed.read_text(encoding="utf-8"))
    assert lang == "ar"
    assert confidence > 0.9


def test_restricted_language_set_answers_und_outside_it() -> None:
    assert detect_language("Putin says Russia is ready for talks", ("ar", "fa"))[0] == "und"
    assert detect_language("Путин заявил о готовности к переговорам", ("ru",))[0] == "ru"


@pytest.mark.parametrize("bad", [(), ("xx",), ("ar", "klingon")])
def test_unknown_language_codes_raise_config_error(bad: tuple[str, ...]) -> None:
    with pytest.raises(ConfigError, match=r"ISO 639-1|TABAYYUN_LANGUAGES"):
        detect_language("hello world", bad)


def test_detection_is_fast_once_warm() -> None:
    detect_language("warm up the models")
    texts = [t for samples in SAMPLES.values() for t in samples]
    started = time.perf_counter()
    for text in texts:
        detect_language(text)
    per_text = (time.perf_counter() - started) / len(texts)
    assert per_text < 0.01
