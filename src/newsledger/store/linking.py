"""The queries that linking articles across the ledger needs (``link.duplicates``, ``link.entities``,
``link.stories``): what to read and write is decided there, the SQL is here.

Scoring stories keeps two temporary tables for the length of one link step: ``_df`` (how many
linked articles carry each feature) and ``_idf`` (each feature's weight, recomputed per chunk).
"""

from __future__ import annotations

import pandas as pd

from .database import LedgerStore

# ``_idf.weight`` is idf² in units of 1 / WEIGHT_SCALE: an integer, so sums of weights are exact in any order.
WEIGHT_SCALE = 1_000_000_000


# -- near-duplicates --------------------------------------------------------


def band_pairs(store: LedgerStore, pending: list[str], bands: list[tuple[int, int, int]], signature_bytes: int,
               tag: bytes) -> list[dict]:
    """Pairs of signed articles that share an LSH band key, one of them (``x``, the later) pending.

    ``bands`` are ``(band, first hex digit, width in hex digits)`` cuts of ``hex(minhash)``; a signature
    counts when it has ``signature_bytes`` and ends with ``tag``. Articles are numbered (``x``, ``y``)
    linked ones first, then in the order they were stored. Each row: ``x, x_id, x_hash, y, y_id, y_hash``.
    """
    values = ", ".join(f"({band}, {first}, {width})" for band, first, width in bands)
    return store.rows(f"""
        WITH signed AS (
            SELECT id, minhash, row_number() OVER (ORDER BY story IS NULL, seq) AS pos, id IN (SELECT unnest(?)) AS new
            FROM articles
            WHERE octet_length(minhash) = {int(signature_bytes)} AND ends_with(hex(minhash), '{tag.hex().upper()}')
              AND (story IS NOT NULL OR id IN (SELECT unnest(?)))
        ), keyed AS (
            SELECT pos, new, band, substring(hex(minhash), first, width) AS key
            FROM signed, (VALUES {values}) AS b(band, first, width)
        ), pairs AS (
            SELECT DISTINCT x.pos AS x, y.pos AS y
            FROM keyed x JOIN keyed y ON x.band = y.band AND x.key = y.key AND y.pos < x.pos
            WHERE x.new
        )
        SELECT x, sx.id AS x_id, sx.minhash AS x_hash, y, sy.id AS y_id, sy.minhash AS y_hash
        FROM pairs JOIN signed sx ON sx.pos = x JOIN signed sy ON sy.pos = y
    """, [pending, pending])


# -- entities ---------------------------------------------------------------


def local_entities_of(store: LedgerStore, article_ids: list[str]) -> list[dict]:
    """``id, name, type, aliases`` of the articles' local entities, in the order the articles were stored."""
    return store.rows(
        "SELECT l.id, l.name, l.type, l.aliases FROM local_entities l LEFT JOIN articles a ON a.id = l.article "
        "WHERE l.article IN (SELECT unnest(?)) ORDER BY a.seq, l.article, l.id",
        [article_ids],
    )


def entity_keys(store: LedgerStore, keys: list[str]) -> list[dict]:
    """``key, type, entity`` rows of the alias index for ``keys``."""
    return store.rows("SELECT key, type, entity FROM entity_keys WHERE key IN (SELECT unnest(?))", [keys])


def person_keys_ending_with(store: LedgerStore, surnames: list[str]) -> list[dict]:
    """``key, entity`` of the people's keys of two words or more whose last word is one of ``surnames``."""
    return store.rows(
        "SELECT key, entity FROM entity_keys WHERE type = 'PERSON' AND contains(key, ' ') "
        "AND string_split(key, ' ')[-1] IN (SELECT unnest(?))",
        [surnames],
    )


def entities_by_id(store: LedgerStore, entity_ids: list[str]) -> list[dict]:
    return store.rows("SELECT id, name, type, aliases FROM entities WHERE id IN (SELECT unnest(?))", [entity_ids])


def rename_entity(store: LedgerStore, entity_id: str, name: str, aliases: str) -> None:
    """Set a stored entity's name and its aliases (a JSON list)."""
    store.con.execute("UPDATE entities SET name = ?, aliases = ? WHERE id = ?", [name, aliases, entity_id])


def linked_mentions(store: LedgerStore) -> list[dict]:
    """``article, start, end, entity`` of every mention linked to an entity."""
    return store.rows('SELECT article, start, "end", entity FROM mentions WHERE entity IS NOT NULL')


# -- story features and their weights ---------------------------------------


