"""What the fuzzing checks: for each target, strategies for its inputs and the
property every input must keep. ``test_fuzz.py`` runs them with few examples in
the suite; ``bench/fuzz.py`` runs the same targets with many.

The properties: readers yield an ``Article`` or an ``InputError`` and raise
nothing; an article's text is non-empty, stripped and free of ``\\r``; time
expressions and casualty figures have spans inside their text and
well-formed values; nothing else escapes.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from newsledger.errors import InputError
from newsledger.extract.casualties import find_casualties
from newsledger.extract.quantities import parse_number, parse_quantity
from newsledger.extract.pubdate import infer_publication_date
from newsledger.extract.timenorm import normalize
from newsledger.extract.timevocab import (
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)
from newsledger.extract.timex import TimeExpression, find_time_expressions, value_times
from newsledger.ingest import read_file
from newsledger.ingest.jsonl import article_from_json_line
from newsledger.ingest.text import DATE_HEADER, article_from_text, split_date_header
from newsledger.options import Options
from newsledger.records import Article


@dataclass(frozen=True)
class Target:
    """``check(*args)`` must pass for every ``args`` the strategies draw."""

    name: str
    strategies: tuple[SearchStrategy, ...]
    check: Callable[..., None]
    model: bool = False  # loads the real spaCy model: few examples in the suite


# --- inputs -----------------------------------------------------------------

# Pieces that stress offsets and decoding: other scripts, combining marks,
# astral characters (emoji, one code point but two UTF-16 units), joiners,
# bidi marks, line separators other than "\n", a BOM.
MULTILINGUAL = [
    "Police said", " two people were killed", " on Tuesday.", " June 20, 2023", " at least 12 ", "\n\n",
    "قال الرئيس", " مرحبا", "Президент заявил", " Привет", "总统表示", "東京で", "대통령은", "Ελλάδα", "שלום",
    "café", "e\u0301", "Zürich", "😀", "👩‍👩‍👧", "🇮🇷", "\u200f", "\u200d", "\u2028", "\x85", "\r\n", "\r", "\t", "\ufeff",
    "\u00a0", "“quoted”", "’", "‐", "–", " date 2023-07-02 ",
]
multilingual_text = st.lists(st.sampled_from(MULTILINGUAL) | st.text(max_size=8), max_size=20).map("".join)
# Not text: a JSON escape can make them, Python strings hold them, UTF-8 refuses them.
SURROGATES = st.tuples(multilingual_text, st.sampled_from(["\ud800", "\udfff"]), multilingual_text).map("".join)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]


@st.composite
def encoded_text(draw) -> bytes:
    header = draw(st.sampled_from(["", "date 2023-07-02 ", "date 2023-02-30 ", " \n date 0000-00-00\n", "DATE 1999-12-31\t"]))
    return (header + draw(multilingual_text)).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
dates_as_text = st.dates().map(date.isoformat) | st.datetimes().map(lambda d: d.isoformat()) | st.text(max_size=12)
article_fields = st.fixed_dictionaries(
    {},
    optional={
        "text": multilingual_text | SURROGATES | json_values,
        "id": st.text(max_size=6) | st.integers() | json_values,
        "url": st.text(max_size=10) | json_values,
        "title": st.text(max_size=10) | SURROGATES | json_values,
        "outlet": st.text(max_size=10) | json_values,
        "published": dates_as_text | json_values,
    },
)
json_line = (
    st.tuples(article_fields, st.booleans()).map(lambda pair: json.dumps(pair[0], ensure_ascii=pair[1]))
    | st.text(max_size=40)
    | st.sampled_from(["[" * 3_000, '{"a": ' * 2_000, '{"text": "x", "id": ' + "7" * 5_000 + "}", "{}", "null", "1e999"])
)
jsonl_bytes = st.lists(json_line, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))

CHARSETS = ["utf-8", "windows-1252", "iso-8859-1", "koi8-r", "shift_jis", "utf-16", "rot13", "base64", "hex", "zlib",
            "undefined", "idna", "punycode", "unicode_escape", "bogus-charset", "uu"]
HTML_PIECES = [
    "<!DOCTYPE html>", "<html>", "<head>", "</head>", "<body>", "</body>", "</html>", "<article>", "</article>",
    "<p>", "</p>", "<div>", "</div>", "<script>var x = '<p>not text</p>';</script>", "<style>p{}</style>",
    "<title>Kabul blast</title>", '<meta property="article:published_time" content="2023-07-02T10:00:00Z">',
    '<meta property="article:published_time" content="9999-99-99">', '<time datetime="0000-00-00">',
    '<link rel="canonical" href="https://example.com/a">', "<!--", "-->", "<![CDATA[", "]]>", "&#0;", "&#xD800;",
    "&nbsp;", "&bogus;", "<table><tr><td>cell</td></tr></table>",
    "<p>Two people were killed in a blast in Kabul on Monday, police said, and a dozen were hurt.</p>",
]


@st.composite
def html_bytes(draw) -> bytes:
    parts = [f'<meta charset="{draw(st.sampled_from(CHARSETS))}">'] if draw(st.booleans()) else []
    parts += draw(st.lists(st.sampled_from(HTML_PIECES) | multilingual_text, max_size=15))
    depth = draw(st.sampled_from([0, 0, 300, 3_000]))  # deeply nested pages
    html = "".join(parts[:3]) + "<div>" * depth + "".join(parts[3:]) + "</div>" * depth
    return html.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), errors="replace")


file_bytes = st.binary(max_size=300) | encoded_text() | jsonl_bytes | html_bytes()
SUFFIXES = [".txt", ".jsonl", ".ndjson", ".html", ".htm", "", ".md"]

# Time words the rules read, joined with numbers and noise.
TIME_WORDS = sorted(
    {*MONTHS, *WEEKDAYS, *NUMBER_WORDS, *VAGUE_AMOUNTS, *SEASONS, *UNITS, *(u + "s" for u in UNITS), *HOLIDAYS}
    | {"the", "of", "this", "last", "next", "ago", "earlier", "later", "that", "same", "following", "year-ago",
       "quarter", "first", "third", "half", "end", "fiscal", "early", "mid", "late", "every", "a.m.", "p.m.", "noon",
       "midnight", "today", "tomorrow", "yesterday", "tonight", "now", "recently", "century", "'80s", "1980s", "20th",
       "1988", "88", "-", ",", ":", "/", "T", "the year ended", "at least", "nearly", "from now"}
)
# Numeric dates and clock times, real or not: "2023-13-45", "2/30/2023", "25:99".
numeric_time = st.from_regex(
    r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?)?|\d\d?/\d\d?/(\d\d|\d{4})|\d\d?(:\d\d)? ?([ap]\.m\.)?", fullmatch=True)
time_phrase = st.lists(
    st.sampled_from(TIME_WORDS) | st.integers(0, 10**12).map(str) | numeric_time, min_size=1, max_size=6,
).map(" ".join) | st.text(max_size=20)
# The whole calendar, its ends included: a date header may say 9999-12-31.
any_day = st.dates() | st.sampled_from([date.min, date.max, date(9999, 12, 25), date(1, 1, 2)])
anchors = st.none() | any_day
tenses = st.sampled_from([None, "past", "present", "future"])
references = st.none() | st.sampled_from(["1995", "1989-Q3", "1998-10-23", "2023-06", "9999", "0001-01-01", "XXXX-06-20", "P1Y"])
time_text = st.lists(time_phrase | multilingual_text, max_size=6).map(" ".join)

# Figure phrases: the words ``parse_quantity`` reads, joined with numbers and noise.
FIGURE_WORDS = [
    "at least", "more than", "over", "up to", "fewer than", "nearly", "almost", "some", "about", "between", "and", "to",
    "-", "of", "no", "a", "an", "zero", "one", "two", "twelve", "twenty", "ninety", "dozen", "dozens", "hundred",
    "hundreds", "thousand", "thousands", "tens of thousands", "million", "billion", "several", "a few", "scores",
]
figure_phrase = st.lists(
    st.sampled_from(FIGURE_WORDS) | st.integers(0, 10**9).map(str) | st.integers(0, 10**6).map("{:,}".format)
    | st.sampled_from(["1.5", "0.5", "9" * 400, "1" + "0" * 330]),
    min_size=1, max_size=5,
).map(" ".join) | st.text(max_size=20)
casualty_sentence = st.tuples(
    figure_phrase, st.sampled_from([
        "{} people were killed and {} injured in the blast.", "The death toll rose to {} after {} were wounded.",
        "{} soldiers died; {} others were hurt.", "The attack left {} dead and {} wounded, police said.",
    ]), figure_phrase,
).map(lambda parts: parts[1].format(parts[0], parts[2]))


# --- properties -------------------------------------------------------------

TIME_TYPES = {"DATE", "TIME", "DURATION", "SET"}
# TIMEX3 values as newsledger writes them (see ``timenorm``'s docstring).
_Y = r"(?:\d{4}|XXXX)"
TIME_VALUE = re.compile(
    r"(?:PRESENT|PAST|FUTURE)_REF"
    r"|P(?:\d+(?:\.\d+)?|X)[YMWDQ]|PT(?:\d+(?:\.\d+)?|X)[HMS]"
    r"|\d{2,3}"  # a century, a decade
    rf"|{_Y}(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W\d\d(?:-WE)?|-WXX-[1-7]|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T\d\d:\d\d(?::\d\d)?)?"
)
_NUMERIC = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d))?|(\d{4})-W(\d\d)")
_CLOCK = re.compile(r"T(\d\d):(\d\d)")
QUALIFIERS = {"exact", "at_least", "at_most", "about", "range", "vague", "update"}


def check_time_value(kind: str, value: str | None) -> None:
    """A TimeML type and a value that is None or well-formed: real months, days and clock times."""
    assert kind in TIME_TYPES, kind
    if value is None:
        return
    assert TIME_VALUE.fullmatch(value), value
    numeric = _NUMERIC.match(value)
    if numeric and numeric.group(3):
        date.fromisoformat(numeric.group(0))  # raises on 2023-02-30
    elif numeric and numeric.group(2):
        assert 1 <= int(numeric.group(2)) <= 12, value
    elif numeric:
        assert 1 <= int(numeric.group(5)) <= 53, value
    clock = _CLOCK.search(value)
    if clock:
        assert int(clock.group(1)) <= 23 and int(clock.group(2)) <= 59, value


def check_article(article: Article) -> None:
    assert article.text and article.text == article.text.strip() and "\r" not in article.text, repr(article.text)
    assert article.id and article.language
    article.text.encode("utf-8")  # storable: no lone surrogates
    if article.published is not None:
        date.fromisoformat(article.published)
    assert article.published_source in {"header", "metadata", "none"}


def check_read_file(data: bytes, suffix: str) -> None:
    """Any bytes under any name: articles or input errors naming the file, nothing raised."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for outcome in read_file(path, Options(max_article_chars=50_000)):
            if isinstance(outcome, InputError):
                assert outcome.path == str(path) and outcome.reason and str(path) in str(outcome)
            else:
                assert isinstance(outcome, Article), outcome
                check_article(outcome)


