"""The export's contract, docs/ledger.schema.json: every record object is closed (``additionalProperties:
false``), so a field exported without being declared fails here, in every export format (issue 20)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsledger.export import KINDS
from newsledger.ledger import SAMPLES, process_files

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "ledger.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The sample ledger (every record kind present) written in each export format."""
    out = tmp_path_factory.mktemp("exports")
    with process_files([SAMPLES]) as ledger:
        data = ledger.to_dict()
        for fmt in ("jsonl", "parquet", "csv"):
            ledger.export(fmt, out / fmt)
        ledger.export("json", out / "ledger.json")
    return data, out


def _item_schema(kind: str) -> dict:
    return SCHEMA["properties"][kind]["items"]


def test_every_record_kind_is_declared_and_present(exported):
    data, _ = exported
    assert set(SCHEMA["properties"]) == {"$schema", *KINDS}
    assert all(data[kind] for kind in KINDS), [kind for kind in KINDS if not data[kind]]


def test_the_json_export_follows_the_schema(exported):
    _, out = exported
    document = json.loads((out / "ledger.json").read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []


def test_every_jsonl_line_follows_its_kinds_schema(exported):
    _, out = exported
    for kind in KINDS:
        lines = (out / "jsonl" / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()
        assert lines, kind
        for line in lines:
            jsonschema.validate(json.loads(line), _item_schema(kind))


def test_every_parquet_row_follows_its_kinds_schema(exported):
    _, out = exported
    for kind in KINDS:
        rows = pq.read_table(out / "parquet" / f"{kind}.parquet").to_pylist()
        assert rows, kind
        for row in rows:
            jsonschema.validate(row, _item_schema(kind))


def test_csv_columns_are_the_declared_fields(exported):
    _, out = exported
    for kind in KINDS:
        columns = set(pd.read_csv(out / "csv" / f"{kind}.csv", nrows=1).columns)
        declared = _item_schema(kind)
        assert columns <= set(declared["properties"]), (kind, columns - set(declared["properties"]))
        assert set(declared.get("required", ())) <= columns, kind


@pytest.mark.parametrize("kind, path", [
    ("articles", []),  # a record's own field
    ("events", ["killed"]),  # a figure inside it
    ("discrepancies", ["claims", 0]),  # a claim inside it
])
def test_a_field_nobody_declared_is_refused(exported, kind, path):
    data, _ = exported
    document = copy.deepcopy(data)
    record = next(r for r in document[kind] if _reach(r, path) is not None)
    _reach(record, path)["colour"] = "red"
    errors = list(VALIDATOR.iter_errors(document))
    assert errors and all("colour" in e.message for e in errors)


def _reach(record: dict, path: list):
    node = record
    for step in path:
        if node is None:
            return None
        node = node[step] if isinstance(step, int) else node.get(step)
    return node
