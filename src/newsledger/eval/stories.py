"""Story clustering scored against gold document clusters.

Three data sets, told apart by what the folder holds:

* ``giveme5w1h`` (the benchmark root or its ``data/``): 96 news-please JSON
  articles; the gold story is each article's ``category`` (12 categories; the
  one article without a category is a story of its own, 13 in all).
* ``news_cluster`` (``giveme5w1h/news_cluster``): 383 articles; the gold
  story is ``newsCluster.EventId`` (69 events).
* ``ecbplus``: ECB+ documents, text rebuilt from their tokens
  (``eval/ecbplus.py``); the gold story is the sub-topic (``N_*ecb`` versus
  ``N_*ecbplus``: two different events of the same kind). Splits: dev =
  topics 1-35, test = 36-45, all.

Protocol: every document of the split goes through the real pipeline and
story linking of an in-memory Ledger, as a feed would bring them: in
publication-date order, one day's articles per ``add_texts`` call, so each
day is linked against the stories already formed and nothing is
reprocessed. ECB+ documents carry no date: they arrive in a fixed
pseudo-random order (SHA-1 of the document name) in groups of
``GROUP_UNDATED``, and the pipeline infers a publication date from the text
where the text fixes one; the story window applies only between two dated
articles. ``today`` (the latest plausible date) is the latest date in the
data, or the ECB+ release date. The stories the ledger holds at the end are
scored with B-cubed and pairwise precision, recall and F1 over all
documents; a document that failed to process counts as a story of its own.

Peers, measured in the same run on the same texts:

* ``tfidf_threshold``: TF-IDF cosine (scikit-learn, English stop words,
  sublinear tf) over the whole split at once, single link at
  ``TFIDF_PEER_THRESHOLD``, no time window. Its threshold was tuned like
  newsledger's, on Giveme5W1H and ECB+ dev (a TF-IDF cosine is on another
  scale than newsledger's mean story similarity, so sharing
  ``story_threshold`` would be unfair to it);
* ``singletons``: every document its own story (the floor of B-cubed).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from ..errors import BenchmarkError
from ..options import Options
from . import EvalResult
from . import ecbplus
from .clustering import clusters, story_metrics

GROUP_UNDATED = 25
TFIDF_PEER_THRESHOLD = 0.25
ECBPLUS_RELEASE = date(2014, 12, 10)


@dataclass(slots=True)
class StoryDocument:
    id: str
    text: str
    gold: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None


def detect_dataset(folder: Path) -> str:
    """``giveme5w1h``, ``news_cluster`` or ``ecbplus``, from the folder's contents."""
    if ecbplus.is_ecbplus(folder):
        return "ecbplus"
    files = _json_files(folder)
    if not files:
        raise BenchmarkError(str(folder), "neither news-please JSON articles nor ECB+ documents found")
    sample = _read_json(files[0])
    if "newsCluster" in sample:
        return "news_cluster"
    return "giveme5w1h"


def _json_files(folder: Path) -> list[Path]:
    if (folder / "data").is_dir():
        folder = folder / "data"
    return sorted(folder.glob("*.json"))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchmarkError(str(path), f"unreadable JSON ({exc})") from exc


def load_documents(folder: Path, split: str, limit: int | None = None) -> tuple[str, list[StoryDocument]]:
    """The data set's name and its documents with their gold stories."""
    dataset = detect_dataset(folder)
    if dataset == "ecbplus":
        documents = [
            StoryDocument(d.name, d.text, d.subtopic, title=d.title, url=d.url)
            for d in ecbplus.load_split(folder, split, limit)
        ]
        return dataset, documents
    if split != "all":
        raise ValueError(f"the {dataset} story set has only the split 'all'")
    documents = [_news_please(_read_json(p), dataset) for p in _json_files(folder)[:limit]]
    return dataset, documents


