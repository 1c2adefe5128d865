"""Typed events: who did what to whom, where, when, with how many casualties.

Event types are PLOVER's (``../shared/benchmarks/plover``). A trigger is a
verb or noun whose lemma is in ``VERB_TRIGGERS`` / ``NOUN_TRIGGERS``; speech
verbs (say, explain, tell) are never events — they are statements.

Typing choices, from PLOVER's definitions:

- raid, enter (by police or troops), arrest, detain, expel, deport, seize →
  COERCE: PLOVER keeps ASSAULT for violence against persons and FIGHT for
  armed combat between organized forces; a police raid on a camp is a
  law-enforcement seizure, COERCE's "seize" mode.
- clash, fight, battle, shell → FIGHT; kill, attack, bomb, shoot → ASSAULT.
- search, inspect, investigate → INVESTIGATE; station, deploy → MOBILIZE.
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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Event, Quantity, Statement, TimeValue
from . import ArticleContext, Stage
from .casualties import CasualtyFigure, find_casualties

VERSION = "events.v1"

VERB_TRIGGERS: dict[str, str] = {
    # ASSAULT: violence against persons by non-conventional means.
    "attack": "ASSAULT", "assault": "ASSAULT", "bomb": "ASSAULT", "assassinate": "ASSAULT",
    "shoot": "ASSAULT", "murder": "ASSAULT", "massacre": "ASSAULT", "ambush": "ASSAULT",
    "torture": "ASSAULT", "stab": "ASSAULT", "behead": "ASSAULT", "kill": "ASSAULT",
    "wound": "ASSAULT", "injure": "ASSAULT",
    # FIGHT: armed combat.
    "clash": "FIGHT", "fight": "FIGHT", "battle": "FIGHT", "shell": "FIGHT", "bombard": "FIGHT",
    "invade": "FIGHT",
    # COERCE: repression, seizure, restriction.
    "raid": "COERCE", "arrest": "COERCE", "detain": "COERCE", "expel": "COERCE", "deport": "COERCE",
    "seize": "COERCE", "confiscate": "COERCE", "kidnap": "COERCE", "abduct": "COERCE", "ban": "COERCE",
    "outlaw": "COERCE", "demolish": "COERCE", "evict": "COERCE", "quell": "COERCE", "enter": "COERCE",
    "storm": "COERCE", "imprison": "COERCE", "jail": "COERCE",
    # INVESTIGATE
    "investigate": "INVESTIGATE", "inspect": "INVESTIGATE", "search": "INVESTIGATE", "probe": "INVESTIGATE",
    "interrogate": "INVESTIGATE",
    # MOBILIZE
    "station": "MOBILIZE", "deploy": "MOBILIZE", "mobilize": "MOBILIZE", "mobilise": "MOBILIZE",
    # Cooperation and its refusals.
    "agree": "AGREE", "aid": "AID", "assist": "AID", "arm": "AID", "help": "AID", "donate": "AID",
    "concede": "CONCEDE", "release": "CONCEDE", "apologize": "CONCEDE", "surrender": "CONCEDE",
    "meet": "CONSULT", "visit": "CONSULT", "consult": "CONSULT", "negotiate": "CONSULT",
    "cooperate": "COOPERATE", "collaborate": "COOPERATE",
    "demand": "DEMAND", "urge": "DEMAND",
    "accuse": "DISAPPROVE", "condemn": "DISAPPROVE", "criticize": "DISAPPROVE", "criticise": "DISAPPROVE",
    "denounce": "DISAPPROVE", "blame": "DISAPPROVE",
    "protest": "PROTEST", "demonstrate": "PROTEST", "rally": "PROTEST", "boycott": "PROTEST",
    "reject": "REJECT", "refuse": "REJECT", "veto": "REJECT",
    "retreat": "RETREAT", "withdraw": "RETREAT", "evacuate": "RETREAT",
    "sanction": "SANCTION", "embargo": "SANCTION",
    "support": "SUPPORT", "endorse": "SUPPORT", "praise": "SUPPORT", "back": "SUPPORT",
    "threaten": "THREATEN",
}
NOUN_TRIGGERS: dict[str, str] = {
    "attack": "ASSAULT", "assault": "ASSAULT", "bombing": "ASSAULT", "shooting": "ASSAULT",
    "killing": "ASSAULT", "massacre": "ASSAULT", "assassination": "ASSAULT", "ambush": "ASSAULT",
    "clash": "FIGHT", "fighting": "FIGHT", "battle": "FIGHT", "shelling": "FIGHT", "invasion": "FIGHT",
    "raid": "COERCE", "arrest": "COERCE", "detention": "COERCE", "expulsion": "COERCE",
    "deportation": "COERCE", "seizure": "COERCE", "crackdown": "COERCE", "siege": "COERCE",
    "investigation": "INVESTIGATE", "inspection": "INVESTIGATE", "search": "INVESTIGATE",
    "probe": "INVESTIGATE", "inquiry": "INVESTIGATE",
    "deployment": "MOBILIZE", "mobilization": "MOBILIZE",
    "meeting": "CONSULT", "talk": "CONSULT", "visit": "CONSULT", "summit": "CONSULT", "negotiation": "CONSULT",
    "protest": "PROTEST", "demonstration": "PROTEST", "rally": "PROTEST", "boycott": "PROTEST",
    "withdrawal": "RETREAT", "retreat": "RETREAT", "evacuation": "RETREAT",
    "sanction": "SANCTION", "embargo": "SANCTION",
    "ultimatum": "THREATEN",
}
# Triggers that are events only when a security force does them.
_FORCE_ONLY = {"enter", "storm"}
_FORCE_WORDS = {
    "police", "force", "troop", "soldier", "army", "military", "security", "officer", "agent",
    "policeman", "gendarme", "commando", "militia", "guard",
}
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
            event_type = trigger_type(token)
            if event_type is None or _is_unreal(token):
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
    """The PLOVER type a word triggers, or None (pure lexicon + part of speech)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        event_type = VERB_TRIGGERS.get(lemma)
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in {"on", "for"} for c in token.children):
            return "DEMAND"
        if lemma in _FORCE_ONLY and not any(_is_force(a) for a in _subject_tokens(token)):
            return None
        return event_type
    if token.pos_ in {"NOUN", "PROPN"} and token.tag_ != "NNP":
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
    return None


