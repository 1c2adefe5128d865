"""WARC reading: newsledger's reader against the bare library's iteration, same file, one run.

    python bench/warc.py [--records 1000] [--memory-sizes 1000 3000] [--out bench/results/warc.json]

A crawl of ``--records`` HTML response records is generated (``tests/crawl_files.py``:
one numbered article of 40 sentences per page, in 25 KB of page furniture, each record
gzipped on its own as crawlers write them), then read:

- bare FastWARC: iterate the records and read each payload (what any reader must do);
- bare warcio, the same, when it is installed (the library newsledger did not pick:
  ``pip install warcio==1.8.1``); both also on the same crawl uncompressed;
- bare FastWARC and trafilatura: each payload through ``trafilatura.bare_extraction``;
- newsledger: ``ingest.read_file``, which turns each page into an article (trafilatura,
  then the language guess and the page furniture, as for any article).

The machine is shared and noisy: compare the ratio measured in one run. Memory is
measured in a fresh process per size, reading crawls of each of ``--memory-sizes``
records through newsledger's reader: its resident set (Linux), sampled every 25
articles, should not grow with the file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from crawl_files import synthetic_warc  # noqa: E402
from throughput import save_result  # noqa: E402


def bare_fastwarc(path: Path) -> tuple[int, float]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    started = time.perf_counter()
    with path.open("rb") as handle:
        pages = sum(bool(record.reader.read()) for record in ArchiveIterator(handle, record_types=WarcRecordType.response))
    return pages, time.perf_counter() - started


def bare_warcio(path: Path) -> tuple[int, float] | None:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        return None
    started = time.perf_counter()
    with path.open("rb") as handle:
        pages = sum(bool(record.content_stream().read()) for record in ArchiveIterator(handle)
                    if record.rec_type == "response")
    return pages, time.perf_counter() - started


def fastwarc_and_trafilatura(path: Path) -> tuple[int, float]:
    """The bare libraries doing what the reader does at its heart: each payload through trafilatura."""
    import trafilatura
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    started = time.perf_counter()
    with path.open("rb") as handle:
        pages = sum(trafilatura.bare_extraction(record.reader.read().decode(), with_metadata=True) is not None
                    for record in ArchiveIterator(handle, record_types=WarcRecordType.response))
    return pages, time.perf_counter() - started


def newsledger_reader(path: Path) -> tuple[int, float]:
    from newsledger.ingest import read_file
    from newsledger.records import Article

    started = time.perf_counter()
    outcomes = list(read_file(path))
    elapsed = time.perf_counter() - started
    failed = [o for o in outcomes if not isinstance(o, Article)]
    if failed:
        raise SystemExit(f"{len(failed)} records failed: {failed[0]}")
    return len(outcomes), elapsed


RSS_PROBE = """
import sys
from newsledger.ingest import read_file


def rss_mb():  # the resident set now (Linux), not the peak: the imports' own peak would hide the reading's
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


before = highest = rss_mb()
for n, _ in enumerate(read_file(sys.argv[1])):
    if n % 25 == 0:
        highest = max(highest, rss_mb())
print(before, max(highest, rss_mb()))
"""


def rss_while_reading(path: Path) -> tuple[float, float]:
    """RSS in MB of a fresh process after its imports, and the highest seen while it reads ``path``."""
    out = subprocess.run([sys.executable, "-c", RSS_PROBE, str(path)], check=True, capture_output=True, text=True).stdout
    before, highest = out.split()
    return float(before), float(highest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[1000, 3000])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "warc.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic_warc(Path(tmp) / "crawl.warc.gz", args.records)
        size = path.stat().st_size
        plain = Path(tmp) / "crawl.warc"
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        fast_pages, fast = bare_fastwarc(path)
        warcio = bare_warcio(path)
        plain_fast, plain_warcio = bare_fastwarc(plain), bare_warcio(plain)
        extracted, with_trafilatura = fastwarc_and_trafilatura(path)
        articles, ours = newsledger_reader(path)
        assert fast_pages == articles == args.records, (fast_pages, articles)
        memory = {}
        for count in args.memory_sizes:
            sized = path if count == args.records else synthetic_warc(Path(tmp) / f"crawl-{count}.warc.gz", count)
            imported, highest = rss_while_reading(sized)
            memory[count] = {"after_imports": round(imported, 1), "highest_while_reading": round(highest, 1)}
    result = {
        "records": args.records,
        "file_mb": round(size / 1e6, 2),
        "fastwarc_records_per_s": round(fast_pages / fast),
        "warcio_records_per_s": round(warcio[0] / warcio[1]) if warcio else None,
        "fastwarc_over_warcio": round(warcio[1] / fast, 1) if warcio else None,
        "uncompressed": {
            "fastwarc_records_per_s": round(plain_fast[0] / plain_fast[1]),
            "warcio_records_per_s": round(plain_warcio[0] / plain_warcio[1]) if plain_warcio else None,
        },
        "bare_fastwarc_and_trafilatura_pages_per_s": round(extracted / with_trafilatura, 1),
        "newsledger_articles_per_s": round(articles / ours, 1),
        "newsledger_over_bare_fastwarc": round(fast / ours, 4),  # speed ratio: the pages' extraction is the rest
        "newsledger_over_bare_fastwarc_and_trafilatura": round(with_trafilatura / ours, 2),
        "rss_mb_by_records": memory,
    }
    print(json.dumps(result, indent=2))
    save_result(result, args.out)


if __name__ == "__main__":
    main()
