"""Discrepancies between reports of one aligned event (no model needed)."""

import pytest

from newsledger.compare.discrepancies import find_discrepancies, relation
from newsledger.link.events import align_events, effective_dates
from newsledger.records import Claim, Event, Quantity

AT_LEAST_1 = Quantity(1, None, "At least one", qualifier="at_least")
AT_LEAST_2 = Quantity(2, None, "At least two", qualifier="at_least")
DOZENS = Quantity(24, 99, "dozens", qualifier="vague")
THREE_DOZEN = Quantity(36, 36, "three dozen", qualifier="exact")
NINE_UPDATE = Quantity(9, 9, "risen to nine", qualifier="update")
SEVEN = Quantity(7, 7, "seven", qualifier="exact")


def _claim(article, published):
    return Claim(article, None, "", "narrator", published=published)


@pytest.mark.parametrize(
    "qa, qb, expected",
    [
        (AT_LEAST_1, AT_LEAST_2, "conflict"),
        (DOZENS, THREE_DOZEN, "precision"),
        (THREE_DOZEN, DOZENS, "precision"),
        (SEVEN, NINE_UPDATE, "update"),
        (SEVEN, Quantity(9, 9, "nine", qualifier="exact"), "conflict"),
        (THREE_DOZEN, Quantity(36, 36, "36", qualifier="exact"), None),
    ],
)
def test_relation(qa, qb, expected):
    assert relation(_claim("a", "2023-06-21"), qa, _claim("b", "2023-07-02"), qb) == expected


def _event(eid, article, start, date=None, etype="ASSAULT", killed=None, injured=None, source="narrator"):
    return Event(eid, article, etype, "x", start, start + 50, date=date, killed=killed, injured=injured, source=source)


SEED_LIKE = [
    _event("a:e0", "a", 0, "2023-06-20", "FIGHT", killed=AT_LEAST_1, injured=DOZENS),
    _event("b:e0", "b", 0, "2023-06-20", "COERCE"),
    # No date of its own: the raid right before it dates it.
    _event("b:e1", "b", 60, None, "ASSAULT", killed=AT_LEAST_2, injured=THREE_DOZEN, source="b:s3"),
    _event("b:e2", "b", 900, "2023-06-29", "COERCE"),
]


def test_an_undated_event_takes_the_date_just_before_it():
    days = effective_dates(SEED_LIKE)
    assert days["b:e1"] == "2023-06-20"
    assert days["b:e2"] == "2023-06-29"


def test_reports_of_one_incident_align_and_other_days_do_not():
    aligned = align_events("st", SEED_LIKE)
    assert aligned["a:e0"] == aligned["b:e0"] == aligned["b:e1"]
    assert aligned["b:e2"] != aligned["a:e0"]


def _find(events, duplicate_of=None):
    return find_discrepancies(
        "st",
        events,
        align_events("st", events),
        published={"a": "2023-06-21", "b": "2023-07-02", "c": "2023-07-03"},
        duplicate_of=duplicate_of or {},
        speakers={"b:s3": "a security source"},
    )


def test_seed_like_reports_give_a_killed_conflict_and_an_injured_precision():
    found = {(d.facet, d.kind): d for d in _find(SEED_LIKE)}
    assert set(found) == {("killed", "conflict"), ("injured", "precision")}
    claims = found[("killed", "conflict")].claims
    assert [(c.article, c.value["min"]) for c in claims] == [("a", 1), ("b", 2)]
    assert claims[1].source == "b:s3" and claims[1].speaker == "a security source"


def test_a_near_duplicate_is_not_a_second_source():
    copy = _event("c:e0", "c", 0, "2023-06-20", "FIGHT", killed=AT_LEAST_1)
    original = _event("a:e0", "a", 0, "2023-06-20", "FIGHT", killed=AT_LEAST_1)
    assert _find([original, copy], duplicate_of={"c": "a"}) == []


def test_one_article_contradicting_itself_is_internal():
    events = [
        _event("a:e0", "a", 0, "2023-06-20", killed=SEVEN),
        _event("a:e1", "a", 100, "2023-06-20", killed=Quantity(12, 12, "twelve", qualifier="exact")),
    ]
    (found,) = _find(events)
    assert found.kind == "internal" and len(found.claims) == 2


def test_agreeing_reports_yield_nothing():
    events = [_event("a:e0", "a", 0, "2023-06-20", killed=SEVEN), _event("b:e0", "b", 0, "2023-06-20", killed=SEVEN)]
    assert _find(events) == []
