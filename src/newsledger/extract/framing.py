"""The labels an article applies to its actors, and in whose voice.

A label is a word or phrase that characterizes an entity:

* ``modifier``: an adjective on the name ("the *notorious* Mujahedin-e-Khalq
  Organization");
* ``apposition``: a noun phrase beside the name ("Nouri al-Maliki, *the former
  Iraqi prime minister*"; "the MKO, *a terrorist cult*");
* ``predicate``: a noun phrase the name is said to be ("the MKO is *a
  terrorist organization*");
* ``descriptor``: the name used as a modifier of a characterizing noun ("the
  MKO *terrorists*"), or a definite description standing for a group named
  earlier ("*the terror group*", "*this terrorist cult*"); the latter is an
  inference, recorded in ``assumption``.

Each label has a ``voice``: ``narrator`` (the outlet's own words), ``quoted``
(inside quotation marks, the speaker's words) or ``reported`` (inside an
indirect statement: the outlet's paraphrase of a speaker). Labels in a
statement name its speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..entity_types import OWN_NAME_TYPES
from ..records import Label, Mention, Statement
from . import ArticleContext, Stage
from .attribution import statement_for_offset
from .attribution.quotes import QuoteSpan

__all__ = ["STAGE", "VERSION", "extract_labels", "GROUP_NOUNS", "CHARACTERIZING_NOUNS", "mention_heads",
           "speech_statements", "voice_at"]

VERSION = "framing.v1"

# Head nouns of a definite description that can stand for an organization:
# neutral ones label only with a modifier ("the *terror* group"), the others
# are a characterization by themselves ("the terrorists", "the cult").
GROUP_NOUNS = frozenset({"group", "organization", "organisation", "outlet", "movement", "faction", "network", "outfit", "party"})
CHARACTERIZING_NOUNS = frozenset({
    "cult", "sect", "gang", "regime", "militia", "terrorist", "militant", "extremist", "rebel", "insurgent",
    "separatist", "jihadist", "dissident", "thug", "criminal", "fanatic", "radical", "mercenary",
})
# Adjectives that say nothing about the entity ("the same group", "its recent clash").
EMPTY_ADJECTIVES = frozenset({
    "same", "other", "such", "own", "new", "former", "recent", "current", "first", "last", "many",
    "several", "various", "certain", "whole", "entire", "main", "relevant", "respective", "neighboring",
    "neighbouring",
})
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_NAMED_TYPES = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_GROUP_TYPES = {"ORG"}
DESCRIPTION_LOOKBACK = 3  # sentences in which a description may find the group it stands for
ANTECEDENT = "description taken to stand for {name}, the group named most often so far among those named recently"


def extract_labels(ctx: ArticleContext) -> None:
    doc = ctx.doc
    heads = mention_heads(doc, ctx.mentions)
    quotes = ctx.quotes
    speech = speech_statements(ctx.statements)
    found: dict[tuple[int, int, str], Label] = {}

    def add(entity: str, mention: Mention, label: Span, kind: str, assumption: str | None = None) -> None:
        text = _strip(label)
        if text is None or (label.start_char, label.end_char, entity) in found:
            return
        start, end = text.start_char, text.end_char
        voice, statement = voice_at(speech, quotes, start, end)
        found[(label.start_char, label.end_char, entity)] = Label(
            article=ctx.article.id, entity=entity, entity_text=mention.text, label=_normal(text),
            text=text.text, kind=kind, voice=voice, start=start, end=end,
            statement=statement.id if statement else None,
            speaker=statement.speaker if statement else None,
            speaker_text=statement.speaker_text if statement else None,
            assumption=assumption, extractor=VERSION,
        )

    for head_i, mention in heads.items():
        head = doc[head_i]
        entity = mention.cluster
        if entity is None:
            continue
        for child in head.children:
            if child.dep_ == "amod" and child.i < head.i and not _inside(child, mention) and _telling(child):
                add(entity, mention, doc[child.left_edge.i:child.i + 1], "modifier")
            elif child.dep_ == "appos" and child.pos_ == "NOUN" and not _has_name(child, heads):
                add(entity, mention, _phrase(child), "apposition")
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not _has_name(head.head, heads):
            add(entity, mention, _phrase(head.head, stop=head), "apposition")
        if head.dep_ in {"compound", "nmod"} and head.head.pos_ == "NOUN" and _characterizing(head.head):
            add(entity, mention, _phrase(head.head, stop=head, keep_left=False), "descriptor")
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            for attr in head.head.children:
                if attr.dep_ == "attr" and attr.pos_ == "NOUN" and not _has_name(attr, heads):
                    add(entity, mention, _phrase(attr), "predicate")
    for token, mention in _descriptions(doc, heads):
        add(mention.cluster, mention, _phrase(token), "descriptor",
            ANTECEDENT.format(name=_entity_name(ctx, mention.cluster)))
    ctx.labels = sorted(found.values(), key=lambda label: (label.start, label.entity))


def mention_heads(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """The syntactic head token of each named mention."""
    heads = {}
    for mention in mentions:
        if mention.type not in _NAMED_TYPES:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            heads[span.root.i] = mention
    return heads


def _descriptions(doc: Doc, heads: dict[int, Mention]) -> list[tuple[Token, Mention]]:
    """Definite group descriptions ("the terror group") with the group they stand for: of the
    organizations named in the last few sentences, the one named most often so far."""
    found = []
    counts: dict[str, int] = {}
    latest: dict[str, tuple[int, Mention]] = {}  # cluster -> (sentence, mention)
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            mention = heads.get(token.i)
            if mention is not None:
                if mention.type in _GROUP_TYPES and mention.cluster is not None:
                    counts[mention.cluster] = counts.get(mention.cluster, 0) + 1
                    latest[mention.cluster] = (number, mention)
                continue
            if not _description(token, heads):
                continue
            recent = [c for c, (seen, _) in latest.items() if number - seen <= DESCRIPTION_LOOKBACK]
            if recent:
                best = max(recent, key=lambda c: (counts[c], latest[c][0]))
                found.append((token, latest[best][1]))
    return found


def _description(token: Token, heads: dict[int, Mention]) -> bool:
    if token.pos_ != "NOUN" or not _definite(token) or _has_name(token, heads):
        return False
    lemma = token.lemma_.lower()
    return lemma in CHARACTERIZING_NOUNS or (lemma in GROUP_NOUNS and _modified(token))


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _modified(token: Token) -> bool:
    """A description carries a characterization only with a modifier ("the *terror* group")."""
    return any(c.dep_ in {"amod", "compound"} and c.i < token.i and _telling(c) for c in token.children)


def _characterizing(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in CHARACTERIZING_NOUNS or (lemma in GROUP_NOUNS and _modified(noun))


def _telling(token: Token) -> bool:
    return (token.lemma_.lower() not in EMPTY_ADJECTIVES and token.lower_ not in EMPTY_ADJECTIVES and not token.like_num and token.ent_type_ not in {"NORP", "GPE", "DATE", "ORDINAL", "CARDINAL"})


def _inside(token: Token, mention: Mention) -> bool:
    return mention.start <= token.idx < mention.end


def _has_name(noun: Token, heads: dict[int, Mention]) -> bool:
    """True when a phrase names an actor of its own ("the Iraqi prime minister" does not)."""
    return any(t.i in heads and heads[t.i].type in OWN_NAME_TYPES for t in noun.subtree)


def _phrase(head: Token, stop: Token | None = None, keep_left: bool = True) -> Span:
    """The noun phrase of ``head`` up to the head itself and its of-phrase, without clauses,
    and without ``stop`` (the name) or anything after it."""
    doc = head.doc
    first = head.left_edge.i if keep_left else head.i
    last = head.i
    for child in head.children:
        if child.i > head.i and child.dep_ == "prep" and child.lower_ == "of":
            last = max(last, child.right_edge.i)
    if stop is not None:
        if first <= stop.i <= last and stop.i < head.i:
            first = stop.right_edge.i + 1
        elif first <= stop.i <= last:
            last = stop.left_edge.i - 1
    while first < last and (doc[first].is_punct or doc[first].dep_ == "case"):
        first += 1
    return doc[first:last + 1]


def _strip(span: Span) -> Span | None:
    """The label without its determiner and punctuation; None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].dep_ == "poss"):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if end > start else None


