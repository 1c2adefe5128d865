"""A story's timeline: its dated events and statements in date order, with their sources.

Only records that carry a calendar date of their own are placed ("on June 20",
"on Wednesday" resolved to a day, "in 2014"); an event that alignment merely
ties to a dated one, durations and "currently" are left out, so every date on
the timeline has words in an article behind it.

- Events: the reports of one aligned incident on one date are one entry, with
  one source per report ("raided" in one article and "clashes" in another).
- Statements: one entry per speaker and date, so the same tweets reported by
  two articles are one entry with two sources; statements without an
  identified speaker stay apart.

Near-duplicates are left out: a copy is not a second source. Entries are
ordered by date, a year before its months and days ("2023" before
"2023-06-20"), then events before statements, then by article and offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from ..records import Article, Event, Record, Statement

VERSION = "timeline.v1"
# Calendar TimeML values: a year, a month or a day (not "PXY", "PRESENT_REF", "198").
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MAX_LABELS = 3
_CONTENT_CHARS = 160

TimelineKind = Literal["event", "statement"]


@dataclass(slots=True)
class TimelineSource(Record):
    """One report behind a timeline entry, with its evidence span."""

    article: str
    record: str  # the event or statement id
    start: int
    end: int
    text: str  # the trigger ("raided") or the cue ("explained")
    source: str  # "narrator" or the id of the statement that reports it
    speaker: str | None = None  # who speaks when the source is a statement
    outlet: str | None = None
    date_text: str | None = None  # the words that date it ("Tuesday")


@dataclass(slots=True)
class TimelineEntry(Record):
    """Something that happened or was said on a date, and every report of it."""

    story: str
    date: str  # TimeML calendar value: 2023-06-20, 2023-06 or 2023
    kind: TimelineKind
    what: str  # 'COERCE “raided”; FIGHT “clashes”' or 'Nasser Kanaani explained: “…”'
    sources: list[TimelineSource] = field(default_factory=list)
    event: str | None = None  # the aligned event id
    speaker: str | None = None  # who made the statement (entity id, else the words naming them)
    nested: ClassVar[dict[str, Any]] = {"sources": (TimelineSource,)}


def is_calendar_date(value: str | None) -> bool:
    return bool(value and _CALENDAR.match(value))


def build_timeline(
    story: str,
    articles: Iterable[Article],
    events: Iterable[Event],
    statements: Iterable[Statement],
    names: Mapping[str, str] | None = None,
) -> list[TimelineEntry]:
    """The timeline of one story from its records; ``names`` maps entity id → name."""
    names = names or {}
    articles = list(articles)
    members = {a.id: a for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    copies = {a.id for a in articles if a.duplicate_of in members}
    statements = [s for s in statements if s.article in members and s.article not in copies]
    by_id = {s.id: s for s in statements}

    def speaker_of(statement: Statement) -> str | None:
        return names.get(statement.speaker or "") or statement.speaker_text

    def source_of(record: Event | Statement, text: str, source: str, date_text: str | None = None) -> TimelineSource:
        reporter = by_id.get(source)
        return TimelineSource(
            article=record.article,
            record=record.id,
            start=record.start,
            end=record.end,
            text=text,
            source=source,
            speaker=speaker_of(reporter) if reporter else None,
            outlet=members[record.article].outlet,
            date_text=date_text,
        )

    entries: dict[tuple, TimelineEntry] = {}
    labels: dict[tuple, list[str]] = {}
    for event in sorted(events, key=lambda e: (order.get(e.article, 0), e.start)):
        if event.article not in members or event.article in copies or not is_calendar_date(event.date):
            continue
        key = ("event", event.aligned or event.id, event.date)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = TimelineEntry(story, event.date, "event", "", event=event.aligned)
        entry.sources.append(source_of(event, event.trigger, event.source, event.date_text))
        label = f"{event.type} “{event.trigger}”"
        if label not in labels.setdefault(key, []):
            labels[key].append(label)
    for key, entry in entries.items():
        shown = labels[key][:_MAX_LABELS]
        entry.what = "; ".join(shown) + ("; …" if len(labels[key]) > _MAX_LABELS else "")

    for statement in sorted(statements, key=lambda s: (order[s.article], s.start)):
        if not is_calendar_date(statement.date):
            continue
        who = statement.speaker or statement.id  # an unidentified speaker is nobody else
        key = ("statement", who, statement.date)
        entry = entries.get(key)
        if entry is None:
            content = shorten(statement.content, _CONTENT_CHARS)
            mode = "" if statement.mode == "speech" else f" ({statement.mode})"
            what = f"{speaker_of(statement) or 'unknown speaker'}{mode} {statement.cue}: “{content}”"
            entry = entries[key] = TimelineEntry(story, statement.date, "statement", what,
                                                 speaker=statement.speaker or statement.speaker_text)
        entry.sources.append(source_of(statement, statement.cue, statement.id))

    def position(entry: TimelineEntry) -> tuple:
        first = entry.sources[0]
        return (_date_key(entry.date), entry.kind != "event", order[first.article], first.start)

    return sorted(entries.values(), key=position)


def story_timelines(
    stories: Iterable[Mapping[str, Any]],
    articles: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    statements: Iterable[Mapping[str, Any]],
    entities: Iterable[Mapping[str, Any]],
) -> list[TimelineEntry]:
    """Every story's timeline, from export records (dicts), stories in the order given."""
    names = {e["id"]: e["name"] for e in entities}
    by_id = {a["id"]: Article.from_dict(a) for a in articles}
    story_of = {article: story["id"] for story in stories for article in story["articles"]}
    grouped: dict[str, tuple[list, list]] = {}
    for kind, records, build in ((0, events, Event.from_dict), (1, statements, Statement.from_dict)):
        for record in records:
            story = story_of.get(record["article"])
            if story is not None:
                grouped.setdefault(story, ([], []))[kind].append(build(record))
    timeline: list[TimelineEntry] = []
    for story in stories:
        story_events, story_statements = grouped.get(story["id"], ([], []))
        members = [by_id[a] for a in story["articles"] if a in by_id]
        timeline += build_timeline(story["id"], members, story_events, story_statements, names)
    return timeline


def _date_key(value: str) -> tuple[int, int, int]:
    year, month, day = _CALENDAR.match(value).groups()
    return int(year), int(month or 0), int(day or 0)


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
