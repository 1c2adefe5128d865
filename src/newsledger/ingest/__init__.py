"""Readers: files and folders in, ``Article`` records (or input errors) out.

``read_paths`` walks what it is given (see ``files.iter_input_files``), picks
a reader per file by its suffix or, for unknown suffixes, by its first bytes:

- plain text in the seed format (``text.py``): one article per file;
- JSON Lines (``.jsonl``, ``.ndjson``, ``jsonl.py``): one article per line;
- saved web pages (``.html``, ``.htm``, ``html.py``): one article per page.

Bad input never raises: each problem is yielded as an ``InputError`` naming
the file (and line) with a hint, and the batch goes on. An article's text is
kept as written (line endings aside), whatever its script, and its language
is guessed and recorded (``language.py``): the extractors read English.

Page furniture ("Image 3 of 8", "01:26", share buttons, copyright notices)
is found as each article is built (``furniture.find_furniture``, in
``text.article_from_text``), and ``read_paths`` adds the lines an outlet
repeats across the articles it reads (``furniture.RecurringLines``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import (
    HTML_BYTES_PER_CHAR,
    MAX_BYTES_PER_CHAR,
    check_binary,
    decode,
    detect_format,
    iter_input_files,
    read_bytes,
    read_head,
    too_long,
)
from .furniture import RecurringLines
from .html import article_from_html, decode_html
from .jsonl import read_jsonl
from .text import article_from_text, article_id

__all__ = [
    "article_from_html",
    "article_from_text",
    "article_id",
    "iter_input_files",
    "read_file",
    "read_paths",
]


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], options: Options | None = None
) -> Iterator[Article | InputError]:
    """Every article under ``paths`` (files and folders, recursively), in a stable order.

    Lines a site repeats verbatim across the articles of this call become furniture
    from their third article on (``RecurringLines``): the state lives for this call only.
    """
    options = options or Options()
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    recurring = RecurringLines()
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for result in read_file(item, options):
            if isinstance(result, Article):
                recurring.mark(result)
            yield result


def read_file(path: str | os.PathLike[str], options: Options | None = None) -> Iterator[Article | InputError]:
    """The articles in one file (a JSONL file holds many), or why it could not be read."""
    options = options or Options()
    path = Path(path)
    source = str(path)
    limit = options.max_article_chars
    try:
        head = read_head(path)
        if not head:
            raise InputError(source, "empty file", hint="remove it, or add the article's text")
        check_binary(source, head)
        kind = detect_format(path, head)
        if kind == "jsonl":
            yield from read_jsonl(path, options)
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
