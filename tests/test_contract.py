"""docs/ledger.schema.json is generated from the record kinds (newsledger.contract): a field added to a record,
or written by the export from a row, changes the generated schema, and the committed one must follow (issue 20)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import ClassVar, Literal

import pytest

from newsledger import contract
from newsledger.kinds import KINDS, NAMES, STORED, ExtraField, kind
from newsledger.records import Record

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_schema_is_the_generated_one():
    committed = (ROOT / "docs" / "ledger.schema.json").read_text(encoding="utf-8")
    assert committed == contract.schema_text(), "run: python tools/ledger_schema.py > docs/ledger.schema.json"


def test_every_kind_is_an_array_of_closed_records_requiring_every_field():
    schema = contract.ledger_schema()
    assert list(schema["properties"]) == ["$schema", *NAMES]
    assert schema["required"] == list(NAMES)
    for name in NAMES:
        items = schema["properties"][name]["items"]
        assert items["additionalProperties"] is False
        assert items["required"] == list(items["properties"])
    articles = schema["properties"]["articles"]["items"]["properties"]
    assert list(articles)[-2:] == ["words", "extractors"]  # written from the row, declared by the kind
    assert articles["extractors"] == {"type": "array", "items": {"type": "string"},
                                      "description": 'the versioned stages that produced its records ("events.v7")'}


@dataclasses.dataclass(slots=True)
class _Part(Record):
    at: int


@dataclasses.dataclass(slots=True)
class _Sample(Record):
    name: str
    part: _Part | None
    parts: list[_Part]
    mood: Literal["calm", "cross"]
    score: float | None = None
    tags: list[str] = dataclasses.field(default_factory=list)
    docs: ClassVar[dict[str, str]] = {"score": "how sure"}
    constraints: ClassVar[dict[str, dict]] = {"parts": {"minItems": 1}}


def test_a_record_becomes_a_closed_object_typed_from_its_hints():
    part = {"type": "object", "required": ["at"], "properties": {"at": {"type": "integer"}}, "additionalProperties": False}
    assert contract.record_schema(_Sample, [ExtraField("words", int, "how many")]) == {
        "type": "object",
        "required": ["name", "part", "parts", "mood", "score", "tags", "words"],
        "properties": {
            "name": {"type": "string"},
            "part": {**part, "type": ["object", "null"]},
            "parts": {"type": "array", "items": part, "minItems": 1},
            "mood": {"enum": ["calm", "cross"]},
            "score": {"type": ["number", "null"], "description": "how sure"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "words": {"type": "integer", "description": "how many"},
        },
        "additionalProperties": False,
    }


def test_a_type_the_export_cannot_write_is_refused():
    with pytest.raises(TypeError, match="one type or null"):
        contract.type_schema(int | str)
    with pytest.raises(TypeError, match="no JSON Schema"):
        contract.type_schema(dict[str, int])


def test_a_field_added_to_a_record_changes_the_schema():
    @dataclasses.dataclass(slots=True)
    class Wider(_Part):
        colour: str = "red"

    assert contract.record_schema(Wider)["required"] == ["at", "colour"]
    assert contract.record_schema(Wider)["properties"]["colour"] == {"type": "string"}


def test_the_kinds_declare_each_stored_table_once_and_timelines_as_derived():
    assert NAMES == ("articles", "entities", "statements", "events", "labels", "figures", "loaded_terms", "stories",
                     "discrepancies", "times", "timelines")
    assert [k.table for k in STORED] == list(NAMES[:-1])
    assert kind("timelines").derived and kind("timelines").record is None
    assert contract.record_class(kind("timelines")).__name__ == "TimelineEntry"
    assert all(k.filters and k.filters[0] == "story" for k in KINDS)
    assert [k.name for k in KINDS if k.record_pages] == ["articles", "entities", "statements", "events", "stories",
                                                         "discrepancies"]


def test_the_tool_writes_the_schema_and_nothing_else():
    written = subprocess.run([sys.executable, str(ROOT / "tools" / "ledger_schema.py")], capture_output=True, text=True,
                             check=True)
    assert written.stdout == contract.schema_text() and written.stderr == ""
    assert json.loads(written.stdout) == contract.ledger_schema()
