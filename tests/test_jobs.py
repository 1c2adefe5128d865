"""Worker processes (Options.jobs) must not change what is stored."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger import Ledger, Options
from newsledger.extract import ArticleContext, Stage, default_stages

from newsledger.ledger import SAMPLES

EXTRA_TEXTS = [
    "date 2023-07-03\nPolice raided the Ashraf-3 camp on June 20, a security source told IRNA. "
    "At least two people were killed, the agency said.",
    "date 2023-07-04\nThe foreign ministry spokesman Nasser Kanaani said on Monday that Tehran wants "
    "Albania to hand over members of the Mujahedin-e-Khalq Organization (MKO).",
    "date 2023-07-04\nThe foreign ministry spokesman Nasser Kanaani said on Monday that Tehran wants "
    "Albania to hand over members of the Mujahedin-e-Khalq Organization (MKO).",  # a repeat: skipped
    "date 2023-08-15\nThe city council approved a new budget for schools on Tuesday, the mayor said.",
    {"title": "no text here"},  # an input error
    "date 2023-08-16\nEXPLODE The council met again on Wednesday.",  # fails in the stage below
]


def fail_on_marker(ctx: ArticleContext) -> None:
    """A stage that fails on one article (module level, so worker processes can unpickle it)."""
    if "EXPLODE" in ctx.article.text:
        raise ValueError("marker found")


def _ledger(jobs: int, stages: list[Stage] | None = None):
    options = Options(today=date(2026, 11, 23), batch_size=2, jobs=jobs)
    ledger = Ledger(options=options)
    reports = [ledger.ingest([SAMPLES])]
    if stages is None:
        reports.append(ledger.add_texts(EXTRA_TEXTS))
    else:
        from newsledger.engine import local

        reports.append(local.ingest(ledger.store, _articles(), options, stages=stages))
    return ledger, reports


def _articles():
    from newsledger.ingest.text import article_from_text

    return [article_from_text(t, f"<text {n}>") for n, t in enumerate(EXTRA_TEXTS) if isinstance(t, str)]


def _summary(report) -> tuple:
    return report.added, report.skipped, [str(e) for e in report.errors], report.stories_changed, report.words


def test_two_jobs_store_the_same_ledger_as_one():
    one, one_reports = _ledger(jobs=1)
    two, two_reports = _ledger(jobs=2)
    with one, two:
        assert [_summary(r) for r in two_reports] == [_summary(r) for r in one_reports]
        assert one_reports[1].failed == 1
        exported = one.to_dict()
        assert exported["articles"] and exported["stories"]
        assert two.to_dict() == exported


def test_a_failing_stage_in_a_worker_is_reported_like_in_process():
    stages = default_stages() + [Stage("failing.v1", fail_on_marker)]
    one, one_reports = _ledger(jobs=1, stages=stages)
    two, two_reports = _ledger(jobs=2, stages=stages)
    with one, two:
        errors = two_reports[1].errors
        assert [str(e) for e in errors] == [str(e) for e in one_reports[1].errors]
        assert len(errors) == 1 and errors[0].stage == "failing.v1" and "marker found" in str(errors[0])
        assert two.to_dict() == one.to_dict()


def test_jobs_must_be_positive():
    with pytest.raises(ValueError):
        Options(jobs=0)


def test_a_stage_error_crosses_processes_with_its_parts():
    import pickle
    import threading

    from newsledger.errors import StageError

    error = pickle.loads(pickle.dumps(StageError("events.v2", "a1", ValueError("bad date"))))
    assert (error.stage, error.article, type(error.cause), str(error)) == (
        "events.v2", "a1", ValueError, "stage 'events.v2' failed on article a1: ValueError: bad date")
    unpicklable = pickle.loads(pickle.dumps(StageError("events.v2", "a2", ValueError(threading.Lock()))))
    assert isinstance(unpicklable.cause, RuntimeError) and "ValueError" in str(unpicklable)
