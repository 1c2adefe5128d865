"""WARC files (``.warc``, ``.warc.gz``): the pages a crawl fetched, read with FastWARC.

Common Crawl's CC-NEWS is the public example. Each ``response`` record of a
successful fetch (HTTP 2xx) whose payload is an HTML page, and each
``resource`` record holding an HTML page, goes through the HTML reader
(``html.article_from_html``, trafilatura), which keeps:

- the record's ``WARC-Target-URI`` as the article's ``url`` and ``source``
  (where it was fetched, over the page's own canonical link);
- the page's own outlet name, else the URI's host (as news-please's
  ``source_domain``);
- the page's own publication date (meta tags, JSON-LD, ``<time>``, the URL),
  else the day of its ``WARC-Date``, which is when it was fetched, not
  published: ``published_source`` says ``crawl`` then.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, a
redirect, an error page, an image) is skipped and counted; one note per file
says how many of each. A page with no article text, or one too large, is an
``InputError`` naming the file, the record's number and byte offset and its
URI; the records after it are still read. A file that ends inside a record
(a cut download) yields the records before it and then an error for that one.

The file is streamed: one record is held at a time (at most
``HTML_BYTES_PER_CHAR × max_article_chars`` bytes of it), so memory does not
grow with the file (``bench/warc.py`` measures it).
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import HTML_BYTES_PER_CHAR, HTML_TYPES, Note, open_input, too_long
from .html import article_from_html, decode_html

TRUNCATED_HINT = "the file was cut short (an interrupted download?): fetch it again; the records before it were read"
NOT_WARC_HINT = ("check that the file is a whole WARC file (WARC/1.0 or WARC/1.1, plain or gzipped record by record), "
                 "or fetch it again")


def read_warc(path: Path, options: Options, note: Note | None = None) -> Iterator[Article | InputError]:
    """The articles in a WARC file's HTML pages, and an InputError for each record that fails.

    Raises InputError when the file cannot be opened (``read_file`` yields it).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    source = str(path)
    skipped: Counter[str] = Counter()
    number = pages = failed = 0
    with open_input(path) as handle:
        records = iter(ArchiveIterator(handle, record_types=WarcRecordType.any_type, parse_http=True,
                                       auto_decode="none"))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as err:  # FastWARC raises OSError for bytes that are not a WARC record
                where = f"record {number + 1}" if number else "the first record"
                yield InputError(source, f"{where} cannot be read ({err}): the file is not WARC from there on, or "
                                 "ends there", hint=NOT_WARC_HINT)
                return
            number += 1
            uri = record.headers.get("WARC-Target-URI") or None
            place = f"record {number} ({uri or 'no URI'}, at byte {record.stream_pos})"
            if record.headers.get("Content-Length") is None:  # mandatory: its headers were cut off
                failed += 1
                yield InputError(source, f"{place}: the file ends inside its WARC headers", hint=TRUNCATED_HINT)
                continue
            kind = _skip_reason(record, WarcRecordType)
            if kind:
                kept = record.reader.consume()  # read past it, to find a file that ends inside it
                if kept < record.content_length:
                    failed += 1
                    yield InputError(source, f"{place}: {_truncated(kept, record.content_length)}", hint=TRUNCATED_HINT)
                else:
                    skipped[kind] += 1
                continue
            pages += 1
            try:
                html = _payload(record, source, options)
                yield article_from_html(
                    html, uri or f"{source}:record {number}", options, url=uri, site=_host(uri),
                    crawled=record.headers.get("WARC-Date"),
                )
            except InputError as err:  # placed in the WARC file, not at the page's URL
                failed += 1
                yield InputError(source, f"{place}: {err.reason}", hint=err.hint)
    if number == 0:
        yield InputError(source, "no WARC records: the file is empty", hint=NOT_WARC_HINT)
    elif pages == 0 and not failed:
        yield InputError(source, f"no HTML pages among its {number:,} WARC records ({_counts(skipped)})",
                         hint="give a WARC file of fetched news pages (e.g. CC-NEWS)")
    elif skipped and note:
        note(f"{source}: skipped {sum(skipped.values()):,} of {number:,} WARC records that hold no HTML page "
             f"({_counts(skipped)})")


