"""Shared fixtures. The real spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "data" / "samples"
BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


@pytest.fixture(scope="session")
def nlp():
    from newsledger.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The two seed articles, keyed by file stem ("000_47ef...")."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture
def make_context(nlp):
    """``make_context(text, published=None)`` -> ArticleContext with the entity stage run."""
    from newsledger.extract import ArticleContext
    from newsledger.extract.entities import extract_mentions
    from newsledger.ingest.text import article_from_text

    def build(text: str, published: str | None = None) -> ArticleContext:
        article = article_from_text(text, published=published)
        ctx = ArticleContext(article, nlp(article.text))
        extract_mentions(ctx)
        return ctx

    return build
