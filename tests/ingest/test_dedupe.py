"""Exact and near-duplicate detection on news text in Arabic, Persian, Russian and English."""

from __future__ import annotations

import hashlib

import pytest

from tabayyun.config import Settings
from tabayyun.demo import SEED_SAMPLE, sample_path
from tabayyun.errors import ConfigError, InputError
from tabayyun.ingest.dedupe import NearDuplicateIndex, content_hash, shingles

SEED_AR = sample_path(SEED_SAMPLE)  # the bundled copy of shared/seed

# The Al-Kawthar meeting as Persian, Russian and English outlets might report it.
ARTICLE_FA = "\n".join(
    [
        "به گزارش خبرگزاری، محمدرضا نوروزپور معاون امور مطبوعاتی وزیر فرهنگ و ارشاد اسلامی که "
        "در رأس یک هیئت رسانه‌ای برای شرکت در پنجمین نشست مشترک همکاری‌های رسانه‌ای به مسکو سفر "
        "کرده است، با ماریا زاخارووا سخنگوی وزارت امور خارجه روسیه دیدار و گفت‌وگو کرد. کاظم "
        "جلالی سفیر جمهوری اسلامی ایران در روسیه نیز در این دیدار حضور داشت.",
        "توسعه آموزش‌های تخصصی، تبادل تجربه‌های حرفه‌ای، تقویت سواد رسانه‌ای، کمک به گسترش "
        "زبان‌های روسی و فارسی و همکاری سازمان‌یافته برای مقابله با موج اخبار جعلی از محورهای "
        "اصلی گفت‌وگوی دو طرف بود.",
        "نوروزپور در تشریح اهداف و برنامه‌های هیئت رسانه‌ای ایران بر اهمیت راهبردی روابط "
        "دوجانبه با روسیه در سیاست خارجی جمهوری اسلامی ایران تأکید کرد و گفت که روابط رسانه‌ای "
        "باید هم‌پای روابط سیاسی تقویت شود تا به مرحله راهبردی برسد.",
        "وی همچنین از آمادگی ایران برای گسترش همکاری‌های رسانه‌ای دوجانبه، برگزاری کارگاه‌ها و "
        "دوره‌های آموزشی مشترک و تسهیل حضور خبرنگاران روس در ایران خبر داد.",
        "زاخارووا نیز با ابراز خرسندی از حضور هیئت بلندپایه رسانه‌ای ایران در مسکو گفت که "
        "فدراسیون روسیه به توسعه همکاری رسانه‌ای با ایران نگاهی جدی و راهبردی دارد و از "
        "گفت‌وگوی رسانه‌ها، تبادل دانش و تجربه حرفه‌ای و اقدامات مشترک برای مقابله با تهدیدهای "
        "نوظهور مانند اخبار جعلی استقبال می‌کند.",
        "سخنگوی وزارت خارجه روسیه از روزنامه‌نگاران و مدیران رسانه‌های ایرانی دعوت کرد که حضور "
        "پررنگ‌تری در روسیه داشته باشند، به‌ویژه در نشست بین‌المللی مقابله با اخبار جعلی که "
        "روسیه میزبان آن خواهد بود، و بر ادامه رایزنی‌ها در این زمینه تأکید کرد.",
        "جلالی سفیر ایران در روسیه نیز به روندهای مثبت در توسعه همکاری رسانه‌ای اشاره کرد، از "
        "تسهیل شرایط سفر و فعالیت خبرنگاران روس در ایران خبر داد و بر ضرورت تقویت ارتباطات "
        "رسانه‌ای به عنوان یکی از پایه‌های روابط دوجانبه تأکید کرد.",
        "در این دیدار موضوعات پنجمین نشست مشترک همکاری رسانه‌ای ایران و روسیه، راهبردهای توسعه "
        "همکاری رسانه‌ای، تولید مشترک سینمایی، برگزاری دوره‌های آموزشی روزنامه‌نگاری، استفاده "
        "از هوش مصنوعی و مقابله با اخبار جعلی بررسی شد.",
    ]
)

