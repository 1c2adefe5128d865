"""Victims counted from the people a sentence names, when it gives no number for the toll.

"A man was shot and killed Tuesday", "a 20-year-old man is dead and a
16-year-old boy is wounded", "a toddler has been killed after he
accidentally shot himself": news reports most tolls by naming the victims,
not by a figure. ``count_victims(sentence)`` reads such a sentence:

- the harm: a verb or adjective of killing ("killed", "died", "dead",
  "murdered", "gunned down", "shot ... to death", "fatally shot") or of
  hurting ("wounded", "injured", "hurt", "hospitalized"); "shot" alone is
  neither ("four people were shot" counts the dead with the wounded, and
  the Gun Violence Archive's own counts keep them apart), but hurting when
  the sentence says the one shot lives ("shot in the leg", "is recovering",
  "in stable condition", "non-life-threatening injuries");
- who suffered it: the subject of a passive verb, of "died", of "is dead";
  the object of an active one ("shot and killed her boyfriend"); the people
  "of" a "death" ("the shooting deaths of four men");
- how many: a number in the phrase ("four men": 4), else one for a person
  named in the singular ("a man", "the 16-year-old", "her boyfriend", a
  name, "himself"); conjoined people add up ("a man and a woman": 2). A
  plural without a number ("their daughters"), a pronoun ("they", "he": who
  is it?), or a word that names no person ("the car") counts nothing, and
  then nothing is reported for that harm.

Each count is a ``Quantity`` whose text and offsets are the victims' phrase,
with qualifier ``named``: at least that many (the lead that names one victim
may not name all), and a count the text never states. It can answer for an
incident that no figure answers for, but it is never compared with another
report's figure as if the article had given it (``compare.discrepancies``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..records import Quantity
from .quantities import parse_number

NAMED = "named"

_KILL_VERBS = {"kill", "murder", "slay", "die", "execute", "assassinate"}
_KILL_ADJECTIVES = {"dead", "killed", "slain"}
_HURT_VERBS = {"wound", "injure", "hurt", "hospitalize"}
# Verbs of being shot: a killing when something says so ("shot dead", "gunned down"), else nothing:
# "four people were shot" counts the killed with the wounded, and one shot may die of it.
_SHOOT_VERBS = {"shoot", "gun"}
_HURT_ADJECTIVES = {"wounded", "injured", "hurt", "hospitalized"}
# What turns a shooting into a killing: "shot to death", "shot dead", "fatally shot", "gunned down".
_FATAL_WORDS = {"fatally", "mortally"}
_DEATH_NOUNS = {"death", "deaths", "killing", "killings", "murder", "murders", "homicide", "homicides"}
# Where a shot is seldom fatal ("shot in the leg"), and words that say the one shot lives.
_LIMBS = {"leg", "arm", "foot", "hand", "ankle", "knee", "thigh", "shoulder", "buttock", "buttocks", "hip",
          "wrist", "finger", "toe", "calf", "elbow", "forearm", "shin"}
_SURVIVAL = re.compile(
    r"non-?\s?life[- ]threatening|\b(?:is|was|are|were) (?:expected to (?:survive|recover)|recovering)\b"
    r"|\b(?:stable|fair|good|serious|critical|guarded) condition\b|\btreated and released\b"
    r"|\bexpected to (?:survive|recover)\b|\bsurvived\b", re.IGNORECASE)
# Singular nouns that name one person.
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "child", "toddler", "baby", "infant", "teen", "teenager", "person", "victim",
    "student", "officer", "deputy", "trooper", "father", "mother", "son", "daughter", "brother", "sister",
    "husband", "wife", "boyfriend", "girlfriend", "friend", "grandfather", "grandmother", "uncle", "aunt",
    "cousin", "nephew", "niece", "resident", "driver", "passenger", "clerk", "employee", "customer", "owner",
    "homeowner", "suspect", "gunman", "shooter", "robber", "intruder", "neighbor", "relative", "youth",
    "juvenile", "male", "female", "pedestrian", "bystander", "guard", "worker", "teacher", "pastor",
    "minor", "adult", "kid", "motorist", "cyclist", "patron", "partygoer", "hunter", "security",
}
_REFLEXIVES = {"himself", "herself"}
# Verbs after which a victim is found in a state: "found shot dead", "discovered shot to death".
_FOUND_VERBS = {"find", "discover", "leave"}
_AGE_UNITS = {"year", "month", "week", "day"}
_ADDING = {"more", "other", "additional"}
_RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# A round-up of several incidents ("in three separate shootings") counts no one incident's victims.
_EVENT_NOUNS = {"shooting", "attack", "incident", "homicide", "killing", "murder", "stabbing"}
_SEPARATE = {"separate", "unrelated", "different", "citywide", "multiple", "several", "other"}
_SERIES = {"series", "spate", "string", "rash", "wave", "number"}


def count_victims(sentence: Span) -> dict[str, Quantity]:
    """``{"killed": Quantity, "injured": Quantity}``, each only where the sentence names its victims
    (none in a round-up of several incidents)."""
    if any(is_several_events(token) for token in sentence):
        return {}
    harmed = [(harm, victims) for token in sentence
              if (harm := _harm(token)) is not None and (victims := _victims(token))]
    # "was shot and later died", "shot and killed": whoever was killed is not also counted hurt.
    killed = {v.i for harm, victims in harmed if harm == "killed" for v in victims}
    found: dict[str, Quantity] = {}
    for harm, victims in harmed:
        if harm in found or (harm == "injured" and any(v.i in killed for v in victims)):
            continue
        if harm == "injured" and killed and victims[0].lower_ in _REFLEXIVES:
            continue  # "a toddler has been killed after he accidentally shot himself"
        count = _count(victims)
        if count is None:
            continue
        start = min(v.left_edge.idx for v in victims)
        end = max(v.idx + len(v) for v in victims)  # the people, without what follows them
        found[harm] = Quantity(count, None, sentence.doc.text[start:end], start, end, NAMED)
    for facet, quantity in _shot_some_fatally(sentence).items():
        found.setdefault(facet, quantity)
    return found


# Any word of a death, for telling an article where nobody died (where the people shot were hurt).
_DEATH_WORDS = re.compile(
    r"\b(?:kill\w*|dead|deadly|death\w*|die[ds]?|dying|fatal\w*|homicides?|murder\w*|slay\w*|slain"
    r"|deceased|pronounced|succumb\w*|lost (?:his|her|their) li(?:fe|ves)|passed away|body|bodies)\b", re.IGNORECASE)


def says_someone_died(text: str) -> bool:
    """Whether a text speaks of a death anywhere ("later died", "was pronounced", "the bodies")."""
    return _DEATH_WORDS.search(text) is not None


def count_shot(sentence: Span) -> Quantity | None:
    """The people a sentence says were shot ("Four people were shot", "he accidentally shot his 13-year-old
    brother"), whether they lived or not: the caller knows when nobody died. None when it does not say,
    or counts over several incidents."""
    if any(is_several_events(token) for token in sentence):
        return None
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SHOOT_VERBS or any(c.dep_ == "neg" for c in verb.children):
            continue
        shot = _victims(verb)
        count = _count(shot) if shot else None
        if count:
            start = min(v.left_edge.idx for v in shot)
            end = max(v.idx + len(v) for v in shot)
            return Quantity(count, None, sentence.doc.text[start:end], start, end, NAMED)
    return None


def is_several_events(noun: Token) -> bool:
    """ "in three separate shootings", "shootings across the city", "a spate of shootings": a round-up."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in _EVENT_NOUNS:
        return False
    if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _SERIES:
        return True
    for child in noun.children:
        if child.lower_ in _SEPARATE or (child.dep_ == "prep" and child.lower_ in {"across", "throughout"}):
            return True
        if child.dep_ == "nummod" and (parse_number(child.text) or 0) > 1:
            return True
    return False


def _shot_some_fatally(sentence: Span) -> dict[str, Quantity]:
    """ "Four people were shot, one man fatally": one killed and three hurt, the evidence spanning both."""
    for verb in sentence:
        if not (verb.pos_ == "VERB" and verb.lemma_.lower() in _SHOOT_VERBS) or _is_fatal(verb):
            continue
        shot = _victims(verb)
        total = _count(shot) if shot else None
        fatal = next((t.head for t in verb.subtree if t.dep_ == "advmod" and t.lower_ in _FATAL_WORDS
                      and t.head.i != verb.i), None)
        dead = _people(fatal) if fatal is not None else None
        if total is None or dead is None or not 0 < dead <= total:
            continue
        start = min(v.left_edge.idx for v in shot)
        end = max(t.idx + len(t) for t in fatal.subtree if t.lower_ in _FATAL_WORDS)
        text = sentence.doc.text[start:end]
        found = {"killed": Quantity(dead, None, text, start, end, NAMED)}
        if total > dead:
            found["injured"] = Quantity(total - dead, None, text, start, end, NAMED)
        return found
    return {}


def _harm(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if any(c.dep_ == "neg" for c in token.children):
        return None
    if token.pos_ == "NOUN" and _of_victims(token):
        if token.lower_ in _DEATH_NOUNS or any(c.lower_ in {"fatal", "deadly"} for c in token.children):
            return "killed"  # "the shooting deaths of four men", "the fatal shooting of a 6-year-old boy"
        return None
    if token.pos_ == "VERB" and lemma in _KILL_VERBS:
        return "killed"
    if token.pos_ == "ADJ" and token.lower_ in _KILL_ADJECTIVES and token.dep_ in {"acomp", "oprd"}:
        return "killed"
    if token.pos_ == "VERB" and lemma in _SHOOT_VERBS:
        if _is_fatal(token):
            return "killed"
        return "injured" if _survived(token) else None
    if token.pos_ == "VERB" and lemma in _HURT_VERBS:
        return "injured"
    if token.pos_ in {"ADJ", "VERB"} and token.lower_ in _HURT_ADJECTIVES and token.dep_ in {"acomp", "oprd"}:
        return "injured"
    return None


def _is_fatal(verb: Token) -> bool:
    """ "fatally shot", "shot dead", "shot to death", "gunned down": said of the verb itself, not of one
    of its victims ("four people were shot, one fatally" kills one, not four)."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in _FATAL_WORDS:
            return True
        if child.dep_ in {"oprd", "acomp", "xcomp", "advmod"} and child.lower_ == "dead":
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            return True
    return verb.lower_ == "gunned" and any(c.lower_ == "down" for c in verb.children)


def _survived(verb: Token) -> bool:
    """ "was shot in the leg", "was shot and is recovering", "shot ... in stable condition": the sentence
    says the one shot lives (its deaths, if any, are counted apart)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                g.lemma_.lower() in _LIMBS for g in child.children if g.dep_ == "pobj"):
            return True
    return _SURVIVAL.search(verb.sent.text) is not None


def _of_victims(noun: Token) -> list[Token]:
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    following = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if not of and following is not None and following.lower_ == "of" and following.dep_ == "prep":
        of = [following]  # "the shooting death of a child", the "of" parsed onto "shooting"
    objects = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
    return _with_conjuncts(objects[0]) if objects else []


def _victims(token: Token) -> list[Token]:
    """The heads of the people who suffered the harm ``token`` names (conjuncts included); a relative
    pronoun stands for its antecedent ("Luis Aguiar, who was killed Saturday")."""
    heads = _harmed(token)
    if heads and heads[0].lower_ in _RELATIVE_PRONOUNS:
        clause = next((t for t in heads[0].ancestors if t.dep_ == "relcl"), None)
        return _with_conjuncts(clause.head) if clause is not None and clause.head.pos_ in {"NOUN", "PROPN"} else []
    if not heads and token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in {"NOUN", "PROPN"}:
        return _with_conjuncts(token.head)  # "a man killed in a shooting Saturday"
    return heads


def _harmed(token: Token) -> list[Token]:
    if token.pos_ == "NOUN":
        return _of_victims(token)
    children = list(token.children)
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive:
        return _with_conjuncts(passive[0])
    if token.pos_ == "ADJ" and token.dep_ == "oprd":
        objects = [c for c in token.head.children if c.dep_ in {"dobj", "obj"}]
        if objects:
            return _with_conjuncts(objects[0])  # "left a 16-year-old man dead", "found him dead"
    if token.pos_ == "ADJ" or token.lemma_.lower() == "die":
        subject = token.head if token.pos_ == "ADJ" and token.dep_ in {"acomp", "oprd"} else token
        subjects = [c for c in subject.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return _with_conjuncts(subjects[0])
        if subject.dep_ == "conj" and subject.head.pos_ == "VERB":
            return _harmed(subject.head)  # "was shot Tuesday and later died": the first verb's subject
        return []
    objects = [c for c in children if c.dep_ in {"dobj", "obj"}]
    if objects:
        return _with_conjuncts(objects[0])
    if token.dep_ == "conj" and token.head.pos_ == "VERB":
        return _harmed(token.head)  # "was shot and killed": the first verb's subject
    if token.dep_ in {"xcomp", "oprd"} and token.head.lemma_.lower() in _FOUND_VERBS:
        # "was found shot dead"; "the girl found shot dead", the reduced relative parsed as its subject's verb
        found = [c for c in token.head.children if c.dep_ in {"nsubjpass", "nsubj", "dobj"}]
        return _with_conjuncts(found[0]) if found else []
    return []


def _with_conjuncts(head: Token) -> list[Token]:
    heads = [head]
    for conjunct in head.conjuncts:
        if conjunct.i > head.i:
            heads.append(conjunct)
    return heads


def _count(heads: list[Token]) -> int | None:
    total = 0
    for head in heads:
        one = _people(head)
        if one is None:
            return None
        total += one
    return total


def _people(head: Token) -> int | None:
    """How many people a noun phrase names, or None when it does not say."""
    numbers = [c for c in head.children if c.dep_ == "nummod"]
    if numbers:
        # "two more people": the number without the words that say it adds to another count
        return parse_number(" ".join(t.text for t in numbers[0].subtree if t.lower_ not in _ADDING))
    if head.pos_ == "NUM":
        return parse_number(head.text)  # "another two, including a baby, were hospitalized"
    if head.lower_ in _REFLEXIVES or head.lower_ == "another":
        return 1
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
        return 1
    if head.tag_ == "NN" and head.lower_ in PERSON_NOUNS:
        return 1
    if head.lower_.endswith("-old") or (head.lower_ == "old" and any(c.lower_ in _AGE_UNITS for c in head.children)):
        return 1  # "a 15-year-old", singular
    return None
