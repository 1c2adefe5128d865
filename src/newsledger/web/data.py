"""What the pages and the API read: the export's records, fetched one page or one story at a time.

Every lookup filters, counts and pages in SQL and reads only the rows one response shows
(a page of a collection, one story's articles, one article's spans), so a request costs
the same in a ledger of 300 articles as in one of 10,000. Rows become records through the
export's converters (store/rows.py), so the web shows what ``newsledger export`` writes.
Reads are per request: a ledger that another process re-ingests shows its new state on
the next page load.
"""

from __future__ import annotations

import json
import re
from datetime import date
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..compare.framing import FramingRow, LoadedRow, framing_rows, loaded_rows
from ..compare.timeline import build_timeline
from ..records import Article
from ..store import rows as R
from ..store.database import LedgerStore
from .sources import site_name, source_name

# Ids are looked up as given, whatever their characters: ingest keeps a feed's own ids (URLs, words with spaces,
# "a/b", quotes) and builds story and statement ids from them. They reach SQL only as bound parameters; an id
# longer than MAX_ID_LENGTH is no record's.
MAX_ID_LENGTH = 4096
DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# Paging: ``page`` counts from 1; the API's ``limit`` is at most MAX_LIMIT records.
DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_PAGE = 1_000_000_000  # keeps page × limit inside DuckDB's BIGINT offset


def valid_date(value: str) -> bool:
    """``?date=``: a real year, month or day as YYYY, YYYY-MM or YYYY-MM-DD (not ``2024-13``, not ``2024-02-30``)."""
    if not DATE_PATTERN.fullmatch(value):
        return False
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def valid_id(value: str) -> bool:
    return 0 < len(value) <= MAX_ID_LENGTH


def page_number(value: str | None) -> int:
    """``?page=``: a whole number from 1; ValueError (a 400) for anything else."""
    return _whole(value, "page", 1, MAX_PAGE, 1)


def page_limit(value: str | None) -> int:
    """``?limit=``: records per page, 1…MAX_LIMIT; ValueError (a 400) for anything else."""
    return _whole(value, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT)


def _whole(value: str | None, name: str, low: int, high: int, default: int) -> int:
    if value is None:
        return default
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high:,}.")
    return int(text)


@dataclass(frozen=True, slots=True)
class Collection:
    """How one API collection is read: the ``FROM`` (records are ``t``), a total order and its filters."""

    source: str
    order: str
    filters: Mapping[str, str]  # filter name -> SQL condition with one ``?``
    build: Callable[[LedgerView, list[dict]], list[dict]]
    columns: str = "t.*"


_OF_ARTICLES = "{table} t JOIN articles a ON a.id = t.article"


def _article_record(row: dict) -> dict:
    record = R.article_from_row(row).as_dict()
    record["words"] = row["words"]
    record["extractors"] = row["extractors"].split(",")
    return record


def _equal(*fields: str) -> dict[str, str]:
    return {f: f't."{f}" = ?' for f in fields}


def _converted(convert: Callable[[dict], dict]) -> Callable[[LedgerView, list[dict]], list[dict]]:
    return lambda view, rows: [convert(r) for r in rows]


def _per_article(table: str, order: str, fields: Iterable[str], convert: Callable[[dict], dict]) -> Collection:
    """A table of records found in articles: ``story`` selects the records of that story's articles."""
    return Collection(_OF_ARTICLES.format(table=table), order, {"story": "a.story = ?", **_equal(*fields)}, _converted(convert))


# The API's collections, in the order of its paths; ``order`` extends the export's with ties broken, so pages never overlap.
COLLECTIONS: dict[str, Collection] = {
    "stories": Collection("stories t", "t.id", {"story": "t.id = ?"}, lambda view, rows: view._with_members(rows)),
    "articles": Collection("articles t", "t.seq", {"story": "t.story = ?", **_equal("outlet", "published", "published_source", "duplicate_of")},
                           _converted(_article_record), columns="t.* EXCLUDE (minhash, terms)"),
    "entities": Collection("entities t", "t.name, t.id", {
        "story": "t.id IN (SELECT m.entity FROM mentions m JOIN articles a ON a.id = m.article WHERE a.story = ?)",
        **_equal("type", "name")}, lambda view, rows: view._with_mentions(rows)),
    "statements": _per_article("statements", "a.seq, t.start, t.id", ("article", "speaker", "kind", "mode"),
                               lambda r: R.statement_from_row(r).as_dict()),
    "events": _per_article("events", "a.seq, t.start, t.id", ("article", "type", "aligned", "date"),
                           lambda r: R.event_from_row(r).as_dict()),
    "discrepancies": Collection("discrepancies t", "t.story, t.event, t.facet, t.kind, t.id",
                                {"story": "t.story = ?", **_equal("facet", "kind", "event")},
                                _converted(lambda r: R.discrepancy_from_row(r).as_dict())),
    "labels": _per_article("labels", 'a.seq, t.start, t.entity, t."end", t.label, t.voice', ("article", "entity", "voice", "kind", "label"),
                           lambda r: R.label_from_row(r).as_dict()),
    "loaded_terms": _per_article("loaded_terms", 'a.seq, t.start, t."end"', ("article", "target", "voice", "category",
                                                                             "word_class", "lemma"),
                                 lambda r: R.loaded_term_from_row(r).as_dict()),
    "figures": _per_article("figures", 'a.seq, t.start, t."end", t.measure', ("article", "measure", "owner", "action"),
                            lambda r: R.figure_from_row(r).as_dict()),
    "times": _per_article("times", 'a.seq, t.start, t."end", t.type', ("article", "type", "value"), dict),
}


