"""``.json`` files: one article object, or an array of them, as news-please writes them.

An object is read with the JSON Lines reader's rules (``jsonl.article_from_record``):
news-please's ``maintext`` or ``text``, ``title``, ``date_publish``,
``source_domain``, ``url`` (Giveme5W1H's data sets are written this way), or
newsledger's own ``text``, ``published``, ``outlet``. In an array, each bad
element is an ``InputError`` naming the file and its index; the others are
read. A file of one JSON object per line is read as JSON Lines, with a note.
Anything else (JSON of another shape, or not JSON) is an ``InputError``
naming the file: it is never read as prose.

The file is parsed whole (up to ``MAX_CONTAINER_BYTES``); JSON Lines is the
format for collections too large for that, as it is read line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..records import Article
from .files import MAX_CONTAINER_BYTES, Note, decode, read_container
from .jsonl import json_type, article_from_record, read_jsonl

JSON_HINT = ("a .json file holds one article object (news-please's maintext, title, date_publish, source_domain, "
             "url; or text, published, outlet) or an array of them")
SPLIT_HINT = "write it as JSON Lines, read line by line (jq -c '.[]' FILE > FILE.jsonl)"


def read_json(path: Path, options: Options, note: Note | None = None) -> Iterator[Article | InputError]:
    """The article(s) in a ``.json`` file, or why they could not be read."""
    source = str(path)
    try:
        document = _load(path)
    except _JsonLines:
        if note:
            note(f"{source}: holds one JSON object per line; read as JSON Lines")
        yield from read_jsonl(path, options)
        return
    except InputError as err:
        yield err
        return
    if isinstance(document, dict):
        try:
            yield article_from_record(document, source, _failing(source), options)
        except InputError as err:
            yield err
        return
    if not isinstance(document, list):
        yield InputError(source, f"expected a JSON object or an array of objects, got {json_type(document)}",
                         hint=JSON_HINT)
        return
    if not document:
        yield InputError(source, "no articles: the array is empty", hint=JSON_HINT)
        return
    for index, record in enumerate(document):
        try:
            yield article_from_record(record, f"{source}[{index}]", _failing(source, index), options)
        except InputError as err:
            yield err


class _JsonLines(Exception):
    """The file holds one JSON value per line."""


def _load(path: Path):
    source = str(path)
    text = decode(read_container(path, MAX_CONTAINER_BYTES, hint=SPLIT_HINT), source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and _is_json_object(text[: err.pos].strip()):
            raise _JsonLines() from None
        raise InputError(source, f"malformed JSON: {err.msg} at column {err.colno}", line=err.lineno,
                         hint=JSON_HINT) from None
    except RecursionError:
        raise InputError(source, "malformed JSON: arrays or objects nested too deeply to read", hint=JSON_HINT) from None
    except ValueError as err:  # an integer of more digits than Python converts (4,300)
        raise InputError(source, f"malformed JSON: {str(err).split(':')[0]}", hint=JSON_HINT) from None


def _is_json_object(first: str) -> bool:
    """The value before the extra data is one object on one line: JSON Lines."""
    return first.startswith("{") and "\n" not in first


def _failing(source: str, index: int | None = None):
    def fail(reason: str, hint: str | None = JSON_HINT) -> InputError:
        where = "" if index is None else f"at index {index} of the array: "
        return InputError(source, where + reason, hint=hint)

    return fail
