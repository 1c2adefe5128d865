"""Cross-article event alignment: one aligned event per incident of a story.

Reports of one incident rarely share a trigger ("raided", "clashes",
"killed"), so events are grouped by a coarse type family and their day. An
event without a date of its own takes the date of the closest dated event
before it in the same article (one that has a date of its own, of the same
family, ending at most ``_INHERIT_CHARS`` before it) — that is how "At least
two were killed" right after "police raided the camp on June 20" is tied to
June 20. Undated events that inherit nothing are aligned by event
coreference (``link/coref.py``) with the undated events of the story's other
articles: the same or a related trigger, or one word family ("killed" /
"murdered"), backed by shared participants or place; an event that matches
none stays alone.
"""

from __future__ import annotations

import hashlib
import re

from ..extract.events.lexicon import family
from ..records import Event
from . import coref

VERSION = "event-alignment.v3"

_INHERIT_CHARS = 200
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def effective_dates(events: list[Event]) -> dict[str, str | None]:
    """Each event's day: its own, or the closest earlier dated one of its article."""
    days: dict[str, str | None] = {}
    by_article: dict[str, list[Event]] = {}
    for event in events:
        by_article.setdefault(event.article, []).append(event)
    for article_events in by_article.values():
        article_events.sort(key=lambda e: e.start)
        dated: list[Event] = []
        for event in article_events:
            own = event.date if event.date and _DAY.match(event.date) else None
            days[event.id] = own
            if own:
                dated.append(event)
                continue
            near = [
                d for d in dated
                if family(d.type) == family(event.type) and 0 <= event.start - d.end <= _INHERIT_CHARS
            ]
            if near:
                days[event.id] = days[near[-1].id]
    return days


def event_mention(event: Event, story: str) -> coref.MentionFeatures:
    """A stored event as coreference sees it: what the events stage read of its trigger from the parse
    (``Event.coref``: the trigger's lemma, its arguments' heads, its sentence's places, dates and words),
    through ``coref.mention_of``, the function ``eval coref`` scores with.

    An event without it (built by hand, or stored before schema migration 9) offers its trigger as
    written, its agents and patients and its place.
    """
    if event.coref is not None:
        return coref.mention_of(event.coref, id=event.id, group=story, document=event.article)
    return coref.MentionFeatures(
        id=event.id, group=story, document=event.article, lemma=event.trigger.lower(),
        participants=frozenset(p.lower() for p in event.agents + event.patients),
        places=frozenset([event.place.lower()] if event.place else []),
    )


def align_events(story: str, events: list[Event]) -> dict[str, str]:
    """``{event id: aligned id}`` for every event of one story."""
    days = effective_dates(events)
    undated = [e for e in events if not days[e.id]]
    same_event = coref.cluster_mentions([event_mention(e, story) for e in undated], across_documents_only=True)
    aligned: dict[str, str] = {}
    for event in events:
        day = days[event.id]
        key = f"{story}|{family(event.type)}|{day}" if day else f"{story}|{same_event[event.id]}"
        aligned[event.id] = "ae_" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return aligned