ARTICLE_RU = "\n".join(
    [
        "Заместитель министра культуры и исламской ориентации Ирана по делам СМИ Мохаммад Реза "
        "Норузпур, возглавляющий делегацию на пятом совместном заседании по сотрудничеству в "
        "области средств массовой информации, встретился в Москве с официальным представителем "
        "МИД России Марией Захаровой. На встрече также присутствовал посол Исламской Республики "
        "Иран в России Казем Джалали.",
        "Стороны обсудили развитие профессиональной подготовки, обмен опытом, повышение "
        "медиаграмотности, продвижение русского и персидского языков и организованное "
        "противодействие потоку фейковых новостей.",
        "Рассказывая о целях и планах иранской делегации, Норузпур подчеркнул стратегическое "
        "значение двусторонних отношений с Россией во внешней политике Исламской Республики и "
        "отметил, что медийные связи должны укрепляться параллельно с политическими, чтобы "
        "выйти на стратегический уровень.",
        "Он также заявил о готовности Ирана расширять двустороннее сотрудничество в сфере СМИ, "
        "проводить совместные семинары и учебные курсы и облегчить работу российских "
        "журналистов в Иране.",
        "Мария Захарова, в свою очередь, выразила удовлетворение визитом иранской делегации "
        "высокого уровня в Москву и заявила, что Российская Федерация серьёзно и стратегически "
        "подходит к развитию медийного сотрудничества с Ираном и приветствует диалог между СМИ, "
        "обмен знаниями и совместные меры против новых угроз, таких как фейковые новости.",
        "Захарова пригласила иранских журналистов и руководителей СМИ шире присутствовать в "
        "России, в частности принять участие в международной встрече по борьбе с фейковыми "
        "новостями, которую проведёт Россия, и подтвердила, что консультации в этом направлении "
        "продолжатся.",
        "Посол Казем Джалали отметил позитивные тенденции в развитии медийного сотрудничества, "
        "сообщил об упрощении условий поездок и работы российских журналистов в Иране и "
        "подчеркнул необходимость укреплять медийные контакты как одну из основ двусторонних "
        "отношений.",
        "На встрече были рассмотрены темы пятого совместного заседания по ирано-российскому "
        "сотрудничеству в сфере СМИ, стратегии его развития, совместное кинопроизводство, "
        "журналистские учебные курсы, использование искусственного интеллекта и борьба с "
        "фейковыми новостями.",
    ]
)

ARTICLE_EN = "\n".join(
    [
        "Iran's deputy minister of culture and Islamic guidance for media affairs, Mohammad "
        "Reza Nowruzpour, who is leading a delegation to the fifth joint meeting on media "
        "cooperation, met Russian Foreign Ministry spokeswoman Maria Zakharova in Moscow on the "
        "sidelines of his visit. Iran's ambassador to Russia, Kazem Jalali, also attended the "
        "meeting.",
        "The two sides discussed specialised training, the exchange of professional experience, "
        "media literacy, the promotion of the Russian and Persian languages and organised "
        "cooperation against the flow of fake news.",
        "Explaining the goals and plans of the Iranian media delegation, Nowruzpour stressed "
        "the strategic importance of bilateral relations with Russia in the foreign policy of "
        "the Islamic Republic, saying media ties must be strengthened in parallel with "
        "political ties so that they too reach a strategic level if the two countries want to "
        "preserve and expand their interactions.",
        "He also announced that Iran is ready to expand bilateral media cooperation, hold joint "
        "workshops and training courses and make it easier for Russian journalists to work in "
        "Iran.",
        "Zakharova welcomed the presence of the high-level Iranian media delegation in Moscow "
        "and its active part in the joint media meetings, and said the Russian Federation takes "
        "a serious and strategic view of developing media cooperation with Iran and welcomes "
        "dialogue between the media, the exchange of knowledge and professional experience and "
        "joint measures against emerging threats such as fake news.",
        "She invited Iranian journalists and media managers to be more present in Russia, "
        "especially at the international meeting on countering fake news that Russia will host, "
        "and said consultations in this direction would continue.",
        "Ambassador Kazem Jalali pointed to positive trends in media cooperation, announced "
        "easier conditions for the travel and work of Russian journalists in Iran and stressed "
        "the need to strengthen media contacts as one of the foundations of bilateral "
        "relations.",
        "The meeting reviewed the topics of the fifth joint Iranian-Russian media cooperation "
        "meeting, strategies for developing media cooperation, joint film production, "
        "journalism training courses, the use of artificial intelligence and the fight against "
        "fake news.",
    ]
)

