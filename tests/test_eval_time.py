"""The time evaluations on tiny hand-made files: the publication-date scorer's
arithmetic on a PolNeAR-shaped folder, and the shape of the TempEval result."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.eval import EvalResult
from newsledger.eval.pubdate import evaluate as evaluate_pubdate
from newsledger.eval.pubdate import score_dates
from newsledger.eval.tempeval import evaluate as evaluate_time
from newsledger.options import Options

# name -> (text, truth in metadata.tsv)
ARTICLES = {
    # a full date: right for both systems
    "a": ("The treaty was signed on Thursday, July 4, 2019, in Geneva. Officials said it was a good day.", "2019-07-04"),
    # newsledger moves March 3 (a Tuesday) to the Thursday reported after it: one day off;
    # the peer keeps March 3: three days off; both have the year
    "b": ("The vote was held on March 3, 2020. The results were announced on Thursday.", "2020-03-06"),
    # nothing to date the article by: wrong for both
    "c": ("Officials met in the capital and talked about the budget.", "2016-05-05"),
    # a date older than a year the text names is background: newsledger gives none,
    # the peer takes it (wrong day and year)
    "d": ("The attacks of Sept. 11, 2001, changed the city, the mayor said in a speech in 2016.", "2016-09-11"),
    # no publication_date in the metadata: left out
    "e": ("The council met on June 1, 2018.", ""),
}


def _write_polnear(root, split="dev"):
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    rows = ["filename\tpublisher\tpublication_date"]
    for name, (text, published) in ARTICLES.items():
        (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{name}\tnyt\t{published}")
    (root / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_score_dates_counts_every_article_and_a_missing_date_as_wrong():
    pairs = [
        (date(2019, 7, 4), date(2019, 7, 4)),  # exact
        (date(2020, 3, 6), date(2020, 3, 5)),  # a day off
        (date(2020, 3, 6), date(2020, 3, 9)),  # three days off, right year
        (date(2016, 1, 1), date(2015, 12, 31)),  # a day off across the year: within a day, wrong year
        (date(2016, 5, 5), None),  # no date given
    ]
    assert score_dates(pairs) == pytest.approx(
        {"exact_day": 1 / 5, "within_1_day": 3 / 5, "year": 3 / 5, "coverage": 4 / 5})


def test_score_dates_of_nothing_is_zero():
    assert score_dates([]) == {"exact_day": 0.0, "within_1_day": 0.0, "year": 0.0, "coverage": 0.0}


def test_pubdate_refuses_an_unknown_split(tmp_path):
    with pytest.raises(ValueError, match="no split 'validation'"):
        evaluate_pubdate(tmp_path, "validation", Options())


@pytest.mark.model
def test_pubdate_scores_a_polnear_folder(tmp_path):
    _write_polnear(tmp_path)
    result = evaluate_pubdate(tmp_path, "dev", Options(today=date(2026, 11, 23)))
    assert isinstance(result, EvalResult)
    assert (result.task, result.split, result.n_docs) == ("pubdate", "dev", 4)
    assert result.metrics == pytest.approx({"exact_day": 1 / 4, "within_1_day": 2 / 4, "year": 2 / 4, "coverage": 2 / 4})
    assert result.peers["most_frequent_date"] == pytest.approx(
        {"exact_day": 1 / 4, "within_1_day": 1 / 4, "year": 2 / 4, "coverage": 3 / 4})
    assert result.details["undated"] == 1
    assert result.details["exact_day_when_dated"] == {"newsledger": 1 / 2, "most_frequent_date": pytest.approx(1 / 3)}
    assert result.details["today"] == "2026-11-23"
    assert result.details["sources"] == {"inferred": 2, "none": 2}


TML = (
    '<?xml version="1.0" ?><TimeML><DOCID>d1</DOCID>'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2023-07-02">20230702</TIMEX3></DCT>'
    '<TEXT>Police raided the camp on <TIMEX3 tid="t1" type="DATE" value="2023-06-29">Thursday</TIMEX3>. '
    'The group has been there for <TIMEX3 tid="t2" type="DURATION" value="P10Y">a decade</TIMEX3>.</TEXT></TimeML>'
)


def test_time_refuses_an_unknown_split(tmp_path):
    with pytest.raises(ValueError, match="no split 'train'"):
        evaluate_time(tmp_path, "train", Options())


@pytest.mark.model
def test_time_result_shape(tmp_path):
    folder = tmp_path / "Training" / "TBAQ-cleaned"
    folder.mkdir(parents=True)
    (folder / "d1.tml").write_text(TML, encoding="utf-8")
    result = evaluate_time(tmp_path, "dev", Options())
    assert isinstance(result, EvalResult)
    assert (result.task, result.split, result.n_docs) == ("time", "dev", 1)
    assert {"strict_f1", "relaxed_f1", "value_f1", "type_accuracy", "strict_precision", "strict_recall",
            "relaxed_precision", "relaxed_recall", "type_f1", "value_accuracy"} == set(result.metrics)
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    # both expressions found, with their TimeML values, against the creation date
    assert result.details == {"gold": 2, "system": 2}
    assert result.metrics["value_f1"] == 1.0 and result.metrics["strict_f1"] == 1.0
    assert set(result.as_dict()) == {"task", "split", "n_docs", "metrics", "peers", "details"}
