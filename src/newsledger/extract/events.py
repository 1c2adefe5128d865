"""Typed events: who did what to whom, where, when, with how many casualties.

Event types are PLOVER's 0.5 categories (``../shared/benchmarks/plover``):
AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE, RETREAT, INVESTIGATE,
DEMAND, DISAPPROVE, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION, COERCE,
ASSAULT, FIGHT; ``main_event`` adds ``OTHER`` for a main clause that names
none of them (never stored). A trigger is a verb or noun whose lemma is in
``VERB_TRIGGERS`` / ``NOUN_TRIGGERS``, built from PLOVER's category
definitions and the CAMEO verb categories they merge; neutral reporting verbs
(say, explain, tell) are never events: they are statements.

Typing choices, from PLOVER's definitions:

- raid, enter (by police or troops), arrest, detain, expel, deport, seize →
  COERCE: PLOVER keeps ASSAULT for violence against persons and FIGHT for
  armed combat between organized forces; a police raid on a camp is a
  law-enforcement seizure, COERCE's "seize" mode.
- clash, fight, battle, shell → FIGHT; kill, attack, bomb, shoot → ASSAULT,
  but FIGHT when a military or a state does it ("troops killed four rebels").
- Some verbs take their type from their object (``OBJECT_TYPES``): "lifted
  the curfew" concedes, "imposed a curfew" coerces, "established ties"
  supports, "severed ties" sanctions, "provided aid" aids; a light verb
  ("held talks", "issued an ultimatum", "staged a rally") takes the type of
  the event noun it governs, which then is no event of its own.
- Cooperation announced for later ("will provide", "is ready to withdraw")
  is AGREE, an intent; a refused agreement ("did not accept") is REJECT; a
  future step tied to an "unless" clause is THREATEN.
- "enter" and "storm" are events only with a security-force agent
  (police, troops...): "entered the camp" by police is COERCE, a visitor
  entering a shop is nothing.

Within an article a definite nominal mention ("the clashes", "the raid")
of a trigger seen earlier is the same event: it adds what it says (place,
casualties) to the first mention instead of making a new record.
Casualty figures attach to the event of their sentence ("... were killed
during the clashes"); a figure with no event beside it makes an event with
the casualty verb as trigger, typed like the last violent event before it.
Triggers under negation or an "if" clause are not events (nothing happened).

Participants: agents are the doer (subject, "by" agent, possessor of a
nominal trigger, or the subject of the verb a nominal trigger hangs off; a
pronoun subject of reported speech is the speaker: "Syria says it will ..."
is Syria's). Patients are the actor the event is aimed at: a recipient
("gave Tanzania a grant"), an actor object, the actor named inside a thing
object ("vetoed a Security Council resolution"), an actor after to/with/
against/on, or the subject of a demanded clause ("demanded that the
government end ..."); lacking an actor, the thing acted on ("raided a camp").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Event, Quantity, Statement, TimeValue
from . import ArticleContext, Stage
from .attribution.lexicon import NOT_CONTENT_NOUNS, SPEECH_VERBS
from .casualties import CasualtyFigure, find_casualties

VERSION = "events.v2"


def _by_type(words: dict[str, str]) -> dict[str, str]:
    return {lemma: event_type for event_type, lemmas in words.items() for lemma in lemmas.split()}


# Lemmas per PLOVER type, after the CAMEO categories each type merges.
VERB_TRIGGERS: dict[str, str] = _by_type({
    "AGREE": "agree offer promise pledge accept consent",
    "CONSULT": "meet visit consult negotiate confer telephone phone mediate discuss",
    "SUPPORT": "support endorse praise back commend hail welcome applaud defend recognize recognise sign "
               "ratify apologize apologise forgive",
    "COOPERATE": "cooperate collaborate extradite",
    "AID": "aid assist help donate contribute arm",
    "CONCEDE": "concede yield relent pardon accede",
    "RETREAT": "retreat withdraw evacuate release free surrender resign demobilize demobilise disarm",
    "INVESTIGATE": "investigate inspect search probe interrogate",
    "DEMAND": "demand urge insist order",
    "DISAPPROVE": "accuse condemn criticize criticise denounce blame decry deplore complain sue indict "
                  "allege rebuke reprimand",
    "REJECT": "reject refuse veto decline dismiss rebuff renege defy",
    "THREATEN": "threaten warn",
    "PROTEST": "protest demonstrate rally boycott riot march picket",
    "MOBILIZE": "station deploy mobilize mobilise",
    "SANCTION": "sanction embargo suspend sever",
    "COERCE": "raid arrest detain expel deport seize confiscate ban outlaw demolish evict quell enter storm "
              "imprison jail censor occupy besiege blockade destroy sentence convict",
    "ASSAULT": "attack assault bomb assassinate shoot murder massacre ambush torture stab behead kill wound "
               "injure kidnap abduct hijack beat rape execute lynch",
    "FIGHT": "clash fight battle shell bombard invade strafe",
})
NOUN_TRIGGERS: dict[str, str] = _by_type({
    "AGREE": "agreement pledge",
    "CONSULT": "meeting talk visit summit negotiation consultation mediation",
    "COOPERATE": "cooperation",
    "AID": "aid assistance asylum",
    "CONCEDE": "ceasefire truce amnesty concession",
    "RETREAT": "withdrawal retreat evacuation release resignation surrender",
    "INVESTIGATE": "investigation inspection search probe inquiry hearing",
    "DEMAND": "demand",
    "DISAPPROVE": "accusation condemnation criticism complaint lawsuit",
    "REJECT": "rejection refusal veto",
    "THREATEN": "warning ultimatum",  # not "threat": "poses a threat" describes, it threatens no one
    "PROTEST": "protest demonstration rally boycott riot march strike sit-in",
    "MOBILIZE": "deployment mobilization mobilisation",
    "SANCTION": "sanction embargo",
    "COERCE": "raid arrest detention expulsion deportation seizure crackdown siege curfew blockade "
              "occupation ban",
    "ASSAULT": "attack assault bombing shooting killing massacre assassination ambush kidnapping abduction",
    "FIGHT": "clash fighting battle shelling invasion offensive airstrike",
})
# Verbs typed by their object's lemma (checked before VERB_TRIGGERS).
_RESTRICTIONS = "curfew ban restriction sanction embargo blockade siege emergency measure law control boycott"
_TIES = "tie relation"
_AID_THINGS = "aid assistance asylum arm weapon food medicine supply loan grant credit money fund funding relief equipment"
_ROUTES = "road bridge street highway railway route border entrance access traffic roadway port crossing"
_MISSIONS = "diplomat ambassador envoy peacekeeper observer inspector mission staff agency"
OBJECT_TYPES: dict[str, list[tuple[frozenset[str], str]]] = {}
for _verbs, _objects, _type in (
    ("lift ease relax end", _RESTRICTIONS, "CONCEDE"),
    ("impose declare", "curfew ban restriction blockade emergency law censorship", "COERCE"),
    ("impose", "sanction embargo", "SANCTION"),
    ("establish restore resume upgrade normalize normalise improve strengthen", _TIES, "SUPPORT"),
    ("break sever cut downgrade freeze suspend", _TIES, "SANCTION"),
    ("share exchange", "intelligence information evidence data", "COOPERATE"),
    ("provide give send deliver supply ship hand grant extend", _AID_THINGS, "AID"),
    ("block blockade", _ROUTES, "PROTEST"),
    ("expel withdraw recall", _MISSIONS, "SANCTION"),
    ("deny", " ".join(NOT_CONTENT_NOUNS) + " admission admittance allocation", "REJECT"),
    ("host", "meeting talk summit conference visit delegation leader minister president", "CONSULT"),
):
    for _verb in _verbs.split():
        OBJECT_TYPES.setdefault(_verb, []).append((frozenset(_objects.split()), _type))
# Verbs that only carry the event noun they govern ("held talks", "issued a warning").
LIGHT_VERBS = frozenset(
    "issue stage hold launch mount open conduct carry begin start make reach wage lodge file take undertake "
    "lead organize organise declare".split()  # not "announce": "announced the seizure" reports a seizure
)
# Verbs with a particle: "cracked down", "pulled out".
_PARTICLE_TYPES = {("crack", "down"): "COERCE", ("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT",
                   ("break", "off"): "SANCTION", ("call", "off"): "SANCTION"}
# The type of a passage's main clause when it names no typed event.
UNTYPED = "OTHER"
# Verbs that only report what someone said: never events ("said", "told").
REPORTING_VERBS = SPEECH_VERBS - VERB_TRIGGERS.keys()
# Cooperation that, announced for later, is an intent (AGREE).
_COOPERATIVE = {"AID", "COOPERATE", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"}
_INTENT_WORDS = {"willing", "ready", "prepared", "plan", "intend", "decide", "expect", "eager", "determined"}
_FUTURE_AUX = {"will", "shall", "would", "'ll"}
# Triggers that are events only when a security force does them.
_FORCE_ONLY = {"enter", "storm"}
_FORCE_WORDS = {
    "police", "force", "troop", "soldier", "army", "military", "security", "officer", "agent",
    "policeman", "gendarme", "commando", "militia", "guard",
}
# Doers whose violence is armed combat (PLOVER's FIGHT), not an assault.
_MILITARY_WORDS = {"army", "troop", "soldier", "military", "navy", "warplane", "jet", "artillery", "tank",
                   "marine", "helicopter", "gunship", "force"}
# Head nouns of phrases that name actors (people and organized groups).
_PEOPLE_NOUNS = set((
    "official leader minister president premier government member people person civilian refugee rebel "
    "militant insurgent guerrilla guerilla fighter protester demonstrator worker student activist party "
    "group organization organisation authority administration council court parliament delegation "
    "diplomat ambassador envoy spokesman spokeswoman spokesperson prisoner hostage detainee suspect "
    "citizen resident villager journalist reporter doctor opposition regime country nation family child "
    "woman man victim employee union company faction movement coalition alliance committee agency "
    "ministry commission cabinet senate congress legislature tribe community farmer landowner settler "
    "peacekeeper observer inspector mediator negotiator king queen prince emir chief commander general "
    "cleric bishop pope mayor governor lawmaker legislator senator judge prosecutor nationalist separatist "
    "partner ally neighbor neighbour candidate voter"
).split()) | _FORCE_WORDS
_ACTOR_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
_PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we", "them", "him", "her", "us"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
_RELATIONAL_PREPS = {"to", "with", "against", "on", "toward", "towards", "between"}
_NOUN_PATIENT_PREPS = {"of", "on", "against", "with", "between"}
# Casualty verbs are events of their own only with someone doing them;
# "two were killed" is a figure, attached to the event around it.
_CASUALTY_VERBS = {"kill", "wound", "injure"}
_VIOLENT = {"ASSAULT", "FIGHT", "COERCE"}
_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_PLACE_NOUNS = {
    "camp", "district", "city", "town", "village", "capital", "province", "region", "area", "border",
    "base", "prison", "compound", "entrance", "street", "square", "neighborhood", "neighbourhood",
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "suburb",
    "headquarters", "building", "airport", "port", "territory", "country", "state", "county",
}
_CASUALTY_LINK_PREPS = {"during", "in", "amid", "after", "following"}
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_MAX_PHRASE_TOKENS = 12


@dataclass(slots=True)
class _Draft:
    event: Event
    trigger: Token
    sentence: Span
    mentions: list[Token] = field(default_factory=list)


def extract_events(ctx: ArticleContext) -> None:
    doc = ctx.doc
    drafts: list[_Draft] = []
    by_token: dict[int, _Draft] = {}
    for sentence in doc.sents:
        for token in sentence:
            event_type = event_type_of(token)
            if event_type is None:
                continue
            if token.lemma_.lower() in _CASUALTY_VERBS and token.pos_ == "VERB" and not _does_harm(token):
                continue  # a bare figure: handled with the casualties below
            if _absorbed(token, event_type):
                continue
            earlier = _antecedent(token, event_type, drafts)
            if earlier is not None:
                earlier.mentions.append(token)
                by_token[token.i] = earlier
                if earlier.event.place is None:
                    earlier.event.place = _place(token)
                continue
            draft = _draft(ctx, token, sentence, event_type, len(drafts))
            drafts.append(draft)
            by_token[token.i] = draft
        _attach_casualties(ctx, sentence, drafts, by_token)
    ctx.events = [d.event for d in drafts]


def trigger_type(token: Token) -> str | None:
    """The PLOVER type a word triggers, or None (lexicon, part of speech and the word's own arguments)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return _verb_type(token, lemma)
    if token.pos_ in {"NOUN", "PROPN"} and token.tag_ != "NNP":
        if _carried_by_verb(token):
            return None  # "held talks": the verb is the event
        if lemma == "strike":
            # "air strikes" are combat; "a general strike" is a protest.
            return "FIGHT" if any(c.lower_ in {"air", "missile", "drone", "military"} for c in token.lefts) else "PROTEST"
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
    return None


def _verb_type(verb: Token, lemma: str) -> str | None:
    by_object = _object_type(verb, lemma)
    if by_object:
        return by_object
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if (lemma, particle) in _PARTICLE_TYPES:
        return _PARTICLE_TYPES[lemma, particle]
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in {"on", "for"} for c in verb.children):
        return "DEMAND"
    if lemma in LIGHT_VERBS:
        noun = _event_noun(verb)
        if noun is not None:
            return NOUN_TRIGGERS[noun.lemma_.lower()]
    subjects = _subject_tokens(verb) if lemma in _FORCE_ONLY or lemma == "march" else []
    if lemma in _FORCE_ONLY and not any(_is_force(a) for a in subjects):
        return None
    if lemma == "march" and any(_is_force(a) for a in subjects):
        return None  # troops marching is a movement, not a protest march
    if lemma in REPORTING_VERBS and any(_is_obligation(c) for c in verb.children if c.dep_ == "ccomp"):
        return "DEMAND"  # "Russia said Sudan must return the helicopter"
    if lemma == "protest" and any(c.dep_ in {"ccomp", "dobj"} for c in verb.children):
        return "DISAPPROVE"  # "protested that ...", "protested the decision": a verbal objection
    return VERB_TRIGGERS.get(lemma)


