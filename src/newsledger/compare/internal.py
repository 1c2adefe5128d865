"""Where one article contradicts itself about since when something holds.

"Albania has played host to the group for a decade" and, later in the same
article, "the country has been accommodating its members since 2016" cannot
both be true on the article's date: a decade back from June 2023 is about
2013. Each such phrase becomes an *ongoing claim*: a state that still holds
(a present perfect: "has hosted", "have been accommodating"), its predicate,
its participants, and the months in which it can have started:

- ``since 2016`` / ``from 2016``: January to December 2016;
- ``for 7 years``: 7 to 8 years before the article's date (or the day of the
  statement it is in, when the statement has one);
- ``for a decade``: a round figure, ±20 % (8 to 12 years back);
- ``for nearly …`` / ``for more than …`` / ``for about …`` widen it one way
  or both; ``for years`` is open (at least a year back).

Two ongoing claims of one article contradict each other when their possible
starts do not overlap, and only then; everything below exists to keep a false
contradiction out, which is worse than a missed one:

- both must be ongoing (``has/have``, not ``had``, no modal, no negation), with
  nothing between the verb and the time phrase that could start another
  clause (``which``, ``after``, ``;`` …);
- a bounded interval ("from 2014 to 2016") is not a start;
- same predicate: one family of ``PREDICATES`` ("hosted" ~ "accommodating"),
  or the same verb stem when no family fits;
- same participants: two subjects that both have names must share one, two
  unnamed ones must have the same head noun ("the country"), and an unnamed
  subject stands for a named one only when the last name of its kind before it
  is that one ("Albania … The European country"); named objects must share one
  too, and unnamed ones a word ("the terror group and its members" ~ "members
  of the terror cult", not "refugees" ~ "the summit");
- one voice: two claims that different identified speakers make are a
  disagreement the article reports, not one it makes.

A near-duplicate article repeats its original's contradiction; only the
original reports it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from .discrepancies import one_voice
from ..records import Claim, Discrepancy, Mention, Statement, TimeValue

VERSION = "internal.v1"
FACET = "start"

# Predicates that name one state in different words; keys name the family.
PREDICATES = {
    "host": r"host(?:s|ed|ing)?|play(?:s|ed|ing)? host|accommodat\w*|shelter\w*|hous(?:e|es|ed|ing)|harbou?r\w*"
            r"|(?:given|granted) (?:refuge|asylum|shelter)|home to",
    "reside": r"liv(?:e|es|ed|ing)|resid\w*|stay(?:s|ed|ing)?|settled|based|present|located|stationed",
    "rule": r"rul(?:e|es|ed|ing)|govern\w*|in power|in office|in charge|(?:the )?president|led|lead(?:s|ing)?"
            r"|head(?:ed|ing)",
    "detain": r"detain\w*|held|imprison\w*|jailed|in (?:custody|jail|prison|detention)|captive",
    "fight": r"fight\w*|fought|at war|battl\w*|wag(?:ed|ing) war",
    "control": r"occup(?:y|ies|ied|ying)|control\w*",
    "ban": r"bann(?:ed|ing)|outlaw\w*|proscrib\w*|blacklist\w*",
    "work": r"work(?:s|ed|ing)?|employ\w*",
}
# Matched at the participle, so an object ("sold houses") never names the predicate.
_FAMILIES = [(name, re.compile(rf"(?:{pattern})\b", re.IGNORECASE)) for name, pattern in PREDICATES.items()]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])|\n+")
# Only a present perfect says the state holds on the article's date.
_PERFECT = re.compile(r"\b(?:has|have)\b(?!\s+to\b)|['’]ve\b|['’]s(?=\s+been\b)", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|could|should|might|must|may|will|shall)\s+(?:not\s+)?$", re.IGNORECASE)
# Anything here may start another clause, or negate the state.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:who|which|whom|whose|where|when|while|because|although|though|after|before|until|unless|if"
    r"|that|not|never|no longer)\b|n['’]t\b",
    re.IGNORECASE,
)
_MAX_GAP_WORDS = 20
_DURATION_CUE = re.compile(
    r"\bfor\s+(?:the\s+(?:past|last)\s+)?(?P<mod>nearly|almost|close to|just under|more than|over|at least|upwards of"
    r"|about|around|some|roughly|approximately)?\s*$",
    re.IGNORECASE,
)
_START_CUE = re.compile(
    r"\b(?:since|from)\s+(?P<mod>at least\s+|as early as\s+)?(?:around\s+|about\s+|the\s+)?"
    r"(?:early\s+|late\s+|mid-?\s*)?$",
    re.IGNORECASE,
)
_INTERVAL_END = re.compile(r"^\s*(?:to|until|till|through|and|[-–—])\s", re.IGNORECASE)
_SKIPPED = {"been", "also", "long", "already", "now", "effectively", "continuously", "reportedly"}
_RELATIVE_END = re.compile(r"(?:,\s*|\s+)(?:which|who|that)\s*$", re.IGNORECASE)
# "X is estimated to have been …": the subject is X.
_RAISING_END = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:estimated|believed|thought|said|reported|understood|known|expected"
    r"|alleged|likely|set)\s+to\s*$",
    re.IGNORECASE,
)
_SUBJECT_BOUNDARY = re.compile(
    r"\bthat\b|[,;:(]|\b(?:said|says|told|added|noted|stated|explained|argued)\b", re.IGNORECASE
)
_DETERMINER_END = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+$", re.IGNORECASE)
_DURATION_VALUE = re.compile(r"^P(\d+(?:\.\d+)?|X)(Y|M|W|D)$")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DECADE_VALUE = re.compile(r"^(\d{3})$")
_UNIT_MONTHS = {"Y": 12.0, "M": 1.0, "W": 12 / 52, "D": 12 / 365}
# Vague amounts ("for years", "for months") as (least, most) months back.
_VAGUE_MONTHS = {"Y": (12.0, float("inf")), "M": (1.0, 24.0), "W": (0.25, 3.0), "D": (0.0, 1.0)}
_ROUND_WORDS = re.compile(r"\b(?:decades?|centur(?:y|ies)|score)\b", re.IGNORECASE)
_ROUND_PLURAL = re.compile(r"\b(decade|centur)(?:s|ies)\b", re.IGNORECASE)
_ROUND_MONTHS = {"decade": 120.0, "centur": 1200.0}
_ROUND_TOLERANCE = 0.2
_FUNCTION_WORDS = {"the", "and", "its", "their", "his", "her", "our", "this", "that", "these", "those", "some", "about",
                   "around", "with", "from", "into", "than", "more", "other", "thousands", "hundreds", "dozens",
                   "them", "they", "him", "she", "hers", "theirs"}
_LAST_MOMENT = 1e-6  # a period's end, in months: "2016" runs to the end of December


@dataclass(slots=True)
class OngoingClaim:
    """A state said to hold since some time, with the months in which it can have started."""

    article: str
    start: int  # evidence: the time phrase with its preposition, "for a decade"
    end: int
    text: str
    earliest: float  # months since year 0, as year * 12 + month - 1
    latest: float
    value: dict
    predicate: str  # a family of PREDICATES, or a verb stem
    predicate_text: str
    subjects: frozenset[str]
    subject_types: frozenset[str]
    subject_start: int
    subject_head: str | None
    objects: frozenset[str]
    object_words: frozenset[str]  # compared when neither object has a name
    source: str  # "narrator" or a statement id
    speaker: str | None


def find_internal(
    story: str,
    texts: dict[str, str],
    published: dict[str, str | None],
    duplicate_of: dict[str, str | None],
    times: list[TimeValue],
    mentions: list[Mention],
    statements: list[Statement],
    speakers: dict[str, str | None],
) -> list[Discrepancy]:
    """``internal`` discrepancies of one story's articles about since when a state holds.

    ``texts`` maps article id → text; ``speakers`` maps statement id → speaker name.
    """
    times_of, mentions_of, statements_of = _by_article(times), _by_article(mentions), _by_article(statements)
    found: list[Discrepancy] = []
    for article, text in texts.items():
        if duplicate_of.get(article) in texts:
            continue  # a copy repeats its original's contradiction
        claims = ongoing_claims(
            article, text, published.get(article),
            times_of.get(article, []), mentions_of.get(article, []), statements_of.get(article, []), speakers,
        )
        found.extend(_contradictions(story, claims, mentions_of.get(article, []), published.get(article)))
    return found


def _by_article(records: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for record in records:
        grouped.setdefault(record.article, []).append(record)
    return grouped


def ongoing_claims(
    article: str,
    text: str,
    published: str | None,
    times: list[TimeValue],
    mentions: list[Mention],
    statements: list[Statement],
    speakers: dict[str, str | None],
) -> list[OngoingClaim]:
    """The ongoing claims of one article: time phrases saying since when a state holds."""
    sentences = _sentences(text)
    claims = []
    for time in sorted(times, key=lambda t: t.start):
        sentence_start = next((s for s, e in sentences if s <= time.start < e), 0)
        claim = _ongoing_claim(article, text, sentence_start, published, time, mentions, statements, speakers)
        if claim is not None:
            claims.append(claim)
    return claims


def _ongoing_claim(
    article, text, sentence_start, published, time, mentions, statements, speakers
) -> OngoingClaim | None:
    before = text[sentence_start:time.start]
    statement = _voice(time, statements)
    if time.type == "DURATION" and (cue := _DURATION_CUE.search(before)):
        as_of = _as_of(statement, published, time)
        modifier = (cue.group("mod") or _leading_modifier(time.text) or "").lower()
        back = _months_back(time, modifier)
        if as_of is None or back is None:
            return None
        (as_of_day, now), (least, most, stated) = as_of, back
        earliest, latest = now - most, now - least
        value = {"duration": time.value, "as_of": as_of_day,
                 "start": _format_month(now - stated)[:4] if stated is not None else None}
    elif time.type == "DATE" and (cue := _START_CUE.search(before)) and not _INTERVAL_END.match(text[time.end:]):
        bounds = _calendar_months(time.value)
        if bounds is None:
            return None
        earliest, latest = bounds
        if cue.group("mod"):
            earliest = float("-inf")  # "since at least 2016": perhaps earlier
        value = {"since": time.value, "start": time.value}
    else:
        return None
    value.update(earliest=_format_month(earliest), latest=_format_month(latest))
    cue_start = sentence_start + cue.start()
    clause = _clause(text, sentence_start, cue_start)
    if clause is None:
        return None
    aux_start, predicate, predicate_text, predicate_end = clause
    subject_start, subject_end = _subject_span(text, sentence_start, aux_start)
    subject_mentions = _named(mentions, text, subject_start, subject_end)
    return OngoingClaim(
        article=article,
        start=cue_start,
        end=time.end,
        text=text[cue_start:time.end],
        earliest=earliest,
        latest=latest,
        value=value,
        predicate=predicate,
        predicate_text=predicate_text,
        subjects=frozenset(_key(m) for m in subject_mentions),
        subject_types=frozenset(m.type for m in subject_mentions),
        subject_start=subject_start,
        subject_head=_head(text, subject_start, subject_end),
        objects=frozenset(_key(m) for m in _named(mentions, text, predicate_end, cue_start)),
        object_words=_content_words(text[predicate_end:cue_start]),
        source=statement.id if statement else "narrator",
        speaker=speakers.get(statement.id) if statement else None,
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _clause(text: str, sentence_start: int, cue_start: int) -> tuple[int, str, str, int] | None:
    """The perfect auxiliary and predicate the time phrase attaches to, or None.

    Returns (auxiliary start, predicate key, predicate words, predicate end).
    """
    before = text[sentence_start:cue_start]
    auxiliaries = list(_PERFECT.finditer(before))
    if not auxiliaries:
        return None
    aux = auxiliaries[-1]
    if _MODAL.search(before[: aux.start()]):
        return None
    gap = before[aux.end():]
    if _CLAUSE_BREAK.search(gap) or len(gap.split()) > _MAX_GAP_WORDS:
        return None
    words = [
        m for m in re.finditer(r"[\w’'-]+", gap)
        if m.group().lower() not in _SKIPPED and not m.group().lower().endswith("ly")  # "has long", "has reportedly"
    ]
    if not words:
        return None
    window = words[:3]
    phrase = gap[window[0].start():window[-1].end()]
    for name, pattern in _FAMILIES:
        if match := pattern.match(phrase):
            end = sentence_start + aux.end() + window[0].start() + match.end()
            return sentence_start + aux.start(), name, text[sentence_start + aux.start():end], end
    first = window[0]
    end = sentence_start + aux.end() + first.end()
    return sentence_start + aux.start(), _stem(first.group()), text[sentence_start + aux.start():end], end


def _stem(word: str) -> str:
    # Crude, and only ever compared with itself: "lived", "living", "lives" → "liv".
    return re.sub(r"(?:ing|ed|es|e|s)$", "", word.lower()) or word.lower()


def _subject_span(text: str, sentence_start: int, aux_start: int) -> tuple[int, int]:
    """Where the subject of the clause is: the antecedent of a relative clause, or the clause's start."""
    before = text[sentence_start:aux_start]
    before = _RELATIVE_END.sub("", before)
    before = _RAISING_END.sub("", before)
    boundaries = [m.end() for m in _SUBJECT_BOUNDARY.finditer(before)]
    start = boundaries[-1] if boundaries else 0
    if not before[start:].strip() and len(boundaries) > 1:
        start = boundaries[-2]  # "Albania, a NATO member, has …": skip back over the apposition
    return sentence_start + start, sentence_start + len(before)