# (sentence in the article, the sentence an outlet put in its place)
CHANGED = {
    "ar": (
        "وفي هذا السياق، أعلن نوروز بور أيضا استعداد الجمهورية الإسلامية الإيرانية لتوسيع "
        "التعاون الإعلامي الثنائي وعقد ورش عمل ودورات تدريبية مشتركة وتسهيل تواجد الصحفيين "
        "الروس في إيران.",
        "وقال نوروز بور إن طهران مستعدة لاستقبال مزيد من المراسلين الروس خلال العام المقبل.",
    ),
    "fa": (
        "وی همچنین از آمادگی ایران برای گسترش همکاری‌های رسانه‌ای دوجانبه، برگزاری کارگاه‌ها "
        "و دوره‌های آموزشی مشترک و تسهیل حضور خبرنگاران روس در ایران خبر داد.",
        "نوروزپور گفت تهران آماده است سال آینده میزبان خبرنگاران بیشتری از روسیه باشد.",
    ),
    "ru": (
        "Он также заявил о готовности Ирана расширять двустороннее сотрудничество в сфере "
        "СМИ, проводить совместные семинары и учебные курсы и облегчить работу российских "
        "журналистов в Иране.",
        "По словам Норузпура, Тегеран готов в следующем году принять больше российских "
        "корреспондентов.",
    ),
    "en": (
        "He also announced that Iran is ready to expand bilateral media cooperation, hold "
        "joint workshops and training courses and make it easier for Russian journalists to "
        "work in Iran.",
        "Nowruzpour said Tehran was ready to host more Russian correspondents next year.",
    ),
}

# A republishing outlet's own "read also" block at the end.
TAILS = {
    "ar": "اقرأ أيضا: لافروف يستقبل عراقجي في موسكو لبحث الاتفاقية الاستراتيجية الشاملة",
    "fa": "بیشتر بخوانید: دیدار عراقچی و لاوروف در مسکو درباره پیمان راهبردی جامع",
    "ru": "Читайте также: Лавров и Аракчи обсудили в Москве договор о всеобъемлющем партнёрстве",
    "en": "Read also: Lavrov hosts Araghchi in Moscow to discuss the comprehensive strategic pact",
}

