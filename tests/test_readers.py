"""The readers of news as it comes: news-please JSON, WARC crawls, RSS and Atom feeds.

Every file is written here, in tmp_path (WARC records by FastWARC itself,
``crawl_files.py``); none of these tests touches the network. Only the last
one, the whole mixed folder through ``newsledger ingest``, loads the model.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

import brotli
import needs
import pytest
from click.testing import CliRunner

from crawl_files import http_response, news_page, synthetic_page, warc_record, write_warc
from newsledger.errors import InputError
from newsledger.ingest import read_file, read_paths
from newsledger.options import Options
from newsledger.records import Article

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"

BRIDGE = ["The city council voted on Tuesday to close the Elm Street bridge for six weeks of repairs, the mayor said.",
          "Work starts in May, and drivers should use the ring road, the transport department said in a statement."]
FIRE = ["Two people were taken to hospital after a fire at a warehouse on the river front on Monday night, police said.",
        "The cause of the fire is not yet known, and the building was empty when it started, a spokeswoman added."]
STORM = ["The storm cut power to 3,000 homes in the north of the county overnight, the utility company said on Friday.",
         "Crews expect to restore it by Saturday evening, and schools will open as usual on Monday, officials said."]


def read(path: Path, **options) -> tuple[list[Article], list[InputError], list[str]]:
    notes: list[str] = []
    outcomes = list(read_paths([path], Options(**options), notes.append))
    return ([o for o in outcomes if isinstance(o, Article)], [o for o in outcomes if isinstance(o, InputError)], notes)


def news_please(**fields) -> dict:
    """A record as news-please writes it, with every field it writes."""
    record = {"authors": ["Jane Doe"], "date_download": "2017-03-02 08:00:00", "date_modify": None,
              "date_publish": "2017-03-01 12:00:00", "description": "The bridge will close for repairs.",
              "filename": "https%3A%2F%2Fwww.daily.example%2Fbridge.json", "image_url": None, "language": "en",
              "localpath": None, "source_domain": "www.daily.example", "maintext": "\n".join(BRIDGE),
              "title": "Bridge to close for repairs", "title_page": None, "title_rss": None,
              "url": "https://www.daily.example/bridge"}
    record.update(fields)
    return record


# -- news-please JSON -----------------------------------------------------


def test_a_news_please_json_file_is_one_article_with_its_metadata(tmp_path):
    path = tmp_path / "bridge.json"
    path.write_text(json.dumps(news_please(maintext="Bridge to close for repairs\n" + "\n".join(BRIDGE)), indent=2))
    [article], errors, notes = read(path)
    assert not errors and not notes
    assert article.title == "Bridge to close for repairs"
    assert article.outlet == "www.daily.example"
    assert article.url == article.source == "https://www.daily.example/bridge"
    assert (article.published, article.published_source) == ("2017-03-01", "metadata")
    assert article.text == "\n".join(BRIDGE)  # the headline repeated as the first line is dropped
    assert article.summary_only is False


def test_a_json_array_reads_every_good_element_and_names_the_index_of_a_bad_one(tmp_path):
    path = tmp_path / "crawl.json"
    path.write_text(json.dumps([
        news_please(),
        news_please(maintext=42),
        news_please(maintext="\n".join(FIRE), title="Warehouse fire", url=None, date_publish="None",
                    source_domain="www.fire.example"),
    ]))
    articles, [error], _ = read(path)
    assert [a.title for a in articles] == ["Bridge to close for repairs", "Warehouse fire"]
    assert articles[1].source == f"{path}[2]"  # no URL: the file and the index
    assert (articles[1].published, articles[1].outlet) == (None, "www.fire.example")  # news-please's "None" is no date
    assert str(error).startswith(f"{path}: at index 1 of the array: the field 'maintext' must be a string, got a number")
    assert error.line is None and "Try: a .json file holds one article object" in str(error)


def test_a_record_without_text_is_its_description_and_says_so(tmp_path):
    path = tmp_path / "summaries.json"
    path.write_text(json.dumps([news_please(maintext=None), news_please(maintext=None, description=None)]))
    [article], [error], _ = read(path)
    assert article.text == "The bridge will close for repairs." and article.summary_only is True
    assert "at index 1 of the array: no text: 'maintext' null and no description" in str(error)


@pytest.mark.parametrize(
    ("content", "reason", "line"),
    [
        ('{"articles": [{"text": "x"}]}', "missing the required field 'text' (fields present: articles)", None),
        ('"just words"', "expected a JSON object or an array of objects, got a string", None),
        ("[]", "no articles: the array is empty", None),
        ('{"title": "Bridge",\n "maintext": "The council voted', "malformed JSON: Unterminated string", 2),
        ("The council voted on Tuesday to close the bridge.", "malformed JSON: Expecting value", 1),
        ('{"maintext": "x", "date_publish": "last week"}', "the field 'date_publish' is not a date: 'last week'", None),
    ],
)
def test_json_of_the_wrong_shape_is_an_error_naming_the_file_never_prose(tmp_path, content, reason, line):
    path = tmp_path / "wrong.json"
    path.write_text(content)
    articles, [error], _ = read(path)
    assert not articles
    assert error.path == str(path) and error.line == line and error.reason.startswith(reason), str(error)


def test_a_json_file_of_one_object_per_line_is_read_as_json_lines_and_says_so(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text("\n".join(json.dumps(news_please(maintext=t, url=None)) for t in ("\n".join(FIRE), "\n".join(STORM))))
    articles, errors, [note] = read(path)
    assert [a.text.split(" ")[0] for a in articles] == ["Two", "The"] and not errors
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]
    assert note == f"{path}: holds one JSON object per line; read as JSON Lines"


def test_json_lines_in_news_please_fields(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        news_please(),
        {"text": "\n".join(FIRE), "date_publish": "2017-03-04T09:30:00", "source_domain": "www.fire.example"},
        {"maintext": None, "title": "Only a title"},
    ]))
    articles, [error], _ = read(path)
    assert [(a.title, a.outlet, a.published) for a in articles] == [
        ("Bridge to close for repairs", "www.daily.example", "2017-03-01"),
        ("Two people were taken to hospital after a fire at a warehouse on the river front on Monday night, police said.",
         "www.fire.example", "2017-03-04"),
    ]
    assert error.line == 3 and "no text: 'maintext' null and no description" in error.reason


def test_giveme5w1h_files_ingest_natively():
    folder = needs.benchmark(BENCHMARKS / "giveme5w1h" / "news_cluster", "Giveme5W1H's news_cluster")
    articles, errors, _ = read(folder)
    assert len(articles) == len(list(folder.glob("*.json"))) == 383 and not errors
    raw = json.loads(sorted(folder.glob("*.json"))[0].read_text())
    [first] = [a for a in articles if a.url == raw["url"]]
    assert (first.title, first.outlet, first.published) == (raw["title"], raw["source_domain"], raw["date_publish"][:10])
    assert first.text in raw["text"] and not first.text.startswith("{")
    # The annotated set names its outlet "publisher"; one article's date is the string "None".
    annotated, errors, _ = read(BENCHMARKS / "giveme5w1h" / "data")
    assert len(annotated) == 96 and not errors and all(a.outlet for a in annotated)
    assert sum(a.published is None for a in annotated) == 1


# -- WARC -------------------------------------------------------------------


def crawl(path: Path) -> Path:
    """A small crawl as a crawler writes it: two pages among records that hold none."""
    dated = news_page("Bridge to close", BRIDGE, published="2024-05-08", site="Daily Example")
    undated = news_page("Warehouse fire", FIRE)
    return write_warc(path, [
        warc_record("warcinfo", None, b"software: test-crawler\r\nformat: WARC File Format 1.1\r\n"),
        warc_record("request", "https://www.daily.example/bridge", b"GET /bridge HTTP/1.1\r\nHost: www.daily.example\r\n\r\n"),
        warc_record("response", "https://www.daily.example/bridge", http_response(dated)),
        warc_record("metadata", "https://www.daily.example/bridge", b"fetchTimeMs: 120\r\n"),
        warc_record("response", "https://www.daily.example/old", http_response(b"", status="301 Moved Permanently")),
        warc_record("response", "https://www.daily.example/logo.png", http_response(b"\x89PNG\r\n", "image/png")),
        warc_record("response", "https://fire.example/news/warehouse", http_response(undated), date="2024-05-09T23:59:00Z"),
    ])


def no_pages(path: Path) -> Path:
    return write_warc(path, [
        warc_record("warcinfo", None, b"software: test-crawler\r\n"),
        warc_record("request", "https://a.example/", b"GET / HTTP/1.1\r\n\r\n"),
        warc_record("response", "https://a.example/data.json", http_response(b"{}", "application/json")),
    ])


def cut_short(path: Path) -> Path:
    """Three pages, gzipped record by record, cut 200 bytes before the end: inside the third record."""
    pages = [news_page(f"Report {i}", [f"Report {i}: " + BRIDGE[0], BRIDGE[1]]) for i in range(3)]
    whole = write_warc(path, [warc_record("response", f"https://a.example/{i}", http_response(p))
                              for i, p in enumerate(pages)]).read_bytes()
    path.write_bytes(whole[:-200])
    return path


def with_login(path: Path) -> Path:
    login = b"<html><head><title>Log in</title></head><body><form><input name='user'></form></body></html>"
    return write_warc(path, [warc_record("response", "https://a.example/login", http_response(login)),
                             warc_record("response", "https://a.example/fire", http_response(news_page("Fire", FIRE)))])


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_file_yields_its_html_pages_and_counts_what_it_skips(tmp_path, name):
    path = crawl(tmp_path / name)
    [bridge, fire], errors, [note] = read(path)
    assert not errors
    assert (bridge.url, bridge.source, bridge.title, bridge.outlet) == (
        "https://www.daily.example/bridge", "https://www.daily.example/bridge", "Bridge to close", "Daily Example")
    assert (bridge.published, bridge.published_source) == ("2024-05-08", "metadata")  # the page's own date wins
    assert bridge.text == "\n".join(BRIDGE)
    assert fire.outlet == "fire.example"  # the page names none: the URI's host
    assert (fire.published, fire.published_source) == ("2024-05-09", "crawl")  # else the day it was fetched
    assert fire.text == "\n".join(FIRE)
    assert note == (f"{path}: skipped 5 of 7 WARC records that hold no HTML page (1 HTTP 3xx response, 1 metadata, "
                    "1 request, 1 response of image/png, 1 warcinfo)")


def test_warc_payloads_are_decoded_as_the_server_sent_them(tmp_path):
    page = news_page("Storm", STORM)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(page[i:i + 500]), page[i:i + 500]) for i in range(0, len(page), 500)) + b"0\r\n\r\n"
    latin = news_page("Café reopens", ["Le café de la gare a rouvert ses portes mardi matin après deux mois de travaux, "
                                       "a indiqué la mairie dans un communiqué publié lundi soir."])
    path = write_warc(tmp_path / "encoded.warc.gz", [
        warc_record("response", "https://a.example/gzip", http_response(gzip.compress(page), headers=[("Content-Encoding", "gzip")])),
        warc_record("response", "https://a.example/br", http_response(brotli.compress(page), headers=[("Content-Encoding", "br")])),
        warc_record("response", "https://a.example/chunked", http_response(chunked, headers=[("Transfer-Encoding", "chunked")])),
        warc_record("response", "https://a.example/deflate", http_response(zlib.compress(page), headers=[("Content-Encoding", "deflate")])),
        warc_record("response", "https://a.example/latin", http_response(
            latin.replace(b"charset='utf-8'", b"").decode().encode("latin-1"), "text/html; charset=iso-8859-1")),
        warc_record("resource", "file:///saved/storm.html", page, content_type="text/html"),
    ])
    articles, errors, _ = read(path)
    assert not errors
    assert [a.text for a in articles[:4]] == ["\n".join(STORM)] * 4
    assert articles[4].title == "Café reopens" and articles[4].text.startswith("Le café de la gare")
    assert articles[5].url == "file:///saved/storm.html"


def test_a_warc_file_with_no_html_records_is_an_error(tmp_path):
    path = no_pages(tmp_path / "no_pages.warc.gz")
    articles, [error], notes = read(path)
    assert not articles and not notes
    assert str(error) == (f"{path}: no HTML pages among its 3 WARC records (1 request, 1 response of application/json, "
                          "1 warcinfo) Try: give a WARC file of fetched news pages (e.g. CC-NEWS)")


def test_a_truncated_warc_gz_yields_the_pages_before_the_cut_then_names_the_record(tmp_path):
    outcomes = list(read_file(cut_short(tmp_path / "cut.warc.gz")))
    assert [type(o).__name__ for o in outcomes] == ["Article", "Article", "InputError"]  # streamed, in order
    assert [o.title for o in outcomes[:2]] == ["Report 0", "Report 1"]
    error = outcomes[2]
    assert error.reason.startswith("record 3 (https://a.example/2, at byte ") and "the file ends inside it" in error.reason
    assert "fetch it again" in error.hint


@pytest.mark.parametrize("into", [3, 60, 250, 420])  # the version line, WARC headers, HTTP headers, the payload
def test_a_warc_cut_anywhere_in_its_last_record_names_that_record(tmp_path, into):
    records = [warc_record("response", f"https://a.example/{name}", http_response(news_page(name, lines)))
               for name, lines in (("fire", FIRE), ("storm", STORM))]
    path = tmp_path / "cut.warc"
    path.write_bytes(records[0] + records[1][:into])
    [article], [error], notes = read(path)
    assert article.url == "https://a.example/fire" and not notes
    assert error.reason.startswith("record 2 ") and ("fetch it again" in error.hint), str(error)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("words.warc", b"These are words, not WARC records.\n", "the first record cannot be read (Invalid WARC header)"),
        ("junk.warc.gz", gzip.compress(b"not a crawl"), "the first record cannot be read"),
        ("bad_gzip.warc.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 40, "the first record cannot be read"),
    ],
)
def test_a_file_that_is_not_warc_is_an_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    articles, [error], _ = read(path)
    assert not articles and reason in error.reason and error.path == str(path)


def test_a_page_without_article_text_in_a_warc_is_named_and_the_rest_read(tmp_path):
    [article], [error], _ = read(with_login(tmp_path / "login.warc"))
    assert article.url == "https://a.example/fire"
    assert error.reason.startswith("record 1 (https://a.example/login, at byte 0): no article text found")


def test_reading_a_warc_holds_one_record_at_a_time(tmp_path, monkeypatch):
    """Memory does not grow with the file: 400 pages take no more than 50 (the HTML reader stubbed)."""
    import newsledger.ingest.warc as warc

    monkeypatch.setattr(warc, "article_from_html", lambda html, source, options, **_: Article(source, source, html[:10]))
    peaks = {}
    for count in (50, 400):
        path = write_warc(tmp_path / f"{count}.warc.gz", (
            warc_record("response", f"https://a.example/{i}", http_response(synthetic_page(i))) for i in range(count)))
        tracemalloc.start()
        try:
            seen = sum(1 for _ in read_file(path))
            peaks[count] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert seen == count
    assert peaks[400] < 1.5 * peaks[50] + 100_000, peaks


# -- RSS and Atom -------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Daily Example</title><link>https://www.daily.example/</link>
<item><title>Bridge to close</title><link>https://www.daily.example/bridge</link>
<pubDate>Sun, 02 Jul 2023 23:30:00 -0500</pubDate>
<description>The bridge will close.</description>
<content:encoded><![CDATA[<p>{BRIDGE[0]}</p><p>{BRIDGE[1]}</p><div class="share">Share this</div>]]></content:encoded></item>
<item><title>Storm cuts power</title><link>https://www.daily.example/storm</link>
<pubDate>Mon, 03 Jul 2023 08:00:00 GMT</pubDate>
<description>{STORM[0]} &lt;a href="/storm"&gt;Read more&lt;/a&gt;</description></item>
<item><title>Too short</title><link>https://www.daily.example/short</link><description>Read more.</description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fire Watch</title><id>urn:fire</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Warehouse fire</title><link href="https://fire.example/warehouse"/><id>urn:1</id>
<published>2024-01-01T23:00:00-05:00</published><updated>2024-01-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;{FIRE[0]}&lt;/p&gt;&lt;p&gt;{FIRE[1]}&lt;/p&gt;</content></entry>
<entry><title type="html">Storm &lt;em&gt;update&lt;/em&gt;</title><link rel="alternate" href="https://fire.example/storm"/><id>urn:2</id>
<updated>2024-01-03T07:00:00Z</updated><summary>{STORM[1]}</summary></entry>
</feed>
"""


