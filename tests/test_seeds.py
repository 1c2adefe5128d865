"""The seed articles end to end: the facts the project was started for."""

from datetime import date

import jsonschema
import json
import pytest

from newsledger import Ledger, Options
from newsledger.ledger import SAMPLES
from pathlib import Path

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "ledger.schema.json").read_text())
OPTIONS = Options(today=date(2026, 11, 23))
UNDATED, DATED = "63d2c36f896696c1", "55bd8b1e6eed8262"  # 000_..., 004_...


@pytest.fixture(scope="module")
def ledger():
    with Ledger(options=OPTIONS) as ledger:
        report = ledger.ingest([SAMPLES])
        assert (report.added, report.failed) == (2, 0)
        yield ledger


@pytest.fixture(scope="module")
def data(ledger):
    return ledger.to_dict()


def _article(data, article_id):
    return next(a for a in data["articles"] if a["id"] == article_id)


def _entity(data, alias):
    return next(e for e in data["entities"] if alias in e["aliases"])


def test_the_export_follows_the_schema(data):
    jsonschema.validate(data, SCHEMA)


def test_publication_dates_and_where_they_came_from(data):
    dated, undated = _article(data, DATED), _article(data, UNDATED)
    assert (dated["published"], dated["published_source"]) == ("2023-07-02", "header")
    assert dated["text"].startswith("Albanian Prime Minister")
    assert (undated["published"], undated["published_source"]) == ("2023-06-21", "inferred")
    assert {"Wednesday", "Tuesday", "June 20"} <= {e["text"] for e in undated["published_evidence"]}


def test_one_story_and_no_duplicates(data):
    (story,) = data["stories"]
    assert set(story["articles"]) == {UNDATED, DATED}
    assert all(a["duplicate_of"] is None for a in data["articles"])


@pytest.mark.parametrize(
    "alias, also",
    [("MKO", {"Mujahedin-e-Khalq Organization", "Mujahedin-e Khalq Organization"}), ("Kanaani", {"Nasser Kanaani"}),
     ("Ashraf 3", {"Ashraf-3"}), ("Rama", {"Edi Rama"})],
)
def test_one_entity_per_actor_across_articles(data, alias, also):
    entity = _entity(data, alias)
    assert also <= set(entity["aliases"])
    assert sum(alias in e["aliases"] for e in data["entities"]) == 1


def test_mko_mentions_point_at_its_names(data):
    entity = _entity(data, "MKO")
    texts = {a["id"]: a["text"] for a in data["articles"]}
    spans = {texts[m["article"]][m["start"]:m["end"]] for m in entity["mentions"]}
    assert "MKO" in spans and len(entity["mentions"]) >= 10
    assert spans <= set(entity["aliases"])


def _statement(data, article, words):
    return next(s for s in data["statements"] if s["article"] == article and words in s["content"])


def test_kanaani_tweets_reported_by_press_tv(data):
    s = _statement(data, UNDATED, "the Iraqi government expelled MKO members")
    assert s["speaker"] == _entity(data, "Kanaani")["id"]
    assert s["channel"] == "in a series of tweets" and s["reported_by"] == "Press TV"
    assert s["date"] == "2023-06-21"


def test_rama_in_an_interview_with_spiegel(data):
    s = _statement(data, DATED, "The MKO has been present in our country")
    assert (s["kind"], s["speaker"]) == ("direct", _entity(data, "Rama")["id"])
    assert s["channel"] == "in an interview with the German magazine Spiegel"


def test_a_security_source_told_irna(data):
    s = _statement(data, DATED, "At least two terrorists were killed")
    assert s["speaker"] is None and s["speaker_text"] == "a security source"
    assert s["reported_by"] == "IRNA"


def test_the_raid_is_dated_in_both_articles_and_aligned(data):
    raids = [e for e in data["events"] if e["trigger"] == "raided"]
    assert {(e["article"], e["date"]) for e in raids} == {(UNDATED, "2023-06-20"), (DATED, "2023-06-20")}
    assert len({e["aligned"] for e in raids}) == 1


def test_police_entered_the_camp_again_on_thursday(data):
    entered = next(e for e in data["events"] if e["article"] == DATED and e["trigger"] == "entered")
    assert entered["date"] == "2023-06-29"
    assert entered["place"] == "the Manez district of Durres city"


def test_killed_update_and_injured_precision(data):
    # "At least one" on June 21, "at least two" on July 2: a later, higher toll; "dozens" holds "three dozen".
    found = {(d["facet"], d["kind"]): d for d in data["discrepancies"]}
    killed = found[("killed", "update")]
    assert sorted((c["article"], c["value"]["min"]) for c in killed["claims"]) == [(DATED, 2), (UNDATED, 1)]
    irna = next(c for c in killed["claims"] if c["article"] == DATED)
    assert irna["source"] != "narrator" and irna["speaker"] == "a security source"
    text = _article(data, DATED)["text"]
    assert text[irna["start"]:irna["end"]] == "At least two"
    injured = found[("injured", "precision")]
    assert {c["text"] for c in injured["claims"]} == {"dozens", "three dozen"}


def test_every_evidence_span_lies_inside_its_article(data):
    lengths = {a["id"]: len(a["text"]) for a in data["articles"]}
    for kind in ("statements", "events", "times"):
        for record in data[kind]:
            assert 0 <= record["start"] < record["end"] <= lengths[record["article"]], (kind, record)


def test_ingesting_again_changes_nothing(ledger, data):
    report = ledger.ingest([SAMPLES])
    assert (report.added, report.skipped) == (0, 2)
    assert ledger.to_dict() == data


def test_a_later_article_joins_the_existing_story_without_reprocessing(tmp_path):
    first, second = sorted(SAMPLES.glob("*.txt"))
    with Ledger(tmp_path / "l.duckdb", OPTIONS) as ledger:
        ledger.ingest([first])
        before = ledger.store.rows("SELECT id, seq, ingested_at FROM articles")
        report = ledger.ingest([second])
        assert report.added == 1
        assert ledger.store.rows(f"SELECT id, seq, ingested_at FROM articles WHERE id = '{UNDATED}'") == before
        (story,) = ledger.stories()
        assert set(story.articles) == {UNDATED, DATED}
        assert {d.kind for d in ledger.discrepancies()} >= {"update", "precision"}


def test_tables_as_dataframes(ledger):
    frame = ledger.table("statements")
    assert {"speaker", "cue", "channel", "reported_by", "start", "end"} <= set(frame.columns)
    assert len(frame) == len(ledger.statements())


def test_the_story_link_is_explained(ledger, data):
    why = ledger.story_explanation(DATED)
    assert why["matched"] == UNDATED and why["score"] >= OPTIONS.story_threshold
    mko = "e:" + _entity(data, "MKO")["id"]
    assert mko in why["shared"] and "d:2023-06-20" in why["shared"]
    first = ledger.story_explanation(UNDATED)
    assert first["matched"] is None  # it started the story
