"""Counts that are not casualties: "some 3,000 members of the terror cult",
"police arrested 12 people", "the number of arrests rose to 60".

A ``Figure`` says what is counted (``measure``: the counted noun's lemma,
"member", "people", "drone"), what was done to it when a verb says so
(``action``: "arrest", "detain", "seize"), whose it is when the phrase names an
owner ("of the terror cult", "MKO members", "its members"), and the range,
parsed as casualty figures are (``quantities.parse_quantity``: "thousands" is
2,000-9,999, "some 3,000" 2,700-3,300). Figures of the killed and injured
are left to the casualty extractor; dates, times, money, percentages,
ordinals and units of time are no counts of anything.

Across articles, ``compare.figures`` compares the figures of one story that
count the same thing of the same owner (or under the same action).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..records import Figure
from . import ArticleContext, Stage
from .casualties import casualty_kind, is_quantity_word, quantity_of, quantity_phrase
from .events import source_for

VERSION = "figures.v1"

# Entity labels of a counted noun that make the figure an amount, a date or a rank, not a count of things.
_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Nouns that measure time, money or size rather than count things.
_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "percent",
          "dollar", "euro", "pound", "kilometer", "kilometre", "mile", "meter", "metre", "foot", "inch", "kilogram",
          "ton", "tonne", "times", "point", "page", "word", "%"}
_VAGUE_NOUNS = {"dozens", "scores", "hundreds", "thousands", "millions", "tens", "several", "handful"}
_OWNER_DEPS = {"poss", "compound"}
_NUMBER_NOUNS = {"number", "total", "count", "tally"}
_UPDATE_VERBS = {"rise", "climb", "reach", "increase", "jump", "mount", "grow", "soar", "fall", "drop"}


def _counted(figure: Token) -> Token | None:
    """The noun a figure word counts: "3,000 members", "thousands of its members"."""
    if figure.lower_ in _VAGUE_NOUNS or figure.lemma_ == "dozen" and figure.tag_ == "NNS":
        for prep in figure.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((t for t in prep.children if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN")), None)
        return None
    if figure.dep_ == "nummod" and figure.head.pos_ in ("NOUN", "PROPN"):
        return figure.head
    return None


def _owner(noun: Token) -> list[Token]:
    """The tokens naming whose the counted things are: "of the terror cult", "its", "MKO"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((t for t in child.children if t.dep_ == "pobj"), None)
            if pobj is not None:
                return list(pobj.subtree)
        if child.dep_ in _OWNER_DEPS and child.i < noun.i and (child.pos_ == "PROPN" or child.tag_ == "PRP$"):
            return list(child.subtree)
    return []


def _action(noun: Token) -> Token | None:
    """The verb acting on the counted things: "arrested 12 people", "12 people were detained"."""
    if noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    return None


def _entity_of(tokens: Sequence[Token], ctx: ArticleContext) -> str | None:
    """The local entity the tokens name: a mention among them, else an entity of the article
    known by the same name (the parser's entity recognizer misses some repeats of a name)."""
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    mention = next((m for m in ctx.mentions if m.start < end and start < m.end), None)
    if mention is not None:
        return mention.cluster
    words = [t for t in tokens if t.dep_ != "det" and t.tag_ != "PRP$"]
    name = " ".join(t.text for t in words).lower()
    return next((e.id for e in ctx.local_entities
                 if name and name in {n.lower() for n in (e.name, *e.aliases)}), None)


def _number_of(verb: Token) -> tuple[Token, Token] | None:
    """ "the number of arrests rose to 60": (the counted noun, the figure)."""
    subject = next((t for t in verb.children if t.dep_ == "nsubj" and t.lemma_ in _NUMBER_NOUNS), None)
    target = next((p for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"), None)
    if subject is None or target is None:
        return None
    counted = next((pobj for prep in subject.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for pobj in prep.children if pobj.dep_ == "pobj"), None)
    figure = next((t for t in target.children if t.dep_ == "pobj" and is_quantity_word(t)), None)
    return (counted, figure) if counted is not None and figure is not None else None


def _is_count(figure: Token, counted: Token) -> bool:
    if figure.ent_type_ not in ("", "CARDINAL"):  # a date, an amount, or part of a name ("Ashraf 3")
        return False
    if counted.ent_type_ in _NOT_COUNTS or counted.lemma_.lower() in _UNITS:
        return False
    # The killed and injured are the casualty extractor's ("dozens of others were injured").
    return not any(casualty_kind(t) for t in (counted, counted.head, figure.head, _action(counted)) if t is not None)


def find_figures(ctx: ArticleContext) -> list[Figure]:
    figures: list[Figure] = []
    seen: set[int] = set()
    for token in ctx.doc:
        update = False
        if token.pos_ == "VERB" and token.lemma_ in _UPDATE_VERBS and (pair := _number_of(token)):
            counted, figure, update = pair[0], pair[1], True
        elif is_quantity_word(token) and (counted := _counted(token)) is not None:
            figure = token
        else:
            continue
        if figure.i in seen or not _is_count(figure, counted):
            continue
        seen.add(figure.i)
        quantity = quantity_of(quantity_phrase(figure))
        if quantity is None or (quantity.min is None and quantity.max is None):
            continue
        if update:
            quantity.qualifier = "update"
        owner = _owner(counted)
        owner_entity = _entity_of(owner, ctx) if owner else _entity_of([counted], ctx)
        action = _action(counted)
        phrase = [counted, *owner]
        start = min(quantity.start, *(t.idx for t in phrase))
        end = max(quantity.end, *(t.idx + len(t) for t in phrase))
        figures.append(Figure(
            article=ctx.article.id,
            measure=counted.lemma_.lower(),
            counted_text=counted.text,
            action=action.lemma_.lower() if action is not None else None,
            owner_text=ctx.doc.text[owner[0].idx: owner[-1].idx + len(owner[-1])] if owner else None,
            owner=owner_entity,
            quantity=quantity,
            start=start,
            end=end,
            source=source_for(ctx.statements, start, end),
            extractor=VERSION,
        ))
    return figures


def extract_figures(ctx: ArticleContext) -> None:
    ctx.figures = find_figures(ctx)


STAGE = Stage(VERSION, extract_figures, requires=("doc", "mentions", "local_entities", "statements"), assigns=("figures",))
