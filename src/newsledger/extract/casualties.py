"""Casualty figures: "at least two killed", "dozens of others were injured".

``find_casualties(span)`` reads a parsed sentence and returns who was
killed or injured with their figure, as ``CasualtyFigure`` records; the
figure phrase becomes a range as ``quantities`` reads it ("at least two" is
[2, ∞), "dozens" [24, 99]).

A death toll (or "the number of dead") that "rose to nine" keeps the range
of "nine" with qualifier ``update`` (the figure replaces an earlier one). "two of the 30 wounded"
reports the 30 as injured: the phrase's total, not the subset.

A figure is the event's total of its kind or nothing: a casualty word that
states part of the toll, or no toll, yields no figure (``not_a_total`` says
why, one of ``_NOT_A_TOTAL``):

- zero: "no one was injured", "nobody was hurt", "there were no fatalities"
  are 0 (min 0, max 0, exact); "no one else", "no other injuries", "no
  officers", "none of the officers", "no one inside the home" and "no one was
  seriously hurt" are a group or the rest, and give nothing;
- part of a group: "ten of the 12 wounded" is injured 12, never 10; "three
  of the wounded", "two of them" after a count of that kind give nothing;
- added: "two pilots also died", "another eight", "two more", "two others" count on top of
  people of the same kind and give nothing, unless what came last before
  them is the other kind ("A man was killed. Three others were also
  wounded": the three are all the wounded);
- severity: "two were critically injured" is a subset, unless the sentence
  has counted the dead and now counts the rest ("two killed and two others
  critically wounded"); "fatally wounded two" is killed 2;
- negated ("were not injured"), perceived ("saw ten people killed"),
  intended ("planned to kill hundreds"), both kinds at once ("wounded or
  killed"), tallies over a period or several events ("so far this year",
  "each year", "since 1999", "in 2015", "in separate shootings across the
  city"), victims ("three victims were taken to hospital": dead or
  hurt?; "four homicide victims" is killed 4), and one of several groups
  named together ("two women and a man were killed": 2 is not the toll),
  and the dead at the scene ("two were pronounced dead at the scene": more
  may die in hospital);
- no count at all: ages ("a 23-year-old man", "the victim, 35,", "8 yo"),
  years and clock times ("the 2014 shooting death", "About 2 a.m."), ranks
  ("the 500th homicide") and counts of things ("shot 12 times", "Image 2 of 8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

from ..records import Quantity
from .quantities import VAGUE, parse_number, parse_quantity
from .victims import PERSON_NOUNS, is_several_events

CasualtyKind = Literal["killed", "injured"]

# --- figures in parsed sentences ---------------------------------------

_KILL_VERBS = {"kill", "die", "slay", "perish", "murder", "massacre"}
_KILL_NOUNS = {"death", "fatality", "toll", "dead", "body", "victim"}
_INJURE_VERBS = {"injure", "wound", "hurt", "maim"}
_INJURE_NOUNS = {"injury", "injured", "wounded", "casualty"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "obj"}
_UPDATE_VERBS = {"rise", "climb", "reach", "increase", "jump", "mount", "grow", "soar"}
_FIGURE_DEPS = {"nummod", "quantmod", "advmod", "amod", "det", "compound"}

# Why a casualty word gives no figure of its kind's total: ``not_a_total`` answers with a key; "subset" is
# found where the figure is read ("three of the wounded", "no officers were hurt").
_NOT_A_TOTAL = {
    "negated": "the people named were not harmed (\"were not injured\")",
    "perceived": "a witness's perception, not a count (\"saw ten people shot\")",
    "intended": "what someone meant or planned to do (\"planned to kill hundreds\")",
    "either": "the dead and the hurt counted together (\"wounded or killed\")",
    "tally": "a count over a period, not one event's toll (\"so far this year\")",
    "severity": "a subset by severity (\"two were critically injured\")",
    "added": "counted on top of another count of the same kind (\"two pilots also died\")",
    "subset": "part of a group counted elsewhere (\"none of the officers\", \"three of the wounded\")",
    "victims": "victims may be dead or hurt; only \"homicide victims\" and the like are dead",
    "conjoined": "one of several groups named together (\"two women and a man were killed\")",
    "scene": "the dead at the scene, where others may die later (\"two were pronounced dead at the scene\")",
}
# "fatally wounded" is killed; "critically injured" a subset of the injured.
_FATAL = {"fatally", "mortally"}
_SEVERE = {"seriously", "critically", "severely", "gravely", "badly", "grievously", "serious", "critical",
           "life-threatening", "severe", "grave"}
# Words that count people on top of others: "also", "another eight", "two more", "additional".
_ADDED = {"also", "another", "more", "additional", "further", "else", "too"}
_INTENT_VERBS = {"plan", "hope", "want", "try", "intend", "attempt", "threaten", "aim", "seek", "mean", "vow"}
_PERCEPTION_VERBS = {"see", "hear", "watch", "witness", "notice", "observe", "spot", "overhear", "feel"}
_PERIOD_NOUNS = {"year", "month", "week", "decade", "years", "months", "weeks", "decades"}
_TALLY_ADVERBS = {"annually", "yearly"}
# A victim is dead when a word says so.
_DEATH_MODIFIERS = {"homicide", "murder", "murdered", "slain", "dead", "deceased", "fatal", "killing", "death"}
# Nouns whose count is never one of people harmed ("shot 12 times", "two shooting incidents", "Image 2 of 8").
_NOT_PEOPLE = {
    "time", "shot", "round", "bullet", "shell", "gun", "weapon", "incident", "shooting", "attack", "crash", "fire",
    "homicide", "murder", "killing", "case", "count", "charge", "crime", "block", "year", "month", "week", "day",
    "hour", "minute", "second", "image", "photo", "picture", "video", "page", "slide", "story", "percent",
    "mile", "foot", "feet", "yard", "dollar", "vehicle", "car", "house", "home", "scene", "location",
    "dog", "cat", "deer", "animal", "horse", "bird",
}
# Entity labels that make a number a time, an amount or a rank ("About 2 a.m.", "$5", "500th"); a DATE only
# with a year or a calendar word ("the 2014 shooting death", "Sept. 21"): the model calls "10 and 15" a DATE too.
_NOT_COUNT_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_CALENDAR_WORD = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|\byears?\b|\bold\b")
# The counted noun of a zero ("no one", "no injuries") when it names everyone, not a group.
_EVERYONE = {"one", "body", "person", "people", "injury", "death", "fatality", "casualty", "life"}
_PRONOUN_GROUPS = {"them", "those", "these", "whom", "which"}


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
        if lemma == "wind" or any(c.dep_ == "prt" for c in token.children):
            return None  # "wound up dead", "killed off"
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
    """Killed and injured figures stated in a sentence (or any span).

    Each is the total of its kind that the sentence states for an event; a
    casualty word that gives only part of it, or no count, gives nothing
    (``not_a_total``).
    """
    found: list[CasualtyFigure] = []
    for token in span:
        kind = casualty_kind(token)
        if kind is None:
            continue
        kind = _by_severity(token, kind)
        if not_a_total(token, kind) is not None:
            continue
        counted = _victims_of(token)
        if counted is not None and _nobody(counted):
            quantity = _zero_of(token)  # None for a group: "no officers were hurt"
        else:
            figure = _figure_for(token)
            if (figure is None or _part_of_group(figure, token, kind) or _after_another_group(figure)
                    or _included(figure, token)):
                continue
            quantity = quantity_of(figure)
        if quantity is None:
            continue
        if _is_update(token):
            quantity.qualifier = "update"
        found.append(CasualtyFigure(kind, quantity, token))
    found = _dedupe(found)
    _count_perpetrators(span, found)
    return found


# "three people are dead, including the shooter", "five deaths, including the alleged gunman"
_WITH_PERPETRATORS = re.compile(
    r"\bincluding\s+(?:(?:the|a|an|one)\s+)?(?:(?P<two>two|both)\s+)?"
    r"(?:(?:alleged|suspected|lone|accused|apparent)\s+)?(?P<who>shooters?|gunm[ae]n|suspects?|attackers?|assailants?|killers?|perpetrators?)\b",
    re.IGNORECASE,
)


def _count_perpetrators(span: Span, figures: list[CasualtyFigure]) -> None:
    """Mark the figures that say they count the attackers: the phrase follows the figure, before the
    sentence's next figure."""
    ordered = sorted((f for f in figures if f.quantity.end is not None), key=lambda f: f.quantity.start)
    if not ordered:
        return
    text, offset = span.text, span.start_char  # Doc.text joins the whole document again at each call
    for figure, following in zip(ordered, [*ordered[1:], None]):
        end = following.quantity.start if following is not None else span.end_char
        match = _WITH_PERPETRATORS.search(text, figure.quantity.end - offset, end - offset)
        if match is not None:
            plural = match["two"] or match["who"].lower().endswith(("s", "men"))
            figure.quantity.perpetrators = 2 if plural else 1