def _is_obligation(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "must" for c in clause.children)


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]


def _object_type(verb: Token, lemma: str) -> str | None:
    choices = OBJECT_TYPES.get(lemma)
    if not choices:
        return None
    lemmas = {o.lemma_.lower() for o in _objects(verb)}
    if lemma == "open":
        return "ASSAULT" if "fire" in lemmas else None  # "opened fire"
    for objects, event_type in choices:
        if lemmas & objects:
            return event_type
    return None


def _event_noun(verb: Token) -> Token | None:
    """The event noun a light verb governs ("staged a rally")."""
    for child in _objects(verb):
        lemma = child.lemma_.lower()
        if lemma in NOUN_TRIGGERS and child.tag_ != "NNP":
            return child
    return None


def _carried_by_verb(noun: Token) -> bool:
    """ "held talks", "signed an agreement", "rejected the demands": the verb's event says it all."""
    if noun.dep_ not in {"dobj", "obj", "nsubjpass"} or noun.head.pos_ != "VERB":
        return False
    return _verb_type(noun.head, noun.head.lemma_.lower()) is not None


def event_type_of(token: Token) -> str | None:
    """The type of the event ``token`` reports in its sentence, or None.

    The trigger's type, corrected by its context: intent, refusal, the doer,
    and no event at all under negation or a condition.
    """
    event_type = trigger_type(token)
    if event_type is None or _is_hypothetical(token):
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return "REJECT" if event_type == "AGREE" else None  # "did not accept" refuses; "did not attack" is nothing
    if token.pos_ != "VERB":
        return event_type
    if event_type in _COOPERATIVE and _is_intended(token):
        return "AGREE"
    if _is_intended(token) and any(t.lower_ == "unless" and t.dep_ == "mark" for t in token.subtree):
        return "THREATEN"  # "will withdraw ... unless ...": a conditional threat
    if event_type == "ASSAULT" and any(_is_military(s) for s in _subject_tokens(token)):
        return "FIGHT"
    return event_type


