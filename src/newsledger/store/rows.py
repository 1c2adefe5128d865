"""Records ↔ table rows. JSON text for lists, flat columns for figures."""

from __future__ import annotations

import json
from typing import Any

from ..records import (
    Article,
    Discrepancy,
    Event,
    Figure,
    Label,
    LoadedTerm,
    Evidence,
    Furniture,
    Incident,
    LocalEntity,
    Mention,
    Quantity,
    Statement,
    TimeValue,
)

_QUANTITY_PARTS = ("min", "max", "text", "start", "end", "qualifier", "perpetrators")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def article_row(article: Article, seq: int, words: int, minhash: bytes | None, terms: list[str], extractors: str) -> dict:
    return {
        "id": article.id,
        "seq": seq,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "published_source": article.published_source,
        "published_confidence": article.published_confidence,
        "published_evidence": dumps([e.as_dict() for e in article.published_evidence]),
        "language": article.language,
        "text": article.text,
        "words": words,
        "minhash": minhash,
        "terms": dumps(terms),
        "duplicate_of": article.duplicate_of,
        "story": article.story,
        "extractors": extractors,
        "furniture": dumps([f.as_dict() for f in article.furniture]),
        "main_event": article.main_event,
        "summary_only": article.summary_only,
    }


def article_from_row(row: dict) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        published_source=row["published_source"],
        published_confidence=row["published_confidence"],
        published_evidence=[Evidence.from_dict(e) for e in json.loads(row["published_evidence"])],
        language=row["language"] or "en",
        duplicate_of=row["duplicate_of"],
        story=row["story"],
        furniture=[Furniture.from_dict(f) for f in json.loads(row.get("furniture") or "[]")],
        main_event=row.get("main_event"),
        summary_only=bool(row.get("summary_only")),
    )


def incident_value(incident: Incident) -> str:
    """A story's incident as its ``stories.incident`` cell."""
    return dumps(incident.as_dict())


def incident_from_cell(cell: str | None) -> dict | None:
    """``stories.incident`` as the export's dict (None when the story has no incident)."""
    return json.loads(cell) if cell else None


def mention_row(m: Mention) -> dict:
    return {"article": m.article, "start": m.start, "end": m.end, "text": m.text, "type": m.type, "cluster": m.cluster, "entity": m.entity}


def local_entity_row(e: LocalEntity) -> dict:
    return {"id": e.id, "article": e.article, "name": e.name, "type": e.type, "aliases": dumps(e.aliases), "entity": None}


def time_row(t: TimeValue) -> dict:
    return t.as_dict()


def statement_row(s: Statement) -> dict:
    row = s.as_dict()
    # Until linking, the speaker is the article-local entity id.
    row["speaker_local"] = row.pop("speaker")
    row["speaker"] = None
    row["assumptions"] = dumps(s.assumptions)
    return row


def statement_from_row(row: dict) -> Statement:
    data = dict(row)
    data.pop("speaker_local", None)
    data["assumptions"] = json.loads(data["assumptions"])
    return Statement.from_dict(data)


def label_row(label: Label) -> dict:
    row = label.as_dict()
    # Until linking, entity and speaker are article-local entity ids.
    row["entity_local"], row["entity"] = row.pop("entity"), None
    row["speaker_local"], row["speaker"] = row.pop("speaker"), None
    return row


def label_from_row(row: dict) -> Label:
    return Label.from_dict(row)  # the local ids are not part of the record


def loaded_term_row(term: LoadedTerm) -> dict:
    row = term.as_dict()
    # Until linking, target and speaker are article-local entity ids.
    row["target_local"], row["target"] = row.pop("target"), None
    row["speaker_local"], row["speaker"] = row.pop("speaker"), None
    return row


def loaded_term_from_row(row: dict) -> LoadedTerm:
    return LoadedTerm.from_dict(row)  # the local ids are not part of the record


def figure_row(f: Figure) -> dict:
    row = f.as_dict()
    quantity = row.pop("quantity")
    row["owner_local"], row["owner"] = row.pop("owner"), None  # a local entity id until linking
    row.update(min=quantity["min"], max=quantity["max"], qualifier=quantity["qualifier"],
               figure_text=quantity["text"], figure_start=quantity["start"], figure_end=quantity["end"])
    return row


def figure_from_row(row: dict) -> Figure:
    quantity = Quantity(row["min"], row["max"], row["figure_text"], row["figure_start"], row["figure_end"],
                        row["qualifier"])
    return Figure.from_dict({**row, "quantity": quantity})


def event_row(e: Event) -> dict:
    row = e.as_dict()
    for facet in ("killed", "injured"):
        quantity = row.pop(facet) or {}
        for part in _QUANTITY_PARTS:
            row[f"{facet}_{part}"] = quantity.get(part)
    row["agents"] = dumps(e.agents)
    row["patients"] = dumps(e.patients)
    row["coref"] = None if e.coref is None else dumps(row["coref"])
    return row


def event_from_row(row: dict) -> Event:
    data = {k: v for k, v in row.items() if not k.startswith(("killed_", "injured_"))}
    data["agents"] = json.loads(data["agents"])
    data["patients"] = json.loads(data["patients"])
    data["coref"] = None if data.get("coref") is None else json.loads(data["coref"])
    for facet in ("killed", "injured"):
        if row.get(f"{facet}_text") is not None:
            data[facet] = Quantity(**{part: row[f"{facet}_{part}"] for part in _QUANTITY_PARTS})
    return Event.from_dict(data)


def discrepancy_row(d: Discrepancy) -> dict:
    row = d.as_dict()
    row["claims"] = dumps(row["claims"])
    return row


def discrepancy_from_row(row: dict) -> Discrepancy:
    data = dict(row)
    data["claims"] = json.loads(data["claims"])
    return Discrepancy.from_dict(data)


from ..records import OngoingClaim  # noqa: E402  (its rows were added after the list above)

_ONGOING_LISTS = ("subject_names", "object_names", "object_words")


def ongoing_claim_row(claim: OngoingClaim) -> dict:
    row = claim.as_dict()
    for key in _ONGOING_LISTS:
        row[key] = dumps(row[key])
    return row


def ongoing_claim_from_row(row: dict) -> OngoingClaim:
    data = dict(row)
    for key in _ONGOING_LISTS:
        data[key] = json.loads(data[key])
    return OngoingClaim.from_dict(data)
