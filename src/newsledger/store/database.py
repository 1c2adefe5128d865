"""The one writer to a ledger database (DuckDB, embedded).

DuckDB allows one writing process per file; a second one gets
``DatabaseInUse`` instead of a corrupt file. Every batch of articles is
written in one transaction, so an interrupted ingest leaves whole articles or
none, and the next run carries on from what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ..errors import DatabaseInUse, DatabaseNotFound, SchemaTooNew, StoreError
from .schema import MIGRATIONS, SCHEMA_VERSION

IN_MEMORY = ":memory:"
MEMORY_LIMIT = "1GB"


class LedgerStore:
    def __init__(self, path: str | Path = IN_MEMORY, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if not self.path.strip():
            raise StoreError("the ledger database path is empty.", hint=f"give --db a file name, e.g. --db ledger.duckdb "
                             f"(from Python: LedgerStore({IN_MEMORY!r}) keeps a ledger in memory)")
        if "?" in self.path and self.path != IN_MEMORY:
            # DuckDB reads what follows a '?' as options: the write-ahead log of 'a?/l.duckdb' goes to 'a.wal?/...'.
            raise StoreError(f"{self.path}: DuckDB cannot keep a database whose path holds '?'.",
                             hint="rename that file or folder, or give --db another path")
        if read_only and self.path != IN_MEMORY and not Path(self.path).exists():
            raise DatabaseNotFound(self.path)
        if not read_only and self.path != IN_MEMORY:
            try:  # a new ledger's folder is made, as export and report make theirs
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot make its folder: {exc.strerror or exc}",
                                 hint="give --db a path under a folder you can write") from exc
        try:
            # DuckDB's page cache may grow to most of the machine's memory; a ledger file keeps it bounded
            # (queries that need more spill to ``<file>.tmp``).
            config = {"memory_limit": MEMORY_LIMIT} if self.path != IN_MEMORY else {}
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:  # IOException mostly; a file DuckDB reads as another format raises others
            if isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
                raise DatabaseInUse(self.path) from exc
            raise StoreError(f"{self.path}: cannot open the ledger database: {' '.join(str(exc).split())}",
                             hint="give --db a ledger file that newsledger wrote (a DuckDB file), or a new name") from exc
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # -- schema -----------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'")
        if not exists:
            return 0
        return self.scalar("SELECT coalesce(max(version), 0) FROM migrations")

    def _check_version(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(self.path, version, SCHEMA_VERSION)
        return version

    def migrate(self) -> None:
        current = self._check_version()
        with self.transaction():
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)"
            )
            for version, description, sql in MIGRATIONS:
                if version > current:
                    self.con.execute(sql)
                    self.con.execute("INSERT INTO migrations (version, description) VALUES (?, ?)", [version, description])

    # -- writing ----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert dict rows by column name (through a DataFrame: one statement)."""
        if not rows:
            return
        frame = pd.DataFrame.from_records(rows)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        self.con.register("_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
        finally:
            self.con.unregister("_rows")

    def update_column(self, table: str, column: str, pairs: Iterable[tuple[str, Any]], key: str = "id") -> None:
        """Set ``column`` for rows given as ``(key value, new value)`` pairs."""
        pairs = list(pairs)
        if not pairs:
            return
        frame = pd.DataFrame(pairs, columns=["_key", "_value"])
        self.con.register("_pairs", frame)
        try:
            self.con.execute(
                f'UPDATE {table} SET "{column}" = _pairs._value FROM _pairs WHERE {table}."{key}" = _pairs._key'
            )
        finally:
            self.con.unregister("_pairs")

    def next_seq(self) -> int:
        return self.scalar("SELECT coalesce(max(seq), 0) + 1 FROM articles")

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(set(ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    # -- reading ----------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def frame(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        # fetchall, not fetchone: DuckDB refuses new work while a result is unfinished.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "LedgerStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