def count_pages(path: Path) -> int:
    """How many records of a WARC file hold an HTML page to read (a progress bar's length): no page is parsed."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    pages = 0
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle, record_types=WarcRecordType.response | WarcRecordType.resource):
                pages += _skip_reason(record, WarcRecordType) is None
        except OSError:  # not WARC from there on: read_warc says so
            pass
    return pages


def _skip_reason(record, types) -> str | None:
    """Why a record holds no page to read, as the note counts it; ``None`` for a page."""
    kind = record.record_type
    if kind == types.resource:
        content_type = record.headers.get("Content-Type") or ""
        return None if _is_html(content_type) else f"resource of {_media_type(content_type) or 'no type'}"
    if kind != types.response:
        return str(kind)
    if not record.is_http:
        return "response that is not HTTP"
    status = record.http_headers.status_code
    if status is None:
        return "response with unreadable HTTP headers"
    if not 200 <= status < 300:
        return f"HTTP {status // 100}xx response"
    content_type = record.http_headers.get("Content-Type") or ""
    if not _is_html(content_type):
        return f"response of {_media_type(content_type) or 'no type'}"
    return None


def _is_html(content_type: str) -> bool:
    return _media_type(content_type) in HTML_TYPES


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _payload(record, source: str, options: Options) -> str:
    """The page's HTML: all of the record there (else an error), transfer and content encodings undone."""
    max_bytes = HTML_BYTES_PER_CHAR * options.max_article_chars
    raw = record.reader.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise too_long(source, f"{record.content_length:,} bytes", options.max_article_chars)
    if len(raw) < record.content_length:
        raise InputError(source, _truncated(len(raw), record.content_length), hint=TRUNCATED_HINT)
    headers = record.http_headers if record.is_http else None
    data = _decoded(raw, headers, source, options) if headers else raw
    try:
        return decode_html(data, source)
    except InputError:
        charset = record.http_charset if headers else None
        if not charset:
            raise
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            raise InputError(source, f"the page's charset {charset!r} is unknown",
                             hint="re-encode the page as UTF-8") from None


def _decoded(raw: bytes, headers, source: str, options: Options) -> bytes:
    """Undo chunked transfer and gzip, deflate or Brotli content encoding, as FastWARC's readers do."""
    from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader

    steps = []
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        steps.append(ChunkedReader)
    for coding in reversed([c.strip().lower() for c in (headers.get("Content-Encoding") or "").split(",")]):
        if coding in ("gzip", "x-gzip"):
            steps.append(GzipReader)
        elif coding == "deflate":
            steps.append(lambda stream: GzipReader(stream, zlib=True))
        elif coding == "br":
            steps.append(BrotliReader)
        elif coding not in ("", "identity"):
            raise InputError(source, f"the page is encoded as {coding!r}, which newsledger cannot undo",
                             hint="save the page's HTML as an .html file instead")
    max_bytes = HTML_BYTES_PER_CHAR * options.max_article_chars
    data = raw
    for reader in steps:
        try:
            data = reader(io.BytesIO(data)).read(max_bytes + 1)
        except OSError as err:
            raise InputError(source, f"the payload cannot be decoded ({err})",
                             hint="the record is damaged: fetch the file again") from None
        if len(data) > max_bytes:
            raise too_long(source, f"over {max_bytes:,} bytes once decoded", options.max_article_chars)
    return data


def _truncated(kept: int, length: int) -> str:
    return f"the file ends inside it ({kept:,} of its {length:,} bytes)"


def _host(uri: str | None) -> str | None:
    try:
        host = urlsplit(uri).hostname if uri else None
    except ValueError:
        logging.getLogger(__name__).debug("unreadable URI %r", uri)
        return None
    return host or None


def _counts(skipped: Counter[str]) -> str:
    return ", ".join(f"{n:,} {kind}" for kind, n in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
