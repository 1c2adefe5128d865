"""Victims counted from the people a sentence names, and each article's main event with its tolls."""

import pytest

from newsledger.extract.victims import count_shot, count_victims, says_someone_died

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A man was shot and killed Tuesday night in Gainesville.", {"killed": (1, "A man")}),
        ("A man was shot Tuesday and later died at the hospital.", {"killed": (1, "A man")}),
        ("A 15-year-old was killed Sunday in Mesa County.", {"killed": (1, "A 15-year-old")}),
        ("A 20-year-old man is dead and a 16-year-old boy is wounded after a double shooting in Flagstaff.",
         {"killed": (1, "A 20-year-old man"), "injured": (1, "a 16-year-old boy")}),
        ("Police say that a 16-year-old girl accidentally shot and killed her boyfriend at his home.",
         {"killed": (1, "her boyfriend")}),
        ("A man was gunned down and three others were wounded at a party in Hawthorne.",
         {"killed": (1, "A man"), "injured": (3, "three others")}),
        ("One person was killed and another two, including a baby, were hospitalized.",
         {"killed": (1, "One person"), "injured": (2, "another two")}),
        ("A 19-year-old man was charged in the shooting deaths of four men in South Shore.", {"killed": (4, "four men")}),
        ("He shot and killed a man and a woman.", {"killed": (2, "a man and a woman")}),
        ("A toddler has been killed after police say he accidentally shot himself.", {"killed": (1, "A toddler")}),
        # Shot and alive: a limb, a condition, "recovering"; shot, some fatally: the rest are hurt.
        ("A 66-year-old man was shot in his leg early Monday.", {"injured": (1, "A 66-year-old man")}),
        ("A woman was shot Tuesday and is in stable condition.", {"injured": (1, "A woman")}),
        ("Four people were shot, one fatally, outside a bar.",
         {"killed": (1, "Four people were shot, one fatally"), "injured": (3, "Four people were shot, one fatally")}),
        # Nothing to count: no harm, being shot alone (dead or wounded?), a plural or a pronoun, a negation.
        ("A man was arrested Sunday after a shooting in a parking lot.", {}),
        ("A man was shot in the head Monday.", {}),
        ("Four people were shot outside a bar.", {}),
        ("Two people were fatally shot and another was wounded.", {"killed": (2, "Two people"), "injured": (1, "another")}),
        ("A 17-year-old boy was shot to death Sunday night.", {"killed": (1, "A 17-year-old boy")}),
        # Where the parse hides the victim: found in a state, left dead, "more" beside the number, a
        # death whose "of" hangs on "shooting".
        ("A 17-year-old boy was found shot to death in a car Wednesday night.", {"killed": (1, "A 17-year-old boy")}),
        ("The teenage girl found shot dead inside a Bronx apartment has been identified.",
         {"killed": (1, "The teenage girl")}),
        ("Police are investigating a shooting on Crosby Street that left a 16-year-old man dead on Monday.",
         {"killed": (1, "a 16-year-old man")}),
        ("Two more people have been fatally shot in Newark.", {"killed": (2, "Two more people")}),
        ("The Tampa Police Department is investigating the Sunday afternoon shooting death of a 17-month-old child.",
         {"killed": (1, "a 17-month-old child")}),
        ("Officers found him dead in the car.", {}),
        # A relative pronoun stands for its antecedent; a participle for the noun it modifies.
        ("Police have identified two victims who were shot and killed during a rampage in Cape Coral.",
         {"killed": (2, "two victims")}),
        ("Neighbors mourn 91-year-old Luis Aguiar, who was killed Saturday in a triple shooting.",
         {"killed": (1, "91-year-old Luis Aguiar")}),
        ("Police identified a man killed in a shooting Saturday.", {"killed": (1, "a man")}),
        ("The man who shot his wife was arrested.", {}),
        # A round-up of several incidents is no incident's toll.
        ("Seven people were murdered in three separate shootings within a mile of each other.", {}),
        ("A rash of shootings across the city early Sunday left one man dead and seven other victims wounded.", {}),
        ("A grandfather and his grandchildren were killed.", {}),
        ("They were not injured.", {}),
        ("No one was hurt.", {}),
    ],
)
def test_victims_named_in_a_sentence(nlp, text, expected):
    (sentence,) = list(nlp(text).sents)
    found = {kind: (q.min, q.text) for kind, q in count_victims(sentence).items()}
    assert found == expected
    for quantity in count_victims(sentence).values():
        assert text[quantity.start:quantity.end] == quantity.text
        assert (quantity.max, quantity.qualifier) == (None, "named")  # at least the victims named


def _main_event(make_context, text, published="2016-07-28"):
    from newsledger.extract import default_stages, run_stages

    ctx = make_context(text, published)
    ledger = run_stages(ctx, default_stages())
    return next(e for e in ledger.events if e.id == ledger.article.main_event)


