"""Mentions of one article grouped into local entities (no model needed)."""

import pytest

from newsledger.extract.entities import cluster_mentions, name_key
from newsledger.records import Mention


@pytest.mark.parametrize(
    "a, b",
    [
        ("Mujahedin-e-Khalq", "Mujahedin-e Khalq"),
        ("Ashraf-3", "Ashraf 3"),
        ("Albania’s", "Albania"),
        ("the Albanian Daily News", "Albanian Daily News"),
        ("Kanaʼani", "Kanaʼani"),
        ("São Paulo", "Sao Paulo"),
    ],
)
def test_name_key_ignores_spelling_variants(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart():
    assert name_key("Albania") != name_key("Algeria")


def _mentions(*names):
    out, offset = [], 0
    for text, label in names:
        out.append(Mention("a", offset, offset + len(text), text, label))
        offset += len(text) + 1
    return out


@pytest.mark.parametrize(
    "names, acronyms, expected",
    [
        ([("Nasser Kanaani", "PERSON"), ("Kanaani", "PERSON")], {}, [("Nasser Kanaani", "PERSON", 2)]),
        # The bare surname takes the type of the full name it belongs to.
        ([("Edi Rama", "PERSON"), ("Rama", "ORG")], {}, [("Edi Rama", "PERSON", 2)]),
        ([("Mujahedin-e-Khalq Organization", "ORG"), ("MKO", "ORG")], {"MKO": "Mujahedin-e-Khalq Organization"}, [("Mujahedin-e-Khalq Organization", "ORG", 2)]),
        ([("Ashraf-3", "FAC"), ("Ashraf 3", "FAC")], {}, [("Ashraf-3", "FAC", 2)]),
        # Two people sharing a surname: the bare surname is ambiguous and stays alone.
        ([("John Smith", "PERSON"), ("Jane Smith", "PERSON"), ("Smith", "PERSON")], {}, [("John Smith", "PERSON", 1), ("Jane Smith", "PERSON", 1), ("Smith", "PERSON", 1)]),
        ([("Iran", "GPE"), ("Iraq", "GPE")], {}, [("Iran", "GPE", 1), ("Iraq", "GPE", 1)]),
    ],
)
def test_cluster_mentions(names, acronyms, expected):
    mentions = _mentions(*names)
    entities = cluster_mentions("a", mentions, acronyms)
    got = [(e.name, e.type, sum(m.cluster == e.id for m in mentions)) for e in entities]
    assert got == expected
    assert all(m.cluster and m.cluster.startswith("a:c") for m in mentions)
