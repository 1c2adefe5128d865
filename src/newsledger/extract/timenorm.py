"""Normalization of time expressions: the TimeML (TIMEX3) type and value of one
expression's text against the article's date (``normalize``), and the lexicons
it reads. Pure, no spaCy; ``timex`` finds the expressions and their tenses.

Weekdays, month-days and months take their direction from the tense: "on
Thursday" in a past sentence is the last Thursday on or before the anchor, in a
future one the next after it. Conventions where TimeML leaves a choice (kept
stable; the TempEval loader compares against them):

- Decades are ``198X`` ("the 1980s"), centuries the two leading digits ("the
  20th century" → ``19``), vague amounts ``X`` ("many years" → ``PXY``).
- A part of a day is its day: "Tuesday night", "tonight", "this morning"
  are DATE values (TimeBank's practice, rather than TimeML's ``TNI``); TIME
  is kept for clock times ("3 p.m.").
- Without an anchor, what depends on it keeps ``X`` placeholders
  ("June 20" → ``XXXX-06-20``, "Tuesday" → ``XXXX-WXX-2``) or is None
  ("yesterday").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "present", "future"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


# --- vocabulary -----------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "half a": 0.5,
}
VAGUE_AMOUNTS = {"many", "several", "a few", "few", "some", "numerous", "countless", "recent", "the past few", "the last few"}
# unit -> (TimeML unit letter, multiplier, is a time-of-day unit)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PRESENT_WORDS = {"now", "currently", "current", "nowadays", "these days", "at present", "present", "right now", "today's"}
PAST_WORDS = {"recently", "the past", "in the past", "recent years", "recent months", "recent weeks", "recent days", "lately", "earlier"}
FUTURE_WORDS = {"the future", "in the future", "the coming years", "coming years", "the years to come"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H"}

# Shared with the extent finder in ``timex``: what is trimmed off either end.
_LEADING = re.compile(r"^(?:(?:on|in|at|since|for|from|by|until|till|during|through|over|about|around|of)\s+)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?<![ap]\.[m])[\s,.;:!?'’\")\]]+$", re.IGNORECASE)
APOSTROPHE = "'"


# --- normalization --------------------------------------------------------


def normalize(text: str, anchor: date | None, tense: Tense | None = None) -> tuple[TimeType, str | None]:
    """TimeML type and value of one expression against the anchor date.

    ``tense`` picks the direction of underspecified dates (past by default,
    as in news). Returns ``(type, None)`` when the value cannot be fixed.
    """
    t = _clean(text)
    for rule in _RULES:
        result = rule(t, anchor, tense or "past")
        if result is not None:
            return result
    return ("DURATION" if _mentions_unit(t) else "DATE"), None


def _clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("–", "-")
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
    return f"{year}-W{week:02d}"


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


def _month_day_date(anchor: date, month: int, day: int, tense: Tense) -> date | None:
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
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
    return anchor.year if month <= anchor.month else anchor.year - 1


def _rule_iso(t, anchor, tense):
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(t\d\d:\d\d(?::\d\d)?)?", t)
    if m:
        value = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        return ("TIME", value + m.group(4).upper()) if m.group(4) else ("DATE", value)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)", t)
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        return "DATE", f"{_year(m.group(3)):04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return None


_MON_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD_RE = r"(mon(?:day)?|tues?(?:day)?|wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_UNIT_RE = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))"


def _rule_calendar_date(t, anchor, tense):
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
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    resolved = _month_day_date(anchor, month, day, tense)
    return "DATE", _day(resolved) if resolved else None


def _rule_month(t, anchor, tense):
    m = re.fullmatch(rf"(?:(early|late|mid|last|next|this|the end of|the beginning of|the start of|the middle of)[- ]?)?{_MON_RE}(?: of)?,?(?: (\d{{4}}))?", t)
    if not m or (m.group(2) == "may" and not (m.group(1) or m.group(3))):
        return None
    month = MONTHS[m.group(2)]
    if m.group(3):
        return "DATE", f"{m.group(3)}-{month:02d}"
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{_month_year(anchor, month, tense, m.group(1)):04d}-{month:02d}"


def _rule_weekday(t, anchor, tense):
    m = re.fullmatch(rf"(?:(last|next|this|coming|past) )?{_WD_RE}(?: (morning|afternoon|evening|night|overnight))?", t)
    if not m:
        return None
    weekday = WEEKDAYS[m.group(2)]
    if anchor is None:
        return "DATE", f"XXXX-WXX-{weekday + 1}"
    return "DATE", _day(_weekday_date(anchor, weekday, tense, m.group(1)))


def _rule_deictic(t, anchor, tense):
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight|this|last)(?: (morning|afternoon|evening|night))?", t)
    if not m or (m.group(1) in {"this", "last"} and not m.group(2)):
        return None
    word, part = m.group(1), m.group(2)
    if word == "tonight":
        word, part = "today", "night"
    if word == "last":
        word = "yesterday"
    if anchor is None:
        return "DATE", None
    shift = {"today": 0, "this": 0, "yesterday": -1, "tomorrow": 1}[word]
    return "DATE", _day(anchor + timedelta(days=shift))


def _rule_relative_period(t, anchor, tense):
    m = re.fullmatch(
        r"(?:(?:earlier|later|early|late) (?:in )?)?(this|last|next|coming|past|previous|current|the same|the current)"
        r" (week|weekend|month|year|quarter|spring|summer|fall|autumn|winter|decade|century)",
        t,
    )
    if not m:
        return None
    relation, unit = m.group(1), m.group(2)
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(relation, 0)
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
        return "DATE", f"{(anchor.year // 10 + step):03d}X"
    if unit == "century":
        return "DATE", f"{anchor.year // 100 + step:02d}"
    return "DATE", f"{anchor.year + step:04d}"


def _rule_past_n_units(t, anchor, tense):
    # "the past two months", "the next five years": a duration ending/starting now.
    m = re.fullmatch(rf"(?:the )?(?:past|last|previous|next|coming|first|final)(?: (.+?))? {_UNIT_RE}", t)
    if not m:
        return None
    amount = m.group(1)
    return _duration(amount or "one", m.group(2))


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


def _rule_ago(t, anchor, tense):
    m = re.fullmatch(rf"(.+?)[- ]{_UNIT_RE} (ago|earlier|later|before|from now)", t)
    if not m:
        return None
    number = _number(m.group(1))
    unit = _unit_name(m.group(2))
    if anchor is None or number is None or not float(number).is_integer():
        return "DATE", None
    n = int(number) * (-1 if m.group(3) in {"ago", "earlier", "before"} else 1)
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


def _rule_duration(t, anchor, tense):
    m = re.fullmatch(rf"(?:(.+?)[- ])?{_UNIT_RE}(?:[- ]long)?", t)
    if not m:
        return None
    amount = m.group(1) or ""
    if not amount and not m.group(2).endswith("s"):
        return None
    if amount.startswith("recent") and not amount[6:].strip():
        return "DATE", "PAST_REF"
    return _duration(amount, m.group(2))


def _rule_year(t, anchor, tense):
    t = t[4:] if t.startswith("the ") else t
    m = re.fullmatch(r"(?:fiscal |the year )?(\d{4}|'\d\d)", t)
    if m:
        return "DATE", f"{_year(m.group(1).strip(APOSTROPHE)):04d}"
    m = re.fullmatch(r"(?:(?:early|late|mid)[- ]?)?(\d{3})0s|'(\d)0s", t)
    if m:
        return "DATE", f"{m.group(1)}X" if m.group(1) else f"19{m.group(2)}X"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}"
    m = re.fullmatch(rf"(?:fiscal[- ])?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (\d{{4}}))?", t)
    if m:
        quarter = ORDINALS[m.group(1)]
        if m.group(2) or anchor is None:
            return "DATE", f"{m.group(2) or 'XXXX'}-Q{quarter}"
        # A quarter reported in the past that has not begun yet is last year's.
        ahead = quarter > (anchor.month - 1) // 3 + 1
        return "DATE", f"{anchor.year - (ahead and tense == 'past'):04d}-Q{quarter}"
    m = re.fullmatch(r"(?:this|that|(?:latest|most recent|just[- ]ended) )?quarter", t)
    if m:
        # Results are reported after a quarter ends: in a past sentence "the
        # quarter" is the last completed one.
        if anchor is None:
            return "DATE", None
        step = -1 if tense != "future" else 0
        year, month = _add_months(anchor.year, anchor.month, 3 * step)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    m = re.fullmatch(rf"(?:(?:this|last|next) )?(spring|summer|fall|autumn|winter)(?: (?:of )?(\d{{4}}))?", t)
    if m:
        year = m.group(2) or (str(anchor.year) if anchor else "XXXX")
        return "DATE", f"{year}-{SEASONS[m.group(1)]}"
    return None


def _rule_clock(t, anchor, tense):
    m = re.fullmatch(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)?(?: [a-z]{2,4})?|noon|midnight", t)
    if not m or (m.group(0) not in {"noon", "midnight"} and not (m.group(2) or m.group(3))):
        return None
    if t == "noon":
        hour, minute = 12, 0
    elif t == "midnight":
        hour, minute = 0, 0
    else:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        meridian = (m.group(3) or "").replace(".", "")
        if meridian == "pm" and hour < 12:
            hour += 12
        elif meridian == "am" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return None
    day = _day(anchor) if anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _rule_refs(t, anchor, tense):
    if t in PRESENT_WORDS:
        return "DATE", "PRESENT_REF"
    if t in PAST_WORDS:
        return "DATE", "PAST_REF"
    if t in FUTURE_WORDS:
        return "DATE", "FUTURE_REF"
    return None


def _rule_set(t, anchor, tense):
    if t in SET_WORDS:
        return "SET", SET_WORDS[t]
    m = re.fullmatch(rf"(?:every|each) (day|week|month|year|{_WD_RE})", t)
    if not m:
        return None
    if m.group(1) in {"day", "week", "month", "year"}:
        return "SET", f"P1{UNITS[m.group(1)][0]}"
    return "SET", f"XXXX-WXX-{WEEKDAYS[m.group(2)] + 1}"


_RULES = [
    _rule_refs, _rule_iso, _rule_calendar_date, _rule_month, _rule_weekday, _rule_deictic,
    _rule_relative_period, _rule_past_n_units, _rule_ago, _rule_set, _rule_year, _rule_clock, _rule_duration,
]
