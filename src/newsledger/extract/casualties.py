"""Casualty figures: "at least two killed", "dozens of others were injured".

Two layers:

- ``parse_quantity(text)`` turns a figure phrase into a ``Quantity`` range
  (pure text, no model);
- ``find_casualties(span)`` reads a parsed sentence and returns who was
  killed or injured with their figure, as ``CasualtyFigure`` records.

How vague phrases become ranges (choices, so that figures from different
articles can be compared as intervals):

=========================  =============  ==========  ===========
phrase                     min            max         qualifier
=========================  =============  ==========  ===========
"one", "36", "1.5 million" n              n           exact
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

A death toll (or "the number of dead") that "rose to nine" keeps the range
of "nine" with qualifier ``update`` (the figure replaces an earlier one). "two of the 30 wounded"
reports the 30 as injured: the phrase's total, not the subset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from ..records import Quantity

CasualtyKind = Literal["killed", "injured"]

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
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
_VAGUE = {
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
        elif word in _UNITS and not (word in {"a", "an", "no"} and len(words) == 1):
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

    vague = _VAGUE.get(lowered)
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


# --- figures in parsed sentences ---------------------------------------

_KILL_VERBS = {"kill", "die", "slay", "perish", "murder", "massacre"}
_KILL_NOUNS = {"death", "fatality", "toll", "dead", "body", "victim"}
_INJURE_VERBS = {"injure", "wound", "hurt", "maim"}
_INJURE_NOUNS = {"injury", "injured", "wounded", "casualty"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "obj"}
_UPDATE_VERBS = {"rise", "climb", "reach", "increase", "jump", "mount", "grow", "soar"}
_FIGURE_DEPS = {"nummod", "quantmod", "advmod", "amod", "det", "compound"}


@dataclass(slots=True)
class CasualtyFigure:
    """One figure of dead or injured in a sentence and the word that says so."""

    kind: CasualtyKind
    quantity: Quantity
    trigger: Token


def casualty_kind(token: Token) -> CasualtyKind | None:
    """Whether a word speaks of deaths or of injuries (by lemma and part of speech)."""
    lemma = token.lemma_.lower()
    text = token.lower_
    if token.pos_ in {"VERB", "AUX"} or token.tag_ in {"VBN", "VBD"}:
        if lemma in _KILL_VERBS:
            return "killed"
        if lemma in _INJURE_VERBS:
            return "injured"
    if token.pos_ in {"NOUN", "ADJ", "PROPN"}:
        if lemma in _KILL_NOUNS or text in {"dead", "deaths", "fatalities"}:
            # "body" and "victim" only count when a number says how many.
            return "killed"
        if lemma in _INJURE_NOUNS or text in {"injured", "wounded", "injuries"}:
            return "injured"
    if lemma == "lose" and any(c.lemma_ == "life" for c in token.children):
        return "killed"
    return None


def find_casualties(span: Span) -> list[CasualtyFigure]:
    """Killed and injured figures stated in a sentence (or any span)."""
    found: list[CasualtyFigure] = []
    for token in span:
        kind = casualty_kind(token)
        if kind is None:
            continue
        figure = _figure_for(token)
        if figure is None:
            continue
        quantity = quantity_of(figure)
        if quantity is None:
            continue
        if _is_update(token):
            quantity.qualifier = "update"
        found.append(CasualtyFigure(kind, quantity, token))
    return _dedupe(found)


def _figure_for(trigger: Token) -> list[Token] | None:
    """The tokens of the figure phrase that counts the trigger's victims."""
    if trigger.lemma_ == "toll" or (trigger.lemma_ == "number" and trigger.head.lemma_ == "death"):
        return _toll_figure(trigger)
    previous = trigger.nbor(-1) if trigger.i > 0 else None
    if previous is not None and previous.like_num and trigger.lower_ in {"dead", "wounded", "injured"}:
        # "17 dead", "two of the 30 wounded": the number right before counts them.
        return quantity_phrase(previous)
    if trigger.pos_ in {"NOUN", "ADJ", "PROPN"}:
        # "nine deaths", "dozens of dead".
        own = _number_in(trigger)
        if own:
            return own
        if trigger.dep_ in {"pobj"} and trigger.head.lemma_ == "of":
            # "dozens of dead": the quantity word governs the of-phrase.
            counted = trigger.head.head
            if is_quantity_word(counted):
                return quantity_phrase(counted)
            if counted.lemma_ == "number":
                return _toll_figure(counted)  # "the number of dead has risen to nine"
        if trigger.lower_ in {"dead", "injured", "wounded"} and trigger.dep_ in {"oprd", "acomp", "xcomp"}:
            # "left five people dead", "five people were dead".
            holder = trigger.head
            for roles in (_OBJECTS, _SUBJECTS):
                for child in holder.children:
                    if child.dep_ in roles:
                        return _number_in(child)
        return None
    # Verbs: passives and intransitives count their subject, actives their object.
    if trigger.lemma_ == "lose":
        for child in trigger.children:
            if child.lemma_ == "life":
                return _number_in(child)
    roles = _OBJECTS if any(c.dep_ in _OBJECTS for c in trigger.children) else _SUBJECTS
    for child in trigger.children:
        if child.dep_ in roles:
            return _number_in(child)
    if trigger.dep_ == "conj":
        # "two were killed and three dozen others injured" with the subject elided
        # is caught above; "killed or wounded 30" shares the object of the first verb.
        for child in trigger.head.children:
            if child.dep_ in _OBJECTS:
                return _number_in(child)
    if trigger.dep_ in {"acl", "relcl"} and trigger.tag_ == "VBN":
        # "30 people killed in the attack": the participle modifies the counted noun.
        return _number_in(trigger.head)
    return None


