"""The BASIL reader and the framing scorer's peer (no model needed)."""

import json

import pytest

from newsledger.errors import BenchmarkError
from newsledger.eval.basil import BiasSpan, load_split
from newsledger.eval.framing import inside_quote_marks

PARAGRAPHS = [["WASHINGTON — Steele drew fierce criticism.", "He said it was “a war of Obama’s choosing.”"],
              ["The radical group met."]]


def write_basil(root, year, name, paragraphs, annotations):
    (root / "articles" / str(year)).mkdir(parents=True, exist_ok=True)
    (root / "annotations" / str(year)).mkdir(parents=True, exist_ok=True)
    (root / "articles" / str(year) / f"{name}.json").write_text(
        json.dumps({"source": "NYT", "date": f"{year}-07-02", "body-paragraphs": paragraphs}))
    (root / "annotations" / str(year) / f"{name}_ann.json").write_text(
        json.dumps({"phrase-level-annotations": annotations}))


def span(txt, start, bias="lex", quote="no"):
    return {"txt": txt, "start": start, "end": start + len(txt), "bias": bias, "quote": quote}


def test_spans_are_placed_by_their_sentence_offset(tmp_path):
    # "fierce" is at 25 in the first sentence, "radical" at 4 in the third; the last one lies nowhere
    write_basil(tmp_path, 2011, "a_1", PARAGRAPHS,
                [span("fierce", 25), span("radical", 4), span("war", 18, "inf", "yes"), span("absent", 0)])
    [article] = load_split(tmp_path, "dev")
    assert article.outlet == "nyt" and article.published == "2011-07-02"
    assert article.text == ("WASHINGTON — Steele drew fierce criticism. He said it was “a war of Obama’s choosing.”"
                            "\n\nThe radical group met.")
    assert [article.text[s.start:s.end] for s in article.spans] == ["fierce", "radical", "war"]
    assert [s.quoted for s in article.spans] == [False, False, True]
    assert article.unplaced == 1


def test_the_split_is_by_year(tmp_path):
    write_basil(tmp_path, 2012, "dev_1", PARAGRAPHS, [])
    write_basil(tmp_path, 2016, "test_1", PARAGRAPHS, [])
    assert [a.name for a in load_split(tmp_path, "dev")] == ["dev_1"]
    assert [a.name for a in load_split(tmp_path, "test")] == ["test_1"]
    assert len(load_split(tmp_path, "all")) == 2
    with pytest.raises(ValueError, match="no split 'train'"):
        load_split(tmp_path, "train")


def test_a_folder_without_basil_is_a_benchmark_error(tmp_path):
    with pytest.raises(BenchmarkError, match="no BASIL"):
        load_split(tmp_path, "dev")


def test_quote_mark_peer_looks_inside_the_paragraph_only():
    text = "He said it was “a war of choice.”\n\nThe war went on."
    inside = BiasSpan(text.index("war"), text.index("war") + 3, "lex", True, "war")
    outside = BiasSpan(text.rindex("war"), text.rindex("war") + 3, "lex", False, "war")
    assert inside_quote_marks(text, inside)
    assert not inside_quote_marks(text, outside)


def test_recall_counts_labels_or_loaded_terms_and_splits_them_by_source(tmp_path):
    from newsledger.eval.framing import evaluate
    from newsledger.options import Options

    paragraphs = [["Senator Smith slammed the plan on Monday.", "The notorious Acme Brigade attacked the town.",
                   "“It is a disastrous plan,” said Jane Doe."]]
    write_basil(tmp_path, 2012, "a_1", paragraphs,
                [span("slammed", 14), span("Monday", 34), span("notorious", 4), span("disastrous", 9, quote="yes")])
    result = evaluate(tmp_path, "dev", Options())
    details = result.details
    # "notorious" is both a label of the Acme Brigade and a loaded adjective; "slammed" and "disastrous"
    # only loaded terms; "Monday" nothing
    assert details["lexical_recall_labels"] == 1 / 4
    assert details["lexical_recall_loaded"] == 3 / 4
    assert result.metrics["lexical_recall"] == 3 / 4
    assert result.metrics["voice_accuracy"] == 1.0  # narrator twice, quoted once, as BASIL says
    assert details["loaded_by_category"]["attack_verb"]["lexical_recall"] == 1 / 4
    assert details["spans_per_article"] == details["labels_per_article"] + details["loaded_per_article"]
    assert 0 < details["spans_in_bias_spans"] <= 1
