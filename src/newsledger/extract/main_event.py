"""An article's main event: the incident its headline and lead report, with its day, place and tolls.

The lead is the article's first ``LEAD_SENTENCES`` sentences that hold words
(page furniture is blanked before parsing). Leaving out the events the text
dates to another time ("In 2011, ..."), the main event is the lead's first
event that carries a casualty figure, else its first use of force
(an attack, a shooting, a raid); else what ``events.main_event`` reads off
the lead (its typed event highest in the parse, else the main clause as an
untyped event, which is then stored with the others).

The opening often spreads one incident over several clauses and sentences
("One person was killed ... after two men opened fire ... Around 5 p.m.
Friday, ..."), so the main event takes what it lacks from the article's
first ``NEAR_SENTENCES`` sentences, each with its evidence:

- its day: the earliest day named close before the first of (its own,
  that of an event of the same family, a time expression in the opening,
  else, for a use of force, anywhere in the article): reports run on past
  the incident ("shot Saturday ... identified Sunday"). A clock time alone
  ("at 8:45 p.m.", read against the publication day) counts only when no
  day is named; no day after the article's publication counts (a funeral
  "on Saturday" is not the incident);
- its place: the dateline's city ("GAINESVILLE, Fla. —"), else the first
  US city the opening names (a police force's name counts: "the Oshkosh
  Police Department"), else the first the article names (the opening may
  give only a block or a neighbourhood), a county only when no city is
  named; written "City, State",
  the state looked up when the article does not give it (``places``: among
  the city's namesakes, the one the article names, the much largest, or the
  one its telephone numbers' area codes are in), except in an article whose
  opening names another country, which gets a US state only where it names
  one (Nice's attack is not in Nice, California);
- its tolls: the first killed and injured figures of the lead's events of
  the same family that nothing dates to another time (the days after the
  incident are its own: "died Sunday"); else, for a use of
  force or a main clause without a type, the victims the lead names ("a
  man was shot and killed": at least one killed; ``victims``); else such a
  figure further on; else, when nothing in the article says anyone died,
  the people the lead says were shot, as hurt ("Four people were shot
  outside a bar").

``articles.main_event`` names it; ``compare.incident`` builds each story's
incident from its articles' main events.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..records import Event, Mention, Quantity
from . import ArticleContext, Stage
from .events import UNTYPED, main_event
from .events.lexicon import FORCE_FAMILY, family
from .places import (
    Place,
    city_name,
    find_dateline,
    is_foreign_country,
    is_us_city,
    standalone_state,
    state_name,
    state_of_city,
    states_of_phone_numbers,
)
from .timenorm import days_between
from .timevocab import MONTHS, WEEKDAYS
from .victims import count_shot, count_victims, says_someone_died

VERSION = "main-event.v3"
LEAD_SENTENCES = 3
# How far the main event's day and tolls are looked for: a lead often gives the day a few sentences on.
NEAR_SENTENCES = 6
# How many days before the first day an opening names an earlier one can still be the incident's.
INCIDENT_SPREAD_DAYS = 3

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CITY_TYPES = {"GPE"}
# "Fla." after "Gainesville, " and the like: a state right after a city.
_STATE_AFTER = re.compile(r"\s*,\s*([A-Z][A-Za-z.]{1,13}(?:\s[A-Z][a-z.]{1,10})?)")


def lead_sentences(ctx: ArticleContext, count: int = LEAD_SENTENCES) -> list[Span]:
    """The first ``count`` sentences that hold a verb (a dateline, a caption's credit do not)."""
    lead = []
    for sentence in ctx.doc.sents:
        if any(t.pos_ in {"VERB", "AUX"} for t in sentence):
            lead.append(sentence)
            if len(lead) == count:
                break
    return lead


def find_main_event(ctx: ArticleContext) -> None:
    opening = lead_sentences(ctx, NEAR_SENTENCES)  # the sentences are walked once per article
    lead = opening[:LEAD_SENTENCES]
    if not lead:
        return
    lead_end = lead[-1].end_char
    # An event the text dates to another time ("In 2011, ...") is background, not what the lead reports.
    in_lead = [e for e in ctx.events if e.start < lead_end and _same_time(e.date, ctx.article.published)
               and _is_day_or_less(e.date, ctx.article.published)]
    event = (next((e for e in in_lead if e.killed or e.injured), None)
             or next((e for e in in_lead if e.type in FORCE_FAMILY), None))
    if event is None:
        event = main_event(ctx, lead)
        if event is None:
            return
        if event.type == UNTYPED and all(e.id != event.id for e in ctx.events):
            ctx.events.append(event)
    _complete(ctx, event, lead, [e for e in ctx.events if e.start < opening[-1].end_char])
    ctx.article.main_event = event.id


def _complete(ctx: ArticleContext, event: Event, lead: list[Span], opening: list[Event]) -> None:
    """Fill what the main event lacks from the events of the opening (see the module's docstring)."""
    kin = [e for e in opening if e is not event and family(e.type) == family(event.type)]
    day = _incident_day(ctx, event, kin, _opening_end(opening, event))
    event.date, event.date_text = day if day else (None, None)
    place = _incident_place(ctx, _opening_end(opening, event))
    if place is not None:
        event.place = place.label()
    # Another event's toll is the incident's only if nothing dates it elsewhere ("In 2011, three people
    # were killed on the same street"); the lead's own words come before the sentences after it.
    lead_end = lead[-1].end_char
    carriers = [e for e in kin if _after_incident(e.date, event.date)]
    violent = family(event.type) == "force" or event.type == UNTYPED
    counted = _victims_in_lead(ctx, lead, event.date or ctx.article.published) if violent else {}
    for facet in ("killed", "injured"):
        if getattr(event, facet) is not None:
            continue
        from_lead = next((getattr(e, facet) for e in carriers if e.start < lead_end and getattr(e, facet)), None)
        further_on = next((getattr(e, facet) for e in carriers if getattr(e, facet)), None)
        setattr(event, facet, from_lead or counted.get(facet) or further_on)
    if violent and event.killed is None and event.injured is None and not says_someone_died(ctx.article.text):
        # "Four people were shot outside a bar", and nothing in the article says anyone died: four hurt.
        event.injured = next((q for sentence in lead if (q := count_shot(sentence)) is not None), None)


def _incident_day(ctx: ArticleContext, event: Event, kin: list[Event], opening_end: int) -> tuple[str, str] | None:
    """The main event's day and the words that give it (see the module's docstring).

    A clock time alone ("at 8:45 p.m.") is read against the publication day,
    which is often the day after the incident: it gives the day only when
    nothing in the opening names one ("Wednesday at about 8:45 p.m.").
    """
    published = ctx.article.published
    candidates = [(event.date, event.date_text), *((e.date, e.date_text) for e in kin)]
    times = sorted((t for t in ctx.times if t.type in {"DATE", "TIME"}), key=lambda t: t.start)
    candidates += [(t.value, t.text) for t in times if t.start < opening_end]
    if family(event.type) == "force":
        # Many a report dates its incident further down; a statement or a meeting is not dated so.
        candidates += [(t.value, t.text) for t in times if t.start >= opening_end]
    days = [(value[:10], text) for value, text in candidates if _is_day(value, published)]
    named = [day for day in days if not _clock_only(day[1])]
    if not named:
        return days[0] if days else None
    # Reports run on past the incident ("shot Saturday ... identified Sunday"): the earliest day
    # named close before the first one is the incident's.
    close = [day for day in named if 0 <= days_between(day[0], named[0][0]) <= INCIDENT_SPREAD_DAYS]
    return min(close, key=lambda day: day[0])


def _clock_only(text: str | None) -> bool:
    """Whether a time expression gives a time of day but no day ("8:45 p.m.", "midnight")."""
    return not (text and _NAMES_DAY.search(text))


_WEEKDAY_NAMES = "|".join(sorted(name for name in WEEKDAYS if name.endswith("day")))
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_NAMES_DAY = re.compile(
    rf"\b(?:{_WEEKDAY_NAMES})\b"  # "Wednesday"
    rf"|\b(?:{_MONTH_NAMES})\.?\s+\d|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b"  # "Sept. 26", "26th of May"
    r"|\btoday|\btonight|\byesterday|\bthis (?:morning|afternoon|evening)|\blast night"
    r"|\d{1,2}/\d{1,2}|\d{4}-\d\d-\d\d|\bday\b|\bnew year|christmas|thanksgiving|\beve\b",
    re.IGNORECASE,
)


def _is_day_or_less(value: str | None, published: str | None) -> bool:
    """A day on or before publication, or no day at all (an incident is reported after it happens)."""
    return not (value and _DAY.match(value)) or published is None or value[:10] <= published


def _same_time(value: str | None, day: str | None) -> bool:
    """Whether a TimeML value can name the same time as ``day`` ("2016-07" can be "2016-07-27")."""
    if not value or not day or not value[:1].isdigit():
        return True
    shorter = min(len(value), len(day), 10)
    return value[:shorter] == day[:shorter]


def _after_incident(value: str | None, day: str | None) -> bool:
    """Whether a TimeML value can name the incident of ``day`` or the days it runs on into ("shot
    Saturday ... died Sunday")."""
    gap = days_between(day, value)
    return 0 <= gap <= INCIDENT_SPREAD_DAYS if gap is not None else _same_time(value, day)


def _victims_in_lead(ctx: ArticleContext, lead: list[Span], day: str | None) -> dict[str, Quantity]:
    """The victims the lead names, each kind from the first sentence that counts it, leaving out the
    sentences dated to another time than ``day`` ("In 2011, three people were killed there")."""
    found: dict[str, Quantity] = {}
    for sentence in lead:
        times = [t for t in ctx.times if sentence.start_char <= t.start < sentence.end_char and t.value]
        if any(not _after_incident(t.value, day) for t in times if t.type in {"DATE", "TIME"}):
            continue
        for facet, quantity in count_victims(sentence).items():
            found.setdefault(facet, quantity)
    return found


def _opening_end(opening: list[Event], event: Event) -> int:
    return max([e.end for e in opening] + [event.end])


def _is_day(value: str | None, published: str | None) -> bool:
    return bool(value and _DAY.match(value) and (published is None or value[:10] <= published))


def _incident_place(ctx: ArticleContext, before: int) -> Place | None:
    """The dateline's city, else the opening's first US city, else the article's (a county or a place
    the gazetteer does not know only when nothing better is named), with its state."""
    named = _named_states(ctx)
    # Another country named in the opening: a US article names one further down in passing ("born in Mexico").
    abroad = any(m.type == "GPE" and m.start < before and is_foreign_country(m.text) for m in ctx.mentions)
    dateline = find_dateline(ctx.article.text)
    if dateline is not None and not _is_county(dateline.city):
        return _with_state(dateline, named, ctx.article.text, abroad=abroad)
    city = _opening_city(ctx, before)
    if dateline is None and not abroad and (city is None or not is_us_city(city.city)):
        # A neighbourhood, a block or nothing in the opening: the first city the article names
        # further on ("in the 3600 block of Swinnea Road. Memphis police said ...").
        further = _opening_city(ctx, len(ctx.article.text))
        city = further if further is not None and is_us_city(further.city) else city
    if city is not None and (dateline is None or is_us_city(city.city)):
        return _with_state(city, named, ctx.article.text, dateline.state if dateline else None, abroad)
    return _with_state(dateline, named, ctx.article.text, abroad=abroad) if dateline is not None else None


def _with_state(place: Place, named: frozenset[str], text: str, fallback: str | None = None,
                abroad: bool = False) -> Place:
    """``place`` with its US state: given, else looked up. Not for a country ("France"); in an article that
    names another country (``abroad``), only a state it names for a US city it names there (Nice's attack is
    not in Nice, California; Dandong is not in the Florida of the article's other story)."""
    if place.state is not None or place.city is None or is_foreign_country(place.city):
        return place
    if abroad:
        state = state_of_city(place.city, named, only_named=True)
        return Place(place.city, state, place.text, place.start, place.end) if state else place
    state = (standalone_state(place.city) or state_of_city(place.city, named)
             or state_of_city(place.city, states_of_phone_numbers(text), only_named=True) or fallback)
    if state is None and len(named) == 1 and not is_us_city(place.city):
        state = next(iter(named))  # a place the gazetteer does not know, in the one state the article names
    return Place(place.city, state, place.text, place.start, place.end)


def _opening_city(ctx: ArticleContext, before: int) -> Place | None:
    """The first place named before ``before`` that is a known US city, else the first that is no
    county, else the first; a police force's name counts ("Oshkosh Police Department")."""
    text = ctx.article.text
    found = []
    for mention in sorted(ctx.mentions, key=lambda m: m.start):
        if mention.start >= before:
            break
        name = None
        if mention.type in _CITY_TYPES and not _is_state_or_country(mention):
            name = mention.text
        elif mention.type == "ORG" and (force := _POLICE_FORCE.match(mention.text)) and is_us_city(force[1]):
            name = force[1]
        elif is_us_city(mention.text) and _reads_as_place(text, mention):
            name = mention.text  # a city the tagger took for a person or a body ("in Galt", "Stockton police")
        if name:
            found.append((mention, city_name(name)))
    if not found:
        return None
    mention, name = min(found, key=lambda f: (not is_us_city(f[1]), _is_county(f[1]), f[0].start))
    following = _STATE_AFTER.match(text, mention.end)
    state = state_name(following.group(1)) if following else None
    return Place(name, state, mention.text, mention.start, mention.end)


_POLICE_FORCE = re.compile(
    r"(?:the\s+)?(.+?)\s+(?:(?:Metropolitan|Metro|City)\s+)?(?:Police|Sheriff|Sheriff's|Sheriff’s|Fire)\b")
# Words around a name that make it a place: "in Galt", "of Grand Junction", "Stockton police", "a Pontiac man",
# "Gary, Ind.".
_PLACE_BEFORE = re.compile(
    r"\b(?:in|of|from|near|outside|north of|south of|east of|west of)\s+"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown)\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:police|Police|sheriff|man|woman|teen|boy|girl|home|resident|residents|family)\b")


