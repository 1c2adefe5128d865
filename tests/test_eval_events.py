"""The PLOVER and Giveme5W1H scorers on tiny synthetic data, the main event and the 5W1H answers."""

from __future__ import annotations

import json

import needs
import pytest

from newsledger.errors import BenchmarkError
from newsledger.eval import benchmarks_root, token_f1
from newsledger.eval import fivew as fivew_eval
from newsledger.eval import plover
from newsledger.eval.fivew import Tally, agreed_phrases, best_f1, load_articles, peer_answers
from newsledger.eval.plover import PloverRecord, Scorer, load_records, strip_trailing_commas
from newsledger.extract.events import UNTYPED, extract_events, main_event
from newsledger.eval.answers5w import five_w, headline_text
from newsledger.options import Options

BENCHMARKS = benchmarks_root()

# --- token F1 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "system, gold, expected",
    [
        ("the White House", "at the White House", 0.8),  # articles dropped: {white, house} vs {at, white, house}
        ("Croydon", "Croydon", 1.0),
        ("Croydon, south London", "Croydon", 0.5),
        ("", "Croydon", 0.0),
        ("Taliban", "the", 0.0),  # a gold phrase of articles only has no words
        ("had been had", "had", 0.5),  # bags, not sets: one "had" of two matches
    ],
)
def test_token_f1(system, gold, expected):
    assert token_f1(system, gold) == pytest.approx(expected)


def test_best_f1_takes_the_closest_gold_phrase_and_zero_without_an_answer():
    assert best_f1("Croydon", ["in a tunnel near Sandilands", "Croydon"]) == 1.0
    assert best_f1(None, ["Croydon"]) == 0.0


# --- PLOVER loader and scorer ------------------------------------------------------

_PLOVER_FILE = """[
{
    "id": "DOC-0001",
    "event": "DOCUMENT",
    "eventText": "documentation, not an event",
},
{
    "id": "AGREE-0001",
    "date": "2000-01-01",
    "source": [{"actorText": "United States", "code": "USA"},
               {"actorText": "Jordan", "code": "JOR"},],
    "target": "",
    "event": "AGREE",
    "text": "The United States and Jordan have agreed upon a new free-trade pact, [officials, said].",
},
{
    "id": "PROTEST-0001",
    "source": [{"actorText": " French paper workers "}],
    "target": [{"actorText": "France"}],
    "event": "PROTEST",
    "text": "Angry French paper workers   blocked the bridge.",
},
]
"""


def test_strip_trailing_commas_leaves_strings_and_lines_alone():
    assert strip_trailing_commas('[1, 2,]') == "[1, 2]"
    assert strip_trailing_commas('{"a": "x,]", "b": [3,\n],\n}') == '{"a": "x,]", "b": [3\n]\n}'
    assert strip_trailing_commas('["a\\",]",]') == '["a\\",]"]'


def test_load_records_reads_the_json_like_file(tmp_path):
    (tmp_path / plover.FILE_NAME).write_text(_PLOVER_FILE, encoding="utf-8")
    records = load_records(tmp_path)
    assert [r.id for r in records] == ["AGREE-0001", "PROTEST-0001"]  # the DOCUMENT record is left out
    agree, protest = records
    assert (agree.type, agree.sources, agree.targets, agree.date) == ("AGREE", ["United States", "Jordan"], [], "2000-01-01")
    assert agree.text.endswith("[officials, said].")  # commas inside strings stay
    assert (protest.sources, protest.targets) == (["French paper workers"], ["France"])
    assert protest.text == "Angry French paper workers blocked the bridge."
    assert len(load_records(tmp_path, limit=1)) == 1


def test_load_records_names_the_file_and_line_it_cannot_read(tmp_path):
    path = tmp_path / plover.FILE_NAME
    path.write_text('[\n{"id": "X",\n "event": AGREE}\n]\n', encoding="utf-8")
    with pytest.raises(BenchmarkError, match=rf"{path}:3: not readable as JSON"):
        load_records(tmp_path)
    with pytest.raises(BenchmarkError, match="is missing"):
        load_records(tmp_path / "nowhere")


