"""newsledger's spaCy components, on hand-built docs (no model needed)."""

import pytest
import spacy

from newsledger.nlp import find_acronym_definitions, paragraph_breaks

blank = spacy.blank("en")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the notorious Mujahedin-e-Khalq Organization (MKO) and its clash", {"MKO": "Mujahedin-e-Khalq Organization"}),
        ("the Mujahedin-e Khalq Organization (MKO) must leave", {"MKO": "Mujahedin-e Khalq Organization"}),
        ("The World Health Organization (WHO) said", {"WHO": "World Health Organization"}),
        ("a report by Human Rights Watch (HRW) found", {"HRW": "Human Rights Watch"}),
        # Parentheses that define nothing must yield nothing.
        ("the police (who were armed) entered", {}),
        ("the price rose (USD) sharply", {}),
        ("Albania (AL) is a country", {}),
    ],
)
def test_acronym_definitions(text, expected):
    found = find_acronym_definitions(blank(text))
    assert {k: v.text for k, v in found.items()} == expected


def test_a_line_break_starts_a_sentence():
    doc = blank("“We opened our doors,” Rama said.\n\nHe emphasized that.")
    paragraph_breaks(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert "He" in starts


def test_no_line_break_sets_nothing():
    doc = blank("Rama said that they must leave. He added more.")
    paragraph_breaks(doc)
    assert all(t.is_sent_start is None for t in doc[1:])


@pytest.mark.model
def test_spacy_accepts_every_article_the_readers_let_through(nlp):
    from newsledger.options import Options
    from newsledger.pipeline import analyze
    from newsledger.records import Article

    limit = nlp.max_length + 1
    [ledger] = analyze([Article(id="a", source="a", text="Police said two people were hurt.")],
                       Options(max_article_chars=limit))
    assert ledger.article.id == "a" and nlp.max_length >= limit


@pytest.mark.model
def test_a_model_and_its_alias_are_loaded_once(nlp):
    from newsledger.nlp import load_pipeline
    from newsledger.options import DEFAULT_MODEL

    assert load_pipeline() is load_pipeline(DEFAULT_MODEL) is load_pipeline("sm") is nlp
