"""An article's main event: the incident its headline and lead report, with its day, place and tolls.

The lead is the article's first ``LEAD_SENTENCES`` sentences that hold words
(page furniture is blanked before parsing). The main event is the lead's
first event that carries a casualty figure, else its first use of force
(an attack, a shooting, a raid); else what ``events.main_event`` reads off
the lead (its typed event highest in the parse, else the main clause as an
untyped event, which is then stored with the others).

The opening often spreads one incident over several clauses and sentences
("One person was killed ... after two men opened fire ... Around 5 p.m.
Friday, ..."), so the main event takes what it lacks from the article's
first ``NEAR_SENTENCES`` sentences, each with its evidence:

- its day: its own (a calendar day), else that of the first event of the
  same family dated to a day, else the first time expression anchored to a
  day; never a day after the article's publication (a funeral "on
  Saturday" is not the incident);
- its place: the dateline ("GAINESVILLE, Fla. —"), else the first city
  named, written "City, State" (``places``);
- its tolls: the first killed and injured figures of the events of the same
  family.

``articles.main_event`` names it; ``compare.incident`` builds each story's
incident from its articles' main events.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..records import Event, Mention, TimeValue
from . import ArticleContext, Stage
from .events import UNTYPED, main_event
from .places import Place, find_dateline, state_name, standalone_state, city_name

VERSION = "main-event.v1"
LEAD_SENTENCES = 3
# How far the main event's day and tolls are looked for: a lead often gives the day a few sentences on.
NEAR_SENTENCES = 6

# Families of event types that report one violent incident in different words (as link/events aligns them).
_FORCE = {"ASSAULT", "FIGHT", "COERCE", "MOBILIZE"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CITY_TYPES = {"GPE"}
# "Fla." after "Gainesville, " and the like: a state right after a city.
_STATE_AFTER = re.compile(r"\s*,\s*([A-Z][A-Za-z.]{1,13}(?:\s[A-Z][a-z.]{1,10})?)")


def lead_sentences(ctx: ArticleContext, count: int = LEAD_SENTENCES) -> list[Span]:
    """The first ``count`` sentences that hold a word."""
    lead = []
    for sentence in ctx.doc.sents:
        if any(t.is_alpha for t in sentence):
            lead.append(sentence)
            if len(lead) == count:
                break
    return lead


def find_main_event(ctx: ArticleContext) -> None:
    lead = lead_sentences(ctx)
    if not lead:
        return
    lead_end = lead[-1].end_char
    in_lead = [e for e in ctx.events if e.start < lead_end]
    event = (next((e for e in in_lead if e.killed or e.injured), None)
             or next((e for e in in_lead if e.type in _FORCE), None))
    if event is None:
        event = main_event(ctx, lead)
        if event is None:
            return
        if event.type == UNTYPED and all(e.id != event.id for e in ctx.events):
            ctx.events.append(event)
    near_end = lead_sentences(ctx, NEAR_SENTENCES)[-1].end_char
    _complete(ctx, event, [e for e in ctx.events if e.start < near_end])
    ctx.article.main_event = event.id


def _family(event: Event) -> str:
    return "force" if event.type in _FORCE else event.type


def _complete(ctx: ArticleContext, event: Event, in_lead: list[Event]) -> None:
    """Fill what the main event lacks from the events of the opening (see the module's docstring)."""
    published = ctx.article.published
    kin = [e for e in in_lead if e is not event and _family(e) == _family(event)]
    if not _is_day(event.date, published):
        dated = next((e for e in kin if _is_day(e.date, published)), None)
        if dated is not None:
            event.date, event.date_text = dated.date[:10], dated.date_text
        else:
            time = _first_day(ctx.times, _lead_end(in_lead, event), published)
            event.date, event.date_text = (time.value[:10], time.text) if time else (None, None)
    else:
        event.date = event.date[:10]
    place = find_dateline(ctx.article.text) or _first_city(ctx, _lead_end(in_lead, event))
    if place is not None:
        event.place = place.label()
    for facet in ("killed", "injured"):
        if getattr(event, facet) is None:
            carrier = next((e for e in kin if getattr(e, facet) is not None), None)
            if carrier is not None:
                setattr(event, facet, getattr(carrier, facet))


def _lead_end(in_lead: list[Event], event: Event) -> int:
    return max([e.end for e in in_lead] + [event.end])


def _is_day(value: str | None, published: str | None) -> bool:
    return bool(value and _DAY.match(value) and (published is None or value[:10] <= published))


def _first_day(times: list[TimeValue], before: int, published: str | None) -> TimeValue | None:
    for time in sorted(times, key=lambda t: t.start):
        if time.start < before and time.type in {"DATE", "TIME"} and _is_day(time.value, published):
            return time
    return None


def _first_city(ctx: ArticleContext, before: int) -> Place | None:
    """The lead's first city (a place name that is no state), with the state after it or named elsewhere."""
    text = ctx.article.text
    cities = [m for m in ctx.mentions if m.type in _CITY_TYPES and m.start < before and not _is_state_or_country(m)]
    if not cities:
        return None
    city = min(cities, key=lambda m: m.start)
    following = _STATE_AFTER.match(text, city.end)
    state = state_name(following.group(1)) if following else None
    name = city_name(city.text)
    state = state or standalone_state(name) or _first_state(ctx.mentions)
    return Place(name, state, city.text, city.start, city.end)


def _is_state_or_country(mention: Mention) -> bool:
    return state_name(mention.text) is not None or mention.text in _COUNTRIES


_COUNTRIES = {"U.S.", "US", "USA", "U.S.A.", "America", "United States", "the United States"}


# State names that name something else as often (the capital, the country).
_AMBIGUOUS_STATES = {"Washington", "Georgia"}


def _first_state(mentions: list[Mention]) -> str | None:
    """The first state the article names in full."""
    for mention in sorted(mentions, key=lambda m: m.start):
        state = state_name(mention.text) if mention.type == "GPE" and len(mention.text) > 2 else None
        if state is not None and state not in _AMBIGUOUS_STATES:
            return state
    return None


STAGE = Stage(VERSION, find_main_event, requires=("events", "times", "mentions"), assigns=("main_event",))