def test_plover_scorer_exact_figures():
    scorer = Scorer()
    scorer.add(PloverRecord("a", "AGREE", "…", ["United States"], ["Jordan"]), "AGREE",
               ["The United States"], ["Jordan", "Israel"])
    scorer.add(PloverRecord("b", "PROTEST", "…", ["workers"], []), None, ["French workers"], ["France"])
    metrics = scorer.metrics()
    assert metrics["type_accuracy"] == 0.5
    # source: 1.0 ("the" is dropped) and 2/3 ({french, workers} vs {workers}); target: 2/3, record b unscored.
    assert metrics["source_actor_f1"] == pytest.approx((1 + 2 / 3) / 2)
    assert metrics["target_actor_f1"] == pytest.approx(2 / 3)
    assert (scorer.target.scored, scorer.target.spurious) == (1, 1)
    assert scorer.confusions == {("PROTEST", "none"): 1}


def test_plover_evaluate_end_to_end(tmp_path):
    (tmp_path / plover.FILE_NAME).write_text(_PLOVER_FILE, encoding="utf-8")
    result = plover.evaluate(tmp_path, "all", Options())
    assert (result.task, result.split, result.n_docs) == ("events", "all", 2)
    assert set(result.metrics) == {"type_accuracy", "source_actor_f1", "target_actor_f1"}
    assert result.metrics["type_accuracy"] == 1.0  # "agreed" is AGREE, "blocked the bridge" PROTEST
    assert result.peers["baseline"]["type_accuracy"] == 0.5  # both types occur once: the first is the majority
    with pytest.raises(ValueError, match="no split 'dev'"):
        plover.evaluate(tmp_path, "dev", Options())


# --- Giveme5W1H loader and scorer ----------------------------------------------------

def _article_json(who_gold, peer_who=None):
    annotations = {w: {"label": w, "annotated": []} for w in fivew_eval.QUESTIONS}
    annotations["who"]["annotated"] = who_gold
    if peer_who is not None:
        annotations["who"]["extracted"] = peer_who
    return {"title": "Police raided the camp", "description": "Police raided the camp on Tuesday.",
            "text": "Police raided the camp on Tuesday. Two people were hurt.", "date_publish": "2023-06-21 10:00:00",
            "fiveWoneH": annotations}


def test_agreed_phrases_need_two_coders_and_a_text():
    annotated = {"annotated": [{"text": "Police", "coderPhraseCount": 3}, {"text": "officers", "coderPhraseCount": 1},
                               {"coderPhraseCount": 2}]}
    assert agreed_phrases(annotated) == ["Police"]
    assert agreed_phrases(None) == []


def test_loaders_and_peer_top_answer(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "peer_output_2018").mkdir()
    gold = [{"text": "Police", "coderPhraseCount": 2}]
    (tmp_path / "data" / "a.json").write_text(json.dumps(_article_json(gold)), encoding="utf-8")
    peer = [{"text": "the camp", "score": 0.4}, {"text": "Police", "score": 0.9}]
    (tmp_path / "peer_output_2018" / "a.json").write_text(json.dumps(_article_json(gold, peer)), encoding="utf-8")
    (article,) = load_articles(tmp_path)
    assert (article.name, article.published, article.gold["who"], article.gold["why"]) == ("a", "2023-06-21", ["Police"], [])
    answers = peer_answers(tmp_path, "a")
    assert answers["who"] == "Police" and answers["what"] is None  # the best score wins; no candidates, no answer
    assert peer_answers(tmp_path, "missing") is None
    with pytest.raises(BenchmarkError, match="no Giveme5W1H data"):
        load_articles(tmp_path / "nowhere")


def test_fivew_tally_exact_figures():
    tally = Tally()
    tally.add("who", 1.0, peer_answered=True)
    tally.add("who", 0.5, peer_answered=False)
    tally.add("when", 0.25, peer_answered=False)
    metrics = tally.metrics()
    assert (metrics["who_f1"], metrics["who_f1_answered"]) == (0.75, 1.0)
    assert (metrics["when_f1"], metrics["when_f1_answered"]) == (0.25, 0.0)
    assert metrics["how_f1"] == 0.0