def _is_intended(verb: Token) -> bool:
    """Announced for later: "will provide", "is ready to withdraw", "plans to meet"."""
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _INTENT_WORDS


def _is_military(token: Token) -> bool:
    return token.lemma_.lower() in _MILITARY_WORDS or token.ent_type_ == "GPE"


def _does_harm(verb: Token) -> bool:
    """ "militants killed four soldiers", "killed by a bomb": someone did it.

    "three dozen others injured" (parsed as an active verb with a subject)
    and "two were killed" only count victims.
    """
    children = {c.dep_ for c in verb.children}
    return "agent" in children or ({"dobj", "obj"} & children and bool(_subject_tokens(verb)))


def _is_force(token: Token) -> bool:
    return any(t.lemma_.lower() in _FORCE_WORDS for t in token.subtree if t.i <= token.i)


def _is_hypothetical(token: Token) -> bool:
    """Under a condition ("if they seek war", "unless ...")."""
    node = token
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return True
        if node.dep_ in {"ROOT", "ccomp"} or node.head.i == node.i:
            break
        node = node.head
    return False


def _absorbed(token: Token, event_type: str) -> bool:
    # "killed 17,000 Iranians in numerous terror attacks": one event, not two.
    if token.pos_ == "VERB" or token.dep_ != "pobj" or token.head.lower_ not in _CASUALTY_LINK_PREPS:
        return False
    verb = token.head.head
    return trigger_type(verb) == event_type and _does_harm(verb)


