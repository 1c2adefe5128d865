"""The web app under fuzzed requests (issue #8): hypothesis draws paths, ids, query strings and methods
(unicode, ``../``, ``%2e%2e/``, NUL, very long, HTML and JS payloads, quotes) and sends them to the app
in-process, as uvicorn would hand them over, over a ledger whose stored articles carry the same payloads.

Every answer must be one the app means to give: never a 5xx; HTML whose only tags are the templates'
own, with no event-handler attribute, no ``javascript:`` link and no payload reflected unescaped; JSON
under ``/api/``; no file from disk; every method but GET and HEAD refused. Afterwards the database file
is byte for byte what it was.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.kinds import KINDS as DECLARED
from newsledger.kinds import NAMES
from newsledger.ledger import SAMPLES, Ledger
from newsledger.web import create_app
from newsledger.web.spans import Span, highlight, visible

PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>", "<!--", "]]>", "&lt;script&gt;", "{{ 7*7 }}", "{% raw %}", "\u202e", "\x00",
]
HOSTILE_ARTICLES = [
    {"id": "hostile-1", "title": 'Mayor <script>alert(1)</script> says "no"', "outlet": "Evil \"Daily\" <b onclick='x'>",
     "url": "javascript:alert(1)",
     "text": ("date 2024-03-05\nMayor John Smith said on Monday that <script>alert(1)</script> was found in the town hall "
              '"><img src=x onerror=alert(1)>. "We will fix the <script>alert(2)</script> today," Smith told reporters, '
              "' onmouseover='alert(3)' and </textarea><svg onload=alert(4)> aside.")},
    {"id": "hostile-2", "title": "Council & <i>friends</i>", "outlet": "The 'Quoted' Times",
     "text": ("date 2024-03-06\nJohn Smith, the mayor, told the council on Tuesday that at least 3 people were injured "
              "when the <script> tag fell. \"It was {{ 7*7 }} and {% raw %},\" he said.")},
]
# Text of the ledger's articles is escaped, so a "<" of a payload never reaches a page as written.
NEVER_VERBATIM = ["<script", "<img", "<svg onload", "</textarea", "<b ", "<i>", "<!--"]
# The tags the templates write; anything else in a page came from data or a request.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "nav", "main", "h1", "h2", "h3", "h4", "p", "form",
    "label", "input", "button", "div", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "small", "code", "span",
    "strong", "br", "dl", "dt", "dd", "svg", "line", "text", "circle", "rect", "section", "article", "footer", "bdi",
}
KINDS = list(NAMES)  # every collection the API serves
PREFIXES = ["/", "/stories/", "/articles/", "/entities/", "/static/", "/api/", "/api/openapi.json/",
            *[f"/api/{kind}/" for kind in KINDS]]
# Lines of files the server can reach on disk (/etc/passwd, the project, the ledger, the templates):
# none may come back unless the request itself carried the words.
ON_DISK = ["root:x:0:", "[project]", "DUCK", "{% extends", "from __future__"]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += attrs


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web-fuzz") / "ledger.duckdb"
    with Ledger(path) as ledger:
        ledger.ingest([SAMPLES])
        assert ledger.add_texts(HOSTILE_ARTICLES).failed == 0
    return path


@pytest.fixture(scope="module")
def served(db):
    """(the app over the ledger opened read-only, the paths of its pages and records); afterwards, checks
    that the database file is untouched."""
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with Ledger(db, read_only=True) as ledger:
        store = ledger.store
        ids = {kind.table: [r[0] for r in store.con.execute(f"SELECT id FROM {kind.table} ORDER BY id").fetchall()]
               for kind in DECLARED if kind.record_pages}
        assert {"hostile-1", "hostile-2"} <= set(ids["articles"])
        paths = ["/", *[f"/api/{kind}" for kind in KINDS]]
        paths += [f"/{kind}/{i}" for kind in ("articles", "stories", "entities") for i in ids[kind]]
        paths += [f"/api/{kind}/{i}" for kind in ids for i in ids[kind]]
        counts = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("articles", "mentions", "statements", "labels")}
        yield create_app(store, ["testserver"]), paths
        assert counts == {t: store.scalar(f"SELECT count(*) FROM {t}") for t in counts}
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before, "the database file changed"
    assert not db.with_name(db.name + ".wal").exists()


def call(app, method: str, target: str) -> tuple[int, dict[str, str], bytes]:
    """One request as uvicorn hands it to the app: ``target`` is the ASCII request target, the path is
    percent-decoded (invalid UTF-8 becomes U+FFFD), the query string stays raw."""
    raw_path, _, query = target.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": unquote(raw_path), "raw_path": raw_path.encode("ascii"), "query_string": query.encode("ascii"),
        "root_path": "", "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    try:
        asyncio.run(app(scope, receive, send))
    except Exception as exc:  # the app let an error out: as bad as a 500
        raise AssertionError(f"{method} {target!r} raised {exc!r}") from exc
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def check_answer(method: str, target: str, status: int, headers: dict[str, str], body: bytes) -> None:
    where = f"{method} {target[:300]!r} -> {status}"
    assert status < 500, where
    assert "frame-ancestors 'none'" in headers["content-security-policy"], where  # on every answer, JSON included
    if 300 <= status < 400:  # the redirect from a trailing slash: a path on this server, never another host
        location = urlsplit(headers["location"])
        assert not location.scheme and not location.netloc and location.path.startswith("/"), f"{where}: to {location}"
        assert not location.path.startswith("//"), f"{where}: to {location}"
        return
    asked = unquote(target)
    for line in ON_DISK:
        assert line.encode() not in body or line in asked, f"{where}: {line!r} from a file on disk"
    content_type = headers.get("content-type", "")
    if content_type.startswith("application/json"):
        payload = json.loads(body)
        if status >= 400:
            assert payload["status"] == status and payload["error"], where
        return
    assert not unquote(target.partition("?")[0]).startswith("/api/"), f"{where}: the API answered {content_type}"
    assert content_type.startswith("text/html"), where
    assert "default-src 'none'" in headers["content-security-policy"], where
    page = body.decode("utf-8")
    lowered = page.lower()
    for marker in NEVER_VERBATIM:
        assert marker not in lowered, f"{where}: {marker!r} in the page"
    parser = Tags()
    parser.feed(page)
    assert parser.tags <= TEMPLATE_TAGS, f"{where}: tags {parser.tags - TEMPLATE_TAGS}"
    for name, value in parser.attributes:
        assert not name.startswith("on"), f"{where}: attribute {name}"
        assert not (value or "").strip().lower().startswith("javascript:"), f"{where}: {name}={value!r}"


# -- strategies -------------------------------------------------------------

pieces = st.sampled_from(["..", "../", "%2e%2e/", "%2E%2E%2F", "..%2f", "%00", "\x00", "/", "//", "\\", "%", "%zz", "%ff%fe",
                          ".", "~", "etc/passwd", "pyproject.toml", "static/style.css", "ledger.duckdb", "?", "#", "&", "=",
                          "st_", "ent_", "0000000000000000", " ", "\t", "\n", "é", "😀", "\u202e", "x" * 300, *PAYLOADS])
segment = st.lists(pieces | st.text(max_size=12), max_size=6).map("".join)
query_value = st.lists(pieces | st.text(max_size=10) | st.integers(-10**12, 10**12).map(str), max_size=4).map("".join)
query_key = st.sampled_from(["q", "entity", "date", "page", "limit", "story", "article", "speaker", "kind", "mode", "type",
                             "name", "outlet", "facet", "event", "aligned", "value", "voice", "label", "entity"]) | st.text(max_size=8)
paging = st.tuples(st.sampled_from(["page", "limit"]),
                   st.integers(-10**20, 10**20).map(str) | st.sampled_from(["", " 1", "1.5", "1e3", "0x10", "٣", "²", "+2"]))


def query_pairs(ids: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    return st.lists(st.tuples(query_key, query_value | st.sampled_from(ids)) | paging, max_size=4)


safe = st.sampled_from(["/", "/", "/%", "/.%", "/%&=", ""])  # left unencoded: raw "%zz", "..", "&", "/"


def known(paths: list[str]) -> st.SearchStrategy[str]:
    """One of the app's paths: a list (``/``, ``/api/KIND``) as often as a record's page."""
    lists = [p for p in paths if p == "/" or p.count("/") == 2 and p.startswith("/api/")]
    return st.sampled_from(lists) | st.sampled_from([p for p in paths if p not in lists])


@st.composite
def targets(draw, paths: list[str]) -> str:
    """An ASCII request target: a real page or record, one with fuzz appended, or fuzz under one of the
    app's prefixes; and a query string."""
    real = known(paths)
    path = draw(real | st.tuples(real, segment).map("".join) | st.tuples(st.sampled_from(PREFIXES), segment).map("".join))
    path = quote(path, safe=draw(safe))
    ids = [p.rsplit("/", 1)[-1] for p in paths]
    pairs = draw(query_pairs(ids))
    query = "&".join(f"{quote(k, safe=draw(safe))}={quote(v, safe=draw(safe))}" for k, v in pairs)
    return ("" if path.startswith("/") else "/") + path + ("?" + query if query else "")


