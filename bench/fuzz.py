"""The long fuzz run: the properties of tests/test_fuzz.py with many examples.

    python bench/fuzz.py [--examples 20000] [--seconds 60] [--target NAME ...] [--out bench/results/fuzz.json]

Each target (``tests/fuzz_targets.py``) runs in rounds of fresh random
examples until it has run ``--examples`` of them or ``--seconds`` have
passed. A failure is shrunk by hypothesis, printed, and counted once per
distinct place it was raised from; the target then goes on with new rounds.
Prints per target the examples run, the failures found and the seconds, and
writes them with the machine and the date to ``--out``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning
from hypothesis.reporting import with_reporter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fuzz_targets import TARGETS, Target
from throughput import save_result

ROUND = 500  # examples per round: a failure found in one is shrunk before the next
LONG = settings(
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)


def fuzz(target: Target, examples: int, seconds: float) -> dict:
    runs = 0

    def check(args: tuple) -> None:
        nonlocal runs
        runs += 1
        target.check(*args)

    failures: dict[str, str] = {}
    started = time.perf_counter()
    while runs < examples and time.perf_counter() - started < seconds:
        test = settings(LONG, max_examples=min(ROUND, examples - runs))(given(st.tuples(*target.strategies))(check))
        try:
            with with_reporter(lambda text: None):  # the failing example is in the exception's notes
                test()
        except Exception as err:  # noqa: BLE001 - every failure is a finding
            for found in getattr(err, "exceptions", [err]):
                failures.setdefault(_where(found), _describe(found))
    elapsed = time.perf_counter() - started
    for where, description in failures.items():
        print(f"  FAILURE at {where}: {description}")
    return {"target": target.name, "examples": runs, "failures": len(failures), "seconds": round(elapsed, 1),
            "found": [{"where": w, "error": d} for w, d in failures.items()]}


def _where(err: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/newsledger/" in f.filename or "fuzz_targets" in f.filename]
    last = frames[-1] if frames else None
    return f"{type(err).__name__} {Path(last.filename).name}:{last.lineno}" if last else type(err).__name__


def _describe(err: BaseException, limit: int = 600) -> str:
    notes = " ".join(getattr(err, "__notes__", []))
    text = f"{type(err).__name__}: {err} {notes}"
    return text if len(text) <= limit else text[:limit] + " …"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=20_000, help="examples per target (at most)")
    parser.add_argument("--seconds", type=float, default=60, help="seconds per target (at most)")
    parser.add_argument("--target", action="append", choices=[t.name for t in TARGETS], help="run only these")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "fuzz.json")
    args = parser.parse_args(argv)

    logging.disable(logging.ERROR)  # trafilatura logs every page it cannot parse
    warnings.simplefilter("ignore", HypothesisWarning)  # "overly large repr" of the deep inputs
    chosen = [t for t in TARGETS if not args.target or t.name in args.target]
    rows = []
    print(f"{'target':<18}{'examples':>10}{'failures':>10}{'seconds':>10}")
    for target in chosen:
        row = fuzz(target, args.examples, args.seconds)
        rows.append(row)
        print(f"{row['target']:<18}{row['examples']:>10}{row['failures']:>10}{row['seconds']:>10}", flush=True)
    result = {
        "benchmark": "fuzz",
        "examples_per_target": args.examples,
        "seconds_per_target": args.seconds,
        "examples": sum(r["examples"] for r in rows),
        "failures": sum(r["failures"] for r in rows),
        "seconds": round(sum(r["seconds"] for r in rows), 1),
        "targets": rows,
    }
    save_result(result, args.out)
    return result


if __name__ == "__main__":
    main()
