"""Error details in the reader's language: the web UI translates what the server says about a
form's input (the error page and the forms that show their own errors), while the API keeps
its English messages."""

from __future__ import annotations

import ast
import dataclasses
import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import tabayyun
from server.conftest import sample_text
from tabayyun.errors import ConfigError, FetchError, InputError
from tabayyun.ingest.fetch import Fetcher
from tabayyun.server.errors import NotFoundError, PermissionDenied
from tabayyun.web.errors import (
    SERVER_MESSAGES,
    SERVER_PHRASES,
    read_back,
    reader_message,
    reader_text,
)
from tabayyun.web.i18n import I18n

from .conftest import PASSWORD, World, fresh_client, ingest, sign_in

PACKAGE = Path(tabayyun.__file__).parent


def plain(text: str) -> str:
    """`text` without the isolates that wrap a parameter in a right-to-left sentence (they
    are checked on their own in test_text_inside_a_right_to_left_sentence_is_isolated)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def detail(page: str) -> str:
    """The error page's detail, unescaped (its element and text), isolates taken out and code
    spans written back as `...` (test_a_command_in_a_message_is_set_as_code checks them)."""
    found = page.split('<p class="detail"', 1)
    assert len(found) == 2, "no detail on the error page"
    shown = found[1].split("</p>", 1)[0].replace('<code dir="ltr">', "`").replace("</code>", "`")
    return plain(html.unescape(shown))


def queue_claim_id(world: World) -> int:
    return int(world.call("GET", "/claims", "alpha", "viewer").json()["items"][0]["id"])


def import_csv(client: TestClient, token: str, csv: bytes, **form: str) -> Any:
    """Import `csv` as checks.csv through the registry's import form (private by default)."""
    data = {"csrf_token": token, "visibility": "private", **form}
    return client.post("/factchecks/import", data=data, files={"file": ("checks.csv", csv)})


def in_language(world: World, lang: str) -> TestClient:
    client = fresh_client(world)
    client.cookies.set("lang", lang)
    return client


def test_every_marked_server_message_is_raised_verbatim() -> None:
    """The web UI's copy of the server's messages (and of the words they take as parameters)
    names templates the server still raises (a changed message would otherwise lose its
    translation unnoticed)."""
    constants: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "web" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
    assert [m for m in SERVER_MESSAGES if m not in constants] == []
    assert [m for m in SERVER_PHRASES if m not in constants] == []


def test_a_message_is_translated_after_its_parameters_are_kept_apart() -> None:
    error = NotFoundError("no claim %(id)s in your queue; list it with GET /api/v1/claims", id=42)
    assert str(error) == "no claim 42 in your queue; list it with GET /api/v1/claims"
    assert reader_message(I18n("en"), error) == (str(error), "en")
    assert reader_message(I18n("fa"), error) == (
        "ادعایی با شمارهٔ ۴۲ در صف بررسی شما نیست؛ فهرست ادعاها را با GET /api/v1/claims ببینید",
        "fa",
    )
    denied = PermissionDenied("factchecks.publish", "reviewer")
    assert str(denied) == (
        "your role 'reviewer' lacks the permission 'factchecks.publish'; "
        "ask an admin of your organisation for a role that has it"
    )
    assert reader_message(I18n("ru"), denied)[0].startswith(
        "У вашей роли 'reviewer' нет права 'factchecks.publish'"
    )


def test_numbers_in_a_translated_message_are_the_ones_the_reader_typed() -> None:
    """A number quoted back is not rounded, and one too large to format falls back to English
    rather than failing the error page itself."""
    from tabayyun.config import checked_preference

    def refusal(value: float) -> ConfigError:
        try:
            checked_preference(value)
        except ConfigError as error:
            return error
        raise AssertionError(f"{value} was accepted")

    close = refusal(20.00004)
    text, lang = reader_message(I18n("fa"), close)
    assert lang == "fa" and "۲۰٫۰۰۰۰۴" in text and "۲۰" in text.split("۲۰٫۰۰۰۰۴")[0]
    huge = refusal(1e30)
    assert reader_message(I18n("fa"), huge)[1] in ("fa", "en")  # never an exception
    assert "1e+30" in reader_message(I18n("ru"), huge)[0]
    assert reader_message(I18n("en"), close) == (str(close), "en")


