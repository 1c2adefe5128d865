"""Who took part in an event and where: agents, patients, the place chain.

Read off the parse around a trigger; the rules are in the package doc
(``newsledger.extract.events``). ``phrase_text`` / ``phrase_bounds`` give the
short phrase that names an actor or a place.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...entity_types import ACTOR_TYPES, PLACE_TYPES, TIME_TYPES
from ..attribution.lexicon import SPEECH_VERBS
from .lexicon import (
    _NOUN_PATIENT_PREPS, _PEOPLE_NOUNS, _PERSONAL_PRONOUNS, _PLACE_NOUNS, _PLACE_PREPS, _POSSESSIVE_PRONOUNS,
    _RELATIONAL_PREPS, _RELATIVE_PRONOUNS,
)

_MAX_PHRASE_TOKENS = 12


# --- participants ---------------------------------------------------------

def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]


def _subject_tokens(verb: Token) -> list[Token]:
    """Active subjects, inherited through "and", "agreed to ...", "is ready to ..." and purpose clauses."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            return [_resolve_relative(s) for s in subjects]
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return []
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if (node.dep_ in {"conj", "xcomp", "acomp"} or purpose) and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in {"relcl", "acl"} and node.tag_ in {"VBG"}:
            return [node.head]
        break
    return []


def _resolve_relative(token: Token) -> Token:
    # "the MKO, which has killed ...": "which" stands for "the MKO".
    if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _resolve_speaker_pronoun(token: Token) -> Token:
    """ "Syria says it is willing ...": the pronoun subject of reported speech is the speaker."""
    if token.lower_ not in _PERSONAL_PRONOUNS:
        return token
    node = token.head  # the verb the pronoun is the subject of
    for _ in range(4):
        while node.dep_ in {"xcomp", "acomp", "conj"} and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp":
            return token
        speech = node.head
        if speech.lemma_.lower() in SPEECH_VERBS:
            speakers = [c for c in speech.children if c.dep_ == "nsubj" and c.lower_ not in _PERSONAL_PRONOUNS]
            if speakers:
                return speakers[0]
        node = speech
    return token


