"""JSON Lines: one article per line.

Each line is an object with a string ``text`` and optionally ``id``, ``url``,
``title``, ``outlet`` and ``published`` (``YYYY-MM-DD`` or an ISO 8601
datetime, of which the date as written is kept). Other fields are ignored.
A bad line becomes an ``InputError`` naming the file and line; the lines
around it still yield their articles.

Lines written by news-please (the news crawler) read as they are
(``article_from_record``): its ``maintext`` (or, before version 1.5,
``text``) is the text, ``date_publish`` the date, ``source_domain`` (or
Giveme5W1H's ``publisher``) the outlet; a first line that repeats the title
is dropped, as the HTML reader does. A record without text but with a
``description`` is stored as that description, marked ``summary_only``.
``.json`` files holding one such object or an array of them are read by
``jsonfile.py`` with the same rules.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import SNIFF_BYTES, WIDE_BOMS, check_binary, decode, too_long
from .html import drop_title_line
from .text import article_from_text

# Where each piece of an article is found, our field first, then news-please's (and Giveme5W1H's).
TEXT_FIELDS = ("text", "maintext")
META_FIELDS = {"url": ("url",), "title": ("title",), "outlet": ("outlet", "source_domain", "publisher")}
DATE_FIELDS = ("published", "date_publish")  # news-please writes a missing date as null or "None"
STRING_FIELDS = tuple(dict.fromkeys([*TEXT_FIELDS, *(n for names in META_FIELDS.values() for n in names), "description"]))
# Fields only a crawler's record has: its text is read as a crawled page's (the headline line dropped).
CRAWLER_FIELDS = ("maintext", "date_publish", "source_domain")
NULL_TEXT_HINT = "news-please found no text on that page: crawl it again, or leave the record out"
# A line longer than this many bytes per allowed character (an emoji escaped
# as \ud83d\ude00 takes 12), plus room for the other fields, cannot hold an
# article under the limit: it is refused without reading the rest of it.
JSON_BYTES_PER_CHAR = 12
OTHER_FIELDS_BYTES = 1 << 16
FIELDS_HINT = ('each line must be a JSON object like {"text": "...", "id": "...", "published": "2023-07-02"} '
               '(or a news-please article, with "maintext")')
Fail = Callable[..., InputError]


def read_jsonl(path: Path, options: Options) -> Iterator[Article | InputError]:
    """Articles (and errors) from a ``.jsonl`` file, read line by line."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputError(source, f"cannot read: {err.strerror or err}")
        return
    with handle:
        try:
            head = handle.read(SNIFF_BYTES)
            check_binary(source, head)
            handle.seek(0)
            if head.startswith(WIDE_BOMS):
                # UTF-16/32 cannot be split on b"\n": decode it whole.
                text = decode(handle.read(), source)
                lines: Iterable[tuple[int, str | InputError]] = enumerate(text.split("\n"), 1)
            else:
                lines = _utf8_lines(handle, source, options.max_article_chars)
            yield from articles_from_lines(lines, source, options)
        except InputError as err:
            yield err
        except OSError as err:
            yield InputError(source, f"cannot read: {err.strerror or err}")


