"""An undated article's publication day, from its story: "June 20" without a year takes the story's year.

An article that came with no date, and whose text fixes none by itself
(``extract.pubdate``: a month-day recurs every year), often still names
the days it reports ("on June 20"). Once it is linked into a story whose
other articles are dated, each such month-day is read in the year that puts
it closest to the middle of their days, if that is within ``REACH_DAYS``.
The article's publication day is then the latest of those days that is not
after the story's latest dated article by more than ``AFTER_DAYS`` (an
article appears on or after the days it reports; a later day is a deadline
or a schedule), with ``published_source`` "story", a confidence of
``CONFIDENCE`` and that month-day as evidence. Its times and events read as
those month-days get the year too.

An article already dated, or one whose story has no dated article, is left
as it is; so is one that names no month-day.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..extract.pubdate import MONTH_DAY
from ..records import Evidence
from ..store import dates as D
from ..store.database import LedgerStore

REACH_DAYS = 120
AFTER_DAYS = 2
CONFIDENCE = 0.5


def date_from_stories(store: LedgerStore, stories: list[str]) -> int:
    """Date the undated articles of ``stories`` from their dated ones; returns how many were dated."""
    articles = D.publication_days(store, stories)
    dated: dict[str, list[date]] = {}
    for row in articles:
        if row["published"]:
            dated.setdefault(row["story"], []).append(date.fromisoformat(row["published"]))
    count = 0
    for days in dated.values():
        days.sort()
    for row in articles:
        days = dated.get(row["story"], [])
        if row["published"] or not days:
            continue
        if _date_article(store, row["id"], days):
            count += 1
    return count


def _date_article(store: LedgerStore, article: str, story_days: list[date]) -> bool:
    middle = story_days[len(story_days) // 2]
    latest_allowed = story_days[-1] + timedelta(days=AFTER_DAYS)
    read = [(day, time) for time in D.time_values(store, article)
            if (day := in_story_year(time["value"], middle)) is not None]
    reported = [(day, time) for day, time in read if day <= latest_allowed]
    if not reported:
        return False
    day, time = max(reported, key=lambda pair: (pair[0], -pair[1]["start"]))
    evidence = [Evidence(article, time["start"], time["end"], time["text"])]
    D.set_published(store, article, day.isoformat(), "story", CONFIDENCE, evidence)
    _fill_year(store, article, read, middle)
    return True


def in_story_year(value: str | None, middle: date) -> date | None:
    """A month-day TimeML value ("XXXX-06-20") in the year that puts it closest to ``middle``, when that
    is within ``REACH_DAYS``; None otherwise (or for any other value)."""
    match = MONTH_DAY.fullmatch(value or "")
    if match is None:
        return None
    month, day_of_month = int(match.group(1)), int(match.group(2))
    candidates = []
    for year in (middle.year - 1, middle.year, middle.year + 1):
        try:
            candidates.append(date(year, month, day_of_month))
        except ValueError:
            continue  # February 29 in a year without it
    if not candidates:
        return None
    closest = min(candidates, key=lambda day: abs((day - middle).days))
    return closest if abs((closest - middle).days) <= REACH_DAYS else None


def _fill_year(store: LedgerStore, article: str, read: list[tuple[date, dict]], middle: date) -> None:
    """Give the article's month-day times (``read``: each with its day) and event dates their year."""
    for day, time in read:
        D.set_time_value(store, article, time["start"], time["end"], day.isoformat())
    for event in D.event_dates(store, article):
        if (day := in_story_year(event["date"], middle)) is not None:
            D.set_event_date(store, event["id"], day.isoformat())
