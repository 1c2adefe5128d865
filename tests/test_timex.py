"""Time expressions: the pure normalizer as a table, then extents on real parses."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.timex import STAGE, TimeExpression, extract_times, find_time_expressions, normalize

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
        ("September", SUNDAY, "past", ("DATE", "2023-09")),  # two months ahead: "was set for September"
        ("October", SUNDAY, "past", ("DATE", "2022-10")),  # further ahead, the tense wins
        ("September", SUNDAY, "future", ("DATE", "2023-09")),
        ("July 1997", SUNDAY, "past", ("DATE", "1997-07")),
        ("since 2016", SUNDAY, "past", ("DATE", "2016")),
        ("2014", None, None, ("DATE", "2014")),
        ("2011", SUNDAY, "past", ("DATE", "2011")),  # a year stays a year, never a day
        ("April 2014", SUNDAY, "past", ("DATE", "2014-04")),
        ("the 1980s", SUNDAY, "past", ("DATE", "198")),
        ("the early 1990s", SUNDAY, "past", ("DATE", "199")),
        ("the '80s", SUNDAY, "past", ("DATE", "198")),
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
        ("8:04 PM", SUNDAY, "past", ("TIME", "2023-07-02T20:04")),
        ("10:30 a.m.", SUNDAY, "past", ("TIME", "2023-07-02T10:30")),
        ("noon", None, None, ("TIME", "XXXX-XX-XXT12:00")),
        # things that are not time values
        ("the camp", SUNDAY, "past", ("DATE", None)),
        ("may", SUNDAY, "past", ("DATE", None)),  # the verb; the extent finder passes only "May"
    ],
)
def test_normalize(text, anchor, tense, expected):
    assert normalize(text, anchor, tense) == expected


@pytest.mark.parametrize(
    "text, anchor, tense, expected",
    [
        ("May", SUNDAY, "past", ("DATE", "2023-05")),
        ("July last year", SUNDAY, "past", ("DATE", "2022-07")),
        ("January this year", SUNDAY, "past", ("DATE", "2023-01")),
        ("Last April", date(1989, 10, 26), "past", ("DATE", "1989-04")),
        # a clock time on a named day
        ("10 p.m. Wednesday", SUNDAY, "past", ("TIME", "2023-06-28T22:00")),
        ("5 p.m. EST, Nov. 9", date(1989, 11, 2), "future", ("TIME", "1989-11-09T17:00")),
        ("noon Thursday", SUNDAY, "past", ("TIME", "2023-06-29T12:00")),
        ("midday", SUNDAY, "past", ("TIME", "2023-07-02T12:00")),
        # weekends, halves, the end of a period, year-end
        ("the weekend", SUNDAY, "past", ("DATE", "2023-W26-WE")),  # a Sunday is inside its own weekend
        ("the weekend", date(2023, 7, 3), "past", ("DATE", "2023-W26-WE")),  # Monday: the one just gone
        ("the weekend", date(2023, 7, 3), "future", ("DATE", "2023-W27-WE")),
        ("the first half of 1990", None, None, ("DATE", "1990-H1")),
        ("the last half of 1989", None, None, ("DATE", "1989-H2")),
        ("the second half of next year", SUNDAY, "future", ("DATE", "2024-H2")),
        ("the end of November", date(1989, 10, 30), "past", ("DATE", "1989-11")),
        ("the end of this week", SUNDAY, "future", ("DATE", "2023-W26")),
        ("the end of the year", SUNDAY, "future", ("DATE", "2023")),
        ("year-end", SUNDAY, "future", ("DATE", "2023")),
        ("the full year", SUNDAY, "past", ("DATE", "2023")),
        ("the current fiscal year", SUNDAY, "present", ("DATE", "2023")),
        ("earlier in the year", SUNDAY, "past", ("DATE", "2023")),
        # quarters of results stories and fiscal terms
        ("the year-ago quarter", date(1989, 10, 26), "past", ("DATE", "1988-Q3")),
        ("the year-earlier period", date(1989, 10, 26), "past", ("DATE", "1988-Q3")),
        ("the 1988 third quarter", None, None, ("DATE", "1988-Q3")),
        ("next year's first quarter", date(1989, 10, 31), "future", ("DATE", "1990-Q1")),
        ("fiscal second-quarter", date(1989, 10, 26), "past", ("DATE", "1989-Q2")),
        ("this quarter", date(1989, 11, 1), "past", ("DATE", "1989-Q3")),  # results of the quarter just ended
        ("this quarter", date(1989, 11, 1), "future", ("DATE", "1989-Q4")),
        ("the latest period", date(1989, 10, 26), "past", ("DATE", "1989-Q3")),
        ("the year ended", None, None, ("DURATION", "P1Y")),  # "the year ended March 31"
        ("the fiscal year ending", None, None, ("DURATION", "P1Y")),
        ("every quarter", None, None, ("SET", "P1Q")),
        # durations with an article, a modifier or no number
        ("the nine months", None, None, ("DURATION", "P9M")),
        ("nearly two years", None, None, ("DURATION", "P2Y")),
        ("at least 30 days", None, None, ("DURATION", "P30D")),
        ("the latest nine months", None, None, ("DURATION", "P9M")),
        ("coming weeks", SUNDAY, "future", ("DURATION", "PXW")),
        ("the past year", SUNDAY, "past", ("DURATION", "P1Y")),
        ("almost two years ago", SUNDAY, "past", ("DATE", "2021")),
        # references
        ("the near future", SUNDAY, "future", ("DATE", "FUTURE_REF")),
        ("current", SUNDAY, "present", ("DATE", "PRESENT_REF")),
        # holidays, in the tense's direction
        ("Thanksgiving Day", date(2000, 1, 7), "past", ("DATE", "1999-11-25")),
        ("last Thanksgiving", date(2000, 1, 7), "present", ("DATE", "1999-11-25")),
        ("Election Day", date(1998, 10, 26), "future", ("DATE", "1998-11-03")),
        ("Memorial Day", SUNDAY, "past", ("DATE", "2023-05-29")),
        ("Christmas", SUNDAY, "future", ("DATE", "2023-12-25")),
        ("Christmas", None, None, ("DATE", "XXXX-12-25")),
    ],
)
def test_normalize_more(text, anchor, tense, expected):
    assert normalize(text, anchor, tense) == expected


@pytest.mark.parametrize(
    "text, reference, expected",
    [
        # anaphora read the latest calendar value mentioned before them
        ("that year", "1995", ("DATE", "1995")),
        ("later that year", "1998-06", ("DATE", "1998")),
        ("the following year", "1995-05-22", ("DATE", "1996")),
        ("the following month", "1989-03", ("DATE", "1989-04")),
        ("earlier that day", "1998-10-23", ("DATE", "1998-10-23")),
        ("the next morning", "2000-02-22", ("DATE", "2000-02-23")),
        ("that year", None, ("DATE", None)),
        # a year earlier than a quarter is that quarter a year before
        ("a year earlier", "1989-Q3", ("DATE", "1988-Q3")),
        ("a year ago", "1989-Q3", ("DATE", "1988-Q3")),
        ("a year ago", "1989-09-30", ("DATE", "1988")),
        ("year-earlier", "1989-Q3", ("DATE", "1988-Q3")),
        ("year-earlier", None, ("DATE", "1988")),
        ("the 1988 period", "1989-Q3", ("DATE", "1988-Q3")),
        ("the latest quarter", "1989-Q2", ("DATE", "1989-Q2")),
    ],
)
def test_normalize_against_a_reference(text, reference, expected):
    assert normalize(text, date(1989, 10, 26), "past", reference) == expected


def test_value_times_reads_references_in_text_order():
    from newsledger.extract.timex import value_times

    texts = ["the third quarter", "a year earlier", "a year earlier", "June 1995", "later that year"]
    expressions, offset = [], 0
    for text in texts:
        expressions.append(TimeExpression(offset, offset + len(text), text, "past"))
        offset += len(text) + 5
    values = [value for _, value in value_times(expressions, date(1989, 10, 26))]
    # a value read relative to the reference never becomes it: no 1987-Q3
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3", "1995-06", "1995"]


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
        ("Police arrested him at 10 p.m. Wednesday.", [("10 p.m. Wednesday", "past")]),
        ("Today, the council met.", [("Today", "past")]),
        ("Profit rose from $5 million a year earlier.", [("a year earlier", "past")]),
        ("Net income fell in the year-ago quarter.", [("the year-ago quarter", "past")]),
        ("The company posted a third-quarter loss.", [("third-quarter", "past")]),
        ("Officials met over the weekend.", [("the weekend", "past")]),
        ("He stayed for nearly two years.", [("nearly two years", "past")]),
        ("Sales for the year ended March 31 rose.", [("the year", "past"), ("March 31", "past")]),
        ("Elian was found on Thanksgiving Day.", [("Thanksgiving Day", "past")]),
        ("The group called off the talks later that year.", [("later that year", "past")]),
        ("The ruling was postponed until Tuesday morning.", [("Tuesday morning", "future")]),
        # must yield nothing: numbers, names and verbs that look like dates
        ("Some 3,000 members live in the camp.", []),
        ("At least 2016 people were killed.", []),
        ("The camp, known as Ashraf-3, is near Tirana.", []),
        ("Officials may visit the camp.", []),
        ("Police controlled all vehicles leaving the camp.", []),
        ("The 12-year-old boy was injured.", []),
        ("The plant will save $500 million a year.", []),  # a rate, not a time
        ("It shaped today's youth.", []),
        # a clock reading is a time of day only when something says so; else a video's length or a counter
        ("01:26\nPolice said the man was shot on Tuesday.", [("Tuesday", "past")]),
        ("2:31", []),
        ("Video (02:02): Police say five men were shot.", []),
        ("Manhunt for Double Murder Suspect in Oklahoma Crime Spree 1:22 autoplay", []),
        ("The show began at 21:00.", [("21:00", "past")]),
        ("The tram derailed shortly after 06:00 GMT.", [("06:00", "past")]),
        ("The hearing is scheduled for 11:00 Tuesday.", [("11:00 Tuesday", "future")]),
        ("Police arrived at 8:04 PM.", [("8:04 PM", "past")]),  # capital PM is part of the time
        # years and months keep their granularity
        ("He was killed in 2011.", [("2011", "past")]),
        ("The trial began in April 2014.", [("April 2014", "past")]),
    ],
)
def test_find_time_expressions(nlp, text, expected):
    assert _found(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, stamps, others",
    [
        ("Boy Dies In Accidental Shooting Posted: Wednesday, March 12, 2014 8:04 AM EST Updated: Wednesday, "
         "March 12, 2014 5:25 PM EST", ["Wednesday, March 12, 2014", "8:04 AM", "Wednesday, March 12, 2014", "5:25 PM"], []),
        ("Updated 10:32 PM\nPolice said a man was shot on Tuesday.", ["10:32 PM"], ["Tuesday"]),
        ("Xinhua | Updated: 2017-09-15 17:52\nThe missile was fired on Friday.", ["2017-09-15"], ["Friday"]),
        ("Published: 15:41 GMT, 16 December 2014 | Updated: 16:01 GMT, 16 December 2014",
         ["16 December 2014", "16:01", "16 December 2014"], []),
        ("October 6, 2013 11:58 PM\nA man was killed on Saturday.", ["October 6, 2013", "11:58 PM"], ["Saturday"]),
        ("UPDATE 11/30 5:04 p.m.: The autopsies were released.", ["5:04 p.m."], []),
        # must yield no stamp: a date in prose, a date line without a clock
        ("In an interview published Thursday, he said he was sorry.", [], ["Thursday"]),
        ("The story was first reported on Monday, June 5, 2017.", [], ["Monday, June 5, 2017"]),
        ("Monday, June 5, 2017\nA man was shot.", [], ["Monday, June 5, 2017"]),
    ],
)
def test_page_time_stamps_are_marked(nlp, text, stamps, others):
    found = find_time_expressions(nlp(text))
    assert [e.text for e in found if e.stamp] == stamps
    assert [e.text for e in found if not e.stamp] == others


@pytest.mark.model
def test_stage_leaves_page_stamps_out(make_context):
    ctx = make_context("Shooting Leaves One Dead Posted: Wednesday, March 12, 2014 8:04 AM EST\n"
                       "A man was killed on Tuesday. His trial may start in April 2015.\n01:26", published="2014-03-12")
    extract_times(ctx)
    assert [(t.text, t.type, t.value) for t in ctx.times] == [("Tuesday", "DATE", "2014-03-11"), ("April 2015", "DATE", "2015-04")]


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
    assert STAGE.name == "timex.v3"
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


@pytest.mark.parametrize("earlier, later, expected", [
    ("2016-07-27", "2016-07-28T20:45", 1),  # a time on a day is that day
    ("2016-07-28", "2016-07-27", -1),
    ("2016-07", "2016-07-28", None),  # a month is no day
    ("2016-02-30", "2016-03-01", None),  # no such day
    (None, "2016-07-28", None),
])
def test_days_between_calendar_days(earlier, later, expected):
    from newsledger.extract.timenorm import days_between

    assert days_between(earlier, later) == expected
