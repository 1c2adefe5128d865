"""Peak memory: ingest 1,000 and 10,000 generated articles, one fresh process per size.

    python bench/memory.py [--sizes 1000 10000] [--jobs 1] [--keep DIR] [--out bench/results/memory.json]

Articles come from bench/synthetic.py (PolNeAR train texts spliced, never
copied) and are streamed into a DuckDB file, as ``newsledger ingest`` does.
Each size runs in its own process, which reports its peak resident set
(``getrusage`` ru_maxrss, so the model and everything else it loaded count);
with ``--jobs`` > 1 it is the writing process's peak, workers not included.
Peak RSS should not grow with the number of articles: they are read, written
and forgotten a batch at a time. ``--keep DIR`` leaves the ledgers there
(bench/incremental.py can start from one).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from throughput import save_result

HERE = Path(__file__).resolve().parent


def measure_one(count: int, db: Path, jobs: int) -> dict:
    """Runs in the child process."""
    from newsledger import Ledger, Options

    from synthetic import synthetic_articles

    started = time.perf_counter()
    with Ledger(db, Options(today=date(2026, 11, 23), jobs=jobs)) as ledger:
        report = ledger.add_articles(synthetic_articles(count))
        stories = ledger.store.scalar("SELECT count(*) FROM stories")
        duplicates = ledger.store.scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")
    return {
        "articles": count,
        "added": report.added,
        "failed": report.failed,
        "words": report.words,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),  # KiB on Linux
        "stories": stories,
        "near_duplicates": duplicates,
        "db_mb": round(db.stat().st_size / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the ledgers in this folder (ledger-<size>.duckdb)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "memory.json")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_one(args.child, args.db, args.jobs)))
        return {}

    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            db = folder / f"ledger-{size}.duckdb"
            db.unlink(missing_ok=True)
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(size), "--db", str(db), "--jobs", str(args.jobs)],
                check=True, capture_output=True, text=True, cwd=HERE,
            )
            run = json.loads(child.stdout.strip().splitlines()[-1])
            runs.append(run)
            print(f"{size:>6,} articles: peak RSS {run['peak_rss_mb']:,} MB, {run['seconds']:,} s, "
                  f"{run['stories']:,} stories, {run['near_duplicates']} near-duplicates", flush=True)
    result = {
        "benchmark": "memory",
        "jobs": args.jobs,
        "runs": runs,
    }
    save_result(result, args.out)
    return result


if __name__ == "__main__":
    main()
