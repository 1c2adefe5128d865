"""Readers: files and folders in, ``Article`` records (or input errors) out.

``read_paths`` walks what it is given (see ``files.iter_input_files``), picks
a reader per file by its suffix or, for unknown suffixes, by its first bytes
(``Options.input_format`` names one instead, for a suffix that lies):

- plain text in the seed format (``text.py``): one article per file;
- JSON Lines (``.jsonl``, ``.ndjson``, ``jsonl.py``): one article per line,
  in newsledger's fields or news-please's;
- JSON (``.json``, ``jsonfile.py``): a news-please article, or an array of them;
- saved web pages (``.html``, ``.htm``, ``html.py``): one article per page;
- WARC crawls (``.warc``, ``.warc.gz``, ``warc.py``): one article per HTML page;
- RSS and Atom feeds (``.rss``, ``.atom``, a feed's ``.xml``, ``feed.py``):
  one article per entry.

Bad input never raises: each problem is yielded as an ``InputError`` naming
the file (and line, array index, record or entry) with a hint, and the batch
goes on. What a reader skipped or assumed without failing (a WARC file's
non-HTML records, a feed's summary-only entries) goes to ``note``. An
article's text is kept as written (line endings aside), whatever its script,
and its language is guessed and recorded (``language.py``): the extractors
read English.

Page furniture ("Image 3 of 8", "01:26", share buttons, copyright notices)
is found as each article is built (``furniture.find_furniture``, in
``text.article_from_text``), and ``read_paths`` adds the lines an outlet
repeats across the articles it reads (``furniture.RecurringLines``).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import (
    FORMATS,
    HTML_BYTES_PER_CHAR,
    MAX_BYTES_PER_CHAR,
    MAX_CONTAINER_BYTES,
    Note,
    check_binary,
    decode,
    detect_format,
    iter_input_files,
    read_bytes,
    read_container,
    read_head,
    too_long,
)
from .feed import read_feed
from .furniture import RecurringLines
from .html import article_from_html, decode_html
from .jsonfile import read_json
from .jsonl import read_jsonl
from .text import article_from_text, article_id
from .warc import count_pages, read_warc

__all__ = [
    "FORMATS",
    "Note",
    "article_from_html",
    "article_from_text",
    "article_id",
    "count_articles",
    "iter_input_files",
    "read_file",
    "read_paths",
]


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    options: Options | None = None,
    note: Note | None = None,
) -> Iterator[Article | InputError]:
    """Every article under ``paths`` (files and folders, recursively), in a stable order.

    Lines a site repeats verbatim across the articles of this call become furniture
    from their third article on (``RecurringLines``): the state lives for this call only.
    ``note`` is told, in one line each, what a reader skipped or assumed (logged when none is given).
    """
    options = options or Options()
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    recurring = RecurringLines()
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for result in read_file(item, options, note):
            if isinstance(result, Article):
                recurring.mark(result)
            yield result


def read_file(
    path: str | os.PathLike[str], options: Options | None = None, note: Note | None = None
) -> Iterator[Article | InputError]:
    """The articles in one file (JSONL, JSON, WARC and feed files hold many), or why it could not be read."""
    options = options or Options()
    note = note or _log_note
    path = Path(path)
    source = str(path)
    limit = options.max_article_chars
    try:
        head = read_head(path)
        if not head:
            raise InputError(source, "empty file", hint="remove it, or add the article's text")
        kind = detect_format(path, head) if options.input_format == "auto" else options.input_format
        if kind == "warc":  # gzipped, and checked record by record
            yield from read_warc(path, options, note)
            return
        check_binary(source, head)
        if kind == "jsonl":
            yield from read_jsonl(path, options)
            return
        if kind == "json":
            yield from read_json(path, options, note)
            return
        if kind == "feed":
            yield from read_feed(path, options, note)
            return
        if kind == "html":
            html = decode_html(read_bytes(path, HTML_BYTES_PER_CHAR * limit, limit), source)
            yield article_from_html(html, source, options)
            return
        text = decode(read_bytes(path, MAX_BYTES_PER_CHAR * limit, limit), source)
        if not text.strip():
            raise InputError(source, "the file holds only whitespace", hint="remove it, or add the article's text")
        if len(text) > limit:
            raise too_long(source, f"{len(text):,} characters", limit)
        yield article_from_text(text, source)
    except InputError as err:
        yield err


def count_articles(paths: Iterable[str | os.PathLike[str]], input_format: str = "auto") -> int:
    """About how many outcomes ``read_paths`` yields for ``paths`` (a progress bar's length).

    JSON Lines (by suffix): its lines that are not blank. WARC: its records that hold an HTML page;
    a feed: its ``<item>`` and ``<entry>`` tags; JSON: the elements of its array. Counting reads
    those files once more, so one over ``COUNTED_BYTES`` counts 1 (a JSON Lines file is streamed,
    whatever its size), as does any other file, path or file that cannot be read (``read_file``
    says what is wrong with it).
    """
    return sum(_count_file(item, input_format) if isinstance(item, Path) else 1 for item in iter_input_files(paths))


def _count_file(path: Path, input_format: str) -> int:
    try:
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            with path.open("rb") as handle:
                return _count_lines(handle)
        if path.stat().st_size > COUNTED_BYTES:
            return 1
        kind = detect_format(path, read_head(path)) if input_format == "auto" else input_format
        if kind == "warc":
            return max(1, count_pages(path))
        if kind == "feed":
            return max(1, len(FEED_ENTRY.findall(read_container(path, MAX_CONTAINER_BYTES, hint=""))))
        if kind == "json":
            document = json.loads(read_container(path, MAX_CONTAINER_BYTES, hint=""))
            return max(1, len(document)) if isinstance(document, list) else 1
    except (InputError, OSError, ValueError, RecursionError):
        pass
    return 1


def _count_lines(handle) -> int:
    """Lines that are not blank, read a megabyte at most at a time: one huge line must not fill memory."""
    total, content = 0, False
    while piece := handle.readline(1 << 20):
        content = content or bool(piece.strip())
        if piece.endswith(b"\n"):
            total, content = total + content, False
    return total + content


# Files larger than this are not read twice just to size a progress bar (a CC-NEWS WARC is about 1 GB).
COUNTED_BYTES = 32 * 1024 * 1024
FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>/]")


def _log_note(message: str) -> None:
    logging.getLogger(__name__).info("%s", message)
