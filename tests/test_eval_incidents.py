"""The incidents evaluation (gva-longtail): its scorer on made-up cases, then the gate on dev.

The gate ingests gva-longtail dev once, as ``newsledger ingest`` does, and checks:
the pinned dev scores (``eval_pins.json``) hold; no discrepancy judged FALSE in
a judged sample (``judged/*.jsonl``: ids, claim offsets and verdicts, no text)
that the ledger had stopped reporting comes back; the ones judged REAL in the
latest sample are still reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import needs
import pytest

from newsledger.eval import default_data, run_task
from newsledger.eval.incidents import (GoldIncident, Reading, city_right, cross_incident_share, figure_right,
                                       keyword_reading, score_readings, state_right, still_reported)

from test_eval_gate import PINS, worse

JUDGED = sorted((Path(__file__).parent / "judged").glob("gva-dev-*.jsonl"))
LATEST_SAMPLE = Path(__file__).parent / "judged" / "gva-dev-latest.jsonl"

GOLD = GoldIncident("1", "2016-07-27", "Gainesville", "Florida", {"killed": 2, "injured": 3},
                    {"killed": 1, "injured": 3}, ["a", "b"])


@pytest.mark.parametrize(
    "place, city, state",
    [
        ("Gainesville, Florida", True, True),
        ("Gainesville, FL", True, True),
        ("GAINESVILLE", True, False),
        ("Alachua County, Florida", False, True),
        ("Gainesville, Georgia", True, False),
        (None, False, False),
    ],
)
def test_city_and_state_are_read_off_the_place(place, city, state):
    assert (city_right(place, GOLD), state_right(place, GOLD)) == (city, state)


def test_a_figure_is_right_as_the_total_or_the_victims_only():
    assert figure_right(2, GOLD, "killed") and figure_right(1, GOLD, "killed")  # the shooter died too
    assert not figure_right(3, GOLD, "killed") and not figure_right(None, GOLD, "killed")


def test_scores_count_a_missing_reading_as_wrong_and_an_excess_as_an_overcount():
    gold_of = {"a": GOLD, "b": GOLD}
    readings = {"a": Reading("2016-07-27", "Gainesville, Florida", 5, 3)}
    metrics = score_readings(readings, gold_of)
    assert metrics["date_accuracy"] == metrics["city_accuracy"] == 0.5
    assert (metrics["killed_accuracy"], metrics["killed_coverage"]) == (0.0, 0.5)
    assert (metrics["injured_accuracy"], metrics["injured_coverage"]) == (1.0, 0.5)
    assert metrics["overcount_rate"] == 0.5  # killed 5 > 2; injured 3 is no overcount


def test_a_judged_discrepancy_is_still_reported_while_two_of_its_claims_are_compared():
    judged = {"facet": "killed", "claims": [["a", 1, 4], ["b", 7, 9], ["c", 0, 2]]}
    same = {"facet": "killed", "claims": [{"article": "b", "start": 7, "end": 9}, {"article": "a", "start": 1, "end": 4}]}
    assert still_reported(judged, [same])
    assert not still_reported(judged, [same | {"facet": "injured"}])
    assert not still_reported(judged, [{"facet": "killed", "claims": same["claims"][:1]}])


def test_a_discrepancy_across_gold_incidents_is_counted():
    other = GoldIncident("2", "2016-07-30", "Ocala", "Florida", {"killed": 1, "injured": 0},
                         {"killed": 1, "injured": 0}, ["c"])
    data = {"discrepancies": [{"claims": [{"article": "a"}, {"article": "b"}]},
                              {"claims": [{"article": "a"}, {"article": "c"}]}]}
    assert cross_incident_share(data, {"a": GOLD, "b": GOLD, "c": other}) == (0.5, 2)


def test_the_keyword_peer_reads_the_dateline_and_the_largest_figure_before_a_casualty_word():
    doc = {"published": "2016-07-28",
           "text": "GAINESVILLE, Fla. - Two people were killed and 3 injured. Police said 1 dead, 12 hurt overall."}
    reading = keyword_reading(doc)
    assert (reading.date, reading.place, reading.killed, reading.injured) == (
        "2016-07-28", "Gainesville, Florida", 2, 12)


# --- the gate on dev ---------------------------------------------------------


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    needs.benchmark(default_data("incidents"), "'incidents'")
    path = tmp_path_factory.mktemp("incidents") / "dev.duckdb"
    result = run_task("incidents", split="dev", keep=path)
    from newsledger.ledger import Ledger

    with Ledger(path, read_only=True) as ledger:
        found = [d.as_dict() for d in ledger.discrepancies()]
    return result, found


@pytest.mark.model
def test_dev_scores_hold(scored):
    result, _ = scored
    pin = PINS["incidents"]
    assert result.n_docs == pin["n_docs"], "the dev part changed size: re-pin with tools/pin_eval_scores.py"
    moved = {name: (round(result.metrics[name], 4), pinned) for name, pinned in pin["metrics"].items()
             if worse(name, result.metrics[name], pinned)}
    assert not moved, f"incidents: scores moved the wrong way from their pins (now, pinned): {moved}"


@pytest.mark.model
def test_no_discrepancy_judged_false_and_fixed_comes_back(scored):
    # A ratchet: ``reported`` says whether the ledger still reported it when the sample was last checked
    # (tools/judge_sample.py --check); the false ones it no longer reported must stay gone.
    _, found = scored
    judged = [json.loads(line) for path in JUDGED for line in path.read_text().splitlines()]
    fixed = [j for j in judged if j["verdict"] == "FALSE" and not j["reported"]]
    back = [j["id"] for j in fixed if still_reported(j, found)]
    assert fixed and not back, f"discrepancies judged FALSE are reported again: {back}"


@pytest.mark.model
def test_the_discrepancies_judged_real_are_still_reported(scored):
    _, found = scored
    judged = [json.loads(line) for line in LATEST_SAMPLE.read_text().splitlines()]
    lost = [j["id"] for j in judged if j["verdict"] == "REAL" and not still_reported(j, found)]
    assert not lost, f"discrepancies judged REAL are no longer reported: {lost}"
