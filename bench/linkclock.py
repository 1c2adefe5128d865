"""The benches' stopwatch on the cross-article step: how long ``link_pending`` took inside a run.

Parsing costs the same whatever the ledger holds and runs in the worker processes with ``--jobs``,
while linking runs in the writing process only; timing it apart says which part of a run grows with
the ledger (bench/incremental.py) or stays serial when processes are added (bench/jobs.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsledger.engine import local


@contextmanager
def timing_link_pending() -> Iterator[list[float]]:
    """Within the block, each call of ``link_pending`` appends its seconds to the list yielded."""
    seconds: list[float] = []
    link_pending = local.link_pending

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return link_pending(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - started)

    local.link_pending = timed
    try:
        yield seconds
    finally:
        local.link_pending = link_pending
