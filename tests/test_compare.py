"""Discrepancies between reports of one aligned event (no model needed)."""

import pytest

from newsledger.compare.discrepancies import compare_claims, find_discrepancies, injured_relation, relation
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


NINE = Quantity(9, 9, "nine", qualifier="exact")
SOME_80 = Quantity(72, 88, "Some 80", qualifier="about")
OVER_80 = Quantity(81, None, "Over 80", qualifier="at_least")
MORE_THAN_30 = Quantity(31, None, "more than 30", qualifier="at_least")
THIRTY_TWO = Quantity(32, 32, "32", qualifier="exact")


@pytest.mark.parametrize(
    "qa, qb, expected",
    [
        # b is reported eleven days after a
        (AT_LEAST_1, AT_LEAST_2, "update"),  # a higher toll, later: with or without "risen to"
        (SEVEN, NINE, "update"),
        (SEVEN, NINE_UPDATE, "update"),
        (NINE, SEVEN, "conflict"),  # a toll that falls: not an update
        (Quantity(90, None, "at least 90", qualifier="at_least"), Quantity(120, 120, "120", qualifier="exact"),
         "update"),  # an open floor, then a higher toll
        (Quantity(51, None, "more than 50", qualifier="at_least"), Quantity(50, None, "at least 50",
                                                                             qualifier="at_least"), None),
        (DOZENS, THREE_DOZEN, "precision"),  # narrower, not higher
        (THREE_DOZEN, DOZENS, "precision"),
        (THIRTY_TWO, MORE_THAN_30, "precision"),
        (THREE_DOZEN, Quantity(36, 36, "36", qualifier="exact"), None),
        # "several dead", then "at least seven": told more exactly, not a toll that rose
        (Quantity(3, 9, "Several", qualifier="vague"), Quantity(7, None, "At least seven", qualifier="at_least"),
         "precision"),
        (Quantity(3, 9, "Several", qualifier="vague"), Quantity(12, 12, "12", qualifier="exact"), "update"),
        (Quantity(3, 9, "several", qualifier="vague"), Quantity(2, 2, "two", qualifier="exact"), "conflict"),
    ],
)
def test_relation(qa, qb, expected):
    assert relation(_claim("a", "2023-06-21"), qa, _claim("b", "2023-07-02"), qb) == expected


@pytest.mark.parametrize(
    "qa, qb, expected",
    [
        (SEVEN, NINE, "conflict"),  # one day, two tolls that cannot both hold
        (AT_LEAST_1, AT_LEAST_2, "precision"),  # one day: both hold
        (SOME_80, OVER_80, "precision"),  # overlapping ranges both hold
        (THIRTY_TWO, MORE_THAN_30, "precision"),
        (SEVEN, NINE_UPDATE, "update"),  # "has risen to nine" says so itself
        # "three dead, including the shooter" beside "two bailiffs killed", or beside "three dead"
        (Quantity(3, 3, "three", qualifier="exact", perpetrators=1), Quantity(2, 2, "two", qualifier="exact"), None),
        (Quantity(3, 3, "three", qualifier="exact", perpetrators=1), Quantity(3, 3, "three", qualifier="exact"), None),
        (Quantity(3, 3, "three", qualifier="exact", perpetrators=1), Quantity(1, 1, "one", qualifier="exact"),
         "conflict"),
        # both count the gunman: six and five still disagree
        (Quantity(6, 6, "Six", qualifier="exact", perpetrators=1), Quantity(5, 5, "five", qualifier="exact",
                                                                           perpetrators=1), "conflict"),
    ],
)
def test_relation_on_one_day(qa, qb, expected):
    assert relation(_claim("a", "2023-06-21"), qa, _claim("b", "2023-06-21"), qb) == expected


TWO = Quantity(2, 2, "two", qualifier="exact")
THREE = Quantity(3, 3, "three", qualifier="exact")


def test_once_an_attacker_is_known_dead_the_tolls_with_and_without_him_agree():
    a, b = _claim("a", "2016-07-11"), _claim("b", "2016-07-12")
    assert relation(a, TWO, b, THREE) == "update"  # nothing said of the gunman: a later, higher toll
    assert relation(a, TWO, b, THREE, attackers_dead=1) is None  # "two bailiffs killed" and "3 killed"
    assert relation(a, TWO, b, Quantity(4, 4, "four", qualifier="exact"), attackers_dead=1) == "update"
    six_with_him = Quantity(6, 6, "Six", qualifier="exact", perpetrators=1)
    five_with_him = Quantity(5, 5, "five", qualifier="exact", perpetrators=1)
    assert relation(a, six_with_him, _claim("b", "2016-07-11"), five_with_him, attackers_dead=1) == "conflict"