def _by_severity(trigger: Token, kind: CasualtyKind) -> CasualtyKind:
    # "fatally wounded two people": the wounds killed them.
    if kind == "injured" and any(c.dep_ == "advmod" and c.lower_ in _FATAL for c in trigger.children):
        return "killed"
    return kind


def not_a_total(trigger: Token, kind: CasualtyKind) -> str | None:
    """Why the casualty word ``trigger`` states no total of its kind (a key of ``_NOT_A_TOTAL``), or None."""
    clause = _clause_of(trigger)
    if any(c.dep_ == "neg" for c in (*trigger.children, *clause.children)):
        return "negated"
    if _is_perceived(trigger, clause):
        return "perceived"
    if _is_intended(clause):
        return "intended"
    if _either_kind(trigger, kind):
        return "either"
    if _is_tally(clause):
        return "tally"
    if _is_severe(trigger, kind) and not _rest_of_victims(trigger, kind):
        return "severity"
    if _is_added(trigger, clause) and _last_kind_before(trigger) in {kind, None}:
        return "added"
    if trigger.lemma_ == "victim" and not any(c.lemma_.lower() in _DEATH_MODIFIERS for c in trigger.children):
        return "victims"
    if kind == "killed" and _at_the_scene(trigger, clause):
        return "scene"
    if (counted := _victims_of(trigger)) is not None and any(c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
                                                              for c in counted.conjuncts):
        return "conjoined"  # the figure counts the first group only; ``victims`` adds up the groups
    return None


