"""Stories: articles about the same developing story, grouped incrementally.

Each article is described by features — the entities it names (``e:``), its
key terms (``t:``), the days it mentions (``d:``), the day and place of the
violent incident it reports (``i:``, its main event) and the words of its
headline (``h:``) — weighted by inverse document frequency and compared by
cosine. Features that more than ``_COMMON_SHARE`` of a large ledger carry (or
more than ``_COMMON_MAX`` articles) are dropped: they say nothing about
stories, and leaving them out of the
join on shared features (a set operation in SQL, so DuckDB or Spark can run
it) is the blocking step that keeps linking sub-quadratic.

A new article joins the story whose articles it resembles most *on
average* (average link, not its single best match: one look-alike article
of another story must not pull it over). The bar it must clear falls
slowly as a story grows, ``story_threshold × size ** -SIZE_EXPONENT``
(0.12 for a lone article, 0.095 for a story of ten): a developing story's
articles drift apart, so a newcomer's mean similarity to a long story is
lower than to a young one for the same fit. Among the stories whose bar it
clears, it joins the one it clears by the widest margin; if none, it starts
a story. Stories an update touched are then merged with another story when
the mean similarity over all their article pairs reaches ``story_threshold
+ MERGE_MARGIN`` — so a story that started as two fragments becomes one
once enough articles tie them, and nothing already linked is reprocessed.

Time: two articles further apart than ``story_window_days`` (both dated)
count as unrelated, so an old story's articles weigh less and less in its
mean as it ages; an undated article (ECB+ documents, texts whose date the
pipeline could not infer) is compared with every article. Two articles whose
main events (``extract.main_event``) are violent incidents on days more than
``story_incident_days`` apart count as unrelated too: two shootings in one
city a month apart are reported in the same words, but they are two
incidents (on gva-longtail dev this took story B-cubed precision from 0.80
to 0.89 at a recall of 0.88 → 0.87; one day or three cost more recall). The features that
tied an article to its story, the story's mean similarity and the closest
article in it are stored in ``story_links``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..extract.events.lexicon import VIOLENT_TYPES
from ..options import Options
from ..store import linking
from ..store.database import LedgerStore
from ..store.rows import dumps
from .story_merges import StoryAffinity

VERSION = "stories.v4"
# A feature in more than this share of a large ledger says nothing about stories.
_COMMON_SHARE = 0.05
_COMMON_MIN = 20
# ... and one in more than this many articles too, however large the ledger: the join on shared
# features then costs a chunk about the same at 1,000 articles as at 100,000 (the blocking that keeps
# linking linear). The price: in a very large ledger, a long story's commonest names stop counting,
# and its articles are tied by rarer features (dates, key terms, headline words).
_COMMON_MAX = 50
# idf counts this many articles besides the ledger's own, as if it already held
# unrelated news: in a young ledger of one story, that story's words would
# otherwise look common and its articles unlike each other.
_PRIOR_ARTICLES = 100
# Merging two stories asks a little more than joining one: both are already
# coherent, and a merge cannot be undone by a later article.
MERGE_MARGIN = 0.02
# How fast the bar to join a story falls with its size (see the module docstring); 0.1 was the one
# value that helped Giveme5W1H, news_cluster and ECB+ dev together (0.05 and 0.15 were tried).
SIZE_EXPONENT = 0.1
_HEADLINE_WORD = r"[a-z][a-z'-]+"


def store_features(store: LedgerStore, article_ids: list[str]) -> None:
    """Write the features of ``article_ids`` (entities must be linked first)."""
    linking.store_features(store, article_ids, violent_types=sorted(VIOLENT_TYPES), headline_word=_HEADLINE_WORD,
                     stop_words=sorted(STOP_WORDS))


class Pair(NamedTuple):
    """One new article ``a``'s similarity to a stored or new article ``b`` (a tuple: a chunk holds many)."""

    a: str
    b: str
    b_story: str | None
    score: float


class LinkStep:
    """What one link step carries from chunk to chunk: the pair sums between stories (``affinity``)
    and how many linked articles carry each feature (the temporary table ``_df``, with ``total``
    articles), counted from every stored feature once, then by each chunk's own, so that weighing
    features does not group the whole ``article_features`` table again for each chunk."""

    def __init__(self) -> None:
        self.affinity = StoryAffinity()
        self.total: int | None = None

    def count_features(self, store: LedgerStore, article_ids: list[str]) -> None:
        """Add the features of ``article_ids`` (just stored) to the counts."""
        if self.total is None:
            self.total = linking.count_all_features(store)
            return
        self.total += linking.count_more_features(store, article_ids)


