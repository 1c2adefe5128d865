"""Event coreference's blocking: the same clusters as scoring every pair, with fewer pairs scored."""

import random

import pytest

from newsledger.link import coref

LEMMAS = ["kill", "killing", "die", "death", "dies", "say", "attack", "raid", "explode", "explosion", "arrest",
          "detain", "quake", "earthquake", "shoot", "shot", "win", "meet", "fire", "blaze", "check", "checks"]
WORDS = ["police", "camp", "june", "iran", "mko", "albania", "tirana", "guards", "two", "man"]


def _random_mentions(seed: int) -> list[coref.MentionFeatures]:
    rnd = random.Random(seed)
    return [
        coref.MentionFeatures(
            id=f"m{k}", group=f"g{rnd.randint(0, 2)}", document=f"d{rnd.randint(0, 5)}", lemma=rnd.choice(LEMMAS),
            participants=frozenset(rnd.sample(WORDS, rnd.randint(0, 3))),
            places=frozenset(rnd.sample(WORDS, rnd.randint(0, 1))),
            context=frozenset(rnd.sample(WORDS, rnd.randint(0, 5))),
        )
        for k in range(rnd.randint(2, 50))
    ]


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("across_documents_only", [False, True])
def test_blocked_clustering_equals_scoring_every_pair(monkeypatch, seed, across_documents_only):
    mentions = _random_mentions(seed)
    blocked = coref.cluster_mentions(mentions, across_documents_only=across_documents_only)
    monkeypatch.setattr(coref, "_lemma_free_ceiling", lambda weights, bias: 1.0)  # no bound: every pair scored
    assert coref.cluster_mentions(mentions, across_documents_only=across_documents_only) == blocked


def test_pairs_without_a_lemma_relation_are_not_scored(monkeypatch):
    mentions = [
        coref.MentionFeatures(id=str(k), group="g", document=f"d{k}", lemma=lemma)
        for k, lemma in enumerate(["kill", "killing", "murder", "say", "protest", "rally"])
    ]
    scored: list[tuple[str, str]] = []
    real = coref.pair_features
    monkeypatch.setattr(coref, "pair_features", lambda a, b, idf: scored.append((a.lemma, b.lemma)) or real(a, b, idf))
    found = coref.cluster_mentions(mentions)
    assert found["0"] == found["1"] == found["2"]  # related lemma, one word family
    assert found["4"] == found["5"] and found["3"] not in {found["0"], found["4"]}
    assert ("say", "protest") not in scored and ("kill", "rally") not in scored
    assert ("kill", "killing") in scored and ("protest", "rally") in scored


def test_weights_that_let_unrelated_lemmas_join_turn_blocking_off():
    weights = {**coref.WEIGHTS, "participants": 6.0}  # shared participants alone now pass the threshold
    assert coref._lemma_free_ceiling(weights, coref.BIAS) > coref.THRESHOLD
    a = coref.MentionFeatures(id="a", group="g", document="d1", lemma="storm", participants=frozenset({"mko"}))
    b = coref.MentionFeatures(id="b", group="g", document="d2", lemma="raid", participants=frozenset({"mko"}))
    assert coref.cluster_mentions([a, b], weights=weights) == {"a": "a", "b": "a"}
    assert coref.cluster_mentions([a, b]) == {"a": "a", "b": "b"}
