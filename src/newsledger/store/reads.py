"""The reads the web makes: one page of a record kind, one record, one story's or one article's rows.

Every function filters, counts and pages in SQL and reads only the rows one response shows, so a
request costs the same in a ledger of 300 articles as in one of 10,000. Values reach SQL only as
bound parameters; filter names only from a kind's declared filters (``newsledger.kinds``). Rows
become records through the export's converters (``store/export.py``), so the web shows what
``newsledger export`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..kinds import Kind, kind as declared
from . import export as X
from .database import LedgerStore


def _where(kind: Kind, filters: Mapping[str, str]) -> str:
    return " AND ".join(X.condition(kind, name) for name in filters) or "true"


def count(store: LedgerStore, kind: Kind, filters: Mapping[str, str]) -> int:
    """How many records of the kind match every filter (exact matches; ``story``: of that story)."""
    # Only ``story`` needs the join to articles: every stored row names a stored article
    # (the writer stores an article's rows with it, in one transaction).
    return store.scalar(f"SELECT count(*) FROM {X.source(kind, joined='story' in filters)} WHERE {_where(kind, filters)}",
                        list(filters.values()))


def rows(store: LedgerStore, kind: Kind, filters: Mapping[str, str], limit: int | None = None, offset: int = 0) -> list[dict]:
    """The stored rows of the records matching every filter, in the kind's total order; all of them when
    ``limit`` is None (callers filter by one article, story or entity, which bounds the rows)."""
    where, params = _where(kind, filters), list(filters.values())
    joined = "story" in filters or "article" not in filters  # one article's rows: its index, no join, same order
    source, order = X.source(kind, joined), X.order(kind, total=True, joined=joined)
    if limit is None:
        return store.rows(f"SELECT {X.columns(kind)} FROM {source} WHERE {where} ORDER BY {order}", params)
    # A page is chosen and ordered on narrow columns, then only its rows are read whole (by rowid):
    # sorting whole rows of a big table to keep a page costs more (statements of a speaker: 25 ms against 65).
    chosen = f"SELECT t.rowid FROM {source} WHERE {where} ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}"
    return store.rows(f"SELECT {X.columns(kind)} FROM {source} WHERE t.rowid IN ({chosen}) ORDER BY {order}", params)


def record_rows(store: LedgerStore, kind: Kind, record_id: str) -> list[dict]:
    """The stored row of one record of the kind by id (none for an unknown id)."""
    return store.rows(f"SELECT {X.columns(kind)} FROM {X.source(kind)} WHERE t.id = ?", [record_id])


def entity(store: LedgerStore, entity_id: str) -> dict | None:
    """An entity's row without its mentions."""
    found = store.rows("SELECT id, name, type, aliases FROM entities WHERE id = ?", [entity_id])
    return found[0] if found else None


def names(store: LedgerStore, ids: Sequence[str]) -> dict[str, str]:
    """Entity id -> name, for the ids given."""
    return {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))", [list(ids)])}


def mentions(store: LedgerStore, article_id: str) -> list[dict]:
    """An article's linked mentions (article, start, end, entity), by offset."""
    return store.rows('SELECT article, start, "end", entity FROM mentions WHERE article = ? AND entity IS NOT NULL '
                      "ORDER BY start", [article_id])


def story_articles(store: LedgerStore, story_id: str, text: bool = False, limit: int | None = None, offset: int = 0) -> list[dict]:
    """The story's article rows in its order (by publication date), or a page of them; their text empty unless asked."""
    columns = "* EXCLUDE (minhash, terms)" if text else "* EXCLUDE (minhash, terms, text), '' AS text"
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return store.rows(f"SELECT {columns} FROM articles WHERE story = ? ORDER BY published NULLS LAST, seq{page}", [story_id])


def outlets(store: LedgerStore, article_ids: Sequence[str]) -> list[dict]:
    """id, outlet, title, url and source of the articles given."""
    return store.rows("SELECT id, outlet, title, url, source FROM articles WHERE id IN (SELECT unnest(?))", [list(article_ids)])


def story_members(store: LedgerStore, story_id: str) -> list[dict]:
    """id, outlet and duplicate_of of the story's articles, in its order."""
    return store.rows("SELECT id, outlet, duplicate_of FROM articles WHERE story = ? ORDER BY published NULLS LAST, seq", [story_id])


def dated_events(store: LedgerStore, story_id: str) -> list[dict]:
    """The event rows of the story's articles that carry a date (those a timeline can place)."""
    return store.rows("SELECT t.* FROM events t JOIN articles a ON a.id = t.article WHERE a.story = ? AND t.date IS NOT NULL",
                      [story_id])


def dated_statements(store: LedgerStore, story_id: str, also: Sequence[str]) -> list[dict]:
    """The statement rows of the story's articles that carry a date, and those with the ids in ``also``."""
    return store.rows("SELECT t.* FROM statements t JOIN articles a ON a.id = t.article "
                      "WHERE a.story = ? AND (t.date IS NOT NULL OR t.id IN (SELECT unnest(?)))", [story_id, list(also)])


def _story_or(field: str, story_id: str | None, value: str | None) -> tuple[str, str | None]:
    return ("a.story = ?", story_id) if story_id else (f"t.{field} = ?", value)


def framing_labels(store: LedgerStore, story_id: str | None = None, entity: str | None = None) -> list[dict]:
    """The label columns framing counts, with each label's article's outlet, url and source, of one story or
    of one entity, in the labels' order."""
    where, value = _story_or("entity", story_id, entity)
    labels = declared("labels")
    return store.rows(
        'SELECT t.article, t.entity, t.entity_text, t.label, t.voice, t.speaker, t.speaker_text, t.start, t."end", '
        f"a.outlet, a.url, a.source FROM {X.source(labels)} WHERE {where} ORDER BY {X.order(labels, total=True)}", [value])


