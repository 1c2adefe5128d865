"""Candidate statements read off the dependency parse.

A candidate starts from a cue: a speech verb with a clause ("Kanaani
explained ... that the Iraqi government expelled ..."; "..., he added"),
a noun object for the verbs whose object is the claim ("officials announced
the seizure of drones"), or "according to X". What it finds is a ``Draft``;
the stage (``__init__``) attaches quotes, resolves speakers and nests them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import NOMINAL_CUES, NOT_CONTENT_NOUNS, SPEECH_VERBS
from .quotes import QuoteSpan

QUOTING_VERBS = frozenset({"quote", "cite"})  # "was quoted as saying"
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSE_LINKS = {"advcl", "acl", "xcomp", "conj", "pcomp", "relcl", "prep", "pobj"}
_RELATIVE = {"who", "which", "that"}
_QUOTE_MARKS = set("“”\"«»„")
PASSIVE_NO_AGENT = "passive cue without an agent: speaker unknown"
NOUN_CONTENT = "content is a noun phrase, not a clause"


@dataclass(slots=True, eq=False)
class Draft:
    """A statement being built; offsets are characters into the article text."""

    cue: Token
    cue_start: int
    cue_end: int
    content_start: int | None = None
    content_end: int | None = None
    content_root: Token | None = None
    kind: str = "indirect"
    speaker_head: Token | None = None
    shares_speaker_of: Token | None = None  # the cue whose subject this one borrows
    passive: bool = False
    quote: QuoteSpan | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_kind: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str | None = None  # the LocalEntity type when resolved
    channel: str | None = None
    reported_by: str | None = None
    date: str | None = None
    parent: Draft | None = None
    carried_from: Draft | None = None
    assumptions: list[str] = field(default_factory=list)

    @property
    def lemma(self) -> str:
        """The cue's lemma; "according" for "according to" (the model says "accord")."""
        return "according" if self.cue.lower_ == "according" else self.cue.lemma_.lower()

    def covers(self, start: int, end: int) -> bool:
        return self.content_start is not None and self.content_start <= start and end <= self.content_end


def find_drafts(doc: Doc) -> list[Draft]:
    drafts = []
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            draft = _according_to(token)
        elif is_cue_verb(token):
            draft = _speech_verb(token)
        else:
            draft = None
        if draft is not None:
            drafts.append(draft)
    return drafts


def is_cue_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in SPEECH_VERBS or token.dep_ in {"amod", "compound"}:
        return False
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    if lemma in QUOTING_VERBS and any(c.lower_ == "as" for c in token.children):
        return False  # the participle after "as" is the cue
    return True


def _speech_verb(cue: Token) -> Draft | None:
    cue_start, cue_end = cue.idx, cue.idx + len(cue.text)
    for child in cue.children:
        if child.dep_ == "prt" and child.i == cue.i + 1:
            cue_end = child.idx + len(child.text)
    draft = Draft(cue, cue_start, cue_end)
    _find_content(draft)
    _find_subject(draft)
    if draft.speaker_head is None and not draft.passive and draft.shares_speaker_of is None:
        return None
    return draft


def _find_content(draft: Draft) -> None:
    cue = draft.cue
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if clauses:
        before = [c for c in clauses if c.i < cue.i]
        after = [c for c in clauses if c.i > cue.i]
        side = max((before, after), key=lambda cs: sum(len(list(c.subtree)) for c in cs))
        first = min(c.left_edge.i for c in side)
        last = max(c.right_edge.i for c in side)
        if side is after:
            first = max(first, cue.i + 1)
        _set_content(draft, cue.doc, first, last, side[0])
        return
    mark = _that_after(cue)
    if mark is not None:
        _set_content(draft, cue.doc, mark.i + 1, mark.head.right_edge.i, mark.head)
        return
    if draft.lemma in NOMINAL_CUES:
        objects = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}]
        if objects and objects[0].lemma_.lower() not in NOT_CONTENT_NOUNS:
            obj = objects[0]
            last = obj.right_edge.i
            for conj in cue.children:  # "highlighted the nature ... and its clash ..."
                if conj.dep_ == "conj" and conj.pos_ == "NOUN" and conj.i > obj.i:
                    last = max(last, conj.right_edge.i)
            for prep in cue.children:  # "accused the government of torturing prisoners"
                if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > obj.i:
                    last = max(last, prep.right_edge.i)
            _set_content(draft, cue.doc, obj.left_edge.i, last, obj)
            draft.assumptions.append(NOUN_CONTENT)