# Different articles on the same topic: Iranian-Russian media cooperation and fake news.
SAME_TOPIC = {
    "ar": (
        "وقعت وكالة الأنباء الإيرانية الرسمية مذكرة تفاهم مع وكالة سبوتنيك الروسية في طهران، "
        "تنص على تبادل الأخبار والصور ومقاطع الفيديو بين الوكالتين، وتنظيم دورات تدريبية "
        "للمراسلين في البلدين. وقال مدير الوكالة الإيرانية إن التعاون بين وسائل الإعلام "
        "الإيرانية والروسية ضروري لمواجهة هيمنة وسائل الإعلام الغربية على تدفق المعلومات في "
        "العالم، مشيرا إلى أن الأخبار المزيفة حول البلدين تنتشر بسرعة على شبكات التواصل "
        "الاجتماعي. من جهته أكد ممثل سبوتنيك أن الوكالة ستفتح مكتبا جديدا في طهران العام "
        "المقبل، وأن الطرفين سيعملان معا على إنتاج تقارير مشتركة باللغتين الفارسية والروسية."
    ),
    "fa": (
        "خبرگزاری جمهوری اسلامی و خبرگزاری اسپوتنیک روسیه در تهران تفاهم‌نامه‌ای امضا کردند "
        "که بر اساس آن دو خبرگزاری خبر، عکس و ویدئو مبادله می‌کنند و دوره‌های آموزشی برای "
        "خبرنگاران دو کشور برگزار می‌شود. مدیرعامل خبرگزاری ایرانی گفت همکاری رسانه‌های ایران "
        "و روسیه برای مقابله با سلطه رسانه‌های غربی بر جریان اطلاعات جهان ضروری است و اخبار "
        "جعلی درباره دو کشور به سرعت در شبکه‌های اجتماعی پخش می‌شود. نماینده اسپوتنیک نیز "
        "اعلام کرد این خبرگزاری سال آینده دفتر تازه‌ای در تهران باز می‌کند و دو طرف گزارش‌های "
        "مشترکی به زبان‌های فارسی و روسی تهیه خواهند کرد."
    ),
    "ru": (
        "Агентство ИРНА и российское агентство «Спутник» подписали в Тегеране меморандум о "
        "взаимопонимании, который предусматривает обмен новостями, фотографиями и видео, а "
        "также учебные курсы для корреспондентов двух стран. Глава иранского агентства "
        "заявил, что сотрудничество иранских и российских СМИ необходимо, чтобы противостоять "
        "господству западных медиа в мировом информационном потоке, и отметил, что фейковые "
        "новости о двух странах быстро распространяются в социальных сетях. Представитель "
        "«Спутника» сообщил, что в следующем году агентство откроет новое бюро в Тегеране и "
        "стороны будут вместе готовить материалы на персидском и русском языках."
    ),
    "en": (
        "Iran's official news agency IRNA and Russia's Sputnik signed a memorandum of "
        "understanding in Tehran on exchanging news, photos and video and on training courses "
        "for correspondents from both countries. The head of the Iranian agency said "
        "cooperation between Iranian and Russian media was necessary to counter the dominance "
        "of Western media over the world's flow of information, noting that fake news about "
        "the two countries spreads quickly on social media. A Sputnik representative said the "
        "agency would open a new bureau in Tehran next year and that the two sides would "
        "produce joint reports in Persian and Russian."
    ),
}

LANGS = ["ar", "fa", "ru", "en"]


def article(lang: str) -> str:
    if lang == "ar":
        if not SEED_AR.exists():
            pytest.skip(f"seed article {SEED_AR} is absent; run from a checkout beside shared/")
        return SEED_AR.read_text(encoding="utf-8")
    return {"fa": ARTICLE_FA, "ru": ARTICLE_RU, "en": ARTICLE_EN}[lang]


@pytest.fixture
def index() -> NearDuplicateIndex:
    return NearDuplicateIndex()


def test_content_hash_is_sha256_of_collapsed_whitespace() -> None:
    expected = hashlib.sha256("زاخاروفا أكدت ذلك".encode()).hexdigest()
    assert content_hash("زاخاروفا أكدت ذلك") == expected
    assert content_hash("  زاخاروفا\nأكدت \t ذلك \n") == expected
    assert content_hash("زاخاروفا نفت ذلك") != expected


@pytest.mark.parametrize("lang", LANGS)
def test_identical_text_is_found(index: NearDuplicateIndex, lang: str) -> None:
    text = article(lang)
    index.add("original", index.signature(text))
    assert index.query(index.signature(text)) == "original"


@pytest.mark.parametrize("lang", LANGS)
def test_one_changed_sentence_is_a_near_duplicate(index: NearDuplicateIndex, lang: str) -> None:
    text = article(lang)
    old, new = CHANGED[lang]
    assert old in text  # the fixture really changes the article
    edited = text.replace(old, new)
    index.add("original", index.signature(text))
    sig = index.signature(edited)
    assert 0.8 <= index.similarity(sig, index.signature(text)) < 1.0
    assert index.query(sig) == "original"


@pytest.mark.parametrize("lang", LANGS)
def test_different_read_also_tail_is_a_near_duplicate(index: NearDuplicateIndex, lang: str) -> None:
    text = article(lang)
    index.add("original", index.signature(text))
    assert index.query(index.signature(text + "\n" + TAILS[lang])) == "original"