def _reads_as_place(text: str, mention: Mention) -> bool:
    after = _PLACE_AFTER.match(text, mention.end)
    if (state := _STATE_AFTER.match(text, mention.end)) is not None:
        words = state.group(1).split()
        after = after or any(state_name(" ".join(words[:n])) for n in (len(words), 1))
    return bool(after) or _PLACE_BEFORE.search(text, max(0, mention.start - 30), mention.start) is not None


_COUNTY = re.compile(r"\b(?:County|Parish|Township|Borough)$")


def _is_county(name: str | None) -> bool:
    return bool(name and _COUNTY.search(name))


def _is_state_or_country(mention: Mention) -> bool:
    return state_name(mention.text) is not None or mention.text in _COUNTRIES


_COUNTRIES = {"U.S.", "US", "USA", "U.S.A.", "America", "United States", "the United States"}
# State names that name something else as often (the capital, the country).
_AMBIGUOUS_STATES = {"Washington", "Georgia"}


def _named_states(ctx: ArticleContext) -> frozenset[str]:
    """The states an article names: in full, or after a city ("Gainesville, Fla.")."""
    named = set()
    for mention in ctx.mentions:
        if mention.type != "GPE":
            continue
        state = state_name(mention.text) if len(mention.text) > 2 else None
        if state is not None and state not in _AMBIGUOUS_STATES:
            named.add(state)
        following = _STATE_AFTER.match(ctx.article.text, mention.end)
        if following and (state := state_name(following.group(1))) is not None:
            named.add(state)
    return frozenset(named)


STAGE = Stage(VERSION, find_main_event, requires=("events", "times", "mentions"), assigns=("main_event",))
