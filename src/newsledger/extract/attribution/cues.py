"""Candidate statements read off the dependency parse.

A candidate starts from a cue: a speech verb with a clause ("Kanaani
explained ... that the Iraqi government expelled ..."; "..., he added"),
a verb with the claim as its object or prepositional phrase ("officials
announced the seizure of drones", "called for a ban"), "according to X",
or a paragraph that opens with a name and a colon ("Clinton: “...”").
Cues of belief, intention, stance and evidence ("thinks", "wants",
"endorsed", "a poll shows") are found the same way and carry their
``mode``. What it finds is a ``Draft``; the stage (``__init__``) attaches
quotes, resolves speakers and nests them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import (
    ADDRESSEE_VERBS, AUDIENCE_NOUNS, CHANNEL_NOUNS, CONTENT_PREPOSITIONS, CUE_MODES, EVIDENCE_NOUNS,
    EVIDENCE_VERBS, NOMINAL_CUES, NOT_CONTENT_NOUNS, NOUN_CUE_MODES, PLATFORMS,
)
from .quotes import QuoteSpan, paragraph_spans

QUOTING_VERBS = frozenset({"quote", "cite"})  # "was quoted as saying"
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSE_LINKS = {"advcl", "acl", "xcomp", "conj", "pcomp", "relcl", "prep", "pobj"}
_RELATIVE = {"who", "which", "that"}
_QUOTE_MARKS = set("“”\"«»„")
PASSIVE_NO_AGENT = "passive cue without an agent: speaker unknown"
NOUN_CONTENT = "content is a noun phrase, not a clause"
COLON_CUE = "speaker named before a colon, no verb"
NOUN_CUE = "cue is a noun: its possessor is the source"
_OBJECTS = {"dobj", "xcomp", "oprd"}
_ADJUNCT_ENTITIES = {"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"}
_COLON_PREFIX_TOKENS = 6
_NOTHING = {"nothing", "none", "little", "anything"}
# The verbs that report speech even inside a quotation ("“He told me he would win,” she said").
REPORTING_VERBS = frozenset({
    "say", "tell", "write", "tweet", "add", "ask", "announce", "claim", "report", "state", "explain",
    "insist", "argue", "warn", "note", "reply", "respond", "declare", "admit", "deny", "promise",
})
# Verbs that report clauses, never things: a noun "object" is the subject of a misparsed clause.
CLAUSE_VERBS = frozenset({"say", "claim", "argue", "insist", "add", "believe", "think", "contend", "assert", "predict"})


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
    mode: str = "speech"  # speech, belief, intention, stance, evidence
    speaker_head: Token | None = None
    shares_speaker_of: Token | None = None  # the cue whose subject this one borrows
    passive: bool = False
    quote: QuoteSpan | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_kind: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    source_start: int | None = None  # the whole source phrase, appositions and clauses included
    source_end: int | None = None
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


def find_drafts(doc: Doc, quotes: list[QuoteSpan] = ()) -> list[Draft]:
    """Every candidate in the document; ``quotes`` keep belief and stance cues
    inside quoted speech ("I think") from becoming statements of their own."""
    drafts = []
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            draft = _according_to(token)
        elif is_cue_verb(token):
            draft = _cue_verb(token, quotes)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in NOUN_CUE_MODES:
            draft = _cue_noun(token, quotes)
        else:
            draft = None
        if draft is not None:
            drafts.append(draft)
    return drafts + _colon_cues(doc)


def is_cue_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in CUE_MODES or token.dep_ in {"amod", "compound"}:
        return False
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    if lemma in QUOTING_VERBS and any(c.lower_ == "as" for c in token.children):
        return False  # the participle after "as" is the cue
    return True


def _cue_verb(cue: Token, quotes: list[QuoteSpan]) -> Draft | None:
    draft = Draft(cue, *_cue_extent(cue), mode=CUE_MODES[cue.lemma_.lower()])
    _find_subject(draft)
    _find_content(draft)
    if draft.speaker_head is None and not draft.passive and draft.shares_speaker_of is None:
        return None
    if _is_evidence(draft):
        draft.mode = "evidence"
    quoted = any(q.inner_start <= cue.idx < q.inner_end for q in quotes)
    if draft.mode != "speech":
        if draft.content_start is None or draft.speaker_head is None or cue.dep_ == "relcl":
            return None  # "a delegate who opposes the nominee" describes the source; it reports nothing
        if quoted:
            return None
    elif quoted and (draft.lemma not in REPORTING_VERBS or draft.speaker_head is None):
        return None  # inside a quote, "it's called an election" is the speaker's words, not a report
    return draft


def _cue_noun(cue: Token, quotes: list[QuoteSpan]) -> Draft | None:
    """ "Trump's criticism of the judge", "his view that the deal failed": a cue noun
    with its possessor as the source and its clause or prepositional object as content."""
    owners = [c for c in cue.children if c.dep_ == "poss" and c.i < cue.i]
    if not owners or any(q.inner_start <= cue.idx < q.inner_end for q in quotes):
        return None
    draft = Draft(cue, cue.idx, cue.idx + len(cue.text), mode=NOUN_CUE_MODES[cue.lemma_.lower()], speaker_head=owners[0])
    doc = cue.doc
    for child in cue.children:
        if child.i < cue.i:
            continue
        if child.dep_ in {"acl", "ccomp"} and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            _set_content(draft, doc, child.left_edge.i, child.right_edge.i, child)
            break
    if draft.content_start is None:
        return None
    draft.assumptions.append(NOUN_CUE)
    return draft


def _cue_extent(cue: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and particle: "did not mention", "pointed out"."""
    doc = cue.doc
    first = cue.i
    while first > cue.sent.start and doc[first - 1].dep_ in {"aux", "auxpass", "neg"} and doc[first - 1].head.i == cue.i:
        first -= 1
    last = cue.i
    for child in cue.children:
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _is_evidence(draft: Draft) -> bool:
    """"A poll suggests ...": a verb of showing whose subject is a finding, not a person."""
    head = draft.speaker_head
    return (draft.lemma in EVIDENCE_VERBS and head is not None and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() in EVIDENCE_NOUNS)


