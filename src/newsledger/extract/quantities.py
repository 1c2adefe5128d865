"""Figure phrases as ranges: "at least two" is [2, ∞), "dozens" [24, 99] (pure text, no model).

``parse_quantity(text)`` turns a figure phrase into a ``Quantity``, so that
figures from different articles can be compared as intervals
(``compare.discrepancies``); ``parse_number`` reads the number alone.

How vague phrases become ranges (choices, so that figures from different
articles can be compared as intervals):

=========================  =============  ==========  ===========
phrase                     min            max         qualifier
=========================  =============  ==========  ===========
"one", "36", "1.5 million" n              n           exact
"no one", "nobody", "none" 0              0           exact
"a dozen" / "three dozen"  12 / 36        12 / 36     exact
"at least n"               n              None        at_least
"more than n", "over n"    n + 1          None        at_least
"up to n", "at most n"     None           n           at_most
"fewer than n"             None           n - 1       at_most
"nearly n", "almost n"     ceil(0.9 n)    n - 1       about
"some/about/around n"      floor(0.9 n)   ceil(1.1 n) about (±10 %)
"between a and b", "a-b"   a              b           range
"several"                  3              9           vague
"a few"                    2              5           vague
"dozens"                   24             99          vague
"scores"                   40             99          vague
"hundreds"                 200            999         vague
"thousands"                2,000          9,999       vague
"tens of thousands"        20,000         99,999      vague
=========================  =============  ==========  ===========
"""

from __future__ import annotations

import re

from ..records import Quantity

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Plural counting words with no number in front: a vague range.
VAGUE = {
    "several": (3, 9), "a few": (2, 5), "few": (2, 5), "a handful of": (2, 5), "handful": (2, 5),
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "not less than")
_MORE_THAN = ("more than", "over", "in excess of", "upwards of", "above")
_AT_MOST = ("up to", "at most", "as many as", "no more than", "a maximum of", "not more than")
_FEWER_THAN = ("fewer than", "less than", "under", "below")
_NEARLY = ("nearly", "almost", "close to", "just under", "approaching")
_ABOUT = ("some", "about", "around", "approximately", "roughly", "an estimated", "estimated", "circa", "about some")

# Words that count nobody: the whole stated as zero ("no one was hurt").
_NONE = ("no one", "nobody", "none", "no", "not one", "not a single", "zero")

# No count is larger: the store keeps figures as 32-bit INTEGERs.
MAX_FIGURE = 2**31 - 1

_RANGE = re.compile(r"^(?:between\s+)?(?P<a>.+?)\s*(?:and|to|-|–|—)\s*(?P<b>.+)$")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> int | None:
    """``"3,000"`` → 3000, ``"three dozen"`` → 36, ``"1.5 million"`` → 1500000."""
    words = re.sub(r"[-‐‑]", " ", text.strip().lower()).replace(" and ", " ").split()
    if not words:
        return None
    total, current, seen = 0, 0.0, False
    for word in words:
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in _UNITS and not (word in {"a", "an"} and len(words) == 1):
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1_000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    value = total + current
    if not seen or value > MAX_FIGURE:  # also float("9" * 400), which is infinite
        return None
    return int(round(value))


def parse_quantity(text: str) -> Quantity | None:
    """A figure phrase as a range with a qualifier; None when it is no figure.

    ``start``/``end`` are left None: callers that know where the phrase sits
    in the article set them.
    """
    phrase = " ".join(text.strip().split())
    lowered = phrase.lower().rstrip(" ,.")
    lowered = re.sub(r"\s+of$", "", lowered)
    lowered = re.sub(r"^a total of\s+", "", lowered)  # "a total of three": three, and says it is the whole

    if lowered in _NONE:
        return Quantity(0, 0, phrase, qualifier="exact")
    vague = VAGUE.get(lowered)
    if vague:
        return Quantity(vague[0], vague[1], phrase, qualifier="vague")

    # Integer arithmetic: math.ceil(1.1 * 3000) is 3301.
    for prefixes, build in (
        (_AT_LEAST, lambda n: (n, None, "at_least")),
        (_MORE_THAN, lambda n: (n + 1, None, "at_least")),
        (_AT_MOST, lambda n: (None, n, "at_most")),
        (_FEWER_THAN, lambda n: (None, n - 1, "at_most")),
        (_NEARLY, lambda n: (-(-n * 9 // 10), n - 1, "about")),
        (_ABOUT, lambda n: (n * 9 // 10, -(-n * 11 // 10), "about")),
    ):
        for prefix in sorted(prefixes, key=len, reverse=True):
            if lowered.startswith(prefix + " "):
                rest = lowered[len(prefix) + 1:]
                inner = parse_quantity(rest)
                if inner is None:
                    return None
                if inner.qualifier == "vague":
                    # "at least dozens": keep the vague range's floor.
                    low = inner.min if prefix in _AT_LEAST + _MORE_THAN else None
                    return Quantity(low, inner.max if low is None else None, phrase, qualifier=inner.qualifier)
                if inner.min is None:  # "at least up to 5"
                    return None
                minimum, maximum, qualifier = build(inner.min)
                if not _countable(minimum, maximum):  # "nearly 1", "fewer than 0"
                    return None
                return Quantity(minimum, maximum, phrase, qualifier=qualifier)

    match = _RANGE.match(lowered)
    if match:
        low, high = parse_number(match["a"]), parse_number(match["b"])
        if low is not None and high is not None and low < high:
            return Quantity(low, high, phrase, qualifier="range")

    number = parse_number(lowered)
    if number is not None:
        return Quantity(number, number, phrase, qualifier="exact")
    return None


def _countable(minimum: int | None, maximum: int | None) -> bool:
    """Whether some count from 0 to MAX_FIGURE lies in the range."""
    low, high = minimum or 0, MAX_FIGURE if maximum is None else maximum
    return 0 <= low <= high <= MAX_FIGURE
