"""The packages of newsledger import one another in one direction: no two of them import each other, even
through others (issue 20). A function-level import counts too: hiding a cycle in a function keeps the cycle."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsledger"


def _part(path: Path) -> str:
    """The top-level package or module of newsledger a file belongs to ("extract", "options")."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def import_graph() -> dict[str, set[str]]:
    """Top-level part → the other parts its files import (relative imports; the code imports no other way)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = _part(path)
        folder = path.relative_to(PACKAGE).parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = list(folder[:len(folder) - (node.level - 1)])
            target = base + (node.module.split(".") if node.module else [])
            names = [target[0]] if target else [alias.name for alias in node.names]
            graph[source].update(name.removesuffix(".py") for name in names if name != source)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of parts that reach one another (Tarjan's strongly connected components of two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_finder_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_two_packages_import_each_other():
    graph = import_graph()
    assert {"extract", "link", "compare", "store", "ingest"} <= set(graph)  # the walk read the tree
    assert "store" in graph["link"] and "records" in graph["extract"]
    assert cycles(graph) == []
