"""Clustering scores: B-cubed, pairwise, MUC, CEAF-e and CoNLL.

A clustering is a mapping ``{item: cluster label}``. Gold and system are
scored over the gold items: an item the system never placed counts as a
cluster of its own, and system items the gold lacks are ignored (the
evaluations here always give the system exactly the gold items). Every score
is a fraction in 0–1.

* B-cubed (Bagga and Baldwin 1998): per item, the share of its system
  cluster that shares its gold cluster (precision) and the share of its gold
  cluster that shares its system cluster (recall), averaged over items.
* Pairwise: the item pairs put together by the system against those put
  together by the gold.
* MUC (Vilain et al. 1995): links needed to join each gold cluster, minus
  the pieces the system splits it into, over links needed; swapped for
  precision. Singletons count for nothing.
* CEAF-e (Luo 2005): the best one-to-one alignment of gold and system
  clusters under φ4 = 2|K∩R| / (|K|+|R|); its total over the number of system
  clusters (precision) and of gold clusters (recall).
* CoNLL F1: the mean of the MUC, B-cubed and CEAF-e F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from typing import NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment

from . import f1

Clustering = Mapping[Hashable, Hashable]


class Scores(NamedTuple):
    precision: float
    recall: float
    f1: float


def _scores(precision: float, recall: float) -> Scores:
    return Scores(precision, recall, f1(precision, recall))


def _aligned(gold: Clustering, system: Clustering) -> tuple[dict, dict]:
    """Gold and system over the gold items; an unplaced item is a system singleton."""
    placed = {item: ("system", system[item]) if item in system else ("unplaced", item) for item in gold}
    return dict(gold), placed


def clusters(assignment: Clustering) -> list[set]:
    """The clusters of an assignment as sets of items, largest first."""
    groups: dict[Hashable, set] = defaultdict(set)
    for item, label in assignment.items():
        groups[label].add(item)
    return sorted(groups.values(), key=len, reverse=True)


def bcubed(gold: Clustering, system: Clustering) -> Scores:
    gold, system = _aligned(gold, system)
    if not gold:
        return Scores(0.0, 0.0, 0.0)
    gold_size = Counter(gold.values())
    system_size = Counter(system.values())
    both = Counter((gold[i], system[i]) for i in gold)
    precision = sum(both[(gold[i], system[i])] / system_size[system[i]] for i in gold) / len(gold)
    recall = sum(both[(gold[i], system[i])] / gold_size[gold[i]] for i in gold) / len(gold)
    return _scores(precision, recall)


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(gold: Clustering, system: Clustering) -> Scores:
    """Pair precision and recall; with no pairs on a side, that side's score is 0."""
    gold, system = _aligned(gold, system)
    gold_pairs = _pairs(Counter(gold.values()))
    system_pairs = _pairs(Counter(system.values()))
    shared = _pairs(Counter((gold[i], system[i]) for i in gold))
    precision = shared / system_pairs if system_pairs else 0.0
    recall = shared / gold_pairs if gold_pairs else 0.0
    return _scores(precision, recall)


def _muc_side(key: Clustering, response: Clustering) -> float:
    needed = split = 0
    for group in clusters(key):
        pieces = {response[item] for item in group}
        needed += len(group) - 1
        split += len(group) - len(pieces)
    return split / needed if needed else 0.0


def muc(gold: Clustering, system: Clustering) -> Scores:
    gold, system = _aligned(gold, system)
    return _scores(_muc_side(system, gold), _muc_side(gold, system))


def ceafe(gold: Clustering, system: Clustering) -> Scores:
    gold, system = _aligned(gold, system)
    gold_clusters, system_clusters = clusters(gold), clusters(system)
    if not gold_clusters or not system_clusters:
        return Scores(0.0, 0.0, 0.0)
    # φ4 is zero for clusters that share nothing, so only sharing pairs are filled in.
    index = {label: n for n, label in enumerate(dict.fromkeys(system.values()))}
    system_sizes = Counter(system.values())
    similarity = np.zeros((len(gold_clusters), len(index)))
    for g, group in enumerate(gold_clusters):
        for label, overlap in Counter(system[item] for item in group).items():
            similarity[g, index[label]] = 2 * overlap / (len(group) + system_sizes[label])
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, cols].sum())
    return _scores(total / len(system_clusters), total / len(gold_clusters))


def conll(gold: Clustering, system: Clustering) -> float:
    return (muc(gold, system).f1 + bcubed(gold, system).f1 + ceafe(gold, system).f1) / 3


def story_metrics(gold: Clustering, system: Clustering) -> dict[str, float]:
    """The document-clustering figures of the stories task."""
    b3, pairs = bcubed(gold, system), pairwise(gold, system)
    return {
        "bcubed_f1": b3.f1, "bcubed_precision": b3.precision, "bcubed_recall": b3.recall,
        "pairwise_f1": pairs.f1, "pairwise_precision": pairs.precision, "pairwise_recall": pairs.recall,
    }


def coref_metrics(gold: Clustering, system: Clustering) -> dict[str, float]:
    """The coreference figures: MUC, B-cubed, CEAF-e and their CoNLL mean."""
    found = {"muc": muc(gold, system), "bcubed": bcubed(gold, system), "ceafe": ceafe(gold, system)}
    out: dict[str, float] = {}
    for name, scores in found.items():
        out[f"{name}_f1"], out[f"{name}_precision"], out[f"{name}_recall"] = scores.f1, scores.precision, scores.recall
    out["conll_f1"] = sum(s.f1 for s in found.values()) / 3
    return out
