"""Run one Python snippet from the docs, statement by statement, as a reader would paste it.

    python tests/doc_snippet.py SNIPPET.py

A top-level expression with a comment after it states what it gives, and is checked:

    ledger.events()[0].date    # '2023-06-20'        a Python literal: the value must equal it
    ledger.table("events")     # COERCE  raided      other words: each must appear in str(value)

Prints one ``checked LINE: EXPR`` line per check; exits 1 with the line and both values when one fails
(tests/test_doc_commands.py runs it).
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize


def comments(source: str) -> dict[int, str]:
    """Line number → the text of the comment that ends it."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def expected_matches(value: object, expected: str) -> bool:
    try:
        literal = ast.literal_eval(expected)
    except (ValueError, SyntaxError):
        shown = str(value)
        return all(word in shown for word in expected.split())
    return value == literal


def main(path: str) -> int:
    source = open(path, encoding="utf-8").read()
    tree = ast.parse(source, path)
    said = comments(source)
    scope: dict = {"__name__": "__main__"}
    for node in tree.body:
        shows = isinstance(node, ast.Expr) and not (isinstance(node.value, ast.Call)
                                                    and getattr(node.value.func, "id", None) == "print")
        expected = said.get(node.end_lineno) if shows else None
        if expected is None:
            exec(compile(ast.Module([node], []), path, "exec"), scope)
            continue
        value = eval(compile(ast.Expression(node.value), path, "eval"), scope)
        text = ast.get_source_segment(source, node)
        if not expected_matches(value, expected):
            print(f"{path}:{node.lineno}: {text}\n  the docs say: {expected}\n  it gives:     {value!r}", file=sys.stderr)
            return 1
        print(f"checked {node.lineno}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
