"""Casualty figures: phrase → range (pure), and sentence → killed/injured (model)."""

from __future__ import annotations

import pytest

from newsledger.extract.casualties import _NOT_A_TOTAL, casualty_kind, find_casualties, not_a_total
from newsledger.extract.quantities import parse_number, parse_quantity


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
        ("a total of 14", 14, 14, "exact"),
        # words that count nobody
        ("no one", 0, 0, "exact"),
        ("No one", 0, 0, "exact"),
        ("nobody", 0, 0, "exact"),
        ("none", 0, 0, "exact"),
        ("zero", 0, 0, "exact"),
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


@pytest.mark.parametrize(
    "text, value",
    [("nine", 9), ("3,000", 3000), ("one hundred and five", 105), ("camp", None), ("no one", None), ("no", None)],
)
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
        ("The attack killed 12 people, among them three police officers.", [("killed", "12", 12, 12, "exact")]),
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


def _figures(nlp, text):
    doc = nlp(text)
    found = find_casualties(doc[:])
    for figure in found:
        assert text[figure.quantity.start:figure.quantity.end] == figure.quantity.text
    return [(f.kind, f.quantity.text, f.quantity.min, f.quantity.max) for f in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # zero: the whole stated as none
        ("No one was injured.", [("injured", "No one", 0, 0)]),
        ("Nobody was hurt in the shooting.", [("injured", "Nobody", 0, 0)]),
        ("No one was killed in the shooting.", [("killed", "No one", 0, 0)]),
        ("There were no fatalities.", [("killed", "no fatalities", 0, 0)]),
        # ... but a group, the rest or the serious cases are no total
        ("No one else was hurt in the incident.", []),
        ("No other injuries were reported.", []),
        ("None of the officers were hurt.", []),
        ("No officers were injured.", []),
        ("No one inside the home was hurt.", []),
        ("No one was seriously hurt.", []),
        ("Two men who were traveling in the vehicle were not injured.", []),
        # a part of a group: the group is the total
        ("Two of the 30 wounded were in critical condition.", [("injured", "30", 30, 30)]),
        ("Ten of the 12 wounded were released from the hospital.", [("injured", "12", 12, 12)]),
        ("Three of the wounded were in critical condition.", []),
        ("Ten of the 12 victims were injured.", [("injured", "Ten", 10, 10)]),  # victims may be dead or hurt
        # counted on top of others of the same kind
        ("Two pilots also died.", []),
        ("Twelve passengers died. Two pilots also died.", [("killed", "Twelve", 12, 12)]),
        ("Police say two others were also injured.", []),
        ("Another eight people were injured.", []),
        # ... or of the other kind: then they are all of their kind
        ("A man was killed. Three others were also wounded.", [("injured", "Three", 3, 3)]),
        ("The gunman killed two people and injured two more.", [("killed", "two", 2, 2), ("injured", "two", 2, 2)]),
        # by severity: a subset, unless the sentence counts the dead, then the rest
        ("Three people were seriously injured.", []),
        ("Four people were shot and two were seriously injured.", []),
        ("Four people were found on the lawn, two of them critically wounded.", []),
        ("Five people were wounded, three of them critically.", [("injured", "Five", 5, 5)]),
        ("Two people were killed and two others critically wounded.", [("killed", "Two", 2, 2), ("injured", "two", 2, 2)]),
        ("A man fatally wounded two people.", [("killed", "two", 2, 2)]),
        # perceived, intended, or the dead and hurt together
        ("A witness said she saw at least 10 people killed.", []),
        ("She watched two men die in the street.", []),
        ("He saw two bodies in the street.", []),
        ("The gunman planned to kill hundreds.", []),
        ("Five adults were wounded or killed.", []),
        # tallies over a period or over several events
        ("So far in 2017, 150 people have been murdered.", []),
        ("More than 750 people have been killed so far this year.", []),
        ("Accidental shootings kill dozens of minors each year.", []),
        ("Since 1999 there have been 10,569 accidental shooting deaths.", []),
        ("141 minors died in unintentional shootings in 2015.", []),
        ("Seven people were wounded in separate shootings across the city.", []),
        # victims: dead or hurt?
        ("Three victims were taken to the hospital.", []),
        ("Four homicide victims were found.", [("killed", "Four", 4, 4)]),
        ("Police found one man who had died.", [("killed", "one", 1, 1)]),
        # ages, years, clock times, ranks and counts of things
        ("A 23-year-old man was killed.", []),
        ("The victim, 35, was killed.", []),
        ("Police say Brown killed 26 year-old Jermaine Black.", []),
        ("8 yo girl killed by gunfire.", []),
        ("Jermaine Black, 25, and Michael Shaw, 32, were hurt.", []),
        ("The victim's 6- and 12-year-old children were injured.", []),
        ("It was the city's 500th homicide.", []),
        ("The man was the 500th person killed in the city this year.", []),
        ("He was shot 12 times and killed.", []),
        ("Two shooting incidents left one man dead.", []),  # never 2; and a round-up of two incidents
        ("Killed in 2014, he was remembered by his family.", []),
        ("The 2014 shooting death of a teen sparked protests.", []),
        ("About 2 a.m., a man was found dead.", []),
        ("Three people wound up dead.", []),  # wound up: no wound
        # a part named inside "including", however the parse hung "killed" on it
        ("Friends mourn 10 Americans, including two families, killed in a plane crash in Costa Rica.", []),
    ],
)
def test_find_casualties_reports_totals_only(nlp, sentence, expected):
    assert _figures(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence, word, reason",
    [
        ("Two men in the car were not injured.", "injured", "negated"),
        ("A witness said she saw at least 10 people killed.", "killed", "perceived"),
        ("The gunman planned to kill hundreds.", "kill", "intended"),
        ("Five adults were wounded or killed.", "wounded", "either"),
        ("More than 750 people have been killed so far this year.", "killed", "tally"),
        ("Three people were seriously injured.", "injured", "severity"),
        ("Two pilots also died.", "died", "added"),
        ("Three victims were taken to the hospital.", "victims", "victims"),
        ("He killed their three children and himself.", "killed", "conjoined"),
        ("Two men were pronounced dead at the scene.", "dead", "scene"),
        ("Four people were killed in the shooting.", "killed", None),
    ],
)
def test_not_a_total_names_its_reason(nlp, sentence, word, reason):
    token = next(t for t in nlp(sentence) if t.text == word)
    assert not_a_total(token, casualty_kind(token)) == reason


