"""An undated article's publication day from the dated articles of its story (link/story_dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.ledger import process_texts
from newsledger.link.story_dates import in_story_year

DATED = ("date 2023-06-22\n\nPolice raided the headquarters of the Albanian group in Durres on Tuesday, June 20, "
         "arresting 12 members, the interior ministry said. The raid on the Durres compound followed weeks of "
         "tension with the group.")
UNDATED = ("Albanian police raided the Durres headquarters of the group on June 20 and arrested 12 members, officials "
           "said. The interior ministry said the raid on the Durres compound followed weeks of tension with the group.")


@pytest.mark.parametrize("value, middle, expected", [
    ("XXXX-06-20", date(2023, 6, 22), date(2023, 6, 20)),
    ("XXXX-12-30", date(2024, 1, 2), date(2023, 12, 30)),  # across the new year
    ("XXXX-02-29", date(2024, 3, 1), date(2024, 2, 29)),
    ("XXXX-09-01", date(2023, 3, 1), None),  # half a year from the story: not its day
    ("2023-06-20", date(2023, 6, 22), None),  # already a full date
    ("XXXX-WXX-2", date(2023, 6, 22), None),
])
def test_a_month_day_is_read_in_the_year_closest_to_the_story(value, middle, expected):
    assert in_story_year(value, middle) == expected


@pytest.mark.model
def test_an_undated_article_takes_the_year_of_its_storys_dated_articles():
    with process_texts([DATED, UNDATED]) as ledger:
        data = ledger.to_dict()
    dated, undated = data["articles"]
    assert dated["story"] == undated["story"]
    assert (undated["published"], undated["published_source"]) == ("2023-06-20", "story")
    evidence = undated["published_evidence"][0]
    assert UNDATED[evidence["start"]:evidence["end"]] == evidence["text"] == "June 20"
    # its time expression and the event it dates read in that year too
    assert [t["value"] for t in data["times"] if t["article"] == undated["id"] and t["text"] == "June 20"] == [
        "2023-06-20"]
    assert {e["date"] for e in data["events"] if e["article"] == undated["id"]} >= {"2023-06-20"}


@pytest.mark.model
def test_an_article_alone_in_its_story_stays_undated():
    with process_texts([UNDATED]) as ledger:
        (article,) = ledger.to_dict()["articles"]
    assert (article["published"], article["published_source"]) == (None, "none")


@pytest.mark.model
def test_a_violent_main_event_gives_the_story_linker_its_day_and_place():
    text = ("date 2016-07-28\n\nGAINESVILLE, Fla. - One person was killed and two were wounded Wednesday when two "
            "masked men opened fire into a home, police said.")
    with process_texts([text]) as ledger:
        features = {r["feature"] for r in ledger.store.rows("SELECT feature FROM article_features")}
    assert "i:2016-07-27|Gainesville, Florida" in features
