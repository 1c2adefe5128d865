"""Ongoing claims: states an article says still hold, and since when, read from the parse.

"Albania has played host to the group for a decade" and "the country has been
accommodating its members since 2016" each say that a state holds on the
article's date (a present perfect) and since when. This stage finds such
clauses from the spaCy parse and the time values the ``timex`` stage found;
``compare.internal`` compares them within each article (an article that
contradicts itself about when a state began).

A claim is kept only when nothing in the parse says the state is not ongoing,
because a false contradiction is worse than a missed one:

- the time phrase follows a cue (``for`` a duration; ``since`` / ``from`` a
  date), with only modifiers in between ("for nearly a decade", "since early
  2016"); a date that bounds an interval ("from 2014 to 2016") is no start;
- the verb it attaches to is a present perfect: an ``aux`` ``has``/``have``/``'ve``
  (or ``'s`` before ``been``), not ``had``, with no modal and no negation. The
  verb is the one the tree attaches the phrase to, or, when the tree attaches it
  to a noun (the small model reads "host to the group and thousands of its members
  for a decade" as a list of nouns), the nearest perfect before it in its
  sentence with no verb, relative or wh-word, subordinator, negation, ``;`` or
  ``:`` in between;
- the predicate is the verb's lemma, or a family of ``PREDICATES`` that names one
  state in different words ("host" ~ "accommodate" ~ "play host");
- the subject comes from the tree: the verb's ``nsubj``/``nsubjpass``, the
  antecedent of a relative pronoun, or the subject of the verb that governs an
  ``xcomp``/``conj`` ("the country is estimated to have been accommodating");
  the object is what stands between the predicate and the cue.

Names in the subject and object are stored as the offsets of their mentions
(their entity ids change when linking); a nationality word after a determiner
("the European country") names no participant.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..records import Mention, OngoingClaim, TimeValue
from . import ArticleContext, Stage

VERSION = "ongoing.v1"

# The cue a time value needs by its type, so that it says since when a state holds.
CUES = {"DURATION": {"for"}, "DATE": {"since", "from"}}
# Words that may stand between the cue and the time value ("for the past nearly ten years").
_CUE_GAP_WORDS = {"the", "past", "last", "nearly", "almost", "close", "to", "just", "under", "more", "than", "over",
                  "at", "least", "upwards", "of", "about", "around", "some", "roughly", "approximately", "as",
                  "early", "late", "mid", "mid-", "well"}
_CUE_GAP_MAX = 4
# Modifiers of the amount or start, longest first; compare.internal reads their meaning.
MODIFIERS = ("as early as", "close to", "just under", "more than", "upwards of", "at least", "nearly", "almost",
             "over", "about", "around", "some", "roughly", "approximately")
# Round figures ("a decade") are read ±20 %; their plural ("decades") is at least two of them.
ROUND_UNITS = {"decade", "century", "score"}
_INTERVAL_ENDS = {"to", "until", "till", "through", "and", "-", "–", "—"}

_PERFECT_AUX = {"has", "have", "'ve", "’ve"}
_CONTRACTED_HAS = {"'s", "’s"}  # "it's been": has, only before "been"
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_RELATIVE_TAGS = {"WDT", "WP", "WP$", "WRB"}
# A verb without a subject of its own takes that of the verb it depends on this way.
_SUBJECT_FROM_HEAD = {"xcomp", "conj"}
# Parts of a noun phrase that are not the phrase: "Albania, which has …", "Albania, a NATO member".
_NOT_IN_PHRASE = {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis"}
_MAX_GAP_TOKENS = 20
_COUNT_WORDS = {"thousand", "hundred", "dozen", "million", "billion", "score", "other"}
_CONTENT_POS = {"NOUN", "PROPN", "ADJ"}
_TIME_ENTITIES = {"DATE", "TIME"}  # another time phrase of the clause is no participant

# Predicates that name one state in different words: verb lemmas, and verb + complement lemmas
# ("play host", "be in power").
PREDICATES: dict[str, tuple[set[str], set[str]]] = {
    "host": ({"host", "accommodate", "shelter", "house", "harbour", "harbor"},
             {"play host", "give refuge", "give asylum", "give shelter", "grant refuge", "grant asylum",
              "grant shelter", "be home"}),
    "reside": ({"live", "reside", "stay", "settle", "base", "locate", "station"}, {"be present"}),
    "rule": ({"rule", "govern", "lead", "head"}, {"be in power", "be in office", "be in charge", "be president"}),
    "detain": ({"detain", "hold", "imprison", "jail"},
               {"be in custody", "be in jail", "be in prison", "be in detention", "be captive"}),
    "fight": ({"fight", "battle"}, {"wage war", "be at war"}),
    "control": ({"occupy", "control"}, set()),
    "ban": ({"ban", "outlaw", "proscribe", "blacklist"}, set()),
    "work": ({"work", "employ"}, set()),
}
_COMPLEMENT_DEPS = {"dobj", "attr", "acomp", "advmod", "oprd", "npadvmod", "prep"}


def extract_ongoing(ctx: ArticleContext) -> None:
    ctx.ongoing = find_ongoing(ctx.article.id, ctx.doc, ctx.times, ctx.mentions)


def find_ongoing(article: str, doc: Doc, times: list[TimeValue], mentions: list[Mention]) -> list[OngoingClaim]:
    """The ongoing claims of one parsed article, in text order."""
    claims = []
    for time in sorted(times, key=lambda t: t.start):
        claim = _claim(article, doc, time, mentions)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(article: str, doc: Doc, time: TimeValue, mentions: list[Mention]) -> OngoingClaim | None:
    cues = CUES.get(time.type)
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if not cues or span is None or not len(span):
        return None
    cue, gap = _cue(doc, span, cues)
    if cue is None:
        return None
    if cue.lower_ != "for" and span.end < len(doc) and doc[span.end].lower_ in _INTERVAL_ENDS:
        return None  # "from 2014 to 2016" bounds an interval: no start of anything ongoing
    verb = _attached_perfect(cue)
    if verb is None:
        return None
    aux = _perfect_aux(verb)
    predicate, predicate_last = _predicate(verb)
    subject = _subject(verb)
    subject_tokens = _phrase(subject) if subject is not None else None
    object_tokens = _object_tokens(doc, verb, predicate_last, cue, span)
    words = [t.lower_ for t in gap] + [t.lower_ for t in span[:3]]
    round_unit = next((t.lemma_.lower() for t in span if t.lemma_.lower() in ROUND_UNITS), None)
    return OngoingClaim(
        article=article,
        start=cue.idx,
        end=time.end,
        text=doc.text[cue.idx:time.end],
        cue=cue.lower_,
        time_start=time.start,
        time_end=time.end,
        modifier=_modifier(words),
        round_unit=round_unit,
        round_plural=round_unit is not None and any(t.tag_ == "NNS" and t.lemma_.lower() == round_unit for t in span),
        predicate=predicate,
        predicate_text=doc.text[aux.idx:predicate_last.idx + len(predicate_last)],
        predicate_start=aux.idx,
        predicate_end=predicate_last.idx + len(predicate_last),
        subject_start=subject_tokens[0].idx if subject_tokens else None,
        subject_end=_end(subject_tokens[-1]) if subject_tokens else None,
        subject_head=subject.lemma_.lower() if subject is not None else None,
        subject_names=_names(doc, mentions, subject_tokens or []),
        object_names=_names(doc, mentions, object_tokens),
        object_words=sorted({t.lemma_.lower() for t in object_tokens if _content_word(t)}),
        extractor=VERSION,
    )


def _cue(doc: Doc, span: Span, cues: set[str]) -> tuple[Token | None, list[Token]]:
    """The cue before the time value ("for", "since") and the modifier words between them."""
    gap: list[Token] = []
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 1 - _CUE_GAP_MAX):
        token = doc[i]
        if token.lower_ in cues:
            return token, gap[::-1]
        if token.lower_ not in _CUE_GAP_WORDS:
            break
        gap.append(token)
        i -= 1
    return None, []


def _modifier(words: list[str]) -> str | None:
    joined = f" {' '.join(words)} "
    return next((m for m in MODIFIERS if f" {m} " in joined), None)


def _perfect_aux(verb: Token) -> Token | None:
    """The ``has``/``have`` that makes ``verb`` a present perfect still true, or None (a modal or a
    negation on the verb also give None: "would have hosted", "has not hosted")."""
    found = None
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "no"}:
            return None
        if child.dep_ not in {"aux", "auxpass"}:
            continue
        if child.tag_ == "MD":
            return None
        following = child.nbor(1) if child.i + 1 < len(child.doc) else None
        if child.lower_ in _PERFECT_AUX or (
                child.lower_ in _CONTRACTED_HAS and following is not None and following.lower_ == "been"):
            found = child
    return found


def _attached_perfect(cue: Token) -> Token | None:
    """The present-perfect verb the cue's phrase attaches to, or None."""
    head = cue.head
    # spaCy makes a Token anew at each access, so the root is found by index, not identity.
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    if head.pos_ in {"VERB", "AUX"} and _perfect_aux(head) is not None:
        return head
    # The tree attached the phrase to a noun or another clause: the nearest perfect before it, if the
    # words between them cannot start another clause.
    sentence = cue.sent
    for i in range(cue.i - 1, max(sentence.start, cue.i - _MAX_GAP_TOKENS) - 1, -1):
        token = cue.doc[i]
        if token.pos_ in {"VERB", "AUX"}:
            if _perfect_aux(token) is not None and token.dep_ not in {"aux", "auxpass"}:
                return token
            if token.dep_ not in {"aux", "auxpass"}:
                return None
        if _breaks_clause(token):
            return None
    return None


