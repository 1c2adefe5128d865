"""The DuckDB store: migrations, transactions, reopening."""

import pytest

from newsledger.errors import DatabaseNotFound, SchemaTooNew
from newsledger.store.database import LedgerStore
from newsledger.store.schema import SCHEMA_VERSION


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "l.duckdb"
    with LedgerStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with LedgerStore(path) as store:
        assert store.scalar("SELECT count(*) FROM migrations") == SCHEMA_VERSION


def test_a_failed_transaction_leaves_nothing(tmp_path):
    with LedgerStore(tmp_path / "l.duckdb") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.insert("stories", [{"id": "st_x", "title": "x"}])
                raise RuntimeError("interrupted")
        assert store.scalar("SELECT count(*) FROM stories") == 0


def test_reading_a_missing_database_says_so(tmp_path):
    with pytest.raises(DatabaseNotFound, match="no such ledger database"):
        LedgerStore(tmp_path / "missing.duckdb", read_only=True)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "l.duckdb"
    with LedgerStore(path) as store:
        store.con.execute("INSERT INTO migrations (version, description) VALUES (?, 'future')", [SCHEMA_VERSION + 1])
    with pytest.raises(SchemaTooNew):
        LedgerStore(path)


def test_update_column_by_key():
    with LedgerStore() as store:
        store.insert("stories", [{"id": "a", "title": "x"}, {"id": "b", "title": "y"}])
        store.update_column("stories", "title", [("a", "new")])
        assert dict(store.con.execute("SELECT id, title FROM stories ORDER BY id").fetchall()) == {"a": "new", "b": "y"}


def test_a_ledger_file_caps_duckdbs_memory(tmp_path):
    from newsledger.store.database import MEMORY_LIMIT

    import duckdb

    capped = duckdb.connect(config={"memory_limit": MEMORY_LIMIT}).execute(
        "SELECT current_setting('memory_limit')").fetchone()[0]
    with LedgerStore(tmp_path / "ledger.duckdb") as store:
        limit = store.scalar("SELECT current_setting('memory_limit')")
    with LedgerStore() as in_memory:  # no file to spill to: DuckDB's own default
        default = in_memory.scalar("SELECT current_setting('memory_limit')")
    assert limit == capped != default


def test_the_store_imports_nothing_of_the_steps_that_read_it():
    # store/ is read by link/, compare/ and the export; it must not build what they build (no package cycle).
    import ast
    from pathlib import Path

    import newsledger.store

    above = {"compare", "link", "extract", "engine", "web", "eval", "export", "ledger", "summary", "pipeline"}
    found = []
    for path in sorted(Path(newsledger.store.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and (node.module or "").split(".")[0] in above:
                found.append(f"{path.name}: {node.module}")
    assert not found, found
