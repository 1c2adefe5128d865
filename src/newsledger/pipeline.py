"""Parse and extract: articles in, per-article ledgers out (no storage).

``analyze`` runs in this process; ``WorkerPool`` runs the same work in
``options.jobs`` processes, each loading the model once, and hands results
back in submission order so that what is stored does not depend on the
number of jobs.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from .errors import StageError
from .extract import ArticleContext, Stage, default_stages, run_stages
from .nlp import load_pipeline
from .options import Options
from .records import Article, ArticleLedger


# spaCy's activations grow with the batch it parses at once: 64 news articles
# of ~1,000 words peak at ~1.1 GB, 16 at ~0.6 GB, at the same speed (±3 %).
PARSE_BATCH = 16


def parse_batch_size(options: Options) -> int:
    """Articles spaCy parses at once: the write batch, capped to bound memory."""
    return min(options.batch_size, PARSE_BATCH)


def parse(articles: Iterable[Article], options: Options | None = None) -> Iterator[tuple[Doc, Article]]:
    """Each article's parse, as ``newsledger ingest`` makes it: the options' model, the text with its page
    furniture blanked (``Article.parse_text``), in batches of ``parse_batch_size``."""
    options = options or Options()
    nlp = load_pipeline(options.model)
    # The readers refuse what is longer than the limit; spaCy must not refuse what they let through.
    nlp.max_length = max(nlp.max_length, options.max_article_chars)
    pairs = ((a.parse_text(), a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=parse_batch_size(options))


def contexts(
    articles: Iterable[Article],
    options: Options | None = None,
    stages: Sequence[Stage] | None = None,
) -> Iterator[ArticleContext | StageError]:
    """Each article parsed (``parse``) and its stages run (default: every stage, as ingest runs them).

    Yields, in the articles' order, the article's context (what it holds beyond the ledger, such as the
    parse, is what ``eval`` scores some tasks on) or the StageError that stopped it.
    """
    options = options or Options()
    stages = list(stages) if stages is not None else default_stages()
    for doc, article in parse(articles, options):
        ctx = ArticleContext(article, doc, options)
        try:
            run_stages(ctx, stages)
        except StageError as exc:
            yield exc
            continue
        yield ctx


def analyze(
    articles: Iterable[Article],
    options: Options | None = None,
    stages: Sequence[Stage] | None = None,
) -> Iterator[ArticleLedger | StageError]:
    """Parse articles with spaCy (streamed, batched) and run the stages on each.

    Yields one ArticleLedger per article, or the StageError that stopped it:
    a failure never ends the stream.
    """
    for found in contexts(articles, options, stages):
        yield found if isinstance(found, StageError) else found.ledger()


# -- worker processes -----------------------------------------------------

Result = ArticleLedger | StageError
# One slice of a submitted batch per task, and a few per worker, so that a
# worker that drew long articles does not leave the others idle.
_TASKS_PER_JOB = 4

_worker_options: Options | None = None
_worker_stages: list[Stage] | None = None


def _start_worker(options: Options, stages: Sequence[Stage] | None) -> None:
    global _worker_options, _worker_stages
    # Ctrl-C reaches the whole process group: the parent decides, and terminates the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_options = options
    _worker_stages = list(stages) if stages is not None else default_stages()
    load_pipeline(options.model)  # once per worker, before the first task


def _analyze_in_worker(articles: list[Article]) -> list[Result]:
    return list(analyze(articles, _worker_options, _worker_stages))


class WorkerPool:
    """``options.jobs`` processes that parse and extract; the caller stores.

    ``submit`` returns at once; calling what it returns waits for that
    batch's results, in the order the articles were given. Submitting the
    next batch before collecting the current one keeps the workers busy
    while the caller writes. Uses the 'spawn' start method: safe with
    threads in the parent (DuckDB's) and the same on every platform.
    """

    def __init__(self, options: Options, stages: Sequence[Stage] | None = None):
        self.jobs = options.jobs
        context = multiprocessing.get_context("spawn")
        # Started with SIGINT ignored, which a spawned Python keeps: a Ctrl-C while a worker
        # boots would otherwise print its traceback before the initializer runs.
        # (None: a handler not set from Python, which could not be put back.)
        ignore = threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not None
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignore else None
        try:
            self._pool = context.Pool(self.jobs, initializer=_start_worker, initargs=(options, stages))
        finally:
            if ignore:
                signal.signal(signal.SIGINT, previous)

    def submit(self, articles: list[Article]) -> Callable[[], list[Result]]:
        size = max(1, math.ceil(len(articles) / (self.jobs * _TASKS_PER_JOB)))
        pending = [
            self._pool.apply_async(_analyze_in_worker, (articles[start:start + size],))
            for start in range(0, len(articles), size)
        ]
        return lambda: [result for task in pending for result in task.get()]

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()
