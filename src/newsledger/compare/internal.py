"""Where one article contradicts itself about since when something holds.

"Albania has played host to the group for a decade" and, later in the same
article, "the country has been accommodating its members since 2016" cannot
both be true on the article's date: a decade back from June 2023 is about
2013. Each such phrase is an *ongoing claim*, found in the parse at extraction
(``extract/ongoing.py``: a present perfect with no modal or negation, its
predicate, subject, object and the time phrase attached to it) and stored.
Here each claim gets the months in which its state can have started:

- ``since 2016`` / ``from 2016``: January to December 2016 (``since at least
  2016``: that, or earlier);
- ``for 7 years``: 7 to 8 years before the article's date (or the day of the
  statement it is in, when the statement has one);
- ``for a decade``: a round figure, ±20 % (8 to 12 years back);
- ``for nearly …`` / ``for more than …`` / ``for about …`` widen it one way
  or both; ``for years`` is open (at least a year back), ``for decades`` at
  least two of them, give or take.

Two ongoing claims of one article contradict each other when their possible
starts do not overlap, and only then; everything else keeps a false
contradiction out, which is worse than a missed one:

- same predicate: one family of ``extract.ongoing.PREDICATES`` ("hosted" ~
  "accommodating"), or the same lemma when no family fits;
- same participants: two subjects that both have names must share one, two
  unnamed ones must have the same head ("the country"), and an unnamed
  subject stands for a named one only when the last name of its kind before it
  is that one ("Albania … The European country"); named objects must share one
  too, and unnamed ones a word ("the terror group and its members" ~ "members
  of the terror cult", not "refugees" ~ "the summit");
- one voice: two claims that different identified speakers make are a
  disagreement the article reports, not one it makes.

A near-duplicate article repeats its original's contradiction; only the
original reports it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ..records import Claim, Discrepancy, Mention, OngoingClaim, Statement, TimeValue
from .discrepancies import one_voice

VERSION = "internal.v2"
FACET = "start"

# TimeML values (not English): a duration "P10Y" / "PXY", a date "2016-05", a decade "201".
_DURATION_VALUE = re.compile(r"^P(\d+(?:\.\d+)?|X)(Y|M|W|D)$")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DECADE_VALUE = re.compile(r"^(\d{3})$")
_UNIT_MONTHS = {"Y": 12.0, "M": 1.0, "W": 12 / 52, "D": 12 / 365}
# Vague amounts ("for years", "for months") as (least, most) months back.
_VAGUE_MONTHS = {"Y": (12.0, float("inf")), "M": (1.0, 24.0), "W": (0.25, 3.0), "D": (0.0, 1.0)}
_ROUND_MONTHS = {"decade": 120.0, "century": 1200.0}
_ROUND_TOLERANCE = 0.2
# What the modifiers extract.ongoing finds do to an amount or a start.
_APPROXIMATE = {"about", "around", "some", "roughly", "approximately"}
_AT_MOST = {"nearly", "almost", "close to", "just under"}
_AT_LEAST = {"more than", "over", "at least", "upwards of"}
_OPEN_START = {"at least", "as early as"}  # "since at least 2016": perhaps earlier
_LAST_MOMENT = 1e-6  # a period's end, in months: "2016" runs to the end of December


@dataclass(slots=True)
class DatedClaim:
    """An ongoing claim with the months in which its state can have started, and whose word it is."""

    claim: OngoingClaim
    earliest: float  # months since year 0, as year * 12 + month - 1
    latest: float
    value: dict
    subjects: frozenset[str]
    subject_types: frozenset[str]
    objects: frozenset[str]
    source: str  # "narrator" or a statement id
    speaker: str | None

    @property
    def start(self) -> int:
        return self.claim.start


def find_internal(
    story: str,
    texts: dict[str, str],
    published: dict[str, str | None],
    duplicate_of: dict[str, str | None],
    times: list[TimeValue],
    mentions: list[Mention],
    statements: list[Statement],
    speakers: dict[str, str | None],
    ongoing: Sequence[OngoingClaim] = (),
) -> list[Discrepancy]:
    """``internal`` discrepancies of one story's articles about since when a state holds.

    ``texts`` maps the story's article ids to their texts; ``speakers`` maps statement id → speaker name;
    ``ongoing`` are the articles' stored ongoing claims (none given: nothing to compare).
    """
    times_of, mentions_of, statements_of = _by_article(times), _by_article(mentions), _by_article(statements)
    claims_of = _by_article(ongoing)
    found: list[Discrepancy] = []
    for article in texts:
        if duplicate_of.get(article) in texts:
            continue  # a copy repeats its original's contradiction
        claims = dated_claims(
            claims_of.get(article, []), published.get(article),
            times_of.get(article, []), mentions_of.get(article, []), statements_of.get(article, []), speakers,
        )
        found.extend(_contradictions(story, claims, mentions_of.get(article, []), published.get(article)))
    return found


def _by_article(records: Sequence) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for record in records:
        grouped.setdefault(record.article, []).append(record)
    return grouped


def dated_claims(
    claims: list[OngoingClaim],
    published: str | None,
    times: list[TimeValue],
    mentions: list[Mention],
    statements: list[Statement],
    speakers: dict[str, str | None],
) -> list[DatedClaim]:
    """One article's ongoing claims with the months their states can have started (those that can be dated)."""
    time_at = {(t.start, t.end): t for t in times}
    mention_at = {(m.start, m.end): m for m in mentions}
    dated = []
    for claim in sorted(claims, key=lambda c: c.start):
        time = time_at.get((claim.time_start, claim.time_end))
        if time is None:
            continue
        dated_claim = _dated(claim, time, published, mention_at, statements, speakers)
        if dated_claim is not None:
            dated.append(dated_claim)
    return dated


