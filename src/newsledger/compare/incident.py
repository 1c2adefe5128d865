"""A story's incident: the day, place and tolls its articles report, each resting on named claims.

The incident is the aligned event (``link.events``) with the most reports
that are an article's main event (``extract.main_event``) or give a casualty
figure (the lead of a follow-up may be a reaction, its toll further down);
an article whose main event has no day, or a day next to the incident's,
joins it when its place does not contradict the incident's. Background
events of the articles (an earlier shooting, last year's toll) align
elsewhere and are not the incident.

Its facts, from its reports, near-duplicates folded into their original:

- ``date``: the aligned event's day;
- ``place``: the place most main events give ("Gainesville, Florida"),
  the earliest report's on a tie;
- ``killed`` and ``injured``: the figure of the latest report; among the
  reports of that day, the one most reports give, then the higher (a toll
  rises as the wounded die). A figure an article states answers before a
  count of the victims a lead names (``named``: at least that many). Every
  report's figure stays in ``claims``, in publication order: the
  progression.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..extract.timenorm import days_between
from ..extract.victims import NAMED
from ..records import Event, FactClaim, Incident, Quantity

FIGURE_FACETS = ("killed", "injured")
# How many days a main event's day may lie from the incident's and still report it.
NEAR_DAYS = 1


@dataclass(slots=True)
class StoryIncident:
    """The incident and the aligned id its reports share (undated main events are moved into it)."""

    incident: Incident
    aligned: str


def resolve_incident(
    events: list[Event],
    main_events: dict[str, str],
    aligned: dict[str, str],
    published: dict[str, str | None],
    duplicate_of: dict[str, str | None],
    days: dict[str, str | None],
) -> StoryIncident | None:
    """The story's incident, or None when no article has a main event.

    ``main_events`` maps article → its main event id; ``days`` maps event id → its
    (possibly inherited) day. Realigns, in ``aligned``, the undated main events that join it.
    """
    by_id = {e.id: e for e in events}
    mains = {article: by_id[event] for article, event in main_events.items() if event in by_id}
    if not mains:
        return None

    def origin(article: str) -> str:
        return duplicate_of.get(article) or article

    reporting: dict[str, set[str]] = {}
    with_figures: dict[str, set[str]] = {}
    for article, event in mains.items():
        reporting.setdefault(aligned[event.id], set()).add(origin(article))
    for event in events:
        if event.killed or event.injured:
            with_figures.setdefault(aligned[event.id], set()).add(origin(event.article))
    candidates = set(reporting) | set(with_figures)
    group = min(candidates, key=lambda g: (-len(reporting.get(g, ())) - len(with_figures.get(g, ())), g))
    members = [e for e in events if aligned[e.id] == group]
    place = _place([e for e in members if mains.get(e.article) is e], published) or _place(members, published)
    incident_day = next((days[e.id] for e in members if days.get(e.id)), None)
    for article, event in mains.items():
        joins = (aligned[event.id] != group and _day_agrees(days.get(event.id), incident_day)
                 and not any(m.article == article for m in members) and _place_agrees(event.place, place))
        if joins:
            aligned[event.id] = group
            members.append(event)
    date = next((days[e.id] for e in members if days.get(e.id)), None)
    incident = Incident(date=date, place=place)
    for event in sorted(members, key=lambda e: (published.get(e.article) or "", e.article, e.start)):
        is_main = mains.get(event.article) is event
        if is_main and event.date:
            incident.claims.append(_claim("date", event, event.date, event.date_text, published))
        if is_main and event.place:
            incident.claims.append(_claim("place", event, event.place, event.place, published))
    for facet in FIGURE_FACETS:
        claims = _figure_claims(facet, members, published, origin)
        incident.claims += claims
        setattr(incident, facet, _answer(facet, members, claims))
    return StoryIncident(incident, group)


def _day_agrees(day: str | None, incident_day: str | None) -> bool:
    """No day, or one a day from the incident's: a lead's day is often when the police spoke ("charged
    a man ... Virginia State Police announced Monday"), not when the shots were fired."""
    if day is None:
        return True
    gap = days_between(incident_day, day)
    return gap is not None and abs(gap) <= NEAR_DAYS


def _claim(facet: str, event: Event, value, text: str | None, published: dict[str, str | None],
           quantity: Quantity | None = None) -> FactClaim:
    start, end = (quantity.start, quantity.end) if quantity is not None else (event.start, event.end)
    return FactClaim(facet=facet, article=event.article, value=value, text=text, source=event.source, event=event.id,
                     start=start, end=end, published=published.get(event.article))


def _figure_claims(facet: str, members: list[Event], published: dict[str, str | None], origin) -> list[FactClaim]:
    """One claim per original report and range, in publication order."""
    claims, seen = [], set()
    for event in sorted(members, key=lambda e: (published.get(e.article) or "", e.article, e.start)):
        quantity: Quantity | None = getattr(event, facet)
        if quantity is None:
            continue
        key = (origin(event.article), quantity.min, quantity.max)
        if key in seen:
            continue
        seen.add(key)
        value = {"min": quantity.min, "max": quantity.max, "qualifier": quantity.qualifier}
        claims.append(_claim(facet, event, value, quantity.text, published, quantity))
    return claims


def _answer(facet: str, members: list[Event], claims: list[FactClaim]) -> Quantity | None:
    # A figure an article states answers before a count of the victims a lead names (at least that many).
    claims = [c for c in claims if c.value["qualifier"] != NAMED] or claims
    if not claims:
        return None
    latest = max(c.published or "" for c in claims)
    support = Counter((c.value["min"], c.value["max"]) for c in claims)
    best = max((c for c in claims if (c.published or "") == latest),
               key=lambda c: (support[c.value["min"], c.value["max"]], c.value["min"] or 0))
    event = next(e for e in members if e.id == best.event)
    return getattr(event, facet)


def _place(mains: list[Event], published: dict[str, str | None]) -> str | None:
    places = [e.place for e in sorted(mains, key=lambda e: (published.get(e.article) or "", e.article)) if e.place]
    if not places:
        return None
    counts = Counter(places)
    return max(places, key=lambda p: (counts[p], -places.index(p)))


def _place_agrees(place: str | None, incident_place: str | None) -> bool:
    """Unknown on either side agrees; otherwise the same city (the part before the comma)."""
    if not place or not incident_place:
        return True
    return place.split(",")[0].strip().lower() == incident_place.split(",")[0].strip().lower()