def _that_after(cue: Token) -> Token | None:
    """A "that" right after the cue and its modifiers, when the parser hung the clause elsewhere."""
    doc = cue.doc
    modifiers = {t.i for c in cue.children if c.i > cue.i and c.dep_ not in {"ccomp", "conj"} for t in c.subtree}
    for i in range(cue.i + 1, min(cue.sent.end, cue.i + 12)):
        token = doc[i]
        if token.lower_ == "that" and (token.dep_ == "mark" or _misparsed_complementizer(token)):
            return token
        if i not in modifiers and not token.is_punct:
            return None
    return None


def _misparsed_complementizer(token: Token) -> bool:
    """ "told reporters at a briefing that the US would not comment": not a relative "that"."""
    clause = token.head
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return token.dep_ == "dobj" and clause.pos_ in {"VERB", "AUX"} and bool(subjects) and subjects[0].i > token.i


def _set_content(draft: Draft, doc: Doc, first: int, last: int, root: Token) -> None:
    while first <= last and _trim_left(doc[first]):
        first += 1
    while last >= first and doc[last].is_punct and doc[last].text not in _QUOTE_MARKS:
        last -= 1
    if first > last:
        return
    draft.content_start = doc[first].idx
    draft.content_end = doc[last].idx + len(doc[last].text)
    draft.content_root = root


def _trim_left(token: Token) -> bool:
    if token.text in _QUOTE_MARKS:
        return False
    return token.is_punct or token.is_space or (token.lower_ == "that" and token.dep_ == "mark")


def _find_subject(draft: Draft) -> None:
    cue = draft.cue
    subjects = [c for c in cue.children if c.dep_ in _SUBJECTS]
    if subjects:
        subject = subjects[0]
        if subject.dep_ == "nsubjpass":
            draft.passive = True
            draft.speaker_head = _agent(cue)
            if draft.speaker_head is None:
                draft.assumptions.append(PASSIVE_NO_AGENT)
        elif subject.lower_ in _RELATIVE and cue.dep_ == "relcl":
            draft.speaker_head = cue.head  # "Kanaani, who said that ..."
        else:
            draft.speaker_head = subject
        return
    if cue.dep_ not in _CLAUSE_LINKS:
        return
    # A participle or a conjunct borrows the subject of the clause it hangs
    # from: "Rama acknowledged ..., stating, “...”".
    node = cue
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in QUOTING_VERBS and node.pos_ == "VERB":
            passive_subject = [c for c in node.children if c.dep_ == "nsubjpass"]
            if passive_subject:  # "officials were cited as saying"
                draft.speaker_head = passive_subject[0]
                draft.cue_start = node.idx
                return
        if node.pos_ in {"VERB", "AUX"}:
            subject = [c for c in node.children if c.dep_ == "nsubj"]
            if subject and (is_cue_verb(node) or cue.dep_ == "conj" or node.dep_ == "ROOT"):
                draft.speaker_head = subject[0]
                draft.shares_speaker_of = node
                return
        if node.dep_ == "ROOT":
            return


def _agent(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _according_to(token: Token) -> Draft | None:
    to = next(c for c in token.children if c.lower_ == "to")
    sources = [c for c in to.children if c.dep_ == "pobj"]
    if not sources:
        return None
    doc = token.doc
    end = max(t.i for t in token.subtree)
    cue_end = to.idx + len(to.text)
    draft = Draft(token, token.idx, cue_end, speaker_head=sources[0])
    clause = token.head
    while clause.head.i != clause.i and clause.pos_ not in {"VERB", "AUX"}:
        clause = clause.head
    first, last = clause.left_edge.i, clause.right_edge.i
    while last > first and doc[last].is_punct:
        last -= 1
    begin = token.left_edge.i
    if begin <= first:  # "According to X, Y happened."
        first = end + 1
    elif end >= last:  # "Y happened, according to X."
        last = begin - 1
    else:
        draft.assumptions.append("source phrase inside the content")
    _set_content(draft, doc, first, last, clause)
    if draft.content_start is None:
        return None
    return draft