def _toll_figure(toll: Token) -> list[Token] | None:
    # "the toll rose to nine", "the toll stands at nine", "a toll of nine", "the toll is nine".
    for child in toll.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = _number_in(pobj)
                if found:
                    return found
    verb = toll.head
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "at"}:
            for pobj in child.children:
                found = _number_in(pobj)
                if found:
                    return found
        if child.dep_ in {"attr", "dobj"}:
            found = _number_in(child)
            if found:
                return found
    return None


def _number_in(noun: Token) -> list[Token] | None:
    """The figure phrase counting ``noun``: the noun itself or its number modifier."""
    if is_quantity_word(noun):
        return quantity_phrase(noun)
    for child in noun.children:
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and child.lower_ in _VAGUE):
            return quantity_phrase(child)
    return None


def is_quantity_word(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or token.lower_ in _VAGUE or token.lemma_ == "dozen"


def quantity_phrase(head: Token) -> list[Token]:
    """``head`` with the modifiers before it ("at least", "three" in "three dozen")."""
    tokens = [head]
    for child in head.children:
        if child.i < head.i and child.dep_ in _FIGURE_DEPS | {"nmod", "prep", "pobj", "cc", "conj", "npadvmod"}:
            tokens.extend(child.subtree)
        elif child.i > head.i and child.dep_ in {"quantmod", "nummod", "compound"}:
            tokens.extend(child.subtree)
    # "between 10 and 15": the conjunct after the head belongs to the figure.
    for child in head.children:
        if child.dep_ == "conj" and child.i > head.i and child.like_num:
            tokens.extend(t for t in head.doc[head.i + 1:child.i + 1])
    tokens = sorted(set(tokens), key=lambda t: t.i)
    # Keep the contiguous run around the head.
    run = [t for t in tokens if t.i <= head.i]
    first = head.i
    for t in reversed(run):
        if t.i == first - 1 or t.i == first:
            first = t.i
    last = head.i
    for t in tokens:
        if t.i == last + 1:
            last = t.i
    doc = head.doc
    # "twenty-five": the parser hangs "twenty" and the hyphen apart.
    while first >= 2 and doc[first - 1].text in {"-", "‐", "‑"} and doc[first - 2].like_num:
        first -= 2
    # A determiner "the" is no part of a figure ("the 30 wounded").
    while first < head.i and doc[first].lower_ in {"the", "these", "those", "its", "their"}:
        first += 1
    return list(doc[first:last + 1])


def quantity_of(tokens: list[Token]) -> Quantity | None:
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc.text[start:end]
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    # The words as written ("At least  two"), so that they are what the offsets cover.
    quantity.start, quantity.end, quantity.text = start, end, text
    return quantity


def _is_update(trigger: Token) -> bool:
    # "the death toll has risen to nine", "the number of dead rose to 12".
    subject = trigger
    while subject.dep_ in {"pobj", "prep", "compound"} and subject.head.i != subject.i:
        subject = subject.head
    return subject.dep_ in _SUBJECTS and subject.head.lemma_ in _UPDATE_VERBS


def _dedupe(found: list[CasualtyFigure]) -> list[CasualtyFigure]:
    seen: set[tuple[str, int | None]] = set()
    kept = []
    for figure in found:
        key = (figure.kind, figure.quantity.start)
        if key in seen:
            continue
        seen.add(key)
        kept.append(figure)
    return kept
