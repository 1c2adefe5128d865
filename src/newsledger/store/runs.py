"""The queries an ingest run makes besides writing records (``engine.local``, ``engine.spark``, the
CLI): the articles waiting to be linked, the inputs that failed, and the Spark engine's analyzed rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .database import LedgerStore


def article_count(store: LedgerStore) -> int:
    return store.scalar("SELECT count(*) FROM articles")


def unlinked_count(store: LedgerStore) -> int:
    """Stored articles that have no story yet (an interrupted run's, linked by the next)."""
    return store.scalar("SELECT count(*) FROM articles WHERE story IS NULL")


def unlinked_articles(store: LedgerStore) -> list[str]:
    """The ids of the stored articles that have no story yet, in the order they were stored."""
    return [row["id"] for row in store.rows("SELECT id FROM articles WHERE story IS NULL ORDER BY seq")]


def forget_link_leftovers(store: LedgerStore, articles: list[str]) -> None:
    """Delete the features and story links an interrupted link step left for ``articles``."""
    store.con.execute("DELETE FROM article_features WHERE article IN (SELECT unnest(?))", [articles])
    store.con.execute("DELETE FROM story_links WHERE article IN (SELECT unnest(?))", [articles])


def record_input_errors(store: LedgerStore, rows: list[dict[str, Any]]) -> None:
    """Add ``source, line, stage, message`` rows to ``input_errors``, each failure once: rerunning the
    same inputs (or resuming) adds no copies. One transaction."""
    if not rows:
        return
    with store.transaction():
        store.con.register("_errors", pd.DataFrame.from_records(rows))
        try:
            store.con.execute(
                "INSERT INTO input_errors (source, line, stage, message) "
                "SELECT DISTINCT e.source, e.line, e.stage, e.message FROM _errors e WHERE NOT EXISTS ("
                "SELECT 1 FROM input_errors i WHERE i.source = e.source AND i.line IS NOT DISTINCT FROM e.line "
                "AND i.stage IS NOT DISTINCT FROM e.stage AND i.message = e.message)"
            )
        finally:
            store.con.unregister("_errors")


def analyzed_rows(folder: Path, chunk: int = 1024) -> Iterator[tuple]:
    """The Spark engine's analyzed rows ``(pos, error, words, minhash, rows)`` from the Parquet files
    in ``folder``, by ``pos``, read ``chunk`` rows at a time (a run's rows are never all in memory)."""
    reader = duckdb.connect()
    try:
        cursor = reader.execute("SELECT pos, error, words, minhash, rows FROM read_parquet(?) ORDER BY pos",
                                [str(folder / "*.parquet")])
        while rows := cursor.fetchmany(chunk):
            yield from rows
    finally:
        reader.close()
