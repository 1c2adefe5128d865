"""Attribution: who said what, through which channel, reported by whom.

Tables of text -> expected statements. The quote scanner, the speaker-kind
rule and ``statement_for_offset`` are tested without the model; the rest
uses the session model through ``make_context``.
"""

from __future__ import annotations

import pytest

from newsledger.extract.attribution import STAGE, extract_statements, statement_for_offset
from newsledger.extract.attribution.lexicon import is_media_name, speaker_kind, strip_determiner
from newsledger.extract.attribution.quotes import (
    CLOSED_AT_PARAGRAPH_END,
    CONTINUED_OVER_PARAGRAPHS,
    OPENED_AT_PARAGRAPH_START,
    find_quotes,
)
from newsledger.records import Statement, TimeValue

SEED_000 = "000_47efa3854fc7cff5"
SEED_004 = "004_940144aa6ef8bbfa"


# --- quotes (no model) ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said, “We are ready. We will go.” Then he left.", [("We are ready. We will go.", [])]),
        ('He said "yes we can" and "no".', [("yes we can", []), ("no", [])]),
        ("A “scare” word.", [("scare", [])]),
        # Newswire convention: a paragraph left open and reopened continues the quote.
        ("“First part.\n\n“Second part,” she said.", [("First part.\n\n“Second part,", [CONTINUED_OVER_PARAGRAPHS])]),
        ("He said “never closed\n\nNext paragraph.", [("never closed", [CLOSED_AT_PARAGRAPH_END])]),
        ("never opened” he said.", [("never opened", [OPENED_AT_PARAGRAPH_START])]),
        ("No quotes at all, it's just an apostrophe.", []),
        ("Empty “” marks.", []),
    ],
)
def test_find_quotes(text, expected):
    found = [(text[q.inner_start:q.inner_end], q.assumptions) for q in find_quotes(text)]
    assert found == expected


def test_quote_offsets_include_marks():
    text = "He said, “We are ready.”"
    (quote,) = find_quotes(text)
    assert text[quote.start:quote.end] == "“We are ready.”"


# --- lexicon rules (no model) --------------------------------------------


@pytest.mark.parametrize(
    "head, determiner, plural, named, pronoun, expected",
    [
        ("Rama", None, False, True, False, "named"),
        ("he", None, False, False, True, "pronoun"),
        ("spokesman", "the", False, False, False, "role"),
        ("ministry", "the", False, False, False, "role"),
        ("source", "a", False, False, False, "anonymous"),
        ("official", "the", True, False, False, "anonymous"),
        ("report", "the", False, False, False, "anonymous"),
        ("diplomat", "a", False, False, False, "anonymous"),
    ],
)
def test_speaker_kind(head, determiner, plural, named, pronoun, expected):
    assert speaker_kind(head, determiner, plural, named, pronoun) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("the Albanian Daily News", True), ("Press TV", True), ("the German magazine Spiegel", True), ("Edi Rama", False)],
)
def test_is_media_name(text, expected):
    assert is_media_name(text) is expected


def test_strip_determiner():
    assert strip_determiner("the Albanian Daily News") == "Albanian Daily News"
    assert strip_determiner("IRNA") == "IRNA"


# --- statement_for_offset (no model) -------------------------------------


def _statement(sid: str, content_start: int, content_end: int) -> Statement:
    return Statement(sid, "a", None, None, "said", "x", "indirect", 0, 100,
                     content_start=content_start, content_end=content_end)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (12, 20, "inner"),  # inside both: the innermost wins
        (5, 20, "outer"),  # inside the outer only
        (40, 50, "outer"),
        (0, 5, None),  # before any content
        (55, 70, None),  # straddles the outer's end
    ],
)
def test_statement_for_offset(start, end, expected):
    statements = [_statement("outer", 5, 60), _statement("inner", 10, 30)]
    found = statement_for_offset(statements, start, end)
    assert (found.id if found else None) == expected