@dataclass(slots=True)
class StorySummary:
    """One line of the stories list."""

    story: dict  # id and title
    articles: int
    outlets: list[str]
    first: str | None
    last: str | None
    discrepancies: int


class LedgerView:
    """Read-only lookups over one ledger store."""

    def __init__(self, store: LedgerStore):
        self.store = store

    # -- API collections --------------------------------------------------

    def collection(self, kind: str, filters: Mapping[str, str], limit: int, offset: int) -> tuple[int, list[dict]]:
        """(how many records match, the records from ``offset``, at most ``limit``); filters are exact matches."""
        spec = COLLECTIONS[kind]
        where = " AND ".join(spec.filters[name] for name in filters) or "true"
        # Only ``story`` needs the join to articles: every stored row names a stored article
        # (the writer stores an article's rows with it, in one transaction).
        counted = spec.source if "story" in filters else spec.source.split(" JOIN ")[0]
        total = self.store.scalar(f"SELECT count(*) FROM {counted} WHERE {where}", list(filters.values()))
        return total, (self.select(kind, filters, limit, offset) if offset < total else [])

    def select(self, kind: str, filters: Mapping[str, str], limit: int | None = None, offset: int = 0) -> list[dict]:
        """The records matching every filter, in the export's order; all of them when ``limit`` is None
        (callers filter by one article, story or entity, which bounds the rows)."""
        return COLLECTIONS[kind].build(self, self.table_rows(kind, filters, limit, offset))

    def table_rows(self, kind: str, filters: Mapping[str, str], limit: int | None = None, offset: int = 0) -> list[dict]:
        """The stored rows behind ``select``'s records."""
        spec = COLLECTIONS[kind]
        where = " AND ".join(spec.filters[name] for name in filters) or "true"
        params = list(filters.values())
        source, order = spec.source, spec.order
        if "article" in filters and "story" not in filters:  # one article's rows: its index, no join, same order
            source, order = source.split(" JOIN ")[0], order.removeprefix("a.seq, ")
        if limit is None:
            return self.store.rows(f"SELECT {spec.columns} FROM {source} WHERE {where} ORDER BY {order}", params)
        # A page is chosen and ordered on narrow columns, then only its rows are read whole (by rowid):
        # sorting whole rows of a big table to keep a page costs more (statements of a speaker: 25 ms against 65).
        chosen = f"SELECT t.rowid FROM {source} WHERE {where} ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}"
        return self.store.rows(f"SELECT {spec.columns} FROM {source} WHERE t.rowid IN ({chosen}) ORDER BY {order}", params)

    def record(self, kind: str, record_id: str) -> dict | None:
        """One record by id (None for an unknown or malformed id)."""
        if not valid_id(record_id):
            return None
        spec = COLLECTIONS[kind]
        rows = self.store.rows(f"SELECT {spec.columns} FROM {spec.source} WHERE t.id = ?", [record_id])
        return spec.build(self, rows)[0] if rows else None

    def _with_members(self, stories: list[dict]) -> list[dict]:
        members: dict[str, list[str]] = {}
        ids = [s["id"] for s in stories]
        if ids:
            for row in self.store.rows("SELECT id, story FROM articles WHERE story IN (SELECT unnest(?)) "
                                       "ORDER BY published NULLS LAST, seq", [ids]):
                members.setdefault(row["story"], []).append(row["id"])
        return [{"id": s["id"], "articles": members.get(s["id"], []), "title": s["title"],
                 "incident": R.incident_from_cell(s.get("incident"))} for s in stories]

    def _with_mentions(self, entities: list[dict]) -> list[dict]:
        mentions: dict[str, list[dict]] = {}
        ids = [e["id"] for e in entities]
        if ids:
            for row in self.store.rows('SELECT entity, article, start, "end" FROM mentions WHERE entity IN (SELECT unnest(?)) '
                                       "ORDER BY article, start", [ids]):
                mentions.setdefault(row.pop("entity"), []).append(row)
        return [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": json.loads(e["aliases"]),
                 "mentions": mentions.get(e["id"], [])} for e in entities]

    # -- one record -------------------------------------------------------

    def article(self, article_id: str) -> dict | None:
        return self.record("articles", article_id)

    def story(self, story_id: str) -> dict | None:
        return self.record("stories", story_id)

    def entity(self, entity_id: str) -> dict | None:
        """The entity without its mentions (``entity_mentions`` pages them)."""
        if not valid_id(entity_id):
            return None
        rows = self.store.rows("SELECT id, name, type, aliases FROM entities WHERE id = ?", [entity_id])
        return {**rows[0], "aliases": json.loads(rows[0]["aliases"])} if rows else None

    def names(self, ids: Iterable[str | None]) -> dict[str, str]:
        """Entity id -> name, for the ids given."""
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return {}
        return {r["id"]: r["name"] for r in self.store.rows("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))", [wanted])}

    # -- one article ------------------------------------------------------

    def of_article(self, kind: str, article_id: str) -> list[dict]:
        """An article's statements, events, labels, loaded terms or times, in the export's order."""
        return self.select(kind, {"article": article_id})

    def mentions(self, article_id: str) -> list[dict]:
        """An article's entity mentions (article, start, end, entity)."""
        return self.store.rows('SELECT article, start, "end", entity FROM mentions WHERE article = ? AND entity IS NOT NULL '
                               "ORDER BY start", [article_id])

    def claims_citing(self, article: dict) -> list[tuple[dict, dict]]:
        """(discrepancy, claim) pairs whose claim cites the article; a story's discrepancies cite its own articles."""
        if not article["story"]:
            return []
        found = self.select("discrepancies", {"story": article["story"]})
        return [(d, c) for d in found for c in d["claims"] if c["article"] == article["id"]]

    # -- one story --------------------------------------------------------

    def story_articles(self, story_id: str, text: bool = False, limit: int | None = None, offset: int = 0) -> list[dict]:
        """The story's articles in its order (by publication date), or a page of them; without their text unless asked."""
        columns = "* EXCLUDE (minhash, terms)" if text else "* EXCLUDE (minhash, terms, text), '' AS text"
        page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self.store.rows(f"SELECT {columns} FROM articles WHERE story = ? ORDER BY published NULLS LAST, seq{page}", [story_id])
        return [_article_record(r) for r in rows]

    def outlets(self, article_ids: Iterable[str]) -> dict[str, dict]:
        """Article id -> {id, outlet, title, url, source}, for the ids given (None ignored)."""
        wanted = sorted({i for i in article_ids if i})
        if not wanted:
            return {}
        rows = self.store.rows("SELECT id, outlet, title, url, source FROM articles WHERE id IN (SELECT unnest(?))", [wanted])
        return {r["id"]: r for r in rows}

    def timeline(self, story_id: str) -> list[dict]:
        """The story's timeline entries, as ``export`` derives them (compare.timeline.build_timeline).

        Only rows that can reach the timeline are read: dated events and statements, and the statements
        that report those events (they name the speaker of a source)."""
        rows = self.store.rows("SELECT id, outlet, duplicate_of FROM articles WHERE story = ? ORDER BY published NULLS LAST, seq",
                               [story_id])
        if not rows:
            return []
        members = [Article(id=r["id"], source="", text="", outlet=r["outlet"], duplicate_of=r["duplicate_of"]) for r in rows]
        source = _OF_ARTICLES.format(table="events")
        events = self.store.rows(f"SELECT t.* FROM {source} WHERE a.story = ? AND t.date IS NOT NULL", [story_id])
        source = _OF_ARTICLES.format(table="statements")
        statements = self.store.rows(f"SELECT t.* FROM {source} WHERE a.story = ? AND (t.date IS NOT NULL OR t.id IN (SELECT unnest(?)))",
                                     [story_id, sorted({e["source"] for e in events})])
        statements = [R.statement_from_row(r) for r in statements]
        names = self.names(s.speaker for s in statements)
        entries = build_timeline(story_id, members, [R.event_from_row(r) for r in events], statements, names)
        return [entry.as_dict() for entry in entries]

    def framing(self, story_id: str | None = None, entity: str | None = None) -> list[FramingRow]:
        """Labels per entity, outlet, voice and speaker (compare.framing), of one story or of one entity."""
        where, value = ("a.story = ?", story_id) if story_id else ("t.entity = ?", entity)
        # Only the columns framing_rows reads, and each label's outlet with it.
        labels = self.store.rows(
            'SELECT t.article, t.entity, t.entity_text, t.label, t.voice, t.speaker, t.speaker_text, t.start, t."end", '
            f"a.outlet, a.url, a.source FROM {COLLECTIONS['labels'].source} WHERE {where} ORDER BY {COLLECTIONS['labels'].order}",
            [value])
        for label in labels:  # a source without an outlet is named by its site, not its article id
            label["outlet"] = source_name(label)
        names = self.names([l["entity"] for l in labels] + [l["speaker"] for l in labels])
        return framing_rows(labels, {l["article"]: l for l in labels}, names)

    def loaded(self, story_id: str | None = None, target: str | None = None) -> list[LoadedRow]:
        """Loaded words per outlet, voice, speaker and target (compare.framing), of one story or about one entity."""
        where, value = ("a.story = ?", story_id) if story_id else ("t.target = ?", target)
        terms = self.store.rows(
            "SELECT t.article, t.lemma, t.category, t.voice, t.speaker, t.speaker_text, t.target, t.target_text, "
            f't.start, t."end", a.outlet, a.url, a.source FROM {COLLECTIONS["loaded_terms"].source} WHERE {where} '
            f"ORDER BY {COLLECTIONS['loaded_terms'].order}", [value])
        for term in terms:
            term["outlet"] = source_name(term)
        names = self.names([t["target"] for t in terms] + [t["speaker"] for t in terms])
        return loaded_rows(terms, {t["article"]: t for t in terms}, names)

    # -- one entity -------------------------------------------------------

    def entity_mentions(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """(how many, a page of) the entity's mentions with their words and article title, by article and offset."""
        total = self.store.scalar("SELECT count(*) FROM mentions WHERE entity = ?", [entity_id])
        chosen = 'SELECT rowid FROM mentions WHERE entity = ? ORDER BY article, start LIMIT ? OFFSET ?'
        rows = self.store.rows(f'SELECT m.article, m.start, m."end", m.text, a.title FROM mentions m JOIN articles a ON a.id = m.article '
                               f"WHERE m.rowid IN ({chosen}) ORDER BY m.article, m.start", [entity_id, limit, offset])
        return total, rows

    def statements_by(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        return self.collection("statements", {"speaker": entity_id}, limit, offset)

    def statements_about(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """Statements by others whose content holds a mention of the entity."""
        # From the entity's mentions to the statements of their articles (a hash join), not a probe per statement.
        hits = ('WITH m AS (SELECT article, start, "end" FROM mentions WHERE entity = ?) '
                "SELECT DISTINCT s.rowid FROM statements s JOIN m ON m.article = s.article "
                'WHERE s.content_start <= m.start AND m."end" <= s.content_end AND s.speaker IS DISTINCT FROM ?')
        source, order = COLLECTIONS["statements"].source, COLLECTIONS["statements"].order
        page = self.store.rows(f"SELECT t.rowid AS r, count(*) OVER () AS total FROM {source} WHERE t.rowid IN ({hits}) "
                               f"ORDER BY {order} LIMIT ? OFFSET ?", [entity_id, entity_id, limit, offset])
        if not page:  # nothing, or past the last page
            return (self.store.scalar(f"SELECT count(*) FROM ({hits})", [entity_id, entity_id]) if offset else 0), []
        rows = self.store.rows(f"SELECT t.* FROM {source} WHERE t.rowid IN (SELECT unnest(?)) ORDER BY {order}", [[r["r"] for r in page]])
        return page[0]["total"], [R.statement_from_row(r).as_dict() for r in rows]

    # -- stories ----------------------------------------------------------

    def story_count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM stories")

    def story_summaries(self, text: str | None = None, entity: str | None = None, date: str | None = None,
                        limit: int = DEFAULT_LIMIT, offset: int = 0) -> tuple[int, list[StorySummary]]:
        """(how many stories match every filter given, a page of them with their counts), by story id.

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
        rows = self.store.rows(f"SELECT *, count(*) OVER () AS matching FROM ({matching}) ORDER BY id LIMIT ? OFFSET ?",
                               [*params, limit, offset])
        if rows:
            total = rows[0]["matching"]
        else:  # past the last page (or nothing matches): still say how many match
            total = self.store.scalar(f"SELECT count(*) FROM ({matching})", params)
        return total, [StorySummary({"id": r["id"], "title": r["title"]}, r["articles"], _outlets(r["outlets"], r["unnamed"]),
                                    r["first"], r["last"], r["discrepancies"]) for r in rows]


def _outlets(named: list[str], unnamed: list[str]) -> list[str]:
    """A story's outlets, with the sites of its articles that name none (``reuters.com``), each once, sorted."""
    return sorted(set(named) | {site for site in map(site_name, unnamed) if site})

