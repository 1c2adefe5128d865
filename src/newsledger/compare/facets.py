"""Discrepancies on the facet that is not a figure: the date of the story's incident.

The reports of one aligned event are compared pairwise, across articles only
(an article's own wording of one event varies too much to call it a
contradiction), only between reports of the same event type (an alignment
that joined an agreement to a raid must not yield a contradiction), and
near-duplicates speak with their original's voice. Dates are TimeML values;
one inside the other ("2023-06" and "2023-06-20") is ``precision``, two
days more than a day apart a ``conflict`` (next days are no discrepancy:
a shooting past midnight, or a lead dated by when the police spoke).

Places and perpetrators were compared too, by the names they hold, until a
judged sample of real news (gva-longtail dev, docs/evaluation.md) found
nearly every such discrepancy false: a street taken for a town, the victim's
home town, an agency's name, "Quincy" against "Quincy, Washington". Each
article's place for the incident is shown with the incident instead
(``stories[].incident.claims``), where a reader sees them side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from ..extract.timenorm import days_between
from ..records import Claim, Event

TEXT_FACETS = ("date",)
_SEVERITY = {"precision": 1, "conflict": 3}


def facet_value(event: Event, facet: str) -> str | None:
    return event.date if event.date and event.date[:1].isdigit() else None


def date_relation(a: str, b: str) -> str | None:
    if a == b or _next_days(a, b):
        return None
    if a.startswith(b) or b.startswith(a):
        return "precision"
    return "conflict"


def _next_days(a: str, b: str) -> bool:
    """Two days in a row: a shooting past midnight, or a lead dated by when the police spoke, more often
    our reading of the day than sources that disagree about it."""
    gap = days_between(a, b)
    return gap is not None and abs(gap) == 1


RELATIONS: dict[str, Callable[[str, str], str | None]] = {"date": date_relation}


def facet_claims(facet: str, members: list[Event], published: dict[str, str | None],
                 duplicate_of: dict[str, str | None], speakers: dict[str, str | None]) -> list[Claim]:
    """One claim per source article and value; the event's span is the evidence. None when
    the reports are of different types."""
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    types = {e.type for e in members}
    if len(types) != 1:
        return claims
    for event in sorted(members, key=lambda e: (published.get(e.article) or "", e.article, e.start)):
        value = facet_value(event, facet)
        origin = duplicate_of.get(event.article) or event.article
        if value is None or (origin, value) in seen:
            continue
        seen.add((origin, value))
        claims.append(Claim(
            article=event.article, value=value, text=event.date_text if facet == "date" and event.date_text else value,
            source=event.source, speaker=speakers.get(event.source), start=event.start, end=event.end,
            published=published.get(event.article),
        ))
    return claims


def facet_kind(facet: str, claims: list[Claim], duplicate_of: dict[str, str | None]) -> str | None:
    """The most severe relation between claims of different source articles, or None."""
    relate = RELATIONS[facet]
    worst: str | None = None
    for a, b in combinations(claims, 2):
        if (duplicate_of.get(a.article) or a.article) == (duplicate_of.get(b.article) or b.article):
            continue
        kind = relate(a.value, b.value)
        if kind and (worst is None or _SEVERITY[kind] > _SEVERITY[worst]):
            worst = kind
    return worst
