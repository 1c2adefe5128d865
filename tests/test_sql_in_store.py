"""SQL lives in ``store/`` (issue 20): outside it, no module sends a query to a database, holds the DuckDB
connection, imports duckdb or writes an SQL statement; the queries the other steps need are named functions
of ``store/`` that take the ``LedgerStore``. The check reads the syntax tree, so neither a query built in a
variable nor one in a function-level import escapes it, and words in docstrings or messages do not count."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"

# Methods of LedgerStore, of a DuckDB connection and of its cursors that take SQL or read its results. A function
# of a store module may have one of these names (``reads.rows(store, kind, ...)``): a call on an imported name is
# not a query.
_QUERY_METHODS = {"rows", "scalar", "frame", "execute", "executemany", "sql", "fetchall", "fetchone", "fetchmany",
                  "fetchdf", "register", "unregister"}
# A statement as this code base writes SQL: keywords in capitals, at the start of a string.
_STATEMENT = re.compile(r"\s*(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (?:OR REPLACE )?(?:TEMP )?"
                        r"(?:TABLE|VIEW|INDEX)|DROP (?:TABLE|VIEW)|ALTER TABLE|WITH \w+ AS \(|COPY \w+ TO|DESCRIBE )")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _is_sql(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):  # an f-string: its first literal part
        node = next((v for v in node.values if isinstance(v, ast.Constant)), None)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_STATEMENT.match(node.value))


def _imported_names(tree: ast.AST) -> set[str]:
    return {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}


def database_uses(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` for each place in ``source`` that talks to a database itself."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    imported = _imported_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _QUERY_METHODS:
            receiver = node.func.value
            if not (isinstance(receiver, ast.Name) and receiver.id in imported):
                found.append((node.lineno, f"calls .{node.func.attr}()"))
        elif isinstance(node, ast.Attribute) and node.attr == "con":
            found.append((node.lineno, "holds the connection (.con)"))
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "duckdb" for a in node.names):
            found.append((node.lineno, "imports duckdb"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "duckdb" and not node.level:
            found.append((node.lineno, "imports duckdb"))
        elif id(node) not in docstrings and isinstance(node, ast.Constant) and _is_sql(node):
            found.append((node.lineno, f"writes SQL: {' '.join(node.value.split())[:50]!r}"))
    return sorted(found)


def test_the_check_finds_each_way_of_querying():
    source = '''
"""SELECT in a docstring is prose."""
import duckdb
from duckdb import connect
from ..store import export as E, reads

def counts(store, kind):
    store.rows("SELECT id FROM articles")
    store.con.execute(QUERY)
    n = store.scalar(f"SELECT count(*) FROM {kind}")
    frame = self.store.frame(f"""
        WITH recent AS (SELECT 1) SELECT * FROM recent""")
    return E.frame(store, kind), reads.rows(store, kind), F.expr("aggregate(sequence(0, 3), 0, (n, i) -> n + i)")

QUERY = "  DELETE FROM stories WHERE id = ?"
MESSAGE = "Select a story; update the ledger, then delete the copy."
'''
    assert database_uses(source) == [
        (3, "imports duckdb"), (4, "imports duckdb"),
        (8, "calls .rows()"), (8, "writes SQL: 'SELECT id FROM articles'"),
        (9, "calls .execute()"), (9, "holds the connection (.con)"),
        (10, "calls .scalar()"), (10, "writes SQL: 'SELECT count(*) FROM'"),
        (11, "calls .frame()"), (11, "writes SQL: 'WITH recent AS (SELECT 1) SELECT * FROM recent'"),
        (15, "writes SQL: 'DELETE FROM stories WHERE id = ?'"),
    ]


def test_sql_lives_in_store():
    outside = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "store")
    assert len(outside) > 50 and PACKAGE / "link" / "stories.py" in outside  # the walk read the tree
    found = [f"{path.relative_to(PACKAGE)}:{line}: {what}"
             for path in outside for line, what in database_uses(path.read_text(encoding="utf-8"))]
    assert found == [], "move these queries into a function of newsledger/store/:\n" + "\n".join(found)