def test_text_inside_a_right_to_left_sentence_is_isolated() -> None:
    """A quoted name or address keeps its own direction inside a Persian or Arabic sentence
    (first-strong isolate ... pop); a left-to-right language gets it as it is."""
    taken = InputError("username %(username)s is taken; pick another", username="'x.alpha'")
    for lang in ("fa", "ar"):
        assert "\u2068'x.alpha'\u2069" in reader_message(I18n(lang), taken)[0], lang
    hostile = InputError(
        "username %(username)s is taken; pick another", username="'x\u2069y\u202e'"
    )
    assert "\u2068'x\u200by\u200b'\u2069" in reader_message(I18n("fa"), hostile)[0]
    russian = reader_message(I18n("ru"), taken)[0]
    assert "'x.alpha'" in russian and "\u2068" not in russian


def test_a_command_in_a_message_is_set_as_code_and_nothing_else_is_markup() -> None:
    from tabayyun.web.render import code_spans

    shown = code_spans("say why (`reason`) or run `tabayyun analyze <FILE>` & <b>retry</b>")
    assert str(shown) == (
        'say why (<code dir="ltr">reason</code>) or run '
        '<code dir="ltr">tabayyun analyze &lt;FILE&gt;</code> &amp; &lt;b&gt;retry&lt;/b&gt;'
    )
    assert str(code_spans("a lone ` stays")) == "a lone ` stays"


def test_a_request_the_server_cannot_read_names_its_fields_in_the_readers_language(
    web: World,
) -> None:
    client = in_language(web, "fa")
    sign_in(client, "alpha", "viewer")
    page = client.get("/articles", params={"page": "two"})
    assert page.status_code == 422, page.text
    assert detail(page.text) == ">این فیلدها خالی یا نامعتبرند: query.page", detail(page.text)
    api = web.call("GET", "/articles?page=two", "alpha", "viewer")
    assert api.status_code == 422
    assert api.json()["error"]["message"].startswith("the request is not valid")


def test_a_message_without_a_translation_stays_english_never_empty() -> None:
    unknown = InputError("line 3: no %(what)s here", what="text")
    assert reader_message(I18n("fa"), unknown) == ("line 3: no text here", "en")
    plain = InputError("50% of nothing")
    assert reader_message(I18n("ar"), plain) == ("50% of nothing", "en")
    assert reader_text(I18n("ru"), "a reason nobody translated") == (
        "a reason nobody translated",
        "en",
    )


def test_a_web_form_error_is_shown_in_the_readers_language(web: World) -> None:
    """Marking a claim fact-checked without choosing the fact-check (the web form's own check)."""
    token = sign_in(web.client, "alpha", "admin")
    assert ingest(web.client, token, sample_text("en")).status_code == 303
    claim_id = queue_claim_id(web)
    english = "choose the fact-check that answers this claim"
    for lang, expected in (
        ("fa", "راستی‌آزمایی‌ای را که به این ادعا پاسخ می‌دهد برگزینید"),
        ("ru", "Выберите проверку фактов, которая отвечает на это утверждение"),
        ("en", english),
    ):
        web.client.cookies.set("lang", lang)
        page = web.client.post(
            f"/claims/{claim_id}/fact-checked", data={"csrf_token": token, "factcheck_id": ""}
        )
        assert page.status_code == 400, page.text
        shown = detail(page.text)
        assert expected in shown, (lang, shown)
        if lang != "en":
            assert english not in page.text
            assert 'lang="en"' not in shown
        else:
            assert shown.startswith(' dir="ltr" lang="en">')


