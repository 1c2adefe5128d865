"""Comparing stories: align each story's events and find its discrepancies.

What one story's comparison reads is loaded for many stories at once, one
query per table (``load_stories``): a query per story and table would scan
each table once per story, a cost that grows with the ledger rather than with
the stories being compared. Rows come in the order they were stored, so the
result does not depend on how stories are grouped. ``compare`` itself reads
nothing from the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..entity_types import ACTOR_TYPES
from ..link.events import align_events, effective_dates
from ..records import Discrepancy, Event, Figure, Incident, Mention, OngoingClaim, Statement, TimeValue
from ..store import comparing
from ..store import rows as R
from ..store.database import LedgerStore
from .discrepancies import find_discrepancies
from .figures import figure_discrepancies
from .incident import resolve_incident
from .internal import find_internal

# Stories loaded together: bounds the rows (article texts included) held at once.
STORIES_PER_LOAD = 256


@dataclass(slots=True)
class StoryRows:
    """Everything comparing one story reads."""

    articles: list[dict] = field(default_factory=list)  # id, text, published, duplicate_of, main_event
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    speakers: dict[str, str | None] = field(default_factory=dict)  # statement id → speaker name
    times: list[TimeValue] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    ongoing: list[OngoingClaim] = field(default_factory=list)  # states said to hold since some time
    entity_names: dict[str, str] = field(default_factory=dict)  # of the figures' owners


def load_stories(store: LedgerStore, stories: list[str]) -> dict[str, StoryRows]:
    """The rows of each of ``stories``, one query per table."""
    loaded = {story: StoryRows() for story in stories}
    for row in comparing.story_articles(store, stories):
        loaded[row.pop("story")].articles.append(row)
    for row in comparing.story_events(store, stories):
        loaded[row.pop("_story")].events.append(R.event_from_row(row))
    for row in comparing.story_statements(store, stories):
        rows = loaded[row.pop("_story")]
        rows.speakers[row["id"]] = row.pop("_speaker_name") or row["speaker_text"]
        rows.statements.append(R.statement_from_row(row))
    for row in comparing.story_times(store, stories):
        loaded[row.pop("_story")].times.append(TimeValue.from_dict(row))
    for row in comparing.story_mentions(store, stories):
        loaded[row.pop("_story")].mentions.append(Mention.from_dict(row))
    for row in comparing.story_ongoing_claims(store, stories):
        loaded[row.pop("_story")].ongoing.append(R.ongoing_claim_from_row(row))
    # Only figures that can be compared: those of an owner that is an actor.
    for row in comparing.story_figures(store, stories):
        rows = loaded[row.pop("_story")]
        name, owner_type = row.pop("_owner_name"), row.pop("_owner_type")
        if row["owner"] is None or owner_type not in ACTOR_TYPES:
            continue
        if name:
            rows.entity_names[row["owner"]] = name
        rows.figures.append(R.figure_from_row(row))
    return loaded


@dataclass(slots=True)
class Comparison:
    """What comparing stories gives: aligned ids by event, discrepancies, and each story's incident."""

    aligned: dict[str, str] = field(default_factory=dict)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    incidents: dict[str, Incident] = field(default_factory=dict)

    def update(self, other: "Comparison") -> None:
        self.aligned.update(other.aligned)
        self.discrepancies += other.discrepancies
        self.incidents.update(other.incidents)


def compare(story: str, rows: StoryRows) -> Comparison:
    """Align the story's events, resolve its incident and find its discrepancies (returned, not stored)."""
    aligned = align_events(story, rows.events)
    published = {a["id"]: a["published"] for a in rows.articles}
    duplicate_of = {a["id"]: a["duplicate_of"] for a in rows.articles}
    main_events = {a["id"]: a["main_event"] for a in rows.articles if a.get("main_event")}
    resolved = resolve_incident(rows.events, main_events, aligned, published, duplicate_of,
                                effective_dates(rows.events))
    result = Comparison(aligned)
    if resolved is not None:
        result.incidents[story] = resolved.incident
    # Figures, days and places are compared for the story's incident only: the background events an
    # article mentions in passing (an earlier shooting, last year's toll) are not what its sources dispute.
    incident_events = {resolved.aligned} if resolved is not None else set()
    found = find_discrepancies(story, rows.events, aligned, published=published, duplicate_of=duplicate_of,
                               speakers=rows.speakers, compared=incident_events,
                               main_events=set(main_events.values()))
    found += find_internal(
        story,
        texts={a["id"]: a["text"] for a in rows.articles},
        published=published,
        duplicate_of=duplicate_of,
        times=rows.times,
        mentions=rows.mentions,
        statements=rows.statements,
        speakers=rows.speakers,
        ongoing=rows.ongoing,
    )
    found += figure_discrepancies(story, rows.figures, published, duplicate_of, rows.speakers, rows.entity_names)
    result.discrepancies = found
    return result


def compare_stories(store: LedgerStore, stories: list[str],
                    before_each_load: Callable[[], None] | None = None) -> Comparison:
    """``compare`` over many stored stories, loaded ``STORIES_PER_LOAD`` at a time;
    ``before_each_load`` may raise to stop between loads (the engine's Ctrl-C check)."""
    result = Comparison()
    for start in range(0, len(stories), STORIES_PER_LOAD):
        if before_each_load is not None:
            before_each_load()
        group = stories[start:start + STORIES_PER_LOAD]
        for story, rows in load_stories(store, group).items():
            result.update(compare(story, rows))
    return result
