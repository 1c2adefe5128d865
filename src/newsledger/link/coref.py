"""Cross-document event coreference: which event mentions name the same happening.

Mentions are only compared inside one group — a story, so that two
earthquakes of two stories never meet — and there, pair by pair, on what a
reader would check:

* ``same_lemma``: the triggers' head lemmas are equal ("attacked" / "attack"),
  after dropping an ``s`` the lemmatizer left on ("dies", "checks"); a verb
  whose particle or object makes it another event word counts as that word
  (``PHRASES``: "passed away" is "die", "opened fire" is "shoot");
* ``related_lemma``: one lemma is a derivation of the other: the shorter
  one (four letters or more, less a final "e") begins the longer ("kill" /
  "killing", "shoot" / "shooting"), or they share a stem of five letters or
  more and the shorter one ends in a consonant-alternating suffix after it
  ("explo-de" / "explo-sion", "expan-d" / "expan-sion"; not "attac-k" /
  "attac-h");
* ``synonyms``: the two words belong to one of ``EVENT_FAMILIES``, words
  that name one kind of happening in news ("killed" / "murdered", "quake" /
  "earthquake"; the last nine families come from trigger pairs seen
  coreferent in two or more ECB+ dev topics, e.g. "damaged" / "destroyed",
  "found" / "discovered"); ``same_type``: both are triggers of one PLOVER
  event type (``extract/events.py``);
* ``participants``, ``places``, ``times``: the share of the smaller
  argument set that the other mention shares (names and head words of the
  trigger's subject, object and prepositional arguments; places and dates
  named in its sentence); and whether both mentions have such arguments yet
  share none (``participants_clash``);
* ``context``: idf-weighted cosine of the content lemmas of the two
  sentences (idf over the group's sentences);
* ``same_document``: whether both come from one article;
* ``reporting``: the same reporting verb ("said" / "said"): two statements
  are rarely one;
* products that let a shared lemma weigh more or less: with the sentence
  context (``lemma_context``), inside one article (``lemma_same_document``),
  with clashing participants (``lemma_clash``).

A logistic model over these features (``WEIGHTS``, fitted on ECB+ dev topics
1-35 by ``newsledger.eval.coref.fit_weights``) gives a pair probability, and
average-link agglomerative clustering joins clusters while their mean pair
probability stays at or above ``threshold``. Every decision can be explained
by the pair features of the mentions it joined (``pair_features``).

What decides is the trigger: on ECB+ dev, cross-validated over topics, the
clustering barely moves between thresholds 0.35 and 0.55, and features
tried beside the ones above changed CoNLL F1 by less than 0.001 (each
measured alone, fitted on two thirds of the dev topics, scored on the
rest): the two articles' idf cosine (alone, and only with related lemmas),
shared participants or sentence context only with related lemmas, place
and time overlap only with the same lemma, places or times that clash,
pronouns resolved to the closest earlier name, and the article's first
place or latest earlier date when the sentence names none. None is kept.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from spacy.tokens import Doc

from ..extract.events.mention import PHRASES, coref_input, phrase_lemma, trigger_head  # noqa: F401 (re-exported)
from ..records import CorefInput

VERSION = "event-coref.v2"

FEATURES = (
    "same_lemma", "related_lemma", "synonyms", "same_type", "participants", "participants_clash", "places",
    "times", "context", "same_document", "reporting", "lemma_context", "lemma_same_document", "lemma_clash",
)
# Families of words that name one kind of happening in news reports; two
# triggers of one family may name the same event (the arguments decide).
EVENT_FAMILIES = (
    {"kill", "murder", "slay", "slaying", "killing", "homicide", "assassinate", "assassination"},
    {"die", "death", "dead", "perish", "fatal", "fatality", "kill", "killing"},
    {"shoot", "shooting", "shot", "gunfire", "gun"},
    {"earthquake", "quake", "temblor", "tremor", "jolt"},
    {"hit", "strike", "rock", "jolt", "shake"},
    {"fire", "blaze", "inferno", "burn"},
    {"fire", "sack", "dismiss", "oust", "firing", "dismissal"},
    {"arrest", "detain", "detention", "capture", "apprehend", "custody", "nab"},
    {"charge", "accuse", "indict", "indictment", "allege", "allegation"},
    {"convict", "conviction", "sentence", "verdict", "jail", "imprison", "guilty"},
    {"win", "victory", "triumph", "beat", "defeat", "lose", "loss"},
    {"attack", "assault", "raid", "bombing", "bomb", "blast", "explosion", "explode", "strike"},
    {"acquire", "acquisition", "buy", "purchase", "takeover", "deal", "merger", "merge"},
    {"announce", "announcement", "unveil", "launch", "introduce", "debut", "release", "reveal"},
    {"release", "issue", "publish", "ship"},
    {"resign", "resignation", "quit", "retire", "retirement"},
    {"hire", "appoint", "appointment", "name", "nominate", "nomination", "pick", "select", "choose"},
    {"injure", "injury", "wound", "hurt"},
    {"crash", "collision", "collide", "accident", "wreck", "derail", "derailment"},
    {"rescue", "save", "free", "evacuate", "evacuation"},
    {"flee", "escape", "run"},
    {"elect", "election", "vote", "ballot", "poll"},
    {"protest", "demonstration", "rally", "march"},
    {"suicide", "hang"},
    {"check", "enter", "admit", "admission"},
    {"marry", "wedding", "marriage", "wed"},
    {"fix", "patch", "repair", "plug", "update"},
    {"flood", "flooding", "deluge"},
    {"storm", "hurricane", "cyclone", "typhoon", "tornado"},
    {"meet", "meeting", "talk", "summit"},
    {"leave", "exit", "depart", "departure", "quit"},
    {"sign", "signing", "contract", "deal", "agree", "agreement"},
    {"host", "present", "emcee"},
    {"sink", "capsize", "founder"},
    # From ECB+ dev (topics 1-35): trigger pairs seen coreferent in two topics or more that no family
    # above covered, kept where the words name a kind of happening in any story.
    {"damage", "destroy", "devastate", "ravage", "wreck", "rip"},
    {"discover", "find", "locate", "uncover"},
    {"shoot", "shooting", "rampage", "spree", "massacre"},
    {"riot", "clash", "unrest", "battle"},
    {"move", "transfer"},
    {"foil", "thwart", "prevent", "avert"},
    {"heist", "robbery", "rob", "steal", "theft", "burglary"},
    {"record", "mark", "milestone"},
    {"keep", "retain", "defend"},
)
REPORTING = {"say", "tell", "report", "announce", "state", "add", "confirm", "claim", "describe", "note", "write"}
# Logistic weights over FEATURES, and the bias; fitted on ECB+ dev (topics 1-35).
WEIGHTS = {
    "same_lemma": 4.67, "related_lemma": 2.17, "synonyms": 4.19, "same_type": -0.01, "participants": 1.64,
    "participants_clash": -0.28, "places": -0.16, "times": -0.05, "context": -0.11, "same_document": -0.26,
    "reporting": -2.25, "lemma_context": 1.41, "lemma_same_document": 0.46, "lemma_clash": -0.11,
}
BIAS = -3.43
THRESHOLD = 0.5

_STEM_MIN = 5
# What a verb loses before a -sion/-tion noun: explo(de)/explosion, expan(d)/expansion.
_ALTERNATING_ENDINGS = {"d", "de", "t", "te", "se", "ve", "ze"}


@dataclass(slots=True, frozen=True)
class MentionFeatures:
    """One event mention as coreference sees it."""

    id: str
    group: str  # the story (document cluster) it belongs to
    document: str
    lemma: str  # head lemma of the trigger, lower case
    participants: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()  # content lemmas of its sentence


def mention_of(found: CorefInput, *, id: str, group: str, document: str) -> MentionFeatures:
    """A mention as coreference sees it, from what extraction read of it (``coref_input``)."""
    return MentionFeatures(
        id=id, group=group, document=document, lemma=found.lemma, participants=frozenset(found.participants),
        places=frozenset(found.places), times=frozenset(found.times), context=frozenset(found.context),
    )


def mention_features(doc: Doc, start: int, end: int, *, id: str, group: str, document: str) -> MentionFeatures:
    """Features of the mention at characters ``start:end`` of a parsed document (what the events stage
    stores of an event's trigger, as alignment reads it)."""
    try:
        found = coref_input(doc, start, end)
    except ValueError as exc:
        raise ValueError(f"{id}: {exc}") from None
    return mention_of(found, id=id, group=group, document=document)


@lru_cache(maxsize=65536)  # asked for every pair of mentions, about few distinct lemmas
def related_lemmas(a: str, b: str) -> bool:
    """One lemma derived from the other: "killing"/"kill", "explosion"/"explode"."""
    if a == b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter.removesuffix("e")):
        return True
    shared = len(_common_prefix(a, b))
    return shared >= _STEM_MIN and shorter[shared:] in _ALTERNATING_ENDINGS


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _idf(mentions: Sequence[MentionFeatures]) -> dict[str, float]:
    df = Counter(word for m in mentions for word in m.context)
    total = len(mentions)
    return {word: math.log(1 + total / n) for word, n in df.items()}


