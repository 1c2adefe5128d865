"""Cross-article linking on a store built by hand (no model needed)."""

import json

import pytest

from newsledger.link import duplicates
from newsledger.link.entities import link_entities
from newsledger.store.database import LedgerStore

WIRE = (
    "Albanian police raided a camp of the MKO on Tuesday, and at least one person was killed and dozens injured "
    "during clashes at the camp, known as Ashraf-3, northwest of the capital Tirana, officials said on Wednesday."
)


def _sig(text):
    return duplicates.to_bytes(duplicates.signature(text))


def test_a_lightly_edited_copy_is_a_duplicate_of_the_first():
    existing = [("a", _sig(WIRE))]
    new = [("b", _sig(WIRE.replace("officials said", "officials told reporters"))), ("c", _sig("An earthquake struck Turkey."))]
    assert duplicates.find_duplicates(existing, new, threshold=0.6) == {"b": "a"}


def test_signatures_survive_storage():
    minhash = duplicates.signature(WIRE)
    assert duplicates.from_bytes(duplicates.to_bytes(minhash)).jaccard(minhash) == 1.0


@pytest.fixture
def store():
    with LedgerStore() as s:
        yield s


def _local(store, article, n, name, etype, aliases):
    store.insert("local_entities", [{"id": f"{article}:c{n}", "article": article, "name": name, "type": etype, "aliases": json.dumps(aliases)}])
    store.insert("mentions", [{"article": article, "start": 0, "end": len(name), "text": name, "type": etype, "cluster": f"{article}:c{n}"}])


def test_entities_merge_across_articles_by_alias_and_surname(store):
    _local(store, "a", 0, "Mujahedin-e-Khalq Organization", "ORG", ["Mujahedin-e-Khalq Organization", "MKO"])
    _local(store, "a", 1, "Edi Rama", "PERSON", ["Edi Rama", "Rama"])
    _local(store, "b", 0, "Mujahedin-e Khalq Organization", "ORG", ["Mujahedin-e Khalq Organization", "MKO"])
    _local(store, "b", 1, "Rama", "PERSON", ["Rama"])
    _local(store, "b", 2, "Albania", "GPE", ["Albania"])
    created = link_entities(store, ["a", "b"])
    assert created == 3
    by_local = dict(store.con.execute("SELECT id, entity FROM local_entities").fetchall())
    assert by_local["a:c0"] == by_local["b:c0"]
    assert by_local["a:c1"] == by_local["b:c1"]
    (aliases,) = store.con.execute("SELECT aliases FROM entities WHERE id = ?", [by_local["a:c0"]]).fetchall()[0]
    assert set(json.loads(aliases)) == {"Mujahedin-e-Khalq Organization", "Mujahedin-e Khalq Organization", "MKO"}
    assert store.scalar("SELECT count(*) FROM mentions WHERE entity IS NULL") == 0


def test_entity_linking_is_incremental(store):
    _local(store, "a", 0, "Nasser Kanaani", "PERSON", ["Nasser Kanaani", "Kanaani"])
    link_entities(store, ["a"])
    _local(store, "b", 0, "Kanaani", "PERSON", ["Kanaani"])
    assert link_entities(store, ["b"]) == 0
    assert store.scalar("SELECT count(DISTINCT entity) FROM local_entities") == 1


def test_a_person_and_a_place_with_one_name_stay_apart(store):
    _local(store, "a", 0, "Jordan", "PERSON", ["Jordan"])
    _local(store, "b", 0, "Jordan", "GPE", ["Jordan"])
    link_entities(store, ["a", "b"])
    assert store.scalar("SELECT count(DISTINCT entity) FROM local_entities") == 2
