"""All cores: the full pipeline with 1 and with N worker processes, same texts, one run.

    python bench/jobs.py [--data DIR] [--limit N] [--jobs 2] [--out bench/results/jobs.json]

Each side ingests the same articles into its own in-memory ledger, timed
from the first article read to the last story linked, start-up of the
worker processes (each loads the model) included; the single-process side
loads the model before its timing, as bench/throughput.py does. The two
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

from throughput import save_result, DEFAULT_DATA, load_articles


def timed_ingest(articles, options: Options) -> tuple[float, dict]:
    started = time.perf_counter()
    with Ledger(options=options) as ledger:
        report = ledger.add_articles(articles)
        elapsed = time.perf_counter() - started
        if report.failed:
            raise SystemExit(f"{report.failed} articles failed: {report.errors[0]}")
        return elapsed, ledger.to_dict()


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
    single, single_ledger = timed_ingest(articles, options)
    parallel, parallel_ledger = timed_ingest(articles, options.replace(jobs=args.jobs))
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
        "same_ledger": True,
    }
    save_result(result, args.out)
    print(f"{len(articles)} articles, {words:,} words, {os.cpu_count()} cores")
    print(f"1 job     {result['one_job_words_per_s']:>8,} words/s")
    print(f"{args.jobs} jobs    {result[f'{args.jobs}_jobs_words_per_s']:>8,} words/s")
    print(f"speedup   {result['speedup']:.2f}  (same ledger: yes)")
    return result


if __name__ == "__main__":
    main()
