"""The queries that dating an undated article from its story needs (``link.story_dates``)."""

from __future__ import annotations

from ..records import Evidence
from .database import LedgerStore
from .rows import dumps


def publication_days(store: LedgerStore, stories: list[str]) -> list[dict]:
    """``id``, ``story`` and ``published`` of every article of ``stories``, in the order they were stored."""
    return store.rows("SELECT id, story, published FROM articles WHERE story IN (SELECT unnest(?)) ORDER BY seq",
                      [stories])


def time_values(store: LedgerStore, article: str) -> list[dict]:
    """The article's time expressions: ``start``, ``end``, ``text`` and ``value``, in text order."""
    return store.rows('SELECT start, "end", text, value FROM times WHERE article = ? ORDER BY start', [article])


def event_dates(store: LedgerStore, article: str) -> list[dict]:
    return store.rows("SELECT id, date FROM events WHERE article = ?", [article])


def set_published(store: LedgerStore, article: str, day: str, source: str, confidence: float,
                  evidence: list[Evidence]) -> None:
    store.con.execute(
        "UPDATE articles SET published = ?, published_source = ?, published_confidence = ?, published_evidence = ? "
        "WHERE id = ?", [day, source, confidence, dumps([e.as_dict() for e in evidence]), article])


def set_time_value(store: LedgerStore, article: str, start: int, end: int, value: str) -> None:
    store.con.execute('UPDATE times SET value = ? WHERE article = ? AND start = ? AND "end" = ?',
                      [value, article, start, end])


def set_event_date(store: LedgerStore, event: str, day: str) -> None:
    store.con.execute("UPDATE events SET date = ? WHERE id = ?", [day, event])
