"""The queries that comparing stories needs (``compare.story``, and the Spark engine that sends each
story's rows to a task): the rows of many stories at once, one query per table, in the order stored."""

from __future__ import annotations

from collections.abc import Iterator

from .database import LedgerStore
from .schema import ARTICLE_TABLES


def _rows_of(store: LedgerStore, table: str, stories: list[str], columns: str = "t.*", join: str = "") -> list[dict]:
    """The rows of an article table for the articles of ``stories``, each with its ``_story``."""
    return store.rows(
        f"SELECT a.story AS _story, {columns} FROM {table} t JOIN articles a ON a.id = t.article {join} "
        "WHERE a.story IN (SELECT unnest(?)) ORDER BY t.rowid",
        [stories],
    )


def story_articles(store: LedgerStore, stories: list[str]) -> list[dict]:
    """``story, id, text, published, duplicate_of, main_event`` of the articles of ``stories``."""
    return store.rows(
        "SELECT story, id, text, published, duplicate_of, main_event FROM articles WHERE story IN (SELECT unnest(?)) "
        "ORDER BY rowid",
        [stories],
    )


def story_events(store: LedgerStore, stories: list[str]) -> list[dict]:
    return _rows_of(store, "events", stories)


def story_statements(store: LedgerStore, stories: list[str]) -> list[dict]:
    """Statement rows with ``_speaker_name``, the name of the entity that speaks (None when unlinked)."""
    return _rows_of(store, "statements", stories, "t.*, e.name AS _speaker_name",
                    "LEFT JOIN entities e ON e.id = t.speaker")


def story_times(store: LedgerStore, stories: list[str]) -> list[dict]:
    return _rows_of(store, "times", stories)


def story_mentions(store: LedgerStore, stories: list[str]) -> list[dict]:
    return _rows_of(store, "mentions", stories)


def story_ongoing_claims(store: LedgerStore, stories: list[str]) -> list[dict]:
    return _rows_of(store, "ongoing_claims", stories)


def story_figures(store: LedgerStore, stories: list[str]) -> list[dict]:
    """Figure rows with ``_owner_name`` and ``_owner_type``, their owner entity's (None when it has none)."""
    return _rows_of(store, "figures", stories, "t.*, e.name AS _owner_name, e.type AS _owner_type",
                    "LEFT JOIN entities e ON e.id = t.owner")


def _story_queries() -> dict[str, str]:
    queries = {
        "articles": "SELECT story AS _story, rowid AS _ord, * EXCLUDE (minhash, ingested_at) FROM articles "
                    "WHERE story IN (SELECT unnest(?))",
        "entities": "SELECT DISTINCT a.story AS _story, e.rowid AS _ord, e.* FROM entities e "
                    "JOIN local_entities l ON l.entity = e.id JOIN articles a ON a.id = l.article "
                    "WHERE a.story IN (SELECT unnest(?))",
    }
    for table in ARTICLE_TABLES:
        queries[table] = (f"SELECT a.story AS _story, t.rowid AS _ord, t.* FROM {table} t "
                          "JOIN articles a ON a.id = t.article WHERE a.story IN (SELECT unnest(?))")
    return queries


def story_tables(store: LedgerStore, stories: list[str]) -> Iterator[tuple[str, list[dict]]]:
    """Per table, ``(table, rows)``: every row that comparing ``stories`` may read (their articles, the
    rows of those articles, the entities they name), each with its ``_story`` and ``_ord``, its place
    in the table (a copy is put back in that order)."""
    for table, sql in _story_queries().items():
        yield table, store.rows(sql, [stories])


def empty_story_tables(store: LedgerStore) -> None:
    """Delete every row that ``story_tables`` reads (an in-memory ledger reused story after story)."""
    for table in ("articles", "entities", *ARTICLE_TABLES):
        store.con.execute(f"DELETE FROM {table}")


def delete_discrepancies(store: LedgerStore, stories: list[str]) -> None:
    store.con.execute("DELETE FROM discrepancies WHERE story IN (SELECT unnest(?))", [stories])


def clear_incidents(store: LedgerStore, stories: list[str]) -> None:
    store.con.execute("UPDATE stories SET incident = NULL WHERE id IN (SELECT unnest(?))", [stories])
