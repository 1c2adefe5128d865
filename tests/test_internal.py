"""An article contradicting itself about since when a state holds: ongoing claims read from the parse at
extraction (extract/ongoing.py) and compared within the article (compare/internal.py).

The texts are parsed by the real model; times, names and statements are built by hand, so that each test
says which of them it relies on.
"""

import pytest

from newsledger.compare.internal import dated_claims, find_internal
from newsledger.extract.ongoing import find_ongoing
from newsledger.records import Mention, Statement, TimeValue

PUBLISHED = "2023-06-21"


def _span(text, words, after=0):
    start = text.index(words, after)
    return start, start + len(words)


def _time(text, article, words, kind, value):
    start, end = _span(text, words)
    return TimeValue(article, start, end, words, kind, value, anchor=PUBLISHED)


def _records(text, times, names=(), statements=(), article="a"):
    """Hand-built records of one article: ``times`` as (words, type, value), ``names`` as (words, type, entity)
    for every occurrence, ``statements`` as (id, speaker, content words)."""
    time_values = [_time(text, article, *t) for t in times]
    mentions = []
    for words, kind, entity in names:
        at = 0
        while (at := text.find(words, at)) >= 0:
            mentions.append(Mention(article, at, at + len(words), words, kind, entity=entity))
            at += len(words)
    said = []
    for sid, speaker, content in statements:
        start, end = _span(text, content)
        said.append(Statement(sid, article, None, speaker, "said", content, "indirect", start, end,
                              content_start=start, content_end=end))
    return time_values, mentions, said


def _internal(nlp, text, times, names=(), statements=(), speakers=None):
    time_values, mentions, said = _records(text, times, names, statements)
    ongoing = find_ongoing("a", nlp(text), time_values, mentions)
    return find_internal("st", {"a": text}, {"a": PUBLISHED}, {}, time_values, mentions, said,
                         speakers or {s[0]: s[1] for s in statements}, ongoing=ongoing)


DECADE = ("a decade", "DURATION", "P10Y")
SINCE_2016 = ("2016", "DATE", "2016")
ALBANIA = ("Albania", "GPE", "ent_albania")
SEED_LIKE_TEXT = (
    "He also expressed hope that Albania, which has played host to the terror group and thousands of its members "
    "for a decade at the urging of its Western backers, would make up for its mistake. "
    "The European country is estimated to have been accommodating some 3,000 members of the terror cult since 2016."
)


def test_a_decade_of_hosting_against_since_2016_is_internal(nlp):
    kanaani = ("a:s4", "Nasser Kanaani", "Albania, which has played host to the terror group and thousands of its "
               "members for a decade at the urging of its Western backers, would make up for its mistake")
    names = [ALBANIA, ("European", "NORP", "ent_european"), ("Western", "NORP", "ent_western")]
    (found,) = _internal(nlp, SEED_LIKE_TEXT, [DECADE, SINCE_2016], names, [kanaani])
    assert (found.kind, found.facet, found.event) == ("internal", "start", None)
    decade, since = found.claims
    assert SEED_LIKE_TEXT[decade.start:decade.end] == "for a decade" == decade.text
    assert SEED_LIKE_TEXT[since.start:since.end] == "since 2016" == since.text
    assert (decade.source, decade.speaker) == ("a:s4", "Nasser Kanaani")
    assert (since.source, since.speaker) == ("narrator", None)
    assert decade.value["start"] == "2013" and decade.value["as_of"] == PUBLISHED
    assert (decade.value["earliest"], decade.value["latest"]) == ("2011-06", "2015-06")
    assert since.value["start"] == "2016"
    assert found.note == "host: “has played host” vs “have been accommodating”"


@pytest.mark.parametrize(
    "text, times, names",
    [
        ("Turkey has hosted Syrian refugees for seven years. Turkey has hosted Syrian refugees since 2012.",
         [("seven years", "DURATION", "P7Y"), ("2012", "DATE", "2012")], [("Turkey", "GPE", "ent_turkey")]),
        ("The rebels have controlled the town for more than a decade. The rebels have controlled the town since 2019.",
         [("more than a decade", "DURATION", "P10Y"), ("2019", "DATE", "2019")], []),
        ("Albania has hosted the group since 2014. It's been sheltering the group since 2019, officials said.",
         [("2014", "DATE", "2014"), ("2019", "DATE", "2019")], [ALBANIA]),
        ("The group has lived in Albania for 18 months. The group has been living in Albania since 2016.",
         [("18 months", "DURATION", "P18M"), SINCE_2016], [ALBANIA]),
    ],
)
def test_start_contradictions(nlp, text, times, names):
    (found,) = _internal(nlp, text, times, names)
    assert found.kind == "internal" and len(found.claims) == 2


