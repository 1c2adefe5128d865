"""Throughput: the full newsledger pipeline against bare spaCy, same texts, one run.

    python bench/throughput.py [--data DIR] [--limit N] [--out bench/results/throughput.json]

Both sides use the same model, texts and one process. The machine is shared
and noisy, so only the ratio measured in one run is meaningful; absolute
words/s are printed for reference. "full" is read → parse → extract → store
→ link → compare into an in-memory DuckDB ledger.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

from newsledger import Ledger, Options
from newsledger.ingest import read_paths
from newsledger.nlp import load_pipeline
from newsledger.pipeline import parse_batch_size
from newsledger.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear" / "dev" / "text"


def load_articles(data: Path, limit: int) -> list[Article]:
    articles = [a for a in read_paths([data]) if isinstance(a, Article)]
    return articles[:limit]


def bare_spacy(articles: list[Article], model: str, batch_size: int) -> float:
    nlp = load_pipeline(model)
    ours = [name for name in nlp.pipe_names if name.startswith("newsledger_")]
    with nlp.select_pipes(disable=ours):  # spaCy's own components only
        started = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
            pass
        return time.perf_counter() - started


def full_pipeline(articles: list[Article], options: Options) -> float:
    started = time.perf_counter()
    with Ledger(options=options) as ledger:
        report = ledger.add_articles(articles)
    elapsed = time.perf_counter() - started
    if report.failed:
        raise SystemExit(f"{report.failed} articles failed: {report.errors[0]}")
    return elapsed


def save_result(result: dict, path: Path) -> None:
    """Write a bench's result as JSON, with the machine and the day it was measured on."""
    result["machine"] = f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, {sys.platform}"
    result["date"] = date.today().isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of articles (default: PolNeAR dev texts)")
    parser.add_argument("--limit", type=int, default=84)
    parser.add_argument("--model", default=Options().model)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "throughput.json")
    args = parser.parse_args(argv)

    articles = load_articles(args.data, args.limit)
    if not articles:
        raise SystemExit(f"no articles found in {args.data}")
    options = Options(model=args.model, today=date(2026, 11, 23))
    words = sum(len(a.text.split()) for a in articles)
    load_pipeline(args.model)  # load once, outside both timings
    bare_spacy(articles[:5], args.model, parse_batch_size(options))  # warm up
    bare = bare_spacy(articles, args.model, parse_batch_size(options))
    full = full_pipeline(articles, options)
    result = {
        "benchmark": "throughput",
        "articles": len(articles),
        "words": words,
        "model": args.model,
        "bare_spacy_words_per_s": round(words / bare),
        "full_pipeline_words_per_s": round(words / full),
        "ratio_full_to_bare": round(bare / full, 3),
    }
    save_result(result, args.out)
    print(f"{len(articles)} articles, {words:,} words")
    print(f"bare spaCy     {result['bare_spacy_words_per_s']:>8,} words/s")
    print(f"full pipeline  {result['full_pipeline_words_per_s']:>8,} words/s")
    print(f"ratio full/bare {result['ratio_full_to_bare']:.2f}")
    return result


if __name__ == "__main__":
    main()
