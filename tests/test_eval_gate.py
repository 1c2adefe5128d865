"""The evaluation gate: dev scores pinned in eval_pins.json must not drop.

Each pinned task runs on its dev part (the data is read from the benchmarks
folder beside the checkout, never copied here); a metric more than
``TOLERANCE`` below its pin (above it, for a rate of errors) fails the build. tools/pin_eval_scores.py
writes the pins.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.eval import default_data, run_task

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
    if not default_data(task).exists():
        pytest.skip(f"benchmark data for {task!r} not found at {default_data(task)}")
    result = run_task(task, split=pin["split"])
    assert result.n_docs == pin["n_docs"], "the dev part changed size: re-pin with tools/pin_eval_scores.py"
    dropped = {name: (round(result.metrics[name], 4), pinned) for name, pinned in pin["metrics"].items()
               if worse(name, result.metrics[name], pinned)}
    assert not dropped, f"{task}: scores moved more than {TOLERANCE} the wrong way from their pins (now, pinned): {dropped}"
