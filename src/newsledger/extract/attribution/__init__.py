"""Who said what, through which channel, reported by whom.

The stage reads cues off the parse (``cues``), attaches the quoted passages
found in the text (``quotes``), resolves each speaker to a local entity
where it can (``speakers``), then adds the channel ("in a series of
tweets"), the relaying outlet ("…, Press TV reported"), the date of the
cue and the statement it is nested in. Whatever it assumed (an unbalanced
quote, a pronoun's antecedent) is written into the statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...entity_types import TIME_TYPES
from ...records import Statement, TimeValue
from .. import ArticleContext, Stage
from .cues import Draft, find_drafts
from .lexicon import (
    AUDIENCE_NOUNS, CHANNEL_NOUNS, CHANNEL_PREPOSITIONS, OCCASION_VERBS, PLATFORMS, RELAY_NOUNS,
    WRITING_VERBS, is_media_name, strip_determiner,
)
from .quotes import QuoteSpan, find_quotes, paragraph_spans
from .speakers import SpeakerResolver, phrase_tokens

__all__ = ["STAGE", "VERSION", "extract_statements", "statement_for_offset", "find_quotes"]

VERSION = "attribution.v2"

_LEAD_IN = re.compile(r"[^.!?“”\"]{0,80}?[,:]\s*|\s*")  # between a cue and the quote it introduces
_THAT_BEFORE = re.compile(r"\bthat\s*\Z", re.IGNORECASE)
_NEXT_SENTENCE = re.compile(r"[^.!?“”\"\n]{0,80}?[.!?][ \t]*")  # '“X,” he said. “Y.”': the rest of the clause
_TRAIL = re.compile(r"[\s,]*")  # between a quote and the speaker after it
_MARKS = "“”\"«»„"
INTERRUPTED = "second part of a quote interrupted by its attribution"
RESUMED = "quote resumed in the next sentence: same speaker"
CARRIED_OVER = "speaker carried over from the previous quote"
RELAYED = "outlet taken to be the one named earlier in the article"


def extract_statements(ctx: ArticleContext) -> None:
    doc, text = ctx.doc, ctx.article.text
    quotes = ctx.quotes = find_quotes(text)
    drafts = find_drafts(doc, quotes)
    by_cue = {d.cue.i: d for d in drafts}
    _trim_shared_speaker(drafts, by_cue, text)
    claimed: set[int] = set()
    for draft in drafts:
        _attach_quote(draft, quotes, claimed, text)
    drafts += [part for d in list(drafts) if d.kind == "direct" for part in _second_part(d, drafts, quotes, claimed, text)]
    drafts = [d for d in drafts if d.content_start is not None]

    resolver = SpeakerResolver(ctx.mentions, ctx.local_entities)
    resolver.learn_roles(doc)
    resolver.learn_subjects(doc)
    drafts = _merge_relays(drafts, resolver)
    drafts.sort(key=lambda d: d.cue_start)
    outlets: list[tuple[int, str]] = []
    for draft in drafts:
        resolver.resolve(draft)
        _reported_by(draft, resolver, outlets)
    drafts += _carry_over(drafts, quotes, claimed, text)
    _nest(drafts)
    for draft in drafts:
        if draft.carried_from is None:
            _channel(draft)
            draft.date = _cue_date(draft, ctx.times)
    ctx.statements = _statements(ctx.article.id, doc, drafts)


def statement_for_offset(statements: Sequence[Statement], start: int, end: int) -> Statement | None:
    """The innermost statement whose content span covers [start, end), or None."""
    best = None
    for statement in statements:
        if statement.content_start is None or statement.content_end is None:
            continue
        if statement.content_start <= start and end <= statement.content_end:
            size = statement.content_end - statement.content_start
            if best is None or size < best.content_end - best.content_start:
                best = statement
    return best


# --- content and quotes ---------------------------------------------------


def _trim_shared_speaker(drafts: list[Draft], by_cue: dict[int, Draft], text: str) -> None:
    """"Rama said that X, insisting that Y": X ends where the second cue's clause starts."""
    for draft in drafts:
        owner = by_cue.get(draft.shares_speaker_of.i) if draft.shares_speaker_of is not None else None
        if owner is None or not owner.covers(draft.cue_start, draft.cue_end):
            continue
        cut = draft.cue.left_edge.idx
        if owner.content_start < cut:
            owner.content_end = owner.content_start + len(text[owner.content_start:cut].rstrip(" ,;—–-\n"))