def framing_terms(store: LedgerStore, story_id: str | None = None, target: str | None = None) -> list[dict]:
    """The loaded-term columns framing counts, with each term's article's outlet, url and source, of one story
    or about one entity, in the terms' order."""
    where, value = _story_or("target", story_id, target)
    terms = declared("loaded_terms")
    return store.rows(
        "SELECT t.article, t.lemma, t.category, t.voice, t.speaker, t.speaker_text, t.target, t.target_text, "
        f't.start, t."end", a.outlet, a.url, a.source FROM {X.source(terms)} WHERE {where} '
        f"ORDER BY {X.order(terms, total=True)}", [value])


def entity_mentions(store: LedgerStore, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(how many, a page of) the entity's mentions with their words and article title, by article and offset."""
    total = store.scalar("SELECT count(*) FROM mentions WHERE entity = ?", [entity_id])
    chosen = "SELECT rowid FROM mentions WHERE entity = ? ORDER BY article, start LIMIT ? OFFSET ?"
    found = store.rows(f'SELECT m.article, m.start, m."end", m.text, a.title FROM mentions m JOIN articles a ON a.id = m.article '
                       f"WHERE m.rowid IN ({chosen}) ORDER BY m.article, m.start", [entity_id, limit, offset])
    return total, found


def statements_about(store: LedgerStore, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(how many, a page of the rows of) statements by others whose content holds a mention of the entity."""
    # From the entity's mentions to the statements of their articles (a hash join), not a probe per statement.
    hits = ('WITH m AS (SELECT article, start, "end" FROM mentions WHERE entity = ?) '
            "SELECT DISTINCT s.rowid FROM statements s JOIN m ON m.article = s.article "
            'WHERE s.content_start <= m.start AND m."end" <= s.content_end AND s.speaker IS DISTINCT FROM ?')
    statements = declared("statements")
    source, order = X.source(statements), X.order(statements, total=True)
    page = store.rows(f"SELECT t.rowid AS r, count(*) OVER () AS total FROM {source} WHERE t.rowid IN ({hits}) "
                      f"ORDER BY {order} LIMIT ? OFFSET ?", [entity_id, entity_id, limit, offset])
    if not page:  # nothing, or past the last page
        return (store.scalar(f"SELECT count(*) FROM ({hits})", [entity_id, entity_id]) if offset else 0), []
    found = store.rows(f"SELECT t.* FROM {source} WHERE t.rowid IN (SELECT unnest(?)) ORDER BY {order}", [[r["r"] for r in page]])
    return page[0]["total"], found


def story_count(store: LedgerStore) -> int:
    return store.scalar("SELECT count(*) FROM stories")


def story_summaries(store: LedgerStore, text: str | None = None, entity: str | None = None, date: str | None = None,
                    limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
    """(how many stories match every filter given, a page of them by id with their counts: ``articles``,
    ``outlets`` (named), ``unnamed`` (url or source of the articles naming no outlet), ``first``, ``last``
    (publication days) and ``discrepancies``).

    ``text``: in the story title or an article's title or text (case-insensitive);
    ``entity``: an entity id, or words of an entity's name or alias, mentioned in the story;
    ``date``: YYYY, YYYY-MM or YYYY-MM-DD that overlaps the story's publication dates.
    """
    where, params = ["true"], []
    if text:
        where.append("(contains(lower(coalesce(s.title, '')), lower(?)) OR s.id IN (SELECT story FROM articles "
                     "WHERE contains(lower(coalesce(title, '') || chr(10) || text), lower(?))))")
        params += [text, text]
    if entity:
        where.append("s.id IN (SELECT a.story FROM mentions m JOIN articles a ON a.id = m.article WHERE m.entity IN ("
                     "SELECT id FROM entities WHERE id = ? OR contains(lower(name), lower(?)) OR len(list_filter("
                     "CAST(aliases AS JSON)::VARCHAR[], lambda alias: contains(lower(alias), lower(?)))) > 0))")
        params += [entity, entity, entity]
    if date:
        where.append("m.first IS NOT NULL AND left(m.first, ?) <= ? AND ? <= left(m.last, ?)")
        params += [len(date), date, date, len(date)]
    # Counted over the members of every story at once: one GROUP BY, not a loop over stories.
    matching = f"""
        WITH m AS (
            SELECT story, count(*) AS articles, min(nullif(published, '')) AS first, max(nullif(published, '')) AS last,
                   list_sort(list_distinct(list(outlet) FILTER (WHERE outlet <> ''))) AS outlets,
                   list_distinct(list(coalesce(url, source)) FILTER (WHERE coalesce(outlet, '') = '')) AS unnamed
            FROM articles WHERE story IS NOT NULL GROUP BY story),
        d AS (SELECT story, count(*) AS n FROM discrepancies GROUP BY story)
        SELECT s.id, s.title, coalesce(m.articles, 0) AS articles, coalesce(m.outlets, []) AS outlets,
               coalesce(m.unnamed, []) AS unnamed, m.first, m.last,
               coalesce(d.n, 0) AS discrepancies
        FROM stories s LEFT JOIN m ON m.story = s.id LEFT JOIN d ON d.story = s.id
        WHERE {' AND '.join(where)}"""
    found = store.rows(f"SELECT *, count(*) OVER () AS matching FROM ({matching}) ORDER BY id LIMIT ? OFFSET ?",
                       [*params, limit, offset])
    if found:
        return found[0]["matching"], found
    # past the last page (or nothing matches): still say how many match
    return store.scalar(f"SELECT count(*) FROM ({matching})", params), []
