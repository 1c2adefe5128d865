"""Linking cost: the cross-article step on 1,000 and on 10,000 articles.

    python bench/linking.py --base /path/ledger-10000.duckdb [--sizes 1000 10000] [--repeat 3] [--out bench/results/linking.json]

Starts from a ledger of generated articles (``bench/memory.py --keep DIR``
leaves one), copies it, keeps the first N articles, erases everything the
link step produced (stories, entities, near-duplicate marks, alignments,
discrepancies) and times ``link_pending`` linking the N articles from
scratch, as the end of a fresh ``newsledger ingest`` does, in a fresh
process per size that reports its peak RSS. Parsing is not part of it. Linking is sub-quadratic when the 10,000 / 1,000 time ratio
stays well under 100 (the goal is 12 or less). ``--repeat N`` links each size N times, each from the same
prepared copy, and keeps the fastest: the machine is shared, and a 5-second run on the small side moves the
ratio by points when another job takes the CPU for a moment.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsledger.engine.local import link_pending
from newsledger.options import Options
from newsledger.store.database import LedgerStore
from newsledger.store.schema import ARTICLE_TABLES

from throughput import save_result

# What the link step writes: emptied or reset before it runs again.
LINK_TABLES = ("stories", "story_links", "article_features", "entities", "entity_keys", "discrepancies")
LINK_COLUMNS = {"articles": ("story", "duplicate_of"), "events": ("aligned",)}


def prepare(source: Path, target: Path, size: int) -> None:
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + ".wal")  # commits not yet checkpointed into the file
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    with LedgerStore(target) as store, store.transaction():
        total = store.scalar("SELECT count(*) FROM articles")
        if total < size:
            raise SystemExit(f"{source} holds {total} articles, fewer than {size}")
        kept = "SELECT id FROM articles ORDER BY seq LIMIT ?"
        for table in ARTICLE_TABLES:
            store.con.execute(f"DELETE FROM {table} WHERE article NOT IN ({kept})", [size])
        store.con.execute(f"DELETE FROM articles WHERE id NOT IN ({kept})", [size])
        for table in LINK_TABLES:
            store.con.execute(f"DELETE FROM {table}")
        for table, columns in LINK_COLUMNS.items():
            store.con.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = NULL" for c in columns))
    with LedgerStore(target) as store:
        store.con.execute("CHECKPOINT")


def timed_link(db: Path) -> dict:
    """Runs in a child process, so that its peak memory is the link step's alone."""
    with LedgerStore(db) as store:
        articles = store.scalar("SELECT count(*) FROM articles")
        started = time.perf_counter()
        changed = link_pending(store, Options())
        seconds = time.perf_counter() - started
        stories = store.scalar("SELECT count(*) FROM stories")
        duplicates = store.scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")
    return {"articles": articles, "seconds": round(seconds, 1), "stories": stories, "stories_changed": changed,
            "near_duplicates": duplicates,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}  # KiB on Linux


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="a ledger of at least max(--sizes) articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "linking.json")
    parser.add_argument("--keep", type=Path, help="keep the largest linked ledger here (for bench/incremental.py)")
    parser.add_argument("--repeat", type=int, default=1, help="link each size this many times, keep the fastest")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(timed_link(args.child)))
        return {}
    if args.base is None:
        parser.error("--base is required")
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            prepared = Path(scratch) / f"prepared-{size}.duckdb"
            db = Path(scratch) / f"link-{size}.duckdb"
            prepare(args.base, prepared, size)
            tries = []
            for _ in range(max(1, args.repeat)):
                db.with_name(db.name + ".wal").unlink(missing_ok=True)  # a previous try's, if it left one
                shutil.copyfile(prepared, db)
                child = subprocess.run([sys.executable, __file__, "--child", str(db)], check=True,
                                       capture_output=True, text=True, cwd=Path(__file__).parent)
                tries.append(json.loads(child.stdout.strip().splitlines()[-1]))
            run = min(tries, key=lambda t: t["seconds"])
            run["tries_seconds"] = [t["seconds"] for t in tries]
            runs.append(run)
            print(f"{size:>6,} articles: linked in {run['seconds']:,} s (tries: {run['tries_seconds']}), "
                  f"peak RSS {run['peak_rss_mb']:,} MB, {run['stories']:,} stories, "
                  f"{run['near_duplicates']} near-duplicates", flush=True)
            if args.keep and size == max(args.sizes):
                shutil.copyfile(db, args.keep)
            db.unlink()
            prepared.unlink()
    result = {"benchmark": "linking", "runs": runs}
    if len(runs) >= 2 and runs[0]["seconds"]:
        small, large = runs[0], runs[-1]
        result["size_ratio"] = large["articles"] / small["articles"]
        result["time_ratio"] = round(large["seconds"] / small["seconds"], 2)
        print(f"{result['size_ratio']:.0f}x the articles took {result['time_ratio']}x the time "
              f"(quadratic would be {result['size_ratio'] ** 2:.0f}x)")
    save_result(result, args.out)
    return result


if __name__ == "__main__":
    main()
