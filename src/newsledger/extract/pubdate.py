"""Publication date: header → metadata → inferred from the text → none.

The reader has already taken the first two links of the chain (a ``date``
header, or a date from the input's metadata) and says which in
``article.published_source``. This stage is the third link: when no date came
with the article, it infers one from the time expressions of the text, and
records how sure it is and which spans it used. When the text does not fix a
day it leaves the date unset: a missing date is better than a wrong one.

How a day is inferred (``infer_publication_date``):

1. Years: the publication cannot precede the latest year the text mentions
   in a past or present sentence, nor follow ``today``.
2. With a full date ("July 4, 2019"), the latest one anchors the day, unless
   the text names a later year: then it is background ("the attacks of
   Sept. 11, 2001"), not the news.
3. Otherwise a month-day without a year ("June 20") and a weekday ("on
   Tuesday"), both reported in past sentences, that can be the same day
   anchor the year: June 20 is a Tuesday in 2017 and 2023. Every year in range
   where that happens is a candidate; the most recent one wins (an undated
   article is most likely recent), with less confidence the more there are.
   A month-day in a present or future sentence is usually a scheduled event
   ("the March 15 primaries"), so it anchors nothing.
4. The day is the anchor moved forward to the latest weekday reported in a
   past sentence within two days after it (an article appears on or just
   after the latest day it reports: "clashes on Tuesday" = June 20, "tweets
   on Wednesday" = June 21); "last Friday" names an earlier week and does
   not move it.

Measured on PolNeAR (``newsledger eval pubdate``), text alone rarely fixes
the day of a political news article: most name weekdays and past years but
no date, so the stage leaves most of them undated rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import Evidence
from . import ArticleContext, Stage
from .timenorm import normalize
from .timex import TimeExpression, find_time_expressions

VERSION = "pubdate.v2"

# Confidence of a day read off an explicit full date, and of one anchored by a
# single consistent month-day/weekday year (divided among several years).
FULL_DATE_CONFIDENCE = 0.7
COINCIDENCE_CONFIDENCE = 0.8
# How far past the anchor the latest reported weekday may move the day
# (on PolNeAR train, farther moves were mostly wrong).
WEEKDAY_REACH = 2
# Tenses of mentions that report what happened, and so can anchor the day.
REPORTED = {"past"}
# More consistent years than this and the year is a guess: give none.
MAX_CANDIDATE_YEARS = 4

_FULL = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
# A month-day read without a year: "June 20" → XXXX-06-20 (``link.story_dates`` gives it one).
MONTH_DAY = re.compile(r"XXXX-(\d\d)-(\d\d)")
_WEEKDAY = re.compile(r"XXXX-WXX-(\d)")
_YEAR = re.compile(r"(\d{4})(?:-\d\d)?")
_RELATIVE_WEEKDAY = re.compile(r"(?:last|next|this|past|coming)\s", re.IGNORECASE)


@dataclass(slots=True)
class PubDateGuess:
    """An inferred publication day, how sure, and the evidence for it.

    ``candidate_years`` are all the years the text is consistent with, most
    recent last, so a cross-article step can narrow an ambiguous year with a
    dated sibling article of the same story.
    """

    day: date
    confidence: float
    evidence: list[TimeExpression] = field(default_factory=list)
    candidate_years: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Mentions:
    full_dates: list[tuple[date, TimeExpression]] = field(default_factory=list)
    month_days: list[tuple[int, int, TimeExpression]] = field(default_factory=list)
    weekdays: list[tuple[int, TimeExpression]] = field(default_factory=list)
    years: list[tuple[int, TimeExpression]] = field(default_factory=list)


def infer_publication_date(expressions: Sequence[TimeExpression], today: date) -> PubDateGuess | None:
    """The most likely publication day given the text's time expressions.

    Expressions are read without an anchor (``June 20`` → ``XXXX-06-20``);
    those in future sentences cannot bound the date from below and are
    skipped. Returns None when the text does not fix a day.
    """
    mentions = _collect(expressions, today)
    floor_year, floor_evidence = _floor_year(mentions)
    # A full date older than another year in the text is background ("the
    # attacks of Sept. 11, 2001"), not the news of the day.
    if mentions.full_dates and max(day for day, _ in mentions.full_dates).year >= (floor_year or 0):
        return _from_full_dates(mentions, today)
    # Without a year in the text, a month-day on a named weekday recurs every
    # few years: nothing narrows the year, so no guess.
    if not mentions.month_days or not mentions.weekdays or floor_year is None:
        return None
    anchors: dict[int, tuple[date, TimeExpression, TimeExpression]] = {}
    for year in range(floor_year, today.year + 1):
        anchor = _coincidence(mentions, year)
        if anchor is not None and _forward(anchor[0], mentions) <= today:
            anchors[year] = anchor
    years = sorted(anchors)
    if not years or len(years) > MAX_CANDIDATE_YEARS:
        return None
    day_anchor, month_day, weekday = anchors[years[-1]]
    day = _forward(day_anchor, mentions)
    used = [month_day, weekday, *_weekdays_used(day_anchor, day, mentions), *floor_evidence]
    confidence = COINCIDENCE_CONFIDENCE / len(years)
    return PubDateGuess(day, round(confidence, 3), _unique(used), years)


def _collect(expressions: Sequence[TimeExpression], today: date) -> _Mentions:
    found = _Mentions()
    for expression in expressions:
        if expression.tense == "future":
            continue
        _, value = normalize(expression.value_text, None, expression.tense)
        if not value:
            continue
        if m := MONTH_DAY.fullmatch(value):
            found.month_days.append((int(m.group(1)), int(m.group(2)), expression))
        elif m := _WEEKDAY.match(value):
            # "last Friday" names a day of the week before, not the latest one reported
            if not _RELATIVE_WEEKDAY.match(expression.value_text):
                found.weekdays.append((int(m.group(1)) - 1, expression))
        elif m := _FULL.fullmatch(value):
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if day <= today:
                found.full_dates.append((day, expression))
                found.years.append((day.year, expression))
        elif m := _YEAR.fullmatch(value):
            if int(m.group(1)) <= today.year:
                found.years.append((int(m.group(1)), expression))
    return found


def _floor_year(mentions: _Mentions) -> tuple[int | None, list[TimeExpression]]:
    if not mentions.years:
        return None, []
    latest = max(year for year, _ in mentions.years)
    return latest, [e for year, e in mentions.years if year == latest][:1]


def _from_full_dates(mentions: _Mentions, today: date) -> PubDateGuess:
    latest, expression = max(mentions.full_dates, key=lambda pair: pair[0])
    day = _forward(latest, mentions)
    if day > today:
        day = latest
    used = [expression, *_weekdays_used(latest, day, mentions)]
    return PubDateGuess(day, FULL_DATE_CONFIDENCE, _unique(used), [day.year])


def _coincidence(mentions: _Mentions, year: int) -> tuple[date, TimeExpression, TimeExpression] | None:
    """The latest month-day of ``year`` that falls on a weekday the text names."""
    best = None
    for month, day_of_month, month_day in mentions.month_days:
        try:
            day = date(year, month, day_of_month)
        except ValueError:
            continue
        if month_day.tense not in REPORTED:
            continue
        for weekday, weekday_expression in mentions.weekdays:
            if weekday_expression.tense not in REPORTED:
                continue
            if day.weekday() == weekday and (best is None or day > best[0]):
                best = (day, month_day, weekday_expression)
    return best


def _forward(anchor: date, mentions: _Mentions) -> date:
    """The latest weekday reported in a past sentence on or after ``anchor``,
    within ``WEEKDAY_REACH`` days."""
    offsets = [(weekday - anchor.weekday()) % 7 for weekday, e in mentions.weekdays if e.tense in REPORTED]
    reach = [o for o in offsets if o <= WEEKDAY_REACH]
    return anchor + timedelta(days=max(reach, default=0))


def _weekdays_used(anchor: date, day: date, mentions: _Mentions) -> list[TimeExpression]:
    return [e for weekday, e in mentions.weekdays if anchor <= anchor + timedelta(days=(weekday - anchor.weekday()) % 7) <= day]


def _unique(expressions: list[TimeExpression]) -> list[TimeExpression]:
    seen = {}
    for e in expressions:
        seen.setdefault((e.start, e.end), e)
    return sorted(seen.values(), key=lambda e: e.start)


def infer_published(ctx: ArticleContext) -> None:
    article = ctx.article
    if article.published is not None:
        return
    guess = infer_publication_date(find_time_expressions(ctx.doc), ctx.options.reference_date)
    if guess is None:
        article.published_source = "none"
        return
    article.published = guess.day.isoformat()
    article.published_source = "inferred"
    article.published_confidence = guess.confidence
    article.published_evidence = [Evidence(article.id, e.start, e.end, e.text) for e in guess.evidence]


STAGE = Stage(VERSION, infer_published, requires=("doc",), assigns=("article.published",))
