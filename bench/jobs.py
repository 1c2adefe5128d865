"""All cores: the full pipeline with 1 and with N worker processes, same texts, one run.

    python bench/jobs.py [--data DIR] [--limit N] [--jobs 2] [--out bench/results/jobs.json]

Each side ingests the same articles into its own in-memory ledger, timed
from the first article read to the last story linked, start-up of the
worker processes (each loads the model) included; the single-process side
loads the model before its timing, as bench/throughput.py does. The link step,
which runs in the writing process whatever the number of jobs, is also timed
apart, and the speedup of the rest is printed beside the whole one. The two
ledgers are compared: they must be identical. Only the speedup measured in
one run is meaningful on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

from newsledger import Ledger, Options
from newsledger.nlp import load_pipeline

from linkclock import timing_link_pending
from throughput import save_result, DEFAULT_DATA, load_articles


def timed_ingest(articles, options: Options) -> tuple[float, float, dict]:
    """Seconds for the whole ingest and for its link step alone, and the ledger it stored."""
    started = time.perf_counter()
    with timing_link_pending() as linking, Ledger(options=options) as ledger:
        report = ledger.add_articles(articles)
        elapsed = time.perf_counter() - started
        if report.failed:
            raise SystemExit(f"{report.failed} articles failed: {report.errors[0]}")
        return elapsed, sum(linking), ledger.to_dict()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=84)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "jobs.json")
    args = parser.parse_args(argv)

    articles = load_articles(args.data, args.limit)
    words = sum(len(a.text.split()) for a in articles)
    options = Options(today=date(2026, 11, 23))
    load_pipeline(options.model)
    single, single_link, single_ledger = timed_ingest(articles, options)
    parallel, parallel_link, parallel_ledger = timed_ingest(articles, options.replace(jobs=args.jobs))
    if parallel_ledger != single_ledger:
        raise SystemExit(f"jobs={args.jobs} stored a different ledger than jobs=1")
    result = {
        "benchmark": "jobs",
        "articles": len(articles),
        "words": words,
        "cores": os.cpu_count(),
        "jobs": args.jobs,
        "one_job_words_per_s": round(words / single),
        f"{args.jobs}_jobs_words_per_s": round(words / parallel),
        "speedup": round(single / parallel, 3),
        # Linking runs in the writing process alone, whatever --jobs says: the part that cannot scale.
        "one_job_link_s": round(single_link, 2),
        f"{args.jobs}_jobs_link_s": round(parallel_link, 2),
        "speedup_without_linking": round((single - single_link) / (parallel - parallel_link), 3),
        "same_ledger": True,
    }
    save_result(result, args.out)
    print(f"{len(articles)} articles, {words:,} words, {os.cpu_count()} cores")
    print(f"1 job     {result['one_job_words_per_s']:>8,} words/s")
    print(f"{args.jobs} jobs    {result[f'{args.jobs}_jobs_words_per_s']:>8,} words/s")
    print(f"speedup   {result['speedup']:.2f}  (same ledger: yes)")
    print(f"linking (one process in both) {single_link:.1f} s and {parallel_link:.1f} s; "
          f"speedup of the rest (reading, parsing, extracting, writing) {result['speedup_without_linking']:.2f}")
    return result


if __name__ == "__main__":
    main()