def test_a_server_error_with_parameters_is_translated_and_the_api_keeps_english(
    web: World,
) -> None:
    """Adding a member whose username is taken: the service's ConflictError, with the name."""
    english = "username 'reviewer.alpha' is taken; pick another"
    form = {"username": "reviewer.alpha", "password": PASSWORD, "role": "viewer"}
    for lang, expected in (
        ("ru", "Имя пользователя 'reviewer.alpha' занято; выберите другое"),
        ("fa", "نام کاربری 'reviewer.alpha' قبلاً گرفته شده است؛ نام دیگری برگزینید"),
        ("en", english),
    ):
        client = in_language(web, lang)
        token = sign_in(client, "alpha", "admin")
        page = client.post("/org/members", data={**form, "csrf_token": token})
        assert page.status_code == 409, page.text
        assert expected in detail(page.text), lang
        if lang != "en":
            assert english not in html.unescape(page.text)
    api = web.call("POST", "/org/members", "alpha", "admin", json=form)
    assert api.status_code == 409
    assert api.json()["error"] == {"code": "conflict", "message": english, "details": None}


def test_numbers_in_a_translated_detail_use_the_readers_digits(web: World) -> None:
    client = in_language(web, "fa")
    sign_in(client, "alpha", "viewer")
    page = client.get("/claims/987")
    assert page.status_code == 404
    assert "ادعایی با شمارهٔ ۹۸۷ در صف بررسی شما نیست" in detail(page.text)
    arabic = in_language(web, "ar")
    token = sign_in(arabic, "alpha", "admin")
    lifetime = arabic.post("/org/key-lifetime", data={"csrf_token": token, "max_key_days": "x"})
    assert lifetime.status_code == 400
    assert "أطول مدة صلاحية عددٌ من الأيام من 1 إلى 3650 (فارغ: بلا حد)" in detail(lifetime.text)
    api = web.call("GET", "/claims/987", "alpha", "viewer")
    assert api.json()["error"]["message"] == (
        "no claim 987 in your queue; list it with GET /api/v1/claims"
    )


def test_a_service_input_error_in_arabic_and_its_english_api_twin(web: World) -> None:
    """Trust outside 0..1 passes the form's number check and is refused by the service."""
    english = "trust must be between 0 (never) and 1 (fully)"
    client = in_language(web, "ar")
    token = sign_in(client, "alpha", "admin")
    page = client.post("/org/trust", data={"csrf_token": token, "publisher": "X", "trust": "2"})
    assert page.status_code == 400
    assert "يجب أن تكون الثقة بين 0 (أبدًا) و1 (تمامًا)" in detail(page.text)
    assert english not in page.text
    api = web.call("PUT", "/org/trust", "alpha", "admin", json={"publisher": "X", "trust": 2})
    assert api.status_code == 400 and api.json()["error"]["message"] == english


class Unreachable:
    """A fetcher stand-in whose error nobody translated."""

    def fetch(self, url: str) -> None:
        raise FetchError("the network of %(url)s is on strike", url=url)


def test_an_untranslated_server_message_is_shown_in_english(web: World) -> None:
    web.client.app.state.ctx.fetcher = Unreachable()  # type: ignore[attr-defined]
    client = in_language(web, "fa")
    token = sign_in(client, "alpha", "editor")
    page = client.post("/articles", data={"csrf_token": token, "url": "https://x.example/a"})
    assert page.status_code == 502
    shown = detail(page.text)
    assert shown.startswith(' dir="ltr" lang="en">') and "https://x.example/a is on strike" in shown


