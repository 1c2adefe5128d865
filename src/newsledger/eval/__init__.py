"""Loaders and scorers for the public benchmarks in ``../shared/benchmarks``.

Every task is a function ``(data, split, options) -> EvalResult`` registered
in ``TASKS``; ``newsledger eval TASK`` runs one and prints its result. The
data is read where it lies and never copied into the repository. Tune on the
dev/train parts only: test parts are reported as they come.
"""

from __future__ import annotations

import importlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BenchmarkError, StageError
from ..options import Options

if TYPE_CHECKING:
    from ..extract import ArticleContext
    from ..records import Article

__all__ = ["TASKS", "EvalResult", "benchmarks_root", "run_task", "prf", "f1", "token_f1", "ingested", "shipped"]

_WORD = re.compile(r"\w+")
_ARTICLES = {"a", "an", "the"}


@dataclass(frozen=True, slots=True)
class Task:
    """Where a task's scorer lives and what it reads by default.

    ``module.evaluate(data, split, options, limit=None) -> EvalResult`` raises
    ValueError for a split it does not have, BenchmarkError for unreadable data.
    """

    module: str
    folder: str  # under the benchmarks root
    split: str  # the default split
    splits: tuple[str, ...]
    keeps_ledger: bool = False  # ``evaluate(..., keep=PATH)`` stores the ledger it scores there


TASKS: dict[str, Task] = {
    "attribution": Task("attribution", "polnear", "dev", ("train", "dev", "test")),
    "time": Task("tempeval", "tempeval3", "dev", ("dev", "test")),
    "pubdate": Task("pubdate", "polnear", "dev", ("train", "dev", "test")),
    "events": Task("plover", "plover", "all", ("all",)),
    "5w1h": Task("fivew", "giveme5w1h", "all", ("all",)),
    "stories": Task("stories", "giveme5w1h", "all", ("all", "dev", "test")),
    "coref": Task("coref", "ecbplus", "test", ("dev", "test")),
    "framing": Task("framing", "basil", "dev", ("dev", "test", "all")),
    "incidents": Task("incidents", "gva-longtail", "dev", ("dev", "test"), keeps_ledger=True),
}


@dataclass(slots=True)
class EvalResult:
    """One evaluation run, in the shape every ``--json`` output shares."""

    task: str
    split: str
    n_docs: int
    metrics: dict[str, float]
    peers: dict[str, dict[str, Any]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)  # counts, protocol notes; not in --json's core keys
    # What newsledger failed on (a stage's error, one line each); it counts as finding nothing there.
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        result = {"task": self.task, "split": self.split, "n_docs": self.n_docs,
                  "metrics": self.metrics, "peers": self.peers}
        if self.details:
            result["details"] = self.details
        if self.failures:
            result["failures"] = self.failures
        return result

    def table(self) -> str:
        """The metrics as aligned text, peers beside newsledger."""
        names = list(self.metrics)
        for scores in self.peers.values():
            names += [n for n in scores if n not in names and isinstance(scores[n], (int, float))]
        systems = [("newsledger", self.metrics), *self.peers.items()]
        width = max(len(n) for n in names) if names else 10
        lines = [f"{self.task} · {self.split} · {self.n_docs} documents",
                 " " * width + "".join(f"  {s[:22]:>22}" for s, _ in systems)]
        for name in names:
            cells = "".join(f"  {_cell(scores.get(name)):>22}" for _, scores in systems)
            lines.append(f"{name:<{width}}{cells}")
        if self.failures:  # a failure lowers the scores: never let it pass unseen
            lines.append(f"warning: {len(self.failures)} failures counted as finding nothing, "
                         f"the first: {self.failures[0]}")
        return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "—" if value is None else str(value)


def benchmarks_root() -> Path:
    """``$NEWSLEDGER_BENCHMARKS``, else ``../shared/benchmarks`` from the working
    directory, else the one beside this checkout."""
    if os.environ.get("NEWSLEDGER_BENCHMARKS"):
        return Path(os.environ["NEWSLEDGER_BENCHMARKS"])
    here = Path.cwd() / ".." / "shared" / "benchmarks"
    if here.is_dir():
        return here.resolve()
    return Path(__file__).resolve().parents[4] / "shared" / "benchmarks"


