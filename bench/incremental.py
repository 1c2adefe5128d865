"""Incremental cost: adding 100 articles to a ledger of N against adding them to an empty one.

    python bench/incremental.py [--base-size 1000] [--add 100] [--base ledger.duckdb] [--out bench/results/incremental.json]

Builds a ledger of N generated articles (bench/synthetic.py; or copies
``--base``, a ledger of the same first N articles, e.g. one kept by
``bench/memory.py --keep``), then times ingesting articles N .. N+99 into
it, and the same 100 into an empty ledger. A ratio near 1 means the cost
of an update is proportional to what is added, not to what is stored.
Both timings are taken in this process, model loaded before either; the
cross-article step (``link_pending``) is also timed on its own, since
parsing, which costs the same in both, hides it.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from newsledger import Ledger, Options
from newsledger.nlp import load_pipeline

from linkclock import timing_link_pending
from synthetic import synthetic_articles
from throughput import save_result


def timed_add(db: Path, start: int, count: int, options: Options) -> tuple[float, float]:
    """Seconds for the whole update, and for its cross-article step (link_pending) alone."""
    with timing_link_pending() as linking, Ledger(db, options) as ledger:
        started = time.perf_counter()
        report = ledger.add_articles(synthetic_articles(count, start))
        elapsed = time.perf_counter() - started
    if report.added != count:
        raise SystemExit(f"expected {count} new articles, {report.added} added ({report.failed} failed)")
    return elapsed, sum(linking)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-size", type=int, default=1000)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--base", type=Path, help="a ledger of the first --base-size generated articles")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "incremental.json")
    args = parser.parse_args(argv)

    options = Options(today=date(2026, 11, 23))
    load_pipeline(options.model)
    with tempfile.TemporaryDirectory() as scratch:
        grown, empty = Path(scratch) / "grown.duckdb", Path(scratch) / "empty.duckdb"
        if args.base:
            shutil.copy(args.base, grown)
        else:
            timed_add(grown, 0, args.base_size, options)
        with Ledger(grown, options, read_only=True) as ledger:
            stored = ledger.store.scalar("SELECT count(*) FROM articles")
        if stored != args.base_size:
            raise SystemExit(f"the base ledger holds {stored} articles, not {args.base_size}")
        to_empty, link_empty = timed_add(empty, args.base_size, args.add, options)
        to_grown, link_grown = timed_add(grown, args.base_size, args.add, options)
    result = {
        "benchmark": "incremental",
        "base_articles": args.base_size,
        "added": args.add,
        "seconds_into_empty": round(to_empty, 2),
        "seconds_into_base": round(to_grown, 2),
        "ratio_base_to_empty": round(to_grown / to_empty, 3),
        "link_seconds_into_empty": round(link_empty, 2),
        "link_seconds_into_base": round(link_grown, 2),
    }
    save_result(result, args.out)
    print(f"{args.add} articles into an empty ledger: {to_empty:.1f} s")
    print(f"{args.add} articles into a ledger of {args.base_size:,}: {to_grown:.1f} s")
    print(f"ratio {result['ratio_base_to_empty']:.2f}; of which linking {link_empty:.1f} s and {link_grown:.1f} s")
    return result


if __name__ == "__main__":
    main()
