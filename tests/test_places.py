"""Datelines, states and US places (extract/places.py): pure text and the GeoNames data, no model."""

import pytest

from newsledger.extract.places import (
    city_name,
    find_dateline,
    is_foreign_country,
    is_us_city,
    state_name,
    state_of_city,
    states_of_phone_numbers,
)


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
        ("PASADENA >> Authorities have identified", "Pasadena", None, "Authorities"),  # Digital First Media
        # after a headline and a caption that run longer than a dateline line
        ("Wounded K-9 officer found alive two days after shooting that killed sheriff's deputy in a gunfight\n\n"
         "A fatal shooting Thursday near the school, as seen from the road. (Source: WMBF News, staff photo)\n\n"
         "GREENWOOD, Ark. – A K-9 officer who disappeared", "Greenwood", "Arkansas", "A K-9"),
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
    "x" * 900 + "\nMIAMI - The bodies of three people",  # deep in the page: another story's
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


def test_a_tip_lines_area_code_names_its_state_and_toll_free_numbers_none():
    text = "Anyone with information is asked to call 412-473-1300 or Crime Stoppers at 1-800-222-8477."
    assert states_of_phone_numbers(text) == {"Pennsylvania"}
    assert states_of_phone_numbers("Call (614) 645-4545 or 555-0100.") == {"Ohio"}  # "Columbus, OH"
    # the area code picks among a city's namesakes, and only among them
    assert state_of_city("Columbus") is None  # Ohio's is not five times Georgia's
    assert state_of_city("Kansas City", states_of_phone_numbers(text), only_named=True) is None
    assert state_of_city("Columbus", frozenset({"Ohio"}), only_named=True) == "Ohio"


@pytest.mark.parametrize("name, foreign", [
    ("France", True), ("North Korea", True), ("Britain", True), ("Mexico", True),
    ("Georgia", False),  # a state too
    ("United States", False), ("Puerto Rico", False), ("Nice", False), (None, False),
])
def test_foreign_countries(name, foreign):
    assert is_foreign_country(name) is foreign