# --- the stage on single texts (model) -----------------------------------


def _run(make_context, text, times=()):
    ctx = make_context(text)
    ctx.times = list(times)
    extract_statements(ctx)
    return ctx


def _entity_name(ctx, entity_id):
    return {e.id: e.name for e in ctx.local_entities}.get(entity_id)


@pytest.mark.parametrize(
    "text",
    [
        "Police raided the camp on Tuesday.",
        "His statements followed reported clashes that erupted on Tuesday.",
        "The company denied entry to the inspectors.",
        "He said nothing.",
    ],
)
def test_texts_without_statements(make_context, text):
    assert _run(make_context, text).statements == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Spokesman Ned Price told reporters at a press briefing that the United States would not comment.",
            dict(speaker_text="Spokesman Ned Price", speaker_kind="named", cue="told", kind="indirect",
                 content="the United States would not comment", channel="told reporters", reported_by=None),
        ),
        (
            "The minister wrote on Facebook that the border would reopen.",
            dict(speaker_text="The minister", speaker_kind="role", cue="wrote", kind="indirect",
                 content="the border would reopen", channel="wrote on Facebook", reported_by=None),
        ),
        (
            "The army said in a statement that two soldiers were wounded.",
            dict(speaker_text="The army", speaker_kind="role", cue="said", kind="indirect",
                 content="two soldiers were wounded", channel="in a statement", reported_by=None),
        ),
        (
            "According to the interior ministry, three people were killed in the attack.",
            dict(speaker_text="the interior ministry", speaker_kind="role", cue="According to", kind="indirect",
                 content="three people were killed in the attack", channel=None, reported_by=None),
        ),
        (
            "Three people were killed in the attack, according to the Xinhua news agency.",
            dict(speaker_text="the Xinhua news agency", cue="according to", kind="indirect",
                 content="Three people were killed in the attack", reported_by="Xinhua news agency"),
        ),
        (
            "“This is a crime,” said John Smith, a local resident.",
            dict(speaker_text="John Smith", speaker_kind="named", cue="said", kind="direct", content="This is a crime"),
        ),
        (
            'Jane Doe said: "The plan failed completely and we need to start over."',
            dict(speaker_text="Jane Doe", cue="said", kind="direct",
                 content="The plan failed completely and we need to start over."),
        ),
        (
            "Maria Lopez told the BBC that she would resign.",
            dict(speaker_text="Maria Lopez", cue="told", content="she would resign", reported_by="BBC", channel=None),
        ),
        (
            "Officials said the toll could rise.",
            dict(speaker_text="Officials", speaker_kind="anonymous", speaker=None, cue="said", content="the toll could rise"),
        ),
        (
            "Kanaani said that “the MKO is a terrorist group",
            dict(kind="mixed", content="the MKO is a terrorist group", assumptions=[CLOSED_AT_PARAGRAPH_END]),
        ),
        # Beyond speech: PolNeAR's beliefs, intentions, stances and evidence, typed by mode.
        (
            "Polls show that Clinton leads in Ohio.",
            dict(speaker_text="Polls", cue="show", content="Clinton leads in Ohio", mode="evidence"),
        ),
        (
            "The senator believes that the deal will fail.",
            dict(speaker_text="The senator", cue="believes", content="the deal will fail", mode="belief"),
        ),
        (
            "She wants to run for governor.",
            dict(speaker_text="She", cue="wants", content="to run for governor", mode="intention"),
        ),
        (
            "The union endorsed Hillary Clinton on Monday.",
            dict(speaker_text="The union", cue="endorsed", content="Hillary Clinton", mode="stance"),
        ),
        (
            "He called for a ban on imports.",
            dict(speaker_text="He", cue="called for", content="a ban on imports", mode="speech"),
        ),
        (
            "The mayor did not mention the budget.",
            dict(speaker_text="The mayor", cue="did not mention", content="the budget", mode="speech"),
        ),
        (
            "The group has been described as “a cult” by critics.",
            dict(speaker_text="critics", cue="has been described", mode="speech"),
        ),
        (
            "In the three years since the shooting, Barden says, far too many lives have been lost to gun violence.",
            dict(speaker_text="Barden", cue="says", content="far too many lives have been lost to gun violence"),
        ),
        (
            "Senator John McCain says the populist movement that is sweeping the country appeals to bad instincts.",
            dict(speaker_text="Senator John McCain", cue="says",
                 content="the populist movement that is sweeping the country appeals to bad instincts"),
        ),
        (
            "Bill Bruch, a state delegate who opposes the nominee, said the rules were unfair.",
            dict(speaker_text="Bill Bruch", cue="said", content="the rules were unfair"),
        ),
        (
            "Clinton: “Our goal is to defeat ISIS.”",
            dict(speaker_text="Clinton", cue=":", kind="direct", content="Our goal is to defeat ISIS."),
        ),
    ],
)
def test_single_statement(make_context, text, expected):
    ctx = _run(make_context, text)
    assert len(ctx.statements) == 1, [s.content for s in ctx.statements]
    statement = ctx.statements[0]
    for name, value in expected.items():
        assert getattr(statement, name) == value, name


