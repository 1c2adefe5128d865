"""Normalization of time expressions: the TimeML (TIMEX3) type and value of one
expression's text against the article's date (``normalize``); the lexicons it
reads live in ``timevocab`` and are re-exported here. Pure, no spaCy; ``timex``
finds the expressions and their tenses.

Weekdays, month-days and months take their direction from the tense: "on
Thursday" in a past sentence is the last Thursday on or before the anchor, in a
future one the next after it. Conventions where TimeML leaves a choice (kept
stable; the TempEval loader compares against them):

- Decades are the three leading digits ("the 1980s" → ``198``), centuries
  the two ("the 20th century" → ``19``), as the TIMEX3 guidelines write
  them; vague amounts are ``X`` ("many years" → ``PXY``).
- A part of a day is its day: "Tuesday night", "tonight", "this morning"
  are DATE values (TimeBank's practice, rather than TimeML's ``TNI``); TIME
  is kept for clock times ("3 p.m.").
- Anaphoric expressions ("that year", "the following month", "the
  year-ago quarter", "a year earlier" after a quarter) read the latest
  calendar value mentioned before them (``reference``); without one they fall
  back on the anchor where that makes sense, else None.
- Without an anchor, what depends on it keeps ``X`` placeholders
  ("June 20" → ``XXXX-06-20``, "Tuesday" → ``XXXX-WXX-2``) or is None
  ("yesterday").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import Literal

from .timevocab import (
    _APPROXIMATELY, _CLOCK_RE, _DAY_RE, _HOLIDAY_KEYS, _LEADING, _MON_RE, _ORDINAL_RE, _TRAILING, _UNIT_RE, _WD_RE,
    APOSTROPHE, FUTURE_WORDS, HOLIDAYS, MONTHS, NUMBER_WORDS, ORDINALS, PAST_WORDS, PRESENT_WORDS, SEASONS, SET_WORDS,
    UNITS, VAGUE_AMOUNTS, WEEKDAYS,
)

Tense = Literal["past", "present", "future"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


# --- normalization --------------------------------------------------------


def normalize(text: str, anchor: date | None, tense: Tense | None = None,
              reference: str | None = None) -> tuple[TimeType, str | None]:
    """TimeML type and value of one expression against the anchor date.

    ``tense`` picks the direction of underspecified dates (past by default,
    as in news). ``reference`` is the latest calendar value (``1989-Q3``,
    ``1998-10-23``) mentioned before the expression, for anaphoric ones
    ("that year"). Returns ``(type, None)`` when the value cannot be fixed.
    """
    t = _clean(text)
    if t == "may" and text.strip() != "May":
        return "DATE", None  # lower-case "may" is the verb
    context = _Context(anchor, tense or "past", _Reference.parse(reference))
    for rule in _RULES:
        try:
            result = rule(t, context)
        except OverflowError:  # "tomorrow" on 9999-12-31: past the calendar's end
            return "DATE", None
        if result is not None:
            kind, value = result
            return (kind, None) if value and _OUTSIDE_CALENDAR.match(value) else result
    return ("DURATION" if _mentions_unit(t) else "DATE"), None


_CALENDAR = re.compile(r"(\d{4})(?:-Q([1-4])|-(\d\d)(?:-(\d\d))?)?")


def is_calendar_value(value: str | None) -> bool:
    """Whether ``value`` names a year, quarter, month or day (what anaphora can refer to)."""
    return bool(value) and _CALENDAR.fullmatch(value.split("T", 1)[0]) is not None


_CALENDAR_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def days_between(earlier: str | None, later: str | None) -> int | None:
    """How many days ``later`` falls after ``earlier`` (negative before it), when both TimeML values name a
    day ("2016-07-27", a time on it too); None otherwise."""
    if not (earlier and later and _CALENDAR_DAY.match(earlier) and _CALENDAR_DAY.match(later)):
        return None
    try:
        return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days
    except ValueError:
        return None  # "2016-02-30"


_RELATIVE = re.compile(r"\b(?:that|same|following|previous|prior|period|ago|earlier|later|before|after)\b|year-(?:ago|earlier)", re.IGNORECASE)


def is_relative(text: str) -> bool:
    """Whether an expression is read relative to another time ("a year earlier",
    "that day"), so it cannot serve as the reference for those after it."""
    return _RELATIVE.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Reference:
    """A calendar value split into its parts; finer parts are None when absent."""

    year: int
    quarter: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> "_Reference | None":
        m = _CALENDAR.fullmatch(value.split("T", 1)[0]) if value else None
        if not m:
            return None
        month = int(m.group(3)) if m.group(3) else None
        quarter = int(m.group(2)) if m.group(2) else ((month - 1) // 3 + 1 if month else None)
        return cls(int(m.group(1)), quarter, month, int(m.group(4)) if m.group(4) else None)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None and self.month is None

    def as_date(self) -> date | None:
        try:
            return date(self.year, self.month, self.day) if self.month and self.day else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: date | None
    tense: Tense
    reference: _Reference | None


# A year before 1 or after 9999 ("next year" in 9999): no value.
_OUTSIDE_CALENDAR = re.compile(r"-|\d{5}")


def _clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("–", "-")
    if not t.isascii():  # "۲۰۲۳" is 2023: values are written in ASCII digits
        t = re.sub(r"\d", lambda m: str(unicodedata.decimal(m.group())), t)
    t = _LEADING.sub("", t.strip())
    t = re.sub(r"\s+", " ", _TRAILING.sub("", t))
    return t


def _mentions_unit(t: str) -> bool:
    return bool(re.search(r"\b(?:second|minute|hour|day|week|month|year|decade|centur)", t))


def _number(word: str) -> float | None:
    word = word.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    parts = re.split(r"[-\s]", word)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _year(text: str) -> int:
    y = int(text)
    if y < 100:
        return 1900 + y if y >= 50 else 2000 + y
    return y


def _day(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _weekday_date(anchor: date, weekday: int, tense: Tense, relation: str | None = None) -> date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - timedelta(days=back or 7)
    if relation in {"next", "coming"}:
        return anchor + timedelta(days=forward or 7)
    if tense == "future":
        # Same weekday as the anchor is that day: an article of Thursday that
        # says "will meet on Thursday" means later that day.
        return anchor + timedelta(days=forward)
    if tense == "present":
        return anchor + timedelta(days=forward) if forward < back else anchor - timedelta(days=back)
    return anchor - timedelta(days=back)


FAR_DAYS = 200
NEAR_DAYS = 100
# A month at most this far ahead of the anchor is read ahead even in a past sentence.
NEAR_MONTHS = 2


def _month_day_date(anchor: date, month: int, day: int, tense: Tense) -> date | None:
    def in_year(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    return _yearly_date(anchor, in_year, tense)


def _holiday_date(name: str, year: int) -> date:
    spec = HOLIDAYS[name]
    if len(spec) == 2:
        return date(year, *spec)
    month, weekday, nth = spec
    if nth < 0:
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=(following.weekday() - weekday - 1) % 7 + 1)
    first = date(year, month, 2 if name == "Election Day" else 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _yearly_date(anchor: date, in_year: Callable[[int], date | None], tense: Tense) -> date | None:
    """The occurrence of a yearly day (``in_year(year)``) the tense points to."""
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1) if MINYEAR <= y <= MAXYEAR]
    options = [d for d in (in_year(year) for year in years) if d]
    if not options:
        return None
    nearest = min(options, key=lambda d: abs((d - anchor).days))
    if tense == "present":
        return nearest
    if tense == "future":
        preferred = min((d for d in options if d >= anchor), default=nearest)
    else:
        preferred = max((d for d in options if d <= anchor), default=nearest)
    # A deadline in a past sentence ("extended the offer to Nov. 20", written
    # Nov. 2): when the tense's way lies most of a year off and the other way
    # only weeks, the tense misleads.
    if abs((preferred - anchor).days) > FAR_DAYS and abs((nearest - anchor).days) <= NEAR_DAYS:
        return nearest
    return preferred


def _month_year(anchor: date, month: int, tense: Tense, relation: str | None) -> int:
    if relation == "last":
        return anchor.year - 1 if month >= anchor.month else anchor.year
    if relation in {"next", "coming"}:
        return anchor.year + 1 if month <= anchor.month else anchor.year
    if relation == "this":
        return anchor.year
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "present":
        return min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: abs((y - anchor.year) * 12 + month - anchor.month))
    # A month just ahead is that month even in a past sentence ("was set for
    # April", written in March); further ahead, the tense wins.
    ahead = (month - anchor.month) % 12
    if 0 < ahead <= NEAR_MONTHS:
        return anchor.year + (month < anchor.month)
    return anchor.year if month <= anchor.month else anchor.year - 1


def _rule_iso(t, c):
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(t(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?", t)
    if m:
        if _real_day(int(m.group(1)), int(m.group(2)), int(m.group(3))) is None:
            return "DATE", None  # "2023-02-30" names no day
        value = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        return ("TIME", value + m.group(4).upper()) if m.group(4) else ("DATE", value)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)", t)
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        day = _real_day(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        return "DATE", _day(day) if day else None
    return None


def _real_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _rule_calendar_date(t, c):
    t = re.sub(rf"^{_WD_RE},? (?=[a-z\d])", "", t)
    m = re.fullmatch(rf"{_MON_RE} {_DAY_RE}(?:,? (\d{{4}}))?", t) or None
    if m:
        month, day, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
    else:
        m = re.fullmatch(rf"{_DAY_RE} (?:of )?{_MON_RE}(?:,? (\d{{4}}))?", t)
        if not m:
            return None
        month, day, year = MONTHS[m.group(2)], int(m.group(1)), m.group(3)
    if not 1 <= day <= 31:
        return None
    if year:
        try:
            return "DATE", date(int(year), month, day).isoformat()
        except ValueError:
            return "DATE", None
    if c.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    resolved = _month_day_date(c.anchor, month, day, c.tense)
    return "DATE", _day(resolved) if resolved else None


def _rule_month(t, c):
    m = re.fullmatch(rf"(?:(early|late|mid|last|next|this|the end of|the beginning of|the start of|the middle of)[- ]?)?"
                     rf"{_MON_RE}(?: of)?,?(?: (\d{{4}})| (this|last|next) year)?", t)
    if not m:
        return None
    month = MONTHS[m.group(2)]
    if m.group(3):
        return "DATE", f"{m.group(3)}-{month:02d}"
    if c.anchor is None:
        return "DATE", None if m.group(4) else f"XXXX-{month:02d}"
    if m.group(4):  # "July last year"
        return "DATE", f"{c.anchor.year + {'last': -1, 'next': 1}.get(m.group(4), 0):04d}-{month:02d}"
    return "DATE", f"{_month_year(c.anchor, month, c.tense, m.group(1)):04d}-{month:02d}"


def _rule_weekday(t, c):
    m = re.fullmatch(rf"(?:(last|next|this|coming|past) )?{_WD_RE}(?: (morning|afternoon|evening|night|overnight))?", t)
    if not m:
        return None
    weekday = WEEKDAYS[m.group(2)]
    if c.anchor is None:
        return "DATE", f"XXXX-WXX-{weekday + 1}"
    return "DATE", _day(_weekday_date(c.anchor, weekday, c.tense, m.group(1)))


def _rule_deictic(t, c):
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight|this|last)(?: (morning|afternoon|evening|night))?", t)
    if not m or (m.group(1) in {"this", "last"} and not m.group(2)):
        return None
    word = m.group(1)
    if word == "tonight":
        word = "today"
    if word == "last":
        word = "yesterday"
    if c.anchor is None:
        return "DATE", None
    shift = {"today": 0, "this": 0, "yesterday": -1, "tomorrow": 1}[word]
    return "DATE", _day(c.anchor + timedelta(days=shift))


def _rule_holiday(t, c):
    m = re.fullmatch(r"(?:(last|next|this) )?(.*)", t)  # not .+: "" is no holiday
    name = _HOLIDAY_KEYS.get(m.group(2).replace("’", "'"))
    if name is None:
        return None
    if c.anchor is None:
        spec = HOLIDAYS[name]
        return "DATE", f"XXXX-{spec[0]:02d}-{spec[1]:02d}" if len(spec) == 2 else None
    tense = {"last": "past", "next": "future"}.get(m.group(1), c.tense)
    return "DATE", _day(_yearly_date(c.anchor, lambda year: _holiday_date(name, year), tense))


def _rule_weekend(t, c):
    # "over the weekend" in a past sentence is the one just gone; ISO weeks
    # end on Sunday, so a Saturday or Sunday anchor is inside its own.
    if t not in {"the weekend", "this weekend"}:
        return None
    if c.anchor is None:
        return "DATE", None
    inside = c.anchor.weekday() >= 5
    step = -1 if c.tense == "past" and not inside and t == "the weekend" else 0
    return "DATE", _week(c.anchor + timedelta(weeks=step)) + "-WE"


def _rule_relative_period(t, c):
    m = re.fullmatch(
        r"(?:(?:earlier|later|early|late) (?:in )?)?(this|last|next|coming|past|previous|current|the same|the current|the full)"
        r"(?: fiscal)? (week|weekend|month|year|quarter|spring|summer|fall|autumn|winter|decade|century)"
        r"|(?:earlier|later) in (the) (day|week|month|year)",
        t,
    )
    if not m:
        return None
    relation, unit = m.group(1) or m.group(3), m.group(2) or m.group(4)
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(relation, 0)
    anchor = c.anchor
    if relation == "the" and unit == "day":  # "earlier in the day"
        return "DATE", _day(anchor) if anchor else None
    if anchor is None:
        return "DATE", None
    if unit in {"week", "weekend"}:
        value = _week(anchor + timedelta(weeks=step))
        return "DATE", value + "-WE" if unit == "weekend" else value
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, step)
        return "DATE", f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = _add_months(anchor.year, anchor.month, 3 * step)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit in SEASONS:
        return "DATE", f"{anchor.year + step:04d}-{SEASONS[unit]}"
    if unit == "decade":
        return "DATE", f"{(anchor.year // 10 + step):03d}"
    if unit == "century":
        return "DATE", f"{anchor.year // 100 + step:02d}"
    return "DATE", f"{anchor.year + step:04d}"


def _rule_past_n_units(t, c):
    # "the past two months", "the next five years": a duration ending/starting
    # now; "the coming weeks" without a number is a vague one.
    m = re.fullmatch(rf"(?:the )?(?:past|last|previous|next|coming|first|final)(?: (.+?))? {_UNIT_RE}", t)
    if not m:
        return None
    amount = m.group(1) or ("" if m.group(2).endswith("s") else "one")
    return _duration(amount, m.group(2))


def _unit_name(unit: str) -> str:
    unit = unit.rstrip("s")
    return "century" if unit.startswith("centur") else unit


def _duration(amount: str, unit: str) -> tuple[TimeType, str | None]:
    letter, multiplier, clock = UNITS[_unit_name(unit)]
    number = _number(amount)
    if number is None and amount not in VAGUE_AMOUNTS | {"the", ""}:
        return "DURATION", None
    count = "X" if number is None else _fmt(number * multiplier)
    if number is not None and letter == "Q":
        count, letter = _fmt(number * 3), "M"
    return "DURATION", f"PT{count}{letter}" if clock else f"P{count}{letter}"


def _rule_ago(t, c):
    m = re.fullmatch(rf"{_APPROXIMATELY}(.+?)[- ]{_UNIT_RE} (ago|earlier|later|before|from now)", t)
    if not m:
        return None
    number = _number(m.group(1))
    unit = _unit_name(m.group(2))
    anchor, reference = c.anchor, c.reference
    if anchor is None or number is None or not float(number).is_integer():
        return "DATE", None
    n = int(number) * (-1 if m.group(3) in {"ago", "earlier", "before"} else 1)
    if unit == "year" and reference and reference.is_quarter:
        # Results "up from $5 million a year earlier" compare quarters.
        return "DATE", f"{reference.year + n:04d}-Q{reference.quarter}"
    if unit in {"day", "night"}:
        return "DATE", _day(anchor + timedelta(days=n))
    if unit == "week":
        return "DATE", _week(anchor + timedelta(weeks=n))
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, n)
        return "DATE", f"{year:04d}-{month:02d}"
    if unit in {"year", "decade", "century"}:
        return "DATE", f"{anchor.year + n * UNITS[unit][1]:04d}"
    return "TIME", None


def _rule_duration(t, c):
    if re.fullmatch(r"the (?:fiscal )?year end(?:ed|ing)", t):
        return "DURATION", "P1Y"  # "the year ended March 31": its results span the year
    t = re.sub(rf"^{_APPROXIMATELY}(?:the )?(?:(?:year-ago|year-earlier|latest|comparable) )?", "", t)
    m = re.fullmatch(rf"(?:(.+?)[- ])?(?:more |additional )?{_UNIT_RE}(?:[- ]long)?", t)
    if not m:
        return None
    amount = m.group(1) or ""
    if not amount and not m.group(2).endswith("s"):
        return None
    if amount.startswith("recent") and not amount[6:].strip():
        return "DATE", "PAST_REF"
    return _duration(amount, m.group(2))


def _last_quarter(c: _Context) -> tuple[int, int] | None:
    """The quarter a results story is about: the one just mentioned, else the
    last one completed before the anchor."""
    if c.reference and c.reference.is_quarter:
        return c.reference.year, c.reference.quarter
    if c.anchor is None:
        return None
    year, month = _add_months(c.anchor.year, c.anchor.month, -3)
    return year, (month - 1) // 3 + 1


def _rule_quarter(t, c):
    t = t[4:] if t.startswith("the ") else t
    # "the 1988 third quarter", "next year's first quarter", "the year-ago quarter"
    m = re.fullmatch(
        rf"(?:(\d{{4}})|(next|last|this) year's|(?:comparable |corresponding )?year-(?:ago|earlier))"
        rf"(?: fiscal)?(?: {_ORDINAL_RE}[- ]quarter| quarter| period)?", t)
    if m and not (m.group(1) and not t[4:]):
        quarter = ORDINALS[m.group(3)] if m.group(3) else None
        if m.group(1):
            year = int(m.group(1))
        elif c.anchor is None:
            return "DATE", None
        elif m.group(2):
            year = c.anchor.year + {"next": 1, "last": -1, "this": 0}[m.group(2)]
        else:
            last = _last_quarter(c)
            if last is None:
                return "DATE", None
            if quarter is None and not (c.reference and c.reference.is_quarter) and not t.endswith(("quarter", "period")):
                return "DATE", f"{c.anchor.year - 1:04d}"  # "year-earlier profit" outside a quarter
            year, quarter = last[0] - 1, quarter or last[1]
        if quarter is None and c.reference and c.reference.is_quarter:
            quarter = c.reference.quarter
        return "DATE", f"{year:04d}-Q{quarter}" if quarter else f"{year:04d}"
    m = re.fullmatch(rf"(?:fiscal[- ])?{_ORDINAL_RE}[- ]quarter(?: of (\d{{4}}))?", t)
    if m:
        quarter = ORDINALS[m.group(1)]
        if m.group(2) or c.anchor is None:
            return "DATE", f"{m.group(2) or 'XXXX'}-Q{quarter}"
        # A quarter reported in the past that has not begun yet is last year's.
        ahead = quarter > (c.anchor.month - 1) // 3 + 1
        return "DATE", f"{c.anchor.year - (ahead and c.tense == 'past'):04d}-Q{quarter}"
    m = re.fullmatch(r"(?:(?:this|that|latest|most recent|just[- ]ended) )?(?:quarter|period)", t)
    if m and (t.endswith("quarter") or "latest" in t or "recent" in t):
        # Results are reported after a quarter ends: in a past sentence "the
        # quarter" is the last completed one (or the one just named).
        if c.anchor is not None and (c.tense == "future" or (c.tense == "present" and t.startswith("this"))):
            return "DATE", f"{c.anchor.year:04d}-Q{(c.anchor.month - 1) // 3 + 1}"
        last = _last_quarter(c)
        return "DATE", f"{last[0]:04d}-Q{last[1]}" if last else None
    m = re.fullmatch(r"(first|second|last|latter) half(?: of)? (\d{4}|the year|this year|next year|last year)", t)
    if m:
        half = 1 if m.group(1) == "first" else 2
        if m.group(2)[0].isdigit():
            return "DATE", f"{m.group(2)}-H{half}"
        if c.anchor is None:
            return "DATE", None
        step = {"next year": 1, "last year": -1}.get(m.group(2), 0)
        return "DATE", f"{c.anchor.year + step:04d}-H{half}"
    return None


def _rule_year(t, c):
    t = t[4:] if t.startswith("the ") else t
    m = re.fullmatch(r"(?:fiscal |the year )?(\d{4}|'\d\d)", t)
    if m:
        return "DATE", f"{_year(m.group(1).strip(APOSTROPHE)):04d}"
    m = re.fullmatch(r"(?:(?:early|late|mid)[- ]?)?(\d{3})0s|'(\d)0s", t)
    if m:
        return "DATE", m.group(1) if m.group(1) else f"19{m.group(2)}"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}"
    m = re.fullmatch(r"(?:(this|last|next|this past|early|late|the early|the late) )?(spring|summer|fall|autumn|winter)(?: (?:of )?(\d{4}))?", t)
    if m:
        year = m.group(3) or (f"{c.anchor.year + {'last': -1, 'next': 1}.get(m.group(1), 0):04d}" if c.anchor else "XXXX")
        return "DATE", f"{year}-{SEASONS[m.group(2)]}"
    if t in {"year", "fiscal year"}:
        # "for the year, volume was flat": the year of the anchor ("the
        # year ended March 31" is read as a span, ``_rule_duration``)
        return ("DATE", f"{c.anchor.year:04d}") if c.anchor else ("DATE", None)
    if t in {"year-end", "year end", "year's end"}:
        return ("DATE", f"{c.anchor.year:04d}") if c.anchor else ("DATE", None)
    return None


def _rule_part_of(t, c):
    # "the end of November", "the beginning of this week": the value of what
    # it is part of, as TimeBank gives it.
    m = re.fullmatch(r"(?:the )?(?:end|beginning|start|middle|close) of (.+)", t)
    if not m:
        return None
    whole = re.sub(r"^the (?=(?:week|month|quarter|year)$)", "this ", m.group(1))
    kind, value = normalize(whole, c.anchor, c.tense, None)
    return (kind, value) if kind == "DATE" and value else None


def _rule_anaphoric(t, c):
    # "that year", "the following month", "earlier that day": the latest
    # calendar value mentioned before the expression, moved by the relation.
    m = re.fullmatch(r"(?:(?:earlier|later) )?(that|that same|the same|the following|the next|the previous|the prior) (day|month|year)", t)
    m = m or re.fullmatch(r"(the following|the next) (?:morning|evening|night)()", t)
    if not m:
        m = re.fullmatch(r"the (day|month|year) (before|after)", t)
        if not m:
            return None
        unit, step = m.group(1), -1 if m.group(2) == "before" else 1
    else:
        unit = m.group(2) or "day"
        step = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1}.get(m.group(1), 0)
        if m.group(1) == "the next" and unit != "day":
            return None  # "the next year" is a span ahead (``_rule_past_n_units``)
    ref = c.reference
    if ref is None:
        return "DATE", None
    if unit == "year":
        return "DATE", f"{ref.year + step:04d}"
    if unit == "month" and ref.month:
        year, month = _add_months(ref.year, ref.month, step)
        return "DATE", f"{year:04d}-{month:02d}"
    if unit == "day" and ref.as_date():
        return "DATE", _day(ref.as_date() + timedelta(days=step))
    return "DATE", None


def _clock(t: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)?(?: [a-z]{2,4})?|noon|midday|midnight", t)
    if not m or (m.group(0) not in {"noon", "midday", "midnight"} and not (m.group(2) or m.group(3))):
        return None
    if t in {"noon", "midday"}:
        return 12, 0
    if t == "midnight":
        return 0, 0
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridian = (m.group(3) or "").replace(".", "")
    if meridian == "pm" and hour < 12:
        hour += 12
    elif meridian == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour <= 23 and minute <= 59 else None


def _rule_clock(t, c):
    clock = _clock(t)
    if clock is None:
        return None
    day = _day(c.anchor) if c.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{clock[0]:02d}:{clock[1]:02d}"


def _rule_clock_on_day(t, c):
    # "10 p.m. Wednesday", "5 p.m. EST, Nov. 9": the clock time on that day.
    m = re.fullmatch(rf"({_CLOCK_RE}(?: [a-z]{{2,4}})?),? (.+)", t)
    clock = _clock(m.group(1)) if m else None
    if clock is None:
        return None
    kind, day = normalize(m.group(2), c.anchor, c.tense, None)
    if kind != "DATE" or not day or not re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d|WXX)-(?:\d\d|\d)", day):
        return None
    return "TIME", f"{day}T{clock[0]:02d}:{clock[1]:02d}"


def _rule_refs(t, c):
    if t in PRESENT_WORDS:
        return "DATE", "PRESENT_REF"
    if t in PAST_WORDS:
        return "DATE", "PAST_REF"
    if t in FUTURE_WORDS:
        return "DATE", "FUTURE_REF"
    return None


def _rule_set(t, c):
    if t in SET_WORDS:
        return "SET", SET_WORDS[t]
    m = re.fullmatch(rf"(?:every|each) (day|week|month|quarter|year|{_WD_RE})", t)
    if not m:
        return None
    if m.group(1) in {"day", "week", "month", "quarter", "year"}:
        return "SET", f"P1{UNITS[m.group(1)][0]}"
    return "SET", f"XXXX-WXX-{WEEKDAYS[m.group(2)] + 1}"


_RULES = [
    _rule_refs, _rule_iso, _rule_calendar_date, _rule_month, _rule_weekday, _rule_deictic, _rule_holiday, _rule_weekend,
    _rule_anaphoric, _rule_quarter, _rule_relative_period, _rule_past_n_units, _rule_ago, _rule_set, _rule_year,
    _rule_part_of, _rule_clock, _rule_clock_on_day, _rule_duration,
]