def default_data(task: str) -> Path:
    return benchmarks_root() / TASKS[task].folder


def run_task(task: str, data: str | Path | None = None, split: str | None = None,
             options: Options | None = None, limit: int | None = None, keep: str | Path | None = None) -> EvalResult:
    """Run one registered evaluation; ``limit`` keeps the first N documents (for quick looks); ``keep``
    stores the ledger a task scores (tasks with ``keeps_ledger``)."""
    if task not in TASKS:
        raise ValueError(f"unknown evaluation task {task!r}; choose one of {', '.join(sorted(TASKS))}")
    spec = TASKS[task]
    split = split or spec.split
    if split not in spec.splits:
        raise ValueError(f"the {task} evaluation has no split {split!r}; it has {', '.join(spec.splits)}")
    folder = Path(data) if data is not None else default_data(task)
    if not folder.exists():
        raise BenchmarkError(str(folder), "benchmark data not found")
    module = importlib.import_module(f"{__name__}.{spec.module}")
    evaluate: Callable[..., EvalResult] = module.evaluate
    if keep is not None:
        if not spec.keeps_ledger:
            raise ValueError(f"the {task} evaluation builds no ledger to keep")
        return evaluate(folder, split, options or Options(), limit=limit, keep=keep)
    return evaluate(folder, split, options or Options(), limit=limit)


def f1(precision: float, recall: float) -> float:
    """Their harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(hits_system: float, system: float, hits_gold: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1; hits may differ by side (many-to-one matches)."""
    precision = hits_system / system if system else 0.0
    recall = hits_gold / gold if gold else 0.0
    return precision, recall, f1(precision, recall)


def answer_tokens(text: str) -> Counter:
    """Lower-case words of an answer, articles dropped (SQuAD's normalization)."""
    return Counter(w for w in _WORD.findall(text.lower()) if w not in _ARTICLES)


def token_f1(system: str, gold: str) -> float:
    """F1 of the shared words (as bags) of two answers; 0 when either is empty."""
    ours, theirs = answer_tokens(system), answer_tokens(gold)
    shared = sum((ours & theirs).values())
    if not shared:
        return 0.0
    return f1(shared / sum(ours.values()), shared / sum(theirs.values()))


def ingested(text: str, name: str, *, exact: bool = False, **meta: str | None) -> tuple[Article, int]:
    """A benchmark document as ``newsledger ingest`` reads it, and where its body starts in ``text``.

    The article is built by ``article_from_text``, as every reader builds its
    own (surrounding whitespace dropped, language guessed, page furniture
    found, the first sentence as title when ``meta`` gives none); ``meta``:
    ``title``, ``published``, ``outlet``, ``url``. The second value is how
    many characters came off the start, to move the benchmark's character
    offsets by. A document whose body the reader would change in any other
    way raises BenchmarkError: its offsets could not be matched; so does one
    whose body does not start at its first character, with ``exact`` (for a
    scorer that reads the article's offsets as the benchmark's).
    """
    from ..ingest.text import article_from_text

    article = article_from_text(text, name, id=name, **meta)
    shift = len(text) - len(text.lstrip())
    if text[shift:shift + len(article.text)] != article.text or (exact and shift):
        raise BenchmarkError(name, "the reader changed the text beyond its surrounding whitespace, so the "
                                   "benchmark's character offsets cannot be matched to the article's")
    return article, shift


def shipped(articles: list[Article], options: Options) -> Iterator[tuple[Article, ArticleContext | None, str | None]]:
    """Each article through what ``newsledger ingest`` runs on it (``pipeline.contexts``: the same parse
    and every stage, in order); yields it with its context, or with None and the one line of the error
    that stopped it (as in ingest, a failing stage loses its article, which then counts as finding nothing).
    """
    from ..pipeline import contexts

    for article, found in zip(articles, contexts(articles, options), strict=True):
        if isinstance(found, StageError):
            yield article, None, str(found)
        else:
            yield article, found, None