def test_a_quote_resumed_after_the_cue_keeps_its_speaker_even_with_a_verb_inside(make_context):
    ctx = _run(make_context, '"We have a process," he said. "It\'s called an election."')
    assert [(s.speaker_text, s.content) for s in ctx.statements] == [("he", "We have a process"), ("he", "It's called an election.")]


def test_beliefs_inside_a_quote_are_the_quote_not_statements(make_context):
    ctx = _run(make_context, "“I think we will win easily,” Sanders said.")
    assert [(s.speaker_text, s.cue, s.mode) for s in ctx.statements] == [("Sanders", "said", "speech")]


def test_source_phrase_keeps_the_apposition_but_not_the_cue(make_context):
    text = "Bill Bruch, a state delegate who opposes the nominee, said the rules were unfair. Kanaani, who spoke on Monday, said that talks failed."
    first, second = _run(make_context, text).statements
    assert text[first.source_start:first.source_end] == "Bill Bruch, a state delegate who opposes the nominee"
    assert text[second.source_start:second.source_end] == "Kanaani, who spoke on Monday"


def test_offsets_point_at_their_text(make_context):
    text = "“We are ready to talk,” Foreign Minister Hossein Amirabdollahian said on Monday, “but not under pressure.”"
    ctx = _run(make_context, text)
    assert [s.content for s in ctx.statements] == ["We are ready to talk", "but not under pressure."]
    for s in ctx.statements:
        assert text[s.content_start:s.content_end] == s.content
        assert text[s.cue_start:s.cue_end] == s.cue
        assert text[s.speaker_start:s.speaker_end] == s.speaker_text
        assert (s.start, s.end) == (0, len(text))
        assert s.extractor == "attribution.v2"
    assert "second part of a quote interrupted by its attribution" in ctx.statements[1].assumptions


@pytest.mark.parametrize(
    "text, expected_name",
    [
        ("President Joe Biden met Chancellor Olaf Scholz in Berlin. He said the alliance was strong.", "Joe Biden"),
        ("The spokesman, Nasser Kanaani, said Iran would respond.", "Nasser Kanaani"),
        ("Ministry spokesman Nasser Kanaani arrived. The spokesman said Iran would respond.", "Nasser Kanaani"),
    ],
)
def test_speaker_resolution(make_context, text, expected_name):
    ctx = _run(make_context, text)
    assert _entity_name(ctx, ctx.statements[-1].speaker) == expected_name


def test_anonymous_source_is_not_glued_to_a_name(make_context):
    ctx = _run(make_context, "Nasser Kanaani visited Tirana. A security source said two people were killed.")
    (statement,) = ctx.statements
    assert (statement.speaker, statement.speaker_kind, statement.speaker_text) == (None, "anonymous", "A security source")


