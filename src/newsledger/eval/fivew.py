"""5W1H answers scored against Giveme5W1H's gold standard, beside Giveme5W1H's own 2018 output.

``data/`` holds 96 news-please JSON articles (``title``, ``description``,
``text``, ``date_publish``) with the coders' annotations in
``fiveWoneH[W].annotated``: phrases with ``coderPhraseCount``, how many of
the three coders chose them. ``peer_output_2018/`` holds the same files with
Giveme5W1H's candidates in ``fiveWoneH[W].extracted`` (text and score). There
is no split: the only split is ``all``, and the rules scored here are general
(syntax and a few cue words), not fitted to single articles.

Protocol (also in docs/evaluation.md):

* Gold: for each article and W, the phrases at least two of the three coders
  agreed on (``coderPhraseCount >= 2`` with a text). An article without such a
  phrase for a W is not scored for that W (so each W has its own count).
* newsledger reads the headline, the description (unless the body begins
  with it) and the body as one text (``fivew.headline_text``), read and
  processed as ``newsledger ingest`` does it (``eval.shipped``), and answers
  from the main event of the headline and lead (``eval.answers5w.five_w``).
* ``{w}_f1``: mean over the scored articles of the best token F1 between the
  answer and any agreed gold phrase (``token_f1``: bags of lower-case ``\\w+``
  words, articles dropped). No answer scores 0.
* ``peers.giveme5w1h``: the same scorer on Giveme5W1H's highest-scored
  candidate per W. Its 2018 output has no candidates at all for who, what,
  when, where and why in 57 of the 96 articles; those count 0, as a missing
  answer of ours would. ``{w}_f1_answered`` gives both systems on the
  articles where the peer answered that W, for a comparison free of that gap.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BenchmarkError
from ..options import Options
from . import EvalResult, ingested, shipped, token_f1

QUESTIONS = ("who", "what", "when", "where", "why", "how")
AGREED = 2  # of three coders


def best_f1(answer: str | None, gold: list[str]) -> float:
    return max((token_f1(answer, g) for g in gold), default=0.0) if answer else 0.0


@dataclass(slots=True)
class GoldArticle:
    name: str
    title: str
    description: str
    text: str
    published: str | None
    gold: dict[str, list[str]]  # W -> agreed phrases


def load_articles(folder: str | Path, limit: int | None = None) -> list[GoldArticle]:
    root = Path(folder)
    data = root / "data"
    if not data.is_dir():
        raise BenchmarkError(str(data), "no Giveme5W1H data/ folder here")
    articles = []
    for path in sorted(data.glob("*.json")):
        if limit is not None and len(articles) >= limit:
            break
        raw = _read_json(path)
        annotations = raw.get("fiveWoneH") or {}
        articles.append(GoldArticle(
            name=path.stem,
            title=raw.get("title") or "",
            description=raw.get("description") or "",
            text=raw.get("text") or "",
            published=(raw.get("date_publish") or "")[:10] or None,
            gold={w: agreed_phrases(annotations.get(w)) for w in QUESTIONS},
        ))
    return articles


def agreed_phrases(annotation: dict | None) -> list[str]:
    phrases = (annotation or {}).get("annotated") or []
    return [p["text"] for p in phrases
            if isinstance(p, dict) and p.get("text") and (p.get("coderPhraseCount") or 0) >= AGREED]


def peer_answers(folder: str | Path, name: str) -> dict[str, str | None] | None:
    """Giveme5W1H's top candidate per W for one article; None when its file is missing."""
    path = Path(folder) / "peer_output_2018" / f"{name}.json"
    if not path.is_file():
        return None
    annotations = _read_json(path).get("fiveWoneH") or {}
    answers: dict[str, str | None] = {}
    for w in QUESTIONS:
        candidates = [c for c in (annotations.get(w) or {}).get("extracted") or [] if c.get("text")]
        best = max(candidates, key=lambda c: c.get("score") or 0.0, default=None)
        answers[w] = best["text"] if best else None
    return answers


def _read_json(path: Path) -> dict:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BenchmarkError(f"{path}:{exc.lineno}", f"not valid JSON at column {exc.colno}: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise BenchmarkError(str(path), "expected one JSON object per article")
    return raw


@dataclass(slots=True)
class Tally:
    """Best-F1 sums per W for one system, over all scored articles and over the peer-answered ones."""

    sums: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    answered_sums: Counter = field(default_factory=Counter)
    answered_counts: Counter = field(default_factory=Counter)

    def add(self, w: str, score: float, peer_answered: bool) -> None:
        self.sums[w] += score
        self.counts[w] += 1
        if peer_answered:
            self.answered_sums[w] += score
            self.answered_counts[w] += 1

    def metrics(self) -> dict[str, float]:
        out = {f"{w}_f1": self.sums[w] / self.counts[w] if self.counts[w] else 0.0 for w in QUESTIONS}
        for w in QUESTIONS:
            n = self.answered_counts[w]
            out[f"{w}_f1_answered"] = self.answered_sums[w] / n if n else 0.0
        return out


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    from .answers5w import FiveW, five_w, headline_text

    if split != "all":
        raise ValueError(f"Giveme5W1H has no split {split!r}; it has all")
    articles = load_articles(folder, limit)
    ours, peer = Tally(), Tally()
    failures: list[str] = []
    missing_peer = 0
    records = [ingested(headline_text(a.title, a.description, a.text), a.name, title=a.title,
                        published=a.published)[0] for a in articles]
    for gold, (article, ctx, failure) in zip(articles, shipped(records, options), strict=True):
        if failure:
            failures.append(failure)
        answers = five_w(ctx).answers() if ctx else FiveW(article.id).answers()
        theirs = peer_answers(folder, gold.name)
        missing_peer += theirs is None
        theirs = theirs or dict.fromkeys(QUESTIONS)
        for w in QUESTIONS:
            if not gold.gold[w]:
                continue
            answered = theirs[w] is not None
            ours.add(w, best_f1(answers[w], gold.gold[w]), answered)
            peer.add(w, best_f1(theirs[w], gold.gold[w]), answered)

    details = {
        "scored_articles": {w: ours.counts[w] for w in QUESTIONS},
        "peer_answered_articles": {w: ours.answered_counts[w] for w in QUESTIONS},
        "peer_files_missing": missing_peer,
    }
    return EvalResult("5w1h", split, len(articles), ours.metrics(), {"giveme5w1h": peer.metrics()}, details, failures)