def _antecedent(token: Token, event_type: str, drafts: list[_Draft]) -> _Draft | None:
    """The earlier event that a definite nominal mention ("the clashes") repeats."""
    if token.pos_ == "VERB":
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        return None
    if any(c.dep_ in {"amod", "compound", "nummod"} for c in token.children):
        return None  # "the second raid", "the June raid": a new one
    for draft in reversed(drafts):
        if draft.event.type == event_type and draft.trigger.lemma_ == token.lemma_:
            return draft
    return None


def _draft(ctx: ArticleContext, token: Token, sentence: Span, event_type: str, n: int | None) -> _Draft:
    """A new event at ``token``; ``n`` None makes the unstored main-clause event of ``main_event``."""
    article = ctx.article.id
    date_value, date_text = _date(token, ctx.times)
    event = Event(
        id=f"{article}:e{n}" if n is not None else f"{article}:main",
        article=article,
        type=event_type,
        trigger=token.text,
        start=sentence.start_char,
        end=_sentence_end(sentence),
        agents=_agents(token),
        patients=_patients(token, event_type),
        place=_place(token),
        date=date_value,
        date_text=date_text,
        source=source_for(ctx.statements, token.idx, token.idx + len(token.text)),
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        extractor=VERSION,
    )
    return _Draft(event, token, sentence, [token])