def test_a_message_read_back_from_its_english_text_takes_the_closest_template() -> None:
    """A reason that reaches the web UI as text is read back into its template: the one with
    the most words of its own, its numbers as numbers and the server's own words translated,
    never the reader's quoted input."""
    flag = "datePublished: expected text, got number; imported without it"
    assert read_back(flag) == (
        "%(field)s: expected text, got %(kind)s; imported without it",
        {"field": "datePublished", "kind": "number"},
    )
    assert reader_text(I18n("ru"), flag) == (
        "datePublished: ожидался текст, получено: число; импортировано без этого поля",
        "ru",
    )
    quoted = "reviewRating.bestRating: expected a number, got 'text'"
    shown, lang = reader_text(I18n("fa"), quoted)
    assert (plain(shown), lang) == (
        "reviewRating.bestRating: عدد انتظار می‌رفت؛ داده‌شده: 'text'",
        "fa",
    )
    cells = "3 cells where the header has 12; check for an unquoted comma or a missing cell"
    assert reader_text(I18n("fa"), cells)[0].startswith("این سطر ۳ خانه دارد، ولی سطر عنوان ۱۲")
    assert read_back("a reason nobody translated: 3 cells") is None


def assert_article_form_says_in_persian(
    web: World, form: dict[str, str], status: int, persian: str, english: str
) -> None:
    """Storing or analysing `form` (a text or URL) answers `status` and, to a Persian reader,
    the detail `persian`, never the English text; the API answers the same `english` text."""
    client = in_language(web, "fa")
    token = sign_in(client, "alpha", "editor")
    for path in ("/articles", "/analyze"):
        page = client.post(path, data={"csrf_token": token, **form})
        assert page.status_code == status, page.text
        shown = detail(page.text)
        assert persian in shown, shown
        assert 'lang="en"' not in shown and english not in page.text
        api = web.call("POST", path, "alpha", "editor", json=form)
        assert api.status_code == status
        assert api.json()["error"]["message"] == english


@pytest.fixture
def site_answers_404(web: World) -> Iterator[None]:
    """Article URLs are fetched from a site that answers 404 Not Found to everything."""
    fetcher = Fetcher(
        dataclasses.replace(web.settings, per_host_delay=0.0),
        transport=httpx.MockTransport(lambda request: httpx.Response(404, text="gone")),
        resolver=lambda host: ["93.184.215.14"],
    )
    web.client.app.state.ctx.fetcher = fetcher  # type: ignore[attr-defined]
    yield
    fetcher.close()


@pytest.mark.usefixtures("site_answers_404")
def test_an_article_url_that_cannot_be_fetched_is_explained_in_persian(web: World) -> None:
    url = "https://news.example/gone"
    english = (
        f"{url} answered HTTP 404 Not Found; check the URL; the article may have moved or "
        "been deleted"
    )
    persian = (
        f"{url} با HTTP ۴۰۴ Not Found پاسخ داد؛ نشانی را بررسی کنید؛ شاید مقاله جابه‌جا یا "
        "حذف شده باشد"
    )
    assert_article_form_says_in_persian(web, {"url": url}, 502, persian, english)


def test_a_pasted_text_too_long_to_analyse_is_explained_in_persian(web: World) -> None:
    """The text's length and the limit in Persian digits, grouped as the English groups them;
    the source "text" in Persian too. The API answers in English."""
    ctx = web.client.app.state.ctx  # type: ignore[attr-defined]
    ctx.settings = dataclasses.replace(ctx.settings, max_article_chars=1_000)
    text = "Word. " * 2_000
    english = (
        "text: the article text has 11,999 characters, more than the 1,000 analysed at once "
        "(TABAYYUN_MAX_ARTICLE_CHARS); split it"
    )
    persian = (
        "متن: مقاله ۱۱٬۹۹۹ نویسه دارد، بیش از ۱٬۰۰۰ نویسه‌ای که یک‌جا تحلیل می‌شود "
        "(TABAYYUN_MAX_ARTICLE_CHARS)؛ آن را به چند بخش تقسیم کنید"
    )
    assert_article_form_says_in_persian(web, {"text": text}, 413, persian, english)


