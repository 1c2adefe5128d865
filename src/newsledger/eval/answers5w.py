"""The 5W1H of an article: who did what, when, where, why and how, read off its main event.

It lives under ``eval``: the ``5w1h`` task (``eval/fivew.py``) scores it against Giveme5W1H, and the ledger
does not store it (its events, statements and each article's main event carry the same facts with their
evidence).

What newsledger reads: the article's opening passage, the headline and the
lead (``LEAD_SENTENCES`` sentences of the text, where a headline leads the
text as its own paragraph: ``headline_text`` builds such a text), and the
rest of the article only when the passage names no day or no place. The main
event is ``events.main_event(..., clause_first=True)`` over the passage: the
main clause of its first sentence with a verb (usually the headline), as the
typed event its verb triggers when it does.

How each answer is read (each an ``Answer`` with offsets into the text):

- who: the main event's first agent; an event without a doer ("Seven killed
  as tram derails") answers with the one it happened to; lacking both, the
  first named actor of the passage.
- what: the trigger and its verb phrase (auxiliaries, particle, objects and
  the PPs that follow) up to the first time, cause or manner part; for a
  nominal trigger, the noun with its PPs ("raid on German consulate").
- when: the event's own time expression; else the first expression anchored
  to a day (or a time of day) in the passage, then in the article; else the
  passage's first anchored date (a year, a month).
- where: the event's place; else the first place name of the passage, then
  of the article.
- why: a cause or purpose attached to the main event ("after changing its
  shape", "because ...", "over ...", "for talks", "to meet Obama"); else the
  passage's first explicit cause ("because", "due to", "in retaliation
  for" ...); else a cause or purpose of a lead sentence's main clause.
- how: for casualties, the event that caused them ("killed when a tram
  derailed"); else the means, manner or circumstance attached to the main
  event or the lead's main verb ("with a truck bomb", "by ramming ...",
  "while harvesting vegetables", a manner adverb); else the passage's first
  "by ...ing"; else the action as the lead words it: its verb group and
  object ("has blamed her defeat").

An answer is None when nothing read gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..entity_types import ACTOR_TYPES, PLACE_TYPES, TIME_TYPES
from ..records import Event, Record
from ..extract import ArticleContext
from ..extract.casualties import casualty_kind
from ..extract.events import NOUN_TRIGGERS, main_event, main_verb

VERSION = "fivew.v1"
LEAD_SENTENCES = 4
QUESTIONS = ("who", "what", "when", "where", "why", "how")

_MAX_TOKENS = 14
# Subordinators and prepositions that give a cause (or a purpose) of what they modify.
_CAUSE_MARKS = {"because", "since", "as", "after"}
_CAUSE_PREPS = {"after", "over", "amid", "following", "for", "because", "due", "owing"}
# Multi-word causes worth finding anywhere in the passage: "due to", "in retaliation for".
_EXPLICIT_CAUSES = {"because", "due", "owing", "retaliation", "reprisal", "revenge", "response", "result", "cause"}
_MEANS_PREPS = {"by", "with", "using", "through", "via"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")  # a TimeML value anchored to a day (or a time of it)


@dataclass(slots=True)
class Answer(Record):
    """One answer: its text and where it stands in the article text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class FiveW(Record):
    """The 5W1H answers of an article's main event (``event`` is its id, None without one)."""

    article: str
    event: str | None = None
    who: Answer | None = None
    what: Answer | None = None
    when: Answer | None = None
    where: Answer | None = None
    why: Answer | None = None
    how: Answer | None = None
    extractor: str = VERSION
    nested = {q: Answer for q in QUESTIONS}  # type: ignore[assignment]

    def answers(self) -> dict[str, str | None]:
        return {q: (a.text if (a := getattr(self, q)) is not None else None) for q in QUESTIONS}