def _attach_quote(draft: Draft, quotes: list[QuoteSpan], claimed: set[int], text: str) -> None:
    if draft.content_start is None:
        quote = _adjacent_quote(draft, quotes, claimed, text)
        if quote is not None:
            _quote_content(draft, quote, claimed, text)
        return
    overlapping = [q for q in quotes if q.start < draft.content_end and draft.content_start < q.end]
    if not overlapping:
        return
    core_start, core_end = _core(text, draft.content_start, draft.content_end)
    quote = overlapping[0]
    if len(overlapping) == 1 and not quote.assumptions and quote.inner_start <= draft.cue_start < quote.inner_end:
        # “… if a friend asks us for something …”: a report inside a quote is the quoted speaker's
        # words; the quote around it is not its content.
        return
    if len(overlapping) == 1 and quote.inner_start <= core_start and core_end <= quote.inner_end:
        introduced = _THAT_BEFORE.search(text[max(0, quote.start - 12):quote.start]) is not None
        _quote_content(draft, quote, claimed, text)
        if introduced:  # "said that “…”": quoted words in reported syntax
            draft.kind = "mixed"
        return
    draft.kind = "mixed"
    draft.content_end = max(draft.content_end, overlapping[-1].end)
    for quote in overlapping:
        claimed.add(quote.start)
        draft.assumptions.extend(a for a in quote.assumptions if a not in draft.assumptions)


def _quote_content(draft: Draft, quote: QuoteSpan, claimed: set[int], text: str) -> None:
    draft.kind = "direct"
    draft.quote = quote
    draft.content_start, draft.content_end = _inner(text, quote.inner_start, quote.inner_end)
    claimed.add(quote.start)
    draft.assumptions.extend(a for a in quote.assumptions if a not in draft.assumptions)


def _adjacent_quote(draft: Draft, quotes: list[QuoteSpan], claimed: set[int], text: str) -> QuoteSpan | None:
    """A quote right after the cue ("said: “…”") or right before its clause ("“…,” he said")."""
    clause_start = min(draft.cue_start, draft.speaker_head.left_edge.idx if draft.speaker_head is not None else draft.cue_start)
    for quote in quotes:
        if quote.start in claimed:
            continue
        if quote.start >= draft.cue_end and _LEAD_IN.fullmatch(text[draft.cue_end:quote.start]):
            return quote
        if quote.end <= clause_start and _TRAIL.fullmatch(text[quote.end:clause_start]):
            return quote
    return None


def _second_part(draft: Draft, drafts: list[Draft], quotes: list[QuoteSpan], claimed: set[int], text: str) -> list[Draft]:
    """“We are ready,” he said, “to talk.”: the quote resumed after the cue is a second statement."""
    if draft.quote is None or draft.quote.end > draft.cue_start:
        return []
    for quote in quotes:
        if quote.start in claimed or quote.start < draft.cue_end:
            continue
        between = text[draft.cue_end:quote.start]
        other_cue = any(draft.cue_end <= d.cue_start < quote.start for d in drafts if d is not draft)
        if other_cue or not between.strip():
            return []
        if _LEAD_IN.fullmatch(between):
            how = INTERRUPTED
        elif _NEXT_SENTENCE.fullmatch(between):
            how = RESUMED
        else:
            return []
        part = Draft(draft.cue, draft.cue_start, draft.cue_end, speaker_head=draft.speaker_head,
                     shares_speaker_of=draft.cue, passive=draft.passive)
        _quote_content(part, quote, claimed, text)
        part.assumptions.insert(0, how)
        return [part]
    return []


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _MARKS or not text[start].isalnum()):
        start += 1
    while end > start and (text[end - 1] in _MARKS or not text[end - 1].isalnum()):
        end -= 1
    return start, end


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted text without the comma that hands over to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _carry_over(drafts: list[Draft], quotes: list[QuoteSpan], claimed: set[int], text: str) -> list[Draft]:
    """A paragraph that is one unattributed quote continues the quote before it."""
    paragraphs = paragraph_spans(text)
    starts = {p[0] for p in paragraphs}
    carried = []
    for quote in quotes:
        if quote.start in claimed or quote.start not in starts or quote.words(text) < 5:
            continue
        before = [d for d in drafts + carried if d.content_end <= quote.start and d.kind in {"direct", "mixed"}]
        if not before:
            continue
        previous = max(before, key=lambda d: d.content_end)
        gap = sum(1 for s in starts if previous.content_end < s < quote.start)
        if gap or any(d is not previous and previous.content_end <= d.content_start < quote.start for d in drafts):
            continue
        draft = Draft(previous.cue, previous.cue_start, previous.cue_end, kind="direct", carried_from=previous)
        draft.content_start, draft.content_end = _inner(text, quote.inner_start, quote.inner_end)
        for name in ("speaker", "speaker_text", "speaker_kind", "speaker_start", "speaker_end", "source_start",
                     "source_end", "speaker_type", "reported_by", "mode"):
            setattr(draft, name, getattr(previous, name))
        draft.assumptions = [CARRIED_OVER, *quote.assumptions]
        claimed.add(quote.start)
        carried.append(draft)
    return carried


