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

What is no time of anything reported is left out:

- a clock reading with nothing saying it is a time of day ("01:26" or "2:31"
  alone on a line, "Video (02:02)", "Crime Spree 1:22 autoplay": a video's
  length or a counter) is no expression at all; one after "at", "around",
  "about", "shortly after"... or before a zone ("06:00 GMT") is a time;
- a page's time stamp ("Posted: Wednesday, March 12, 2014 8:04 AM EST",
  "Updated 10:32 PM", "Published: 15:41 GMT, 16 December 2014", a line of
  nothing but a date and a clock time) is found (``TimeExpression.stamp``:
  the publication date is read from it) but the stage leaves it out of the
  article's times, so that no event or statement is dated by it.

Years alone ("2011") and months ("April 2014") keep their granularity
(``2011``, ``2014-04``): no rule anchors them to a day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..entity_types import TIME_TYPES
from ..records import TimeValue
from . import ArticleContext, Stage
from .timenorm import Tense, TimeType, is_calendar_value, is_relative, normalize
from .timevocab import _LEADING, _TRAILING, HOLIDAYS, MONTHS, NUMBER_WORDS, SEASONS, UNITS, VAGUE_AMOUNTS, WEEKDAYS

VERSION = "timex.v3"


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
    # A page's time stamp ("Posted: ... 8:04 AM EST"): when the page was written, not a time it reports.
    stamp: bool = False

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
_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d\b|\bnoon\b|\bmidday\b|\bmidnight\b)"
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
        if _stray_clock(text, start):
            continue
        if not _generic(text, start, end):
            spans.extend(_split_year_range(text, start, end))
    for ent in doc.ents:
        if ent.label_ not in TIME_TYPES:
            continue
        start, end = _trim_extent(text, ent.start_char, ent.end_char)
        if start >= end or any(s < end and start < e for s, e, _ in spans) or _AGE.search(text[start:end]):
            continue
        if _generic(text, start, end) or text[start:end].endswith(" of") or _stray_clock(text, start):
            continue
        if normalize(text[start:end], None)[1] is not None or _mentions_time_word(text[start:end]):
            spans.extend(_split_year_range(text, start, end))
    spans = [_with_reading(text, *span) for span in _drop_nested(spans)]
    stamps = _stamps(text, [(s, e) for s, e, _ in spans])
    return [TimeExpression(s, e, text[s:e], governing_tense(doc, s, e), reading, (s, e) in stamps)
            for s, e, reading in spans]


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
    return any(e.label_ in TIME_TYPES and e.start_char < end and start < e.end_char for e in doc.ents)


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 20):start].split()
    return words[-1].lower() if words else ""


# A clock reading with no meridian ("2:31") is a time of day only after one of these words or before a zone.
_CLOCK_CUES = {"at", "around", "about", "approximately", "approx.", "after", "before", "by", "until", "till", "since",
               "from", "to", "between", "and", "near", "shortly", "just", "circa", "for", "-", "–", "@"}
_BARE_CLOCK = re.compile(r"\d{1,2}:\d\d(?!\d|:\d|\s*(?i:a\.?m\b|p\.?m\b|a\.m|p\.m))")
# After the clock: a zone ("06:00 GMT"), a day or a part of one ("3:30 Saturday morning").
_ZONE = re.compile(r"\s*(?:GMT|UTC|Z\b|[ECMP][SD]?T\b|BST|CET|local\b|hours\b|hrs\b|h\b|o['’]clock"
                   rf"|{_WD}|tonight|this\s+(?:morning|afternoon|evening))", re.IGNORECASE)


def _stray_clock(text: str, start: int) -> bool:
    """ "01:26" alone on a line, "Video (02:02)", "Crime Spree 1:22 autoplay": a video's length or a
    counter, not a time of day; "at 21:00", "about 10:25", "06:00 GMT" are times."""
    clock = _BARE_CLOCK.match(text, start)
    if clock is None or _ZONE.match(text, clock.end()):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return _previous_word(text[line_start:], start - line_start) not in _CLOCK_CUES


# What may sit between the parts of one stamp: "Wednesday, March 12, 2014 8:04 AM EST", "15:41 GMT, 16 December 2014".
_STAMP_GAP = r"(?:[\s,|@–—-]|\bat\b|\b[A-Z]{2,4}\b|\b\d{1,2}:\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)*"
# A page's time stamp label, then perhaps the stamp's earlier parts: "Posted:", "Updated 10:32 PM", "Last
# updated:", "Published on", "Date:". Without its colon a label is capitalized: "an interview published
# Thursday" dates the interview.
_STAMP_LABEL = re.compile(
    r"(?:\b(?i:posted|updated|last\s+updated|published|first\s+published|modified|last\s+modified|date|created|update)"
    r"\s*:|\b(?:Posted|Updated|UPDATED|UPDATE|Last\s+[Uu]pdated|Published|First\s+[Pp]ublished|Modified)(?:\s+(?:on|at))?)"
    + _STAMP_GAP + "$")
_STAMP_GAP_ONLY = re.compile(_STAMP_GAP)


def _stamps(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The extents that are a page's time stamp: after a stamp label, run on from another part of
    the stamp, or on a line with nothing but dates and a clock time ("October 6, 2013 11:58 PM")."""
    found: set[tuple[int, int]] = set()
    previous: tuple[int, int] | None = None
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 80):start]  # a label sits just before its stamp
        runs_on = previous in found and previous[1] >= line_start and _STAMP_GAP_ONLY.fullmatch(text, previous[1], start)
        if runs_on or _STAMP_LABEL.search(before):
            found.add((start, end))
        previous = (start, end)
    found |= _stamp_lines(text, spans)
    return found


def _stamp_lines(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    # "October 6, 2013 11:58 PM" alone on its line; a date line without a clock may be a dateline.
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end in spans:
        by_line.setdefault(text.rfind("\n", 0, start) + 1, []).append((start, end))
    found: set[tuple[int, int]] = set()
    for line_start, parts in by_line.items():
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        rest, position = [], line_start
        for start, end in parts:
            rest.append(text[position:start])
            position = end
        rest.append(text[position:line_end])
        has_clock = any(re.search(r"\d:\d\d|(?i:[ap]\.?m\b)", text[s:e]) for s, e in parts)
        if len(parts) > 1 and has_clock and all(_STAMP_GAP_ONLY.fullmatch(piece) for piece in rest):
            found.update(parts)
    return found


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
    # A page's time stamp dates the page, not what it reports (``pubdate`` reads it on its own).
    expressions = [e for e in find_time_expressions(ctx.doc) if not e.stamp]
    ctx.times = [
        TimeValue(article.id, e.start, e.end, e.text, kind, value, article.published if anchor else None)
        for e, (kind, value) in zip(expressions, value_times(expressions, anchor))
    ]


STAGE = Stage(VERSION, extract_times, requires=("doc",), assigns=("times",))