def headline_text(title: str | None, lead: str | None, body: str) -> str:
    """A text that opens with its headline and lead, each as its own paragraph.

    The lead is left out when the body already begins with it (as outlets'
    descriptions often do).
    """
    parts = [p.strip() for p in (title, lead) if p and p.strip()]
    body = body.strip()
    if len(parts) == 2 and body[:len(parts[1])] == parts[1]:
        parts.pop()
    return "\n\n".join([*parts, body]) if body else "\n\n".join(parts)


def five_w(ctx: ArticleContext, lead_sentences: int = LEAD_SENTENCES) -> FiveW:
    """The answers for an article whose stages have run (events, times, mentions)."""
    passage = list(ctx.doc.sents)[:lead_sentences]
    event = main_event(ctx, passage, clause_first=True)
    result = FiveW(ctx.article.id)
    if not passage:
        return result
    trigger = _trigger(ctx, event) if event is not None else None
    result.event = event.id if event is not None else None
    result.who = _who(ctx, event, trigger, passage)
    result.what = _span_answer(_what(trigger)) if trigger is not None else None
    result.when = _when(ctx, event, passage)
    result.where = _where(ctx, event, passage)
    result.why = _why(trigger, passage)
    result.how = _how(trigger, passage)
    return result


# --- the answers ------------------------------------------------------------

def _trigger(ctx: ArticleContext, event: Event) -> Token | None:
    if event.trigger_start is None or event.trigger_end is None:
        return None
    span = ctx.doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _who(ctx: ArticleContext, event: Event | None, trigger: Token | None, passage: list[Span]) -> Answer | None:
    if event is not None:
        for name in event.agents or (event.patients if trigger is not None and _undergoes(trigger) else []):
            found = _find(ctx, name, event.start, event.end)
            if found is not None:
                return found
    return _first_mention(ctx, passage, ACTOR_TYPES)


def _undergoes(trigger: Token) -> bool:
    # Passive or nominal: the named participant is the one it happened to.
    return trigger.pos_ != "VERB" or any(c.dep_ == "nsubjpass" for c in trigger.children)


def _what(trigger: Token) -> list[Token]:
    if trigger.pos_ != "VERB":
        start = min([trigger.i] + [t.i for c in trigger.lefts if c.dep_ in {"compound", "amod"} for t in c.subtree])
        tokens = list(trigger.doc[start:trigger.i + 1])
        return _extend_right(trigger, tokens, {"prep"})
    tokens = [c for c in trigger.lefts if c.dep_ in {"aux", "auxpass", "neg"}] + [trigger]
    return _extend_right(trigger, tokens, {"dobj", "dative", "prt", "attr", "acomp", "oprd", "xcomp", "prep", "agent", "ccomp"})


def _extend_right(head: Token, tokens: list[Token], deps: set[str]) -> list[Token]:
    """``tokens`` plus ``head``'s right dependents of the given kinds, up to the first time, cause or manner
    (also inside them: "attacks German consulate with truck bomb" stops before "with")."""
    for child in head.rights:
        if child.dep_ not in deps or _is_adjunct(child):
            break
        subtree = list(child.subtree)
        cut = next((t.i for t in subtree if t.i > child.i and _is_adjunct(t)), None)
        tokens += [t for t in subtree if cut is None or t.i < cut]
        if cut is not None or len(tokens) >= _MAX_TOKENS:
            break
    return sorted(set(tokens), key=lambda t: t.i)


def _is_adjunct(token: Token) -> bool:
    return _is_time(token) or _is_cause(token) or _is_means(token)


def _when(ctx: ArticleContext, event: Event | None, passage: list[Span]) -> Answer | None:
    if event is not None and event.date_text:
        found = _find(ctx, event.date_text, event.start, event.end)
        if found is not None:
            return found
    # A news event happens on a day: the first expression anchored to a day (or finer) wins,
    # first in the passage, then anywhere in the article; then any anchored date of the passage.
    times = sorted((t for t in ctx.times if t.type in TIME_TYPES and t.value and t.value[:1].isdigit()),
                   key=lambda t: t.start)
    start, end = passage[0].start_char, passage[-1].end_char
    in_passage = [t for t in times if start <= t.start < end]
    for candidates in ([t for t in in_passage if _DAY.match(t.value)], [t for t in times if _DAY.match(t.value)],
                       in_passage):
        if candidates:
            return Answer(candidates[0].text, candidates[0].start, candidates[0].end)
    return None