def _at_the_scene(trigger: Token, clause: Token) -> bool:
    """ "pronounced dead at the scene", "died on scene": those who died there, not the toll."""
    for head in {trigger, clause}:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"at", "on"}):
            if any(o.lemma_.lower() == "scene" for o in prep.children if o.dep_ == "pobj"):
                return True
    return False


def _clause_of(trigger: Token) -> Token:
    """The verb whose clause states the harm: the trigger, or the verb an adjective or noun hangs off
    ("left five people dead", "there were no injuries")."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return trigger
    node = trigger
    for _ in range(3):
        if node.dep_ in {"oprd", "acomp", "xcomp", "attr", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "ccomp"} \
                and node.head.i != node.i:
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node
        else:
            break
    return trigger


def _is_perceived(trigger: Token, clause: Token) -> bool:
    # "saw at least 10 people killed", "watched two men die", "heard three people were shot dead", "saw two bodies".
    if clause.i != trigger.i and clause.lemma_.lower() in _PERCEPTION_VERBS:
        return True
    node = clause
    for _ in range(2):
        if node.dep_ not in {"ccomp", "xcomp", "acl"} or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _PERCEPTION_VERBS:
            return True
    return False


def _is_intended(clause: Token) -> bool:
    # "planned to kill hundreds", "To kill four kids who were just beginning their lives?"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return infinitive and (clause.dep_ != "xcomp" or clause.head.lemma_.lower() in _INTENT_VERBS)


def _either_kind(trigger: Token, kind: CasualtyKind) -> bool:
    # "Five adults were wounded or killed": one figure for both kinds, the total of neither.
    pair = [c for c in trigger.children if c.dep_ == "conj"] + ([trigger.head] if trigger.dep_ == "conj" else [])
    return any(casualty_kind(other) not in {None, kind} and any(
        c.dep_ == "cc" and c.lower_ == "or" for c in (*trigger.children, *other.children)) for other in pair)


def _is_tally(clause: Token) -> bool:
    """Counted over a period or over several events: "so far this year", "each year", "annually",
    "since 1999", "in 2015", "this year has seen", "in separate shootings across the city"."""
    for child in clause.children:
        word = child.lower_
        if word in _TALLY_ADVERBS or (word == "far" and any(c.lower_ == "so" for c in child.children)):
            return True
        if child.lemma_.lower() in _PERIOD_NOUNS and child.dep_ in {"npadvmod", "nsubj", "pobj"} and any(
                d.lower_ in {"each", "every", "per", "a", "this"} for d in child.children):
            # "each year"; "this year" only with a perfect ("have been killed this year") or as the subject
            this = any(d.lower_ == "this" for d in child.children)
            if not this or child.dep_ == "nsubj" or any(a.lower_ in {"have", "has"} for a in clause.children):
                return True
        if child.dep_ == "prep" and word in {"since", "in", "during"}:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if word == "since" and any(_YEAR.fullmatch(t.text) for o in objects for t in o.subtree):
                return True  # "since 1999", "since October 2014"; not "since Friday"
            if any(o.lower_ in {"years", "decades"} or (_YEAR.fullmatch(o.text) and len(list(o.subtree)) == 1)
                   for o in objects):
                return True  # "in recent years", "died in unintentional shootings in 2015"
    return any(is_several_events(t) for t in clause.subtree)


def _is_severe(trigger: Token, kind: CasualtyKind) -> bool:
    """ "critically wounded", "more seriously hurt", "serious injuries"; not the "5 critically" of
    "Fourteen others injured, 5 critically", which grades a part after the total."""
    if kind != "injured":
        return False
    words = [c for c in trigger.children if c.dep_ in {"advmod", "amod"} and c.i < trigger.i + 2]
    words += [g for c in words for g in c.children if g.dep_ == "advmod"]  # "most seriously"
    return any(w.lower_ in _SEVERE and not any(t.is_punct for t in w.doc[min(w.i, trigger.i):max(w.i, trigger.i)])
               for w in words)


def _rest_of_victims(trigger: Token, kind: CasualtyKind) -> bool:
    """ "Two people were killed and two others critically wounded": after the dead, the sentence
    counts the rest of the victims, whatever their state; unless it counts that kind again
    ("two dead, two critically injured and 22 others injured")."""
    others = [t for t in trigger.sent if t.i != trigger.i and _counts_people(t)]
    return any(casualty_kind(t) not in {None, kind} for t in others if t.i < trigger.i) and not any(
        casualty_kind(t) == kind for t in others)


def _counts_people(token: Token) -> bool:
    # "victim" says neither dead nor hurt.
    return casualty_kind(token) is not None and token.lemma_ != "victim"


def _is_added(trigger: Token, clause: Token) -> bool:
    """ "two pilots also died", "another eight people were injured", "two more were killed", "two others"."""
    if any(c.dep_ == "advmod" and c.lower_ in _ADDED for c in (*trigger.children, *clause.children)):
        return True
    counted = _victims_of(trigger)
    if counted is None:
        return False
    if counted.lower_ == "others" or any(c.dep_ == "amod" and c.lower_ == "other" for c in counted.children):
        return True  # "two others were wounded": others than someone named before
    modifiers = [c for c in counted.children if c.dep_ in {"nummod", "amod"}]
    words = [counted, *counted.children, *(g for c in modifiers for g in c.children)]  # "two more", "eight additional"
    return any(w.lower_ in _ADDED and w.i != trigger.i and w.dep_ in {"det", "amod", "advmod", "nummod"}
               and not _comparative(w) for w in words)


def _comparative(word: Token) -> bool:
    # "more than 50 people" is a range, not fifty more.
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.lower_ == "more" and following is not None and following.lower_ == "than"


def _last_kind_before(trigger: Token, sentences: int = 3) -> CasualtyKind | None:
    """The kind of the nearest casualty word before ``trigger`` in its sentence and the few before it.

    What "also", "another" and "more" add to: the dead ("A man was killed. Three others were also
    wounded": the three are all the wounded) or people of the same kind (not the total).
    """
    doc = trigger.doc
    first = trigger.sent.start
    for _ in range(sentences):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for token in reversed(doc[first:trigger.i]):
        if _counts_people(token):
            return casualty_kind(token)
    return None


def _zero_of(trigger: Token) -> Quantity | None:
    """ "no one was hurt", "nobody died", "there were no injuries": the whole, stated as zero."""
    counted = _victims_of(trigger)
    words = _nobody(counted) if counted is not None else None
    if not words or not _counts_everyone(counted, trigger):
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Quantity(0, 0, trigger.doc.text[start:end], start=start, end=end, qualifier="exact")


def _nobody(counted: Token) -> list[Token] | None:
    """The words saying that nobody is counted: "nobody", "none", "no one", "no injuries"."""
    if counted.lower_ in {"nobody", "none"}:
        return [counted]
    no = next((c for c in counted.children if c.dep_ == "det" and c.lower_ == "no"), None)
    return [no, counted] if no is not None else None


def _counts_everyone(counted: Token, trigger: Token) -> bool:
    # "no officers", "none of the officers", "no one else", "no other injuries", "no one inside
    # the home": a group or the rest, not the toll.
    if counted.lemma_.lower() not in _EVERYONE | {"nobody", "none"}:
        return False
    return all(c.dep_ in {"det", "punct"} for c in counted.children)


def _victims_of(trigger: Token) -> Token | None:
    """The word naming who was harmed: the trigger itself for a noun ("nine deaths", "no injuries"),
    the holder of "dead" in "left five people dead", the subject or object of a verb."""
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return trigger
    if trigger.pos_ == "ADJ" or trigger.dep_ in {"oprd", "acomp"}:
        return _holder(trigger) if trigger.dep_ in {"oprd", "acomp", "xcomp"} else None
    return _verb_victims(trigger)


def _holder(adjective: Token) -> Token | None:
    # "left five people dead", "five people were dead".
    for roles in (_OBJECTS, _SUBJECTS):
        for child in adjective.head.children:
            if child.dep_ in roles:
                return child
    return None


def _verb_victims(verb: Token) -> Token | None:
    """Passives and intransitives count their subject, actives their object ("lost their lives": the lives)."""
    if verb.lemma_ == "lose":
        return next((c for c in verb.children if c.lemma_ == "life"), None)
    roles = _OBJECTS if any(c.dep_ in _OBJECTS for c in verb.children) else _SUBJECTS
    for child in verb.children:
        if child.dep_ in roles:
            # "one male victim who had died": the relative pronoun stands for the noun it hangs off.
            return verb.head if _is_relative(child, verb) else child
    if verb.dep_ == "conj":
        # "killed or wounded 30" shares the object of the first verb.
        return next((c for c in verb.head.children if c.dep_ in _OBJECTS), None)
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":
        return verb.head  # "30 people killed in the attack": the participle modifies the counted noun
    return None


def _is_relative(argument: Token, verb: Token) -> bool:
    return verb.dep_ == "relcl" and argument.tag_ in {"WP", "WDT"}


def _part_of_group(figure: list[Token], trigger: Token, kind: CasualtyKind) -> bool:
    """ "three of the wounded", "two of them" after a count of the same kind: a subset, not the total.

    "Two of the 30 wounded died" keeps the two dead: the group is of the other kind.
    """
    number = max(figure, key=lambda t: is_quantity_word(t))
    for prep in number.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for group in prep.children:
            if group.dep_ != "pobj":
                continue
            named = next((t for t in group.subtree if casualty_kind(t) is not None and t.lemma_ != "victim"), None)
            if named is not None and casualty_kind(named) == kind and named.i != trigger.i:
                return True
            if group.lower_ in _PRONOUN_GROUPS and any(
                    casualty_kind(t) == kind for t in trigger.sent if t.i < number.i):
                return True
    return False


def _included(figure: list[Token], trigger: Token) -> bool:
    """ "10 Americans, including two families, killed": the figure counts a part named inside
    "including" or "among", however the parse hung the casualty word on it."""
    number = min(figure, key=lambda t: t.i)
    for ancestor in number.ancestors:
        if ancestor == trigger:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in {"including", "among"}:
            return True
    return False


def _after_another_group(figure: list[Token]) -> bool:
    """ "a 10-year-old girl and two men": the figure counts the second group named together, however the
    parse joined them (the ``conjoined`` reason, where the parse does not see the conjunction)."""
    first = min(figure, key=lambda t: t.i)
    if first.i < 2 or first.nbor(-1).lower_ != "and":
        return False
    before = first.nbor(-2)
    return before.pos_ in {"NOUN", "PROPN"} and before.lemma_.lower() in PERSON_NOUNS


def _figure_for(trigger: Token) -> list[Token] | None:
    """The tokens of the figure phrase that counts the trigger's victims."""
    if trigger.lemma_ == "toll" or (trigger.lemma_ == "number" and trigger.head.lemma_ == "death"):
        return _toll_figure(trigger)
    previous = trigger.nbor(-1) if trigger.i > 0 else None
    if previous is not None and previous.like_num and trigger.lower_ in {"dead", "wounded", "injured"}:
        # "17 dead", "two of the 30 wounded": the number right before counts them.
        return _counting(quantity_phrase(previous))
    if trigger.pos_ in {"NOUN", "ADJ", "PROPN"}:
        # "nine deaths", "dozens of dead".
        own = _number_in(trigger)
        if own:
            return own
        if trigger.dep_ in {"pobj"} and trigger.head.lemma_ == "of":
            # "dozens of dead": the quantity word governs the of-phrase.
            counted = trigger.head.head
            if is_quantity_word(counted):
                return _counting(quantity_phrase(counted))
            if counted.lemma_ == "number":
                return _toll_figure(counted)  # "the number of dead has risen to nine"
        if trigger.lower_ in {"dead", "injured", "wounded"} and trigger.dep_ in {"oprd", "acomp", "xcomp"}:
            holder = _holder(trigger)
            return _number_in(holder) if holder is not None else None
        return None
    counted = _verb_victims(trigger)
    return _number_in(counted) if counted is not None else None


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
    """The figure phrase counting ``noun``: the noun itself or its number modifier ("a total of three
    people": the people's)."""
    if is_quantity_word(noun):
        return _counting(quantity_phrase(noun))
    if noun.lemma_.lower() == "total":
        counted = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                   if g.dep_ == "pobj"]
        return _number_in(counted[0]) if counted else None
    if noun.lemma_.lower() in _NOT_PEOPLE:
        return None  # "shot 12 times", "two shooting incidents"
    for child in noun.children:
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and child.lower_ in VAGUE):
            return _counting(quantity_phrase(child))
    return None


