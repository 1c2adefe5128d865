"""Attribution scored against PolNeAR, with textacy's direct quotations as a peer.

Matching protocol (also in docs/evaluation.md):

* Each document is read and processed as ``newsledger ingest`` does it (the
  readers' article, the same parse, every stage: ``eval.shipped``); its
  statements are scored.
* Text is compared as word tokens (``\\w+``), so punctuation and quote marks
  never decide a match, except in cues, where a lone mark is the cue
  ("Clinton: ..."). A token belongs to a span when their characters overlap.
* ``source_f1``, ``cue_f1``, ``content_f1``: for each role, the tokens the
  system labels with that role against the tokens the gold labels with it,
  summed over all documents (micro precision, recall, F1).
* ``attribution_f1``: a system attribution matches a gold one when their cues
  share a token and their contents share at least half the tokens of the
  longer of the two; matching is one-to-one, largest content overlap first.
* Direct quotations: a gold or system attribution whose content has at least
  90% of its tokens inside quotation marks. The ``direct_*`` metrics apply
  the same scorer to those attributions only, for newsledger and for
  textacy's ``direct_quotations`` run on the same parse.
* A quote continued in the next paragraph without a cue of its own, and the
  second part of a quote interrupted by its cue ("“X,” he said, “Y.”"), are
  counted as further content spans of one attribution, as PolNeAR annotates
  discontinuous content.
* PolNeAR gives each token at most one role in one attribution, so a
  statement newsledger finds nested inside another one's content (it has a
  ``parent``) is left out of the score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..options import Options
from ..records import Statement
from . import EvalResult, ingested, prf, shipped
from .polnear import PolnearDocument, Span, load_split

ROLES = ("source", "cue", "content")
DIRECT_SHARE = 0.9
_TOKEN = re.compile(r"(\w+)|[^\w\s]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(slots=True)
class Tokens:
    """Word and punctuation tokens of one text, to turn character spans into token sets."""

    starts: list[int]
    ends: list[int]
    words: list[bool]

    @classmethod
    def of(cls, text: str) -> Tokens:
        matches = list(_TOKEN.finditer(text))
        return cls([m.start() for m in matches], [m.end() for m in matches], [m.group(1) is not None for m in matches])

    def covered(self, spans: Iterable[Span], marks: bool = False) -> set[int]:
        """Indices of the tokens overlapping ``spans``: words only, unless ``marks``."""
        found: set[int] = set()
        for start, end in spans:
            first = bisect_right(self.ends, start)  # first token ending after start
            last = bisect_left(self.starts, end)  # tokens starting before end
            found.update(i for i in range(first, last) if marks or self.words[i])
        return found


@dataclass(slots=True)
class Attribution:
    """Gold or system attribution as token sets per role."""

    cue: set[int]
    content: set[int]
    source: set[int] = field(default_factory=set)

    def role(self, name: str) -> set[int]:
        return getattr(self, name)


@dataclass(slots=True)
class Tally:
    """Counts summed over documents for one system on one subset."""

    role_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    role_system: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    role_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    gold: int = 0
    system: int = 0
    matched: int = 0

    def add(self, gold: Sequence[Attribution], system: Sequence[Attribution]) -> None:
        for name in ROLES:
            gold_tokens = set().union(*(a.role(name) for a in gold))
            system_tokens = set().union(*(a.role(name) for a in system))
            self.role_gold[name] += len(gold_tokens)
            self.role_system[name] += len(system_tokens)
            self.role_hits[name] += len(gold_tokens & system_tokens)
        self.gold += len(gold)
        self.system += len(system)
        self.matched += len(match(gold, system))

    def metrics(self, prefix: str = "") -> dict[str, float]:
        out = {}
        for name in ROLES:
            hits = self.role_hits[name]
            out[f"{prefix}{name}_f1"] = prf(hits, self.role_system[name], hits, self.role_gold[name])[2]
        precision, recall, f1 = prf(self.matched, self.system, self.matched, self.gold)
        out[f"{prefix}attribution_f1"] = f1
        out[f"{prefix}attribution_precision"] = precision
        out[f"{prefix}attribution_recall"] = recall
        return out


def match(gold: Sequence[Attribution], system: Sequence[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) under the protocol above."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if not g.cue & s.cue:
                continue
            overlap = len(g.content & s.content)
            if overlap and 2 * overlap >= max(len(g.content), len(s.content)):
                candidates.append((overlap, i, j))
    pairs, used_gold, used_system = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    return pairs


def gold_attributions(document: PolnearDocument, tokens: Tokens) -> list[Attribution]:
    return [_attribution(tokens, a.cue, a.content, a.source) for a in document.attributions]


def _attribution(tokens: Tokens, cue: Sequence[Span], content: Sequence[Span], source: Sequence[Span]) -> Attribution:
    return Attribution(tokens.covered(cue, marks=True), tokens.covered(content), tokens.covered(source))


def statement_attributions(statements: Sequence[Statement], tokens: Tokens) -> list[Attribution]:
    """newsledger's top-level statements as attributions, one per cue (see the protocol above)."""
    found: list[Attribution] = []
    by_cue: dict[tuple[int, int], Attribution] = {}
    for statement in sorted(statements, key=lambda s: s.content_start or 0):
        if statement.content_start is None or statement.content_end is None or statement.parent is not None:
            continue
        content = [(statement.content_start, statement.content_end)]
        if statement.cue_start is None or statement.cue_end is None:
            if found:
                found[-1].content |= tokens.covered(content)
            continue
        cue = (statement.cue_start, statement.cue_end)
        if cue in by_cue:
            by_cue[cue].content |= tokens.covered(content)
            continue
        source = []
        if statement.source_start is not None and statement.source_end is not None:
            source = [(statement.source_start, statement.source_end)]
        by_cue[cue] = _attribution(tokens, [cue], content, source)
        found.append(by_cue[cue])
    return found