def _head(text: str, start: int, end: int) -> str | None:
    words = re.findall(r"[\w-]+", text[start:end])
    return words[-1].lower() if words else None


def _named(mentions: list[Mention], text: str, start: int, end: int) -> list[Mention]:
    """The names of participants in a span; "the European country" names none."""
    return [
        m for m in mentions
        if start <= m.start and m.end <= end
        and not (m.type == "NORP" and _DETERMINER_END.search(text[max(0, m.start - 8):m.start]))
    ]


def _content_words(text: str) -> frozenset[str]:
    words = (w.lower() for w in re.findall(r"[^\W\d_]{3,}", text))
    return frozenset(re.sub(r"(?<!s)s$", "", w) for w in words if w not in _FUNCTION_WORDS)


def _key(mention: Mention) -> str:
    return mention.entity or mention.cluster or mention.text.lower()


def _voice(time: TimeValue, statements: list[Statement]) -> Statement | None:
    """The innermost statement whose content holds the time phrase (None: the narrator)."""
    holding = []
    for s in statements:
        start = s.content_start if s.content_start is not None else s.start
        end = s.content_end if s.content_end is not None else s.end
        if start <= time.start and time.end <= end:
            holding.append((end - start, s))
    return min(holding, key=lambda pair: pair[0])[1] if holding else None