def _utf8_lines(handle, source: str, limit: int) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines; one too long to hold an article under ``limit`` is refused, its rest skipped."""
    max_bytes = JSON_BYTES_PER_CHAR * limit + OTHER_FIELDS_BYTES
    offset, number = 0, 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(handle)
            offset += size
            yield number, too_long(source, f"{size:,} bytes on one line", limit, line=number)
            continue
        start = offset
        offset += len(raw)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, start = raw[len(codecs.BOM_UTF8):], len(codecs.BOM_UTF8)
        try:
            line: str | InputError = decode(raw, source, line_offset=number - 1, byte_offset=start)
        except InputError as err:
            line = err
        del raw  # not kept while the line is parsed: one copy fewer of a long line
        yield number, line


def _skip_rest_of_line(handle) -> int:
    skipped = 0
    while chunk := handle.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def articles_from_lines(
    lines: Iterable[tuple[int, str | InputError]], source: str, options: Options
) -> Iterator[Article | InputError]:
    """Parse numbered lines; blank lines are skipped, a file of none is an error."""
    first_line_of_id: dict[str, int] = {}
    any_line = False
    for number, line in lines:
        if isinstance(line, InputError):
            any_line = True
            yield line
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            article = article_from_json_line(line, source, number, options)
        except InputError as err:
            yield err
            continue
        earlier = first_line_of_id.setdefault(article.id, number)
        if earlier != number:
            yield InputError(
                source,
                f"id {article.id!r} was already used on line {earlier}",
                line=number,
                hint="give each article its own id, or drop the id field to use the content hash",
            )
            continue
        yield article
    if not any_line:
        yield InputError(source, "no articles: the file holds only blank lines", hint=FIELDS_HINT)


def article_from_json_line(line: str, source: str, number: int, options: Options) -> Article:
    """One article from one JSONL line; raises InputError for what is wrong with it."""

    def fail(reason: str, hint: str | None = FIELDS_HINT) -> InputError:
        return InputError(source, reason, line=number, hint=hint)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise fail(f"malformed JSON: {err.msg} at column {err.colno}") from None
    except RecursionError:
        raise fail("malformed JSON: arrays or objects nested too deeply to read") from None
    except ValueError as err:  # an integer of more digits than Python converts (4,300)
        raise fail(f"malformed JSON: {str(err).split(':')[0]}") from None
    return article_from_record(record, f"{source}:{number}", fail, options)


def article_from_record(record: Any, where: str, fail: Fail, options: Options) -> Article:
    """One article from one decoded JSON value: our fields, or news-please's.

    ``where`` is the article's source when the record gives no URL (``file:line``,
    ``file[index]``); ``fail`` builds the InputError that places a problem in its file.
    """
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {json_type(record)}")
    fields = {}
    for name in STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise fail(f"the field {name!r} must be a string, got {json_type(value)}")
        fields[name] = value
    text, summary_only = _text(record, fields, fail)
    if len(text) > options.max_article_chars:
        size = too_long(where, f"{len(text):,} characters", options.max_article_chars)
        raise fail(size.reason, size.hint)
    given_id = _article_id(record.get("id"), fail)
    meta = {name: _first(fields, names) for name, names in META_FIELDS.items()}
    date_field = next((name for name in DATE_FIELDS if record.get(name) not in (None, "", "None")), "published")
    published = parse_published(record.get(date_field), fail, date_field)
    try:
        if any(name in record for name in CRAWLER_FIELDS):  # news-please's text may repeat the headline
            text = drop_title_line(text, meta["title"])
        return article_from_text(text, meta["url"] or where, published=published, id=given_id,
                                 summary_only=summary_only, **meta)
    except InputError as err:  # re-anchor to the file and line
        raise fail(err.reason, err.hint) from None


def _text(record: dict, fields: dict[str, str | None], fail: Fail) -> tuple[str, bool]:
    """``(text, summary_only)``: the first text field with words, else the description."""
    present = ", ".join(sorted(record)) or "none"
    if not any(name in record for name in TEXT_FIELDS):
        raise fail(f"missing the required field 'text' (fields present: {present})")
    given = [name for name in TEXT_FIELDS if fields[name] is not None]
    for name in given:
        if fields[name].strip():
            return fields[name], False
    if (fields["description"] or "").strip():  # news-please found no text on the page, only its description
        return fields["description"], True
    if given:  # only whitespace: article_from_text says so
        return fields[given[0]], False
    nulls = " and ".join(repr(name) for name in TEXT_FIELDS if name in record)
    raise fail(f"no text: {nulls} null and no description (fields present: {present})", hint=NULL_TEXT_HINT)


def _first(fields: dict[str, str | None], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that holds more than whitespace, stripped."""
    for name in names:
        value = (fields.get(name) or "").strip()
        if value:
            return value
    return None


def _article_id(value: Any, fail) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise fail(f"the field 'id' must be a string, got {json_type(value)}")
    if isinstance(value, int):  # numeric ids are common in exports; kept as their digits
        return str(value)
    if not isinstance(value, str):
        raise fail(f"the field 'id' must be a string, got {json_type(value)}")
    return value.strip() or None


def parse_published(value: Any, fail, name: str = "published") -> str | None:
    """``YYYY-MM-DD`` from a date or ISO datetime string; ``None`` when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail(f"the field {name!r} must be a string, got {json_type(value)}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise fail(
            f"the field {name!r} is not a date: {value!r}",
            hint="use YYYY-MM-DD or an ISO 8601 datetime (2023-07-02T10:00:00Z), or leave it out",
        ) from None


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"