def quoted_tokens(text: str, tokens: Tokens) -> set[int]:
    return tokens.covered((m.start(), m.end()) for m in _QUOTED.finditer(text))


def is_direct(attribution: Attribution, quoted: set[int]) -> bool:
    content = attribution.content
    return bool(content) and len(content & quoted) >= DIRECT_SHARE * len(content)


def textacy_attributions(doc, tokens: Tokens) -> list[Attribution]:
    """textacy's direct quotations (speaker, cue, content) on the same parse."""
    from textacy.extract.triples import direct_quotations

    found = []
    for triple in direct_quotations(doc):
        found.append(_attribution(
            tokens,
            [(t.idx, t.idx + len(t)) for t in triple.cue],
            [(triple.content.start_char, triple.content.end_char)],
            [(t.idx, t.idx + len(t)) for t in triple.speaker],
        ))
    return found


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    documents = load_split(folder, split, limit)
    peer = _textacy_available()
    overall, direct, peer_direct = Tally(), Tally(), Tally()
    failures: list[str] = []
    peer_failures = 0
    articles = [ingested(d.text, d.name, exact=True, outlet=d.publisher, published=d.published)[0] for d in documents]
    for document, (_, ctx, failure) in zip(documents, shipped(articles, options), strict=True):
        tokens = Tokens.of(document.text)
        gold = gold_attributions(document, tokens)
        if failure:
            failures.append(failure)
        system = statement_attributions(ctx.statements if ctx else [], tokens)
        overall.add(gold, system)
        quoted = quoted_tokens(document.text, tokens)
        gold_direct = [a for a in gold if is_direct(a, quoted)]
        direct.add(gold_direct, [a for a in system if is_direct(a, quoted)])
        if peer is None and ctx is not None:
            try:
                peer_system = textacy_attributions(ctx.doc, tokens)
            except Exception:  # noqa: BLE001 - a peer's crash on one document costs it that document
                peer_system, peer_failures = [], peer_failures + 1
            peer_direct.add(gold_direct, [a for a in peer_system if is_direct(a, quoted)])

    metrics = overall.metrics() | direct.metrics("direct_")
    peers = {"textacy": peer_direct.metrics("direct_") if peer is None else {"error": peer}}
    details = {
        "gold_attributions": overall.gold, "system_attributions": overall.system, "matched": overall.matched,
        "gold_direct": direct.gold, "system_direct": direct.system, "textacy_direct": peer_direct.system,
        "textacy_failed_documents": peer_failures,
    }
    return EvalResult("attribution", split, len(documents), metrics, peers, details, failures)


def _textacy_available() -> str | None:
    """None when textacy imports; otherwise why the peer is skipped."""
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError as exc:
        return f"textacy is not installed ({exc}); pip install -e '.[eval]'"
    return None
