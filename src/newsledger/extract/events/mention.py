"""What event coreference compares of one event mention, read from the parse.

``coref_input`` is the one reader: the events stage stores its answer on
each event (``Event.coref``), which event alignment (``link/events.py``)
hands to coreference, and ``eval coref`` calls it on each gold mention of
ECB+, so the figure that eval reports is that of the code the ledger runs.
It gives (``CorefInput``):

* the trigger's head lemma, where a verb whose particle or object makes it
  another event word counts as that word (``PHRASES``: "passed away" is
  "die", "opened fire" is "shoot");
* the names and head words of the trigger's subject, object and
  prepositional arguments (a nominal trigger governed by a verb shares that
  verb's subject: "the attack they launched");
* the places and dates named in its sentence, and the sentence's content
  lemmas (the trigger's own words left out).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...entity_types import PLACE_TYPES, TIME_TYPES
from ...records import CorefInput

# A verb and its particle or object that together name another event word ("opened fire": shoot).
PHRASES = {
    ("pass", "away"): "die", ("open", "fire"): "shoot", ("gun", "down"): "shoot", ("set", "fire"): "burn",
    ("catch", "fire"): "burn", ("take", "over"): "takeover", ("take", "office"): "inauguration",
    ("break", "out"): "outbreak", ("make", "off"): "steal", ("pull", "over"): "stop",
}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "agent", "attr", "iobj", "dative", "poss", "compound"}
_PREPOSITIONS = {"prep", "agent"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def coref_input(doc: Doc, start: int, end: int) -> CorefInput:
    """What coreference compares of the mention at characters ``start:end`` of a parsed document."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        raise ValueError(f"no tokens at characters {start}:{end}")
    head = trigger_head(span)
    sentence = head.sent
    context = {
        t.lemma_.lower() for t in sentence
        if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and not (span.start <= t.i < span.end)
    }
    return CorefInput(
        lemma=phrase_lemma(head) or head.lemma_.lower(),
        participants=sorted(_arguments(head)),
        places=sorted({e.text.lower() for e in sentence.ents if e.label_ in PLACE_TYPES}),
        times=sorted({e.text.lower() for e in sentence.ents if e.label_ in TIME_TYPES}),
        context=sorted(context),
    )


def trigger_head(span: Span) -> Token:
    """The token of a mention span whose syntactic head lies outside it (its root)."""
    inside = [t for t in span if not t.is_punct] or list(span)
    for token in inside:
        outside = token.head.i < span.start or token.head.i >= span.end or token.head == token
        if outside and (token.pos_ in {"VERB", "NOUN", "PROPN", "ADJ"} or len(inside) == 1):
            return token
    content = [t for t in inside if t.pos_ in {"VERB", "NOUN"}]
    return (content or inside)[0]


def phrase_lemma(head: Token) -> str | None:
    """The event word a verb names with its particle or object ("passed away": die), or None."""
    for child in head.children:
        if child.dep_ in {"prt", "dobj", "obj", "advmod"}:
            found = PHRASES.get((head.lemma_.lower(), child.lemma_.lower()))
            if found:
                return found
    return None


def _name(token: Token) -> str:
    """An argument as a word: its named entity's text when it is in one, else its lemma."""
    if token.ent_type_:
        for entity in token.doc.ents:
            if entity.start <= token.i < entity.end:
                return entity.text.lower()
    return token.lemma_.lower()


def _arguments(head: Token) -> set[str]:
    found: set[str] = set()
    for child in head.children:
        if child.dep_ in _ARGUMENT_DEPS and not child.is_stop and not child.is_punct:
            found.add(_name(child))
        elif child.dep_ in _PREPOSITIONS:
            found.update(_name(g) for g in child.children if g.dep_ == "pobj" and not g.is_stop)
    # A nominal trigger governed by a verb shares that verb's subject ("the attack they launched").
    if head.pos_ == "NOUN" and head.dep_ in {"dobj", "obj"}:
        found.update(_name(s) for s in head.head.children if s.dep_ in {"nsubj", "nsubjpass"} and not s.is_stop)
    return {a for a in found if a.strip()}
