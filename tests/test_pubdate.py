"""Publication date inference: the pure rule as a table, then the stage on seeds."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.pubdate import STAGE, infer_publication_date, infer_published
from newsledger.extract.timex import TimeExpression
from newsledger.options import Options

TODAY = date(2026, 11, 23)
# Several years fit seed 000, so its confidence stays well below a sure one.
STAGE_CONFIDENCE_CEILING = 0.8


def _expressions(*items: str | tuple[str, str]) -> list[TimeExpression]:
    """Hand-built extents: "Tuesday", or ("Sunday", "future") to set the tense."""
    built, offset = [], 0
    for item in items:
        text, tense = item if isinstance(item, tuple) else (item, "past")
        built.append(TimeExpression(offset, offset + len(text), text, tense))
        offset += len(text) + 10
    return built


@pytest.mark.parametrize(
    "items, day, years",
    [
        # seed 000's expressions: Tuesday = June 20 (2017, 2023), Wednesday is the day after
        (["Wednesday", "Tuesday", "June 20", "2014", "1980", ("88", "past"), "2016"], date(2023, 6, 21), [2017, 2018, 2023]),
        # one full date, nothing else
        (["July 4, 2019"], date(2019, 7, 4), [2019]),
        # the latest full date wins; a later weekday moves the day forward
        (["March 3, 2020", "July 4, 2019", "Thursday"], date(2020, 3, 5), [2020]),
        # a weekday and a month-day that coincide in exactly one year after the floor
        (["2022", "Friday", "March 3"], date(2023, 3, 3), [2023]),
        # a weekday moves the day at most two days forward: Thursday July 4 → Saturday, not Sunday
        (["July 4, 2019", "Saturday"], date(2019, 7, 6), [2019]),
        (["July 4, 2019", "Sunday"], date(2019, 7, 4), [2019]),
        # "last Saturday" names an earlier week: it moves nothing
        (["July 4, 2019", "last Saturday"], date(2019, 7, 4), [2019]),
        # only a weekday reported in a past sentence moves the day
        (["July 4, 2019", ("Saturday", "present")], date(2019, 7, 4), [2019]),
    ],
)
def test_inferred_day(items, day, years):
    guess = infer_publication_date(_expressions(*items), TODAY)
    assert guess is not None
    assert guess.day == day
    assert guess.candidate_years == years
    assert 0 < guess.confidence <= 1


@pytest.mark.parametrize(
    "items",
    [
        [],  # no dates at all
        ["Tuesday", "Wednesday"],  # weekdays alone fix no year
        ["June 20"],  # a month-day alone fixes no year
        ["Thursday", "June 20"],  # no year in the text: the coincidence recurs every few years
        ["2016", "many years"],  # a year bounds the date, it does not fix a day
        [("Sunday", "future"), ("June 20", "future"), "2016"],  # future mentions bound nothing
        ["July 4, 2030"],  # after today
        ["Sept. 11, 2001", "2016"],  # a full date older than a year the text names is background
        [("March 15", "present"), "Tuesday", "2016"],  # a scheduled month-day anchors nothing
        ["March 15", ("Tuesday", "present"), "2016"],  # nor does a weekday outside a past sentence
    ],
)
def test_no_inference(items):
    assert infer_publication_date(_expressions(*items), TODAY) is None


def test_more_candidate_years_mean_less_confidence():
    one = infer_publication_date(_expressions("2022", "Friday", "March 3"), TODAY)
    several = infer_publication_date(_expressions("2016", "Tuesday", "Wednesday", "June 20"), TODAY)
    assert one is not None and several is not None
    assert len(several.candidate_years) > 1
    assert several.confidence < one.confidence


def test_year_floor_comes_from_the_latest_year():
    guess = infer_publication_date(_expressions("2020", "Tuesday", "June 20"), TODAY)
    assert guess is not None
    assert all(year >= 2020 for year in guess.candidate_years)
    assert guess.day == date(2023, 6, 20)


@pytest.mark.model
def test_seed_000_is_inferred(make_context, seed_texts):
    text = next(t for name, t in seed_texts.items() if name.startswith("000"))
    ctx = make_context(text)
    ctx.options = Options(today=TODAY)
    infer_published(ctx)
    article = ctx.article
    assert article.published == "2023-06-21"
    assert article.published_source == "inferred"
    assert 0 < article.published_confidence < STAGE_CONFIDENCE_CEILING
    evidence = {e.text for e in article.published_evidence}
    assert {"Wednesday", "Tuesday", "June 20"} <= evidence
    for e in article.published_evidence:
        assert article.text[e.start:e.end] == e.text
        assert e.article == article.id


@pytest.mark.model
def test_seed_000_candidate_years(nlp, seed_texts):
    from newsledger.extract.timex import find_time_expressions

    text = next(t for name, t in seed_texts.items() if name.startswith("000"))
    guess = infer_publication_date(find_time_expressions(nlp(text.strip())), TODAY)
    assert guess is not None
    assert {2017, 2023} <= set(guess.candidate_years)
    assert max(guess.candidate_years) == 2023


@pytest.mark.model
@pytest.mark.parametrize(
    "text, published, expected, source",
    [
        # dated by header or metadata: left alone
        ("date 2023-07-02 Police raided the camp on June 20, 2019.", None, "2023-07-02", "header"),
        ("Police raided the camp on June 20, 2019.", "2023-07-02", "2023-07-02", "metadata"),
        # nothing to infer from
        ("Police raided the camp and seized drones.", None, None, "none"),
        ("Police raided the camp on Tuesday.", None, None, "none"),
        # a full date
        ("The treaty was signed on July 4, 2019, officials said.", None, "2019-07-04", "inferred"),
    ],
)
def test_stage_chain(make_context, text, published, expected, source):
    ctx = make_context(text, published=published)
    ctx.options = Options(today=TODAY)
    infer_published(ctx)
    assert ctx.article.published == expected
    assert ctx.article.published_source == source
    if source != "inferred":
        assert ctx.article.published_evidence == []
        assert ctx.article.published_confidence is None


def test_stage_declaration():
    assert STAGE.name == "pubdate.v2"
    assert STAGE.requires == ("doc",)
    assert STAGE.assigns == ("article.published",)
