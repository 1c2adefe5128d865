"""The ledger as export records (the contract in docs/ledger.schema.json).

``json`` writes one object with one array per record kind; ``jsonl``,
``parquet`` and ``csv`` write a folder with one file per kind (CSV cells that
hold lists or objects are JSON text). ``timelines`` is not stored: it is
derived from the stored events and statements when read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..compare.timeline import build_timeline, story_timelines
from ..errors import ExportError
from . import rows as R
from .database import LedgerStore

KINDS = ("articles", "entities", "statements", "events", "labels", "figures", "loaded_terms", "stories", "discrepancies",
         "times", "timelines")
FORMATS = ("json", "jsonl", "parquet", "csv")
SCHEMA_URL = "https://newsledger.invalid/ledger.schema.json"


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


def timelines(store: LedgerStore, story: str | None = None) -> list[dict]:
    """Timeline entries of every story (or of one), derived from its stored events and statements."""
    story_rows = [s for s in stories(store) if story is None or s["id"] == story]
    ids = [a for s in story_rows for a in s["articles"]]
    if not ids:
        return []

    def of_articles(sql: str) -> list[dict]:
        return store.rows(sql, [ids])

    rows = of_articles("SELECT * FROM articles WHERE id IN (SELECT unnest(?))")
    articles = {r["id"]: R.article_from_row(r) for r in rows}
    events: dict[str, list] = {}
    for row in of_articles("SELECT * FROM events WHERE article IN (SELECT unnest(?))"):
        events.setdefault(articles[row["article"]].story, []).append(R.event_from_row(row))
    statements: dict[str, list] = {}
    for row in of_articles("SELECT * FROM statements WHERE article IN (SELECT unnest(?))"):
        statements.setdefault(articles[row["article"]].story, []).append(R.statement_from_row(row))
    speakers = of_articles("SELECT id, name FROM entities WHERE id IN "
                           "(SELECT speaker FROM statements WHERE article IN (SELECT unnest(?)))")
    names = {r["id"]: r["name"] for r in speakers}
    return [
        entry.as_dict()
        for s in story_rows
        for entry in build_timeline(s["id"], [articles[a] for a in s["articles"]], events.get(s["id"], []),
                                    statements.get(s["id"], []), names)
    ]


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
    "timelines": timelines,
}


def ledger_dict(store: LedgerStore) -> dict[str, Any]:
    data: dict[str, Any] = {"$schema": SCHEMA_URL}
    data.update({kind: READERS[kind](store) for kind in KINDS if kind != "timelines"})
    # Derived from what was just read, rather than read again.
    entries = story_timelines(data["stories"], data["articles"], data["events"], data["statements"], data["entities"])
    data["timelines"] = [entry.as_dict() for entry in entries]
    return data


def frame(store: LedgerStore, kind: str) -> pd.DataFrame:
    if kind not in READERS:
        raise ExportError(f"unknown table {kind!r}; known: {', '.join(KINDS)}.")
    return pd.DataFrame.from_records(READERS[kind](store))


def export(store: LedgerStore, fmt: str, out: str | Path) -> list[Path]:
    """Write the ledger; returns the files written."""
    out = Path(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if fmt == "json":
        if out.is_dir():
            raise ExportError(f"{out}: the json export writes one file, and this is a folder.",
                              hint=f"pass a file name, e.g. -o {out / 'ledger.json'}; or --format jsonl for a folder")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(ledger_dict(store), ensure_ascii=False, indent=1), encoding="utf-8")
        return [out]
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: the {fmt} export writes a folder (one file per table), and this is a file.",
                          hint=f"pass a folder name, e.g. -o {out.with_suffix('')}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        records = READERS[kind](store)
        path = out / f"{kind}.{fmt}"
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt == "parquet":
            _write_parquet(records, path)
        else:
            flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()} for r in records]
            pd.DataFrame.from_records(flat).to_csv(path, index=False)
        written.append(path)
    return written


def _write_parquet(records: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Claim values differ in shape between facets (a figure, a day, a place); keep them as JSON text.
    for record in records:
        incident = record.get("incident") or {}
        for claim in record.get("claims", []) + incident.get("claims", []):
            claim["value"] = json.dumps(claim["value"])
    table = pa.Table.from_pylist(records) if records else pa.table({})
    pq.write_table(table, path)