def _as_of(statement: Statement | None, published: str | None, time: TimeValue) -> tuple[str, float] | None:
    """The day a duration counts back from (the statement's, else the article's) and its month number."""
    for value in (statement.date if statement else None, published, time.anchor):
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            return value, day.year * 12 + day.month - 1 + (day.day - 1) / 31
    return None


def _leading_modifier(text: str) -> str | None:
    match = re.match(r"(nearly|almost|more than|over|at least|about|around|roughly|approximately|some)\b", text,
                     re.IGNORECASE)
    return match.group(1) if match else None


def _months_back(time: TimeValue, modifier: str) -> tuple[float, float, float | None] | None:
    """How many months back the state began: (least, most, the stated amount or None when vague)."""
    match = _DURATION_VALUE.match(time.value or "")
    if not match:
        return None
    amount, unit = match.groups()
    if amount == "X":
        least, most = _VAGUE_MONTHS[unit]
        if plural := _ROUND_PLURAL.search(time.text):  # "for decades": two of them at least, give or take
            least = 2 * _ROUND_MONTHS[plural.group(1).lower()] * (1 - _ROUND_TOLERANCE)
        return least, most, None
    months = float(amount) * _UNIT_MONTHS[unit]
    if _ROUND_WORDS.search(time.text) or modifier in {"about", "around", "some", "roughly", "approximately"}:
        least, most = months * (1 - _ROUND_TOLERANCE), months * (1 + _ROUND_TOLERANCE)
    else:
        least, most = months, months + _UNIT_MONTHS[unit]  # "7 years": 7 and some months
    if modifier in {"nearly", "almost", "close to", "just under"}:
        least, most = months * (1 - _ROUND_TOLERANCE), months
    elif modifier in {"more than", "over", "at least", "upwards of"}:
        least, most = months, float("inf")
    return least, most, months