def test_fivew_evaluate_end_to_end(tmp_path):
    (tmp_path / "data").mkdir()
    gold = [{"text": "Police", "coderPhraseCount": 3}]
    (tmp_path / "data" / "a.json").write_text(json.dumps(_article_json(gold)), encoding="utf-8")
    result = fivew_eval.evaluate(tmp_path, "all", Options())
    assert (result.task, result.n_docs) == ("5w1h", 1)
    assert result.metrics["who_f1"] == 1.0  # "Police raided the camp": the police did it
    assert result.peers["giveme5w1h"]["who_f1"] == 0.0  # no peer file: no answer
    assert result.details["peer_files_missing"] == 1


# --- main event and 5W1H answers -----------------------------------------------------

def _context(make_context, text, published="2023-06-21"):
    ctx = make_context(text, published=published)
    extract_events(ctx)
    return ctx


@pytest.mark.parametrize(
    "text, expected",
    [
        # Typed events first; the one nearest the root wins.
        ("Syria says it is willing to withdraw its troops from Lebanon.", ("AGREE", "withdraw", ["Syria"])),
        ("Iran threatened to ban opposition candidates.", ("THREATEN", "threatened", ["Iran"])),
        ("Russia said Sudan must return the helicopter.", ("DEMAND", "said", ["Russia"])),
        # No typed event: the main clause, untyped.
        ("The minister opened a new school.", (UNTYPED, "opened", ["The minister"])),
    ],
)
def test_main_event(make_context, text, expected):
    event = main_event(_context(make_context, text))
    assert (event.type, event.trigger, event.agents) == expected


def test_main_event_clause_first_and_none_without_a_verb(make_context):
    ctx = _context(make_context, "Trump flew to Washington to meet Obama.")
    assert main_event(ctx).trigger == "meet"  # event coding: the typed act
    event = main_event(ctx, clause_first=True)
    assert (event.type, event.trigger, event.id) == (UNTYPED, "flew", f"{ctx.article.id}:main")
    assert main_event(_context(make_context, "Explosion and gunfire outside the consulate.")) is None


def test_headline_text_keeps_a_lead_the_body_does_not_repeat():
    assert headline_text("Title", "Lead.", "Lead. Body.") == "Title\n\nLead. Body."
    assert headline_text("Title", "Lead.", "Body.") == "Title\n\nLead.\n\nBody."
    assert headline_text(None, None, " Body. ") == "Body."


def test_five_w_answers_from_the_headline_with_offsets(make_context):
    from newsledger.extract import timex

    text = headline_text(
        "Militants attack German consulate in Kabul with truck bomb",
        "The Taliban attacked the German consulate in Kabul late on Thursday in retaliation for air strikes.",
        "Six people died.",
    )
    ctx = make_context(text, published="2016-11-11")
    timex.STAGE.func(ctx)
    extract_events(ctx)
    answers = five_w(ctx)
    assert answers.answers() == {
        "who": "Militants",
        "what": "attack German consulate in Kabul",  # up to the means
        "when": "Thursday",  # the headline has none: the lead's day
        "where": "Kabul",
        "why": "retaliation for air strikes",
        "how": "with truck bomb",
    }
    for question in fivew_eval.QUESTIONS:
        answer = getattr(answers, question)
        assert text[answer.start:answer.end] == answer.text
    assert answers.as_dict()["who"] == {"text": "Militants", "start": 0, "end": 9}
    assert answers.event is not None and answers.extractor == "fivew.v1"


# --- the real benchmarks, when they are there ----------------------------------------------

def test_real_benchmarks_load():
    needs.benchmark(BENCHMARKS / "plover", "events (PLOVER)")
    needs.benchmark(BENCHMARKS / "giveme5w1h", "5w1h (Giveme5W1H)")
    records = load_records(BENCHMARKS / "plover")
    assert len(records) == 322 and all(r.text and r.type for r in records)
    articles = load_articles(BENCHMARKS / "giveme5w1h")
    assert len(articles) == 96
    assert sum(bool(a.gold["what"]) for a in articles) == 95
    assert sum(peer_answers(BENCHMARKS / "giveme5w1h", a.name)["who"] is not None for a in articles) == 39