@pytest.mark.parametrize("lang", LANGS)
def test_other_article_on_same_topic_is_not(index: NearDuplicateIndex, lang: str) -> None:
    index.add("original", index.signature(article(lang)))
    other = index.signature(SAME_TOPIC[lang])
    assert index.query(other) is None
    assert index.similarity(other, index.signature(article(lang))) < 0.2


def test_languages_do_not_match_each_other(index: NearDuplicateIndex) -> None:
    for lang in ["fa", "ru", "en"]:
        index.add(lang, index.signature(article(lang)))
    assert index.query(index.signature(SAME_TOPIC["en"])) is None
    assert index.query(index.signature(ARTICLE_RU + TAILS["ru"])) == "ru"


def test_query_returns_the_most_similar_key(index: NearDuplicateIndex) -> None:
    tailed = ARTICLE_EN + "\n" + TAILS["en"]
    index.add("plain", index.signature(ARTICLE_EN))
    index.add("tailed", index.signature(tailed))
    assert index.query(index.signature(tailed)) == "tailed"
    assert index.query(index.signature(ARTICLE_EN)) == "plain"


def test_signature_round_trips_through_bytes_and_is_deterministic() -> None:
    first, second = NearDuplicateIndex(), NearDuplicateIndex()
    sig = first.signature(ARTICLE_FA)
    assert isinstance(sig, bytes) and len(sig) == 128 * 4
    assert second.signature(ARTICLE_FA) == sig  # same seed, same bytes, any instance
    stored = bytes(bytearray(sig))  # as read back from a database BLOB
    second.add("fa-1", stored)
    assert second.query(first.signature(ARTICLE_FA + TAILS["fa"])) == "fa-1"
    assert first.similarity(sig, stored) == 1.0


def test_short_texts_use_character_shingles(index: NearDuplicateIndex) -> None:
    assert shingles("Путин встретился") == {
        "путин",
        "утин ",
        "тин в",
        "ин вс",
        "н вст",
        " встр",
        "встре",
        "стрет",
        "трети",
        "ретил",
        "етилс",
        "тился",
    }
    index.add("short", index.signature("Путин встретился с Пезешкианом в Ашхабаде"))
    assert index.query(index.signature("Путин встретился с Пезешкианом в Ашхабаде.")) == "short"
    assert index.query(index.signature("Лавров встретился с Аракчи в Москве")) is None


def test_long_texts_use_word_shingles() -> None:
    words = [f"w{i}" for i in range(11)]
    assert shingles(" ".join(words)) == {" ".join(words[i : i + 5]) for i in range(7)}


def test_empty_text_is_never_a_duplicate(index: NearDuplicateIndex) -> None:
    empty = index.signature("  \n ،. ")
    index.add("empty", empty)
    assert len(index) == 0
    assert index.query(empty) is None


def test_adding_a_key_again_replaces_it(index: NearDuplicateIndex) -> None:
    index.add("doc", index.signature(ARTICLE_EN))
    index.add("doc", index.signature(ARTICLE_RU))
    assert len(index) == 1 and "doc" in index
    assert index.query(index.signature(ARTICLE_EN)) is None
    assert index.query(index.signature(ARTICLE_RU)) == "doc"


def test_malformed_signature_is_refused(index: NearDuplicateIndex) -> None:
    with pytest.raises(InputError, match="recompute it"):
        index.query(b"\x00" * 100)


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_threshold_outside_unit_interval_is_refused(threshold: float) -> None:
    with pytest.raises(ConfigError, match="near_duplicate_threshold"):
        NearDuplicateIndex(threshold)


def test_threshold_comes_from_settings() -> None:
    strict = NearDuplicateIndex.from_settings(Settings(near_duplicate_threshold=0.99))
    assert strict.threshold == 0.99
    old, new = CHANGED["en"]
    strict.add("original", strict.signature(ARTICLE_EN))
    assert strict.query(strict.signature(ARTICLE_EN.replace(old, new))) is None
