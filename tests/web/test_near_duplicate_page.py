"""An article page names the stored article it nearly duplicates, with a link to it."""

from __future__ import annotations

from server.conftest import sample_text

from .conftest import World, ingest, sign_in

ADDED = "\nThe ministry said more details of the plan would be published next month."


def test_the_article_page_links_to_the_article_it_nearly_duplicates(web: World) -> None:
    client = web.client
    token = sign_in(client, "alpha", "editor")
    first = ingest(client, token, sample_text("en")).headers["location"].split("?")[0]
    original = page_id(first)
    assert 'id="near-duplicate"' not in client.get(first).text

    second = ingest(client, token, sample_text("en") + ADDED).headers["location"].split("?")[0]
    assert page_id(second) != original
    page = client.get(second).text
    mark = page.split('id="near-duplicate"', 1)[1].split("</p>", 1)[0]
    assert f'<a href="/articles/{original}">Near duplicate of article {original}</a>' in mark

    # The analyse form says it too, of a text nothing was stored for.
    preview = client.post("/analyze", data={"csrf_token": token, "text": sample_text("en") + "!"})
    assert f'<a href="/articles/{original}">' in preview.text.split('id="near-duplicate"', 1)[1]

    client.cookies.set("lang", "ru")
    assert "Почти дубликат статьи" in client.get(second).text


def page_id(location: str) -> int:
    return int(location.rsplit("/", 1)[1])