def _counting(figure: list[Token]) -> list[Token] | None:
    """The figure, unless its number is an age, a year, a clock time or a rank rather than a count."""
    number = next((t for t in reversed(figure) if t.like_num or t.pos_ == "NUM"), None)
    if number is None:
        return figure  # "dozens", "several"
    if _is_date_or_amount(number) or is_age(number):
        return None
    return figure


def _is_date_or_amount(number: Token) -> bool:
    """ "the 2014 shooting death", "Sept. 21", "About 2 a.m.", "$5": no count of people."""
    if number.ent_type_ in _NOT_COUNT_ENTS:
        return True
    if _YEAR.fullmatch(number.text):
        return True
    if number.ent_type_ != "DATE":
        return False
    entity = next((e for e in number.doc.ents if e.start <= number.i < e.end), None)
    return entity is not None and _CALENDAR_WORD.search(entity.text) is not None


def is_age(number: Token) -> bool:
    """ "23-year-old", "26 year-old", "8 yo", "6- and 12-year-old", "ages 14 and 16", "the victim, 35,"."""
    doc = number.doc
    if number.text.endswith(("-", "‐", "‑")):
        return True
    following = [t.lower_ for t in doc[number.i + 1:number.i + 5] if t.text not in {"-", "‐", "‑"}]
    if following[:1] in (["yo"], ["y.o."], ["year-old"], ["years-old"]) or (
            following[:1] and following[0] in {"year", "years", "month", "months", "week", "weeks"}
            and following[1:2] == ["old"]):
        return True
    before = doc[number.i - 1] if number.i > 0 else None
    if before is not None and before.lower_ in {"age", "ages", "aged"}:
        return True
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    # An appositive number set off by commas is an age: "Jermaine Black, 25, and ...".
    return number.dep_ == "appos" and before is not None and before.text == "," and (after is None or after.is_punct)


def is_quantity_word(token: Token) -> bool:
    if is_code(token):
        return False
    return token.like_num or token.pos_ == "NUM" or token.lower_ in VAGUE or token.lemma_ == "dozen"


_PHONE_PART = re.compile(r"\d{3,4}")
_HYPHENS = {"-", "–", "‑"}


def is_code(number: Token) -> bool:
    """Part of a telephone number ("(830) 257-8181", "775-334-2188"): no count."""
    if re.fullmatch(r"\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}|\d{3}-\d{4}", number.text):
        return True
    if not _PHONE_PART.fullmatch(number.text):
        return False
    doc, i = number.doc, number.i
    before = doc[i - 1].text if i > 0 else ""
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    beyond = doc[i + 2].text if i + 2 < len(doc) else ""
    return (after in _HYPHENS and bool(_PHONE_PART.match(beyond))) or before in _HYPHENS | {")"} or (
        before == "(" and after == ")")


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
    text = doc[tokens[0].i:tokens[-1].i + 1].text  # the span's own words: Doc.text would join the whole document
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
