"""Many distinct articles from PolNeAR train texts, for the memory and incremental benches.

The texts are read where they lie (../shared/benchmarks/polnear/train/text),
never copied. Article ``i`` is the first half (by paragraphs) of one train
text spliced to the second half of another, under a numbered first
sentence: every article has its own id, and two articles share at most one
half, so their shingle Jaccard stays far below the near-duplicate threshold
(0.8). Pairs sharing a half still resemble each other, so some join a story.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsledger.ingest.text import article_from_text
from newsledger.records import Article

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear" / "train" / "text"


def _halves(path: Path) -> tuple[str, str]:
    paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    middle = max(1, len(paragraphs) // 2)
    return "\n\n".join(paragraphs[:middle]), "\n\n".join(paragraphs[middle:])


def synthetic_articles(count: int, start: int = 0, train: Path = TRAIN) -> Iterator[Article]:
    """Articles ``start`` .. ``start + count - 1`` (the same ones on every call)."""
    files = sorted(train.glob("*.txt"))
    if len(files) < 2:
        raise SystemExit(f"no PolNeAR train texts in {train}")
    halves = [_halves(path) for path in files]
    n = len(files)
    for i in range(start, start + count):
        first = i % n
        # A different partner on every pass over the files, never the text itself.
        second = (first + 1 + (i // n) * 7) % n
        if second == first:
            second = (second + 1) % n
        text = f"This is synthetic report number {i}.\n\n{halves[first][0]}\n\n{halves[second][1]}"
        yield article_from_text(text, f"<synthetic {i}>")
