"""The local engine: stream articles through the pipeline into one store.

    read → (skip known ids) → parse + extract, per batch → write, one
    transaction per batch → link what is new, one transaction

Articles are streamed in batches of ``options.batch_size`` and never all
held in memory. An article whose id is already stored is skipped before it
is parsed, so re-ingesting changes nothing. An interrupted run leaves whole
batches; the articles they hold have no story yet and the next run links
them (``link_pending``). With ``options.jobs`` > 1, worker processes parse
and extract; this process alone writes and links. A ``stop`` callable asked
between batches and link chunks ends a run early the same way, without the
half-done work (docs/robustness.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from ..compare.story import Comparison, compare, compare_stories, load_stories
from ..errors import InputError, Interrupted, NewsledgerError, StageError
from ..extract import Stage, default_stages
from ..link import duplicates
from ..link.entities import link_entities
from ..link.stories import LinkStep, link_stories
from ..link.story_dates import date_from_stories
from ..options import Options
from ..pipeline import WorkerPool, analyze
from ..records import Article, ArticleLedger
from ..store import comparing, linking, runs
from ..store import rows as R
from ..store.database import LedgerStore

Progress = Callable[[int], None]
Stop = Callable[[], bool]


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    skipped: int = 0
    errors: list[NewsledgerError] = field(default_factory=list)
    stories_changed: int = 0
    words: int = 0
    interrupted: bool = False  # stopped on request: ``added`` are stored, not yet linked
    # (source, guessed language) of stored articles that do not look English (``Article.language``)
    not_english: list[tuple[str, str]] = field(default_factory=list)
    # What the readers skipped or assumed without failing, one line each (``ingest.read_paths``'s ``note``)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    store: LedgerStore,
    inputs: Iterable[Article | InputError],
    options: Options | None = None,
    progress: Progress | None = None,
    stages: list[Stage] | None = None,
    stop: Stop | None = None,
    linking: Progress | None = None,
) -> IngestReport:
    """Process and store ``inputs`` (from ``ingest.read_paths``), then link the new articles.

    With ``options.jobs`` > 1 worker processes parse and extract while this
    process writes: batch k+1 is being analyzed while batch k is stored.
    Results come back in input order, so the stored ledger is the same.

    ``stop`` is asked after each stored batch and between link chunks: when it
    answers true the run ends with ``report.interrupted`` set, the stored
    batches kept, the workers terminated and the link step rolled back (the
    next run links). ``linking`` is called with the number of articles about
    to be linked.
    """
    options = options or Options()
    extractors = ",".join(s.name for s in (stages or default_stages()))
    report = IngestReport()
    seen: set[str] = set()
    try:
        # Interrupted raised inside the block makes the worker pool terminate, not wait.
        with _analyzer(options, stages) as submit:
            waiting: _Batch | None = None
            for batch in _batches(inputs, options.batch_size):
                submitted = _submit(batch, store, seen, report, submit)
                if waiting:
                    _store(store, waiting, extractors, report, progress)
                    _check(stop)
                waiting = submitted
            if waiting:
                _store(store, waiting, extractors, report, progress)
                _check(stop)
        report.stories_changed = link_pending(store, options, stop, linking)
    except Interrupted:
        report.interrupted = True
    return report


def _check(stop: Stop | None) -> None:
    if stop is not None and stop():
        raise Interrupted()


Results = Callable[[], Iterable[ArticleLedger | StageError]]


@dataclass(slots=True)
class _Batch:
    """One batch of inputs on its way: its read errors now, its analysis when ``results`` is called."""

    inputs: int
    errors: list[NewsledgerError]
    results: Results


@contextmanager
def _analyzer(options: Options, stages: list[Stage] | None) -> Iterator[Callable[[list[Article]], Results]]:
    if options.jobs == 1:
        # Analyzed lazily, when the batch is stored: nothing runs ahead in this process.
        yield lambda articles: partial(analyze, articles, options, stages)
        return
    with WorkerPool(options, stages) as pool:
        yield pool.submit


def _submit(
    batch: list, store: LedgerStore, seen: set[str], report: IngestReport, submit: Callable[[list[Article]], Results]
) -> _Batch:
    """Skip what is stored or already seen in this run; send the rest to be analyzed."""
    errors: list[NewsledgerError] = []
    articles: list[Article] = []
    for item in batch:
        if isinstance(item, NewsledgerError):
            errors.append(item)
        elif item.id in seen:
            report.skipped += 1
        else:
            seen.add(item.id)
            articles.append(item)
    known = store.known_article_ids(a.id for a in articles)
    fresh = [a for a in articles if a.id not in known]
    report.skipped += len(articles) - len(fresh)
    return _Batch(len(batch), errors, submit(fresh))


def _store(store: LedgerStore, batch: _Batch, extractors: str, report: IngestReport, progress: Progress | None) -> None:
    ledgers: list[ArticleLedger] = []
    for result in batch.results():
        if isinstance(result, StageError):
            batch.errors.append(result)
        else:
            ledgers.append(result)
    write_batch(store, ledgers, extractors)
    record_errors(store, batch.errors)
    report.errors += batch.errors
    report.added += len(ledgers)
    report.words += sum(l.words for l in ledgers)
    report.not_english += [(l.article.source, l.article.language) for l in ledgers if l.article.language != "en"]
    if progress:
        progress(batch.inputs)


def write_batch(store: LedgerStore, ledgers: list[ArticleLedger], extractors: str) -> None:
    """Write a batch of per-article ledgers in one transaction."""
    if not ledgers:
        return
    tables = batch_rows(ledgers, store.next_seq(), extractors)
    with store.transaction():
        for table, table_rows in tables.items():
            store.insert(table, table_rows)


def batch_rows(ledgers: list[ArticleLedger], seq: int, extractors: str) -> dict[str, list[dict]]:
    """The rows of each per-article table for a batch of ledgers, numbered from ``seq``
    (both engines store exactly these)."""
    tables: dict[str, list[dict]] = {"articles": [], "mentions": [], "local_entities": [], "times": [], "statements": [],
                                     "events": [], "labels": [], "figures": [], "loaded_terms": [], "ongoing_claims": []}
    for n, ledger in enumerate(ledgers):
        minhash = duplicates.stored_signature(ledger.article)
        tables["articles"].append(R.article_row(ledger.article, seq + n, ledger.words, minhash, ledger.terms, extractors))
        tables["mentions"] += [R.mention_row(m) for m in ledger.mentions]
        tables["local_entities"] += [R.local_entity_row(e) for e in ledger.local_entities]
        tables["times"] += [R.time_row(t) for t in ledger.times]
        tables["statements"] += [R.statement_row(s) for s in ledger.statements]
        tables["events"] += [R.event_row(e) for e in ledger.events]
        tables["labels"] += [R.label_row(label) for label in ledger.labels]
        tables["figures"] += [R.figure_row(figure) for figure in ledger.figures]
        tables["loaded_terms"] += [R.loaded_term_row(term) for term in ledger.loaded_terms]
        tables["ongoing_claims"] += [R.ongoing_claim_row(claim) for claim in ledger.ongoing]
    return tables


def record_errors(store: LedgerStore, errors: list[NewsledgerError]) -> None:
    rows = []
    for error in errors:
        if isinstance(error, InputError):
            rows.append({"source": error.path, "line": error.line, "stage": "read", "message": str(error)})
        elif isinstance(error, StageError):
            rows.append({"source": error.article, "line": None, "stage": error.stage, "message": str(error)})
        else:
            rows.append({"source": "", "line": None, "stage": None, "message": str(error)})
    runs.record_input_errors(store, rows)


LINK_CHUNK = 64  # articles scored for story links at once; bounds the pairs held in memory


# ``(store, story ids) -> Comparison`` (aligned ids, discrepancies, incidents), computed without storing.
CompareStories = Callable[[LedgerStore, list[str]], Comparison]


def link_pending(store: LedgerStore, options: Options | None = None, stop: Stop | None = None,
                 started: Progress | None = None, *, duplicates: Mapping[str, str] | None = None,
                 compare_changed: CompareStories | None = None) -> int:
    """Link every stored article that has no story yet; one transaction. Returns stories changed.

    The Spark engine passes the near-duplicates it found (``{id: original}``) and
    ``compare_changed``, which compares the changed stories in Spark tasks; by default both run here.

    Raises ``Interrupted`` (after rolling back) when ``stop`` answers true between chunks.
    """
    options = options or Options()
    pending = runs.unlinked_articles(store)
    if not pending:
        return 0
    if started:
        started(len(pending))
    with store.transaction():
        # Leftovers of an interrupted link step are recomputed from scratch.
        runs.forget_link_leftovers(store, pending)
        if duplicates is None:
            _mark_duplicates(store, pending, options)
        else:
            store.update_column("articles", "duplicate_of", duplicates.items())
        link_entities(store, pending)
        # Stories are linked a chunk at a time, as an incremental run would: scoring every
        # pending article at once holds a row per pair of articles sharing a feature.
        changed: set[str] = set()
        step = LinkStep()
        for start in range(0, len(pending), LINK_CHUNK):
            _check(stop)
            changed |= link_stories(store, pending[start:start + LINK_CHUNK], options, step)
        # A story a later chunk merged away has nothing left to compare.
        alive = linking.stories_with_articles(store, sorted(changed))
        date_from_stories(store, alive)  # before comparing: what is an update depends on the days
        if compare_changed is not None:
            compared = compare_changed(store, alive)
        else:
            compared = compare_stories(store, alive, before_each_load=partial(_check, stop))
        # One write for all stories: a DuckDB statement per story costs more than the comparison.
        store.update_column("events", "aligned", compared.aligned.items())
        comparing.delete_discrepancies(store, sorted(changed))
        store.insert("discrepancies", [R.discrepancy_row(d) for d in compared.discrepancies])
        comparing.clear_incidents(store, alive)
        store.update_column("stories", "incident", [(story, R.incident_value(incident))
                                                    for story, incident in compared.incidents.items()])
    return len(alive)


def _mark_duplicates(store: LedgerStore, pending: list[str], options: Options) -> None:
    found = duplicates.find_duplicates_in_ledger(store, pending, options.duplicate_threshold)
    store.update_column("articles", "duplicate_of", found.items())


def compare_story(store: LedgerStore, story: str) -> Comparison:
    """Re-align the events of one story, resolve its incident and find its discrepancies (returned, not stored)."""
    return compare(story, load_stories(store, [story])[story])
