"""Saved web pages: the main text and metadata, via trafilatura.

Nothing here touches the network: the page is parsed into a tree first, so
neither trafilatura nor htmldate ever sees a string that could be taken for
a URL to download. The publication date comes from htmldate's quick checks
(meta tags, JSON-LD, ``<time>``, the URL, byline patterns like "Posted
12/03/2022"); its extensive search of the text is off, because guessing a
date from the text is the ``pubdate`` stage's job, which records that it guessed.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import decode, too_long
from .text import article_from_text

# Fewer words than this is navigation or a login form, not an article.
MIN_ARTICLE_WORDS = 12

DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# libxml2 builds the tree no deeper than this (5,000 nested <div>s are cut
# off here, and the article inside them with them).
PARSER_MAX_DEPTH = 256

NO_TEXT_HINT = "save the article's own page (not an index or login page), or give its text as .txt"


def decode_html(data: bytes, source: str) -> str:
    """UTF-8 (or a byte-order mark's encoding), else the charset the page declares."""
    try:
        return decode(data, source)
    except InputError as not_utf8:
        declared = DECLARED_CHARSET.search(data[:4096])
        if not declared:
            raise
        name = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise InputError(
                source, f"{not_utf8.reason}, and the declared charset {name!r} is unknown", hint=not_utf8.hint
            ) from None
        if codec.name == "utf-8":  # declared UTF-8 but is not: report the bad byte
            raise
        try:
            return data.decode(codec.name, errors="replace")
        except (LookupError, UnicodeError):  # rot13, base64: codecs, but not of text
            raise InputError(
                source, f"{not_utf8.reason}, and the declared charset {name!r} is not a text encoding", hint=not_utf8.hint
            ) from None


@dataclass(slots=True)
class Page:
    """What trafilatura found in a page: its main text and, when asked, its metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    sitename: str | None = None
    date: str | None = None  # YYYY-MM-DD


def article_from_html(
    html: str, source: str, options: Options | None = None, *, url: str | None = None, site: str | None = None,
    crawled: str | None = None,
) -> Article:
    """One article from a page; raises InputError when it holds no article text.

    A page read from a crawl passes what the crawl knows: ``url``, where it was
    fetched (kept over the page's own canonical link); ``site``, the outlet when
    the page names none; ``crawled``, the day it was fetched, its date when
    the page gives none (``published_source`` ``crawl``).
    """
    options = options or Options()
    page = read_page(html, source, options)
    if len(page.text) > options.max_article_chars:
        raise too_long(source, f"{len(page.text):,} characters of article text", options.max_article_chars)
    return article_from_text(
        drop_title_line(page.text, page.title),
        source,
        title=page.title,
        url=url or page.url,
        outlet=page.sitename or site,
        published=page.date,
        crawled=crawled,
    )


def read_page(html: str, source: str, options: Options, *, with_metadata: bool = True) -> Page:
    """The page's main text (and metadata); raises InputError when it holds no article text.

    A fragment (a feed entry's content) is read as the body of a page.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html) if html.strip() else None
    if tree is None:  # trafilatura refuses bare fragments; give them a body
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise InputError(source, "not an HTML document", hint="check the file, or rename it to .txt if it is text")
    try:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=with_metadata,
            include_comments=False,
            include_tables=False,  # cells read as broken sentences
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": options.reference_date.isoformat(),
            },
        )
    except Exception as err:  # trafilatura's failures must not stop the batch
        logging.getLogger(__name__).debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(source, f"the page could not be processed ({type(err).__name__}: {err})") from None

    text = (document.text or "") if document is not None else ""
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS and _depth(tree) >= PARSER_MAX_DEPTH:
        raise InputError(
            source,
            f"no article text found: the page nests its elements {PARSER_MAX_DEPTH} deep, where the HTML parser "
            "stops, and drops what lies deeper",
            hint="give the article's text as .txt or JSONL instead",
        )
    if words < MIN_ARTICLE_WORDS:
        raise InputError(
            source,
            f"no article text found (the page's main text has {words} word{'s' * (words != 1)})",
            hint=NO_TEXT_HINT,
        )
    if not with_metadata:
        return Page(text)
    return Page(text, stripped_or_none(document.title), stripped_or_none(document.url),
                stripped_or_none(document.sitename), document.date)


def _depth(tree) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def stripped_or_none(value: object) -> str | None:
    """A metadata value (trafilatura's, feedparser's) stripped; None when blank or not a string."""
    value = value.strip() if isinstance(value, str) else ""
    return value or None


def drop_title_line(text: str, title: str | None) -> str:
    """The headline is kept in ``title``; as the body's first line it would read as a sentence."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _same_words(first, title):
        return rest
    return text


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()
