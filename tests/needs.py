"""What a test needs from outside the repository, and what its absence means.

On CI (``CI=true``, as .ci/run and every CI service set it) the benchmarks
beside the checkout (``../shared/benchmarks`` or ``$NEWSLEDGER_BENCHMARKS``)
and the ``test`` and ``eval`` extras are expected: a test that needs one
fails, saying what is missing, instead of skipping. A local run without them
skips, saying why.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _absent(message: str, remedy: str) -> None:
    if on_ci():
        pytest.fail(f"{message}; CI expects it: {remedy}", pytrace=False)
    pytest.skip(f"{message} (a local run without it skips; CI fails)")


def benchmark(path: Path, what: str) -> Path:
    """``path`` when it exists; else skip, or fail on CI."""
    if not path.exists():
        _absent(f"benchmark data for {what} not found at {path}",
                "put the benchmarks at ../shared/benchmarks beside the checkout or set $NEWSLEDGER_BENCHMARKS")
    return path


def module(name: str, extra: str) -> None:
    """Skip, or fail on CI, when ``name`` cannot be imported (it comes with ``newsledger[extra]``)."""
    if importlib.util.find_spec(name) is None:
        _absent(f"{name} is not installed (newsledger[{extra}])",
                "install as the README says: pip install -c constraints.txt -e '.[test,eval]'")