def _sentence_end(sentence: Span) -> int:
    text = sentence.text.rstrip()
    return sentence.start_char + len(text)


# --- the main event ------------------------------------------------------

def main_event(ctx: ArticleContext, sentences: Iterable[Span] | None = None, clause_first: bool = False) -> Event | None:
    """The event a passage is about (a headline, a lead, one sentence).

    Reads ``sentences`` (default: the whole article) in order and answers from
    the first one that has a typed event or a verb: its typed event highest in
    the parse (fewest steps to the root; the earlier one on a tie), else its
    main clause as an untyped event (type ``UNTYPED``, id ``{article}:main``;
    it is not added to the article's events). The main clause of "X said
    (that) Y ..." is the reported one.

    ``clause_first`` puts the main clause first, typed or not: a headline's
    main verb is what it reports ("Trump lands in Washington to meet Obama"
    is about landing), where event coding wants the typed act ("Syria says
    it is willing to withdraw" is about withdrawing).
    """
    doc = ctx.doc
    by_trigger = {}
    for event in ctx.events:
        if event.trigger_start is None:
            continue
        span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        if span is not None and len(span):
            by_trigger.setdefault(span.root.i, event)
    for sentence in sentences if sentences is not None else doc.sents:
        verb = main_verb(sentence)
        if clause_first and verb is not None:
            return by_trigger.get(verb.i) or _draft(ctx, verb, sentence, UNTYPED, None).event
        typed = [t for t in sentence if t.i in by_trigger]
        if typed:
            best = min(typed, key=lambda t: (_depth(t), t.i))
            return by_trigger[best.i]
        if verb is not None:
            return _draft(ctx, verb, sentence, UNTYPED, None).event
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def main_verb(sentence: Span) -> Token | None:
    """The verb nearest the root; a reporting verb hands over to the clause it reports."""
    verbs = sorted((t for t in sentence if t.pos_ == "VERB"), key=lambda t: (_depth(t), t.i))
    if not verbs:
        return None
    verb = verbs[0]
    if verb.lemma_.lower() in REPORTING_VERBS:
        reported = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        if reported:
            verb = reported[0]
    # "it is willing to withdraw": the act the copula's adjective governs.
    acted = [x for c in verb.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"]
    return acted[0] if verb.lemma_ == "be" and acted else verb


# --- participants ---------------------------------------------------------

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
            # "arrived in Amman on a visit", "completed its investigation": the verb's subject.
            found = [_resolve_speaker_pronoun(s) for s in _subject_tokens(verb)] or found
    return _phrases(_with_conjuncts([t for t in found if not _is_time(t)]))


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of, directly or through a PP or a compound."""
    node = noun.head if noun.dep_ == "compound" else noun
    if node.dep_ in {"dobj", "obj"} and node.head.pos_ == "VERB":
        return node.head
    if node.dep_ == "pobj" and node.head.lower_ in {"on", "for", "in", "at"} and node.head.head.pos_ == "VERB":
        return node.head.head
    return None


def _patients(trigger: Token, event_type: str | None = None) -> list[str]:
    """The actors an event is aimed at; lacking an actor, the thing acted on (see the module doc)."""
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
    if thing.lemma_.lower() in _PLACE_NOUNS or thing.ent_type_ in _PLACE_TYPES:
        return []
    for token in thing.subtree:
        if token.i == thing.i or token.lower_ in _POSSESSIVE_PRONOUNS | _PERSONAL_PRONOUNS:
            continue
        if token.dep_ in {"amod", "compound"} and token.ent_type_ not in _ACTOR_ENTITIES:
            continue  # "military aid", "opposition candidates": a modifier names an actor only as a name
        if token.dep_ in {"poss", "compound", "amod", "pobj", "appos"} and _is_actor(token):
            while token.dep_ == "compound" and token.head.i != thing.i:
                token = token.head  # "U.N. Security Council resolution": the whole name
            return [token]
    return []


def _is_actor(token: Token) -> bool:
    """Whether a phrase's head names a person or an organized group (a name, "officials", "troops", "they")."""
    return (token.ent_type_ in _ACTOR_ENTITIES or token.lemma_.lower() in _PEOPLE_NOUNS
            or token.lower_ in _PERSONAL_PRONOUNS)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME"}


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


# --- place and date -----------------------------------------------------------

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
    return doc[first_start:chain_end].text


def _is_place_pp(prep: Token) -> bool:
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if pobj.ent_type_ in {"DATE", "TIME"}:
            return False
        start, end = phrase_bounds(pobj)
        tokens = pobj.doc[start:end]
        if any(t.ent_type_ in _PLACE_TYPES for t in tokens):
            return True
        if pobj.lemma_.lower() in _PLACE_NOUNS:
            return True
    return False


def _place_bounds(prep: Token) -> tuple[int, int]:
    # The whole object: its subtree keeps "the camp, known as Ashraf-3".
    pobj = next(c for c in prep.children if c.dep_ == "pobj")
    subtree = [t.i for t in pobj.subtree]
    start, end = min(subtree), max(subtree) + 1
    while end > start and prep.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _date(trigger: Token, times: list[TimeValue]) -> tuple[str | None, str | None]:
    """The time expression of the trigger's clause (or of the clause it hangs off)."""
    if not times:
        return None, None
    doc = trigger.doc
    anchored: dict[int, TimeValue] = {}
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        anchored.setdefault(_anchor(span.root).i, time)
    for head in _clause_chain(trigger):
        time = anchored.get(head.i)
        if time is not None:
            return time.value, time.text
        for child in head.children:
            # "clashes that erupted on Tuesday": the relative clause dates the noun.
            if child.dep_ in {"relcl", "acl"} and child.i in anchored:
                time = anchored[child.i]
                return time.value, time.text
    return None, None


def _anchor(token: Token) -> Token:
    """The verb (or nominal trigger) a time expression modifies."""
    node = token
    for _ in range(8):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.pos_ in {"VERB", "AUX"} or (node.pos_ == "NOUN" and trigger_type(node)):
            return node
    return node


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger, then the clause heads it hangs off, nearest first.

    Climbs out of "after ..."-clauses, infinitives and conjoined verbs, not
    out of reported speech (a ccomp's date is not the reporting verb's).
    """
    chain = [trigger]
    node = trigger
    if trigger.pos_ != "VERB":
        # A noun is dated by its verb only when it is that verb's argument
        # ("leading to fierce clashes"), not when it sits deeper down
        # ("its engagement in terror and cyber-attacks").
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb.pos_ not in {"VERB", "AUX"} or trigger.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
            return chain
        node = verb
        chain.append(node)
    for _ in range(3):
        if node.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl", "pcomp"} and node.head.i != node.i:
            node = node.head
            while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"} and not trigger_type(node):
                node = node.head
            chain.append(node)
        else:
            break
    return chain


# --- casualties -----------------------------------------------------------

def _attach_casualties(ctx: ArticleContext, sentence: Span, drafts: list[_Draft], by_token: dict[int, _Draft]) -> None:
    figures = find_casualties(sentence)
    if not figures:
        return
    target = _casualty_event(sentence, figures, drafts, by_token)
    if target is None:
        target = _casualty_draft(ctx, sentence, figures[0], drafts)
        drafts.append(target)
        by_token[figures[0].trigger.i] = target
    for figure in figures:
        _set_figure(target.event, figure.kind, figure.quantity)
    if target.event.place is None:
        target.event.place = _place(figures[0].trigger)


def _casualty_event(sentence: Span, figures: list[CasualtyFigure], drafts: list[_Draft], by_token: dict[int, _Draft]) -> _Draft | None:
    in_sentence = [by_token[t.i] for t in sentence if t.i in by_token]
    if not in_sentence:
        return None
    for figure in figures:
        draft = by_token.get(figure.trigger.i)
        if draft is not None:
            return draft
    # "killed ... during the clashes": the event named in the casualty clause.
    for token in sentence:
        if token.i in by_token and token.dep_ == "pobj" and token.head.lower_ in _CASUALTY_LINK_PREPS:
            return by_token[token.i]
    violent = [d for d in in_sentence if d.event.type in _VIOLENT]
    return violent[0] if violent else None


def _casualty_draft(ctx: ArticleContext, sentence: Span, figure: CasualtyFigure, drafts: list[_Draft]) -> _Draft:
    # Typed like the last violent event of the article, if any came just before.
    recent = [d for d in drafts if d.event.type in {"ASSAULT", "FIGHT"} and d.sentence.start >= sentence.start - 80]
    event_type = recent[-1].event.type if recent else "ASSAULT"
    return _draft(ctx, figure.trigger, sentence, event_type, len(drafts))


def _set_figure(event: Event, kind: str, quantity: Quantity) -> None:
    if kind == "killed" and event.killed is None:
        event.killed = quantity
    elif kind == "injured" and event.injured is None:
        event.injured = quantity


# --- source ---------------------------------------------------------------

def source_for(statements: list[Statement], start: int, end: int) -> str:
    """The id of the innermost statement whose content covers [start, end), else "narrator"."""
    try:
        from .attribution import statement_for_offset  # type: ignore[attr-defined]
    except ImportError:
        statement_for_offset = None
    if statement_for_offset is not None:
        found = statement_for_offset(statements, start, end)
        if found is None:
            return "narrator"
        return found if isinstance(found, str) else found.id
    covering = [
        s for s in statements
        if s.content_start is not None and s.content_end is not None
        and s.content_start <= start and end <= s.content_end
    ]
    if not covering:
        return "narrator"
    return min(covering, key=lambda s: s.content_end - s.content_start).id


STAGE = Stage(
    VERSION,
    extract_events,
    requires=("doc", "mentions", "local_entities", "times", "statements"),
    assigns=("events",),
)