def test_an_rss_feed_gives_each_entry_with_the_feed_as_outlet(tmp_path):
    path = tmp_path / "daily.rss"
    path.write_text(RSS)
    [bridge, storm], [short], [note] = read(path)
    assert (bridge.title, bridge.url, bridge.source, bridge.outlet) == (
        "Bridge to close", "https://www.daily.example/bridge", "https://www.daily.example/bridge", "The Daily Example")
    assert (bridge.published, bridge.published_source) == ("2023-07-02", "metadata")  # the day as written, not UTC's
    assert bridge.text == "\n".join(BRIDGE) and bridge.summary_only is False
    assert storm.text == STORM[0] + " Read more" and storm.summary_only is True
    assert storm.published == "2023-07-03"
    assert short.reason == "entry 3 (https://www.daily.example/short): no article text found (its summary has 2 words)"
    assert note == f"{path}: 1 of 3 entries give only a summary, stored as such (summary_only)"


def test_an_atom_feed_in_an_xml_file_is_sniffed_and_read(tmp_path):
    path = tmp_path / "fire.xml"
    path.write_text(ATOM)
    [fire, storm], errors, [note] = read(path)
    assert not errors and "1 of 2 entries give only a summary" in note
    assert (fire.title, fire.url, fire.outlet, fire.published) == (
        "Warehouse fire", "https://fire.example/warehouse", "Fire Watch", "2024-01-01")
    assert fire.text == "\n".join(FIRE)
    assert (storm.title, storm.published, storm.summary_only) == ("Storm update", "2024-01-03", True)  # <updated>
    assert storm.text == STORM[1]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("words.rss", "The council voted on Tuesday to close the bridge, the mayor said.",
         "not an RSS or Atom feed: not well-formed XML"),
        ("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
         "not an RSS or Atom feed: XML without an <rss>, <feed> or <rdf:RDF> root"),
        ("empty.atom", '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing yet</title></feed>',
         "the feed has no entries"),
    ],
)
def test_a_file_that_is_not_a_feed_is_an_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    articles, [error], _ = read(path)
    assert not articles and error.path == str(path) and error.reason.startswith(reason), str(error)
    assert "--format" in error.hint