def _normal(span: Span) -> str:
    """A key for counting: lower case, plural heads singular ("terrorists" -> "terrorist")."""
    words = [t.lower_ for t in span]
    words[-1] = span[-1].lemma_.lower() if span[-1].pos_ == "NOUN" else words[-1]
    return " ".join(words)


def speech_statements(statements: list[Statement]) -> list[Statement]:
    """The statements that lend their voice to the words inside them. A belief, intention or
    stance is told in the outlet's own words, and so is what "was announced" by no one: only
    speech with a speaker counts."""
    return [s for s in statements if s.mode == "speech" and s.speaker_text]


def voice_at(speech: list[Statement], quotes: list[QuoteSpan], start: int, end: int) -> tuple[str, Statement | None]:
    """Whose words ``[start, end)`` are, and the statement they lie in (from ``speech_statements``):
    quoted inside quotation marks (a statement's or the outlet's scare quotes), reported inside
    an indirect statement, else narrator."""
    statement = statement_for_offset(speech, start, end)
    if any(q.inner_start <= start and end <= q.inner_end for q in quotes):
        return "quoted", statement
    return ("narrator" if statement is None else "reported"), statement


def _entity_name(ctx: ArticleContext, entity: str | None) -> str:
    return next((e.name for e in ctx.local_entities if e.id == entity), entity or "?")


STAGE = Stage(VERSION, extract_labels, requires=("doc", "mentions", "local_entities", "statements", "quotes"),
              assigns=("labels",))