def store_features(store: LedgerStore, article_ids: list[str], *, violent_types: list[str], headline_word: str,
                   stop_words: list[str]) -> None:
    """Write the story features of ``article_ids`` into ``article_features`` (``link.stories`` says what
    each kind means): ``e:`` linked entities, ``t:`` key terms, ``d:`` days, ``i:`` the day and place of
    the article's main event when it is of ``violent_types``, ``h:`` headline words (``headline_word``
    matches, three letters or more, not ``stop_words``)."""
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
    store.con.execute(
        """
        INSERT INTO article_features
        SELECT DISTINCT a.id, 'i:' || e.date || '|' || e.place FROM articles a JOIN events e ON e.id = a.main_event
        WHERE a.id IN (SELECT unnest(?)) AND e.place IS NOT NULL AND e.type IN (SELECT unnest(?))
              AND regexp_full_match(e.date, '\\d{4}-\\d{2}-\\d{2}')
        """,
        [article_ids, violent_types],
    )
    store.con.execute(
        """
        INSERT INTO article_features
        SELECT DISTINCT id, 'h:' || word FROM (
            SELECT id, unnest(regexp_extract_all(lower(coalesce(title, '')), ?)) AS word FROM articles
            WHERE id IN (SELECT unnest(?))
        )
        WHERE length(word) >= 3 AND word NOT IN (SELECT unnest(?))
        """,
        [headline_word, article_ids, stop_words],
    )


def count_all_features(store: LedgerStore) -> int:
    """Count every stored feature into a new ``_df``; returns how many articles carry features."""
    store.con.execute("CREATE OR REPLACE TEMP TABLE _df (feature VARCHAR PRIMARY KEY, n INTEGER NOT NULL)")
    store.con.execute("INSERT INTO _df SELECT feature, count(*) FROM article_features GROUP BY feature")
    return store.scalar("SELECT count(DISTINCT article) FROM article_features")


def count_more_features(store: LedgerStore, article_ids: list[str]) -> int:
    """Add the features of ``article_ids`` to ``_df``; returns how many of them carry features."""
    store.con.execute(
        """
        INSERT INTO _df SELECT feature, count(*) FROM article_features WHERE article IN (SELECT unnest(?))
        GROUP BY feature ON CONFLICT (feature) DO UPDATE SET n = n + excluded.n
        """,
        [article_ids],
    )
    return store.scalar(
        "SELECT count(DISTINCT article) FROM article_features WHERE article IN (SELECT unnest(?))", [article_ids])


