"""Where the reports of one aligned event disagree, and how.

For each aligned event and facet (killed, injured), every report's figure
becomes a claim naming its article, source and evidence span. Figures are
ranges (``at least two`` is [2, ∞)); two claims relate as:

- equal ranges, or two open floors a "more than" apart ("more than 50",
  "at least 50"), or equal with or without the attackers that one of them
  says it counts ("three dead, including the shooter" beside "two bailiffs
  killed", or beside "three dead"): agreement, nothing to report;
- ``update``: the later one says so ("the death toll has risen to nine"), or
  a report of a later day gives a higher toll (its lower bound higher, its
  upper bound not lower or the earlier one open: "at least one", then "at
  least two" a week on; "at least 90", then "120");
- ``precision``: both can hold, one range inside the other or overlapping
  ("dozens" ⊇ "three dozen", "some 80" and "over 80", "32" and "more
  than 30"), or a vague count told more exactly later ("several dead",
  then "at least seven");
- ``conflict``: ranges that cannot both hold about the same moment (two and
  three killed on one day, or a toll that falls).

Claims from near-duplicates of one report are folded into the original: a
copy disagreeing with nothing is not a second source.

Each article speaks for the incident with one toll per facet: its update
if it words one ("has risen to nine"), else a figure that says it is the
whole ("a total of three"), else the first figure it gives
(``article_tolls``; the figures further down are mostly parts of the toll).
``compare_claims`` still finds an ``internal`` contradiction between two
figures of one article in one voice, for the callers that hand it several
(the ranges cannot both hold, neither says it updates the other, and they
are not two identified sources that the article quotes disagreeing). Contradictions about
since when a state holds are found in ``compare.internal``; the date of the
incident is compared in ``compare.facets``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from itertools import combinations
from typing import NamedTuple

from ..records import Claim, Discrepancy, Event, Quantity
from ..extract.victims import NAMED
from .facets import TEXT_FACETS, facet_claims, facet_kind

VERSION = "discrepancies.v4"
FACETS = ("killed", "injured")
_SEVERITY = {"precision": 1, "update": 2, "conflict": 3}


def _bounds(q: Quantity) -> tuple[float, float]:
    low = q.min if q.min is not None else 0
    high = q.max if q.max is not None else float("inf")
    return low, high


_MORE_THAN = re.compile(r"^\s*(?:more than|over|in excess of|upwards of|above)\b", re.IGNORECASE)


def _one_floor(qa: Quantity, qb: Quantity) -> bool:
    """ "more than 50" is read [51, ∞) and "at least 50" [50, ∞): the same number said two ways."""
    return any(_MORE_THAN.match(q.text) and q.min is not None and other.min == q.min - 1
               for q, other in ((qa, qb), (qb, qa)))


def _victims_only(q: Quantity, other: Quantity) -> Quantity:
    """``q`` without the attackers it says it counts, when ``other`` does not say it counts them
    ("three dead, including the shooter" beside "two bailiffs killed")."""
    if not q.perpetrators or other.perpetrators:
        return q
    return _less(q, q.perpetrators)


def _less(q: Quantity, people: int) -> Quantity:
    """``q`` with ``people`` taken off both bounds."""
    def less(n: int | None) -> int | None:
        return None if n is None else max(n - people, 0)

    return Quantity(less(q.min), less(q.max), q.text, q.start, q.end, q.qualifier)


def relation(a: Claim, qa: Quantity, b: Claim, qb: Quantity, attackers_dead: int = 0) -> str | None:
    """How claim ``b`` relates to claim ``a`` (``None`` when they agree). A figure that says it counts
    the attackers agrees with one that does not say whether it does, with them or without them; so
    do two figures of the dead that say nothing of the attackers, once a report of the story says
    ``attackers_dead`` attackers died ("three dead, including the shooter": a later "3 killed" and
    "two bailiffs killed" agree; "six, including the suspect" and "five, including the gunman" do not)."""
    as_told = _relation(a, qa, b, qb)
    if as_told is None or _relation(a, _victims_only(qa, qb), b, _victims_only(qb, qa)) is None:
        return None
    silent_on_attackers = not (qa.perpetrators or qb.perpetrators)
    if attackers_dead and silent_on_attackers and (_relation(a, _less(qa, attackers_dead), b, qb) is None
                                                   or _relation(a, qa, b, _less(qb, attackers_dead)) is None):
        return None
    return as_told


def injured_relation(a: Claim, qa: Quantity, b: Claim, qb: Quantity, dead: dict[str, Quantity]) -> str | None:
    """How two figures of the injured relate, knowing each article's dead (``dead``: article → its
    killed toll). A wounded victim who dies moves from one count to the other: a later report with
    ``d`` more dead and ``d`` fewer hurt updates the earlier one. A report that counts the dead
    among the hurt ("four people were injured" beside "one killed and three others hurt") does not
    disagree with one that counts them apart."""
    kind = relation(a, qa, b, qb)
    if kind in (None, "update") or None in (qa.min, qb.min):
        return kind
    (earlier, earlier_q), (later, later_q) = sorted([(a, qa), (b, qb)], key=lambda c: c[0].published or "")
    dead_before, dead_after = dead.get(earlier.article), dead.get(later.article)
    days_apart = bool(earlier.published and later.published and earlier.published < later.published)
    if (days_apart and dead_before is not None and dead_after is not None and dead_before.min is not None
            and dead_after.min is not None and dead_after.min - dead_before.min == earlier_q.min - later_q.min > 0):
        return "update"
    (fewer, fewer_q), (more, more_q) = sorted([(a, qa), (b, qb)], key=lambda c: c[1].min)
    counted_apart = dead.get(fewer.article)
    exact = fewer_q.min == fewer_q.max and more_q.min == more_q.max  # not "several" beside "four"
    if exact and counted_apart is not None and counted_apart.min and more_q.min - fewer_q.min == counted_apart.min:
        return None
    return kind


def _relation(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> str | None:
    ra, rb = _bounds(qa), _bounds(qb)
    if ra == rb:
        return None
    (earlier, earlier_q), (later, later_q) = sorted([(a, qa), (b, qb)], key=lambda c: c[0].published or "")
    if later_q.qualifier == "update":
        return "update"  # "the toll has risen to nine"
    (low_e, high_e), (low_l, high_l) = _bounds(earlier_q), _bounds(later_q)
    if high_e == high_l == float("inf") and _one_floor(earlier_q, later_q):
        return None  # "more than 50" and "at least 50": one floor, worded two ways
    days_apart = bool(earlier.published and later.published and earlier.published < later.published)
    if earlier_q.qualifier == "vague" and low_l <= high_e and high_l >= low_e:
        return "precision"  # "several dead", then "at least seven": a vague count told more exactly
    # "at least 90" leaves the top open: a later "120" raises the toll, it does not narrow a range.
    if days_apart and low_l > low_e and (high_l >= high_e or earlier_q.max is None):
        return "update"  # a later report, a higher toll: tolls rise as the wounded die
    if low_e <= high_l and low_l <= high_e:
        return "precision"  # both can hold: one range inside the other, or overlapping ("some 80" / "over 80")
    return "conflict"


def find_discrepancies(
    story: str,
    events: list[Event],
    aligned: dict[str, str],
    published: dict[str, str | None],
    duplicate_of: dict[str, str | None],
    speakers: dict[str, str | None],
    compared: set[str] | None = None,
    main_events: set[str] | None = None,
) -> list[Discrepancy]:
    """Discrepancies of one story. ``speakers`` maps statement id → speaker name; ``compared``, when
    given, names the aligned events whose reports are compared (the story's incident), and
    ``main_events`` the events whose dates are (the articles' main events: their day was resolved
    from the whole opening, not read off one clause)."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        if compared is None or aligned[event.id] in compared:
            groups.setdefault(aligned[event.id], []).append(event)
    found: list[Discrepancy] = []
    for aligned_id, members in groups.items():
        tolls = {facet: article_tolls(drop_superseded(_claims(facet, members, published, duplicate_of, speakers)))
                 for facet in FACETS}
        attackers_dead = max((e.killed.perpetrators or 0 for e in members if e.killed), default=0)
        dead = {claim.article: quantity for claim, quantity in tolls["killed"]}
        found.extend(compare_claims(story, aligned_id, "killed", tolls["killed"],
                                    lambda a, qa, b, qb: relation(a, qa, b, qb, attackers_dead)))
        found.extend(compare_claims(story, aligned_id, "injured", tolls["injured"],
                                    lambda a, qa, b, qb: injured_relation(a, qa, b, qb, dead)))
        described = [e for e in members if main_events is None or e.id in main_events]
        for facet in TEXT_FACETS:
            text_claims = facet_claims(facet, described, published, duplicate_of, speakers)
            kind = facet_kind(facet, text_claims, duplicate_of)
            if kind:
                found.append(_discrepancy(story, aligned_id, facet, kind, text_claims))
    return found


def _claims(facet, members, published, duplicate_of, speakers) -> list[tuple[Claim, Quantity]]:
    # A count of the victims a lead names ("a man was killed") is no figure the article states.
    reports = [Report(e.article, e.start, e.source, getattr(e, facet)) for e in members
               if getattr(e, facet) and getattr(e, facet).qualifier != NAMED]
    return quantity_claims(reports, published, duplicate_of, speakers)


class Report(NamedTuple):
    """One figure as reported: where (article, position for ordering), by whom, and what."""

    article: str
    position: int
    source: str
    quantity: Quantity


def quantity_claims(reports: list[Report], published: dict[str, str | None], duplicate_of: dict[str, str | None],
                    speakers: dict[str, str | None]) -> list[tuple[Claim, Quantity]]:
    """One claim per source article and range, earliest published first."""
    claims: list[tuple[Claim, Quantity]] = []
    seen: set[tuple] = set()
    for report in sorted(reports, key=lambda r: (published.get(r.article) or "", r.article, r.position)):
        quantity = report.quantity
        # A near-duplicate speaks with its original's voice.
        origin = duplicate_of.get(report.article) or report.article
        key = (origin, quantity.min, quantity.max)
        if key in seen:
            continue
        seen.add(key)
        claim = Claim(
            article=report.article,
            value={"min": quantity.min, "max": quantity.max, "qualifier": quantity.qualifier},
            text=quantity.text,
            source=report.source,
            speaker=speakers.get(report.source),
            start=quantity.start,
            end=quantity.end,
            published=published.get(report.article),
        )
        claims.append((claim, quantity))
    return claims


def drop_superseded(claims: list[tuple[Claim, Quantity]]) -> list[tuple[Claim, Quantity]]:
    """Leave out the figures that an update in the same article, in the same voice, replaces."""
    updates = [c for c, q in claims if q.qualifier == "update"]

    def superseded(claim: Claim) -> bool:
        return any(u.article == claim.article and one_voice(u.speaker, claim.speaker) for u in updates)

    return [(c, q) for c, q in claims if q.qualifier == "update" or not superseded(c)]


def article_tolls(claims: list[tuple[Claim, Quantity]]) -> list[tuple[Claim, Quantity]]:
    """Each article's toll for the incident: its update if it words one ("has risen to nine"), else a figure
    that says it is the whole ("a total of three"), else its first figure. A report states the toll where it
    opens; the figures further down are mostly parts of it (the dead at the scene, the wounded by gunshot, one
    family's dead), which on real news made nearly every contradiction inside an article and most between
    articles false (docs/evaluation.md)."""
    chosen: dict[str, tuple[Claim, Quantity]] = {}
    for pair in claims:
        current = chosen.get(pair[0].article)
        if current is None or _rank(pair[1]) > _rank(current[1]):
            chosen[pair[0].article] = pair
    return [pair for pair in claims if chosen[pair[0].article] is pair]


_WHOLE = re.compile(r"^\s*a total of\b", re.IGNORECASE)


def _rank(quantity: Quantity) -> int:
    """An update first, then a figure that says it is the whole ("a total of three"), then the first."""
    return 2 if quantity.qualifier == "update" else 1 if _WHOLE.match(quantity.text) else 0


def one_voice(a: str | None, b: str | None) -> bool:
    """Whether two claims of one article, by speaker, are the article's own voice:
    the narrator or an unnamed source (None) on either side, or one speaker twice."""
    return a is None or b is None or a == b


Relate = Callable[[Claim, Quantity, Claim, Quantity], str | None]


def compare_claims(story: str, aligned_id: str | None, facet: str, claims: list[tuple[Claim, Quantity]],
                   relate: Relate = relation) -> list[Discrepancy]:
    """One ``internal`` discrepancy per article that contradicts itself, and at most one across
    articles (the most severe relation between them, as ``relate`` finds it). A self-contradicting
    article's figures are left out of the comparison across articles: no claim is reported twice."""
    contradicting: dict[str, list[Claim]] = {}
    for (a, qa), (b, qb) in combinations(claims, 2):
        if a.article != b.article or not one_voice(a.speaker, b.speaker) or "update" in (qa.qualifier, qb.qualifier):
            continue
        if relate(a, qa, b, qb) == "conflict":
            own = contradicting.setdefault(a.article, [])
            own += [c for c in (a, b) if not any(c is o for o in own)]
    compared = [(c, q) for c, q in claims if c.article not in contradicting]
    across: str | None = None
    for (a, qa), (b, qb) in combinations(compared, 2):
        if a.article == b.article and one_voice(a.speaker, b.speaker):
            continue  # the article narrows or updates its own figure
        kind = relate(a, qa, b, qb)
        if kind is not None and (across is None or _SEVERITY[kind] > _SEVERITY[across]):
            across = kind
    found = []
    if across:
        found.append(_discrepancy(story, aligned_id, facet, across, [c for c, _ in compared]))
    for own in contradicting.values():
        found.append(_discrepancy(story, aligned_id, facet, "internal", own))
    return found


def _discrepancy(story: str, aligned_id: str | None, facet: str, kind: str, claims: list[Claim]) -> Discrepancy:
    key = "|".join([story, aligned_id or "", facet, kind] + [f"{c.article}:{c.start}" for c in claims])
    return Discrepancy(
        id="dc_" + hashlib.sha1(key.encode()).hexdigest()[:12],
        story=story,
        facet=facet,
        kind=kind,  # type: ignore[arg-type]
        claims=claims,
        event=aligned_id,
    )
