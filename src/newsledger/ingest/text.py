"""The plain-text article format and the stable article id.

A file may begin (after optional whitespace) with a ``date YYYY-MM-DD``
marker on the same line as the body's first sentence. The marker is
metadata: it is cut off, and all offsets refer to the body that remains.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from ..errors import InputError
from ..records import Article
from .furniture import find_furniture
from .language import guess_language

BOM = "\ufeff"
DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)[ \t]*", re.IGNORECASE)


def split_date_header(raw: str, path: str = "<text>") -> tuple[str | None, str]:
    """``(published, body)``; raises InputError for a marker with an impossible date."""
    raw = raw.removeprefix(BOM)  # text decoded without utf-8-sig keeps it
    match = DATE_HEADER.match(raw)
    if not match:
        return None, raw
    year, month, day = (int(g) for g in match.groups())
    try:
        published = date(year, month, day).isoformat()
    except ValueError:
        raise InputError(
            path,
            f"the date header {match.group(0).strip()!r} is not a real date",
            line=raw.count("\n", 0, match.start(1)) + 1,
            hint="fix the header to a valid YYYY-MM-DD, or remove it to let newsledger infer the date",
        ) from None
    return published, raw[match.end():]


def normalize_body(text: str) -> str:
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n").strip()


def article_id(body: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalized body."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()[:16]


def article_from_text(
    raw: str,
    source: str = "<text>",
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    id: str | None = None,
    summary_only: bool = False,
    crawled: str | None = None,
) -> Article:
    """Build an Article from seed-format text; metadata ``published`` wins over none.

    The body is kept as written, apart from line endings (CRLF and CR become
    LF) and surrounding whitespace; ``language`` records its guessed language
    (``language.guess_language``), English or not; ``furniture`` the page
    furniture found in it (``furniture.find_furniture``): every reader, and
    ``Ledger.add_texts``, builds its articles here. ``summary_only`` says the
    text is only the summary a feed or crawler gave, not the article.

    The date is the first of: the text's ``date`` header, the metadata's
    ``published``, the day a crawler fetched it (``crawled``; a WARC record's
    date); ``published_source`` says which (``header``, ``metadata``, ``crawl``).
    """
    header_date, body = split_date_header(raw, source)
    body = normalize_body(body)
    if not body:
        raise InputError(source, "the article has no text", hint="remove the empty file or add its text")
    for name, value in (("text", body), ("title", title), ("url", url), ("outlet", outlet), ("id", id)):
        _refuse_surrogates(name, value, source)
    if header_date:
        when, how = header_date, "header"
    elif published and (day := _iso_day(published, source)):
        when, how = day, "metadata"
    elif crawled:
        when, how = _iso_day(crawled, source), "crawl"
    else:
        when, how = None, "none"
    return Article(
        id=id or article_id(body),
        source=source,
        text=body,
        title=title or _first_sentence(body),
        url=url,
        outlet=outlet,
        published=when,
        published_source=how if when else "none",
        language=guess_language(body),
        furniture=find_furniture(body),
        summary_only=summary_only,
    )


def _refuse_surrogates(name: str, value: str | None, source: str) -> None:
    # A lone surrogate (JSON can escape one: "\ud800") cannot be written as
    # UTF-8: not hashed, not stored, not exported.
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(
            source,
            f"the {name} holds an unpaired surrogate ({value[err.start]!r}) at character {err.start}",
            hint="fix the program that wrote it: the text must be valid Unicode",
        ) from None


def _iso_day(value: str, source: str) -> str | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def _first_sentence(body: str, limit: int = 120) -> str:
    line = body.split("\n", 1)[0]
    match = re.search(r"(?<=[.!?])[\"”’]?\s", line)
    title = line[: match.start() + 1] if match else line
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"
