"""RSS and Atom feed files (``.rss``, ``.atom``, an ``.xml`` that is a feed), read with feedparser.

Each entry is one article:

- its text is the entry's content (Atom ``<content>``, RSS
  ``<content:encoded>``), HTML turned into text by trafilatura
  (``html.read_page``); an entry with only a summary (RSS ``<description>``,
  Atom ``<summary>``) is stored as that summary and says so
  (``Article.summary_only``), and one note per file counts them;
- ``title``, ``url`` (the entry's link, also its ``source``) and the feed's
  title as ``outlet``;
- the date of ``<pubDate>``/``<published>``, else of ``<updated>``/``<dc:date>``,
  as the feed writes it (not moved to UTC).

Only the file's bytes are parsed: nothing is fetched. An entry without text,
or with too few words to be an article, is an ``InputError`` naming the file
and the entry; the other entries are read. A file that is not a feed (not
XML, or XML of another kind) is one ``InputError``. A feed that is not
well-formed XML is read as far as feedparser's lenient parser gets, with a
note saying so.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import HTML_TYPES, MAX_CONTAINER_BYTES, Note, read_container, too_long
from .html import MIN_ARTICLE_WORDS, drop_title_line, read_page, stripped_or_none
from .text import article_from_text

NOT_A_FEED_HINT = "give a saved RSS or Atom feed, or name the reader with --format"
SHORT_HINT = "save the article's own page (HTML) and ingest that"


def read_feed(path: Path, options: Options, note: Note | None = None) -> Iterator[Article | InputError]:
    """The entries of one feed file as articles, and an InputError for each one that fails."""
    import feedparser

    source = str(path)
    try:
        data = read_container(path, MAX_CONTAINER_BYTES, hint="split the feed into smaller files")
        parsed = feedparser.parse(data)
    except InputError as err:
        yield err
        return
    except Exception as err:  # feedparser's failures must not stop the batch
        yield InputError(source, f"the feed could not be parsed ({type(err).__name__}: {err})")
        return
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        what = f"not well-formed XML ({broken})" if broken else "XML without an <rss>, <feed> or <rdf:RDF> root"
        yield InputError(source, f"not an RSS or Atom feed: {what}", hint=NOT_A_FEED_HINT)
        return
    if not parsed.entries:
        yield InputError(source, "the feed has no entries", hint=NOT_A_FEED_HINT)
        return
    outlet = stripped_or_none(parsed.feed.get("title"))
    summaries = 0
    for number, entry in enumerate(parsed.entries, 1):
        link = stripped_or_none(entry.get("link"))
        place = f"entry {number} ({link or stripped_or_none(entry.get('title')) or 'no link'})"
        try:
            article = _article(entry, link or f"{source}:entry {number}", outlet, options)
        except InputError as err:
            yield InputError(source, f"{place}: {err.reason}", hint=err.hint)
            continue
        summaries += article.summary_only
        yield article
    if note and broken:
        read = len(parsed.entries)
        note(f"{source}: the feed is not well-formed XML ({broken}); read as far as feedparser's lenient parser "
             f"got ({read:,} entr{'y' if read == 1 else 'ies'})")
    if note and summaries:
        note(f"{source}: {summaries:,} of {len(parsed.entries):,} entries give only a summary, stored as such "
             "(summary_only)")


def _article(entry, source: str, outlet: str | None, options: Options) -> Article:
    contents = entry.get("content") or []
    summary_only = not any((c.get("value") or "").strip() for c in contents)
    if summary_only:
        contents = [entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}]
    body = max(contents, key=lambda c: (c.get("type") in HTML_TYPES, len(c.get("value") or "")))
    value = (body.get("value") or "").strip()
    what = "summary" if summary_only else "content"
    if not value:
        raise InputError(source, "the entry has no content and no summary", hint=SHORT_HINT)
    if body.get("type") in HTML_TYPES:
        try:
            text = read_page(value, source, options, with_metadata=False).text
        except InputError as err:
            raise InputError(source, err.reason.replace("the page's main text", f"its {what}"), hint=SHORT_HINT) from None
    else:
        text = value
        words = len(text.split())
        if words < MIN_ARTICLE_WORDS:
            raise InputError(source, f"its {what} has {words} word{'s' * (words != 1)}, too few for an article",
                             hint=SHORT_HINT)
    title = _title(entry)
    if len(text) > options.max_article_chars:
        raise too_long(source, f"its {what}: {len(text):,} characters", options.max_article_chars)
    return article_from_text(drop_title_line(text, title), source, title=title,
                             url=stripped_or_none(entry.get("link")),
                             outlet=outlet, published=_published(entry), summary_only=summary_only)


def _title(entry) -> str | None:
    title = stripped_or_none(entry.get("title"))
    if title and (entry.get("title_detail") or {}).get("type") in HTML_TYPES and "<" in title:
        from lxml import html

        title = stripped_or_none(html.fragment_fromstring(title, create_parent="div").text_content())
    return title


def _published(entry) -> str | None:
    """The day as the feed writes it: RFC 822 (RSS) or RFC 3339 (Atom), else feedparser's UTC reading."""
    for key in ("published", "updated"):
        raw = stripped_or_none(entry.get(key))
        if not raw:
            continue
        for parse in (email.utils.parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw).date().isoformat()
            except (TypeError, ValueError, IndexError):
                pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3]).isoformat()
    return None
