"""Every eval task scores what `newsledger ingest` runs: its articles are built by the readers'
``article_from_text`` and parsed and processed by ``pipeline`` (the same parse, every stage), never by a
parse or a stage list of the task's own."""

from __future__ import annotations

import ast
from pathlib import Path

import needs
import pytest

from newsledger import pipeline
from newsledger.errors import BenchmarkError
from newsledger.eval import TASKS, default_data, ingested, run_task

EVAL = Path(pipeline.__file__).parent / "eval"
# Calls that would make a task's records another way than ingest makes them.
OWN_CALLS = {"load_pipeline", "run_stages", "build_stages", "default_stages", "ArticleContext", "Article", "pipe",
             "article_from_text"}
OWN_IMPORTS = {"load_pipeline", "run_stages", "build_stages", "default_stages", "parse", "contexts", "analyze",
               "article_from_text"}
# What each module may take from the parse and the pipeline: ``shipped`` runs ``contexts``; coref reads its
# gold mentions from the parse ingest makes (the tasks over a Ledger go through ingest itself).
ALLOWED_IMPORTS = {("__init__.py", "pipeline", "contexts"), ("__init__.py", "ingest.text", "article_from_text"),
                   ("coref.py", "pipeline", "parse")}


def _own_path(module: str, tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in OWN_CALLS and not (module == "__init__.py" and name == "article_from_text"):
                found.add(f"calls {name}")
        elif isinstance(node, ast.ImportFrom) and node.level >= 2:
            found.update(f"imports {alias.name} from {node.module}" for alias in node.names
                         if alias.name in OWN_IMPORTS and (module, node.module, alias.name) not in ALLOWED_IMPORTS)
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in EVAL.glob("*.py")))
def test_no_eval_module_parses_or_runs_stages_on_its_own(module):
    own = _own_path(module, ast.parse((EVAL / module).read_text(encoding="utf-8")))
    assert not own, f"{module} builds records outside the shipped path: {sorted(own)}"


def test_a_document_is_read_as_ingest_reads_it_and_its_offsets_move_with_the_whitespace_dropped():
    article, shift = ingested("\n  Police said on Monday.\n", "d1", title="Police", published="2020-01-02")
    assert (article.id, article.text, article.title, article.published, article.published_source, shift) == (
        "d1", "Police said on Monday.", "Police", "2020-01-02", "metadata", 3)
    assert ingested("Police said.", "d2")[0].title == "Police said."  # the reader's title, as ingest gives it
    with pytest.raises(BenchmarkError, match="offsets"):
        ingested("\nPolice said.", "d3", exact=True)  # a scorer that uses the offsets as they are
    with pytest.raises(BenchmarkError, match="offsets"):
        ingested("Police\r\nsaid.", "d4")  # the reader turns CRLF into LF: the offsets would drift


@pytest.mark.model
@pytest.mark.parametrize("task", sorted(TASKS))
def test_each_task_scores_articles_that_went_through_ingests_parse_and_every_stage(task, monkeypatch):
    needs.benchmark(default_data(task), repr(task))
    parsed: list = []
    stage_lists: list = []
    real_parse, real_contexts = pipeline.parse, pipeline.contexts

    def parse(articles, options=None):
        articles = list(articles)
        parsed.extend(articles)
        yield from real_parse(articles, options)

    def contexts(articles, options=None, stages=None):
        stage_lists.append(stages)
        yield from real_contexts(articles, options, stages)

    monkeypatch.setattr(pipeline, "parse", parse)
    monkeypatch.setattr(pipeline, "contexts", contexts)
    result = run_task(task, limit=2)
    assert result.n_docs >= 1
    assert len({a.id for a in parsed}) == result.n_docs  # each document, parsed as ingest parses it
    assert stage_lists and all(stages is None for stages in stage_lists)  # every stage, as ingest runs them
    assert not result.failures