def test_multi_paragraph_quote(make_context):
    text = "“The talks were useful. We will meet again next week.\n\n“But nothing has been agreed yet,” the diplomat said."
    (statement,) = _run(make_context, text).statements
    assert statement.kind == "direct"
    assert statement.content.startswith("The talks were useful.")
    assert statement.content.endswith("nothing has been agreed yet")
    assert CONTINUED_OVER_PARAGRAPHS in statement.assumptions


def test_quote_paragraph_continues_the_previous_speaker(make_context):
    text = "“We will fight,” the commander said.\n\n“We have enough weapons to last for many months of fighting.”"
    first, carried = _run(make_context, text).statements
    assert carried.content == "We have enough weapons to last for many months of fighting."
    assert (carried.cue, carried.cue_start, carried.speaker_text) == ("", None, first.speaker_text)
    assert "speaker carried over from the previous quote" in carried.assumptions


def test_quotes_with_no_speaker_anywhere_yield_nothing(make_context):
    text = "“A long quote that has no attribution at all and goes on.”\n\n“Another one that goes on without a cue.”"
    assert _run(make_context, text).statements == []


def test_cue_date_comes_from_times(make_context):
    text = "Nasser Kanaani explained on Wednesday that the camp was raided."
    start = text.index("Wednesday")
    wednesday = TimeValue("x", start, start + len("Wednesday"), "Wednesday", "DATE", "2023-06-21")
    (statement,) = _run(make_context, text, times=[wednesday]).statements
    assert statement.date == "2023-06-21"
    assert statement.content == "the camp was raided"


def test_a_duration_dates_no_statement(make_context):
    text = "Nasser Kanaani explained for years that the camp was a threat."
    start = text.index("years")
    years = TimeValue("x", start, start + len("years"), "years", "DURATION", "PXY")
    (statement,) = _run(make_context, text, times=[years]).statements
    assert statement.cue == "explained" and statement.date is None


def test_stage_declaration():
    assert STAGE.name == "attribution.v2"
    assert STAGE.requires == ("doc", "mentions", "local_entities", "times")
    assert STAGE.assigns == ("statements", "quotes")


# --- the seeds (model) ----------------------------------------------------


@pytest.fixture
def seed(make_context, seed_texts):
    def build(stem):
        ctx = make_context(seed_texts[stem])
        extract_statements(ctx)
        return ctx

    return build


def _by_cue(ctx, cue, contains=""):
    found = [s for s in ctx.statements if s.cue == cue and contains in s.content]
    assert len(found) == 1, [(s.cue, s.content) for s in ctx.statements]
    return found[0]


def test_seed_000_kanaani_tweets(seed, seed_texts):
    ctx = seed(SEED_000)
    statement = _by_cue(ctx, "explained", "Iraqi government expelled")
    assert _entity_name(ctx, statement.speaker) == "Nasser Kanaani"
    assert statement.speaker_kind == "named"
    assert statement.channel == "in a series of tweets"
    assert statement.reported_by == "Press TV"
    assert statement.content.startswith("the Iraqi government expelled MKO members")
    text = ctx.article.text
    assert text[statement.start:statement.end].startswith("Nasser Kanaani explained")
    assert text[statement.start:statement.end].endswith("Press TV reported.")
    assert not any(s.cue == "reported" for s in ctx.statements)  # the relay is not a statement of its own


def test_seed_000_he_added_and_nesting(seed):
    ctx = seed(SEED_000)
    added = [s for s in ctx.statements if s.cue == "added"]
    assert len(added) == 2
    assert all(_entity_name(ctx, s.speaker) == "Nasser Kanaani" and s.speaker_kind == "pronoun" for s in added)
    said = _by_cue(ctx, "said", "relevant Albanian officials")
    officials = _by_cue(ctx, "announced", "seizure")
    assert officials.parent == said.id
    assert officials.speaker is None and officials.speaker_kind == "anonymous"
    cited = _by_cue(ctx, "cited as saying")
    assert cited.parent in {s.id for s in added}
    assert cited.content.startswith("through its terrorist and cyber actions")


