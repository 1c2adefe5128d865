"""Readers: files written to tmp_path → the Articles and InputErrors they yield.

None of these tests loads the spaCy model or touches the network.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import socket
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest import read_file, read_paths
from newsledger.ingest.files import binary_kind, detect_format
from newsledger.ingest.jsonl import article_from_json_line
from newsledger.options import Options
from newsledger.records import Article

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "data" / "samples"

BODY = "Two people were killed in a blast in Kabul on Monday, police said."

ARTICLE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rama: MKO must leave | Tehran Times</title>
<meta property="og:site_name" content="Tehran Times">
<meta property="article:published_time" content="2023-07-02T10:00:00+03:30">
<link rel="canonical" href="https://www.tehrantimes.com/news/1234/rama">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rama: MKO must leave</h1>
<p>Albanian Prime Minister Edi Rama has said the Mujahedin-e Khalq Organization (MKO) must leave the
country if they seek war with Iran.</p>
<p>“The MKO has been present in our country for years,” Rama said in an interview with the German
magazine Spiegel.</p>
</article><footer>Copyright 2023</footer></body></html>
"""

LOGIN_PAGE = """<!DOCTYPE html><html><head><title>Log in</title></head>
<body><nav><a href="/">Home</a></nav><form><input name="user"><button>Log in</button></form></body></html>
"""

UNDATED_PAGE = """<html><head><title>Clash at Ashraf-3</title></head><body><article>
<p>On 12 March 2022 Albanian police entered the camp of the MKO near Durres, officials said, and one
person died in the clash that followed.</p></article></body></html>"""

LATIN1_PAGE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
    "<body><article><p>The caf\xe9 owner in Tirana said the police had closed the road near the camp "
    "on Tuesday morning after the clash.</p></article></body></html>"
).encode("cp1252")


KABUL_P = "<p>Two people were killed in a blast in Kabul on Monday, police said, and a dozen others were hurt.</p>"
NO_ARTICLE_PAGE = (
    "<!DOCTYPE html><html><head><title>Kabul blast kills two</title><meta name='description' content='Two people "
    "were killed in a blast in Kabul on Monday, police said, and a dozen were hurt.'></head><body></body></html>"
)
SCRIPTS_ONLY_PAGE = (
    "<html><head><script>var story = '" + "Kabul blast " * 200 + "';</script><style>p {color: red}</style></head>"
    "<body><script>document.write('" + KABUL_P + "')</script><noscript>Enable JavaScript.</noscript></body></html>"
)