def _news_please(record: dict, dataset: str) -> StoryDocument:
    article_id = str(record.get("dId") or record["filename"])[:16]
    if dataset == "news_cluster":
        cluster = record["newsCluster"]
        cluster = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
        gold = f"event:{cluster['EventId']}"
    else:
        gold = record.get("category") or f"uncategorized:{article_id}"
    published = str(record.get("date_publish") or "")[:10]
    return StoryDocument(
        id=article_id, text=record.get("text") or "", gold=gold, title=record.get("title"),
        published=published if published[:4].isdigit() else None,
        outlet=record.get("publisher") or record.get("source_domain"), url=record.get("url"),
    )


def arrival_groups(documents: list[StoryDocument]) -> list[list[StoryDocument]]:
    """The order a feed would bring the documents in: by day, undated ones last in fixed groups."""
    dated = sorted((d for d in documents if d.published), key=lambda d: (d.published, d.id))
    undated = sorted((d for d in documents if not d.published), key=lambda d: hashlib.sha1(d.id.encode()).hexdigest())
    groups = [list(day) for _, day in groupby(dated, key=lambda d: d.published)]
    groups += [undated[i:i + GROUP_UNDATED] for i in range(0, len(undated), GROUP_UNDATED)]
    return groups


def run_ledger(documents: list[StoryDocument], options: Options):
    """An in-memory Ledger fed the documents group by group; returns it and the failures."""
    from ..ledger import Ledger

    ledger = Ledger(options=options)
    failures: list[str] = []
    for group in arrival_groups(documents):
        report = ledger.add_texts(
            {"text": d.text, "id": d.id, "source": d.id, "title": d.title, "published": d.published,
             "outlet": d.outlet, "url": d.url}
            for d in group
        )
        failures += [str(e) for e in report.errors]
    return ledger, failures


def tfidf_threshold(documents: list[StoryDocument], threshold: float) -> dict[str, int]:
    """Single-link clusters of plain TF-IDF cosine at ``threshold`` (the peer)."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(d.text for d in documents)
    similar = (vectors @ vectors.T) >= threshold
    _, labels = connected_components(similar, directed=False)
    return {d.id: int(label) for d, label in zip(documents, labels)}


def _tfidf_peer(gold: dict[str, str], documents: list[StoryDocument]) -> dict:
    """The peer's scores, or why it could not run (scikit-learn comes with the ``eval`` extra)."""
    try:
        return story_metrics(gold, tfidf_threshold(documents, TFIDF_PEER_THRESHOLD))
    except ImportError as exc:
        return {"error": f"{exc}; pip install -e '.[eval]'"}


def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    folder = Path(folder)
    dataset, documents = load_documents(folder, split, limit)
    if not documents:
        raise BenchmarkError(str(folder), f"no documents in the split {split!r}")
    if options.today is None:
        dates = [d.published for d in documents if d.published]
        options = options.replace(today=date.fromisoformat(max(dates)) if dates else ECBPLUS_RELEASE)
    gold = {d.id: d.gold for d in documents}

    ledger, failures = run_ledger(documents, options)
    with ledger:
        system = {article: story.id for story in ledger.stories() for article in story.articles}
        sources = Counter(a.published_source for a in ledger.articles())
        explained = sum(ledger.story_explanation(a) is not None for a in system)

    peers = {
        "tfidf_threshold": _tfidf_peer(gold, documents),
        "singletons": story_metrics(gold, {d.id: d.id for d in documents}),
    }
    details = {
        "dataset": dataset,
        "gold_stories": len(clusters(gold)),
        "stories": len(clusters(system)),
        "story_threshold": options.story_threshold,
        "tfidf_peer_threshold": TFIDF_PEER_THRESHOLD,
        "story_window_days": options.story_window_days,
        "today": options.reference_date.isoformat(),
        "arrival_groups": len(arrival_groups(documents)),
        "published_source": dict(sources),
        "explained_articles": explained,
    }
    return EvalResult("stories", split, len(documents), story_metrics(gold, system), peers, details, failures)
