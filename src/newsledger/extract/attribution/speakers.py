"""Who a cue's subject is: a named local entity, a pronoun, a role, or a source left unnamed.

Pronouns go to the last named person who spoke before them (else the last
person named); a role noun ("the spokesman") goes to a person only when the
article tied that role to a name ("spokesman Nasser Kanaani"), and an
unnamed source ("a security source") is never glued to a name.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ...records import LocalEntity, Mention
from ..entities import name_key
from .cues import Draft
from .lexicon import PERSONAL_PRONOUNS, ROLE_NOUNS, speaker_kind

_PHRASE_RIGHT = {"compound", "flat", "nummod", "amod"}
_GROUP_TYPES = {"ORG", "NORP", "GPE"}


class SpeakerResolver:
    """Resolves speakers of one article, in text order (pronouns look back)."""

    def __init__(self, mentions: list[Mention], entities: list[LocalEntity]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.entities = {e.id: e for e in entities}
        self.spoken: list[Draft] = []  # resolved so far, in order
        self._holders: list[tuple[int, str, str]] = []  # (offset, role lemma, entity id)
        self._subjects: list[Mention] = []

    def learn_subjects(self, doc) -> None:
        """Mark mentions that are the subject of their clause."""
        for mention in self.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                self._subjects.append(mention)

    def learn_roles(self, doc) -> None:
        """Remember "spokesman Nasser Kanaani", "Edi Rama, the prime minister"."""
        for mention in self.mentions:
            if self._type(mention.cluster) != "PERSON":
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            near = [t for t in root.children if t.dep_ in {"compound", "appos"} and t.i not in range(span.start, span.end)]
            if root.dep_ == "appos":
                near.append(root.head)
            for token in near:
                for word in token.subtree if token.dep_ == "appos" else [token]:
                    if word.lemma_.lower() in ROLE_NOUNS:
                        self._holders.append((mention.start, word.lemma_.lower(), mention.cluster))

    def resolve(self, draft: Draft) -> None:
        head = draft.speaker_head
        if head is None:
            draft.speaker_kind = "anonymous"
            self.spoken.append(draft)
            return
        first, last = phrase_tokens(head)
        doc = head.doc
        draft.speaker_start, draft.speaker_end = doc[first].idx, doc[last].idx + len(doc[last].text)
        draft.speaker_text = doc.text[draft.speaker_start:draft.speaker_end]
        first, last = source_phrase_tokens(head, draft.cue)
        draft.source_start, draft.source_end = doc[first].idx, doc[last].idx + len(doc[last].text)
        lower = head.lower_
        if head.pos_ == "PRON" and lower in PERSONAL_PRONOUNS:
            draft.speaker_kind = "pronoun"
            draft.speaker = self._antecedent(PERSONAL_PRONOUNS[lower], draft.cue_start)
            if draft.speaker is not None:
                draft.assumptions.append(f"pronoun {head.text!r} taken to be {self.entities[draft.speaker].name}")
        else:
            entity = self._named(head)
            determiner = next((c.lower_ for c in head.children if c.dep_ in {"det", "poss"}), None)
            plural = head.tag_ in {"NNS", "NNPS"}
            draft.speaker_kind = speaker_kind(head.lemma_, determiner, plural, entity is not None or head.pos_ == "PROPN", False)
            draft.speaker = entity
            if draft.speaker_kind == "role" and determiner == "the":
                draft.speaker = self._role_holder(head.lemma_.lower(), draft.cue_start)
                if draft.speaker is not None:
                    draft.assumptions.append(
                        f"role {head.text!r} taken to be {self.entities[draft.speaker].name}, named with it earlier"
                    )
        draft.speaker_type = self._type(draft.speaker)
        self.spoken.append(draft)

    def entity_for(self, head: Token) -> str | None:
        return self._named(head)

    def entity_name(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id) if entity_id else None
        return entity.name if entity else None

    def _type(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id) if entity_id else None
        return entity.type if entity else None

    def _named(self, head: Token) -> str | None:
        mention = self._mention_at(head.idx)
        if mention is not None:
            return mention.cluster
        for child in head.children:  # "the spokesman, Nasser Kanaani, said"
            if child.dep_ == "appos":
                mention = self._mention_at(child.idx if child.pos_ == "PROPN" else child.right_edge.idx)
                if mention is not None and self._type(mention.cluster) == "PERSON":
                    return mention.cluster
        if head.pos_ == "PROPN":  # a surname the model did not tag here
            key = name_key(head.text)
            owners = {
                e.id for e in self.entities.values()
                if any(key == name_key(a) or (e.type == "PERSON" and key in name_key(a).split()) for a in e.aliases)
            }
            if len(owners) == 1:
                return owners.pop()
        return None

    def _mention_at(self, offset: int) -> Mention | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.mentions[i].start <= offset < self.mentions[i].end:
            return self.mentions[i]
        return None

    def _antecedent(self, kind: str, before: int) -> str | None:
        wanted = {"PERSON"} if kind == "person" else _GROUP_TYPES
        for draft in reversed(self.spoken):
            if draft.cue_start < before and draft.speaker and self._type(draft.speaker) in wanted:
                return draft.speaker
        if kind != "person":
            return None
        # No one spoke yet: the last person named, preferring one who was
        # a subject ("Biden met Scholz. He said" is Biden).
        i = bisect.bisect_left(self._starts, before)
        people = [m for m in self.mentions[:i] if self._type(m.cluster) == "PERSON"]
        subjects = [m for m in people if m in self._subjects]
        chosen = subjects[-1] if subjects else people[-1] if people else None
        return chosen.cluster if chosen else None

    def _role_holder(self, lemma: str, before: int) -> str | None:
        holders = {entity for offset, role, entity in self._holders if role == lemma and offset < before}
        return holders.pop() if len(holders) == 1 else None


def source_phrase_tokens(head: Token, cue: Token) -> tuple[int, int]:
    """Token range of the whole source phrase as written, with its appositions,
    relative clauses and coordinated names ("Bill Bruch, a Washington state
    delegate who ..."), stopping before the cue when the phrase holds it
    ("Kanaani, who said ...")."""
    first, last = head.left_edge.i, head.right_edge.i
    if first <= cue.i <= last:
        if cue.i < head.i:
            first = cue.right_edge.i + 1
        else:
            holding = [c.left_edge.i for c in head.children if c.i > head.i and c.left_edge.i <= cue.i <= c.right_edge.i]
            last = min([cue.left_edge.i, *holding]) - 1
    return _trimmed(head, first, last)


def phrase_tokens(head: Token) -> tuple[int, int]:
    """Token range of a speaker phrase: its left part and name-like right part, not its clauses."""
    first = head.left_edge.i
    last = head.i
    for child in head.children:
        if child.i > head.i and (child.dep_ in _PHRASE_RIGHT or (child.dep_ == "prep" and child.lower_ == "of")):
            last = max(last, child.right_edge.i)
        elif child.i > head.i:
            break
    return _trimmed(head, first, last)


def _trimmed(head: Token, first: int, last: int) -> tuple[int, int]:
    """The range without punctuation or spaces at its ends (never past the head)."""
    doc = head.doc
    while first < head.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return first, last