def nested_page(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + KABUL_P + "</div>" * depth + "</body></html>"


# Other scripts, combining accents, emoji (astral: two UTF-16 units), a ZWNJ and Persian digits: kept as written.
PERSIAN = "رئیس‌جمهور روز سه‌شنبه گفت که دولت تسلیم فشار اتحادیه‌ها نخواهد شد. ۲ نفر کشته شدند 😢."
CHINESE = "总统星期二表示，政府不会屈服于工会的压力。两人在喀布尔的爆炸中丧生。"
MIXED = "The café owner in Zürich said “Привет” and 你好 to the crowd 👩‍👩‍👧 on Tuesday, police said of the e\u0301vent."
RUSSIAN_PAGE = (
    "<html><head><meta charset='utf-8'><title>Взрыв в Кабуле</title></head><body><article><p>Президент заявил во "
    "вторник, что правительство не уступит давлению профсоюзов, говорится в сообщении. Два человека погибли.</p>"
    "</article></body></html>"
)


def article(**fields) -> tuple[str, dict]:
    return ("article", fields)


def error(reason: str, line: int | None = None, hint: str | None = None) -> tuple[str, dict]:
    return ("error", {"reason": reason, "line": line, "hint": hint})


def jsonl(*lines: object) -> bytes:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode("utf-8")


# (file name, bytes written, expected outcomes in order)
FILE_CASES = [
    ("plain.txt", BODY.encode(), [article(text=BODY, published=None, published_source="none", language="en")]),
    (
        "header.txt",
        b" date 2023-07-02 Albanian Prime Minister Edi Rama spoke.\r\n\r\nHe said more.\r\n",
        [
            article(
                text="Albanian Prime Minister Edi Rama spoke.\n\nHe said more.",
                published="2023-07-02",
                published_source="header",
            )
        ],
    ),
    ("bad_header.txt", b"\n\ndate 2023-02-30 Body text.", [error("not a real date", line=3, hint="YYYY-MM-DD")]),
    ("empty.txt", b"", [error("empty file")]),
    ("blank.txt", b"  \n\t\r\n ", [error("only whitespace")]),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [error("binary file (PNG image)")]),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", [error("binary file (PDF)", hint="pdftotext")]),
    ("archive.txt", gzip.compress(BODY.encode()), [error("binary file (gzip)", hint="gunzip")]),
    ("nul.txt", b"Some text\x00\x01\x02 then junk", [error("contains NUL bytes")]),
    (
        "latin1.txt",
        "Line one\nThe café was closed.\n".encode("latin-1"),
        [error("not valid UTF-8: byte 0xE9 at byte offset 16", line=2, hint="re-encode the file as UTF-8")],
    ),
    ("utf16.txt", ("date 2023-07-02 " + BODY).encode("utf-16"), [article(text=BODY, published="2023-07-02")]),
    ("utf8bom.txt", b"\xef\xbb\xbf" + BODY.encode(), [article(text=BODY)]),
    ("utf16_no_bom.txt", BODY.encode("utf-16-le"), [error("UTF-16 text without a byte-order mark")]),
    ("README", BODY.encode(), [article(text=BODY)]),  # unknown suffix, text content
    # -- JSON Lines: good lines around bad ones still yield, errors name the line
    (
        "feed.jsonl",
        jsonl(
            {"text": BODY, "id": "a1", "url": "https://example.com/a1", "published": "2023-07-02T23:30:00-04:00"},
            '{"text": "broken line", ',
            {"id": "a3", "body": "wrong field name"},
            {"text": ["not", "a", "string"]},
            "",
            {"text": "Rama said the MKO must leave Albania.", "outlet": "Press TV", "published": "2023-07-03"},
            [1, 2],
            {"text": "Police said three people were hurt.", "published": "yesterday"},
            {"text": "Another article about the camp.", "id": "a1"},
            {"text": "An article with a numeric id.", "id": 42, "title": None},
        ),
        [
            article(id="a1", source="https://example.com/a1", published="2023-07-02", published_source="metadata"),
            error("malformed JSON", line=2),
            error("missing the required field 'text' (fields present: body, id)", line=3),
            error("the field 'text' must be a string, got an array", line=4),
            article(source="{dir}/feed.jsonl:6", outlet="Press TV", published="2023-07-03", text="Rama said the MKO must leave Albania."),
            error("expected a JSON object, got an array", line=7),
            error("the field 'published' is not a date: 'yesterday'", line=8, hint="ISO 8601"),
            error("id 'a1' was already used on line 1", line=9),
            article(id="42", source="{dir}/feed.jsonl:10"),
        ],
    ),
    (
        "bad_bytes.ndjson",
        jsonl({"text": "First article text."}).replace(b"First", b"Fir\xffst")
        + b"\n"
        + jsonl({"text": "Second article text."}),
        [error("not valid UTF-8: byte 0xFF at byte offset 13", line=1), article(text="Second article text.")],
    ),
    ("header_in.jsonl", jsonl({"text": "date 2023-13-01 Body."}), [error("not a real date", line=1)]),
    ("blank.jsonl", b"\n\n  \n", [error("no articles")]),
    ("utf16.jsonl", (json.dumps({"text": BODY}) + "\n").encode("utf-16"), [article(text=BODY)]),
    ("sniffed", jsonl({"text": BODY, "id": "s1"}), [article(id="s1", text=BODY)]),  # no suffix: sniffed
    # -- saved web pages
    (
        "page.html",
        ARTICLE_PAGE.encode(),
        [
            article(
                title="Rama: MKO must leave",
                outlet="Tehran Times",
                url="https://www.tehrantimes.com/news/1234/rama",
                published="2023-07-02",
                published_source="metadata",
                text_starts="Albanian Prime Minister Edi Rama",
            )
        ],
    ),
    ("login.htm", LOGIN_PAGE.encode(), [error("no article text found", hint="article's own page")]),
    ("url_only.html", b"https://www.example.com/news/1234", [error("no article text found")]),
    ("cp1252.html", LATIN1_PAGE, [article(text_starts="The café owner in Tirana")]),
    ("undeclared.html", LATIN1_PAGE.replace(b"charset=windows-1252", b""), [error("not valid UTF-8", line=1)]),
    ("lying.html", LATIN1_PAGE.replace(b"windows-1252", b"utf-8"), [error("not valid UTF-8", line=1)]),
    ("saved_page", ARTICLE_PAGE.encode(), [article(outlet="Tehran Times")]),  # no suffix: sniffed
    # a date only in the text is not metadata: the pubdate stage infers it and says so
    ("undated.html", UNDATED_PAGE.encode(), [article(published=None, published_source="none")]),
    ("no_article.html", NO_ARTICLE_PAGE.encode(), [error("no article text found (the page's main text has 0 words)")]),
    ("scripts_only.html", SCRIPTS_ONLY_PAGE.encode(), [error("no article text found")]),
    ("nested.html", nested_page(200).encode(), [article(text=KABUL_P[3:-4])]),
    # libxml2 stops at 256 levels: the article inside is lost, and the error says why (no recursion error, no hang)
    ("too_nested.html", nested_page(5_000).encode(), [error("nests its elements 256 deep", hint=".txt or JSONL")]),
    # -- other languages: recorded as such, every character kept
    ("persian.txt", f"date 2023-07-02 {PERSIAN}\r\n".encode(), [article(text=PERSIAN, language="fa", published="2023-07-02")]),
    ("mixed.txt", MIXED.encode("utf-16"), [article(text=MIXED, language="en")]),
    ("chinese.jsonl", jsonl({"text": CHINESE, "id": "zh1"}, {"text": f"  {PERSIAN}\n"}),
     [article(id="zh1", text=CHINESE, language="zh"), article(text=PERSIAN, language="fa")]),
    ("russian.html", RUSSIAN_PAGE.encode(), [article(title="Взрыв в Кабуле", language="ru", text_starts="Президент заявил")]),
]