def _dated(claim, time, published, mention_at, statements, speakers) -> DatedClaim | None:
    statement = _voice(time, statements)
    if claim.cue == "for" and time.type == "DURATION":
        as_of = _as_of(statement, published, time)
        back = _months_back(time.value, claim)
        if as_of is None or back is None:
            return None
        (as_of_day, now), (least, most, stated) = as_of, back
        earliest, latest = now - most, now - least
        value = {"duration": time.value, "as_of": as_of_day,
                 "start": _format_month(now - stated)[:4] if stated is not None else None}
    elif claim.cue in {"since", "from"} and time.type == "DATE":
        bounds = _calendar_months(time.value)
        if bounds is None:
            return None
        earliest, latest = bounds
        if claim.modifier in _OPEN_START:
            earliest = float("-inf")
        value = {"since": time.value, "start": time.value}
    else:
        return None
    value.update(earliest=_format_month(earliest), latest=_format_month(latest))
    subject_mentions = _mentions(claim.subject_names, mention_at)
    return DatedClaim(
        claim=claim,
        earliest=earliest,
        latest=latest,
        value=value,
        subjects=frozenset(_key(m) for m in subject_mentions),
        subject_types=frozenset(m.type for m in subject_mentions),
        objects=frozenset(_key(m) for m in _mentions(claim.object_names, mention_at)),
        source=statement.id if statement else "narrator",
        speaker=speakers.get(statement.id) if statement else None,
    )


def _mentions(spans: list[list[int]], mention_at: dict[tuple[int, int], Mention]) -> list[Mention]:
    return [mention_at[(start, end)] for start, end in spans if (start, end) in mention_at]


def _key(mention: Mention) -> str:
    return mention.entity or mention.cluster or mention.text.lower()


def _voice(time: TimeValue, statements: list[Statement]) -> Statement | None:
    """The innermost statement whose content holds the time phrase (None: the narrator)."""
    holding = []
    for s in statements:
        start = s.content_start if s.content_start is not None else s.start
        end = s.content_end if s.content_end is not None else s.end
        if start <= time.start and time.end <= end:
            holding.append((end - start, s))
    return min(holding, key=lambda pair: pair[0])[1] if holding else None


def _as_of(statement: Statement | None, published: str | None, time: TimeValue) -> tuple[str, float] | None:
    """The day a duration counts back from (the statement's, else the article's) and its month number."""
    for value in (statement.date if statement else None, published, time.anchor):
        try:
            day = date.fromisoformat(value) if value and len(value) == 10 else None
        except ValueError:
            day = None
        if day is not None:
            return value, day.year * 12 + day.month - 1 + (day.day - 1) / 31
    return None


