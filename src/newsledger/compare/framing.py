"""How each source labels each actor, side by side: per outlet, per voice.

The rows come from the ``labels`` table (extract/framing.py finds them) and
the ``loaded_terms`` table (extract/loaded.py); this module only groups them,
and finds the speakers whose own quoted words name an actor without labelling
it, so a reader sees the absence as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FramingRow", "LoadedRow", "framing_rows", "loaded_rows", "unlabelled_quotes"]


@dataclass(slots=True)
class FramingRow:
    """The labels one source applies to one entity in one voice."""

    entity: str | None
    entity_name: str
    source: str  # the outlet, else the article id
    voice: str  # narrator, quoted, reported
    speaker: str | None  # who speaks in quoted/reported voice
    labels: dict[str, int] = field(default_factory=dict)  # label -> times used
    articles: list[str] = field(default_factory=list)
    evidence: list[tuple[str, int, int]] = field(default_factory=list)  # (article, start, end)


def framing_rows(labels: Iterable[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]],
                 entity_names: Mapping[str, str]) -> list[FramingRow]:
    """Group label rows by entity, source, voice and speaker, in a stable order."""
    rows: dict[tuple, FramingRow] = {}
    for label in labels:
        article = articles.get(label["article"], {})
        source = article.get("outlet") or label["article"]
        speaker = entity_names.get(label.get("speaker")) or label.get("speaker_text")
        name = entity_names.get(label["entity"]) or label["entity_text"]
        key = (label["entity"] or name, source, label["voice"], speaker)
        row = rows.get(key)
        if row is None:
            row = rows[key] = FramingRow(label["entity"], name, source, label["voice"], speaker)
        row.labels[label["label"]] = row.labels.get(label["label"], 0) + 1
        if label["article"] not in row.articles:
            row.articles.append(label["article"])
        row.evidence.append((label["article"], label["start"], label["end"]))
    voice_order = {"narrator": 0, "reported": 1, "quoted": 2}
    return sorted(rows.values(), key=lambda r: (r.entity_name, r.source, voice_order.get(r.voice, 3), r.speaker or ""))


@dataclass(slots=True)
class LoadedRow:
    """The loaded words one source uses in one voice about one target (or about no named entity)."""

    source: str  # the outlet, else the article id
    voice: str  # narrator, quoted, reported
    speaker: str | None  # who speaks in quoted/reported voice
    target: str | None  # entity id
    target_name: str | None  # the entity's name, else the words naming the target
    terms: dict[str, int] = field(default_factory=dict)  # lemma -> times used
    categories: dict[str, int] = field(default_factory=dict)  # category -> times used
    articles: list[str] = field(default_factory=list)
    evidence: list[tuple[str, int, int]] = field(default_factory=list)  # (article, start, end)


def loaded_rows(terms: Iterable[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]],
                entity_names: Mapping[str, str]) -> list[LoadedRow]:
    """Group loaded-term rows by source, voice, speaker and target entity, in a stable order: the
    outlet's own words first, then its paraphrases, then quotations; targets by name, none last."""
    rows: dict[tuple, LoadedRow] = {}
    for term in terms:
        article = articles.get(term["article"], {})
        source = article.get("outlet") or term["article"]
        speaker = entity_names.get(term.get("speaker")) or term.get("speaker_text")
        target = term.get("target")
        name = (entity_names.get(target) or term.get("target_text")) if target else None
        key = (source, term["voice"], speaker, target)
        row = rows.get(key)
        if row is None:
            row = rows[key] = LoadedRow(source, term["voice"], speaker, target, name)
        row.terms[term["lemma"]] = row.terms.get(term["lemma"], 0) + 1
        row.categories[term["category"]] = row.categories.get(term["category"], 0) + 1
        if term["article"] not in row.articles:
            row.articles.append(term["article"])
        row.evidence.append((term["article"], term["start"], term["end"]))
    voice_order = {"narrator": 0, "reported": 1, "quoted": 2}
    return sorted(rows.values(), key=lambda r: (r.source, voice_order.get(r.voice, 3), r.speaker or "",
                                                r.target is None, r.target_name or ""))


def unlabelled_quotes(entity: str, statements: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]],
                      labels: Iterable[Mapping[str, Any]]) -> dict[str | None, int]:
    """Speakers whose direct quotes name ``entity`` yet give it no label, with how many such quotes."""
    named_in: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        if mention["entity"] == entity:
            named_in.setdefault(mention["article"], []).append((mention["start"], mention["end"]))
    labelled = {(label["article"], label["statement"]) for label in labels if label["entity"] == entity and label["voice"] == "quoted"}
    silent: dict[str | None, int] = {}
    for statement in statements:
        if statement["kind"] != "direct" or (statement["article"], statement["id"]) in labelled:
            continue
        start, end = statement.get("content_start"), statement.get("content_end")
        spans = named_in.get(statement["article"], [])
        if start is not None and any(start <= s and e <= end for s, e in spans):
            speaker = statement.get("speaker") or statement.get("speaker_text")
            silent[speaker] = silent.get(speaker, 0) + 1
    return silent
