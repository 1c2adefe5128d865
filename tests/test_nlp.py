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
