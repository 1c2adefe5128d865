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


# --- ongoing claims read at extraction, with the real time and entity stages ---

from newsledger.extract.ongoing import VERSION as ONGOING_VERSION, extract_ongoing  # noqa: E402
from newsledger.extract.timex import extract_times  # noqa: E402


def _extracted(make_context, text):
    ctx = make_context(text, published=PUBLISHED)
    extract_times(ctx)
    extract_ongoing(ctx)
    return ctx


def _at(text, words, after=0):
    start = text.index(words, after)
    return start, start + len(words)


def test_claims_carry_the_offsets_of_their_evidence(make_context):
    text = ("Albania has hosted the group for more than a decade. "
            "It has been home to the group's members since early 2016, officials said.")
    decade, since = _extracted(make_context, text).ongoing
    assert (decade.start, decade.end) == _at(text, "for more than a decade") and decade.text == "for more than a decade"
    assert (decade.time_start, decade.time_end) == _at(text, "more than a decade")
    assert (decade.cue, decade.modifier, decade.round_unit) == ("for", "more than", "decade")
    assert (decade.predicate, decade.predicate_text) == ("host", "has hosted")
    assert (decade.predicate_start, decade.predicate_end) == _at(text, "has hosted")
    assert (decade.subject_start, decade.subject_end, decade.subject_head) == (0, 7, "albania")
    assert decade.subject_names == [[0, 7]] and decade.object_words == ["group"]
    assert (since.start, since.end) == _at(text, "since early 2016") and since.cue == "since"
    assert (since.predicate, since.predicate_text) == ("host", "has been home")
    assert (since.subject_head, since.subject_names) == ("it", [])
    assert since.object_words == ["group", "member"] and since.extractor == ONGOING_VERSION


def test_the_tree_finds_a_fronted_start_and_a_raised_or_relative_subject(make_context):
    text = ("Since 2016, Albania has hosted the group. "
            "The members, who have lived in the camp since 2019, are estimated to have been working for years.")
    fronted, relative, raised = _extracted(make_context, text).ongoing
    assert fronted.text == "Since 2016" and fronted.subject_names == [list(_at(text, "Albania"))]
    assert fronted.object_words == ["group"]
    assert (relative.text, relative.predicate, relative.subject_head) == ("since 2019", "reside", "member")
    assert (relative.subject_start, relative.subject_end) == _at(text, "The members")
    assert (raised.text, raised.predicate, raised.predicate_text) == ("for years", "work", "have been working")
    assert raised.subject_head == "member"


@pytest.mark.parametrize(
    "text",
    [
        "Albania could have hosted the group since 2016.",  # a modal
        "Albania has not hosted the group since 2016.",  # a negation
        "Albania has never hosted the group for a decade.",
        "Albania had hosted the group since 2016.",  # a past perfect
        "Albania hosted the group for a decade.",  # a past
        "The country has hosted the group from 2014 to 2016.",  # a bounded interval
        "The camp has been accommodating members who arrived since 2016.",  # the start is another clause's
        "Albania has to host the group for a decade.",  # an obligation
        "Photos of the camp since 2016.",  # no verb at all: a caption (this once looped forever)
    ],
)
def test_what_is_not_an_ongoing_claim(make_context, text):
    ctx = _extracted(make_context, text)
    assert ctx.times and ctx.ongoing == []  # the time phrase is read, the claim refused


def _found(ctx):
    return find_internal("st", {ctx.article.id: ctx.article.text}, {ctx.article.id: PUBLISHED}, {}, ctx.times,
                         ctx.mentions, [], {}, ongoing=ctx.ongoing)


def test_an_article_that_contradicts_itself_from_its_extracted_claims(make_context):
    text = ("Albania has hosted the group for a decade, the minister said. "
            "The country has been accommodating the group's members since 2016.")
    ctx = _extracted(make_context, text)
    (found,) = _found(ctx)
    decade, since = found.claims
    assert (decade.start, decade.end, decade.text) == (*_at(text, "for a decade"), "for a decade")
    assert (since.start, since.end, since.text) == (*_at(text, "since 2016"), "since 2016")
    assert (decade.value["earliest"], decade.value["latest"], since.value["start"]) == ("2011-06", "2015-06", "2016")
    assert found.note == "host: “has hosted” vs “has been accommodating”"


@pytest.mark.parametrize(
    "text, claims",
    [
        # Two different hosts, each claim well formed.
        ("Turkey has hosted refugees for a decade. Germany has hosted refugees since 2016.",
         ["for a decade", "since 2016"]),
        # Guards on the second claim: a modal, a negation, a past perfect, an interval.
        ("Albania has hosted the group for a decade. The country might have hosted its members since 2016.",
         ["for a decade"]),
        ("Albania has hosted the group for a decade. The country has not hosted its members since 2016.",
         ["for a decade"]),
        ("Albania has hosted the group for a decade. The country had hosted its members since 2016.",
         ["for a decade"]),
        ("Albania has hosted the group for a decade. The country has hosted its members from 2016 to 2018.",
         ["for a decade"]),
        # The starts overlap: a decade back from 2023 is 2013.
        ("Albania has hosted the group for a decade. The country has hosted its members since 2013.",
         ["for a decade", "since 2013"]),
    ],
)
def test_no_contradiction_from_extracted_claims(make_context, text, claims):
    ctx = _extracted(make_context, text)
    assert [c.text for c in ctx.ongoing] == claims
    assert _found(ctx) == []


def test_claims_round_trip_through_their_table():
    from newsledger.records import OngoingClaim
    from newsledger.store import rows as R
    from newsledger.store.database import LedgerStore

    claim = OngoingClaim("a", 43, 55, "for a decade", "for", 47, 55, "host", "has played host", 8, 23,
                         modifier="nearly", round_unit="decade", subject_start=0, subject_end=7, subject_head="albania",
                         subject_names=[[0, 7]], object_words=["group", "member"], extractor=ONGOING_VERSION)
    with LedgerStore() as store:
        store.insert("ongoing_claims", [R.ongoing_claim_row(claim)])
        (row,) = store.rows("SELECT * FROM ongoing_claims")
    assert R.ongoing_claim_from_row(row) == claim


def test_ingesting_the_seeds_stores_the_ongoing_claims_of_seed_000():
    from datetime import date

    from newsledger.ledger import SAMPLES, Ledger
    from newsledger.options import Options
    from newsledger.store import rows as R

    with Ledger(options=Options(today=date(2026, 11, 23))) as ledger:
        ledger.ingest([SAMPLES])
        texts = {r["id"]: r["text"] for r in ledger.store.rows("SELECT id, text FROM articles")}
        claims = [R.ongoing_claim_from_row(r)
                  for r in ledger.store.rows("SELECT * FROM ongoing_claims WHERE article = '63d2c36f896696c1'")]
    decade, since = claims
    text = texts["63d2c36f896696c1"]
    assert text[decade.start:decade.end] == "for a decade" and text[since.start:since.end] == "since 2016"
    assert text[decade.predicate_start:decade.predicate_end] == "has played host" == decade.predicate_text
    assert (decade.predicate, since.predicate, since.predicate_text) == ("host", "host", "have been accommodating")
    assert [text[s:e] for s, e in decade.subject_names] == ["Albania"] and since.subject_head == "country"