def _agents(trigger: Token) -> list[str]:
    found: list[Token] = []
    if trigger.pos_ == "VERB":
        found = [_resolve_speaker_pronoun(s) for s in _subject_tokens(trigger)]
        found += [p for c in trigger.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not found and trigger.dep_ == "conj":
            head = trigger.head
            found = [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    else:
        for child in trigger.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.i == trigger.i - 1 and _is_actor(child)):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                found += [p for p in child.children if p.dep_ == "pobj"]
        verb = _governing_verb(trigger)
        if verb is not None and all(t.lower_ in _POSSESSIVE_PRONOUNS for t in found):
            # "arrived in Amman on a visit", "completed its investigation": the verb's subject; not
            # when that subject did not do it (``_SUBJECT_NOT_THE_AGENT``).
            if verb.lemma_.lower() not in _SUBJECT_NOT_THE_AGENT:
                found = [_resolve_speaker_pronoun(s) for s in _subject_tokens(verb)] or found
    return _phrases(_with_conjuncts([t for t in found if not _is_time(t)]))


# Verbs whose subject did not do the happening they govern: one happening came before, after or because of
# another ("His statements followed the clashes"), or an actor answers what others did or agreed ("the MKO
# violated the 2014 agreement", "the minister welcomed the ceasefire").
_SUBJECT_NOT_THE_AGENT = frozenset({
    "follow", "precede", "accompany", "spark", "trigger", "prompt", "cause", "provoke", "fuel", "overshadow",
    "violate", "breach", "condemn", "denounce", "criticize", "criticise", "welcome", "praise", "oppose", "witness",
    "investigate",
})


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of, directly or through a PP or a compound."""
    node = noun.head if noun.dep_ == "compound" else noun
    if node.dep_ in {"dobj", "obj"} and node.head.pos_ == "VERB":
        return node.head
    if node.dep_ == "pobj" and node.head.lower_ in {"on", "for", "in", "at"} and node.head.head.pos_ == "VERB":
        return node.head.head
    return None


def _patients(trigger: Token, event_type: str | None = None) -> list[str]:
    """The actors an event is aimed at; lacking an actor, the thing acted on (see the package doc)."""
    if trigger.pos_ != "VERB":
        return _phrases(_with_conjuncts(_noun_patients(trigger)))
    return _phrases(_with_conjuncts(_verb_patients(trigger, event_type)))


def _noun_patients(trigger: Token) -> list[Token]:
    # "the attack on X", "talks with Y"; "a mediation effort between A and B" (a compound's head's PPs).
    holders = [trigger, trigger.head] if trigger.dep_ == "compound" else [trigger]
    found = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in _NOUN_PATIENT_PREPS
             for p in c.children if p.dep_ == "pobj"]
    return [_resolve_relative(t) for t in found if not _is_time(t)]


def _verb_patients(trigger: Token, event_type: str | None) -> list[Token]:
    objects = _objects(trigger)
    if not objects and trigger.dep_ == "conj":
        objects = [c for c in trigger.head.children if c.dep_ in {"dobj", "nsubjpass"}]
    if trigger.lemma_.lower() == "call":
        # "called for sanctions against Nigeria": what is called for.
        objects += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
                    if p.dep_ == "pobj"]
    objects = [_resolve_relative(o) for o in objects if not _is_time(o)]
    found = _recipients(trigger)
    if not found:
        found = [o for o in objects if _is_actor(o)]
    if not found and objects:
        found = [inner for o in objects for inner in _actor_inside(o)]
    if not found:
        found = _pp_objects(trigger, _aimed_preps(trigger, has_object=bool(objects)), actors_only=False)
    if not found:
        found = _pp_objects(trigger, _RELATIONAL_PREPS, actors_only=True)
    if not found and event_type in {"DEMAND", "THREATEN", "DISAPPROVE"}:
        # "demanded that the Sudanese government end curbs": the one the demand is made of.
        found = [s for c in trigger.children if c.dep_ == "ccomp" for s in c.children
                 if s.dep_ in {"nsubj", "nsubjpass"} and _is_actor(s)]
    if not found and not objects:
        # "threatened to ban opposition candidates", "refused to meet King Abdullah": the aim of the
        # intended (or refused) act.
        for complement in trigger.children:
            if complement.dep_ == "xcomp" and complement.pos_ == "VERB":
                found = _verb_patients(complement, None)
                break
    return found or objects


def _recipients(verb: Token) -> list[Token]:
    """ "gave Tanzania a grant", "provided aid to refugees": who receives it."""
    found = []
    objects = _objects(verb)
    if objects and all(_is_actor(o) and not _owned(o) for o in objects):
        return []  # "extradited the militant to Britain": the militant is the one it happens to
    for child in verb.children:
        if child.dep_ == "dative":
            found += [p for p in child.children if p.dep_ == "pobj"] if child.pos_ == "ADP" else [child]
    if not found and objects:
        found = _pp_objects(verb, {"to"}, actors_only=True)
    return [t for t in found if _is_actor(t)]


def _owned(token: Token) -> bool:
    # "offered its troops to Lebanon": one's own troops are what is given, not whom it is given to.
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in token.children)


def _aimed_preps(verb: Token, has_object: bool) -> set[str]:
    if verb.lemma_.lower() == "call":
        return {"on"}
    return {"against"} if has_object else {"against", "on"}


def _pp_objects(verb: Token, preps: set[str], actors_only: bool) -> list[Token]:
    found = [p for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
             for p in c.children if p.dep_ == "pobj" and not _is_time(p)]
    return [p for p in found if _is_actor(p)] if actors_only else found


def _actor_inside(thing: Token) -> list[Token]:
    """The actor an abstract thing belongs to or comes from: "Haiti's efforts", "a Security
    Council resolution", "demands from Shona rebels", "a blockade on Palestinian lorries".

    Places are what they are: "raided a camp belonging to the MKO" hits the camp.
    """
    if thing.lemma_.lower() in _PLACE_NOUNS or thing.ent_type_ in PLACE_TYPES:
        return []
    for token in thing.subtree:
        if token.i == thing.i or token.lower_ in _POSSESSIVE_PRONOUNS | _PERSONAL_PRONOUNS:
            continue
        if token.dep_ in {"amod", "compound"} and token.ent_type_ not in ACTOR_TYPES:
            continue  # "military aid", "opposition candidates": a modifier names an actor only as a name
        if token.dep_ in {"poss", "compound", "amod", "pobj", "appos"} and _is_actor(token):
            while token.dep_ == "compound" and token.head.i != thing.i:
                token = token.head  # "U.N. Security Council resolution": the whole name
            return [token]
    return []


def _is_actor(token: Token) -> bool:
    """Whether a phrase's head names a person or an organized group (a name, "officials", "troops", "they")."""
    return (token.ent_type_ in ACTOR_TYPES or token.lemma_.lower() in _PEOPLE_NOUNS
            or token.lower_ in _PERSONAL_PRONOUNS)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in TIME_TYPES


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        for conj in token.children:
            # "Iraq and Libya", "Bosnia, Slovenia": a coordinator or comma between them, not a hyphen.
            between = token.doc[token.i + 1:conj.left_edge.i]
            if conj.dep_ == "conj" and conj.pos_ in {"NOUN", "PROPN", "PRON"} and any(
                    t.dep_ == "cc" or t.text == "," for t in between):
                out.append(conj)
    return out


def _phrases(tokens: list[Token]) -> list[str]:
    return list(dict.fromkeys(_actor_text(t) for t in tokens if t.pos_ != "PUNCT"))


def _actor_text(head: Token) -> str:
    """``phrase_text`` without a leading count: "Some 800,000 Iraqi Kurds" names the Iraqi Kurds."""
    start, end = phrase_bounds(head)
    counts = [t.i for c in head.children if c.dep_ == "nummod" and c.i < head.i for t in c.subtree]
    if counts and min(counts) <= start + 1 and max(counts) + 1 < head.i:
        start = max(counts) + 1
    return head.doc[start:end].text


def phrase_text(head: Token) -> str:
    """A short phrase naming ``head``: its noun chunk plus a PP or participle that names it."""
    start, end = phrase_bounds(head)
    return head.doc[start:end].text


def phrase_bounds(head: Token) -> tuple[int, int]:
    left = [c for c in head.children if c.i < head.i and c.dep_ not in {"punct", "cc", "prep", "relcl"}]
    start = min([head.i] + [t.i for c in left for t in c.subtree])
    end = head.i + 1
    for child in head.children:
        if child.i < end:
            continue
        if child.dep_ in {"compound", "nummod", "appos"} and child.i == end:
            end = max(t.i for t in child.subtree) + 1
        elif child.dep_ == "prep" and child.lower_ in {"of", "in", "from"} and child.i == end:
            _, pobj_end = _pp_bounds(child)
            end = pobj_end
        elif child.dep_ == "acl" and child.i == end:
            end = _acl_end(child)
        else:
            break
        if end - start >= _MAX_PHRASE_TOKENS:
            break
    return start, end


def _pp_bounds(prep: Token) -> tuple[int, int]:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return prep.i, prep.i + 1
    start, end = phrase_bounds(objects[0])
    return prep.i, end


def _acl_end(verb: Token) -> int:
    # "belonging to the MKO", "known as Ashraf-3": the participle and its first PP or object.
    end = verb.i + 1
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.i == end and child.dep_ in {"prep", "dobj", "attr", "oprd"}:
            end = _pp_bounds(child)[1] if child.dep_ == "prep" else phrase_bounds(child)[1]
        break
    return end


# --- place -------------------------------------------------------------------

def _place(trigger: Token) -> str | None:
    """The place PPs of the trigger (and of the verb around a nominal trigger), kept as one chain."""
    holders = [trigger]
    if trigger.pos_ != "VERB":
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if verb.pos_ in {"VERB", "AUX"}:
            holders.append(verb)
            holders += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            if verb.dep_ == "conj":
                holders.append(verb.head)
    spans: list[tuple[int, int, int]] = []  # (preposition, object start, object end)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS and _is_place_pp(child):
                spans.append((child.i, *_place_bounds(child)))
    if not spans:
        return None
    spans.sort()
    doc = trigger.doc
    # Adjacent place PPs form one chain: "the camp, known as Ashraf-3, in the
    # northwest of the capital Tirana" (the later PPs keep their preposition).
    first_start, chain_end = spans[0][1], spans[0][2]
    for prep, _, end in spans[1:]:
        if prep >= chain_end and all(t.is_punct for t in doc[chain_end:prep]):
            chain_end = end
    return doc[first_start:chain_end].text or None


def _is_place_pp(prep: Token) -> bool:
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if pobj.ent_type_ in TIME_TYPES:
            return False
        start, end = phrase_bounds(pobj)
        tokens = pobj.doc[start:end]
        if any(t.ent_type_ in PLACE_TYPES for t in tokens):
            return True
        if pobj.lemma_.lower() in _PLACE_NOUNS:
            return True
    return False


def _place_bounds(prep: Token) -> tuple[int, int]:
    # The whole object: its subtree keeps "the camp, known as Ashraf-3".
    pobj = next(c for c in prep.children if c.dep_ == "pobj")
    subtree = [t.i for t in pobj.subtree]
    start, end = min(subtree), max(subtree) + 1
    # A place ends at a paragraph break (a headline's "in West Side shooting" runs into the page's blank lines).
    end = next((t.i for t in prep.doc[pobj.i:end] if t.is_space and "\n" in t.text), end)
    while end > start and (prep.doc[end - 1].is_punct or prep.doc[end - 1].is_space):
        end -= 1
    return start, end