def _find_content(draft: Draft) -> None:
    cue = draft.cue
    speaker = draft.speaker_head
    clauses = [c for c in cue.children if c.dep_ == "ccomp"
               and not (speaker is not None and c.left_edge.i <= speaker.i <= c.right_edge.i)]
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
            return
    if cue.dep_ == "parataxis":
        _parenthetical_content(draft)
        return
    _complement_content(draft)


def _parenthetical_content(draft: Draft) -> None:
    """ "In three years, Barden says, too many lives were lost": the cue interrupts
    its content; the longer side stands for it."""
    cue = draft.cue
    sentence = cue.sent
    inner_first, inner_last = cue.left_edge.i, cue.right_edge.i
    before = (sentence.start, inner_first - 1)
    after = (inner_last + 1, sentence.end - 1)
    first, last = max(before, after, key=lambda side: side[1] - side[0])
    if last - first >= 2:
        _set_content(draft, cue.doc, first, last, sentence.root)


def _complement_content(draft: Draft) -> None:
    """Objects and prepositional complements after the cue: "wants to run",
    "called Trump a liar", "endorsed Clinton", "talked about jobs"."""
    cue = draft.cue
    if draft.lemma == "tell" and not any(c.dep_ == "xcomp" for c in cue.children):
        return  # "told him": the object is who was told
    if draft.lemma in CLAUSE_VERBS:
        parts = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i and c.lower_ not in _NOTHING]
    else:
        parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in _OBJECTS or _content_preposition(c))]
    parts = [p for p in parts if not (p.dep_ == "dobj" and p.lemma_.lower() in NOT_CONTENT_NOUNS)]
    if not parts:
        return
    parts.sort(key=lambda t: t.i)
    first = parts[0]
    if first.dep_ == "prep" and first.i == cue.i + 1 and first.lower_ != "as":
        draft.cue_end = first.idx + len(first.text)  # "called for", "talked about": the link is the cue's
        start = first.i + 1
    else:
        start = first.left_edge.i
    root = next((p for p in parts if p.dep_ != "prep"), first)
    last = max(p.right_edge.i for p in parts)
    if draft.lemma in CLAUSE_VERBS and root.dep_ == "dobj" and root.pos_ in {"NOUN", "PROPN"}:
        last = cue.sent.end - 1  # "says the movement ... appeals to": a clause the parser read as an object
    if draft.speaker_head is not None and start < draft.speaker_head.i <= last:
        last = draft.speaker_head.i - 2  # a passive's agent hung inside the complement: cut "by critics"
    _set_content(draft, cue.doc, start, last, root)
    if root.dep_ == "dobj" and root.pos_ != "PRON":
        draft.assumptions.append(NOUN_CONTENT)


