"""Records as feeds give them (issue 21): every record opens, whatever its id (URLs, words with spaces, slashes,
non-ASCII, quotes: ingest keeps them, and every page, API route and report link must reach their records); and a
source is named as a reader knows it (its title, its outlet or else its site, its URL as a link), never by an id."""

from __future__ import annotations

import asyncio
import html
import json
import re
from urllib.parse import quote

import httpx
import pytest
from markupsafe import escape

from newsledger.ledger import Ledger
from newsledger.web import create_app, story_report

FEED_IDS = [
    "https://example.com/news/2024/a?x=1#frag",
    "my article 1",
    "a/b",
    "ärtikel-1",
    'say "when" it\'s 50%',
]

TOPICS = [
    ("Harbour bridge closes", "The harbour bridge in Portsmouth closed on Monday after a crack was found, "
                              "engineer Mary Jones said. \"It will stay shut for a week,\" Jones told reporters."),
    ("Library wins award", "The city library in Leeds won a national design award on Tuesday, "
                           "director Paul Brown said. \"We are delighted,\" Brown said."),
    ("Flood warning in Devon", "Heavy rain brought flood warnings to Exeter on Wednesday, "
                               "forecaster Anna White said. \"Rivers are rising fast,\" White said."),
    ("Orchestra tours Asia", "The Halle orchestra from Manchester began a tour of Japan on Thursday, "
                             "conductor Mark Green said. \"Every concert is sold out,\" Green said."),
    ("Farmers protest prices", "Hundreds of farmers drove tractors into Cardiff on Friday to protest milk prices, "
                               "union leader Sarah Black said. \"We cannot go on,\" Black said."),
]


REUTERS = "https://www.reuters.com/article/us-usa-shooting-california-idUSBREA4N05120140524"
URLS = [REUTERS, "javascript:alert(1)", "http://Example.ORG:8080/x"]
DISGUISED = "CNN\u202eevil\x00"
LONG_WORD = "w" * 20_000
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-ids")
    feed = folder / "feed.jsonl"
    lines = [{"id": article_id, "title": title, "text": text, "outlet": "Example News", "published": f"2024-03-0{n}"}
             for n, (article_id, (title, text)) in enumerate(zip(FEED_IDS, TOPICS), 1)]
    for line, url in zip(lines, URLS):  # the first ones name no outlet, only a URL
        del line["outlet"]
        line["url"] = url
    lines[4]["outlet"] = DISGUISED  # an outlet that would read backwards and drag its neighbours, with a NUL
    lines[4]["text"] += " " + LONG_WORD
    feed.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    path = folder / "ledger.duckdb"
    with Ledger(path) as writing:
        writing.ingest([feed])
    with Ledger(path, read_only=True) as opened:
        assert {a.id for a in opened.articles()} == set(FEED_IDS), "ingest keeps the feed's own ids"
        yield opened


@pytest.fixture(scope="module")
def client(ledger):
    app = create_app(ledger.store)

    def get(path: str, status: int = 200) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as http:
                return await http.get(path)

        response = asyncio.run(send())
        assert response.status_code == status, (path, response.text[:300])
        return response

    return get


def links(page: str, prefix: str) -> set[str]:
    """The page's links that start with ``prefix``, as a browser would request them (fragment dropped)."""
    return {html.unescape(href).split("#")[0] for href in re.findall(rf'href="({re.escape(prefix)}[^"]*)"', page)}


@pytest.mark.parametrize("article_id", FEED_IDS)
def test_an_article_with_a_feed_id_opens_in_every_page_and_route(client, ledger, article_id):
    article = next(a for a in ledger.articles() if a.id == article_id)
    encoded = quote(article_id, safe="")
    page = client(f"/articles/{encoded}").text
    assert f"<h1 class=\"article-title\">{escape(article.title)}</h1>" in page
    record = client(f"/api/articles/{encoded}").json()
    assert record["id"] == article_id and record["text"] == article.text
    # Its story: the id built from the article id ("st_" + it) opens too, as a page and a record.
    assert article.story and article_id in article.story
    story = client(f"/stories/{quote(article.story, safe='')}").text
    assert f"Story <code>{escape(article.story)}</code>" in story
    assert client(f"/api/stories/{quote(article.story, safe='')}").json()["articles"] == [article_id]
    # Collections filtered by it, and each of its statements by its own id (which holds the article id).
    statements = client(f"/api/statements?article={encoded}").json()["items"]
    assert statements and {s["article"] for s in statements} == {article_id}
    for statement in statements:
        assert client(f"/api/statements/{quote(statement['id'], safe='')}").json()["id"] == statement["id"]


def test_every_link_the_pages_give_opens_its_record(client, ledger):
    stories = links(client("/").text, "/stories/")
    assert len(stories) == len(FEED_IDS), stories
    articles, entities = set(), set()
    for path in stories:
        page = client(path).text
        articles |= links(page, "/articles/")
        assert 'class="story"' in page
    assert len(articles) == len(FEED_IDS), articles
    for path in articles:
        page = client(path).text
        entities |= links(page, "/entities/")
        assert links(page, "/stories/") <= stories  # the article page's link back to its story
    assert entities
    for path in entities:
        assert "<h1>" in client(path).text


