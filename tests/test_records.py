"""Records round-trip through the dict shape of the export."""

import pytest

from newsledger.records import Claim, Discrepancy, Event, Quantity, Statement

CASES = [
    Event("a:e0", "a", "ASSAULT", "killed", 0, 40, agents=["police"], killed=Quantity(2, None, "at least two", 3, 15, "at_least")),
    Event("a:e1", "a", "FIGHT", "clashes", 0, 10),
    Statement("a:s0", "a", None, "a security source", "told", "At least two were killed", "indirect", 0, 60, reported_by="IRNA"),
    Discrepancy("dc_1", "st_a", "killed", "conflict", [Claim("a", {"min": 1, "max": None}, "at least one", "narrator"), Claim("b", {"min": 2, "max": None}, "at least two", "b:s1")]),
]


@pytest.mark.parametrize("record", CASES, ids=lambda r: type(r).__name__)
def test_round_trip(record):
    data = record.as_dict()
    assert type(record).from_dict(data) == record
    assert type(record).from_dict(data).as_dict() == data


def test_nested_records_become_plain_dicts():
    data = CASES[0].as_dict()
    assert data["killed"] == {"min": 2, "max": None, "text": "at least two", "start": 3, "end": 15, "qualifier": "at_least",
                              "perpetrators": None}
    assert isinstance(CASES[3].as_dict()["claims"][0], dict)


def test_unknown_keys_are_ignored_by_from_dict():
    data = CASES[1].as_dict() | {"not_a_field": 1}
    assert Event.from_dict(data) == CASES[1]
