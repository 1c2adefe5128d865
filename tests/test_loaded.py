"""Loaded language: the loaded words of each article, with their class, target and voice."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger import Ledger, Options
from newsledger.compare.framing import loaded_rows
from newsledger.extract import default_stages
from newsledger.extract.attribution import extract_statements
from newsledger.extract.loaded import CATEGORIES, STAGE, VERSION, extract_loaded_terms
from newsledger.ledger import SAMPLES


def _terms(make_context, text):
    ctx = make_context(text)
    extract_statements(ctx)
    extract_loaded_terms(ctx)
    for term in ctx.loaded_terms:
        assert ctx.article.text[term.start:term.end] == term.text
        assert term.category in CATEGORIES and term.extractor == VERSION
    names = {e.id: e.name for e in ctx.local_entities}
    return [(t.text, t.lemma, t.word_class, t.category, t.voice, t.speaker_text, names.get(t.target) or t.target_text)
            for t in ctx.loaded_terms]


@pytest.mark.parametrize(
    "text, expected",
    [
        # attack verbs are about their object, in every inflection
        ("Republicans slammed Nancy Pelosi on Monday.",
         ("slammed", "slam", "verb", "attack_verb", "narrator", None, "Nancy Pelosi")),
        ("Nancy Pelosi blasts the tax plan.", ("blasts", "blast", "verb", "attack_verb", "narrator", None, "tax plan")),
        ("Democrats are excoriating the budget.",
         ("excoriating", "excoriate", "verb", "attack_verb", "narrator", None, "budget")),
        ("Republicans lashed out at Nancy Pelosi.",
         ("lashed out", "lash out", "verb", "attack_verb", "narrator", None, "Nancy Pelosi")),
        ("Critics railed against Nancy Pelosi.", ("railed", "rail", "verb", "attack_verb", "narrator", None, "Nancy Pelosi")),
        # loaded verbs of saying and doing are about their subject
        ("Nancy Pelosi complained about the vote.",
         ("complained", "complain", "verb", "speech_verb", "narrator", None, "Nancy Pelosi")),
        ("The senators caved after weeks of pressure.",
         ("caved", "cave", "verb", "action_verb", "narrator", None, "senators")),
        # adjectives are about the noun they modify, or the subject they are said of
        ("Voters rejected the radical agenda.", ("radical", "radical", "adjective", "evaluative", "narrator", None, "agenda")),
        ("Nancy Pelosi was dismissive of the idea.",
         ("dismissive", "dismissive", "adjective", "evaluative", "narrator", None, "Nancy Pelosi")),
        # an adverb made from a loaded adjective, with no lexicon entry of its own
        ("The mayor brazenly ignored the court.", ("brazenly", "brazenly", "adverb", "evaluative", "narrator", None, "mayor")),
        ("The plan was utterly irresponsible.", ("utterly", "utterly", "adverb", "intensifier", "narrator", None, "plan")),
        ("The company supposedly fixed the leak.", ("supposedly", "supposedly", "adverb", "hedge", "narrator", None, "company")),
        ("The bill is a scheme to raise taxes.", ("scheme", "scheme", "noun", "loaded_noun", "narrator", None, "bill")),
        ("The president met the so-called reformers.",
         ("so-called", "so-called", "adjective", "distancing", "narrator", None, "reformers")),
        ("The new rule is a power grab.", ("power grab", "power grab", "phrase", "idiom", "narrator", None, "rule")),
    ],
)
def test_loaded_terms(make_context, text, expected):
    assert expected in _terms(make_context, text)


def test_the_same_verb_in_the_narrators_voice_and_in_a_quote(make_context):
    narrator = _terms(make_context, "Nancy Pelosi slammed the budget on Tuesday.")
    quoted = _terms(make_context, "“Nancy Pelosi slammed the budget,” said John Boehner.")
    reported = _terms(make_context, "John Boehner said Nancy Pelosi slammed the budget.")
    assert [(t[0], t[4], t[5]) for t in narrator] == [("slammed", "narrator", None)]
    assert [(t[0], t[4], t[5]) for t in quoted] == [("slammed", "quoted", "John Boehner")]
    assert [(t[0], t[4], t[5]) for t in reported] == [("slammed", "reported", "John Boehner")]


def test_a_verb_of_saying_is_about_the_resolved_speaker(make_context):
    terms = _terms(make_context, "Nancy Pelosi spoke on Monday. She insisted that the vote would pass.")
    assert ("insisted", "insist", "verb", "speech_verb", "narrator", None, "Nancy Pelosi") in terms


@pytest.mark.parametrize(
    "text",
    [
        "Nancy Pelosi said the plan would cut taxes.",
        "The workers went on strike and the union said talks would continue.",
        "Rebels attacked the town, and a car slammed into a wall.",
        "He pleaded guilty on Friday.",
        "Gays can now serve openly in the military.",
        "The bill was passed by the Senate on Tuesday.",
        "She starred in the film “Gone With the Wind” in 1939.",  # a title in quotation marks
    ],
)
def test_neutral_sentences_yield_nothing(make_context, text):
    assert _terms(make_context, text) == []


def test_scare_quotes_are_short_phrases_not_clauses(make_context):
    terms = _terms(make_context, "Critics called the audit a “cover-up.” He said “we must leave now” and left.")
    assert [(t[0], t[3], t[4]) for t in terms] == [("cover-up", "scare_quotes", "quoted")]


def test_overlapping_matches_give_one_term(make_context):
    terms = _terms(make_context, "The party threw its leader under the bus.")
    assert [t[0] for t in terms] == ["under the bus"]


def test_stage_declaration():
    assert STAGE.requires == ("doc", "mentions", "local_entities", "statements", "quotes")
    assert STAGE.assigns == ("loaded_terms",)
    names = [stage.name for stage in default_stages()]
    assert names.index(VERSION) > names.index("framing.v1")


# --- the seeds, through the whole pipeline and the store ---


@pytest.fixture(scope="module")
def seeds():
    with Ledger(options=Options(today=date(2023, 7, 2))) as ledger:
        ledger.ingest([SAMPLES])
        yield ledger


def test_seed_terms_point_at_their_text_and_name_global_entities(seeds):
    texts = {a.id: a.text for a in seeds.articles()}
    entities = {e.id: e.name for e in seeds.entities()}
    terms = seeds.loaded_terms()
    assert terms
    for term in terms:
        assert texts[term.article][term.start:term.end] == term.text
        assert term.target is None or term.target in entities
        assert term.speaker is None or term.speaker in entities


def test_seed_rama_insists_and_calls_the_mko_adamant(seeds):
    entities = {e.id: e.name for e in seeds.entities()}
    terms = {(t.lemma, t.voice, entities.get(t.target), entities.get(t.speaker)) for t in seeds.loaded_terms()}
    # "insisting that if the MKO is adamant ...": the outlet's verb is about Rama; "adamant" is Rama's word, about the MKO
    assert ("insist", "narrator", "Edi Rama", None) in terms
    mko = next(name for name in entities.values() if name.startswith("Mujahedin"))
    assert ("adamant", "reported", mko, "Edi Rama") in terms


def test_seed_loaded_language_by_source_and_voice(seeds):
    frame = seeds.loaded_language()
    assert set(frame["voice"]) >= {"narrator", "reported"}
    assert sum(sum(terms.values()) for terms in frame["terms"]) == len(seeds.loaded_terms())
    mko = next(e.id for e in seeds.entities() if e.name.startswith("Mujahedin"))
    about = seeds.loaded_language(mko)
    assert len(about) and set(about["target"]) == {mko}
    assert "loaded_terms" in seeds.to_dict()
    assert "Loaded words by source and voice" in seeds.summary()


def test_loaded_rows_group_by_source_voice_speaker_and_target():
    def term(article, lemma, voice, target=None, speaker=None, start=0):
        return {"article": article, "lemma": lemma, "category": "attack_verb", "voice": voice, "target": target,
                "target_text": None, "speaker": speaker, "speaker_text": None, "start": start, "end": start + 4}

    articles = {"a1": {"outlet": "fox"}, "a2": {"outlet": "nyt"}}
    rows = loaded_rows([term("a1", "slam", "narrator", "e1"), term("a1", "slam", "narrator", "e1", start=9),
                        term("a1", "blast", "quoted", "e1", "e2"), term("a2", "slam", "narrator")],
                       articles, {"e1": "Obama", "e2": "Boehner"})
    assert [(r.source, r.voice, r.speaker, r.target_name, r.terms) for r in rows] == [
        ("fox", "narrator", None, "Obama", {"slam": 2}),
        ("fox", "quoted", "Boehner", "Obama", {"blast": 1}),
        ("nyt", "narrator", None, None, {"slam": 1}),
    ]
    assert rows[0].evidence == [("a1", 0, 4), ("a1", 9, 13)]
