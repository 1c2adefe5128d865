"""Entity-label sets are named once, in newsledger/entity_types.py; no module writes its own copy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsledger import entity_types

SRC = Path(entity_types.__file__).parent
# {"DATE", "TIME"} is also TimeML's pair of point types (``TimeValue.type``), a vocabulary of its own, so
# TIME_TYPES is not looked for; the others name nothing else.
VOCABULARY = {name: value for name, value in vars(entity_types).items() if name.isupper() and name != "TIME_TYPES"}


def _label_sets(tree: ast.AST) -> list[tuple[int, frozenset[str]]]:
    """Every set literal of two or more strings in a module, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set) and len(node.elts) > 1 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            found.append((node.lineno, frozenset(e.value for e in node.elts)))
    return found


@pytest.mark.parametrize("path", sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
                                        if p.name != "entity_types.py"))
def test_no_module_writes_its_own_copy_of_a_vocabulary_set(path):
    copies = [(line, name) for line, labels in _label_sets(ast.parse((SRC / path).read_text(encoding="utf-8")))
              for name, value in VOCABULARY.items() if labels == value]
    assert not copies, f"{path} repeats entity_types sets (line, name): {copies}"


def test_the_sets_answer_their_questions():
    assert entity_types.ACTOR_TYPES < entity_types.NAME_TYPES and entity_types.PLACE_TYPES < entity_types.NAME_TYPES
    # A nationality or a country in a phrase does not make the phrase name an actor of its own.
    assert {"NORP", "GPE"} & entity_types.OWN_NAME_TYPES == set()
    assert entity_types.ACTOR_TYPES & entity_types.PLACE_TYPES == {"GPE"}  # "Iran said": a state acts