def _calendar_months(value: str | None) -> tuple[float, float] | None:
    """The months a DATE value covers: "2016" → Jan–Dec 2016, "201" (the 2010s) → 2010–2019."""
    if not value:
        return None
    if match := _DECADE_VALUE.match(value):
        first, months = int(match.group(1)) * 10 * 12, 120
    elif match := _CALENDAR_VALUE.match(value):
        year, month = int(match.group(1)), match.group(2)
        first, months = (year * 12, 12) if month is None else (year * 12 + int(month) - 1, 1)
    else:
        return None
    return first, first + months - _LAST_MOMENT


def _format_month(months: float) -> str | None:
    if months in (float("inf"), float("-inf")):
        return None
    year, month = divmod(int(months), 12)
    return f"{year:04d}-{month + 1:02d}"


def _contradictions(
    story: str, claims: list[OngoingClaim], mentions: list[Mention], published: str | None
) -> list[Discrepancy]:
    by_predicate: dict[str, list[OngoingClaim]] = {}
    for claim in claims:
        by_predicate.setdefault(claim.predicate, []).append(claim)
    found = []
    for predicate, group in by_predicate.items():
        involved: dict[int, OngoingClaim] = {}
        for a, b in combinations(group, 2):
            if _same_state(a, b, mentions) and _disjoint(a, b):
                involved[a.start], involved[b.start] = a, b
        if involved:
            members = [involved[k] for k in sorted(involved)]
            found.append(_discrepancy(story, predicate, members, published))
    return found


