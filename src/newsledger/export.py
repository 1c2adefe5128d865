"""The ledger written out: every record kind of ``newsledger.kinds``, the stored ones read by
``store/export.py`` and the stories' timelines, derived from the stored events and statements when
read (``compare/timeline.py``).

``json`` writes one object with one array per record kind; ``jsonl``,
``parquet`` and ``csv`` write a folder with one file per kind (CSV cells that
hold lists or objects are JSON text). The contract is docs/ledger.schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from .compare.timeline import build_timeline, story_timelines
from .contract import SCHEMA_URL
from .errors import ExportError
from .kinds import NAMES as KINDS
from .store import export as X
from .store.database import LedgerStore

FORMATS = ("json", "jsonl", "parquet", "csv")


def timelines(store: LedgerStore, story: str | None = None) -> list[dict]:
    """Timeline entries of every story (or of one), derived from its stored events and statements."""
    found = X.timeline_rows(store, story)
    return [
        entry.as_dict()
        for s in found.stories
        for entry in build_timeline(s["id"], [found.articles[a] for a in s["articles"]], found.events.get(s["id"], []),
                                    found.statements.get(s["id"], []), found.names)
    ]


# Every kind by name, each a function of the store; the derived ones are built here, above the store.
DERIVED = {"timelines": timelines}
READERS = {kind: X.READERS[kind] if kind in X.READERS else DERIVED[kind] for kind in KINDS}


def ledger_dict(store: LedgerStore) -> dict[str, Any]:
    data: dict[str, Any] = {"$schema": SCHEMA_URL}
    data.update({kind: reader(store) for kind, reader in X.READERS.items()})
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