def compute_idf(store: LedgerStore, total: int) -> None:
    """Weigh the features of the articles linked so far (the new ones included: what an incremental
    run has seen; ``total`` of them, counted in ``_df``) into the temporary table ``_idf``, which
    scoring reads; recomputed once per chunk."""
    common = min(_COMMON_MAX, max(_COMMON_MIN, int(_COMMON_SHARE * total)))
    linking.weigh_features(store, total, _PRIOR_ARTICLES, common)


def score_pairs(store: LedgerStore, article_ids: list[str], options: Options) -> list[Pair]:
    """Similarity of each of ``article_ids`` to every article it shares a feature with (within the window)."""
    rows = linking.pair_scores(store, article_ids, window_days=options.story_window_days,
                         incident_days=options.story_incident_days, violent_types=sorted(VIOLENT_TYPES))
    return [Pair(*row) for row in rows]


def shared_features(store: LedgerStore, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """The features each pair shares, rarest first (what ``story_links.shared`` shows), for the
    few pairs that become links: fetching them with every scored pair would hold a list per pair."""
    if not pairs:
        return {}
    return {(a, b): shared for a, b, shared in linking.shared_features(store, pairs)}


class _Stories:
    """Story membership while one update runs: stored stories plus what this run changes."""

    def __init__(self, store: LedgerStore):
        self.store = store
        self.story_of: dict[str, str] = {}  # article -> story, for articles this run has looked up or placed
        self.size: dict[str, int] = {}
        self.merged: dict[str, str] = {}  # absorbed story -> surviving story
        self.stored: set[str] = set()  # articles that had a story before this update

    def know(self, pair_rows: list[Pair]) -> None:
        """Remember the stored story of each matched article, and the size of each such story
        (one query for all: a count per story would scan the articles table each time)."""
        for pair in pair_rows:
            self.story_of.setdefault(pair.b, pair.b_story)
            if pair.b_story is not None:
                self.stored.add(pair.b)
        self.load_sizes({pair.b_story for pair in pair_rows if pair.b_story is not None})

    def load_sizes(self, stories: set[str]) -> None:
        """Count the stored articles of the ``stories`` not counted yet, in one query."""
        unknown = sorted(stories - self.size.keys())
        if unknown:
            self.size.update(dict.fromkeys(unknown, 0))
            self.size.update(linking.story_sizes(self.store, unknown))

    def of(self, article: str) -> str | None:
        if article not in self.story_of:
            self.story_of[article] = linking.story_of(self.store, article)
        return self.resolve(self.story_of[article])

    def resolve(self, story: str | None) -> str | None:
        """The story that ``story`` was merged into, or itself."""
        while story in self.merged:
            story = self.merged[story]
        return story

    def count(self, story: str) -> int:
        if story not in self.size:
            self.size[story] = linking.story_size(self.store, story)
        return self.size[story]

    def place(self, article: str, story: str) -> None:
        self.count(story)
        self.story_of[article] = story
        self.size[story] += 1

    def merge(self, one: str, other: str) -> str:
        survivor, absorbed = sorted([one, other])
        self.size[survivor] = self.count(survivor) + self.count(absorbed)
        self.merged[absorbed] = survivor
        return survivor


def _mean_by_story(matches: list[Pair], stories: _Stories) -> dict[str, tuple[float, Pair]]:
    """``{story: (mean similarity to its articles, closest match)}`` for one article's matches."""
    totals: dict[str, float] = defaultdict(float)
    closest: dict[str, Pair] = {}
    for match in matches:
        story = stories.of(match.b)
        if story is None:
            continue  # a new article not placed yet
        totals[story] += match.score
        if story not in closest or match.score > closest[story].score:
            closest[story] = match
    return {story: (total / stories.count(story), closest[story]) for story, total in totals.items()}


def join_threshold(threshold: float, size: int) -> float:
    """The mean similarity an article needs to join a story of ``size`` articles."""
    return threshold * max(size, 1) ** -SIZE_EXPONENT


def _best_story(scored: dict[str, tuple[float, Pair]], stories: _Stories, threshold: float) -> str | None:
    """The story whose bar the article clears by the widest margin, or None when it clears none."""
    margins = {story: mean - join_threshold(threshold, stories.count(story)) for story, (mean, _) in scored.items()}
    best = max(margins, key=margins.get, default=None)
    return best if best is not None and margins[best] >= 0 else None


def link_stories(store: LedgerStore, article_ids: list[str], options: Options, step: LinkStep | None = None) -> set[str]:
    """Give each new article a story; returns the ids of the stories that changed.

    ``step`` carries what the chunks of one link step share; alone, a call is a step of its own."""
    if not article_ids:
        return set()
    step = step if step is not None else LinkStep()
    affinity = step.affinity
    store_features(store, article_ids)
    step.count_features(store, article_ids)
    compute_idf(store, step.total)
    new = linking.articles_to_link(store, article_ids)
    pair_rows = score_pairs(store, article_ids, options)
    matches: dict[str, list[Pair]] = defaultdict(list)
    for pair in pair_rows:
        matches[pair.a].append(pair)

    stories = _Stories(store)
    stories.know(pair_rows)
    created: list[dict] = []
    links: list[dict] = []
    for row in new:
        article = row["id"]
        if row["duplicate_of"] and (story := stories.of(row["duplicate_of"])):
            stories.place(article, story)
            links.append({"article": article, "story": story, "matched": row["duplicate_of"], "score": 1.0,
                          "shared": dumps(["duplicate"])})
            continue
        scored = _mean_by_story(matches[article], stories)
        best = _best_story(scored, stories, options.story_threshold)
        if best is None:
            story = "st_" + article
            stories.size[story] = 0
            stories.place(article, story)
            created.append({"id": story, "title": row["title"]})
            links.append({"article": article, "story": story, "matched": None, "score": None, "shared": "[]"})
            continue
        mean, closest = scored[best]
        stories.place(article, best)
        links.append({"article": article, "story": best, "matched": closest.b, "score": mean, "shared": None})

    for row in new:  # in ingestion order: each pair is counted from its later article
        affinity.place(row["id"], ((pair.b, pair.score) for pair in matches[row["id"]]), stories.of,
                       stories.stored.__contains__)
    touched = {stories.of(r["id"]) for r in new}
    _merge_touched(store, touched, stories, options, affinity)

    store.insert("stories", created)
    for absorbed in stories.merged:
        linking.merge_story(store, absorbed, stories.resolve(absorbed))
    final = {r["id"]: stories.of(r["id"]) for r in new}
    store.update_column("articles", "story", final.items())
    shared = shared_features(store, [(link["article"], link["matched"]) for link in links if link["shared"] is None])
    for link in links:
        link["story"] = final[link["article"]]
        if link["shared"] is None:
            link["shared"] = dumps(shared.get((link["article"], link["matched"]), []))
    store.insert("story_links", links)
    return {stories.of(r["id"]) for r in new} | {stories.resolve(s) for s in touched}


def _merge_touched(store: LedgerStore, touched: set[str], stories: _Stories, options: Options,
                   affinity: StoryAffinity) -> None:
    """Average-link merges of the stories this update touched with any other story (``affinity``
    holds the pair sums between stories; see ``story_merges``)."""
    _seed(store, sorted(touched), stories, options, affinity)
    while True:
        stories.load_sizes({other for story in touched for other in affinity.neighbours(story)})
        pair = affinity.best_merge(touched, stories.count, options.story_threshold + MERGE_MARGIN)
        if pair is None:
            return
        survivor = stories.merge(*pair)
        absorbed = pair[1] if survivor == pair[0] else pair[0]
        affinity.merge(survivor, absorbed)
        touched -= set(pair)
        touched.add(survivor)
        _seed(store, [absorbed], stories, options, affinity)  # an untouched story's members join the count


def _seed(store: LedgerStore, story_ids: list[str], stories: _Stories, options: Options,
          affinity: StoryAffinity) -> None:
    """Count the pairs of the stories' stored members that this link step has not counted yet."""
    members = linking.story_members(store, story_ids)
    unseeded = affinity.unseeded(sorted(members))
    if not unseeded:
        return
    for article in unseeded:
        stories.story_of.setdefault(article, members[article])
        stories.stored.add(article)
    pair_rows = score_pairs(store, unseeded, options)
    stories.know(pair_rows)
    affinity.seed(unseeded, ((pair.a, pair.b, pair.score) for pair in pair_rows), stories.of,
                  stories.stored.__contains__)


def story_explanation(store: LedgerStore, article_id: str) -> dict | None:
    """What tied an article to its story: the closest article in it, the story's mean
    similarity to the article, and the features the two share (rarest first)."""
    row = linking.latest_story_link(store, article_id)
    if row is None:
        return None
    row["shared"] = json.loads(row["shared"])
    return row