@pytest.mark.parametrize(
    "text, times, names, statements",
    [
        # A decade back from 2023 is 2013: no contradiction.
        ("Albania has hosted the group for a decade. The country has been accommodating the group's members since 2013.",
         [DECADE, ("2013", "DATE", "2013")], [ALBANIA], []),
        # "nearly a decade" allows 2015; "for years" allows anything a year back or more.
        ("Albania has hosted the group for nearly a decade. The country has been accommodating them since 2015.",
         [("nearly a decade", "DURATION", "P10Y"), ("2015", "DATE", "2015")], [ALBANIA], []),
        ("Albania has hosted the group for years. The country has been accommodating the group's members since 2016.",
         [("years", "DURATION", "PXY"), SINCE_2016], [ALBANIA], []),
        # Two different hosts.
        ("Turkey has hosted refugees for a decade. Germany has hosted refugees since 2016.",
         [DECADE, SINCE_2016], [("Turkey", "GPE", "ent_turkey"), ("Germany", "GPE", "ent_germany")], []),
        # Two named hosts make "the country" ambiguous.
        ("Turkey has hosted refugees for a decade. Germany has too. The country has hosted refugees since 2016.",
         [DECADE, SINCE_2016], [("Turkey", "GPE", "ent_turkey"), ("Germany", "GPE", "ent_germany")], []),
        # Two different guests.
        ("Albania has hosted the MKO for a decade. Albania has hosted Afghan refugees since 2016.",
         [DECADE, SINCE_2016], [ALBANIA, ("MKO", "ORG", "ent_mko"), ("Afghan", "NORP", "ent_afghan")], []),
        # The same host, different guests without names.
        ("Albania has hosted refugees for a decade. The country has hosted the summit since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        # Not ongoing: a past, a past perfect, a modal, a negation.
        ("Albania hosted the group for a decade. The country has been accommodating the group's members since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        ("Albania had hosted the group for a decade. It has been accommodating the group's members since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        ("Albania would have hosted the group for a decade. It has been accommodating the group's members since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        ("Albania has hosted the group for a decade. Albania has not hosted the group's leaders since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        # The start belongs to another clause, or bounds an interval.
        ("Albania has hosted the group for a decade. "
         "The camp has been accommodating the group's members who arrived since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        ("Albania has hosted the group for a decade. The country has hosted the group from 2016 to 2018 in Tirana.",
         [DECADE, SINCE_2016, ("2018", "DATE", "2018")], [ALBANIA], []),
        # Different predicates.
        ("Albania has hosted the group for a decade. Albania has banned the group's rallies since 2016.",
         [DECADE, SINCE_2016], [ALBANIA], []),
        # Two identified speakers disagreeing is a disagreement the article reports.
        ("Rama said Albania has hosted the group for a decade. Basha said Albania has hosted the group since 2016.",
         [DECADE, SINCE_2016], [ALBANIA],
         [("a:s0", "Rama", "Albania has hosted the group for a decade"),
          ("a:s1", "Basha", "Albania has hosted the group since 2016")]),
        # Nothing to compare with.
        ("Albania has hosted the group for a decade.", [DECADE], [ALBANIA], []),
    ],
)
def test_no_start_contradiction(nlp, text, times, names, statements):
    assert _internal(nlp, text, times, names, statements) == []


def test_a_near_duplicate_does_not_report_its_originals_contradiction_again(nlp):
    text = "Albania has hosted the group for a decade. The country has been accommodating the group's members since 2016."
    times, mentions, _ = _records(text, [DECADE, SINCE_2016], [ALBANIA])
    copy_times, copy_mentions, _ = _records(text, [DECADE, SINCE_2016], [ALBANIA], article="c")
    ongoing = find_ongoing("a", nlp(text), times, mentions) + find_ongoing("c", nlp(text), copy_times, copy_mentions)
    found = find_internal("st", {"a": text, "c": text}, {"a": PUBLISHED, "c": PUBLISHED}, {"c": "a"},
                          times + copy_times, mentions + copy_mentions, [], {}, ongoing=ongoing)
    assert [{c.article for c in d.claims} for d in found] == [{"a"}]


def test_a_duration_counts_back_from_the_statements_own_day(nlp):
    text = "Albania has hosted the group for a decade, Rama said. Albania has hosted the group since 2016."
    rama = ("a:s0", "Rama", "Albania has hosted the group for a decade")
    times, mentions, said = _records(text, [DECADE, SINCE_2016], [ALBANIA], [rama])
    said[0].date = "2026-06-01"
    ongoing = find_ongoing("a", nlp(text), times, mentions)
    (decade, _) = dated_claims(ongoing, PUBLISHED, times, mentions, said, {"a:s0": "Rama"})
    assert decade.value["as_of"] == "2026-06-01" and decade.value["start"] == "2016"
