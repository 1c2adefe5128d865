"""The evaluation gate: dev scores pinned in eval_pins.json must not drop.

Each pinned task runs on its dev part (the data is read from the benchmarks
folder beside the checkout, never copied here); a metric more than
``TOLERANCE`` below its pin (above it, for a rate of errors) fails the build. tools/pin_eval_scores.py
writes the pins.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import needs
import pytest

from newsledger.eval import default_data, run_task
from newsledger.options import Options

TOLERANCE = 0.01  # one point
PINS = json.loads((Path(__file__).with_name("eval_pins.json")).read_text())
# Rates of what should not happen: these must not rise.
LOWER_IS_BETTER = {"overcount_rate", "cross_incident_discrepancies"}


def worse(name: str, now: float, pinned: float) -> bool:
    return now > pinned + TOLERANCE if name in LOWER_IS_BETTER else now < pinned - TOLERANCE


@pytest.mark.model
# incidents has its own gate (test_eval_incidents.py), which also checks the judged discrepancies on the same run.
@pytest.mark.parametrize("task", sorted(task for task in PINS if task != "incidents"))
def test_dev_scores_hold(task):
    pin = PINS[task]
    needs.benchmark(default_data(task), repr(task))
    today = {"today": date.fromisoformat(pin["today"])} if "today" in pin else {}  # a task pinned on a fixed day
    result = run_task(task, split=pin["split"], options=Options(**today))
    assert result.n_docs == pin["n_docs"], "the dev part changed size: re-pin with tools/pin_eval_scores.py"
    dropped = {name: (round(result.metrics[name], 4), pinned) for name, pinned in pin["metrics"].items()
               if worse(name, result.metrics[name], pinned)}
    assert not dropped, f"{task}: scores moved more than {TOLERANCE} the wrong way from their pins (now, pinned): {dropped}"


def test_pubdate_is_pinned_on_a_fixed_day():
    # Its inference may return any day up to `today`: pinned on the day of a run, the pin would drift.
    assert PINS["pubdate"]["today"] == "2026-12-04" and PINS["pubdate"]["split"] == "dev"


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_benchmarks_fail_on_ci_and_skip_elsewhere(ci, outcome, monkeypatch, tmp_path):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="not found at"):
        needs.benchmark(tmp_path / "absent", "'pubdate'")
    assert needs.benchmark(tmp_path, "'pubdate'") == tmp_path  # present: nothing happens
