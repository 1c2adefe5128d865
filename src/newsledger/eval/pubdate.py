"""Publication dates inferred from article text, scored against PolNeAR's metadata.

Protocol (also in docs/evaluation.md):

* Each PolNeAR article of the split is read without its date: its text is
  given to newsledger as an undated article, read and processed as
  ``newsledger ingest`` does it (``eval.shipped``), and the ``pubdate`` stage
  infers a day from the text alone, exactly as it does for undated input. The truth
  is ``publication_date`` in ``metadata.tsv``; the file name, which also
  carries the date, is never shown to the system. Articles without a
  ``publication_date`` are left out (``details.undated``).
* ``today``, the latest day the inference may return, is ``Options.today``
  when set, else the day the run starts: never the corpus' dates, so nothing
  about the truth leaks in (the articles are from 2015-16, so a weekday and a
  month-day that also coincide in a later year stay ambiguous, as they would
  for an old undated article in real use).
* Metrics, each a share of ALL scored articles (an article given no date
  counts as wrong): ``exact_day`` (the inferred day is the publication day),
  ``within_1_day`` (at most one day off either way), ``year`` (the inferred
  year is right); ``coverage`` is the share given any date at all.
* Peer ``most_frequent_date``: an independent baseline that takes the full
  date (day, month and year all written) mentioned most often in the text,
  the latest among ties. It finds dates with newsledger's time-expression
  finder and normalizer (without an anchor, so only fully written dates
  count), so both systems see the same mentions and differ only in how they
  reason from them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import Options
from . import EvalResult, ingested, shipped
from .polnear import load_split

if TYPE_CHECKING:
    from ..extract.timex import TimeExpression

SPLITS = ("train", "dev", "test")
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def score_dates(pairs: Iterable[tuple[date, date | None]]) -> dict[str, float]:
    """The four metrics over ``(truth, inferred)`` pairs; None means no date was given."""
    pairs = list(pairs)
    total = len(pairs) or 1
    dated = [(truth, guess) for truth, guess in pairs if guess is not None]
    return {
        "exact_day": sum(guess == truth for truth, guess in dated) / total,
        "within_1_day": sum(abs((guess - truth).days) <= 1 for truth, guess in dated) / total,
        "year": sum(guess.year == truth.year for truth, guess in dated) / total,
        "coverage": len(dated) / total,
    }


def _when_dated(pairs: Sequence[tuple[date, date | None]]) -> float | None:
    """Precision: the share of the dates given that are the right day."""
    dated = [guess == truth for truth, guess in pairs if guess is not None]
    return sum(dated) / len(dated) if dated else None


def most_frequent_date(expressions: Sequence[TimeExpression]) -> date | None:
    """The peer: the fully written date mentioned most often, the latest among ties."""
    from ..extract.timenorm import normalize

    counts: Counter[date] = Counter()
    for expression in expressions:
        _, value = normalize(expression.value_text, None, expression.tense)
        if value and _FULL_DATE.fullmatch(value):
            try:
                counts[date.fromisoformat(value)] += 1
            except ValueError:
                continue
    if not counts:
        return None
    return max(counts, key=lambda day: (counts[day], day))


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    """``newsledger eval pubdate``: ``folder`` is the polnear folder."""
    from ..extract.timex import find_time_expressions

    if split not in SPLITS:
        raise ValueError(f"the pubdate evaluation has no split {split!r}; it has {', '.join(SPLITS)}")
    documents = load_split(folder, split, limit)
    scored = [d for d in documents if d.published]
    system: list[tuple[date, date | None]] = []
    peer: list[tuple[date, date | None]] = []
    sources: Counter[str] = Counter()
    failures: list[str] = []
    # The date is hidden: the article is read with no metadata date, as ingest reads a page without one.
    articles = [ingested(d.text, d.name, outlet=d.publisher)[0] for d in scored]
    for document, (article, ctx, failure) in zip(scored, shipped(articles, options), strict=True):
        truth = date.fromisoformat(document.published)
        if failure:
            failures.append(failure)
        guess = date.fromisoformat(article.published) if ctx and article.published else None
        system.append((truth, guess))
        sources[article.published_source if ctx else "failed"] += 1
        peer.append((truth, most_frequent_date(find_time_expressions(ctx.doc)) if ctx else None))
    details = {
        "exact_day_when_dated": {"newsledger": _when_dated(system), "most_frequent_date": _when_dated(peer)},
        "today": options.reference_date.isoformat(),
        "undated": len(documents) - len(scored),
        "sources": dict(sources),
        "protocol": "date hidden; inferred from the text by the pubdate stage; accuracy over all articles, "
                    "no date = wrong",
    }
    return EvalResult("pubdate", split, len(scored), score_dates(system),
                      peers={"most_frequent_date": score_dates(peer)}, details=details, failures=failures)
