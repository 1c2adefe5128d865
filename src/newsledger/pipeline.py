"""Parse and extract: articles in, per-article ledgers out (no storage)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .errors import StageError
from .extract import ArticleContext, Stage, default_stages, run_stages
from .ingest.text import article_from_text
from .nlp import load_pipeline
from .options import Options
from .records import Article, ArticleLedger


def analyze(
    articles: Iterable[Article],
    options: Options | None = None,
    stages: Sequence[Stage] | None = None,
) -> Iterator[ArticleLedger | StageError]:
    """Parse articles with spaCy (streamed, batched) and run the stages on each.

    Yields one ArticleLedger per article, or the StageError that stopped it:
    a failure never ends the stream.
    """
    options = options or Options()
    nlp = load_pipeline(options.model)
    stages = list(stages) if stages is not None else default_stages()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=options.batch_size):
        try:
            yield run_stages(ArticleContext(article, doc, options), stages)
        except StageError as exc:
            yield exc


def analyze_text(text: str, published: str | None = None, options: Options | None = None) -> ArticleLedger:
    """One text (seed format allowed) to its ledger; raises on failure."""
    article = article_from_text(text, published=published)
    result = next(analyze([article], options))
    if isinstance(result, StageError):
        raise result
    return result
