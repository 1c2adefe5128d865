"""Time expressions in a parsed article: their extents and governing tenses
(``find_time_expressions``), and the ``timex`` stage that values them with
``timenorm.normalize`` (re-exported here) against the publication date, in
text order so that anaphoric ones ("later that year", "a year earlier" after
"the third quarter") read the latest date before them (``value_times``).

Candidates come from regular expressions (exact extents) and from spaCy's
DATE/TIME entities (which catch phrasings the rules do not, but over-extend).
Extents follow TIMEX3: a leading preposition is not part of them ("on
Thursday" → "Thursday"). A year range written as one token, "1980-88", is two
DATE expressions, one per end, each with exact offsets ("88" read as 1988), as
TimeML marks the ends of "from 1980 to 1988".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..records import TimeValue
from . import ArticleContext, Stage
from .timenorm import Tense, TimeType, is_calendar_value, is_relative, normalize
from .timevocab import _LEADING, _TRAILING, HOLIDAYS, MONTHS, NUMBER_WORDS, SEASONS, UNITS, VAGUE_AMOUNTS, WEEKDAYS

VERSION = "timex.v2"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """The extent of one time expression and the tense of its governing verb."""

    start: int
    end: int
    text: str
    tense: Tense | None = None
    # What the value is read from when the extent alone is not enough:
    # "1988" for the "88" that ends "1980-88".
    reading: str | None = None

    @property
    def value_text(self) -> str:
        return self.reading or self.text


# --- detection patterns (case matters for names: news capitalizes them) ----

_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON = rf"(?:{_MON_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + ")"
_VAGUE = "|".join(sorted((re.escape(w) for w in VAGUE_AMOUNTS), key=len, reverse=True))
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_UNITS = r"(?:seconds|minutes|hours|days|nights|weeks|months|quarters|years|decades|centuries)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_REL = r"(?:(?i:this|last|next|coming|past|previous|current)|[Tt]he\s+(?:past|last|previous|next|coming|same))"

_APPROX = r"(?:(?:nearly|almost|more\s+than|less\s+than|at\s+least|no\s+more\s+than|up\s+to|roughly|approximately)\s+)?"
_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d\b|\bnoon\b|\bmidday\b|\bmidnight\b)"
_HOLIDAY = "|".join(r"\s+".join(re.escape(w) for w in name.split()).replace("'", "['’]")
                    for name in sorted(HOLIDAYS, key=len, reverse=True)) + r"\b"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

_PATTERNS = [
    r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?",
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)\b",
    # a clock time on a named day is one TIME: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9"
    rf"{_CLOCK}(?:\s+[A-Z]{{2,4}}\b)?,?\s+(?:{_WD}|{_MON}\s+{_DAY}\b)",
    rf"(?:{_WD},?\s+)?{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR})?",
    rf"(?:{_WD},?\s+)?{_DAY}\s+(?:of\s+)?{_MON}\b(?:,?\s+{_YEAR})?",
    rf"(?:(?:early|late|mid-?|the\s+(?:end|beginning|start|middle)\s+of)\s*)?{_MON}(?:\s+of)?,?\s+{_YEAR}",
    rf"(?:[Tt]he\s+)?(?:end|beginning|start|middle)\s+of\s+(?:{_MON_FULL}\b|{_YEAR}|(?:this|the|next|last)\s+(?:week|month|year|quarter)\b)",
    rf"(?:[Tt]he\s+)?(?:first|second|last|latter)\s+half\s+of\s+(?:{_YEAR}|(?:the|this|next|last)\s+year\b)",
    r"(?:the\s+)?(?:(?:early|late|mid)[-\s]?)?(?:1[0-9]|20)\d0s\b|(?:the\s+)?['’]\d0s\b",
    r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century",
    # quarters of results stories: "the 1988 third quarter", "next year's first quarter", "the year-ago period"
    rf"(?:[Tt]he\s+)?(?:(?:{_YEAR}|year-(?:ago|earlier)|(?:next|last|this)\s+year['’]s)\s+)?(?:fiscal[-\s])?{_ORD}[-\s]quarter(?:\s+of\s+{_YEAR})?",
    rf"(?:[Tt]he\s+)?(?:comparable\s+|corresponding\s+)?[Yy]ear-(?:ago|earlier)(?:\s+(?:quarter|period)\b|\s+{_NUM}\s+{_UNIT}\b)?",
    rf"[Tt]he\s+{_YEAR}\s+(?:quarter|period)\b|(?:[Tt]he\s+)?latest\s+(?:period\b|{_NUM}\s+{_UNIT}\b)",
    r"(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:latest\s+|most\s+recent\s+|just[-\s]ended\s+)?quarter\b(?!-)",
    # anaphora, valued from the latest date before them: "later that year", "the following month"
    r"(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Tt]hat(?:\s+same)?|[Tt]he\s+(?:same|following|previous|prior))\s+(?:day|month|year)\b",
    r"[Tt]he\s+(?:next|following)\s+(?:morning|evening|night)\b|(?:[Ee]arlier|[Ll]ater)\s+in\s+the\s+(?:week|month|year)\b",
    rf"{_APPROX}(?:{_NUM}|{_VAGUE})[-\s]+{_UNIT}\s+(?:ago|earlier|later|before|from\s+now)",
    rf"{_REL}\s+(?:{_NUM}|few|several)\s+{_UNIT}",
    rf"(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?:{_REL}|the\s+full)\s+(?:fiscal\s+)?(?:week(?:end)?|month|year|quarter|spring|summer|fall|autumn|winter|decade|century)\b",
    r"[Tt]he\s+weekend\b|[Tt]he\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)",
    rf"(?:(?:last|next|this)\s+)?(?:{_HOLIDAY})",
    rf"(?:(?:last|next|this|coming|past)\s+)?{_WD}(?:\s+{_PART})?",
    r"(?i:(?:yesterday|tomorrow|this)\s+(?:morning|afternoon|evening)|last\s+night|today|yesterday|tomorrow|tonight)",
    rf"(?:(?:[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Nn]ext|[Tt]his)\s*)?{_MON_FULL}\b(?:\s+(?:this|last|next)\s+year\b)?",
    rf"{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)\b",
    rf"(?:fiscal\s+)?{_YEAR}",
    _CLOCK,
    rf"(?:every|each)\s+(?:day|week|month|quarter|year|{_WD})|daily|weekly|monthly|annually|yearly|nightly|hourly",
    rf"(?:[Tt]he\s+(?:first\s+|final\s+)?(?=\d|[a-z]+\s+{_UNIT}))?{_APPROX}(?:{_NUM}|{_VAGUE})[-\s]+{_UNIT}(?![-\s]+old|-(?:ago|earlier))",
    r"(?<=\bfor\s)(?:years|decades|months|weeks|days|hours)|(?<=\bin\s)(?:years|decades|months)",
    r"(?i:recent\s+(?:years|months|weeks|days)|the\s+(?:near\s+)?(?:past|future)|the\s+near\s+term|nowadays|currently|recently|\bnow\b)",
    r"\bcurrent(?=\s+[a-z])",
]
# Every expression starts a word (``_word_bounded`` drops the others), so
# positions inside words are refused before the alternatives are tried.
_DETECT = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(rf"(?:{p})" for p in _PATTERNS) + ")")
_YEAR_RANGE = re.compile(rf"({_YEAR})\s*[-–]\s*({_YEAR}|\d\d)")
# Words a preceding "May" must follow to be the month, not the verb.
_MAY_CUES = {"in", "since", "by", "until", "till", "early", "late", "mid", "last", "next", "this", "of", "from", "through", "during"}
# Entity types inside which a number or a word is a name, not a time.
_NAME_ENTS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
_AGE = re.compile(r"\bold\b|\bage[ds]?\b", re.IGNORECASE)  # "12-year-old" is an age, not a time


def find_time_expressions(doc: Doc) -> list[TimeExpression]:
    """Extents of the time expressions in ``doc``, in text order, with tenses."""
    text = doc.text
    spans: list[tuple[int, int, str | None]] = []
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_ENTS]
    for match in _DETECT.finditer(text):
        start, end = _trim_extent(text, match.start(), match.end())
        if start >= end or not _word_bounded(text, start, end):
            continue
        if _inside(blocked, start, end) and not _is_time_ent(doc, start, end):
            continue
        if text[start:end] == "May" and _previous_word(text, start) not in _MAY_CUES:
            continue
        if not _generic(text, start, end):
            spans.extend(_split_year_range(text, start, end))
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        start, end = _trim_extent(text, ent.start_char, ent.end_char)
        if start >= end or any(s < end and start < e for s, e, _ in spans) or _AGE.search(text[start:end]):
            continue
        if _generic(text, start, end) or text[start:end].endswith(" of"):
            continue
        if normalize(text[start:end], None)[1] is not None or _mentions_time_word(text[start:end]):
            spans.extend(_split_year_range(text, start, end))
    spans = [_with_reading(text, *span) for span in _drop_nested(spans)]
    return [TimeExpression(s, e, text[s:e], governing_tense(doc, s, e), reading) for s, e, reading in spans]


def _trim_extent(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end = start + trail.start()
    # "the June 20 ruling", "the weeks before", "the third-quarter loss":
    # "the" belongs to the noun phrase, not to a date, a bare plural unit or
    # a quarter used as a modifier.
    if re.match(rf"the\s+(?:{_MON}|{_WD}|{_DAY}\b(?!\s+century)|{_UNITS}$|(?:fiscal[-\s])?{_ORD}-quarter$)", text[start:end], re.IGNORECASE):
        start += len(re.match(r"the\s+", text[start:end], re.IGNORECASE).group(0))
    return start, end


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "$£€") and not after.isalnum()


def _inside(blocks: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in blocks) or any(s < end and start < e and not (start <= s and e <= end) for s, e in blocks)


def _is_time_ent(doc: Doc, start: int, end: int) -> bool:
    return any(e.label_ in {"DATE", "TIME"} and e.start_char < end and start < e.end_char for e in doc.ents)


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 20):start].split()
    return words[-1].lower() if words else ""


_RATE_WORDS = {"million", "billion", "thousand", "hundred", "percent", "cents", "times", "dollars"}


def _generic(text: str, start: int, end: int) -> bool:
    """Words of time that name no time: "today's youth", "$2 million a year"."""
    piece = text[start:end].lower()
    if piece == "today" and text[end:end + 2] in {"'s", "’s"}:
        return True
    previous = _previous_word(text, start).strip(",.")
    return bool(re.fullmatch(r"(?:a|an|per) (?:second|minute|hour|day|night|week|month|year)", piece)) and (
        any(ch.isdigit() for ch in previous) or previous in _RATE_WORDS)


def _with_reading(text: str, start: int, end: int, reading: str | None) -> tuple[int, int, str | None]:
    # "the year ended March 31" is a year-long span: read with the word that says so.
    if reading is None and re.fullmatch(r"the\s+(?:fiscal\s+)?year", text[start:end], re.IGNORECASE):
        follows = re.match(r"\s+(end(?:ed|ing))\b", text[end:end + 12])
        if follows:
            reading = f"{text[start:end]} {follows.group(1)}"
    return start, end, reading


def _split_year_range(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    match = _YEAR_RANGE.fullmatch(text, start, end)
    if not match:
        return [(start, end, None)]
    first, last = match.group(1), match.group(2)
    reading = first[: 4 - len(last)] + last if len(last) < 4 else None
    return [(match.start(1), match.end(1), None), (match.start(2), match.end(2), reading)]


def _drop_nested(spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    kept: list[tuple[int, int, str | None]] = []
    for span in sorted(set(spans), key=lambda p: (p[0], -(p[1] - p[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _mentions_time_word(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & (set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | {u + "s" for u in UNITS} | set(UNITS)))


def governing_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the verb the expression hangs from: "will"/"would"/"to" → future."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    if token.dep_ == "poss":
        return "past"  # "Thursday's ruling" names what already happened
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"}:
            # "scheduled a news conference Thursday", "postponed until Tuesday":
            # the day is ahead whatever the tense of the verb.
            before = doc[span.start - 1].text if span.start else ""
            if (token.lemma_ in _SCHEDULING and span.start > token.i) or before in _DEADLINE_WORDS:
                return "future"
            return _verb_tense(token)
        if token.head.i == token.i:
            break
        token = token.head
    return None


_SCHEDULING = {"schedule", "plan", "postpone", "delay", "reschedule", "adjourn"}
_DEADLINE_WORDS = {"until", "till"}  # lower case: "Until Thursday, they had not..." looks back

_FORWARD_LOOKING = {
    "plan", "expect", "schedule", "intend", "hope", "aim", "want", "agree", "decide", "vow", "threaten",
    "promise", "set", "prepare", "seek", "try", "propose", "call", "urge", "ask", "due", "likely", "going",
}


def _verb_tense(verb) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo", "would", "going"}:
        return "future"
    if "to" in words and verb.morph.get("VerbForm") == ["Inf"]:
        # "plans to vote on Sunday" looks ahead; "declined to comment Sunday"
        # takes the tense of the verb it completes.
        head = verb.head
        if head.i == verb.i or head.lemma_ in _FORWARD_LOOKING or head.pos_ not in {"VERB", "AUX"}:
            return "future"
        if head.lemma_ == "be" and head.i == verb.i - 2:
            return "future"  # "is to resume trading Tuesday"
        return _verb_tense(head)
    if words & {"has", "have", "had", "'ve", "'d"}:
        return "past"  # the perfect reports what already happened
    # The finite word carries the tense: "is being used" is present even
    # though "used" is a past participle.
    for token in [*auxes, verb]:
        if token.morph.get("VerbForm") == ["Fin"] or (token.tag_ in {"VBD", "VBZ", "VBP", "MD"}):
            return "past" if token.morph.get("Tense") == ["Past"] or token.tag_ == "VBD" else "present"
    return "present" if verb.tag_ == "VBG" else "past"


# --- the stage --------------------------------------------------------------


def _anchor(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def value_times(expressions: Sequence[TimeExpression], anchor: date | None) -> list[tuple[TimeType, str | None]]:
    """Each expression's TimeML type and value against ``anchor``, in text
    order; anaphoric ones ("that year") read the latest calendar value before them."""
    values: list[tuple[TimeType, str | None]] = []
    reference = None
    for expression in expressions:
        kind, value = normalize(expression.value_text, anchor, expression.tense, reference)
        # A value read relative to another ("a year earlier", "the year-ago
        # quarter") never becomes the reference: else each would move it
        # back another year.
        if kind in {"DATE", "TIME"} and is_calendar_value(value) and not is_relative(expression.value_text):
            reference = value
        values.append((kind, value))
    return values


def extract_times(ctx: ArticleContext) -> None:
    article = ctx.article
    anchor = _anchor(article.published)
    expressions = find_time_expressions(ctx.doc)
    ctx.times = [
        TimeValue(article.id, e.start, e.end, e.text, kind, value, article.published if anchor else None)
        for e, (kind, value) in zip(expressions, value_times(expressions, anchor))
    ]


STAGE = Stage(VERSION, extract_times, requires=("doc",), assigns=("times",))