def check_json_line(line: str) -> None:
    """One JSONL line: an article, or an InputError naming the file and the line."""
    try:
        article = article_from_json_line(line, "feed.jsonl", 7, Options())
    except InputError as err:
        assert (err.path, err.line) == ("feed.jsonl", 7) and str(err).startswith("feed.jsonl:7: ")
        return
    check_article(article)


def check_text(raw: str) -> None:
    """Seed-format text: an article whose header, if any, is cut off, or an InputError about the header."""
    header = DATE_HEADER.match(raw.removeprefix("\ufeff"))
    try:
        article = article_from_text(raw, "a.txt")
    except InputError as err:
        assert err.path == "a.txt", err
        assert any(why in err.reason for why in ("date header", "no text", "unpaired surrogate")), err
        return
    check_article(article)
    if header:
        assert (article.published, article.published_source) == ("-".join(header.groups()), "header")


def check_date_header(year: int, month: int, day: int, before: str, body: str) -> None:
    """``date YYYY-MM-DD``: a real date is published, an impossible one an InputError on the header's line."""
    raw = f"{before}date {year:04d}-{month:02d}-{day:02d} {body}"
    try:
        real = date(year, month, day).isoformat()
    except ValueError:
        real = None
    try:
        published, rest = split_date_header(raw, "a.txt")
    except InputError as err:
        assert real is None, raw
        assert err.line == before.count("\n") + 1 and f"{year:04d}-{month:02d}-{day:02d}" in err.reason
        return
    assert published == real and rest == body.lstrip(" \t")


