"""A ledger as Parquet: one folder per table, and what ``load`` needs beside them.

    DIR/_newsledger.json          format, schema version, rows per table
    DIR/articles/part-0.parquet   the articles table, columns and types as in DuckDB
    DIR/statements/part-0.parquet ...

The Spark engine writes it (``engine/spark.py``); ``load`` inserts it into a
DuckDB ledger; DuckDB, Spark or pandas read it as it is
(``read_parquet('DIR/statements/*.parquet')``). The metadata file is written
last, so a folder without it is an unfinished run and is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import LedgerNotEmpty, ParquetLedgerError, SchemaTooNew
from .database import LedgerStore
from .schema import SCHEMA_VERSION

FORMAT = "newsledger-ledger-parquet"
META = "_newsledger.json"
PART = "part-0.parquet"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def ledger_tables(store: LedgerStore) -> list[str]:
    """Every table of the ledger schema except the migration log (the loading ledger keeps its own)."""
    return [r["table_name"] for r in store.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "AND table_name <> 'migrations' ORDER BY table_name")]


def write(store: LedgerStore, out: str | Path, engine: str) -> dict[str, int]:
    """Write every table of ``store`` under ``out``; returns the rows written per table."""
    out = Path(out)
    counts: dict[str, int] = {}
    for table in ledger_tables(store):
        (out / table).mkdir(parents=True, exist_ok=True)
        store.con.execute(f"COPY {table} TO {_literal(out / table / PART)} (FORMAT parquet)")
        counts[table] = store.scalar(f"SELECT count(*) FROM {table}")
    meta = {"format": FORMAT, "schema_version": store.schema_version(), "engine": engine, "tables": counts}
    (out / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return counts


def read_meta(folder: str | Path) -> dict:
    folder = Path(folder)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParquetLedgerError(
            f"{folder}: not a Parquet ledger (no {META}; an unfinished run leaves none).",
            hint="newsledger ingest --engine spark INPUT --out DIR writes one",
        ) from None
    except (OSError, ValueError) as exc:
        raise ParquetLedgerError(f"{folder / META}: cannot be read: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or not isinstance(meta.get("tables"), dict):
        raise ParquetLedgerError(f"{folder / META}: not a newsledger Parquet ledger description.")
    return meta


def load(folder: str | Path, store: LedgerStore) -> dict[str, int]:
    """Insert a Parquet ledger into ``store``, which must hold no articles; one transaction.

    Columns are matched by name, so a ledger written by an older schema loads
    (newer columns take their defaults). Returns the rows loaded per table.
    """
    folder = Path(folder)
    meta = read_meta(folder)
    if meta.get("schema_version", 0) > SCHEMA_VERSION:
        raise SchemaTooNew(str(folder), meta["schema_version"], SCHEMA_VERSION)
    held = store.scalar("SELECT count(*) FROM articles")
    if held:
        raise LedgerNotEmpty(store.path, held)
    known = set(ledger_tables(store))
    unknown = sorted(set(meta["tables"]) - known)
    if unknown:
        raise ParquetLedgerError(f"{folder}: tables this ledger schema lacks: {', '.join(unknown)}.")
    counts: dict[str, int] = {}
    with store.transaction():
        for table in meta["tables"]:
            # Listed here, not as a pattern: DuckDB would read '[', '*' or '?' in the folder's name as one.
            files = sorted((folder / table).glob("*.parquet"))
            if not files:
                raise ParquetLedgerError(f"{folder / table}: no Parquet files.")
            source = f"read_parquet([{', '.join(_literal(f) for f in files)}])"
            mine = {r["column_name"] for r in store.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])}
            theirs = [r["column_name"] for r in store.rows(f"DESCRIBE SELECT * FROM {source}")]
            columns = ", ".join(f'"{c}"' for c in theirs if c in mine)
            before = store.scalar(f"SELECT count(*) FROM {table}")
            store.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {source}")
            counts[table] = store.scalar(f"SELECT count(*) FROM {table}") - before
            if counts[table] != meta["tables"][table]:
                raise ParquetLedgerError(
                    f"{folder / table}: {counts[table]:,} rows, the metadata says {meta['tables'][table]:,}.")
    return counts