def _does_harm(verb: Token) -> bool:
    """ "militants killed four soldiers", "killed by a bomb": someone did it.

    "three dozen others injured" (parsed as an active verb with a subject)
    and "two were killed" only count victims.
    """
    children = {c.dep_ for c in verb.children}
    return "agent" in children or ({"dobj", "obj"} & children and bool(_subject_tokens(verb)))


def _is_force(token: Token) -> bool:
    return any(t.lemma_.lower() in _FORCE_WORDS for t in token.subtree if t.i <= token.i)


def _is_unreal(token: Token) -> bool:
    """Negated ("did not attack") or hypothetical ("if they seek war")."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
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


def _draft(ctx: ArticleContext, token: Token, sentence: Span, event_type: str, n: int) -> _Draft:
    article = ctx.article.id
    date_value, date_text = _date(token, ctx.times)
    event = Event(
        id=f"{article}:e{n}",
        article=article,
        type=event_type,
        trigger=token.text,
        start=sentence.start_char,
        end=_sentence_end(sentence),
        agents=_agents(token),
        patients=_patients(token),
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


# --- participants ---------------------------------------------------------

def _subject_tokens(verb: Token) -> list[Token]:
    """Active subjects, inherited through "and" and "agreed to ..." when missing."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            return [_resolve_relative(s) for s in subjects]
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return []
        if node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
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


def _agents(trigger: Token) -> list[str]:
    found: list[Token] = []
    if trigger.pos_ == "VERB":
        found = _subject_tokens(trigger)
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
    return _phrases(_with_conjuncts(found))


def _patients(trigger: Token) -> list[str]:
    found: list[Token] = []
    if trigger.pos_ == "VERB":
        found = [c for c in trigger.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        if not found and trigger.dep_ == "conj":
            found = [c for c in trigger.head.children if c.dep_ in {"dobj", "nsubjpass"}]
        preps = {"against", "on"} if not found else {"against"}
        if trigger.lemma_ == "call":
            preps = {"on"}
    else:
        preps = {"of", "on", "against", "with"}
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += [p for p in child.children if p.dep_ == "pobj"]
    return _phrases(_with_conjuncts([_resolve_relative(t) for t in found]))


def _is_actor(token: Token) -> bool:
    return token.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"} or token.lemma_.lower() in _FORCE_WORDS


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"})
    return out


def _phrases(tokens: list[Token]) -> list[str]:
    return list(dict.fromkeys(phrase_text(t) for t in tokens if t.pos_ != "PUNCT"))


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