def check_normalize(text: str, anchor: date | None, tense, reference: str | None) -> None:
    check_time_value(*normalize(text, anchor, tense, reference))


@cache
def blank_english():
    """A tokenizer only: the rules of ``find_time_expressions`` without the model's entities."""
    import spacy

    return spacy.blank("en")


def check_time_expressions(text: str, anchor: date | None) -> None:
    """Extents inside the text, in order, not overlapping, each with a well-formed value."""
    expressions = find_time_expressions(blank_english()(text))
    end = 0
    for expression in expressions:
        assert end <= expression.start < expression.end <= len(text), expression
        assert text[expression.start:expression.end] == expression.text
        end = expression.end
    for kind, value in value_times(expressions, anchor):
        check_time_value(kind, value)


def check_publication_date(mentions: list[tuple[str, str | None]], today: date) -> None:
    """An inferred day is never after ``today``, and its evidence is what it was given."""
    expressions, offset = [], 0
    for text, tense in mentions:
        expressions.append(TimeExpression(offset, offset + len(text), text, tense))
        offset += len(text) + 1
    guess = infer_publication_date(expressions, today)
    if guess is None:
        return
    assert guess.day <= today and 0 < guess.confidence <= 1
    assert all(e in expressions for e in guess.evidence) and guess.day.year in guess.candidate_years


