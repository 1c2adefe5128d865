"""The export's contract, docs/ledger.schema.json, generated from the record kinds (``newsledger.kinds``).

Each array's items are the JSON Schema of its record class: one property per dataclass field, typed from
its type hint (``str | None`` is a string or null, a ``Literal`` an enum, a nested record a closed object),
described by the class's ``docs`` and narrowed by its ``constraints``, then the kind's extra fields. Every
object is closed (``additionalProperties: false``) and requires every field, as ``as_dict`` writes them all.

    python tools/ledger_schema.py > docs/ledger.schema.json
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union

from .compare.timeline import TimelineEntry
from .kinds import KINDS, Kind
from .records import Record

SCHEMA_URL = "https://newsledger.invalid/ledger.schema.json"
TITLE = "newsledger export"
DESCRIPTION = ("The output contract of `newsledger export --format json`. Offsets (start/end) are character offsets, "
               "end exclusive, into the article's `text` (the body after any `date` header).")

# The records of derived kinds, which kinds.py cannot import (it sits below compare/), and what the schema says
# of their fields beyond the type hints (TimelineEntry, being compare/timeline.py's, carries no ``constraints``).
DERIVED_RECORDS: dict[str, type[Record]] = {"timelines": TimelineEntry}
DERIVED_CONSTRAINTS: dict[str, dict[str, dict[str, Any]]] = {
    "timelines": {"date": {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, "sources": {"minItems": 1}},
}

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def record_class(kind: Kind) -> type[Record]:
    record = kind.record or DERIVED_RECORDS.get(kind.name)
    if record is None:
        raise LookupError(f"the record kind {kind.name!r} names no record class")
    return record


def ledger_schema() -> dict[str, Any]:
    """The JSON Schema of ``newsledger export --format json`` (and of each line, row or file of the others)."""
    properties: dict[str, Any] = {"$schema": {"type": "string", "description": "the address of this schema"}}
    for kind in KINDS:
        array: dict[str, Any] = {"type": "array"}
        if kind.description:
            array["description"] = kind.description
        array["items"] = record_schema(record_class(kind), kind.extra, DERIVED_CONSTRAINTS.get(kind.name, {}))
        properties[kind.name] = array
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": TITLE,
        "description": DESCRIPTION,
        "type": "object",
        "required": [kind.name for kind in KINDS],
        "properties": properties,
        "additionalProperties": False,
    }


def record_schema(cls: type[Record], extra: typing.Iterable[Any] = (),
                  constraints: typing.Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A closed object: the record's fields (then ``extra``: ``kinds.ExtraField``s), all required."""
    hints = typing.get_type_hints(cls)
    constraints = {**cls.constraints, **(constraints or {})}
    properties = {f.name: field_schema(hints[f.name], cls.docs.get(f.name), constraints.get(f.name))
                  for f in dataclasses.fields(cls)}
    properties.update({x.name: field_schema(x.type, x.doc) for x in extra})
    return {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": False}


def field_schema(hint: Any, doc: str | None = None, constraint: dict[str, Any] | None = None) -> dict[str, Any]:
    schema = type_schema(hint)
    if constraint:
        schema.update(constraint)
    if doc:
        schema["description"] = doc
    return schema


def type_schema(hint: Any) -> dict[str, Any]:
    """The JSON Schema of a field's type hint; TypeError for a type the export cannot write."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return {}
    if origin in (Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) != 1:
            raise TypeError(f"a field may be one type or null, not {hint}")
        schema = type_schema(present[0])
        if len(present) < len(args):  # optional
            if "type" in schema:
                schema["type"] = [schema["type"], "null"]
            else:
                schema["enum"] = [*schema["enum"], None]
        return schema
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": type_schema(args[0])}
    if isinstance(hint, type) and issubclass(hint, Record):
        return record_schema(hint)
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    raise TypeError(f"no JSON Schema for the type {hint!r}")


def schema_text() -> str:
    """docs/ledger.schema.json's text."""
    return json.dumps(ledger_schema(), indent=2, ensure_ascii=False) + "\n"