def _cosine(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(idf.get(w, 0.0) ** 2 for w in a & b)
    norm_a = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in a))
    norm_b = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in b))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


_FAMILY_OF: dict[str, set[int]] = defaultdict(set)
for _n, _family in enumerate(EVENT_FAMILIES):
    for _word in _family:
        _FAMILY_OF[_word].add(_n)


@lru_cache(maxsize=65536)
def _event_type(lemma: str) -> str | None:
    from ..extract.events import NOUN_TRIGGERS, VERB_TRIGGERS

    return VERB_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(lemma)


@lru_cache(maxsize=65536)
def normal_lemma(lemma: str) -> str:
    """The lemma with a plural or third-person ``s`` the lemmatizer left on ("dies", "checks")."""
    if len(lemma) > 3 and lemma.endswith("s") and not lemma.endswith(("ss", "us", "is")):
        return lemma[:-1]
    return lemma


def pair_features(a: MentionFeatures, b: MentionFeatures, idf: Mapping[str, float]) -> dict[str, float]:
    """The features of one mention pair (see the module docstring)."""
    lemma_a, lemma_b = normal_lemma(a.lemma), normal_lemma(b.lemma)
    same = lemma_a == lemma_b
    participants = _overlap(a.participants, b.participants)
    clash = bool(a.participants and b.participants) and participants == 0.0
    context = _cosine(a.context, b.context, idf)
    same_document = a.document == b.document
    type_a = _event_type(lemma_a)
    return {
        "same_lemma": float(same),
        "related_lemma": float(related_lemmas(lemma_a, lemma_b)),
        "synonyms": float(not same and bool(_FAMILY_OF.get(lemma_a, set()) & _FAMILY_OF.get(lemma_b, set()))),
        "same_type": float(not same and type_a is not None and type_a == _event_type(lemma_b)),
        "participants": participants,
        "participants_clash": float(clash),
        "places": _overlap(a.places, b.places),
        "times": _overlap(a.times, b.times),
        "context": context,
        "same_document": float(same_document),
        "reporting": float(same and lemma_a in REPORTING),
        "lemma_context": float(same) * context,
        "lemma_same_document": float(same and same_document),
        "lemma_clash": float(same and clash),
    }


