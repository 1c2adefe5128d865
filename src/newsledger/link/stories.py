"""Stories: articles about the same developing story, grouped incrementally.

Each article is described by features — the entities it names (``e:``), its
key terms (``t:``) and the days it mentions (``d:``) — weighted by inverse
document frequency. Pair scores are computed in SQL as a join on shared
features (a set operation, so DuckDB or Spark can run it), restricted to
features that are not too common: that join is the blocking step that keeps
linking sub-quadratic. A new article joins the story of its best match above
``story_threshold`` (and bridges stories it matches equally well); articles
further apart in time than ``story_window_days`` never match. The features
that tied an article to its story are stored in ``story_links``.
"""

from __future__ import annotations

import json

from ..options import Options
from ..store.database import LedgerStore
from ..store.rows import dumps

VERSION = "stories.v1"
# A feature in more than this share of a large ledger says nothing about stories.
_COMMON_SHARE = 0.05
_COMMON_MIN = 20


def store_features(store: LedgerStore, article_ids: list[str]) -> None:
    """Write the features of ``article_ids`` (entities must be linked first)."""
    params = [article_ids]
    store.con.execute(
        """
        INSERT INTO article_features
        SELECT DISTINCT article, 'e:' || entity FROM mentions
        WHERE article IN (SELECT unnest(?)) AND entity IS NOT NULL
        """,
        params,
    )
    store.con.execute(
        """
        INSERT INTO article_features
        SELECT DISTINCT id, 't:' || unnest(CAST(terms AS VARCHAR[])) FROM articles
        WHERE id IN (SELECT unnest(?))
        """,
        params,
    )
    store.con.execute(
        """
        INSERT INTO article_features
        SELECT DISTINCT article, 'd:' || value FROM times
        WHERE article IN (SELECT unnest(?)) AND regexp_full_match(value, '\\d{4}-\\d{2}-\\d{2}')
        """,
        params,
    )


def score_pairs(store: LedgerStore, article_ids: list[str], options: Options) -> list[dict]:
    """Similarity of each new article to every article it shares a rare feature with."""
    total = store.scalar("SELECT count(*) FROM articles")
    common = max(_COMMON_MIN, int(_COMMON_SHARE * total))
    return store.rows(
        """
        WITH df AS (
            SELECT feature, count(*) AS n, ln(1.0 + ? / count(*)) AS idf
            FROM article_features GROUP BY feature
        ),
        norms AS (
            SELECT article, sqrt(sum(idf * idf)) AS norm
            FROM article_features JOIN df USING (feature) GROUP BY article
        ),
        pairs AS (
            SELECT a.article AS a, b.article AS b, sum(df.idf * df.idf) AS dot,
                   list(feature ORDER BY df.idf DESC) AS shared
            FROM article_features a
            JOIN article_features b USING (feature)
            JOIN df USING (feature)
            WHERE a.article IN (SELECT unnest(?)) AND a.article <> b.article AND df.n <= ?
            GROUP BY a.article, b.article
        )
        SELECT pairs.a, pairs.b, dot / (na.norm * nb.norm) AS score, shared
        FROM pairs
        JOIN norms na ON na.article = pairs.a
        JOIN norms nb ON nb.article = pairs.b
        JOIN articles x ON x.id = pairs.a
        JOIN articles y ON y.id = pairs.b
        WHERE dot / (na.norm * nb.norm) >= ?
          AND (x.published IS NULL OR y.published IS NULL
               OR abs(date_diff('day', CAST(x.published AS DATE), CAST(y.published AS DATE))) <= ?)
        ORDER BY pairs.a, score DESC
        """,
        [total, article_ids, common, options.story_threshold, options.story_window_days],
    )


def link_stories(store: LedgerStore, article_ids: list[str], options: Options) -> set[str]:
    """Give each new article a story; returns the ids of the stories that changed."""
    if not article_ids:
        return set()
    store_features(store, article_ids)
    new = store.rows(
        "SELECT id, seq, duplicate_of, title FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY seq", [article_ids]
    )
    matches: dict[str, list[dict]] = {}
    for row in score_pairs(store, article_ids, options):
        matches.setdefault(row["a"], []).append(row)

    story_of: dict[str, str] = {}  # article -> story, for the articles this run touches
    created: list[dict] = []
    merged: dict[str, str] = {}  # absorbed story -> surviving story
    links: list[dict] = []

    def current_story(article: str) -> str | None:
        story = story_of.get(article)
        if story is None:
            story = store.scalar("SELECT story FROM articles WHERE id = ?", [article])
        while story in merged:
            story = merged[story]
        return story

    for row in new:
        article = row["id"]
        if row["duplicate_of"]:
            story = current_story(row["duplicate_of"])
            if story:
                story_of[article] = story
                links.append({"article": article, "story": story, "matched": row["duplicate_of"], "score": 1.0, "shared": dumps(["duplicate"])})
                continue
        candidates = [(m, current_story(m["b"])) for m in matches.get(article, [])]
        candidates = [(m, s) for m, s in candidates if s is not None]
        if not candidates:
            story_of[article] = "st_" + article
            created.append({"id": "st_" + article, "title": row["title"]})
            links.append({"article": article, "story": "st_" + article, "matched": None, "score": None, "shared": "[]"})
            continue
        best, story = candidates[0]
        # An article that matches several stories well bridges them into one.
        for other_match, other in candidates[1:]:
            if other != story and other_match["score"] >= options.story_threshold:
                survivor, absorbed = sorted([story, other])
                merged[absorbed] = survivor
                story = survivor
        story_of[article] = story
        links.append({"article": article, "story": story, "matched": best["b"], "score": best["score"], "shared": dumps(best["shared"])})

    changed = set(story_of.values()) | set(merged.values())
    store.insert("stories", created)
    for absorbed, survivor in merged.items():
        while survivor in merged:
            survivor = merged[survivor]
        store.con.execute("UPDATE articles SET story = ? WHERE story = ?", [survivor, absorbed])
        store.con.execute("UPDATE story_links SET story = ? WHERE story = ?", [survivor, absorbed])
        store.con.execute("DELETE FROM stories WHERE id = ?", [absorbed])
        store.con.execute("DELETE FROM discrepancies WHERE story = ?", [absorbed])
    final = {a: current_story(a) for a in story_of}
    store.update_column("articles", "story", final.items())
    for link in links:
        link["story"] = final[link["article"]]
    store.insert("story_links", links)
    return {s for s in changed if s not in merged}


def story_explanation(store: LedgerStore, article_id: str) -> dict | None:
    """What tied an article to its story: the matched article and the shared features."""
    rows = store.rows("SELECT * FROM story_links WHERE article = ? ORDER BY rowid DESC LIMIT 1", [article_id])
    if not rows:
        return None
    row = rows[0]
    row["shared"] = json.loads(row["shared"])
    return row
