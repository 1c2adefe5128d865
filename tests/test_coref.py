"""Event coreference: phrase triggers, word families, fitting, and blocking (the same clusters as scoring
every pair, with fewer pairs scored)."""

import random

import needs
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsledger.link import coref

LEMMAS = ["kill", "killing", "die", "death", "dies", "say", "attack", "raid", "explode", "explosion", "arrest",
          "detain", "quake", "earthquake", "shoot", "shot", "win", "meet", "fire", "blaze", "check", "checks",
          "damage", "destroy", "find", "discover", "rampage", "heist", "robbery"]


def _parsed(words, lemmas, heads, deps, pos):
    return Doc(Vocab(), words=words, lemmas=lemmas, heads=heads, deps=deps, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


@pytest.mark.parametrize("words, lemmas, heads, deps, pos, start, end, expected", [
    # "Page passed away Thursday": the verb and its particle name a death
    (["Page", "passed", "away", "Thursday"], ["Page", "pass", "away", "Thursday"], [1, 1, 1, 1],
     ["nsubj", "ROOT", "prt", "npadvmod"], ["PROPN", "VERB", "ADP", "PROPN"], 5, 16, "die"),
    # "She opened fire": a shooting, though only "opened" is marked
    (["She", "opened", "fire"], ["she", "open", "fire"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
     ["PRON", "VERB", "NOUN"], 4, 10, "shoot"),
    # "He opened the store": no phrase, the verb's own lemma
    (["He", "opened", "the", "store"], ["he", "open", "the", "store"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
     ["PRON", "VERB", "DET", "NOUN"], 3, 9, "open"),
])
def test_phrase_triggers(words, lemmas, heads, deps, pos, start, end, expected):
    doc = _parsed(words, lemmas, heads, deps, pos)
    assert coref.mention_features(doc, start, end, id="m", group="g", document="d").lemma == expected


@pytest.mark.parametrize("a, b", [("damage", "destroy"), ("find", "discover"), ("rampage", "shooting"),
                                  ("heist", "robbery"), ("foil", "thwart")])
def test_families_learned_on_dev_relate_their_words(a, b):
    first = coref.MentionFeatures(id="a", group="g", document="d1", lemma=a)
    second = coref.MentionFeatures(id="b", group="g", document="d2", lemma=b)
    assert coref.pair_features(first, second, {})["synonyms"] == 1.0
    assert coref.cluster_mentions([first, second]) == {"a": "a", "b": "a"}  # the family alone joins two reports
    assert set(coref._lemma_blocks(a)) & set(coref._lemma_blocks(b))  # so blocking scores the pair


def test_fitted_weights_keep_blocking_exact():
    assert coref._lemma_free_ceiling(coref.WEIGHTS, coref.BIAS) < coref.THRESHOLD
    assert set(coref.WEIGHTS) == set(coref.FEATURES)


def test_fit_mentions_learns_that_a_shared_lemma_means_one_event():
    needs.module("sklearn", "eval")
    from newsledger.eval.coref import fit_mentions

    mentions, gold = [], {}
    for event in range(12):
        for report in range(3):
            lemma = ["quake", "fire", "raid", "vote"][event % 4] if report < 2 else f"other{event}"
            mention = coref.MentionFeatures(id=f"{event}.{report}", group=f"g{event % 3}", document=f"d{report}",
                                            lemma=lemma)
            mentions.append(mention)
            gold[mention.id] = f"e{event}" if report < 2 or event % 2 else f"lone{event}"
    weights, bias = fit_mentions(mentions, gold)
    assert set(weights) == set(coref.FEATURES)
    assert weights["same_lemma"] > 0 and bias < 0
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


# -- what the ledger hands coreference is what eval coref scores ------------------------------------------

_BOMB = "A car bomb exploded outside a market in Kabul, wounding five people, officials said. "
_REPORTS = [
    {"id": "a", "title": "Car bomb wounds five in Kabul",
     "text": _BOMB + "Separately, gunmen killed two police officers at a checkpoint, a spokesman said."},
    {"id": "b", "title": "Car bomb wounds five in Kabul",
     "text": _BOMB + "Separately, gunmen murdered two police officers at a checkpoint, a spokesman said."},
]


@pytest.fixture(scope="module")
def two_reports():
    from datetime import date

    from newsledger.ledger import Ledger
    from newsledger.options import Options

    with Ledger(options=Options(today=date(2023, 7, 2))) as ledger:
        ledger.add_texts(_REPORTS)
        yield ledger


def test_killed_and_murdered_by_the_same_gunmen_get_one_aligned_id(two_reports):
    assert [s.articles for s in two_reports.stories()] == [["a", "b"]]
    events = {e.id: e for e in two_reports.events()}
    assert (events["a:e1"].trigger, events["b:e1"].trigger) == ("killed", "murdered")
    # Neither is its article's main event (the bombing is), so only coreference can join them.
    assert [a.main_event for a in two_reports.articles()] == ["a:e0", "b:e0"]
    assert events["a:e1"].aligned == events["b:e1"].aligned
    assert events["a:e1"].aligned != events["a:e0"].aligned == events["b:e0"].aligned


def test_the_stored_coreference_input_is_the_parse_read_as_eval_coref_reads_it(two_reports, nlp):
    from newsledger.link.events import event_mention

    stored = {e.id: e for e in two_reports.events()}["b:e1"]
    assert (stored.coref.lemma, stored.coref.participants) == ("murder", ["checkpoint", "gunman", "officer"])
    text = next(a.text for a in two_reports.articles() if a.id == "b")
    as_eval_reads_it = coref.mention_features(nlp(text), stored.trigger_start, stored.trigger_end, id="b:e1",
                                              group="st_a", document="b")
    assert event_mention(stored, "st_a") == as_eval_reads_it


def test_an_event_stored_without_coreference_input_offers_its_trigger_and_arguments():
    from newsledger.link.events import event_mention
    from newsledger.records import Event

    old = Event(id="e", article="a", type="ASSAULT", trigger="Killed", start=0, end=6, agents=["Gunmen"],
                patients=["two guards"], place="Kabul")
    assert event_mention(old, "st") == coref.MentionFeatures(
        id="e", group="st", document="a", lemma="killed", participants=frozenset({"gunmen", "two guards"}),
        places=frozenset({"kabul"}))
