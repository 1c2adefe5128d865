"""The ledger's stored records in the shape of the export (the contract in docs/ledger.schema.json).

Each stored record kind (``newsledger.kinds.STORED``) is read by one query over its table in the
kind's order (``read``; ``READERS`` by name), and its rows become records by ``records``, which
the web's reads (``store/reads.py``) share, so the API shows what the export writes.
``timeline_rows`` reads what a story's timeline is derived from. The formats, and the timelines,
which are derived rather than stored, are ``newsledger.export``'s: the store builds nothing.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..kinds import STORED, Kind
from ..records import Article, Event, Statement
from . import rows as R
from .database import LedgerStore

# Tables other than these hold records found in articles: ordered by their article first, and
# ``story`` selects the records of that story's articles (a join to articles).
_STORY_CONDITION = {
    "articles": "t.story = ?",
    "entities": "t.id IN (SELECT m.entity FROM mentions m JOIN articles a ON a.id = m.article WHERE a.story = ?)",
    "stories": "t.id = ?",
    "discrepancies": "t.story = ?",
}
_COLUMNS = {"articles": "t.* EXCLUDE (minhash, terms)"}  # the hashes linking keeps are no record's


def in_articles(kind: Kind) -> bool:
    """Whether the kind's records are found in articles (and ordered by them)."""
    return kind.table not in _STORY_CONDITION


def source(kind: Kind, joined: bool = True) -> str:
    """The kind's ``FROM``: its table as ``t``, joined to its articles as ``a`` when it is found in them."""
    if in_articles(kind) and joined:
        return f"{kind.table} t JOIN articles a ON a.id = t.article"
    return f"{kind.table} t"


def order(kind: Kind, total: bool = False, joined: bool = True) -> str:
    """The kind's ``ORDER BY``: the export's, or with ``total`` its ties broken too (so pages never overlap)."""
    columns = [f't."{c}"' for c in kind.order + (kind.tiebreak if total else ())]
    return ", ".join((["a.seq"] if in_articles(kind) and joined else []) + columns)


def columns(kind: Kind) -> str:
    return _COLUMNS.get(kind.table or "", "t.*")


def condition(kind: Kind, name: str) -> str:
    """The SQL condition, with one ``?``, of the kind's filter ``name``; ValueError for a filter it has not."""
    if name not in kind.filters:
        raise ValueError(f"{kind.name} cannot be filtered by {name!r}; only by {', '.join(kind.filters)}")
    if name == "story":
        return _STORY_CONDITION.get(kind.table or "", "a.story = ?")
    return f't."{name}" = ?'


def read(store: LedgerStore, kind: Kind) -> list[dict]:
    """Every record of a stored kind, in the export's order."""
    rows = store.rows(f"SELECT {columns(kind)} FROM {source(kind)} ORDER BY {order(kind)}")
    return records(store, kind, rows, every=True)


def records(store: LedgerStore, kind: Kind, rows: Sequence[dict], every: bool = False) -> list[dict]:
    """The kind's stored rows as export records. Entities take their mentions and stories their articles
    from other tables: those of the rows given, or with ``every`` (all rows of the kind) in one scan."""
    if kind.table == "entities":
        return _with_mentions(store, rows, every)
    if kind.table == "stories":
        return _with_members(store, rows, every)
    return [_CONVERT[kind.table](row) for row in rows]


def article_record(row: dict) -> dict:
    """An article row as the export writes it: the record and the kind's extra fields."""
    record = R.article_from_row(row).as_dict()
    record["words"] = row["words"]
    record["extractors"] = row["extractors"].split(",")
    return record


def _as_dict(convert: Callable[[dict], object]) -> Callable[[dict], dict]:
    return lambda row: convert(row).as_dict()  # type: ignore[attr-defined]


_CONVERT: dict[str | None, Callable[[dict], dict]] = {
    "articles": article_record,
    "statements": _as_dict(R.statement_from_row),
    "events": _as_dict(R.event_from_row),
    "labels": _as_dict(R.label_from_row),
    "figures": _as_dict(R.figure_from_row),
    "loaded_terms": _as_dict(R.loaded_term_from_row),
    "discrepancies": _as_dict(R.discrepancy_from_row),
    "times": dict,  # the table's columns are the record's fields, in its order
}


def _with_mentions(store: LedgerStore, entities: Sequence[dict], every: bool) -> list[dict]:
    mentions: dict[str, list[dict]] = {}
    ids = [e["id"] for e in entities]
    found = ('SELECT entity, article, start, "end" FROM mentions WHERE entity IS NOT NULL ORDER BY article, start' if every else
             'SELECT entity, article, start, "end" FROM mentions WHERE entity IN (SELECT unnest(?)) ORDER BY article, start')
    if ids:
        for row in store.rows(found, [] if every else [ids]):
            mentions.setdefault(row.pop("entity"), []).append(row)
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": json.loads(e["aliases"]),
             "mentions": mentions.get(e["id"], [])} for e in entities]


def _with_members(store: LedgerStore, stories: Sequence[dict], every: bool) -> list[dict]:
    members: dict[str, list[str]] = {}
    ids = [s["id"] for s in stories]
    found = ("SELECT id, story FROM articles WHERE story IS NOT NULL ORDER BY published NULLS LAST, seq" if every else
             "SELECT id, story FROM articles WHERE story IN (SELECT unnest(?)) ORDER BY published NULLS LAST, seq")
    if ids:
        for row in store.rows(found, [] if every else [ids]):
            members.setdefault(row["story"], []).append(row["id"])
    return [{"id": s["id"], "articles": members.get(s["id"], []), "title": s["title"],
             "incident": R.incident_from_cell(s.get("incident"))} for s in stories]


# The stored record kinds by name, in the export's order: each a function of the store.
READERS: dict[str, Callable[[LedgerStore], list[dict]]] = {kind.name: functools.partial(read, kind=kind) for kind in STORED}


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
    story_rows = [s for s in READERS["stories"](store) if story is None or s["id"] == story]
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
