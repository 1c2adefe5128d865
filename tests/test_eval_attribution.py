"""The PolNeAR loader and the attribution scorer, on tiny hand-made files."""

from __future__ import annotations

import pytest

from newsledger.eval.attribution import Attribution, Tally, Tokens, is_direct, match, quoted_tokens, statement_attributions
from newsledger.eval.polnear import load_split, read_ann
from newsledger.errors import BenchmarkError
from newsledger.records import Statement

TEXT = "Smith said the plan failed. “We lost,” he added.\n"


def _write_polnear(root, ann: str):
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "a_x1.ann").write_text(ann, encoding="utf-8")
    (root / "dev" / "attributions" / "a_x2.ann").write_text("", encoding="utf-8")  # second annotator: ignored
    (root / "metadata.tsv").write_text("filename\tpublisher\tpublication_date\na\tnyt\t2016-10-01\n", encoding="utf-8")


ANN = (
    "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\tthe plan\nfailed\n"  # span text over two lines
    "E1\tAttribution:T9 Source:T1 Cue:T2 Content:T3\n"
    "T4\tCue 39 44;45 50\the added\nT5\tContent 28 36\tWe lost\n"
    "E2\tAttribution-no-source:T8 Cue:T4 Content:T5\n"
)


def test_loader_reads_relations_metadata_and_the_first_annotation(tmp_path):
    _write_polnear(tmp_path, ANN)
    (document,) = load_split(tmp_path, "dev")
    assert (document.name, document.publisher, document.published) == ("a", "nyt", "2016-10-01")
    first, second = document.attributions
    assert (first.source, first.cue, first.content) == ([(0, 5)], [(6, 10)], [(11, 26)])
    assert (second.source, second.cue, second.content) == ([], [(39, 44), (45, 50)], [(28, 36)])


def test_loader_names_file_and_line_of_a_broken_annotation(tmp_path):
    path = tmp_path / "bad.ann"
    path.write_text("T1\tSource zero five\tSmith\n", encoding="utf-8")
    with pytest.raises(BenchmarkError, match=r"bad\.ann:1"):
        list(read_ann(path))


def test_tokens_are_words_except_in_cues():
    tokens = Tokens.of("Clinton: “We won.”")
    assert tokens.covered([(0, 18)]) == {0, 3, 4}  # Clinton, We, won
    assert tokens.covered([(7, 8)], marks=True) == {1}  # the colon


def test_match_needs_a_shared_cue_token_and_half_the_longer_content():
    gold = [Attribution(cue={1}, content={2, 3, 4, 5}), Attribution(cue={9}, content={10, 11})]
    system = [
        Attribution(cue={1}, content={2, 3}),  # half of the longer (4): matches
        Attribution(cue={9}, content={11, 12, 13, 14, 15}),  # 1 of 5: no
    ]
    assert match(gold, system) == [(0, 0)]


def test_tally_micro_averages_roles_and_attributions():
    tally = Tally()
    gold = [Attribution(cue={1}, content={2, 3, 4, 5}, source={0})]
    system = [Attribution(cue={1}, content={2, 3}, source={0}), Attribution(cue={7}, content={8})]
    tally.add(gold, system)
    metrics = tally.metrics()
    assert metrics["source_f1"] == 1.0
    assert metrics["content_f1"] == pytest.approx(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))
    assert (metrics["attribution_precision"], metrics["attribution_recall"]) == (0.5, 1.0)


def test_statements_sharing_a_cue_are_one_attribution_and_nested_ones_are_left_out():
    text = "“We lost,” he said, “badly.” He said that aides think it was over."
    tokens = Tokens.of(text)

    def statement(n, cue, content, parent=None):
        return Statement(id=f"s{n}", article="a", speaker=None, speaker_text=None, cue=text[slice(*cue)],
                         content=text[slice(*content)], kind="direct", start=0, end=len(text),
                         cue_start=cue[0], cue_end=cue[1], content_start=content[0], content_end=content[1], parent=parent)

    statements = [
        statement(0, (14, 18), (1, 8)), statement(1, (14, 18), (21, 26)),  # one cue, two parts
        statement(2, (32, 36), (42, 65)), statement(3, (48, 53), (54, 65), parent="s2"),  # nested "think"
    ]
    first, second = statement_attributions(statements, tokens)
    assert first.content == tokens.covered([(1, 8), (21, 26)])
    assert second.cue == tokens.covered([(32, 36)], marks=True)


def test_direct_means_nine_tenths_inside_quote_marks():
    text = "He said “one two three four five six seven eight nine” and ten."
    tokens = Tokens.of(text)
    quoted = quoted_tokens(text, tokens)
    inside = Attribution(cue=set(), content=tokens.covered([(8, 55)]))
    mixed = Attribution(cue=set(), content=tokens.covered([(8, 62)]))
    assert is_direct(inside, quoted) and not is_direct(mixed, quoted)


def test_failures_show_in_the_table_and_the_json():
    from newsledger.eval import EvalResult

    clean = EvalResult("attribution", "dev", 2, {"attribution_f1": 0.5})
    assert "warning" not in clean.table() and "failures" not in clean.as_dict()
    failed = EvalResult("attribution", "dev", 2, {"attribution_f1": 0.5}, failures=["stage 'x' failed on article a"])
    assert "warning: 1 failures counted as finding nothing, the first: stage 'x' failed on article a" in failed.table()
    assert failed.as_dict()["failures"] == ["stage 'x' failed on article a"]