def _same_state(a: OngoingClaim, b: OngoingClaim, mentions: list[Mention]) -> bool:
    if not one_voice(a.speaker, b.speaker):
        return False  # two identified sources disagreeing: the article reports it, it does not make it
    if a.subjects and b.subjects:
        subjects = bool(a.subjects & b.subjects)
    elif not a.subjects and not b.subjects:
        subjects = a.subject_head is not None and a.subject_head == b.subject_head
    else:
        named, unnamed = (a, b) if a.subjects else (b, a)
        subjects = _refers_back(unnamed, named, mentions)
    if a.objects and b.objects:
        objects = bool(a.objects & b.objects)
    elif not a.objects and not b.objects and a.object_words and b.object_words:
        objects = bool(a.object_words & b.object_words)  # "refugees" is not "the summit"
    else:
        objects = True
    return subjects and objects


def _refers_back(unnamed: OngoingClaim, named: OngoingClaim, mentions: list[Mention]) -> bool:
    """Whether "the country" stands for the named subject: the last name of its kind before it is that one."""
    before = [m for m in mentions if m.type in named.subject_types and m.end <= unnamed.subject_start]
    return bool(before) and _key(max(before, key=lambda m: m.start)) in named.subjects


def _disjoint(a: OngoingClaim, b: OngoingClaim) -> bool:
    return a.latest < b.earliest or b.latest < a.earliest


def _discrepancy(story: str, predicate: str, members: list[OngoingClaim], published: str | None) -> Discrepancy:
    key = "|".join([story, FACET, predicate] + [f"{c.article}:{c.start}" for c in members])
    claims = [
        Claim(
            article=c.article,
            value=c.value,
            text=c.text,
            source=c.source,
            speaker=c.speaker,
            start=c.start,
            end=c.end,
            published=published,
        )
        for c in members
    ]
    return Discrepancy(
        id="dc_" + hashlib.sha1(key.encode()).hexdigest()[:12],
        story=story,
        facet=FACET,
        kind="internal",
        claims=claims,
        note=f"{predicate}: " + " vs ".join(f"“{c.predicate_text}”" for c in members),
    )