def _where(ctx: ArticleContext, event: Event | None, passage: list[Span]) -> Answer | None:
    if event is not None and event.place:
        found = _find(ctx, event.place, event.start, event.end)
        if found is not None:
            return found
    return _first_mention(ctx, passage, PLACE_TYPES) or _first_mention(ctx, list(ctx.doc.sents), PLACE_TYPES)


def _why(trigger: Token | None, passage: list[Span]) -> Answer | None:
    if trigger is not None:
        for child in trigger.rights:
            if _is_cause(child) or _is_purpose(child):
                return _span_answer(_without_marker(child))
    for sentence in passage:
        for token in sentence:
            if token.lower_ in _EXPLICIT_CAUSES:
                clause = _cause_clause(token)
                if clause:
                    return _span_answer(clause)
    # The lead's own main clauses: "... after a tram derailed", "... over rising costs".
    for sentence in passage[1:]:
        for child in sentence.root.rights:
            if _is_cause(child) or _is_purpose(child):
                return _span_answer(_without_marker(child))
    return None


def _how(trigger: Token | None, passage: list[Span]) -> Answer | None:
    if trigger is not None and casualty_kind(trigger) is not None:
        # "Seven killed as tram derails": the harm came about through the event of the clause.
        for child in trigger.children:
            if child.dep_ == "advcl" and _introduced_by(child, {"when", "as", "after"}):
                return _span_answer(_circumstance(child))
    holders = ([trigger] if trigger is not None else []) + [main_verb(s) for s in passage[1:2]]
    for holder in filter(None, holders):
        # Its own adjuncts, those of a conjoined verb, and a means hung on its object
        # ("attacks the consulate with a truck bomb").
        near = [c for c in holder.children if c.dep_ in {"conj", "dobj"}]
        for child in [*holder.children, *(g for c in near for g in c.rights)]:
            if _is_means(child):
                return _span_answer(list(child.subtree))
            if _is_circumstance(child):
                return _span_answer(_circumstance(child))
    for sentence in passage:
        for token in sentence:
            if token.lower_ == "by" and any(c.dep_ == "pcomp" for c in token.children):
                return _span_answer(list(token.subtree))
    # No stated means: the action as the lead words it, the verb and what it acts on
    # ("Hillary Clinton has blamed her defeat ...": "has blamed her defeat").
    lead = next(filter(None, holders[1:]), trigger)
    if lead is None:
        return None
    acted_on = [t for c in lead.rights if c.dep_ in {"dobj", "obj"} for t in c.subtree if t.i <= c.i]
    return _span_answer(_verb_group(lead) + acted_on)


def _circumstance(verb: Token) -> list[Token]:
    """How a "when"/"as" clause says it happened: its own means ("struck with a car bomb"),
    else its verbs and objects ("a tram derailed and overturned")."""
    for child in verb.children:
        if _is_means(child):
            return list(child.subtree)
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    tokens = [t for v in verbs for t in _what(v)]
    tokens += [c for c in verb.children if c.dep_ == "cc" and verbs[-1].i > c.i]
    return sorted(set(tokens), key=lambda t: t.i)


def _verb_group(verb: Token) -> list[Token]:
    return [c for c in verb.lefts if c.dep_ in {"aux", "auxpass", "neg"}] + [verb] + [
        c for c in verb.rights if c.dep_ == "prt"]


# --- cause, purpose, means ----------------------------------------------------