def _content_preposition(token: Token) -> bool:
    """A "prep" child that carries the claim, not the time, place or channel."""
    if token.dep_ != "prep" or token.lower_ not in CONTENT_PREPOSITIONS:
        return False
    objects = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
    if not objects:
        return False
    noun = objects[0]
    lemma = noun.lemma_.lower()
    if noun.ent_type_ in _ADJUNCT_ENTITIES or lemma in CHANNEL_NOUNS or lemma in PLATFORMS or lemma in AUDIENCE_NOUNS:
        return False
    return not (token.lower_ in {"to", "with", "at"} and token.head.lemma_.lower() in ADDRESSEE_VERBS | {"speak", "talk"})


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
    if len(subjects) > 1 and _after_quote(cue):
        subjects.sort(key=lambda s: s.i < cue.i)  # '“Anybody who …,” said Sunshine': not "Anybody"
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
    inverted = _inverted_subject(cue)
    if inverted is not None:
        draft.speaker_head = inverted
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


def _inverted_subject(cue: Token) -> Token | None:
    """ "“…,” said David Brock, a confidant who …": right after a quote, the noun
    phrase after the verb is its subject even where the parser hung it elsewhere."""
    if not _after_quote(cue) or cue.i + 1 >= cue.sent.end:
        return None
    for chunk in cue.sent.noun_chunks:
        if chunk.start == cue.i + 1:
            return chunk.root if chunk.root.pos_ in {"PROPN", "NOUN"} else None
    return None


def _after_quote(cue: Token) -> bool:
    """The cue follows a closing quote mark: '“…,” said', '“…” said'."""
    return any(t.text in _QUOTE_MARKS for t in cue.doc[max(cue.sent.start, cue.i - 2):cue.i])


def _agent(cue: Token) -> Token | None:
    """The "by" phrase of a passive cue, also where the parser hung it lower
    ("described as “a cult” by critics")."""
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in cue.children:
        if child.i < cue.i or child.dep_ in {"ccomp", "xcomp", "csubj", "nsubjpass", "advcl", "conj"}:
            continue  # a "by" inside the reported clause is not the speaker
        for token in child.subtree:
            if token.lower_ == "by" and token.dep_ == "prep":
                objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
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


def _colon_cues(doc: Doc) -> list[Draft]:
    """A paragraph that opens with a short name and a colon: "Clinton: “Our goal is ...”",
    headlines ("Poll: Sanders leads"), and interview transcripts ("A: I felt ...")."""
    drafts = []
    text = doc.text
    for start, end in paragraph_spans(text):
        colon = text.find(":", start, end)
        if colon < 0:
            continue
        prefix = doc.char_span(start, colon, alignment_mode="contract")
        cue = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if prefix is None or cue is None or not 0 < len(prefix) <= _COLON_PREFIX_TOKENS:
            continue
        if any(t.pos_ in {"VERB", "AUX", "NUM"} or t.like_num or t.is_punct and t.text not in ".-'’" for t in prefix):
            continue  # a clause or a time ("Update 2:"), not a speaker
        draft = Draft(cue[0], colon, colon + 1, speaker_head=prefix.root)
        content = doc.char_span(colon + 1, end, alignment_mode="contract")
        if content is None or not len(content):
            continue
        _set_content(draft, doc, content.start, content.end - 1, content.root)
        if draft.content_start is None:
            continue
        draft.assumptions.append(COLON_CUE)
        drafts.append(draft)
    return drafts
