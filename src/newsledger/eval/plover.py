"""Event types and actors scored against PLOVER's gold standard records.

PLOVER_GSR_CAMEO.txt holds 323 records: one ``DOCUMENT`` record that only
documents the file, and 322 events, each with the sentence it was coded from,
its PLOVER type (``event``) and its ``source`` and ``target`` actors as
``actorText`` strings. The file is JSON with trailing commas; ``load_records``
reads it as such. It has no split: the only split is ``all``, and the rules
scored here are kept general (lexicon from PLOVER's and CAMEO's category
definitions, syntax rules), not fitted to single records.

Protocol (also in docs/evaluation.md):

* Each sentence is read as an article of its own and processed as
  ``newsledger ingest`` does it (``eval.shipped``); ``events.main_event``
  then picks the event the sentence is about: the typed event highest in the
  parse (fewest steps to the root, earlier first), else the main clause as an
  untyped event (type ``OTHER``). That is PLOVER's question, so the ledger's
  own ``articles.main_event`` is not what is scored: it is the incident a
  lead reports, a report of casualties or force first, which the ``incidents``
  task scores.
* ``type_accuracy``: share of the 322 records whose main event has the gold
  type; a sentence with no typed event counts as a miss. newsledger's types
  are PLOVER's own, so no mapping is applied.
* ``source_actor_f1`` / ``target_actor_f1``: mean, over the records that have
  at least one gold source (target) actor, of the token F1 between all the
  main event's agents (patients) and all the gold actors of that role, as
  bags of words (lower case, ``\\w+``, articles dropped: ``eval.token_f1``).
  A record without gold actors for a role is not scored for it; how often we
  name one anyway is in ``details`` (``spurious_*``).
* ``peers.baseline``: the most frequent gold type for every record (a prior
  read from the gold itself, which flatters it), the first named actor
  (PERSON, ORG, GPE, NORP) of the parse as source and the second as target.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..entity_types import ACTOR_TYPES
from ..errors import BenchmarkError
from ..options import Options
from ..records import Event
from . import EvalResult, ingested, shipped, token_f1

FILE_NAME = "PLOVER_GSR_CAMEO.txt"


@dataclass(slots=True)
class PloverRecord:
    """One gold event: its sentence, type and actors' texts."""

    id: str
    type: str
    text: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    date: str | None = None


def strip_trailing_commas(text: str) -> str:
    """Drop commas that close a JSON list or object (``[1, 2,]``), never inside strings.

    Newlines are kept, so a parse error's line number still points into the file.
    """
    out: list[str] = []
    in_string = escaped = False
    pending_comma: int | None = None  # index in ``out`` of a comma that may be trailing
    for char in text:
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in "]}" and pending_comma is not None:
            out[pending_comma] = ""
        if not char.isspace():
            pending_comma = None
        if char == ",":
            pending_comma = len(out)
        elif char == '"':
            in_string = True
        out.append(char)
    return "".join(out)


def load_records(folder: str | Path, limit: int | None = None) -> list[PloverRecord]:
    """The event records of the gold file, in file order (the DOCUMENT record left out)."""
    path = Path(folder)
    if path.is_dir():
        path = path / FILE_NAME
    if not path.is_file():
        raise BenchmarkError(str(path), f"PLOVER's {FILE_NAME} is missing")
    try:
        raw = json.loads(strip_trailing_commas(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise BenchmarkError(f"{path}:{exc.lineno}", f"not readable as JSON at column {exc.colno}: {exc.msg}",
                             hint="check the record at that line (only trailing commas are tolerated)") from None
    if not isinstance(raw, list):
        raise BenchmarkError(str(path), "expected a list of event records")
    records = []
    for item in raw:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        records.append(PloverRecord(
            id=str(item.get("id", len(records))),
            type=str(item["event"]),
            text=" ".join(str(item["text"]).split()),
            sources=_actor_texts(item.get("source")),
            targets=_actor_texts(item.get("target")),
            date=item.get("date") or None,
        ))
        if limit is not None and len(records) >= limit:
            break
    return records


def _actor_texts(value: object) -> list[str]:
    # Actors come as a list of {"actorText": ...}; a missing role is absent, None or "".
    if not isinstance(value, list):
        return []
    texts = (str(a.get("actorText", "")).strip() for a in value if isinstance(a, dict))
    return [t for t in texts if t]


@dataclass(slots=True)
class ActorScore:
    """Mean token F1 over the records that name gold actors for one role."""

    total: float = 0.0
    scored: int = 0
    spurious: int = 0  # records with no gold actor where the system named one

    def add(self, system: Iterable[str], gold: Iterable[str]) -> None:
        system_text, gold_text = " ".join(system), " ".join(gold)
        if not gold_text:
            self.spurious += bool(system_text)
            return
        self.total += token_f1(system_text, gold_text)
        self.scored += 1

    @property
    def mean(self) -> float:
        return self.total / self.scored if self.scored else 0.0


@dataclass(slots=True)
class Scorer:
    """Type hits and actor scores of one system over the records."""

    hits: int = 0
    records: int = 0
    source: ActorScore = field(default_factory=ActorScore)
    target: ActorScore = field(default_factory=ActorScore)
    confusions: Counter = field(default_factory=Counter)

    def add(self, record: PloverRecord, event_type: str | None, agents: list[str], patients: list[str]) -> None:
        self.records += 1
        self.hits += event_type == record.type
        if event_type != record.type:
            self.confusions[(record.type, event_type or "none")] += 1
        self.source.add(agents, record.sources)
        self.target.add(patients, record.targets)

    def metrics(self) -> dict[str, float]:
        return {
            "type_accuracy": self.hits / self.records if self.records else 0.0,
            "source_actor_f1": self.source.mean,
            "target_actor_f1": self.target.mean,
        }


def system_answer(event: Event | None) -> tuple[str | None, list[str], list[str]]:
    """The type (None when untyped) and actors our main event gives."""
    from ..extract.events import UNTYPED

    if event is None:
        return None, [], []
    return (None if event.type == UNTYPED else event.type), event.agents, event.patients


def baseline_actors(doc) -> tuple[list[str], list[str]]:
    """First named actor as source, second as target."""
    names = [e.text for e in doc.ents if e.label_ in ACTOR_TYPES]
    return names[:1], names[1:2]


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    from ..extract.events import main_event

    if split != "all":
        raise ValueError(f"PLOVER has no split {split!r}; it has all")
    records = load_records(folder, limit)
    majority = Counter(r.type for r in records).most_common(1)[0][0] if records else None
    ours, baseline = Scorer(), Scorer()
    failures: list[str] = []
    untyped = 0
    articles = [ingested(r.text, r.id, published=r.date)[0] for r in records]
    for record, (_, ctx, failure) in zip(records, shipped(articles, options), strict=True):
        if failure:
            failures.append(failure)
        event = main_event(ctx) if ctx else None
        event_type, agents, patients = system_answer(event)
        untyped += event is not None and event_type is None
        ours.add(record, event_type, agents, patients)
        baseline.add(record, majority, *(baseline_actors(ctx.doc) if ctx else ([], [])))

    peers = {"baseline": baseline.metrics() | {"type": f"majority type ({majority}) + first/second named actor"}}
    details = {
        "records": len(records),
        "untyped_main_events": untyped,
        "source_scored": ours.source.scored, "target_scored": ours.target.scored,
        "spurious_source": ours.source.spurious, "spurious_target": ours.target.spurious,
        "top_confusions": [f"{gold}->{got}: {n}" for (gold, got), n in ours.confusions.most_common(12)],
    }
    return EvalResult("events", split, len(records), ours.metrics(), peers, details, failures)
