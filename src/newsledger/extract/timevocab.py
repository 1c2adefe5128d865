"""The words and tables that time normalization reads: month and weekday
names, number and ordinal words, holidays, seasons, units, the words of vague
references and sets, the prepositions trimmed off an expression's ends, and
the same names as regular-expression fragments for the rules. Plain data, no
logic: ``timenorm`` reads (and re-exports) it, ``timex`` builds its detection
patterns on it.
"""

from __future__ import annotations

import re

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
# Holidays as (month, day), or (month, weekday, nth) counting from the
# month's start (nth -1: the last); Election Day is the Tuesday after the
# first Monday of November, the first Tuesday on or after the 2nd.
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Christmas": (12, 25), "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24), "Independence Day": (7, 4), "Veterans Day": (11, 11), "Halloween": (10, 31),
    "Valentine's Day": (2, 14), "Thanksgiving": (11, 3, 4), "Thanksgiving Day": (11, 3, 4),
    "Labor Day": (9, 0, 1), "Memorial Day": (5, 0, -1), "Martin Luther King Day": (1, 0, 3),
    "Presidents' Day": (2, 0, 3), "Columbus Day": (10, 0, 2), "Mother's Day": (5, 6, 2), "Father's Day": (6, 6, 3),
    "Election Day": (11, 1, 1),
}
_HOLIDAY_KEYS = {name.lower(): name for name in HOLIDAYS}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PRESENT_WORDS = {"now", "currently", "current", "nowadays", "these days", "at present", "present", "right now", "today's"}
PAST_WORDS = {"recently", "the past", "in the past", "recent years", "recent months", "recent weeks", "recent days", "lately", "earlier"}
FUTURE_WORDS = {"the future", "in the future", "the near future", "the near term", "the coming years", "coming years", "the years to come"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H"}

# Shared with the extent finder in ``timex``: what is trimmed off either end.
_LEADING = re.compile(r"^(?:(?:on|in|at(?! least\b)|since|for|from|by|until|till|during|through|over|about|around|of)\s+)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?<![ap]\.[m])[\s,.;:!?'’\")\]]+$", re.IGNORECASE)
APOSTROPHE = "'"

# Fragments of the normalization rules' patterns (over lower-cased text); the
# groups capture the word to look up in the tables above.
_MON_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD_RE = r"(mon(?:day)?|tues?(?:day)?|wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_UNIT_RE = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_CLOCK_RE = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d\d|noon|midday|midnight)"
_ORDINAL_RE = r"(first|second|third|fourth|1st|2nd|3rd|4th)"
_APPROXIMATELY = r"(?:(?:nearly|almost|more than|less than|at least|no more than|up to|roughly|approximately) )?"
