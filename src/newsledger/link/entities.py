"""One entity per actor across articles.

Each article's local entities (see ``extract.entities``) are matched to the
ledger's entities through an index of comparison keys (``entity_keys``): any
shared alias key ("mko", "mujahedin e khalq organization") of a compatible
type links them; a one-word person name ("Rama") joins the only person whose
name ends with it. Only the new articles' entities are looked at, so adding
articles costs in proportion to them, not to the ledger.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..extract.entities import name_key
from ..store import linking
from ..store.database import LedgerStore
from ..store.rows import dumps

VERSION = "entity-linking.v1"


@dataclass(slots=True)
class _Canonical:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    new: bool = False
    changed: bool = False


def _compatible(type_a: str, type_b: str, key: str) -> bool:
    # A multi-word name is specific enough to outweigh a tagging slip
    # between ORG/NORP/GPE; a person stays a person.
    if type_a == type_b:
        return True
    return " " in key and "PERSON" not in (type_a, type_b)


def _entity_id(entity_type: str, key: str) -> str:
    return "ent_" + hashlib.sha1(f"{entity_type}|{key}".encode()).hexdigest()[:12]


def link_entities(store: LedgerStore, article_ids: list[str]) -> int:
    """Attach the local entities of ``article_ids`` to global entities; returns how many were created."""
    if not article_ids:
        return 0
    local = linking.local_entities_of(store, article_ids)
    wanted = {name_key(a) for row in local for a in json.loads(row["aliases"])}
    index: dict[str, list[tuple[str, str]]] = {}
    for row in linking.entity_keys(store, list(wanted)):
        index.setdefault(row["key"], []).append((row["type"], row["entity"]))
    canon: dict[str, _Canonical] = {}
    surnames = _person_surnames(store, wanted)
    # Every stored entity this batch can reach, fetched in one query rather than one per local entity.
    reachable = {entity for pairs in index.values() for _, entity in pairs}
    reachable |= {entity for owners in surnames.values() for entity in owners}
    reachable |= {_entity_id(row["type"], name_key(json.loads(row["aliases"])[0])) for row in local}
    stored = _load_all(store, reachable)
    new_keys: list[dict] = []
    assignment: list[tuple[str, str]] = []

    for row in local:
        aliases = json.loads(row["aliases"])
        keys = list(dict.fromkeys(name_key(a) for a in aliases))
        votes: dict[str, int] = {}
        for key in keys:
            for entity_type, entity in index.get(key, []):
                if _compatible(entity_type, row["type"], key):
                    votes[entity] = votes.get(entity, 0) + 1
        if not votes and row["type"] == "PERSON" and len(keys) == 1 and " " not in keys[0]:
            owners = surnames.get(keys[0], set())
            if len(owners) == 1:
                votes[next(iter(owners))] = 1
        if votes:
            entity_id = max(votes, key=lambda e: (votes[e], e))
            entity = canon.get(entity_id) or stored[entity_id]
        else:
            entity_id = _entity_id(row["type"], keys[0])
            entity = canon.get(entity_id) or stored.get(entity_id) or _Canonical(entity_id, row["name"], row["type"], new=True)
        canon[entity_id] = entity
        _merge_names(entity, row["name"], aliases)
        for key in keys:
            if (row["type"], entity_id) not in index.get(key, []):
                index.setdefault(key, []).append((row["type"], entity_id))
                new_keys.append({"key": key, "type": row["type"], "entity": entity_id})
            if row["type"] == "PERSON" and " " in key:
                surnames.setdefault(key.split()[-1], set()).add(entity_id)
        assignment.append((row["id"], entity_id))

    created = [e for e in canon.values() if e.new]
    store.insert("entities", [{"id": e.id, "name": e.name, "type": e.type, "aliases": dumps(e.aliases)} for e in created])
    for e in canon.values():
        if e.changed and not e.new:
            linking.rename_entity(store, e.id, e.name, dumps(e.aliases))
    store.insert("entity_keys", new_keys)
    store.update_column("local_entities", "entity", assignment)
    store.update_column("mentions", "entity", assignment, key="cluster")
    store.update_column("statements", "speaker", assignment, key="speaker_local")
    store.update_column("labels", "entity", assignment, key="entity_local")
    store.update_column("labels", "speaker", assignment, key="speaker_local")
    store.update_column("figures", "owner", assignment, key="owner_local")
    store.update_column("loaded_terms", "target", assignment, key="target_local")
    store.update_column("loaded_terms", "speaker", assignment, key="speaker_local")
    return len(created)


def _load_all(store: LedgerStore, entity_ids: set[str]) -> dict[str, _Canonical]:
    rows = linking.entities_by_id(store, sorted(entity_ids))
    return {row["id"]: _Canonical(row["id"], row["name"], row["type"], json.loads(row["aliases"])) for row in rows}


def _merge_names(entity: _Canonical, name: str, aliases: list[str]) -> None:
    for alias in aliases:
        if alias not in entity.aliases:
            entity.aliases.append(alias)
            entity.changed = True
    # The most complete name is the canonical one ("Nasser Kanaani", not "Kanaani").
    if len(name_key(name).split()) > len(name_key(entity.name).split()):
        entity.name = name
        entity.changed = True


def _person_surnames(store: LedgerStore, keys: set[str]) -> dict[str, set[str]]:
    single = [k for k in keys if " " not in k]
    if not single:
        return {}
    found: dict[str, set[str]] = {}
    for row in linking.person_keys_ending_with(store, single):
        found.setdefault(row["key"].split()[-1], set()).add(row["entity"])
    return found
