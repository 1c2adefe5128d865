"""Page furniture: found line by line at read time, kept in the text, blanked from the parse."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsledger import Ledger, Options
from newsledger.ingest import read_paths
from newsledger.ingest.furniture import RecurringLines, find_furniture, site_of
from newsledger.ingest.text import article_from_text
from newsledger.records import Article, Furniture

# (text, expected furniture as (reason, the text it covers)), in order.
CASES = [
    # gallery slides and their counters
    ("Photos: Flooding in the valley A truck crosses a road. Hide Caption 1 of 59",
     [("gallery", "Photos: Flooding in the valley A truck crosses a road. Hide Caption 1 of 59")]),
    ("Image 3 of 12 Firefighters work at the scene on Monday.",
     [("gallery", "Image 3 of 12 Firefighters work at the scene on Monday.")]),
    ("Photo: Jane Doe / The Daily Image 1 of / 4 Caption Close", [("gallery", "Photo: Jane Doe / The Daily Image 1 of / 4 Caption Close")]),
    ("Slideshow", [("gallery", "Slideshow")]),
    # video lengths, players, and the title next to a length
    ("01:26", [("video", "01:26")]),
    ("Mayor visits the flooded district\n\n1:24",
     [("video", "Mayor visits the flooded district"), ("video", "1:24")]),
    ("VIDEO: Crews clear debris after the storm", [("video", "VIDEO: Crews clear debris after the storm")]),
    ("Video (02:02) : Residents describe the night of the fire.", [("video", "Video (02:02) : Residents describe the night of the fire.")]),
    ("Skip in Skip x Embed x Share The storm's path through the county", [("video", "Skip in Skip x Embed x Share The storm's path through the county")]),
    ("Scroll down for video", [("video", "Scroll down for video")]),
    # javascript
    ("Please enable Javascript to watch this video", [("javascript", "Please enable Javascript to watch this video")]),
    ("This slideshow requires JavaScript.", [("javascript", "This slideshow requires JavaScript.")]),
    # copyright notices, whole or closing a line
    ("© 2016 Cable News Network", [("copyright", "© 2016 Cable News Network")]),
    ("Copyright 2015 The Associated Press. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed.",
     [("copyright", "Copyright 2015 The Associated Press. All rights reserved. This material may not be published, "
                    "broadcast, rewritten or redistributed.")]),
    ("The council meets again on Friday. Copyright 2017 Example Media Group. All rights reserved.",
     [("copyright", "Copyright 2017 Example Media Group. All rights reserved.")]),
    ("Image copyright Getty Images Image caption Rescue teams at the site",
     [("caption", "Image copyright Getty Images Image caption Rescue teams at the site")]),
    # share, subscribe, follow
    ("Share this:", [("share", "Share this:")]),
    ("Click to share on Twitter (Opens in new window)", [("share", "Click to share on Twitter (Opens in new window)")]),
    ("Twitter\nFacebook\nEmail", [("share", "Twitter"), ("share", "Facebook"), ("share", "Email")]),
    ("Read or Share this story: http://example.com/abc", [("share", "Read or Share this story: http://example.com/abc")]),
    ("Follow us on Twitter for the latest updates", [("share", "Follow us on Twitter for the latest updates")]),
    ("Sign up for our newsletter", [("subscribe", "Sign up for our newsletter")]),
    ("Already a subscriber?", [("subscribe", "Already a subscriber?")]),
    # photo captions and credits
    ("(Photo: John Smith/AP)", [("caption", "(Photo: John Smith/AP)")]),
    ("Photo by Jane Doe", [("caption", "Photo by Jane Doe")]),
    ("Credit: Jane Doe / Getty Images", [("caption", "Credit: Jane Doe / Getty Images")]),
    ("Jane Doe/Getty Images", [("caption", "Jane Doe/Getty Images")]),
    ("Rescue workers search the rubble of the collapsed school on Tuesday evening. (Photo: John Smith/AP)",
     [("caption", "(Photo: John Smith/AP)")]),
    ("Volunteers fill sandbags along the river bank near the old mill. (AP Photo/Jane Doe)",
     [("caption", "(AP Photo/Jane Doe)")]),
    ("Buy Photo Volunteers fill sandbags along the river on Sunday.", [("caption", "Buy Photo")]),
    ("A firefighter at the scene. View Full Caption Example News/Jane Doe",
     [("caption", "A firefighter at the scene. View Full Caption Example News/Jane Doe")]),
    # related links, advertisements, comments, contacts, site chrome
    ("Related: Storm damage closes two schools", [("related", "Related: Storm damage closes two schools")]),
    ("READ MORE: Council approves the new budget", [("related", "READ MORE: Council approves the new budget")]),
    ("Related Coverage", [("related", "Related Coverage")]),
    ("Advertisement", [("advertisement", "Advertisement")]),
    ("Advertisement Continue reading the main story", [("advertisement", "Advertisement Continue reading the main story")]),
    ("12 comments", [("comments", "12 comments")]),
    ("Join the conversation", [("comments", "Join the conversation")]),
    ("jdoe@example.com or 555-555-1234", [("contact", "jdoe@example.com or 555-555-1234")]),
    ("Your notification has been saved.", [("boilerplate", "Your notification has been saved.")]),
    ("A fund was set up for the family. Click here to donate.", [("boilerplate", "Click here to donate.")]),
]

# Story lines: never furniture.
NOTHING = [
    "GAINESVILLE, Fla. - One person was killed and two others were hurt when gunfire broke out at a party.",
    '"We share their grief, and we will share whatever we learn," the mayor said on Tuesday.',
    "The company argued that copyright law protects the design, a claim the court rejected in 2016.",
    "The shooting happened at 1:24 a.m., police said.",
    "More than 50 people were taken to hospital for treatment.",
    "Related charges were filed against his brother on Friday.",
    "Video footage posted online shows the suspect running from the store.",
    "Police asked residents to follow the department on Twitter for updates.",
    "WASHINGTON (AP) — The Senate passed the bill late Thursday.",
    "The Associated Press contributed to this report.",
    "The caption of the post reads: 'You can't run with me.'",
    "Photos show the car was parked outside the school.",
    "He was convicted on 3 of 5 counts.",
    "Open from Monday to Friday (Main Street/Oak Avenue)",
    "Watch out for black ice on the bridges tonight, the county warned.",
    "No arrests have been made.",
    "Police released 3 of 5 photos of the suspect on Monday.",
    "Her social media caption read: 'Free at last.'",
    "It is a must watch for anyone who cares about the city, she said.",
    "For more than a decade the family lived here.",
    "Adobe stopped supporting Flash Player in 2020.",
    "Register today to vote in the March primary, the clerk urged.",
]


@pytest.mark.parametrize("text, expected", CASES)
def test_furniture_found_with_its_reason_and_exact_offsets(text, expected):
    found = find_furniture(text)
    assert [(f.reason, text[f.start:f.end]) for f in found] == expected


@pytest.mark.parametrize("text", NOTHING)
def test_story_lines_yield_nothing(text):
    assert find_furniture(text) == []


def test_offsets_point_into_the_whole_text():
    lines = ["  The river rose two metres overnight, officials said.", "Advertisement", "", "   01:26  ",
             "Residents were told to leave. (Photo: John Smith/AP)", "Share this:"]
    text = "\n".join(lines)
    found = find_furniture(text)
    assert [text[f.start:f.end] for f in found] == ["Advertisement", "01:26", "(Photo: John Smith/AP)", "Share this:"]
    assert [f.reason for f in found] == ["advertisement", "video", "caption", "share"]


def test_parse_text_blanks_furniture_and_keeps_every_offset():
    text = "Two people were hurt in the fire, police said.\nHide Caption 1 of 59\n01:26\nThe road reopened on Monday."
    article = article_from_text(text)
    parsed = article.parse_text()
    assert len(parsed) == len(text)
    assert [i for i, c in enumerate(parsed) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert "Caption" not in parsed and "59" not in parsed and "01:26" not in parsed
    assert parsed.startswith("Two people were hurt") and parsed.endswith("The road reopened on Monday.")


def test_a_long_notice_glued_to_the_next_sentence_keeps_that_sentence():
    story = " ".join(["The mayor said the plan would be reviewed by the council before the end of the year."] * 5)
    text = f"Jane Doe © 2016 Example Media Group. {story}"
    (span,) = find_furniture(text)
    assert text[span.start:span.end] == "Jane Doe © 2016 Example Media Group."


def test_every_reader_builds_articles_with_their_furniture(tmp_path):
    body = "Two people were hurt in the fire, police said.\nAdvertisement\nThe road reopened on Monday."
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": body, "id": "j1"}) + "\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Fire</title></head><body><article><p>Two people were hurt in the fire on Main Street, "
        "police said on Sunday evening.</p><p>Share this:</p><p>The road reopened on Monday after crews cleared "
        "the debris from the lanes.</p></article></body></html>")
    articles = [a for a in read_paths(tmp_path) if isinstance(a, Article)]
    assert len(articles) == 3
    for article in articles:
        assert [f.reason for f in article.furniture] in (["advertisement"], ["share"]), article.source


def _article(n: int, text: str, url: str | None = "https://www.example.com/news/{n}") -> Article:
    return article_from_text(text, f"<{n}>", url=url.format(n=n) if url else None)


def test_recurring_lines_of_one_site_are_boilerplate_from_their_third_article():
    promo = "Listen to Example Radio on weekday mornings"
    recurring = RecurringLines()
    articles = [_article(n, f"Story number {n} happened on Tuesday, police said.\n{promo}") for n in range(4)]
    for article in articles:
        recurring.mark(article)
    marked = [[a.text[f.start:f.end] for f in a.furniture] for a in articles]
    assert marked == [[], [], [promo], [promo]]
    assert all(a.furniture[0].reason == "boilerplate" for a in articles[2:])


def test_recurring_lines_need_the_same_site_and_leave_sentences_alone():
    recurring = RecurringLines()
    line = "Stay with us for more details"
    sentence = "No arrests have been made."
    other_sites = [_article(n, f"Story {n}.\n{line}", url=f"https://site{n}.example.org/x") for n in range(3)]
    same_site = [_article(n, f"Story {n} on Friday.\n{sentence}") for n in range(3)]
    no_site = [_article(n, f"Story {n} on Monday.\n{line}", url=None) for n in range(3)]
    for article in other_sites + same_site + no_site:
        recurring.mark(article)
    assert all(not a.furniture for a in other_sites + same_site + no_site)


def test_the_site_ignores_www_and_mobile_hosts():
    assert site_of(_article(1, "x y z.", url="https://www.example.com/a")) == "example.com"
    assert site_of(_article(1, "x y z.", url="https://m.example.com/a")) == "example.com"
    assert site_of(Article(id="a", source="s", text="t", outlet="Example News")) == "example news"
    assert site_of(Article(id="a", source="s", text="t", url="http://[::1")) is None


def test_read_paths_marks_a_sites_recurring_lines(tmp_path):
    promo = "Get the Example News app for iPhone and Android"
    lines = [json.dumps({"text": f"Report {n}: the bridge closed on Tuesday, officials said.\n{promo}",
                         "url": f"https://example.com/{n}"}) for n in range(3)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    articles = [a for a in read_paths(tmp_path / "feed.jsonl") if isinstance(a, Article)]
    assert [len(a.furniture) for a in articles] == [0, 0, 1]
    # a second call starts afresh
    again = [a for a in read_paths(tmp_path / "feed.jsonl") if isinstance(a, Article)]
    assert [len(a.furniture) for a in again] == [0, 0, 1]


def test_huge_and_odd_inputs_do_not_stall():
    text = ("Photo " * 50_000) + "\n" + ("a|" * 20_000) + "\n" + ("(" * 10_000) + "\n" + "© " * 30_000
    found = find_furniture(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)


CAPTION_AND_LENGTH = (
    "Gunmen opened fire on a crowd outside a bar in Springfield on Tuesday night, killing two people, police said.\n\n"
    "Photos: Springfield bar shooting A wounded man is carried from the bar. Hide Caption 56 of 59\n\n"
    "01:26\n\n"
    "Officers arrested a suspect on Wednesday, police spokesman John Reed said.\n\n"
    "Copyright 2016 The Associated Press. All rights reserved."
)


def _inside(spans: list[Furniture], start: int, end: int) -> bool:
    return any(span.start <= start and end <= span.end for span in spans)


@pytest.mark.model
def test_no_casualty_figure_or_time_comes_from_furniture(tmp_path):
    from newsledger.pipeline import analyze

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": CAPTION_AND_LENGTH, "published": "2016-05-04",
                                "url": "https://news.example.com/springfield"}) + "\n")
    options = Options(today=date(2026, 11, 23))
    with Ledger(options=options) as ledger:
        report = ledger.ingest([feed])
        assert (report.added, report.failed) == (1, 0)
        data = ledger.to_dict()
    (article,) = data["articles"]
    spans = [Furniture.from_dict(f) for f in article["furniture"]]
    assert [(f.reason, CAPTION_AND_LENGTH[f.start:f.end][:12]) for f in spans] == [
        ("gallery", "Photos: Spri"), ("video", "01:26"), ("copyright", "Copyright 20")]
    evidence = [(t["start"], t["end"]) for t in data["times"]]
    evidence += [(f["quantity"]["start"], f["quantity"]["end"]) for f in data["figures"]]
    evidence += [(e[k]["start"], e[k]["end"]) for e in data["events"] for k in ("killed", "injured") if e.get(k)]
    assert evidence and not [span for span in evidence if _inside(spans, *span)]
    assert any(e.get("killed") and e["killed"]["min"] == 2 for e in data["events"])  # the story's own figure stays

    # Read with the furniture left in, the same lines do give a time and a count: what the spans keep out.
    (as_written,) = analyze([Article.from_dict(article | {"furniture": []})], options)
    leaked = [t.text for t in as_written.times if _inside(spans, t.start, t.end)]
    leaked += [f.quantity.text for f in as_written.figures if _inside(spans, f.quantity.start, f.quantity.end)]
    assert {"56", "2016"} <= set(leaked)  # (a bare "01:26" is no time since timex.v3, furniture or not)


def test_a_caption_label_in_a_text_without_line_breaks_takes_only_its_caption():
    story = ("Image copyright Reuters Image caption The boy was found without signs of life. " +
             "A Chinese boy trapped down a well for four days has died, state media said. " * 12).strip()
    (span,) = find_furniture(story)
    assert story[span.start:span.end] == "Image copyright Reuters Image caption The boy was found without signs of life."