def _breaks_clause(token: Token) -> bool:
    return (token.tag_ in _RELATIVE_TAGS or token.dep_ in {"mark", "neg"} or token.lower_ in {";", ":"}
            or token.lower_ in {"never", "not"})


def _predicate(verb: Token) -> tuple[str, Token]:
    """The predicate's family or lemma, and its last token ("played host": host)."""
    lemma = verb.lemma_.lower()
    for child in verb.rights:
        if child.dep_ not in _COMPLEMENT_DEPS:
            continue
        phrases = [(f"{lemma} {child.lemma_.lower()}", child)]
        if child.dep_ == "prep":
            phrases += [(f"{lemma} {child.lower_} {g.lemma_.lower()}", g) for g in child.children if g.dep_ == "pobj"]
        for phrase, last in phrases:
            family = next((name for name, (_, multi) in PREDICATES.items() if phrase in multi), None)
            if family is not None:
                return family, last
    family = next((name for name, (verbs, _) in PREDICATES.items() if lemma in verbs), None)
    if family is not None:
        return family, verb
    if lemma == "be":  # "has been in Tirana": the copula's complement says what holds
        complement = next((c for c in verb.rights if c.dep_ in {"attr", "acomp", "prep"}), None)
        if complement is not None:
            return f"be {complement.lemma_.lower()}", complement
    return lemma, verb