def test_a_feed_cut_short_is_read_as_far_as_it_goes_and_says_so(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("<item><title>Storm")])
    [bridge], errors, [note] = read(path)
    assert bridge.title == "Bridge to close" and not errors
    assert note.startswith(f"{path}: the feed is not well-formed XML (") and note.endswith("lenient parser got (1 entry)")


# -- choosing the reader ---------------------------------------------------------


def test_format_forces_a_reader_when_the_suffix_lies(tmp_path):
    path = tmp_path / "crawl.txt"
    path.write_text(json.dumps(news_please()) + "\n")
    [as_text], _, _ = read(path)
    assert as_text.text.startswith('{"authors"')  # the suffix says text
    [forced], errors, _ = read(path, input_format="jsonl")
    assert forced.title == "Bridge to close for repairs" and not errors
    with pytest.raises(ValueError, match="input_format must be one of auto, text, jsonl, json, html, warc, feed"):
        Options(input_format="pdf")


def test_summary_only_is_stored_and_read_back():
    from newsledger.store import rows as R
    from newsledger.store.database import LedgerStore

    article = Article("a1", "feed.rss:entry 1", STORM[0], summary_only=True)
    assert R.article_from_row(R.article_row(article, 0, 10, None, [], "x")).summary_only is True
    with LedgerStore() as store:
        columns = {r["column_name"]: r for r in store.rows(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'")}
    assert columns["summary_only"]["data_type"] == "BOOLEAN"


# -- one folder, every format, one command ------------------------------------------


@pytest.mark.model
def test_a_folder_mixing_every_format_ingests_in_one_command(tmp_path):
    import duckdb

    from newsledger.cli import main
    from newsledger.ledger import SAMPLES

    folder = tmp_path / "news as it comes"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(sorted(SAMPLES.glob("*.txt"))[0].read_bytes())
    (folder / "wire.jsonl").write_text(json.dumps({"text": " ".join(STORM), "published": "2024-01-03"}) + "\n")
    (folder / "bridge.json").write_text(json.dumps(news_please()))
    (folder / "fire.html").write_bytes(news_page("Warehouse fire", FIRE, published="2024-01-01"))
    crawl(folder / "crawl.warc.gz")
    (folder / "daily.rss").write_text(RSS)
    (folder / "watch.atom").write_text(ATOM)
    db = tmp_path / "ledger.duckdb"

    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--today", "2026-12-05"])
    assert result.exit_code == 1, result.output  # the feed's too-short entry
    [error] = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert error.startswith(f"error: {folder / 'daily.rss'}: entry 3 (https://www.daily.example/short)")
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert f"note: {folder / 'crawl.warc.gz'}: skipped 5 of 7 WARC records that hold no HTML page" in "\n".join(notes)
    assert sum("give only a summary" in n for n in notes) == 2
    assert "Traceback" not in result.output
    # The bridge story comes as news-please JSON, a crawled page and a feed entry, the fire as a page, a crawled
    # page and an Atom entry: one article each (the same text, the same id), the later copies already stored.
    assert "6 added, 4 already stored, 1 failed" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT source, (outlet, published, published_source, summary_only) FROM articles "
                                  "WHERE source LIKE 'http%'").fetchall())
    assert stored == {
        "https://www.daily.example/bridge": ("www.daily.example", "2017-03-01", "metadata", False),  # bridge.json
        "https://fire.example/news/warehouse": ("fire.example", "2024-05-09", "crawl", False),  # crawl.warc.gz
        "https://www.daily.example/storm": ("The Daily Example", "2023-07-03", "metadata", True),  # daily.rss
        "https://fire.example/storm": ("Fire Watch", "2024-01-03", "metadata", True),  # watch.atom
    }

    lying = tmp_path / "mirror.txt"  # a feed saved as .txt would be read as prose
    lying.write_text(ATOM.replace("Fire Watch", "Fire Watch Mirror").replace("Monday", "Sunday")
                     .replace("Saturday", "Sunday"))
    forced = CliRunner().invoke(main, ["ingest", str(lying), "--format", "feed", "--db", str(db), "--quiet"])
    assert forced.exit_code == 0, forced.output
    with duckdb.connect(str(db), read_only=True) as con:
        titles = con.execute("SELECT title FROM articles WHERE outlet = 'Fire Watch Mirror' ORDER BY title").fetchall()
    assert titles == [("Storm update",), ("Warehouse fire",)]