def test_a_fact_check_with_a_bad_date_is_explained_in_russian(web: World) -> None:
    fields = {"claim_reviewed": "The dam is empty", "date_published": "2024-13-45"}
    english = (
        "date_published: expected a date like 2024-03-05, 1402/09/01 or 5 March 2024, "
        "got '2024-13-45'"
    )
    client = in_language(web, "ru")
    token = sign_in(client, "alpha", "editor")
    page = client.post("/factchecks/new", data={**fields, "rating": "false", "csrf_token": token})
    assert page.status_code == 400, page.text
    shown = detail(page.text)
    assert (
        "date_published: ожидалась дата вида 2024-03-05, 1402/09/01 или 5 March 2024, "
        "получено: '2024-13-45'"
    ) in shown, shown
    assert english not in page.text
    no_rating = client.post("/factchecks/new", data={**fields, "csrf_token": token})
    assert "rating: отсутствует; у проверки фактов должен быть вердикт" in detail(no_rating.text)
    api = web.call(
        "POST", "/factchecks", "alpha", "editor",
        json={**fields, "rating": {"alternate_name": "False"}},
    )  # fmt: skip
    assert api.status_code == 400
    assert api.json()["error"]["message"] == english


def test_an_import_report_gives_its_reasons_in_arabic(web: World) -> None:
    """A CSV row with a missing cell is not imported; one with an unknown verdict and an
    unreadable date is imported but worth a look: each reason in the reader's language, the
    API's report in English."""
    csv = b"claim,verdict,date\nThe dam is empty,Blorp,2024-13-45\nThe bridge fell,False\n"
    english = [
        "2 cells where the header has 3; check for an unquoted comma or a missing cell",
        "unknown rating 'Blorp': kept as 'unknown'",
        "datePublished: cannot read '2024-13-45' as a date; imported without it",
    ]
    client = in_language(web, "ar")
    token = sign_in(client, "alpha", "editor")
    report = import_csv(client, token, csv)
    assert report.status_code == 200, report.text
    page = plain(html.unescape(report.text))
    for arabic in (
        "عدد الخلايا 2 وعدد أعمدة صف العناوين 3؛ ابحث عن فاصلة خارج علامات الاقتباس",
        "تقييم غير معروف 'Blorp': حُفظ بوصفه 'unknown' (غير معروف)",
        "datePublished: تعذّرت قراءة '2024-13-45' بوصفه تاريخًا؛ استُورد التدقيق من دونه",
    ):
        assert arabic in page, arabic
    assert not [reason for reason in english if reason in page]
    assert '<bdi dir="ltr">checks.csv:row 3</bdi>' in page
    mapping = import_csv(client, token, csv, map="ادعا")
    assert mapping.status_code == 400
    assert "الربط 'ادعا' ليس بالشكل field=column" in detail(mapping.text)
    api = web.call(
        "POST", "/factchecks/import", "alpha", "editor",
        files={"file": ("checks.csv", csv)}, data={"visibility": "private"},
    )  # fmt: skip
    assert api.status_code == 200, api.text
    reasons = [item["reason"] for item in api.json()["rejected"] + api.json()["flagged"]]
    assert reasons == english


def test_the_import_report_gives_a_refusal_in_the_readers_language(web: World) -> None:
    url = "https://factcheck.example.org/owned-by-beta"
    owned = web.call(
        "POST", "/factchecks", "beta", "editor",
        json={"claim_reviewed": "The dam is empty", "rating": {"alternate_name": "False"},
              "url": url},
    )  # fmt: skip
    assert owned.status_code == 201, owned.text
    csv = f"claimReviewed,alternateName,url\nThe dam is empty,False,{url}\n".encode()
    client = in_language(web, "ru")
    token = sign_in(client, "alpha", "editor")
    report = import_csv(client, token, csv)
    assert report.status_code == 200, report.text
    assert "Проверка фактов с этим адресом принадлежит другой организации" in report.text
    assert "another organisation owns a fact-check with this URL" not in report.text
