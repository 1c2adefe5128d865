"""JSON Lines: one article per line.

Each line is an object with a string ``text`` and optionally ``id``, ``url``,
``title``, ``outlet`` and ``published`` (``YYYY-MM-DD`` or an ISO 8601
datetime, of which the date as written is kept). Other fields are ignored.
A bad line becomes an ``InputError`` naming the file and line; the lines
around it still yield their articles.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import SNIFF_BYTES, WIDE_BOMS, check_binary, decode, too_long
from .text import article_from_text

OPTIONAL_STRING_FIELDS = ("url", "title", "outlet")
# A line longer than this many bytes per allowed character (an emoji escaped
# as \ud83d\ude00 takes 12), plus room for the other fields, cannot hold an
# article under the limit: it is refused without reading the rest of it.
JSON_BYTES_PER_CHAR = 12
OTHER_FIELDS_BYTES = 1 << 16
FIELDS_HINT = 'each line must be a JSON object like {"text": "...", "id": "...", "published": "2023-07-02"}'


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
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {_json_type(record)}")
    if "text" not in record:
        present = ", ".join(sorted(record)) or "none"
        raise fail(f"missing the required field 'text' (fields present: {present})")
    text = record["text"]
    if not isinstance(text, str):
        raise fail(f"the field 'text' must be a string, got {_json_type(text)}")
    if len(text) > options.max_article_chars:
        raise too_long(source, f"{len(text):,} characters", options.max_article_chars, line=number)

    given_id = _article_id(record.get("id"), fail)
    fields = {}
    for name in OPTIONAL_STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise fail(f"the field {name!r} must be a string, got {_json_type(value)}")
        fields[name] = (value.strip() or None) if value else None
    published = parse_published(record.get("published"), fail)
    try:
        return article_from_text(
            text,
            fields["url"] or f"{source}:{number}",
            published=published,
            id=given_id,
            **{name: fields[name] for name in ("title", "url", "outlet")},
        )
    except InputError as err:  # re-anchor to the file and line
        raise fail(err.reason, err.hint) from None


def _article_id(value: Any, fail) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise fail(f"the field 'id' must be a string, got {_json_type(value)}")
    if isinstance(value, int):  # numeric ids are common in exports; kept as their digits
        return str(value)
    if not isinstance(value, str):
        raise fail(f"the field 'id' must be a string, got {_json_type(value)}")
    return value.strip() or None


def parse_published(value: Any, fail) -> str | None:
    """``YYYY-MM-DD`` from a date or ISO datetime string; ``None`` when absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail(f"the field 'published' must be a string, got {_json_type(value)}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise fail(
            f"the field 'published' is not a date: {value!r}",
            hint="use YYYY-MM-DD or an ISO 8601 datetime (2023-07-02T10:00:00Z), or leave it out",
        ) from None


def _json_type(value: Any) -> str:
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