def test_the_progress_bar_counts_what_the_readers_yield(tmp_path):
    from newsledger.ingest import count_articles

    crawl(tmp_path / "crawl.warc.gz")
    (tmp_path / "daily.rss").write_text(RSS)
    (tmp_path / "crawl.json").write_text(json.dumps([news_please(), news_please(maintext=42), news_please(title="x")]))
    assert count_articles([str(tmp_path)]) == len(list(read_paths([tmp_path]))) == 2 + 3 + 3


def test_the_progress_bar_counts_with_the_reader_format_names_and_skips_huge_files(tmp_path, monkeypatch):
    from newsledger import ingest
    from newsledger.ingest import count_articles

    lying = tmp_path / "crawl.txt"  # a JSON array under a suffix that says text
    lying.write_text(json.dumps([news_please(), news_please(title="y"), news_please(title="x")]))
    assert count_articles([str(lying)]) == 1
    assert count_articles([str(lying)], "json") == 3
    monkeypatch.setattr(ingest, "COUNTED_BYTES", 10)  # not read twice to size a bar
    assert count_articles([str(lying)], "json") == 1


def build_doc_cases(root: Path) -> None:
    """The files of docs/robustness.md's "Bad crawls, feeds and crawler JSON" table."""
    crawl(root / "crawl.warc.gz")
    no_pages(root / "no_pages.warc.gz")
    cut_short(root / "cut.warc.gz")
    (root / "words.warc").write_bytes(b"These are words, not WARC records.\n")
    with_login(root / "login.warc")
    (root / "daily.rss").write_text(RSS)
    (root / "cut.rss").write_text(RSS[: RSS.index("<item><title>Storm")])
    (root / "words.rss").write_text("The council voted on Tuesday to close the bridge, the mayor said.")
    (root / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    (root / "crawl.json").write_text(json.dumps([news_please(), news_please(maintext=42), news_please(maintext=None)]))
    (root / "wrapped.json").write_text('{"articles": [{"text": "x"}]}')
    (root / "prose.json").write_text("The council voted on Tuesday to close the bridge.")
    (root / "lines.json").write_text("\n".join(json.dumps(news_please(maintext=t)) for t in ("\n".join(FIRE), "\n".join(STORM))))


def test_the_robustness_doc_gives_each_readers_messages_as_they_are(tmp_path):
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "robustness.md").read_text(encoding="utf-8")
    section = doc.split("## Bad crawls, feeds and crawler JSON", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([^`]+)` \|[^|]*\| ([^|]*) \|", section, re.M)}
    build_doc_cases(tmp_path)
    assert sorted(rows) == sorted(p.name for p in tmp_path.iterdir())
    for name in rows:
        row = section[section.index(f"| `{name}` |"):].split("\n", 1)[0]
        articles, errors, notes = read(tmp_path / name)
        said = [f"error: {e}" for e in errors] + [f"note: {n}" for n in notes]
        quoted = re.findall(r"`((?:error|note): [^`]+)`", row.replace("\\|", "|"))
        assert len(quoted) == len(said), (name, said)
        for message in quoted:
            start = message.split("…")[0]
            assert any(s.replace(f"{tmp_path}/", "").startswith(start) for s in said), (message, said)
        assert f"{len(articles)} stored" in rows[name] or (not articles and rows[name].startswith("refused")), name
