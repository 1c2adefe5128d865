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
the casualty verb as trigger, typed like the last violent event before it,
unless it is a zero ("Police said no one was hurt" is no event).
Triggers under negation or an "if" clause are not events (nothing happened).
Each event keeps what event coreference compares of its trigger (``Event.coref``, read by
``mention.coref_input``), for aligning it with other articles' reports.

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

from ...records import Event, Quantity, Statement, TimeValue
from .. import ArticleContext, Stage
from ..casualties import CasualtyFigure, find_casualties
from .lexicon import (
    _CASUALTY_LINK_PREPS, _CASUALTY_VERBS, _COOPERATIVE, _DEFINITE, _FORCE_ONLY, _FORCE_WORDS, _FUTURE_AUX,
    _INTENT_WORDS, _MILITARY_WORDS, _PARTICLE_TYPES, VIOLENT_TYPES, LIGHT_VERBS, NOUN_TRIGGERS, OBJECT_TYPES,
    REPORTING_VERBS, VERB_TRIGGERS,
)
from .mention import coref_input
from .participants import _agents, _objects, _patients, _place, _subject_tokens, phrase_bounds, phrase_text

__all__ = [
    "STAGE", "VERSION", "UNTYPED", "VERB_TRIGGERS", "NOUN_TRIGGERS", "OBJECT_TYPES", "LIGHT_VERBS", "REPORTING_VERBS",
    "extract_events", "trigger_type", "event_type_of", "main_event", "main_verb", "phrase_text", "phrase_bounds",
    "source_for",
]

VERSION = "events.v7"
# The type of a passage's main clause when it names no typed event.
UNTYPED = "OTHER"


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
        coref=coref_input(ctx.doc, token.idx, token.idx + len(token.text)),
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

# --- date --------------------------------------------------------------------

def _date(trigger: Token, times: list[TimeValue]) -> tuple[str | None, str | None]:
    """The time expression of the trigger's clause (or of the clause it hangs off)."""
    if not times:
        return None, None
    doc = trigger.doc
    sentence = trigger.sent
    first, last = sentence.start_char, sentence.end_char
    anchored: dict[int, TimeValue] = {}
    # Only a time in the trigger's sentence can hang off its clause chain (a parse is per sentence);
    # looking at the others would cost every trigger a pass over the article's times.
    for time in (t for t in times if first <= t.start < last and t.is_point):
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
    # A time that opens the sentence ("On Dec. 21, 2014, a man ... rammed his car into pedestrians, injuring
    # 11") dates all of it, wherever the parse hung it (here on the "is" of a quote).
    opening = next((t for t in times if first <= t.start < last and t.is_point), None)
    if opening is not None and opening.start < trigger.idx and len(doc.text[first:opening.start].split()) <= 1:
        return opening.value, opening.text
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
        if all(f.quantity.max == 0 for f in figures):
            return  # "Police said no one was hurt": a zero tells of an event, it is none of its own
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
    violent = [d for d in in_sentence if d.event.type in VIOLENT_TYPES]
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
        from ..attribution import statement_for_offset  # type: ignore[attr-defined]
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