def check_quantity(phrase: str) -> None:
    """A figure is a non-negative range, min <= max, or None."""
    number = parse_number(phrase)
    assert number is None or (isinstance(number, int) and number >= 0), number
    quantity = parse_quantity(phrase)
    if quantity is None:
        return
    assert quantity.qualifier in QUALIFIERS and quantity.text == " ".join(phrase.split())
    bounds = [b for b in (quantity.min, quantity.max) if b is not None]
    assert bounds and all(isinstance(b, int) and b >= 0 for b in bounds), quantity
    assert quantity.min is None or quantity.max is None or quantity.min <= quantity.max, quantity


def check_casualties(sentence: str) -> None:
    """Figures in a parsed sentence: spans on their own words, ranges as in ``check_quantity``."""
    from newsledger.nlp import load_pipeline

    doc = load_pipeline()(sentence)
    for figure in find_casualties(doc[:]):
        quantity = figure.quantity
        assert 0 <= quantity.start < quantity.end <= len(sentence)
        assert sentence[quantity.start:quantity.end] == quantity.text
        assert figure.kind in {"killed", "injured"}
        check_quantity(quantity.text)


TARGETS = [
    Target("read_file", (file_bytes, st.sampled_from(SUFFIXES)), check_read_file),
    Target("json_line", (json_line,), check_json_line),
    Target("text_header", (st.sampled_from(["", " ", "\n\n", "\ufeff"]).flatmap(
        lambda lead: (multilingual_text | SURROGATES).map(lambda body: lead + body) | encoded_text().map(
            lambda data: lead + data.decode("latin-1"))),), check_text),
    Target("date_header", (st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99),
                           st.sampled_from(["", " ", "\n", "\n \n\t"]), multilingual_text), check_date_header),
    Target("normalize", (time_phrase, anchors, tenses, references), check_normalize),
    Target("time_expressions", (time_text, anchors), check_time_expressions),
    Target("publication_date", (st.lists(st.tuples(time_phrase, tenses), max_size=6), any_day), check_publication_date),
    Target("quantity", (figure_phrase,), check_quantity),
    Target("casualties", (casualty_sentence,), check_casualties, model=True),
]
BY_NAME = {target.name: target for target in TARGETS}