def check(outcomes: list, expected: list, directory: Path, path: Path) -> None:
    assert [type(o).__name__ for o in outcomes] == [
        "Article" if kind == "article" else "InputError" for kind, _ in expected
    ], outcomes
    for outcome, (kind, fields) in zip(outcomes, expected):
        if kind == "error":
            assert outcome.path == str(path)  # the message names the file ...
            assert str(path) in str(outcome)
            assert fields["reason"] in outcome.reason
            assert outcome.line == fields["line"]  # ... and the line
            if fields["line"] is not None:
                assert f"{path}:{fields['line']}: " in str(outcome)
            if fields["hint"]:
                assert fields["hint"] in outcome.hint
            else:
                assert outcome.hint, "every input error says what to try"
            continue
        for name, value in fields.items():
            if name == "text_starts":
                assert outcome.text.startswith(value), outcome.text
            else:
                want = value.format(dir=directory) if isinstance(value, str) else value
                assert getattr(outcome, name) == want, name
        assert "\r" not in outcome.text
        assert outcome.text == outcome.text.strip()


@pytest.mark.parametrize(("name", "data", "expected"), FILE_CASES, ids=[case[0] for case in FILE_CASES])
def test_read_file(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    check(list(read_file(path)), expected, tmp_path, path)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the readers must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("name", ["page.html", "url_only.html", "login.htm"])
def test_html_never_touches_the_network(tmp_path, no_network, name):
    data = {case[0]: case[1] for case in FILE_CASES}[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_file(path))  # an article or an error, no AssertionError from a socket


def test_article_id_is_the_content_hash_unless_given(tmp_path):
    (tmp_path / "a.txt").write_text(BODY + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY, "id": "mine"}))
    from_text, from_line, given = read_paths([tmp_path])
    assert from_text.id == from_line.id and len(from_text.id) == 16
    assert given.id == "mine"