def test_the_main_event_takes_its_day_place_and_tolls_from_the_opening(make_context):
    text = ("GAINESVILLE, Fla. - One person was killed and another two, including a baby, were hospitalized after "
            "two masked men opened fire into a home, police said.\n\nInvestigators said the men began firing at "
            "11:40 p.m. Wednesday.\n\nIn 2011, three people were killed in a shooting on the same street.")
    event = _main_event(make_context, text)
    assert event.date == "2016-07-27"  # "Wednesday" before the publication day
    assert event.place == "Gainesville, Florida"
    assert (event.killed.min, event.killed.text) == (1, "One")
    assert (event.injured.min, text[event.injured.start:event.injured.end]) == (2, "another two")


def test_a_lead_without_a_day_or_city_leaves_them_unknown(make_context):
    event = _main_event(make_context, "A man was shot and killed, police said. The investigation goes on.")
    assert event.date is None and event.place is None
    assert event.killed.min == 1


def test_victims_of_another_time_are_not_the_incidents(make_context):
    text = ("A man was arrested after a shooting on Elm Street, police said.\n\n"
            "In 2011, two people were wounded on the same street.")
    event = _main_event(make_context, text)
    assert event.injured is None


def test_without_a_dateline_the_place_is_the_openings_first_us_city_a_police_forces_name_included(make_context):
    event = _main_event(make_context, "The Oshkosh Police Department said a boy, 10, was shot and killed Tuesday "
                                      "in a home near the lake.")
    assert event.place == "Oshkosh, Wisconsin"  # the state from GeoNames: the article names none


def test_a_clock_time_alone_gives_way_to_a_named_day(make_context):
    # "8:45 p.m." read against the publication day (Thursday) would date the incident a day late
    event = _main_event(make_context, "Officers responded to a shooting in Indio at about 8:45 p.m. after a boy "
                                      "shot his older sister. The shooting happened Wednesday, police said.")
    assert (event.date, event.date_text) == ("2016-07-27", "Wednesday")


def test_the_incident_is_the_earliest_day_the_opening_names_close_together(make_context):
    text = ("A girl and her mother who were shot near their home were identified Thursday. "
            "Officers responded to the shooting Tuesday shortly before 9:30 p.m. and found them wounded. "
            "The girl died Wednesday at a hospital.")
    event = _main_event(make_context, text)
    assert (event.date, event.date_text) == ("2016-07-26", "Tuesday")
    # a death the day after the shooting is its toll, not another time's
    assert (event.killed.min, event.killed.text, event.killed.qualifier) == (1, "The girl", "named")


def test_a_day_long_before_the_opening_is_not_the_incidents(make_context):
    text = ("A man was shot and killed Wednesday on Elm Street, police said. "
            "On July 4, a woman was wounded on the same street.")
    event = _main_event(make_context, text)
    assert event.date == "2016-07-27"


@pytest.mark.parametrize("text, place", [
    ("Seven people were wounded in a drive-by shooting in Galt on Saturday night.", "Galt, California"),
    ("A teenager was shot and killed Friday, Stockton police said.", "Stockton, California"),
    ("Two men were shot dead Saturday in Gary, Ind., police said.", "Gary, Indiana"),
])
def test_a_city_is_read_by_its_gazetteer_name_and_the_words_around_it_whatever_the_tagger_made_of_it(
        make_context, text, place):
    assert _main_event(make_context, text).place == place


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Four people were shot outside a public housing complex in Newark.", (4, "Four people")),
        ("Police say he accidentally shot his 13-year-old brother.", (1, "his 13-year-old brother")),
        ("Police shot at the car.", None),
        ("Nobody was shot.", None),
        ("Eight people were shot in two separate shootings, police said.", None),
    ],
)
def test_the_people_a_sentence_says_were_shot(nlp, text, expected):
    (sentence,) = list(nlp(text).sents)
    found = count_shot(sentence)
    assert ((found.min, found.text) if found else None) == expected


def test_the_shot_are_hurt_when_nothing_says_anyone_died(make_context):
    event = _main_event(make_context, "Four people were shot outside a bar Tuesday night, police said.")
    assert (event.injured.min, event.injured.text, event.killed) == (4, "Four people", None)
    event = _main_event(make_context, "Four people were shot outside a bar Tuesday night, police said. "
                                      "One of them later died at the hospital.")
    assert event.injured is None


def test_a_place_abroad_takes_no_us_state(make_context):
    text = "A truck plowed into a crowd in Nice on Thursday night, killing at least 84 people, officials in France said."
    assert _main_event(make_context, text).place == "Nice"
    text = "A man was shot and killed in Nice on Thursday night, police said."
    assert _main_event(make_context, text).place == "Nice, California"  # nothing says it is abroad


def test_an_opening_that_names_only_a_block_takes_the_city_named_further_on(make_context):
    text = ("A man accidentally shot himself Thursday night at the UPS Customer Center in the 3600 block of "
            "Swinnea Road.\n\nThe man left the scene before officers arrived.\n\nThe store was closed on Friday."
            "\n\nA spokesman said the investigation goes on.\n\nNo one else was hurt, Memphis police said.")
    assert _main_event(make_context, text).place == "Memphis, Tennessee"


@pytest.mark.parametrize("text, died", [
    ("Four people were shot outside a bar.", False),
    ("The teen was pronounced dead at the hospital.", True),
    ("He succumbed to his wounds.", True),
])
def test_says_someone_died(text, died):
    assert says_someone_died(text) is died
