"""Time expressions: the pure normalizer as a table, then extents on real parses."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.timex import STAGE, extract_times, find_time_expressions, normalize

SUNDAY = date(2023, 7, 2)  # the date of seed 004


@pytest.mark.parametrize(
    "text, anchor, tense, expected",
    [
        # weekdays take their direction from the tense
        ("Thursday", SUNDAY, "past", ("DATE", "2023-06-29")),
        ("on Thursday", SUNDAY, "past", ("DATE", "2023-06-29")),
        ("Sunday", SUNDAY, "future", ("DATE", "2023-07-02")),  # same weekday: that day
        ("Saturday", SUNDAY, "future", ("DATE", "2023-07-08")),
        ("Sunday", SUNDAY, "past", ("DATE", "2023-07-02")),
        ("Monday", SUNDAY, "future", ("DATE", "2023-07-03")),
        ("Friday", SUNDAY, "present", ("DATE", "2023-06-30")),
        ("last Tuesday", SUNDAY, "future", ("DATE", "2023-06-27")),
        ("next Tuesday", SUNDAY, "past", ("DATE", "2023-07-04")),
        ("Tuesday night", SUNDAY, "past", ("DATE", "2023-06-27")),
        ("Tuesday", None, "past", ("DATE", "XXXX-WXX-2")),
        # month-days: closest past occurrence in a past sentence, next one in a future one
        ("June 20", SUNDAY, "past", ("DATE", "2023-06-20")),
        ("June 20", SUNDAY, None, ("DATE", "2023-06-20")),
        ("March 20", SUNDAY, "past", ("DATE", "2023-03-20")),
        ("July 20", SUNDAY, "past", ("DATE", "2023-07-20")),  # 18 days ahead beats 347 back
        ("December 20", SUNDAY, "future", ("DATE", "2023-12-20")),
        ("December 20", SUNDAY, "past", ("DATE", "2022-12-20")),
        ("August 10", SUNDAY, "past", ("DATE", "2023-08-10")),  # a deadline weeks ahead, not 11 months back
        ("June 20", SUNDAY, "future", ("DATE", "2023-06-20")),  # likewise the other way
        ("Jan. 5", SUNDAY, "future", ("DATE", "2024-01-05")),
        ("20 June", SUNDAY, "past", ("DATE", "2023-06-20")),
        ("June 20", None, "past", ("DATE", "XXXX-06-20")),
        ("July 4, 2019", SUNDAY, "past", ("DATE", "2019-07-04")),
        ("Tuesday, June 20, 2023", None, None, ("DATE", "2023-06-20")),
        ("2023-06-20", None, None, ("DATE", "2023-06-20")),
        ("11/02/89", None, None, ("DATE", "1989-11-02")),
        ("February 30, 2023", SUNDAY, "past", ("DATE", None)),
        # months, years, decades, centuries, quarters, seasons
        ("June", SUNDAY, "past", ("DATE", "2023-06")),
        ("September", SUNDAY, "past", ("DATE", "2022-09")),
        ("September", SUNDAY, "future", ("DATE", "2023-09")),
        ("July 1997", SUNDAY, "past", ("DATE", "1997-07")),
        ("since 2016", SUNDAY, "past", ("DATE", "2016")),
        ("2014", None, None, ("DATE", "2014")),
        ("the 1980s", SUNDAY, "past", ("DATE", "198X")),
        ("the early 1990s", SUNDAY, "past", ("DATE", "199X")),
        ("the 20th century", SUNDAY, "past", ("DATE", "19")),
        ("the third quarter", SUNDAY, "past", ("DATE", "2023-Q3")),
        ("the first quarter of 1998", SUNDAY, "past", ("DATE", "1998-Q1")),
        ("the fourth quarter", SUNDAY, "past", ("DATE", "2022-Q4")),
        ("the fourth quarter", SUNDAY, "future", ("DATE", "2023-Q4")),
        ("the latest quarter", SUNDAY, "past", ("DATE", "2023-Q2")),
        ("summer", SUNDAY, "past", ("DATE", "2023-SU")),
        # deictic expressions
        ("yesterday", SUNDAY, "past", ("DATE", "2023-07-01")),
        ("today", SUNDAY, "present", ("DATE", "2023-07-02")),
        ("tomorrow", SUNDAY, "future", ("DATE", "2023-07-03")),
        ("tonight", SUNDAY, "future", ("DATE", "2023-07-02")),
        ("last night", SUNDAY, "past", ("DATE", "2023-07-01")),
        ("this morning", SUNDAY, "past", ("DATE", "2023-07-02")),
        ("yesterday", None, "past", ("DATE", None)),
        ("last month", SUNDAY, "past", ("DATE", "2023-06")),
        ("last month", date(2023, 1, 15), "past", ("DATE", "2022-12")),
        ("this week", SUNDAY, "present", ("DATE", "2023-W26")),
        ("next week", SUNDAY, "future", ("DATE", "2023-W27")),
        ("last weekend", SUNDAY, "past", ("DATE", "2023-W25-WE")),
        ("next year", SUNDAY, "future", ("DATE", "2024")),
        ("earlier this year", SUNDAY, "past", ("DATE", "2023")),
        ("last year", None, "past", ("DATE", None)),
        ("three days ago", SUNDAY, "past", ("DATE", "2023-06-29")),
        ("two years ago", SUNDAY, "past", ("DATE", "2021")),
        ("five months ago", SUNDAY, "past", ("DATE", "2023-02")),
        # durations
        ("a decade", SUNDAY, "past", ("DURATION", "P10Y")),
        ("for a decade", SUNDAY, "past", ("DURATION", "P10Y")),
        ("two decades", None, None, ("DURATION", "P20Y")),
        ("many years", SUNDAY, "past", ("DURATION", "PXY")),
        ("years", SUNDAY, "past", ("DURATION", "PXY")),
        ("several months", None, None, ("DURATION", "PXM")),
        ("a day", None, None, ("DURATION", "P1D")),
        ("24 hours", None, None, ("DURATION", "PT24H")),
        ("five-year", None, None, ("DURATION", "P5Y")),
        ("the past two months", SUNDAY, "past", ("DURATION", "P2M")),
        ("the next five years", SUNDAY, "future", ("DURATION", "P5Y")),
        ("twenty-five years", None, None, ("DURATION", "P25Y")),
        # references, sets, clock times
        ("now", SUNDAY, "present", ("DATE", "PRESENT_REF")),
        ("currently", SUNDAY, "present", ("DATE", "PRESENT_REF")),
        ("recently", SUNDAY, "past", ("DATE", "PAST_REF")),
        ("recent years", SUNDAY, "past", ("DATE", "PAST_REF")),
        ("the future", SUNDAY, "future", ("DATE", "FUTURE_REF")),
        ("daily", None, None, ("SET", "P1D")),
        ("every year", None, None, ("SET", "P1Y")),
        ("every Tuesday", None, None, ("SET", "XXXX-WXX-2")),
        ("3 p.m.", SUNDAY, "past", ("TIME", "2023-07-02T15:00")),
        ("10:30 a.m.", SUNDAY, "past", ("TIME", "2023-07-02T10:30")),
        ("noon", None, None, ("TIME", "XXXX-XX-XXT12:00")),
        # things that are not time values
        ("the camp", SUNDAY, "past", ("DATE", None)),
        ("May", SUNDAY, "past", ("DATE", None)),
    ],
)
def test_normalize(text, anchor, tense, expected):
    assert normalize(text, anchor, tense) == expected


def _found(nlp, text):
    return [(e.text, e.tense) for e in find_time_expressions(nlp(text))]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The vote will be held on Sunday.", [("Sunday", "future")]),
        ("Officials declined to comment on Sunday.", [("Sunday", "past")]),
        ("They plan to vote on Sunday.", [("Sunday", "future")]),
        ("Critics rejected Thursday's ruling.", [("Thursday", "past")]),
        ("The first nine months of the year were calm.", [("The first nine months", "past")]),
        ("The rally began at 10:35 a.m. on Friday.", [("10:35 a.m.", "past"), ("Friday", "past")]),
        ("Police raided the camp on Thursday.", [("Thursday", "past")]),
        ("The group has been there since 2016.", [("2016", "past")]),
        ("They sided with Saddam during the 1980-88 war.", [("1980", "past"), ("88", "past")]),
        ("It has hosted them for a decade.", [("a decade", "past")]),
        ("The talks are expected to resume next week.", [("next week", "future")]),
        ("Albania is currently being used as a trench.", [("currently", "present")]),
        ("Shares rose 5% in the third quarter of 1998.", [("the third quarter of 1998", "past")]),
        ("The court ruled in the 1980s.", [("the 1980s", "past")]),
        # must yield nothing: numbers, names and verbs that look like dates
        ("Some 3,000 members live in the camp.", []),
        ("At least 2016 people were killed.", []),
        ("The camp, known as Ashraf-3, is near Tirana.", []),
        ("Officials may visit the camp.", []),
        ("Police controlled all vehicles leaving the camp.", []),
        ("The 12-year-old boy was injured.", []),
    ],
)
def test_find_time_expressions(nlp, text, expected):
    assert _found(nlp, text) == expected


@pytest.mark.model
def test_extents_are_offsets_into_the_text(nlp):
    text = "Clashes erupted on Tuesday after a ruling on June 20, 2023."
    for expression in find_time_expressions(nlp(text)):
        assert text[expression.start:expression.end] == expression.text


SEED_000_TIMES = [
    ("Wednesday", "DATE", "2023-06-21"),
    ("a decade", "DURATION", "P10Y"),
    ("Tuesday", "DATE", "2023-06-20"),
    ("June 20", "DATE", "2023-06-20"),
    ("2014", "DATE", "2014"),
    ("many years", "DURATION", "PXY"),
    ("1980", "DATE", "1980"),
    ("88", "DATE", "1988"),
    ("2016", "DATE", "2016"),
]
SEED_004_TIMES = [
    ("years", "DURATION", "PXY"),
    ("currently", "DATE", "PRESENT_REF"),
    ("Thursday", "DATE", "2023-06-29"),
    ("June 20", "DATE", "2023-06-20"),
]


@pytest.mark.model
@pytest.mark.parametrize(
    "stem, published, expected",
    [("000", "2023-06-21", SEED_000_TIMES), ("004", None, SEED_004_TIMES)],
)
def test_stage_on_seeds(make_context, seed_texts, stem, published, expected):
    text = next(t for name, t in seed_texts.items() if name.startswith(stem))
    ctx = make_context(text, published=published)
    extract_times(ctx)
    assert [(t.text, t.type, t.value) for t in ctx.times] == expected
    for t in ctx.times:
        assert ctx.article.text[t.start:t.end] == t.text
        assert t.anchor == ctx.article.published


@pytest.mark.model
def test_stage_without_anchor_keeps_placeholders(make_context):
    ctx = make_context("Clashes erupted on Tuesday, a day after the ruling of June 20. Talks ended yesterday.")
    extract_times(ctx)
    assert [(t.text, t.value) for t in ctx.times] == [
        ("Tuesday", "XXXX-WXX-2"), ("a day", "P1D"), ("June 20", "XXXX-06-20"), ("yesterday", None),
    ]
    assert all(t.anchor is None for t in ctx.times)


def test_stage_declaration():
    assert STAGE.name == "timex.v1"
    assert STAGE.requires == ("doc",)
    assert STAGE.assigns == ("times",)


def test_tempeval_scorer_counts_strict_relaxed_and_values(tmp_path):
    from newsledger.eval.tempeval import TimexSpan, count_matches, load_tml, scores

    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DOCID>d1</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2023-07-02">20230702</TIMEX3></DCT>'
        '<TEXT>Police came on <TIMEX3 tid="t1" type="DATE" value="2023-06-29">Thursday</TIMEX3> after '
        '<TIMEX3 tid="t2" type="DURATION" value="P10Y">a decade</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    document = load_tml(tml)
    assert str(document.creation_date) == "2023-07-02"
    assert [(t.text, document.text[t.start:t.end]) for t in document.timexes] == [("Thursday", "Thursday"), ("a decade", "a decade")]
    thursday, decade = document.timexes
    system = [
        TimexSpan(thursday.start, thursday.end, "Thursday", "DATE", "2023-06-29"),  # exact, right value
        TimexSpan(decade.start + 2, decade.end, "decade", "DURATION", "P1Y"),  # overlap only, wrong value
        TimexSpan(0, 6, "Police", "DATE", None),  # spurious
    ]
    result = scores(count_matches(document.timexes, system))
    assert (result.gold, result.system) == (2, 3)
    assert result.strict_precision == pytest.approx(1 / 3) and result.strict_recall == pytest.approx(1 / 2)
    assert result.relaxed_recall == 1.0
    assert result.value_accuracy == 0.5 and result.type_accuracy == 1.0
