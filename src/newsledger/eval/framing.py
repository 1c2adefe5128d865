"""Labels (extract/framing.py) and loaded language (extract/loaded.py) scored
against BASIL's lexical-bias spans.

Protocol (also in docs/evaluation.md):

* Each BASIL article of the split is read and processed as ``newsledger
  ingest`` does it (the readers' article, the same parse, every stage:
  ``eval.shipped``); its labels and loaded terms are scored.
* ``lexical_recall``: the share of BASIL's lexical-bias spans (``bias: lex``,
  word choice such as "fierce", "slammed", "brazenly") overlapped by at least
  one label or loaded term newsledger extracted. ``details`` splits it by
  source: ``lexical_recall_labels`` (labels alone: what an outlet calls an
  entity) and ``lexical_recall_loaded`` (loaded terms alone).
* ``voice_accuracy``: on the recalled spans, the share where the voice of
  what covers the span agrees with BASIL's ``quote`` field: ``narrator`` for
  a span outside quotations, ``quoted`` or ``reported`` for one inside.
  ``voice_accuracy_quoted_only`` (in details) counts only ``quoted`` as
  inside: an indirect statement's words are the outlet's paraphrase, and
  BASIL's annotators mostly mark them as outside quotations.
* ``spans_per_article`` and ``spans_in_bias_spans`` (a precision proxy, in
  details): how many labels and loaded terms an article gets, and the share
  of them overlapping any BASIL span, lexical or informational; also per
  source and per loaded category. BASIL marks only biased phrases, so a
  neutral label ("the senator") outside every span is not an error.
* Peers: ``adjectives_adverbs`` proposes every adjective and adverb (spaCy
  tags), the recall a word-class floor buys and at how many spans per
  article; ``quote_marks`` decides voice by whether the span lies between a
  pair of quotation marks in its paragraph, on the same recalled spans.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..options import Options
from . import EvalResult, ingested, shipped
from .basil import SPLIT_YEARS, BasilArticle, BiasSpan, load_split

_QUOTATION = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def _overlaps(start: int, end: int, span: BiasSpan) -> bool:
    return start < span.end and span.start < end


def inside_quote_marks(text: str, span: BiasSpan) -> bool:
    """The peer's voice: the span lies inside a quotation-mark pair of its paragraph."""
    paragraph_start = text.rfind("\n\n", 0, span.start) + 1
    paragraph_end = text.find("\n\n", span.end)
    paragraph = text[paragraph_start: paragraph_end if paragraph_end != -1 else len(text)]
    return any(m.start() + paragraph_start <= span.start and span.end <= m.end() + paragraph_start
               for m in _QUOTATION.finditer(paragraph))


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    """``newsledger eval framing``: ``folder`` is the basil folder."""
    if split not in SPLIT_YEARS:
        raise ValueError(f"the framing evaluation has no split {split!r}; it has {', '.join(SPLIT_YEARS)}")
    documents = load_split(folder, split, limit)
    counts: Counter[str] = Counter()
    by_outlet: dict[str, Counter[str]] = {}
    by_category: dict[str, Counter[str]] = {}
    failures: list[str] = []
    articles = [ingested(d.text, d.name, exact=True)[0] for d in documents]
    for document, (_, ctx, failure) in zip(documents, shipped(articles, options), strict=True):
        document: BasilArticle
        if failure:
            failures.append(failure)
        labels, terms = (ctx.labels or [], ctx.loaded_terms or []) if ctx else ([], [])
        outlet = by_outlet.setdefault(document.outlet, Counter())
        counts["labels"] += len(labels)
        counts["labels_in_bias_spans"] += sum(any(_overlaps(l.start, l.end, s) for s in document.spans) for l in labels)
        counts["loaded"] += len(terms)
        for term in terms:
            inside = any(_overlaps(term.start, term.end, s) for s in document.spans)
            counts["loaded_in_bias_spans"] += inside
            category = by_category.setdefault(term.category, Counter())
            category["terms"] += 1
            category["in_bias_spans"] += inside
        words = [(t.idx, t.idx + len(t)) for t in (ctx.doc if ctx else ()) if t.pos_ in ("ADJ", "ADV")]
        counts["peer_spans"] += len(words)
        counts["unplaced"] += document.unplaced
        for span in (s for s in document.spans if s.bias == "lex"):
            counts["lexical"] += 1
            outlet["lexical"] += 1
            counts["peer_recalled"] += any(_overlaps(start, end, span) for start, end in words)
            by_labels = [l for l in labels if _overlaps(l.start, l.end, span)]
            by_terms = [t for t in terms if _overlaps(t.start, t.end, span)]
            counts["recalled_labels"] += bool(by_labels)
            counts["recalled_loaded"] += bool(by_terms)
            for category in {t.category for t in by_terms}:
                by_category[category]["recalled"] += 1
            covering = by_labels + by_terms
            if not covering:
                continue
            counts["recalled"] += 1
            outlet["recalled"] += 1
            said_quoted = any(c.voice != "narrator" for c in covering)
            counts["voice_right"] += said_quoted == span.quoted
            counts["quoted_voice_right"] += any(c.voice == "quoted" for c in covering) == span.quoted
            counts["peer_voice_right"] += inside_quote_marks(document.text, span) == span.quoted
    n_docs = len(documents)
    lexical, recalled = counts["lexical"] or 1, counts["recalled"] or 1
    spans = counts["labels"] + counts["loaded"]
    metrics = {"lexical_recall": counts["recalled"] / lexical, "voice_accuracy": counts["voice_right"] / recalled}
    peers = {
        "adjectives_adverbs": {"lexical_recall": counts["peer_recalled"] / lexical,
                               "spans_per_article": counts["peer_spans"] / (n_docs or 1)},
        "quote_marks": {"voice_accuracy": counts["peer_voice_right"] / recalled},
    }
    details = {
        "lexical_spans": counts["lexical"],
        "recalled": counts["recalled"],
        "lexical_recall_labels": counts["recalled_labels"] / lexical,
        "lexical_recall_loaded": counts["recalled_loaded"] / lexical,
        "voice_accuracy_quoted_only": counts["quoted_voice_right"] / recalled,
        "spans_per_article": spans / (n_docs or 1),
        "spans_in_bias_spans": (counts["labels_in_bias_spans"] + counts["loaded_in_bias_spans"]) / (spans or 1),
        "labels": counts["labels"],
        "labels_per_article": counts["labels"] / (n_docs or 1),
        "labels_in_bias_spans": counts["labels_in_bias_spans"] / (counts["labels"] or 1),
        "loaded_terms": counts["loaded"],
        "loaded_per_article": counts["loaded"] / (n_docs or 1),
        "loaded_in_bias_spans": counts["loaded_in_bias_spans"] / (counts["loaded"] or 1),
        "loaded_by_category": {
            name: {"terms": c["terms"], "in_bias_spans": c["in_bias_spans"] / (c["terms"] or 1),
                   "lexical_recall": c["recalled"] / lexical}
            for name, c in sorted(by_category.items())},
        "lexical_recall_by_outlet": {o: c["recalled"] / (c["lexical"] or 1) for o, c in sorted(by_outlet.items())},
        "unplaced_spans": counts["unplaced"],
        "protocol": "BASIL lexical-bias spans overlapped by a label or a loaded term; voice narrator vs inside "
                    "quotes on those; split by year (dev 2010-14, test 2015-19)",
    }
    return EvalResult("framing", split, n_docs, metrics, peers=peers, details=details, failures=failures)