def test_every_reason_is_tested():
    tested = {"negated", "perceived", "intended", "either", "tally", "severity", "added", "victims", "subset",
              "conjoined", "scene"}
    assert set(_NOT_A_TOTAL) == tested


@pytest.mark.parametrize(
    "text, injured",
    [
        ("Gunmen attacked a bus on Friday, but no one was hurt.", [(0, 0)]),
        ("Police said no one was injured.", []),  # a zero joins an event; it makes none of its own
    ],
)
def test_zero_figures_join_events(text, injured):
    from newsledger.ledger import process_texts

    ledger = process_texts([{"text": text, "published": "2020-01-03"}])
    assert [(e.injured.min, e.injured.max) for e in ledger.events() if e.injured is not None] == injured


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Two women and a man were pronounced dead on the scene.",
    "He killed their three children and himself.",
    "He fired into the crowd, injuring his two children and four other bystanders.",
])
def test_a_figure_for_one_of_several_groups_named_together_is_no_toll(nlp, text):
    # the first group's number is not the toll; extract.victims adds the groups up
    assert [f.quantity.text for s in nlp(text).sents for f in find_casualties(s)] == []


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Good Samaritan, 2 Others Killed in Pasadena Shooting", []),  # others than the one named
    ("Jones was wounded in the leg. Two others were wounded.", []),
    ("One person was killed and two others were wounded.", [("killed", 1), ("injured", 2)]),  # the rest: the toll
])
def test_others_count_on_top_of_someone(nlp, text, expected):
    assert [(f.kind, f.quantity.min) for s in nlp(text).sents for f in find_casualties(s)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Three people are dead, including the shooter, and one was wounded.", [("killed", 3, 1), ("injured", 1, None)]),
    ("Five were killed, including the two gunmen.", [("killed", 5, 2)]),
    ("Two bailiffs were killed and the suspect was shot dead by deputies.", [("killed", 2, None)]),
    ("Four were wounded, including a 7-year-old girl.", [("injured", 4, None)]),  # a victim, not an attacker
])
def test_a_figure_says_when_it_counts_the_attackers(nlp, sentence, expected):
    figures = find_casualties(nlp(sentence)[:])
    assert [(f.kind, f.quantity.min, f.quantity.perpetrators) for f in figures] == expected


@pytest.mark.parametrize("sentence, expected", [
    # the parse hangs "two men" off its own verb; the words still name a second group
    ("A shooting in Humboldt Park left a 10-year-old girl and two men wounded, police said.", []),
    ("A man was shot in Chicago and two people were hurt.", [("injured", 2)]),  # a place, not a group
    ("A total of three people were killed and another wounded.", [("killed", 3)]),  # the whole, said so
])
def test_a_figure_after_another_group_named_with_it_is_no_total(nlp, sentence, expected):
    assert [(f.kind, f.quantity.min) for f in find_casualties(nlp(sentence)[:])] == expected
