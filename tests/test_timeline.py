"""Timelines (no model needed) and the seeds' timeline and internal contradiction end to end."""

from datetime import date

import pytest

from newsledger import Ledger, Options
from newsledger.compare.timeline import TimelineEntry, build_timeline
from newsledger.ledger import SAMPLES
from newsledger.records import Article, Event, Statement

# -- build_timeline over hand-made records ----------------------------------


def _article(aid, duplicate_of=None):
    return Article(aid, f"{aid}.txt", "", published="2023-07-02", duplicate_of=duplicate_of, outlet=f"Outlet {aid}")


def _event(eid, article, start, date_value, trigger="raided", aligned=None, source="narrator"):
    return Event(eid, article, "COERCE", trigger, start, start + 40, date=date_value, date_text="Tuesday",
                 source=source, aligned=aligned)


def _statement(sid, article, start, date_value, speaker="ent_k", speaker_text="Kanaani"):
    return Statement(sid, article, speaker, speaker_text, "said", "the raid was lawful", "indirect", start, start + 60,
                     date=date_value)


def test_dated_records_in_date_order_with_their_sources():
    events = [
        _event("a:e0", "a", 300, "2023-06-29", "entered"),
        _event("a:e1", "a", 0, "2023-06-20", aligned="ae_raid"),
        _event("b:e0", "b", 50, "2023-06-20", "clashes", aligned="ae_raid"),
        _event("a:e2", "a", 100, "2014", "agreement"),
    ]
    statements = [_statement("a:s0", "a", 200, "2023-06-21")]
    timeline = build_timeline("st", [_article("a"), _article("b")], events, statements, {"ent_k": "Nasser Kanaani"})
    assert [(e.date, e.kind) for e in timeline] == [
        ("2014", "event"), ("2023-06-20", "event"), ("2023-06-21", "statement"), ("2023-06-29", "event")]
    raid = timeline[1]
    assert raid.what == "COERCE “raided”; COERCE “clashes”" and raid.event == "ae_raid"
    assert [(s.article, s.record, s.start, s.end, s.outlet, s.date_text) for s in raid.sources] == [
        ("a", "a:e1", 0, 40, "Outlet a", "Tuesday"), ("b", "b:e0", 50, 90, "Outlet b", "Tuesday")]
    said = timeline[2]
    assert said.what.startswith("Nasser Kanaani said: “the raid was lawful”")
    assert (said.sources[0].source, said.sources[0].speaker) == ("a:s0", "Nasser Kanaani")


def test_an_event_reported_inside_a_statement_names_its_speaker():
    events = [_event("a:e0", "a", 0, "2023-06-29", "entered", source="a:s0")]
    statements = [_statement("a:s0", "a", 0, None, speaker=None, speaker_text="the Albanian Daily News")]
    (entry,) = build_timeline("st", [_article("a")], events, statements)
    assert (entry.sources[0].source, entry.sources[0].speaker) == ("a:s0", "the Albanian Daily News")


def test_one_speaker_on_one_day_in_two_articles_is_one_entry():
    statements = [_statement("a:s0", "a", 0, "2023-06-21"), _statement("b:s0", "b", 0, "2023-06-21")]
    (entry,) = build_timeline("st", [_article("a"), _article("b")], [], statements)
    assert [s.article for s in entry.sources] == ["a", "b"]


@pytest.mark.parametrize("value", [None, "PXY", "P10Y", "PRESENT_REF", "198", "XXXX-06-20"])
def test_records_without_a_calendar_date_of_their_own_are_left_out(value):
    events, statements = [_event("a:e0", "a", 0, value)], [_statement("a:s0", "a", 0, value)]
    assert build_timeline("st", [_article("a")], events, statements) == []


def test_a_near_duplicate_adds_no_source():
    events = [_event(eid, eid[0], 0, "2023-06-20", aligned="ae_raid") for eid in ("a:e0", "c:e0")]
    (entry,) = build_timeline("st", [_article("a"), _article("c", duplicate_of="a")], events, [])
    assert [s.article for s in entry.sources] == ["a"]


def test_entries_round_trip_through_dicts():
    (entry,) = build_timeline("st", [_article("a")], [_event("a:e0", "a", 0, "2023-06-20")], [])
    assert TimelineEntry.from_dict(entry.as_dict()) == entry


# -- the seeds ---------------------------------------------------------------

UNDATED, DATED = "63d2c36f896696c1", "55bd8b1e6eed8262"  # 000_..., 004_...


@pytest.fixture(scope="module")
def seeds():
    with Ledger(options=Options(today=date(2026, 11, 23))) as ledger:
        ledger.ingest([SAMPLES])
        yield ledger


def test_seed_000_contradicts_itself_on_since_when_albania_hosts_the_mko(seeds):
    text = next(a.text for a in seeds.articles() if a.id == UNDATED)
    (found,) = [d for d in seeds.discrepancies() if d.kind == "internal"]
    assert found.facet == "start"
    decade, since = found.claims
    assert {c.article for c in found.claims} == {UNDATED}
    assert text[decade.start:decade.end] == "for a decade" and decade.value["start"] == "2013"
    assert decade.speaker == "Nasser Kanaani"
    assert text[since.start:since.end] == "since 2016" and since.value["start"] == "2016"


def test_the_seeds_timeline(seeds):
    (story,) = seeds.stories()
    timeline = seeds.timeline(story.id)
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)
    raid = next(e for e in timeline if e.date == "2023-06-20" and e.kind == "event")
    assert "“raided”" in raid.what and {s.article for s in raid.sources} == {UNDATED, DATED}
    kanaani = next(e for e in timeline if e.date == "2023-06-21" and e.kind == "statement")
    assert kanaani.sources[0].speaker == "Nasser Kanaani" and "Iraqi government expelled" in kanaani.what
    entered = next(e for e in timeline if e.date == "2023-06-29")
    assert "“entered”" in entered.what and [s.article for s in entered.sources] == [DATED]
    assert timeline.index(raid) < timeline.index(kanaani) < timeline.index(entered)
    assert seeds.timeline("st_no_such_story") == []


def test_the_summary_and_the_export_show_it(seeds):
    summary = seeds.summary()
    assert "  Timeline" in summary and "start: INTERNAL" in summary
    assert "≈2013  “for a decade”" in summary and "2016  “since 2016”" in summary
    (story,) = seeds.stories()
    assert seeds.to_dict()["timelines"] == [e.as_dict() for e in seeds.timeline(story.id)]
