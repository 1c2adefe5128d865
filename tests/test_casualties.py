"""Casualty figures: phrase → range (pure), and sentence → killed/injured (model)."""

from __future__ import annotations

import pytest

from newsledger.extract.casualties import find_casualties, parse_number, parse_quantity


@pytest.mark.parametrize(
    "phrase, minimum, maximum, qualifier",
    [
        ("at least one", 1, None, "at_least"),
        ("At least two", 2, None, "at_least"),
        ("three dozen", 36, 36, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("dozens", 24, 99, "vague"),
        ("several", 3, 9, "vague"),
        ("hundreds", 200, 999, "vague"),
        ("thousands", 2_000, 9_999, "vague"),
        ("tens of thousands", 20_000, 99_999, "vague"),
        ("more than 50", 51, None, "at_least"),
        ("over 200", 201, None, "at_least"),
        ("nearly 100", 90, 99, "about"),
        ("almost 100", 90, 99, "about"),
        ("some 3,000", 2_700, 3_300, "about"),
        ("about 3,000", 2_700, 3_300, "about"),
        ("up to 20", None, 20, "at_most"),
        ("fewer than 10", None, 9, "at_most"),
        ("between 10 and 15", 10, 15, "range"),
        ("10-15", 10, 15, "range"),
        ("one", 1, 1, "exact"),
        ("two", 2, 2, "exact"),
        ("twenty-five", 25, 25, "exact"),
        ("3,000", 3_000, 3_000, "exact"),
        ("1.5 million", 1_500_000, 1_500_000, "exact"),
        ("at least 17,000", 17_000, None, "at_least"),
    ],
)
def test_parse_quantity(phrase, minimum, maximum, qualifier):
    quantity = parse_quantity(phrase)
    assert quantity is not None
    assert (quantity.min, quantity.max, quantity.qualifier) == (minimum, maximum, qualifier)
    assert quantity.text == phrase


@pytest.mark.parametrize("phrase", ["", "others", "a", "the camp", "many people", "at least", "between them"])
def test_parse_quantity_refuses_non_figures(phrase):
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize("text, value", [("nine", 9), ("3,000", 3000), ("one hundred and five", 105), ("camp", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "At least one person was killed and dozens of others were injured during the clashes at the camp.",
            [("killed", "At least one", 1, None, "at_least"), ("injured", "dozens", 24, 99, "vague")],
        ),
        (
            "At least two terrorists were killed and three dozen others injured, a security source told IRNA at the time.",
            [("killed", "At least two", 2, None, "at_least"), ("injured", "three dozen", 36, 36, "exact")],
        ),
        ("The death toll has risen to nine.", [("killed", "nine", 9, 9, "update")]),
        ("The death toll stands at 23.", [("killed", "23", 23, 23, "exact")]),
        ("The army said militants killed four of its soldiers.", [("killed", "four", 4, 4, "exact")]),
        ("Two of the 30 wounded were in critical condition.", [("injured", "30", 30, 30, "exact")]),
        ("More than 50 people died in the fire.", [("killed", "More than 50", 51, None, "at_least")]),
        (
            "A roadside bombing killed one soldier and wounded two others.",
            [("killed", "one", 1, 1, "exact"), ("injured", "two", 2, 2, "exact")],
        ),
        ("The attack left 12 people dead.", [("killed", "12", 12, 12, "exact")]),
        ("Between 10 and 15 people were hurt.", [("injured", "Between 10 and 15", 10, 15, "range")]),
        ("Several people were killed in the blast.", [("killed", "Several", 3, 9, "vague")]),
        ("Dozens of people were injured in the clashes.", [("injured", "Dozens", 24, 99, "vague")]),
        ("The bombing killed three dozen people.", [("killed", "three dozen", 36, 36, "exact")]),
        ("More than 50 were wounded.", [("injured", "More than 50", 51, None, "at_least")]),
        ("The number of dead has risen to nine.", [("killed", "nine", 9, 9, "update")]),
        ("Two of the 30 wounded died later.", [("injured", "30", 30, 30, "exact"), ("killed", "Two", 2, 2, "exact")]),
        ("The weather was pleasant and the museum opened its new wing.", []),
        ("He was killed in 1990.", []),
        ("The minister said the talks killed the deal.", []),
    ],
)
def test_find_casualties(nlp, sentence, expected):
    doc = nlp(sentence)
    found = [(f.kind, f.quantity.text, f.quantity.min, f.quantity.max, f.quantity.qualifier) for f in find_casualties(doc[:])]
    assert found == expected
    for figure in find_casualties(doc[:]):
        # Offsets point at the figure's own words.
        assert sentence[figure.quantity.start:figure.quantity.end] == figure.quantity.text