# --- sources, nesting, channel, date --------------------------------------


def _merge_relays(drafts: list[Draft], resolver: SpeakerResolver) -> list[Draft]:
    """"Kanaani explained …, Press TV reported": one statement, relayed by Press TV."""
    by_cue = {d.cue.i: d for d in drafts}
    kept = []
    for draft in drafts:
        inner = by_cue.get(draft.content_root.i) if draft.content_root is not None else None
        outlet = _outlet_name(draft.speaker_head, resolver) if draft.lemma == "report" else None
        if inner is not None and inner is not draft and outlet and draft.covers(inner.cue_start, inner.cue_end):
            inner.reported_by = outlet
            continue
        kept.append(draft)
    return kept


def _outlet_name(head: Token | None, resolver: SpeakerResolver) -> str | None:
    """The outlet a phrase names, if it names one: an organization or a media noun."""
    if head is None or head.pos_ == "PRON":
        return None
    first, last = phrase_tokens(head)
    phrase = head.doc[first:last + 1].text
    entity = resolver.entity_for(head)
    kind = resolver.entities[entity].type if entity else None
    if kind == "ORG" or is_media_name(phrase):
        return resolver.entity_name(entity) or strip_determiner(phrase)
    return None


def _reported_by(draft: Draft, resolver: SpeakerResolver, outlets: list[tuple[int, str]]) -> None:
    head = draft.speaker_head
    if draft.reported_by is None:
        if draft.lemma == "report":
            draft.reported_by = _outlet_name(head, resolver)
        elif draft.lemma == "tell":
            draft.reported_by = _told_outlet(draft, resolver)
        elif draft.lemma == "according" and head is not None:
            name = _outlet_name(head, resolver)
            if name and (is_media_name(name) or any(name == seen for _, seen in outlets)):
                draft.reported_by = name
        if (draft.reported_by is None and head is not None and draft.speaker is None
                and head.lemma_.lower() in RELAY_NOUNS and outlets):
            draft.reported_by = outlets[-1][1]  # "the report said"
            draft.assumptions.append(RELAYED)
    if draft.reported_by:
        outlets.append((draft.cue_start, draft.reported_by))


def _told_outlet(draft: Draft, resolver: SpeakerResolver) -> str | None:
    for child in draft.cue.children:
        if child.dep_ in {"dobj", "dative"} and child.lemma_.lower() not in AUDIENCE_NOUNS:
            entity = resolver.entity_for(child)
            if entity and resolver.entities[entity].type == "PERSON":
                return None
            return _outlet_name(child, resolver)
    return None


def _nest(drafts: list[Draft]) -> None:
    for draft in drafts:
        if draft.carried_from is not None:
            continue
        outer = [
            d for d in drafts
            if d is not draft and d.carried_from is None and d.covers(draft.cue_start, draft.cue_end)
            and not (draft.shares_speaker_of is not None and draft.shares_speaker_of.i == d.cue.i)
        ]
        if outer:
            draft.parent = min(outer, key=lambda d: d.content_end - d.content_start)