@pytest.mark.parametrize("article_id", FEED_IDS)
def test_the_report_links_land_inside_the_file(ledger, article_id):
    story = next(a.story for a in ledger.articles() if a.id == article_id)
    page = story_report(ledger.store, story)
    ids = set(re.findall(r' id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert f"a-{quote(article_id, safe='')}" in targets, "the sources table links the article's text"
    for target in targets:
        assert target in ids, f"dangling link #{target}"


def test_sources_are_named_by_title_outlet_or_site_with_their_url(client, ledger):
    by_url = {a.url: a for a in ledger.articles() if a.url}
    named = next(a for a in ledger.articles() if a.outlet)
    for article, name, link in [(by_url[REUTERS], "reuters.com", REUTERS), (by_url["javascript:alert(1)"], "unknown", None),
                                (by_url["http://Example.ORG:8080/x"], "example.org", "http://Example.ORG:8080/x"),
                                (named, "Example News", None)]:
        page = client(f"/stories/{quote(article.story, safe='')}").text
        sources = page[page.index('id="sources-h"'):].split("</table>")[0]
        row = sources.split("<tbody>")[1].split("</tr>")[0]
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        assert cells[0] == f'<a href="/articles/{quote(article.id, safe="")}">{escape(article.title)}</a>', cells[0]
        assert cells[1] == name
        if link:
            assert cells[2] == f'<a href="{link}" rel="noopener noreferrer">{link}</a>'
        else:
            assert cells[2] == "—" and 'href="javascript:' not in page
        assert article.id not in re.sub(r'href="[^"]*"', "", sources).replace(f"st_{article.id}", ""), "no id shown"
        assert "idUSBREA4N05120140524</td>" not in sources
    # The story list's Outlets column: the outlet, else the site.
    listed = client("/").text
    for article, name in [(by_url[REUTERS], "reuters.com"), (named, "Example News")]:
        row = listed[listed.index(f'href="/stories/{quote(article.story, safe="")}"'):].split("</tr>")[0]
        assert re.findall(r"<td>(.*?)</td>", row)[1] == f"<bdi>{name}</bdi>"
    unnamed = listed[listed.index(f'href="/stories/{quote(by_url["javascript:alert(1)"].story, safe="")}"'):].split("</tr>")[0]
    assert re.findall(r"<td>(.*?)</td>", unnamed)[1] == "—"


def test_the_article_page_links_its_web_url_only(client, ledger):
    by_url = {a.url: a for a in ledger.articles() if a.url}
    page = client(f"/articles/{quote(by_url[REUTERS].id, safe='')}").text
    assert f'<dd><a href="{REUTERS}" rel="noopener noreferrer">{REUTERS}</a></dd>' in page and "<dd>reuters.com</dd>" in page
    page = client(f"/articles/{quote(by_url['javascript:alert(1)'].id, safe='')}").text
    assert '<dd><span class="url">javascript:alert(1)</span></dd>' in page and 'href="javascript:' not in page


def test_the_report_shows_a_url_without_linking_it(ledger):
    article = next(a for a in ledger.articles() if a.url == REUTERS)
    page = story_report(ledger.store, article.story)
    assert f'<span class="url">{REUTERS}</span>' in page and f'href="{REUTERS}"' not in page
    assert "<td>reuters.com</td>" in page


def test_control_and_bidi_characters_are_shown_as_marks_and_isolated(client, ledger):
    article = next(a for a in ledger.articles() if a.id == FEED_IDS[4])
    assert article.outlet == DISGUISED, "ingest keeps the outlet as given"
    listed = client("/").text
    row = listed[listed.index(f'href="/stories/{quote(article.story, safe="")}"'):].split("</tr>")[0]
    assert re.findall(r"<td>(.*?)</td>", row)[1] == "<bdi>CNN[U+202E]evil\u2400</bdi>"
    pages = [listed, client(f"/articles/{quote(article.id, safe='')}").text, client(f"/stories/{quote(article.story, safe='')}").text,
             story_report(ledger.store, article.story)]
    for page in pages:
        assert "CNN[U+202E]evil\u2400" in page
        assert not INVISIBLE.search(page), INVISIBLE.search(page)
    assert "<dd>CNN[U+202E]evil\u2400</dd>" in pages[1]


def test_long_unbroken_text_wraps(client, ledger):
    article = next(a for a in ledger.articles() if a.id == FEED_IDS[4])
    page = client(f"/articles/{quote(article.id, safe='')}").text
    assert LONG_WORD in page  # whole, not cut: the stylesheet wraps it
    body = re.search(r"\nbody \{([^}]*)\}", page).group(1)
    assert "overflow-wrap: anywhere" in body
    isolated = re.search(r"\n([^{}\n]*)\{ unicode-bidi: isolate; \}", page).group(1)
    assert {"a", "td", "dd", "bdi", "small"} <= {s.strip() for s in isolated.split(",")}
