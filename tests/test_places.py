"""Datelines, states and US places (extract/places.py): pure text and the GeoNames data, no model."""

import pytest

from newsledger.extract.places import city_name, find_dateline, is_us_city, state_name, state_of_city


@pytest.mark.parametrize(
    "text, city, state, body",
    [
        ("GAINESVILLE, Fla. - One person was killed", "Gainesville", "Florida", "One person"),
        ("MOUNT VERNON, N.Y. (WNBC) — Police said", "Mount Vernon", "New York", "Police said"),
        ("TAUNTON (CBS) — A 24-year-old man died", "Taunton", None, "A 24-year-old"),
        ("CHICAGO — Four people were shot", "Chicago", "Illinois", "Four people"),  # AP: no state needed
        ("ST. LOUIS - A man was shot", "Saint Louis", "Missouri", "A man"),
        ("Please enable Javascript to watch this video\n\nMEMPHIS, Tenn. — Police have", "Memphis", "Tennessee",
         "Police have"),
    ],
)
def test_a_dateline_gives_the_city_its_state_and_where_the_story_begins(text, city, state, body):
    place = find_dateline(text)
    assert (place.city, place.state) == (city, state)
    assert text[place.body_start:].startswith(body)


@pytest.mark.parametrize("text", [
    "UPDATE - police said the man died.",  # a label, not a place
    "A man was shot in Gainesville on Tuesday, police said - and nobody saw it.",  # no capitals
    "SMITH, Jr. — the defendant",  # "Jr." is no state
    "",
])
def test_what_is_no_dateline(text):
    assert find_dateline(text) is None


def test_states_are_read_in_every_spelling():
    assert {state_name(s) for s in ("Fla.", "Florida", "FL", "fla.")} == {"Florida"}
    assert state_name("W. Va.") == "West Virginia" and state_name("Jr.") is None


def test_city_names_are_written_out_and_keep_their_case():
    assert (city_name("ST. LOUIS"), city_name("DeKalb"), city_name("FT. WORTH")) == ("Saint Louis", "DeKalb", "Fort Worth")


def test_the_state_of_a_us_city_is_its_much_largest_namesakes_or_the_one_the_article_names():
    assert is_us_city("Oshkosh") and not is_us_city("Fairfax County")
    assert state_of_city("Memphis") == "Tennessee"  # far larger than its namesakes
    assert state_of_city("Springfield") is None  # no namesake dominates
    assert state_of_city("Springfield", frozenset({"Illinois"})) == "Illinois"