def _is_cause(token: Token) -> bool:
    if token.dep_ == "advcl":
        return _introduced_by(token, _CAUSE_MARKS)
    if token.dep_ == "prep" and token.lower_ in _CAUSE_PREPS:
        # "for" gives a cause or purpose only before an action ("blamed for blunting ...",
        # "arrives for talks"), not a beneficiary ("aid for Romania").
        return token.lower_ != "for" or any(c.dep_ == "pcomp" or NOUN_TRIGGERS.get(c.lemma_.lower())
                                            for c in token.children)
    return False


def _is_purpose(token: Token) -> bool:
    """ "lands in Washington to meet Obama": an infinitive of purpose."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_means(token: Token) -> bool:
    if token.dep_ == "prep" and token.lower_ in _MEANS_PREPS:
        # "with a truck bomb", "by ramming ...", not a companion ("with Obama") or a doer ("by the FBI").
        if token.lower_ in {"with", "by"}:
            return not any(p.ent_type_ in ACTOR_TYPES or p.pos_ == "PRON" for p in token.children) and (
                token.lower_ == "with" or any(c.dep_ == "pcomp" for c in token.children))
        return True
    if token.dep_ == "advcl" and token.lemma_ == "use":
        return True
    return token.dep_ == "advmod" and token.lower_.endswith("ly") and token.i > token.head.i


def _is_circumstance(token: Token) -> bool:
    """ "killed when a tram derailed", "fell in while harvesting vegetables": how it came about."""
    return token.dep_ == "advcl" and _introduced_by(token, {"when", "while"})


def _introduced_by(clause: Token, words: set[str]) -> bool:
    # spaCy marks "when" as an adverb of the clause, "because" as its marker.
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in words and c.i < clause.i for c in clause.children)


def _is_time(token: Token) -> bool:
    if token.ent_type_ in TIME_TYPES:
        return True
    return token.dep_ == "prep" and any(c.ent_type_ in TIME_TYPES for c in token.children)


def _without_marker(clause: Token) -> list[Token]:
    """A cause clause or PP without its subordinator or preposition ("after changing ..." → "changing ...")."""
    tokens = list(clause.subtree)
    if clause.dep_ == "prep":
        tokens = [t for t in tokens if t.i != clause.i]
    else:
        tokens = [t for t in tokens if not (t.dep_ in {"mark", "advmod"} and t.head.i == clause.i and t.i < clause.i
                                            and t.lower_ in _CAUSE_MARKS | {"when", "while"})]
    return tokens


def _cause_clause(token: Token) -> list[Token]:
    """What an explicit cause word introduces: "because he ...", "due to X", "in retaliation for X"."""
    if token.dep_ in {"mark", "advmod"}:  # "because he cleared her"
        return [t for t in token.head.subtree if t.i > token.i]
    following = [t for c in token.rights if c.dep_ in {"prep", "pcomp"} for t in c.subtree]
    if not following:
        return []
    if token.lower_ == "cause":  # "the cause of the accident was unclear": the sentence is the answer
        return list(token.sent)
    if token.lower_ in {"retaliation", "reprisal", "revenge", "response"}:
        return [token, *following]  # "retaliation for Nato airstrikes"
    return [t for t in following if t.dep_ != "prep" or t.head.i != token.i]  # "due to X" → X


# --- spans ----------------------------------------------------------------------

def _span_answer(tokens: list[Token]) -> Answer | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return None
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if end - start > 2 * _MAX_TOKENS:
        end = start + 2 * _MAX_TOKENS
    span = doc[start:end]
    return Answer(span.text, span.start_char, span.end_char)


def _find(ctx: ArticleContext, text: str, start: int, end: int) -> Answer | None:
    at = ctx.article.text.find(text, start, max(end, start + len(text)))
    return Answer(text, at, at + len(text)) if at >= 0 else None


def _first_mention(ctx: ArticleContext, passage: list[Span], types: set[str]) -> Answer | None:
    start, end = passage[0].start_char, passage[-1].end_char
    for mention in sorted(ctx.mentions, key=lambda m: m.start):
        if start <= mention.start < end and mention.type in types:
            text = mention.text.strip()
            return Answer(text, mention.start, mention.start + len(text))
    return None