def _channel(draft: Draft) -> None:
    cue = draft.cue
    doc = cue.doc
    for child in cue.children:
        if _inside(draft, child):
            continue
        lemma = child.lemma_.lower()
        if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects or not _is_channel(child.lower_, objects[0]):
                continue
            end = _before_time(doc, child.i, child.right_edge.i)
            start = cue.i if cue.lemma_.lower() in WRITING_VERBS and child.lower_ in {"on", "via"} else child.i
            draft.channel = doc[start:end + 1].text
            return
        if child.dep_ in {"dobj", "dative"} and draft.lemma == "tell" and lemma in AUDIENCE_NOUNS:
            draft.channel = doc[cue.i:child.right_edge.i + 1].text  # "told reporters"
            return
        if child.dep_ == "advcl" and lemma in OCCASION_VERBS and child.tag_ == "VBG":
            draft.channel = doc[child.left_edge.i:_before_time(doc, child.i, child.right_edge.i) + 1].text
            return


def _is_channel(preposition: str, noun: Token) -> bool:
    if preposition in {"on", "via"} and noun.lower_ in PLATFORMS:
        return True
    nouns = [noun] + [t for t in noun.subtree if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == noun.i]
    return any(n.lemma_.lower() in CHANNEL_NOUNS for n in nouns)


def _before_time(doc: Doc, first: int, last: int) -> int:
    """Cut a trailing time phrase off a channel: "in a statement [on Wednesday]"."""
    for i in range(first + 1, last + 1):
        if doc[i].ent_type_ in TIME_TYPES:
            last = i - 1
            if doc[last].pos_ == "ADP" and last > first:
                last -= 1
            break
    while last > first and doc[last].is_punct:
        last -= 1
    return last


def _inside(draft: Draft, token: Token) -> bool:
    """True when a token belongs to the content or the speaker phrase."""
    if draft.content_start is not None and draft.content_start <= token.idx < draft.content_end:
        return True
    head = draft.speaker_head
    return head is not None and head.left_edge.i <= token.i <= head.right_edge.i


def _cue_date(draft: Draft, times: Sequence[TimeValue]) -> str | None:
    """The value of a time phrase that modifies the cue itself ("explained ... on Wednesday")."""
    if not times or draft.lemma == "according":
        return None
    regions = []
    for child in draft.cue.children:
        if child.dep_ in {"prep", "npadvmod", "advmod", "tmod", "obl"} and not _inside(draft, child):
            regions.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)))
    for time in times:
        if time.is_point and any(start <= time.start and time.end <= end for start, end in regions):
            return time.value
    return None


# --- records --------------------------------------------------------------


def _statements(article_id: str, doc: Doc, drafts: list[Draft]) -> list[Statement]:
    sentences = [(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents]
    spans = {}
    for draft in drafts:
        points = [draft.content_start, draft.content_end]
        if draft.carried_from is None:
            points += [draft.cue_start, draft.cue_end]
            if draft.speaker_start is not None:
                points += [draft.speaker_start, draft.speaker_end]
        spans[id(draft)] = _sentence_span(sentences, min(points), max(points))
    drafts = sorted(drafts, key=lambda d: (spans[id(d)][0], d.cue_start if d.carried_from is None else d.content_start))
    ids = {id(d): f"{article_id}:s{n}" for n, d in enumerate(drafts)}
    text = doc.text
    statements = []
    for draft in drafts:
        start, end = spans[id(draft)]
        carried = draft.carried_from is not None
        statements.append(Statement(
            id=ids[id(draft)],
            article=article_id,
            speaker=draft.speaker,
            speaker_text=draft.speaker_text,
            cue="" if carried else text[draft.cue_start:draft.cue_end],
            content=text[draft.content_start:draft.content_end],
            kind=draft.kind,
            mode=draft.mode,
            start=start,
            end=end,
            channel=draft.channel,
            reported_by=draft.reported_by,
            date=draft.date,
            speaker_kind=draft.speaker_kind,
            speaker_start=draft.speaker_start,
            speaker_end=draft.speaker_end,
            source_start=draft.source_start,
            source_end=draft.source_end,
            cue_start=None if carried else draft.cue_start,
            cue_end=None if carried else draft.cue_end,
            content_start=draft.content_start,
            content_end=draft.content_end,
            parent=ids[id(draft.parent)] if draft.parent is not None else None,
            assumptions=list(draft.assumptions),
            extractor=VERSION,
        ))
    return statements


def _sentence_span(sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    covering = [s for s in sentences if s[0] < end and start < max(s[1], s[0] + 1)]
    if not covering:
        return start, end
    return min(covering[0][0], start), max(covering[-1][1], end)


STAGE = Stage(
    VERSION,
    extract_statements,
    requires=("doc", "mentions", "local_entities", "times"),
    assigns=("statements", "quotes"),
)
