"""The Ledger's accessors, its tables, the export and `export --help` read the record kinds of newsledger.kinds."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.compare.timeline import TimelineEntry
from newsledger.errors import ExportError
from newsledger.export import READERS
from newsledger.kinds import NAMES, STORED
from newsledger.ledger import SAMPLES, process_files

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def ledger():
    with process_files([SAMPLES]) as opened:
        yield opened


def test_each_stored_kind_has_an_accessor_giving_its_records_in_the_exports_order(ledger):
    exported = ledger.to_dict()
    for kind in STORED:
        records = getattr(ledger, kind.name)()
        assert records and all(type(r) is kind.record for r in records), kind.name
        assert [r.as_dict() for r in records] == [kind.record.from_dict(r).as_dict() for r in exported[kind.name]]
    assert [a.id for a in ledger.articles()] == [a["id"] for a in exported["articles"]]


def test_records_reads_the_derived_kinds_too(ledger):
    entries = ledger.records("timelines")
    assert entries and all(isinstance(e, TimelineEntry) for e in entries)
    assert [e.as_dict() for e in entries] == ledger.to_dict()["timelines"]


def test_an_unknown_kind_names_the_known_ones(ledger):
    with pytest.raises(ExportError, match="unknown record kind 'colours'; known: articles, entities, .*, timelines"):
        ledger.records("colours")
    with pytest.raises(ExportError, match="unknown table 'colours'"):
        ledger.table("colours")


def test_every_kind_is_a_table_and_an_export_reader(ledger):
    assert tuple(READERS) == NAMES
    assert list(ledger.table("figures").columns)[:3] == ["article", "measure", "counted_text"]
    assert list(ledger.table("articles").columns)[-2:] == ["words", "extractors"]


def test_export_help_lists_every_kind():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    assert " ".join(result.output.split()).count(", ".join(NAMES) + ".") == 1
    assert "Example: newsledger export" in result.output