# -- properties ---------------------------------------------------------------

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_fuzzed_get_requests_get_a_deliberate_safe_answer(served):
    app, paths = served

    @FUZZ
    @given(target=targets(paths), method=st.sampled_from(["GET", "HEAD"]))
    def check(target, method):
        status, headers, body = call(app, method, target)
        if method == "GET":
            check_answer(method, target, status, headers, body)
        else:
            assert status < 500 and status == call(app, "GET", target)[0], (target, status)

    check()


def test_known_paths_with_fuzzed_queries_answer_200_or_400(served):
    """Real pages and collections, fuzzed filters and paging: only ever 200, 400 or (an unknown id) 404."""
    app, paths = served
    ids = [p.rsplit("/", 1)[-1] for p in paths]

    @FUZZ
    @given(path=known(paths), pairs=query_pairs(ids))
    def check(path, pairs):
        target = path + "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
        status, headers, body = call(app, "GET", target)
        assert status in (200, 400, 404), (target, status, body[:300])
        check_answer("GET", target, status, headers, body)

    check()


def test_every_other_method_is_refused(served):
    app, paths = served
    methods = st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL"]) | \
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10).filter(lambda m: m not in ("GET", "HEAD"))

    @FUZZ
    @given(target=targets(paths), method=methods)
    def check(target, method):
        status, headers, _ = call(app, method, target)
        assert status == 405 and headers["allow"] == "GET, HEAD", (method, target, status)

    check()
    for path in paths[:: max(1, len(paths) // 20)]:
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert call(app, method, path)[0] == 405, (method, path)


def test_stored_payloads_reach_the_pages_escaped(served):
    """The hostile articles' payloads are on their pages, as text."""
    app, _ = served
    for target in ("/articles/hostile-1", "/articles/hostile-2", "/?q=script", "/?q=%3Cscript%3E"):
        status, headers, body = call(app, "GET", target)
        assert status == 200, target
        check_answer("GET", target, status, headers, body)
    body = call(app, "GET", "/articles/hostile-1")[2]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body and b"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in body
    story = json.loads(call(app, "GET", "/api/articles/hostile-1")[2])["story"]
    status, headers, body = call(app, "GET", f"/stories/{story}")
    check_answer("GET", f"/stories/{story}", status, headers, body)
    assert status == 200 and "Mayor &lt;script&gt;alert(1)&lt;/script&gt; says &#34;no&#34;" in body.decode()


# -- the highlighted text, on its own ---------------------------------------

@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PAYLOADS + ["&", "<", ">", '"', "'", " ", "é", "😀", "\x00", "\u202e", "\u2067", "\x85"]) | st.text(max_size=6), max_size=12).map("".join),
       spans=st.lists(st.tuples(st.integers(-2, 80), st.integers(-2, 80), st.sampled_from(["ent", "claim", "time", '"><x']),
                                st.sampled_from(["", *PAYLOADS])), max_size=8))
def test_highlighted_text_is_the_text_escaped_with_span_tags_only(text, spans):
    html = str(highlight(text, [Span(start, end, kind, note) for start, end, kind, note in spans]))
    parser = Tags()
    words: list[str] = []
    parser.handle_data = words.append
    parser.feed(html)
    parser.close()
    assert parser.tags <= {"span"}
    assert {name for name, _ in parser.attributes} <= {"class", "id", "title", "data-note", "tabindex"}
    # The text itself, its invisible characters shown as marks: a NUL or a bidi override never reaches the HTML.
    assert "".join(words) == visible(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", html)