@pytest.mark.parametrize(
    "dead_a, injured_a, dead_b, injured_b, expected",
    [
        # A wounded victim died between the reports: two killed and five hurt, then three and four.
        (TWO, Quantity(5, 5, "five", qualifier="exact"), THREE, Quantity(4, 4, "four", qualifier="exact"), "update"),
        # "Four people were injured" (the one who died among them) beside "one killed and three others hurt".
        (None, Quantity(4, 4, "Four", qualifier="exact"), AT_LEAST_1, THREE, None),
        # "several" beside "four" is no count of the dead among the hurt.
        (AT_LEAST_1, Quantity(3, 9, "several", qualifier="vague"), AT_LEAST_1,
         Quantity(4, 4, "four", qualifier="exact"), "precision"),
        # The same dead, fewer hurt later by more than the dead: a toll that falls.
        (AT_LEAST_1, SEVEN, AT_LEAST_1, Quantity(4, 4, "four", qualifier="exact"), "conflict"),
    ],
)
def test_the_injured_are_compared_knowing_each_reports_dead(dead_a, injured_a, dead_b, injured_b, expected):
    a, b = _claim("a", "2016-12-26"), _claim("b", "2017-01-06")
    dead = {article: q for article, q in (("a", dead_a), ("b", dead_b)) if q is not None}
    assert injured_relation(a, injured_a, b, injured_b, dead) == expected


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


def test_seed_like_reports_give_a_killed_update_and_an_injured_precision():
    found = {(d.facet, d.kind): d for d in _find(SEED_LIKE)}
    assert set(found) == {("killed", "update"), ("injured", "precision")}
    claims = found[("killed", "update")].claims
    assert [(c.article, c.value["min"]) for c in claims] == [("a", 1), ("b", 2)]
    assert claims[1].source == "b:s3" and claims[1].speaker == "a security source"


def test_a_near_duplicate_is_not_a_second_source():
    copy = _event("c:e0", "c", 0, "2023-06-20", "FIGHT", killed=AT_LEAST_1)
    original = _event("a:e0", "a", 0, "2023-06-20", "FIGHT", killed=AT_LEAST_1)
    assert _find([original, copy], duplicate_of={"c": "a"}) == []


def test_an_article_speaks_for_the_incident_with_its_first_figure():
    # "seven killed" in the lead, "twelve" further down (the dead of one street, say): its toll is seven
    events = [
        _event("a:e0", "a", 0, "2023-06-20", killed=SEVEN),
        _event("a:e1", "a", 100, "2023-06-20", killed=Quantity(12, 12, "twelve", qualifier="exact")),
    ]
    assert _find(events) == []
    events.append(_event("b:e0", "b", 0, "2023-06-20", killed=Quantity(12, 12, "twelve", qualifier="exact")))
    (found,) = _find(events)
    assert found.kind == "update" and [(c.article, c.value["min"]) for c in found.claims] == [("a", 7), ("b", 12)]


def test_a_count_of_named_victims_is_compared_with_nothing():
    # "his girlfriend was killed" names one victim; another report's "three killed" does not contradict it
    named = Quantity(1, None, "his girlfriend", qualifier="named")
    events = [_event("a:e0", "a", 0, "2023-06-20", killed=named),
              _event("b:e0", "b", 0, "2023-06-20", killed=Quantity(3, 3, "three", qualifier="exact"))]
    assert _find(events) == []


def test_agreeing_reports_yield_nothing():
    events = [_event("a:e0", "a", 0, "2023-06-20", killed=SEVEN), _event("b:e0", "b", 0, "2023-06-20", killed=SEVEN)]
    assert _find(events) == []


# -- figures inside one article -------------------------------------------

TWELVE = Quantity(12, 12, "twelve", qualifier="exact")


def _voiced(eid, article, start, killed, source="narrator"):
    event = _event(eid, article, start, "2023-06-20", killed=killed, source=source)
    event.killed = Quantity(killed.min, killed.max, killed.text, start, start + 5, killed.qualifier)
    return event


def _find_voiced(events, speakers, duplicate_of=None):
    return find_discrepancies(
        "st", events, align_events("st", events),
        published={"a": "2023-06-21", "b": "2023-07-02", "c": "2023-06-22"},
        duplicate_of=duplicate_of or {}, speakers=speakers,
    )


@pytest.mark.parametrize(
    "first, second, speakers, expected",
    [
        # The narrator gives two tolls: the first is the article's.
        ((SEVEN, "narrator"), (TWELVE, "narrator"), {}, set()),
        # Two identified sources disagree further down: the article's toll is still its first.
        ((SEVEN, "a:s1"), (TWELVE, "a:s2"), {"a:s1": "Police", "a:s2": "the hospital"}, set()),
        # "risen to nine" updates the earlier figure, before or after it.
        ((SEVEN, "narrator"), (NINE_UPDATE, "narrator"), {}, set()),
        ((NINE_UPDATE, "narrator"), (SEVEN, "narrator"), {}, set()),
    ],
)
def test_figures_inside_one_article(first, second, speakers, expected):
    events = [_voiced("a:e0", "a", 0, first[0], first[1]), _voiced("a:e1", "a", 100, second[0], second[1])]
    assert {d.kind for d in _find_voiced(events, speakers)} == expected