def _subject(verb: Token) -> Token | None:
    """The head of the clause's subject, from the tree."""
    current = verb
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            if subject.tag_ in _RELATIVE_TAGS and current.dep_ == "relcl":
                return current.head  # "Albania, which has hosted …"
            return subject
        if current.dep_ not in _SUBJECT_FROM_HEAD or current.head.i == current.i:
            return None
        current = current.head  # "is estimated to have been accommodating", "has hosted … and has sheltered"
    return None


def _phrase(head: Token) -> list[Token]:
    """The noun phrase around ``head``: its subtree less relative clauses, appositions and conjuncts,
    cut to the run of words that holds the head."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in _NOT_IN_PHRASE:
            excluded.update(t.i for t in child.subtree)
    kept = {t.i for t in head.subtree} - excluded
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    return list(head.doc[start:end + 1])


def _object_tokens(doc: Doc, verb: Token, predicate_last: Token, cue: Token, time_span: Span) -> list[Token]:
    """What the state is about: the words between the predicate and the cue, or, when the cue comes first
    ("Since 2016, Albania has hosted the group"), the verb's complements after the predicate."""
    if cue.i > predicate_last.i:
        return [t for t in doc[predicate_last.i + 1:cue.i] if t.ent_type_ not in _TIME_ENTITIES]
    cue_part = {t.i for t in cue.subtree}
    tokens = set()
    for child in verb.rights:
        if child.i > predicate_last.i and child.dep_ in {"dobj", "dative", "prep", "attr", "oprd"}:
            tokens.update(t.i for t in child.subtree if t.i not in cue_part)
    return [doc[i] for i in sorted(tokens) if doc[i].ent_type_ not in _TIME_ENTITIES]


def _names(doc: Doc, mentions: list[Mention], tokens: list[Token]) -> list[list[int]]:
    """The offsets of the mentions within ``tokens`` that name a participant."""
    if not tokens:
        return []
    start, end = tokens[0].idx, _end(tokens[-1])
    found = []
    for mention in mentions:
        if start <= mention.start and mention.end <= end and not _nationality_modifier(doc, mention):
            found.append([mention.start, mention.end])
    return found


def _nationality_modifier(doc: Doc, mention: Mention) -> bool:
    """"the European country": a nationality word after a determiner describes, it names no one."""
    if mention.type != "NORP":
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].tag_ in {"DT", "PRP$"}


def _content_word(token: Token) -> bool:
    return (token.pos_ in _CONTENT_POS and token.is_alpha and len(token) >= 3 and not token.is_stop
            and token.lemma_.lower() not in _COUNT_WORDS)


def _end(token: Token) -> int:
    return token.idx + len(token)


STAGE = Stage(VERSION, extract_ongoing, requires=("doc", "times", "mentions"), assigns=("ongoing",))