def pair_probability(
    features: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS, bias: float = BIAS
) -> float:
    z = bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))


def cluster_mentions(
    mentions: Iterable[MentionFeatures],
    threshold: float = THRESHOLD,
    weights: Mapping[str, float] = WEIGHTS,
    bias: float = BIAS,
    *,
    across_documents_only: bool = False,
) -> dict[str, str]:
    """``{mention id: cluster id}``: average-link clusters within each group.

    ``across_documents_only``: two mentions of one document never join (for
    events an article has already told apart).

    Average link only joins two clusters whose mean pair probability reaches
    ``threshold``, so some pair between them must reach it alone: final
    clusters lie inside the connected parts of the graph of such strong
    pairs. When the weights keep every pair without a lemma relation below
    the threshold, only pairs that share a lemma prefix or a word family are
    scored to find those parts, and each part is clustered on its own; the
    result is the one scoring every pair would give, at a cost that grows
    with the size of the lemma blocks instead of the group squared.
    """
    by_group: dict[str, list[MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        by_group[mention.group].append(mention)
    blocking = _lemma_free_ceiling(weights, bias) < threshold
    assignment: dict[str, str] = {}
    for group in sorted(by_group):
        members = by_group[group]
        score = _PairScores(members, weights, bias, across_documents_only)
        parts = _strong_parts(members, score, threshold) if blocking else [list(range(len(members)))]
        for part in parts:
            clusters = average_link(len(part), partial(_score_within, score, part), threshold)
            for cluster in clusters:
                label = members[part[min(cluster)]].id
                for index in cluster:
                    assignment[members[part[index]].id] = label
    return assignment


class _PairScores:
    """Pair probabilities of one group's mentions by index (i < j), each computed once when first asked."""

    def __init__(self, members: Sequence[MentionFeatures], weights: Mapping[str, float], bias: float,
                 across_documents_only: bool):
        self.members, self.weights, self.bias = members, weights, bias
        self.across_documents_only = across_documents_only
        self.idf = _idf(members)
        self.known: dict[tuple[int, int], float | None] = {}

    def __call__(self, i: int, j: int) -> float | None:
        if (i, j) not in self.known:
            a, b = self.members[i], self.members[j]
            self.known[i, j] = (
                None if self.across_documents_only and a.document == b.document
                else pair_probability(pair_features(a, b, self.idf), self.weights, self.bias)
            )
        return self.known[i, j]


def _score_within(score: _PairScores, part: Sequence[int], i: int, j: int) -> float | None:
    return score(part[i], part[j])


_LEMMA_FEATURES = {"same_lemma", "related_lemma", "synonyms", "reporting", "lemma_context", "lemma_same_document",
                   "lemma_clash"}


def _lemma_free_ceiling(weights: Mapping[str, float], bias: float) -> float:
    """The highest probability a pair can get with no lemma relation (every feature lies in [0, 1])."""
    z = bias + sum(max(0.0, weights.get(name, 0.0)) for name in FEATURES if name not in _LEMMA_FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def _lemma_blocks(lemma: str) -> list[str]:
    """Keys two lemmas share when they are equal, related or of one family.

    Related lemmas share their first three letters (``related_lemmas`` needs
    a shared stem of at least that)."""
    normal = normal_lemma(lemma)
    return [f"prefix:{normal[:3]}", *(f"family:{n}" for n in _FAMILY_OF.get(normal, ()))]


def _strong_parts(members: Sequence[MentionFeatures], score, threshold: float) -> list[list[int]]:
    """Indexes of ``members`` split into the connected parts of the pairs scoring at least ``threshold``."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(members):
        for key in _lemma_blocks(mention.lemma):
            blocks[key].append(index)
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for indexes in blocks.values():
        for position, i in enumerate(indexes):
            for j in indexes[position + 1:]:
                s = score(i, j)
                if s is not None and s >= threshold:
                    parent[root(i)] = root(j)
    parts: dict[int, list[int]] = defaultdict(list)
    for index in range(len(members)):
        parts[root(index)].append(index)
    return list(parts.values())


def average_link(size: int, score, threshold: float) -> list[list[int]]:
    """Agglomerative clustering of ``size`` items: join the two clusters with the highest
    mean pair score while it is at least ``threshold``.

    ``score(i, j)`` (i < j) is a pair's score, or None when the two must never
    share a cluster; clusters holding such a pair are never joined. Among equal
    means the pair that comes last (by first item, then second) is joined.
    Sums live in a matrix, so each join costs one pass of array arithmetic
    rather than a Python loop over every pair (a story's events can number in
    the thousands).
    """
    total = np.zeros((size, size))
    blocked = np.zeros((size, size), dtype=bool)
    for i in range(size):
        for j in range(i + 1, size):
            s = score(i, j)
            if s is None:
                blocked[i, j] = blocked[j, i] = True
            elif s > 0:
                total[i, j] = total[j, i] = s
    clusters: dict[int, list[int]] = {i: [i] for i in range(size)}
    counts = np.ones(size)
    upper = np.triu(np.ones((size, size), dtype=bool), k=1)
    alive = np.ones(size, dtype=bool)
    while True:
        mean = total / np.outer(counts, counts)
        candidates = upper & ~blocked & np.outer(alive, alive) & (mean >= threshold)
        if not candidates.any():
            break
        best = mean[candidates].max()
        keep, gone = (int(x) for x in np.argwhere(candidates & (mean == best))[-1])
        clusters[keep] += clusters.pop(gone)
        total[keep, :] += total[gone, :]
        total[:, keep] += total[:, gone]
        total[keep, keep] = 0.0
        blocked[keep, :] |= blocked[gone, :]
        blocked[:, keep] |= blocked[:, gone]
        counts[keep] += counts[gone]
        alive[gone] = False
        total[gone, :] = total[:, gone] = 0.0
    return list(clusters.values())


def lemma_clusters(mentions: Iterable[MentionFeatures]) -> dict[str, str]:
    """The same-head-lemma baseline: one cluster per (group, lemma)."""
    return {m.id: f"{m.group}|{m.lemma}" for m in mentions}