def test_seed_000_spokesman_stays_a_role(seed):
    warning = _by_cue(seed(SEED_000), "warning")
    assert warning.speaker_kind == "role"
    assert warning.speaker is None
    assert warning.content == "the terror group will always pose a threat to the security of its host countries"


def test_seed_000_date_when_times_has_it(make_context, seed_texts):
    ctx = make_context(seed_texts[SEED_000])
    start = ctx.article.text.index("Wednesday")
    ctx.times = [TimeValue(ctx.article.id, start, start + 9, "Wednesday", "DATE", "2023-06-21")]
    extract_statements(ctx)
    assert _by_cue(ctx, "explained", "Iraqi government").date == "2023-06-21"
    assert _by_cue(ctx, "explained", "Ashraf-3").date is None


def test_seed_004_rama(seed):
    ctx = seed(SEED_004)
    spiegel = _by_cue(ctx, "said", "present in our country")
    assert spiegel.kind == "direct"
    assert _entity_name(ctx, spiegel.speaker) == "Edi Rama"
    assert spiegel.channel == "in an interview with the German magazine Spiegel"
    assert spiegel.content.startswith("The MKO has been present in our country for years.")
    assert spiegel.content.endswith("They have repeatedly violated this agreement")
    emphasized = _by_cue(ctx, "emphasized")
    assert (emphasized.kind, emphasized.speaker_kind) == ("direct", "pronoun")
    assert _entity_name(ctx, emphasized.speaker) == "Edi Rama"
    stating = _by_cue(ctx, "stating")
    assert _entity_name(ctx, stating.speaker) == "Edi Rama"
    assert stating.content.endswith("we feel honored.")  # the quote runs over two sentences
    # "if a friend like the US asks us for something" is inside Rama's quote: his words, not a second
    # speaker of the whole quote.
    asks = _by_cue(ctx, "asks")
    assert asks.kind == "indirect" and asks.parent == stating.id
    assert "We opened our doors" not in asks.content
    trench = _by_cue(ctx, "said", "used as a trench")
    assert trench.kind == "mixed"
    assert _entity_name(ctx, trench.speaker) == "Edi Rama"
    assert "insisting" not in trench.content
    insisting = _by_cue(ctx, "insisting")
    assert (insisting.kind, insisting.parent) == ("mixed", None)
    assert insisting.content.endswith("“they must leave Albania.”")


def test_seed_004_sources(seed):
    ctx = seed(SEED_004)
    irna = _by_cue(ctx, "told")
    assert (irna.speaker_kind, irna.speaker_text, irna.speaker) == ("anonymous", "a security source", None)
    assert (irna.reported_by, irna.channel) == ("IRNA", None)
    assert irna.content == "At least two terrorists were killed and three dozen others injured"
    daily = _by_cue(ctx, "reported")
    assert daily.reported_by == "Albanian Daily News"
    report = _by_cue(ctx, "said", "stationed at the entrance")
    assert (report.speaker_text, report.speaker_kind, report.reported_by) == ("the report", "anonymous", "Albanian Daily News")


@pytest.mark.parametrize("stem", [SEED_000, SEED_004])
def test_seed_statements_are_consistent(seed, stem):
    ctx = seed(stem)
    text = ctx.article.text
    ids = [s.id for s in ctx.statements]
    assert ids == [f"{ctx.article.id}:s{n}" for n in range(len(ids))]
    for s in ctx.statements:
        assert text[s.content_start:s.content_end] == s.content
        assert s.start <= s.content_start and s.content_end <= s.end
        assert s.parent is None or s.parent in ids
        assert s.speaker is None or s.speaker.startswith(f"{ctx.article.id}:c")
        assert s.speaker_kind in {"named", "pronoun", "role", "anonymous"}