@pytest.mark.parametrize(
    ("limit", "name", "data", "expected"),
    [
        (20, "long.txt", BODY.encode(), "too large (66 characters); articles are limited to 20 characters"),
        (5, "long.txt", BODY.encode(), "too large (66 bytes); articles are limited to 5 characters"),  # refused unread
        (20, "long.jsonl", jsonl({"text": BODY}), "too large (66 characters)"),
        (20, "long.html", ARTICLE_PAGE.encode(), "too large ("),
        (1_000, "fits.txt", BODY.encode(), None),
    ],
)
def test_size_limit_is_configurable(tmp_path, limit, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    [outcome] = read_file(path, Options(max_article_chars=limit))
    if expected is None:
        assert isinstance(outcome, Article)
        return
    assert isinstance(outcome, InputError)
    assert expected in outcome.reason and str(path) in str(outcome)
    assert "max_article_chars" in outcome.hint


def test_a_20_mb_article_is_refused_before_it_is_read(tmp_path):
    import tracemalloc

    sentence = b"Police said two people were killed in a blast in Kabul on Monday. "
    body = (sentence * (20_000_000 // len(sentence) + 1))[:20_000_000]
    after = jsonl({"text": BODY})  # the line after a refused one is still read

    def read(name: str, data: bytes, options: Options) -> tuple[list, int]:
        path = tmp_path / name
        path.write_bytes(data)
        tracemalloc.start()
        try:
            return list(read_file(path, options)), tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # Text and pages: refused by their size on disk, not one byte of them read.
    for name, data in [("big.txt", body), ("big.html", b"<html><body><p>" + body + b"</p></body></html>")]:
        [refused], peak = read(name, data, Options())
        assert "too large (20,000,0" in refused.reason and "bytes)" in refused.reason
        assert peak < 1_000_000
    # JSON Lines: a line is refused once 12 bytes per allowed character of it are read ...
    line = b'{"text": "' + body + b'"}\n' + after
    (refused, kept), peak = read("big.jsonl", line, Options(max_article_chars=1_000_000))
    assert "bytes on one line" in refused.reason and refused.line == 1 and kept.text == BODY
    assert peak < 3 * 12 * 1_000_000
    # ... and parsed below it (an escaped character takes up to 12), keeping two copies at most.
    (refused, kept), peak = read("big.jsonl", line, Options(max_article_chars=2_000_000))
    assert "too large (20,000,000 characters)" in refused.reason and kept.text == BODY
    assert peak < 2.5 * len(body)


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(BODY)
    real_open = pathlib.Path.open

    def denied(self, *args, **kwargs):  # chmod is no barrier to root, so refuse here
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", denied)
    [outcome] = read_paths([tmp_path])
    assert isinstance(outcome, InputError)
    assert outcome.path == str(path) and "Permission denied" in outcome.reason
    assert "chmod" in outcome.hint


def build_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "z.txt").write_text("Zed article text.")
    (root / "b" / "a.txt").write_text("Aye article text.")
    (root / "c.txt").write_text("See article text.")
    (root / "a.jsonl").write_text(json.dumps({"text": "Line one article."}) + "\n" + json.dumps({"text": "Line two."}))
    (root / ".hidden.txt").write_text("Hidden file text.")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("Hidden folder text.")
    (root / "b" / "loop").symlink_to(root, target_is_directory=True)  # a link back up the tree
    (root / "b" / "again.txt").symlink_to(root / "c.txt")  # the same file twice


def test_folders_are_walked_sorted_without_hidden_files_or_loops(tmp_path):
    build_tree(tmp_path)
    outcomes = list(read_paths([tmp_path]))
    assert all(isinstance(o, Article) for o in outcomes), outcomes
    assert [o.text for o in outcomes] == [
        "Line one article.",
        "Line two.",
        "Aye article text.",
        "See article text.",  # via b/again.txt, the first path that reaches it
        "Zed article text.",
    ]
    assert outcomes[2].source == str(tmp_path / "b" / "a.txt")
    assert list(read_paths([tmp_path])) == outcomes  # deterministic


@pytest.mark.parametrize(
    ("make", "given", "expected"),
    [
        (lambda root: None, "missing", "no such file or folder"),
        (lambda root: (root / "a_dangling").symlink_to(root / "gone.txt"), ".", "broken symbolic link"),
        (lambda root: os.mkfifo(root / "a_pipe"), ".", "not a regular file (a named pipe)"),
    ],
)
def test_missing_and_odd_paths_are_errors(tmp_path, make, given, expected):
    make(tmp_path)
    (tmp_path / "ok.txt").write_text(BODY)
    outcomes = list(read_paths([tmp_path / given, tmp_path / "ok.txt"]))
    assert isinstance(outcomes[0], InputError) and expected in outcomes[0].reason
    assert str(tmp_path) in str(outcomes[0])
    assert isinstance(outcomes[-1], Article)  # the batch goes on


def test_explicit_hidden_file_and_single_path_string(tmp_path):
    (tmp_path / ".note.txt").write_text(BODY)
    [outcome] = read_paths(str(tmp_path / ".note.txt"))
    assert isinstance(outcome, Article) and outcome.text == BODY


def test_seed_004_header_is_stripped():
    outcomes = {Path(a.source).stem: a for a in read_paths([SAMPLES])}
    seed = outcomes["004_940144aa6ef8bbfa"]
    assert seed.published == "2023-07-02" and seed.published_source == "header"
    assert seed.text.startswith("Albanian Prime Minister")
    other = outcomes["000_47efa3854fc7cff5"]
    assert other.published is None and other.text.startswith("The Iranian Foreign Ministrys spokesman")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4", "PDF"),
        (b"PK\x03\x04rest", "ZIP archive or Office document"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP image"),
        ("text".encode("utf-16"), None),
        (b"plain words", None),
    ],
)
def test_binary_kind(head, kind):
    found = binary_kind(head)
    assert (found[0] if found else None) == kind


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.TXT", b"<html>", "text"),  # the suffix wins
        ("a.NDJSON", b"", "jsonl"),
        ("page", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        ("dump", b'{"id": 1, "text": "x"}\n', "jsonl"),
        ("notes", b"{curly} words", "text"),
        # crawls, feeds and crawler JSON (tests/test_readers.py reads them)
        ("crawl.warc.gz", b"\x1f\x8b", "warc"),
        ("CRAWL.WARC", b"", "warc"),
        ("article.json", b"{", "json"),
        ("news.rss", b"", "feed"),
        ("news.atom", b"", "feed"),
        ("news.xml", b'<?xml version="1.0"?>\n<!-- a feed -->\n<rss version="2.0">', "feed"),
        ("sitemap.xml", b'<?xml version="1.0"?><urlset>', "feed"),  # the feed reader says it is none
        ("download", gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), "warc"),
        ("download", b"WARC/1.0\r\n", "warc"),
        ("download", b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("export", b'[\n  {"maintext": "x"}]', "json"),
        ("export", b'{"maintext": "x", "title": "t"}\n', "jsonl"),
        ("notes", b"[Reuters] The council voted.", "text"),
    ],
)
def test_detect_format(name, head, kind):
    assert detect_format(Path(name), head) == kind


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "Body.", "published": "2023-07-02T10:00:00Z"}', "2023-07-02"),
        ('{"text": "Body.", "published": "2023-07-02 10:00"}', "2023-07-02"),
        ('{"text": "Body.", "published": null}', None),
        ('{"text": "Body.", "published": 20230702}', "must be a string, got a number"),
        ('{"text": "Body.", "title": 5}', "'title' must be a string"),
        ('{"text": "Body.", "id": true}', "'id' must be a string, got a boolean"),
        ('{"text": "   "}', "the article has no text"),
        ('"just a string"', "expected a JSON object, got a string"),
    ],
)
def test_json_line_fields(line, expected):
    try:
        result = article_from_json_line(line, "feed.jsonl", 7, Options()).published
    except InputError as err:
        assert expected in err.reason and str(err).startswith("feed.jsonl:7: ")
        return
    assert result == expected


@pytest.mark.parametrize(
    ("raw", "published", "text"),
    [
        ("\ufeffdate 2023-07-02 Body one.", "2023-07-02", "Body one."),  # BOM left by a utf-8 decode
        ("DATE 2023-07-02\r\n\r\nBody two.\r\nMore.", "2023-07-02", "Body two.\nMore."),
        ("dated 2023-07-02 is not a header.", None, "dated 2023-07-02 is not a header."),
        ("Body first. date 2023-07-02 later", None, "Body first. date 2023-07-02 later"),
    ],
)
def test_article_from_text_header(raw, published, text):
    from newsledger.ingest.text import article_from_text

    result = article_from_text(raw)
    assert (result.published, result.text) == (published, text)