def weigh_features(store: LedgerStore, total: int, prior: int, common: int) -> None:
    """Write ``_idf``: each feature of ``_df`` carried by at most ``common`` articles, with its idf over
    ``total`` articles and ``prior`` unseen ones, and its ``weight`` (idf² in units of 1 / WEIGHT_SCALE)."""
    store.con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _idf AS
        SELECT feature, ln(1.0 + ($total + $prior) / n) AS idf,
               CAST(round(ln(1.0 + ($total + $prior) / n) ^ 2 * $scale) AS BIGINT) AS weight
        FROM _df WHERE n <= $common
        """,
        {"total": total, "prior": prior, "common": common, "scale": WEIGHT_SCALE},
    )


def pair_scores(store: LedgerStore, article_ids: list[str], *, window_days: int, incident_days: int,
                violent_types: list[str]) -> list[tuple]:
    """``(a, b, b's story, cosine)`` for each of ``article_ids`` (``a``) and every article it shares a
    weighted feature with, unless both are dated more than ``window_days`` apart or their main events
    are both violent (``violent_types``) on days more than ``incident_days`` apart; by ``a``, best first."""
    return store.con.execute(
        """
        WITH pairs AS (
            -- Sums of integers (``_idf.weight``): exact in any order, so every run gives the same
            -- scores (a parallel sum of doubles adds in any order, and its last bits differ).
            SELECT a.article AS a, b.article AS b, sum(df.weight) / $scale AS dot
            FROM article_features a
            JOIN article_features b USING (feature)
            JOIN _idf df USING (feature)
            WHERE a.article IN (SELECT unnest($articles)) AND a.article <> b.article
            GROUP BY a.article, b.article
        ),
        involved AS (SELECT a AS article FROM pairs UNION SELECT b FROM pairs),
        norms AS (
            SELECT article, sqrt(sum(weight) / $scale) AS norm
            FROM article_features JOIN _idf USING (feature)
            WHERE article IN (SELECT article FROM involved) GROUP BY article
        )
        SELECT pairs.a, pairs.b, y.story AS b_story, dot / (na.norm * nb.norm) AS score
        FROM pairs
        JOIN norms na ON na.article = pairs.a
        JOIN norms nb ON nb.article = pairs.b
        JOIN articles x ON x.id = pairs.a
        JOIN articles y ON y.id = pairs.b
        LEFT JOIN events ix ON ix.id = x.main_event AND ix.type IN (SELECT unnest($violent))
             AND regexp_full_match(ix.date, '\\d{4}-\\d{2}-\\d{2}')
        LEFT JOIN events iy ON iy.id = y.main_event AND iy.type IN (SELECT unnest($violent))
             AND regexp_full_match(iy.date, '\\d{4}-\\d{2}-\\d{2}')
        WHERE (x.published IS NULL OR y.published IS NULL
               OR abs(date_diff('day', CAST(x.published AS DATE), CAST(y.published AS DATE))) <= $window)
          -- two violent incidents on days far apart are two incidents, however alike their reports
          AND (ix.date IS NULL OR iy.date IS NULL
               OR abs(date_diff('day', CAST(ix.date AS DATE), CAST(iy.date AS DATE))) <= $incident_days)
        ORDER BY pairs.a, score DESC, pairs.b
        """,
        {"articles": article_ids, "window": window_days, "scale": WEIGHT_SCALE, "violent": violent_types,
         "incident_days": incident_days},
    ).fetchall()


def shared_features(store: LedgerStore, pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    """``(a, b, features both carry, rarest first)`` for each pair of articles that shares a weighted feature."""
    store.con.register("_links", pd.DataFrame(pairs, columns=["a", "b"]))
    try:
        return store.con.execute(
            """
            SELECT l.a, l.b, list(fa.feature ORDER BY df.idf DESC, fa.feature) AS shared
            FROM _links l
            JOIN article_features fa ON fa.article = l.a
            JOIN article_features fb ON fb.article = l.b AND fb.feature = fa.feature
            JOIN _idf df ON df.feature = fa.feature
            GROUP BY l.a, l.b
            """
        ).fetchall()
    finally:
        store.con.unregister("_links")


# -- story membership -------------------------------------------------------


def articles_to_link(store: LedgerStore, article_ids: list[str]) -> list[dict]:
    """``id, seq, duplicate_of, title`` of ``article_ids``, in the order they were stored."""
    return store.rows(
        "SELECT id, seq, duplicate_of, title FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY seq", [article_ids])


def story_of(store: LedgerStore, article: str) -> str | None:
    return store.scalar("SELECT story FROM articles WHERE id = ?", [article])


def story_size(store: LedgerStore, story: str) -> int:
    return store.scalar("SELECT count(*) FROM articles WHERE story = ?", [story])


def story_sizes(store: LedgerStore, stories: list[str]) -> dict[str, int]:
    """The stored articles of each of ``stories`` that has any, in one query."""
    return {row["story"]: row["n"] for row in store.rows(
        "SELECT story, count(*) AS n FROM articles WHERE story IN (SELECT unnest(?)) GROUP BY story", [stories])}


def story_members(store: LedgerStore, stories: list[str]) -> dict[str, str]:
    """``{article: story}`` for the stored articles of ``stories``."""
    return {row["id"]: row["story"] for row in store.rows(
        "SELECT id, story FROM articles WHERE story IN (SELECT unnest(?))", [stories])}


def stories_with_articles(store: LedgerStore, stories: list[str]) -> list[str]:
    """Those of ``stories`` that still have articles (not merged away), sorted."""
    return sorted({row["story"] for row in store.rows(
        "SELECT DISTINCT story FROM articles WHERE story IN (SELECT unnest(?))", [stories])})


def merge_story(store: LedgerStore, absorbed: str, survivor: str) -> None:
    """Move ``absorbed``'s articles and links to ``survivor`` and drop ``absorbed`` and its discrepancies."""
    store.con.execute("UPDATE articles SET story = ? WHERE story = ?", [survivor, absorbed])
    store.con.execute("UPDATE story_links SET story = ? WHERE story = ?", [survivor, absorbed])
    store.con.execute("DELETE FROM stories WHERE id = ?", [absorbed])
    store.con.execute("DELETE FROM discrepancies WHERE story = ?", [absorbed])


def latest_story_link(store: LedgerStore, article: str) -> dict | None:
    """The article's last ``story_links`` row (``shared`` as stored: JSON), or None."""
    rows = store.rows("SELECT * FROM story_links WHERE article = ? ORDER BY rowid DESC LIMIT 1", [article])
    return rows[0] if rows else None