def _months_back(value: str | None, claim: OngoingClaim) -> tuple[float, float, float | None] | None:
    """How many months back the state began: (least, most, the stated amount or None when vague)."""
    match = _DURATION_VALUE.match(value or "")
    if not match:
        return None
    amount, unit = match.groups()
    if amount == "X":
        least, most = _VAGUE_MONTHS[unit]
        if claim.round_plural and claim.round_unit in _ROUND_MONTHS:  # "for decades": two at least, give or take
            least = 2 * _ROUND_MONTHS[claim.round_unit] * (1 - _ROUND_TOLERANCE)
        return least, most, None
    months = float(amount) * _UNIT_MONTHS[unit]
    modifier = claim.modifier or ""
    if claim.round_unit is not None or modifier in _APPROXIMATE:
        least, most = months * (1 - _ROUND_TOLERANCE), months * (1 + _ROUND_TOLERANCE)
    else:
        least, most = months, months + _UNIT_MONTHS[unit]  # "7 years": 7 and some months
    if modifier in _AT_MOST:
        least, most = months * (1 - _ROUND_TOLERANCE), months
    elif modifier in _AT_LEAST:
        least, most = months, float("inf")
    return least, most, months


def _calendar_months(value: str | None) -> tuple[float, float] | None:
    """The months a DATE value covers: "2016" → Jan–Dec 2016, "201" (the 2010s) → 2010–2019."""
    if not value:
        return None
    if match := _DECADE_VALUE.match(value):
        first, months = int(match.group(1)) * 10 * 12, 120
    elif match := _CALENDAR_VALUE.match(value):
        year, month = int(match.group(1)), match.group(2)
        first, months = (year * 12, 12) if month is None else (year * 12 + int(month) - 1, 1)
    else:
        return None
    return first, first + months - _LAST_MOMENT


def _format_month(months: float) -> str | None:
    if months in (float("inf"), float("-inf")):
        return None
    year, month = divmod(int(months), 12)
    return f"{year:04d}-{month + 1:02d}"


def _contradictions(
    story: str, claims: list[DatedClaim], mentions: list[Mention], published: str | None
) -> list[Discrepancy]:
    by_predicate: dict[str, list[DatedClaim]] = {}
    for claim in claims:
        by_predicate.setdefault(claim.claim.predicate, []).append(claim)
    found = []
    for predicate, group in by_predicate.items():
        involved: dict[int, DatedClaim] = {}
        for a, b in combinations(group, 2):
            if _same_state(a, b, mentions) and _disjoint(a, b):
                involved[a.start], involved[b.start] = a, b
        if involved:
            members = [involved[k] for k in sorted(involved)]
            found.append(_discrepancy(story, predicate, members, published))
    return found


def _same_state(a: DatedClaim, b: DatedClaim, mentions: list[Mention]) -> bool:
    if not one_voice(a.speaker, b.speaker):
        return False  # two identified sources disagreeing: the article reports it, it does not make it
    if a.subjects and b.subjects:
        subjects = bool(a.subjects & b.subjects)
    elif not a.subjects and not b.subjects:
        subjects = a.claim.subject_head is not None and a.claim.subject_head == b.claim.subject_head
    else:
        named, unnamed = (a, b) if a.subjects else (b, a)
        subjects = _refers_back(unnamed, named, mentions)
    if a.objects and b.objects:
        objects = bool(a.objects & b.objects)
    elif not a.objects and not b.objects and a.claim.object_words and b.claim.object_words:
        objects = bool(set(a.claim.object_words) & set(b.claim.object_words))  # "refugees" is not "the summit"
    else:
        objects = True
    return subjects and objects


def _refers_back(unnamed: DatedClaim, named: DatedClaim, mentions: list[Mention]) -> bool:
    """Whether "the country" stands for the named subject: the last name of its kind before it is that one."""
    at = unnamed.claim.subject_start if unnamed.claim.subject_start is not None else unnamed.claim.predicate_start
    before = [m for m in mentions if m.type in named.subject_types and m.end <= at]
    return bool(before) and _key(max(before, key=lambda m: m.start)) in named.subjects


def _disjoint(a: DatedClaim, b: DatedClaim) -> bool:
    return a.latest < b.earliest or b.latest < a.earliest


def _discrepancy(story: str, predicate: str, members: list[DatedClaim], published: str | None) -> Discrepancy:
    key = "|".join([story, FACET, predicate] + [f"{c.claim.article}:{c.start}" for c in members])
    claims = [
        Claim(
            article=c.claim.article,
            value=c.value,
            text=c.claim.text,
            source=c.source,
            speaker=c.speaker,
            start=c.claim.start,
            end=c.claim.end,
            published=published,
        )
        for c in members
    ]
    return Discrepancy(
        id="dc_" + hashlib.sha1(key.encode()).hexdigest()[:12],
        story=story,
        facet=FACET,
        kind="internal",
        claims=claims,
        note=f"{predicate}: " + " vs ".join(f"“{c.claim.predicate_text}”" for c in members),
    )