def test_compare_claims_finds_an_article_contradicting_itself_in_one_voice():
    claims = [(Claim("a", {}, "seven", "narrator", start=0), SEVEN),
              (Claim("a", {}, "twelve", "a:s1", speaker="Police", start=100), TWELVE),
              (Claim("b", {}, "seven", "narrator", start=0), SEVEN)]
    (found,) = compare_claims("st", "ae", "killed", claims)
    assert found.kind == "internal" and [(c.article, c.speaker) for c in found.claims] == [("a", None), ("a", "Police")]


def test_a_figure_its_own_article_updated_is_not_compared_with_other_articles():
    events = [
        _voiced("a:e0", "a", 0, SEVEN),
        _voiced("a:e1", "a", 100, NINE_UPDATE),
        _voiced("b:e0", "b", 0, Quantity(9, 9, "nine", qualifier="exact")),
    ]
    assert _find_voiced(events, {}) == []


def test_a_figure_that_says_it_is_the_whole_speaks_for_its_article():
    # "killing two people at a fire pit ... A total of three people were killed"
    events = [
        _voiced("a:e0", "a", 0, Quantity(2, 2, "two", qualifier="exact")),
        _voiced("a:e1", "a", 100, Quantity(3, 3, "A total of three", qualifier="exact")),
        _voiced("b:e0", "b", 0, Quantity(3, 3, "Three", qualifier="exact")),
    ]
    assert _find_voiced(events, {}) == []


def test_a_near_duplicate_is_folded_into_its_original():
    events = [_voiced("a:e0", "a", 0, SEVEN), _voiced("c:e0", "c", 0, SEVEN), _voiced("b:e0", "b", 0, TWELVE)]
    found = _find_voiced(events, {}, duplicate_of={"c": "a"})
    assert [(d.kind, [c.article for c in d.claims]) for d in found] == [("update", ["a", "b"])]


# --- the date (compare.facets) ---


def _report(eid, article, etype="ASSAULT", date=None, place=None, agents=()):
    return Event(eid, article, etype, "raided", 0, 40, agents=list(agents), place=place, date=date)


@pytest.mark.parametrize(
    "facet, first, second, expected",
    [
        ("date", dict(date="2023-06-20"), dict(date="2023-06-22"), "conflict"),
        ("date", dict(date="2023-06"), dict(date="2023-06-20"), "precision"),
    ],
)
def test_text_facets_across_articles(facet, first, second, expected):
    events = [_report("e1", "a1", **first), _report("e2", "a2", **second)]
    found = find_discrepancies("st", events, {"e1": "al", "e2": "al"}, {"a1": "2023-06-21", "a2": "2023-07-02"}, {}, {})
    assert [(d.facet, d.kind) for d in found] == [(facet, expected)]
    assert [c.article for c in found[0].claims] == ["a1", "a2"]


@pytest.mark.parametrize(
    "first, second, duplicate_of",
    [
        (dict(date="2023-06-20"), dict(date="2023-06-23"), {"a2": "a1"}),  # a near-duplicate is not a second source
        (dict(etype="AGREE", date="2023-06-20"), dict(etype="ASSAULT", date="2023-06-23"), {}),  # types differ
        (dict(date="2023-06-20"), dict(date="2023-06-21"), {}),  # next days: past midnight, or the police's day
        (dict(place="Tirana"), dict(place="Durres"), {}),  # places are shown with the incident, not compared
        (dict(agents=["Albanian police"]), dict(agents=["the MKO"]), {}),  # nor are perpetrators
    ],
)
def test_text_facets_that_are_not_discrepancies(first, second, duplicate_of):
    events = [_report("e1", "a1", **first), _report("e2", "a2", **second)]
    found = find_discrepancies("st", events, {"e1": "al", "e2": "al"}, {"a1": None, "a2": None}, duplicate_of, {})
    assert found == []


# -- the story's incident (compare.incident) ---------------------------------

from newsledger.compare.incident import resolve_incident  # noqa: E402


def test_the_incident_takes_the_latest_toll_and_an_undated_report_of_the_same_city():
    first = _event("a:e0", "a", 0, "2023-06-20", killed=Quantity(1, 1, "one", 10, 13, "exact"))
    later = _event("b:e0", "b", 0, "2023-06-20", killed=Quantity(2, 2, "two", 10, 13, "exact"))
    undated = _event("c:e0", "c", 0, None)
    elsewhere = _event("d:e0", "d", 0, None)
    for event, place in ((first, "Gainesville, Florida"), (later, "Gainesville, Florida"),
                         (undated, "Gainesville, Florida"), (elsewhere, "Ocala, Florida")):
        event.place = place
    events = [first, later, undated, elsewhere]
    aligned = align_events("st", events)
    resolved = resolve_incident(events, {e.article: e.id for e in events}, aligned,
                                {"a": "2023-06-21", "b": "2023-06-22", "c": "2023-06-23", "d": "2023-06-23"},
                                {}, effective_dates(events))
    incident = resolved.incident
    assert (incident.date, incident.place, incident.killed.min) == ("2023-06-20", "Gainesville, Florida", 2)
    assert [(c.article, c.value["min"]) for c in incident.claims if c.facet == "killed"] == [("a", 1), ("b", 2)]
    assert aligned["c:e0"] == resolved.aligned != aligned["d:e0"]  # the same city's undated report joins
