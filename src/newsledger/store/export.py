"""The ledger's stored records in the shape of the export (the contract in docs/ledger.schema.json).

One reader per stored record kind (``READERS``), each a query over the
store; ``timeline_rows`` reads what a story's timeline is derived from.
The formats, and the timelines, which are derived rather than stored, are
``newsledger.export``'s: the store builds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..records import Article, Event, Statement
from . import rows as R
from .database import LedgerStore


def articles(store: LedgerStore) -> list[dict]:
    out = []
    for row in store.rows("SELECT * FROM articles ORDER BY seq"):
        record = R.article_from_row(row).as_dict()
        record["words"] = row["words"]
        record["extractors"] = row["extractors"].split(",")
        out.append(record)
    return out


def entities(store: LedgerStore) -> list[dict]:
    mentions: dict[str, list[dict]] = {}
    for row in store.rows('SELECT entity, article, start, "end" FROM mentions WHERE entity IS NOT NULL ORDER BY article, start'):
        mentions.setdefault(row.pop("entity"), []).append(row)
    return [
        {"id": r["id"], "name": r["name"], "type": r["type"], "aliases": json.loads(r["aliases"]), "mentions": mentions.get(r["id"], [])}
        for r in store.rows("SELECT * FROM entities ORDER BY name, id")
    ]


def statements(store: LedgerStore) -> list[dict]:
    rows = store.rows("SELECT s.* FROM statements s JOIN articles a ON a.id = s.article ORDER BY a.seq, s.start")
    return [R.statement_from_row(r).as_dict() for r in rows]


def events(store: LedgerStore) -> list[dict]:
    rows = store.rows("SELECT e.* FROM events e JOIN articles a ON a.id = e.article ORDER BY a.seq, e.start")
    return [R.event_from_row(r).as_dict() for r in rows]


def labels(store: LedgerStore) -> list[dict]:
    rows = store.rows("SELECT l.* FROM labels l JOIN articles a ON a.id = l.article ORDER BY a.seq, l.start, l.entity")
    return [R.label_from_row(r).as_dict() for r in rows]


def figures(store: LedgerStore) -> list[dict]:
    rows = store.rows("SELECT f.* FROM figures f JOIN articles a ON a.id = f.article ORDER BY a.seq, f.start")
    return [R.figure_from_row(r).as_dict() for r in rows]


def loaded_terms(store: LedgerStore) -> list[dict]:
    rows = store.rows('SELECT t.* FROM loaded_terms t JOIN articles a ON a.id = t.article ORDER BY a.seq, t.start, t."end"')
    return [R.loaded_term_from_row(r).as_dict() for r in rows]


def stories(store: LedgerStore) -> list[dict]:
    members: dict[str, list[str]] = {}
    for row in store.rows("SELECT id, story FROM articles WHERE story IS NOT NULL ORDER BY published NULLS LAST, seq"):
        members.setdefault(row["story"], []).append(row["id"])
    return [
        {"id": r["id"], "articles": members.get(r["id"], []), "title": r["title"],
         "incident": R.incident_from_cell(r["incident"])}
        for r in store.rows("SELECT * FROM stories ORDER BY id")
    ]


def discrepancies(store: LedgerStore) -> list[dict]:
    return [R.discrepancy_from_row(r).as_dict() for r in store.rows("SELECT * FROM discrepancies ORDER BY story, event, facet, kind")]


def times(store: LedgerStore) -> list[dict]:
    return store.rows('SELECT t.* FROM times t JOIN articles a ON a.id = t.article ORDER BY a.seq, t.start')


@dataclass(slots=True)
class TimelineRows:
    """What the timelines of some stories are derived from: the stories, their articles, and the events,
    statements and speakers' names of those articles, events and statements by story."""

    stories: list[dict]
    articles: dict[str, Article]
    events: dict[str, list[Event]]
    statements: dict[str, list[Statement]]
    names: dict[str, str]


def timeline_rows(store: LedgerStore, story: str | None = None) -> TimelineRows:
    """What every story's timeline (or one story's) is derived from."""
    story_rows = [s for s in stories(store) if story is None or s["id"] == story]
    ids = [a for s in story_rows for a in s["articles"]]
    if not ids:
        return TimelineRows([], {}, {}, {}, {})

    def of_articles(sql: str) -> list[dict]:
        return store.rows(sql, [ids])

    rows = of_articles("SELECT * FROM articles WHERE id IN (SELECT unnest(?))")
    articles = {r["id"]: R.article_from_row(r) for r in rows}
    events: dict[str, list[Event]] = {}
    for row in of_articles("SELECT * FROM events WHERE article IN (SELECT unnest(?))"):
        events.setdefault(articles[row["article"]].story, []).append(R.event_from_row(row))
    statements: dict[str, list[Statement]] = {}
    for row in of_articles("SELECT * FROM statements WHERE article IN (SELECT unnest(?))"):
        statements.setdefault(articles[row["article"]].story, []).append(R.statement_from_row(row))
    speakers = of_articles("SELECT id, name FROM entities WHERE id IN "
                           "(SELECT speaker FROM statements WHERE article IN (SELECT unnest(?)))")
    return TimelineRows(story_rows, articles, events, statements, {r["id"]: r["name"] for r in speakers})


# The stored record kinds, in the export's order.
READERS = {
    "articles": articles,
    "entities": entities,
    "statements": statements,
    "events": events,
    "labels": labels,
    "figures": figures,
    "loaded_terms": loaded_terms,
    "stories": stories,
    "discrepancies": discrepancies,
    "times": times,
}
