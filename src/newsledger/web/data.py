"""What the pages and the API read: the export's records, fetched one page or one story at a time.

Every lookup filters, counts and pages in SQL (store/reads.py) and reads only the rows one
response shows (a page of a collection, one story's articles, one article's spans), so a
request costs the same in a ledger of 300 articles as in one of 10,000. Rows become records
through the export's converters (store/export.py), so the web shows what ``newsledger export``
writes. The collections are the record kinds of ``newsledger.kinds``.
Reads are per request: a ledger that another process re-ingests shows its new state on
the next page load.
"""

from __future__ import annotations

import json
import re
from datetime import date
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import kinds
from ..compare.framing import FramingRow, LoadedRow, framing_rows, loaded_rows
from ..compare.timeline import build_timeline
from ..records import Article
from ..store import export as X
from ..store import reads
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
    """Read-only lookups over one ledger store (their SQL is store/reads.py's)."""

    def __init__(self, store: LedgerStore):
        self.store = store

    # -- API collections --------------------------------------------------

    def collection(self, kind: str, filters: Mapping[str, str], limit: int, offset: int) -> tuple[int, list[dict]]:
        """(how many records match, the records from ``offset``, at most ``limit``); filters are exact matches."""
        total = reads.count(self.store, kinds.kind(kind), filters)
        return total, (self.select(kind, filters, limit, offset) if offset < total else [])

    def select(self, kind: str, filters: Mapping[str, str], limit: int | None = None, offset: int = 0) -> list[dict]:
        """The records matching every filter, in the export's order; all of them when ``limit`` is None
        (callers filter by one article, story or entity, which bounds the rows)."""
        spec = kinds.kind(kind)
        return X.records(self.store, spec, reads.rows(self.store, spec, filters, limit, offset))

    def record(self, kind: str, record_id: str) -> dict | None:
        """One record by id (None for an unknown or malformed id)."""
        if not valid_id(record_id):
            return None
        spec = kinds.kind(kind)
        rows = reads.record_rows(self.store, spec, record_id)
        return X.records(self.store, spec, rows)[0] if rows else None

    # -- one record -------------------------------------------------------

    def article(self, article_id: str) -> dict | None:
        return self.record("articles", article_id)

    def story(self, story_id: str) -> dict | None:
        return self.record("stories", story_id)

    def entity(self, entity_id: str) -> dict | None:
        """The entity without its mentions (``entity_mentions`` pages them)."""
        if not valid_id(entity_id):
            return None
        row = reads.entity(self.store, entity_id)
        return {**row, "aliases": json.loads(row["aliases"])} if row else None

    def names(self, ids: Iterable[str | None]) -> dict[str, str]:
        """Entity id -> name, for the ids given."""
        wanted = sorted({i for i in ids if i})
        return reads.names(self.store, wanted) if wanted else {}

    # -- one article ------------------------------------------------------

    def of_article(self, kind: str, article_id: str) -> list[dict]:
        """An article's statements, events, labels, loaded terms or times, in the export's order."""
        return self.select(kind, {"article": article_id})

    def mentions(self, article_id: str) -> list[dict]:
        """An article's entity mentions (article, start, end, entity)."""
        return reads.mentions(self.store, article_id)

    def claims_citing(self, article: dict) -> list[tuple[dict, dict]]:
        """(discrepancy, claim) pairs whose claim cites the article; a story's discrepancies cite its own articles."""
        if not article["story"]:
            return []
        found = self.select("discrepancies", {"story": article["story"]})
        return [(d, c) for d in found for c in d["claims"] if c["article"] == article["id"]]

    # -- one story --------------------------------------------------------

    def story_articles(self, story_id: str, text: bool = False, limit: int | None = None, offset: int = 0) -> list[dict]:
        """The story's articles in its order (by publication date), or a page of them; without their text unless asked."""
        return [X.article_record(r) for r in reads.story_articles(self.store, story_id, text, limit, offset)]

    def outlets(self, article_ids: Iterable[str]) -> dict[str, dict]:
        """Article id -> {id, outlet, title, url, source}, for the ids given (None ignored)."""
        wanted = sorted({i for i in article_ids if i})
        return {r["id"]: r for r in reads.outlets(self.store, wanted)} if wanted else {}

    def timeline(self, story_id: str) -> list[dict]:
        """The story's timeline entries, as ``export`` derives them (compare.timeline.build_timeline).

        Only rows that can reach the timeline are read: dated events and statements, and the statements
        that report those events (they name the speaker of a source)."""
        rows = reads.story_members(self.store, story_id)
        if not rows:
            return []
        members = [Article(id=r["id"], source="", text="", outlet=r["outlet"], duplicate_of=r["duplicate_of"]) for r in rows]
        events = reads.dated_events(self.store, story_id)
        statements = [R.statement_from_row(r) for r in
                      reads.dated_statements(self.store, story_id, sorted({e["source"] for e in events}))]
        names = self.names(s.speaker for s in statements)
        entries = build_timeline(story_id, members, [R.event_from_row(r) for r in events], statements, names)
        return [entry.as_dict() for entry in entries]

    def framing(self, story_id: str | None = None, entity: str | None = None) -> list[FramingRow]:
        """Labels per entity, outlet, voice and speaker (compare.framing), of one story or of one entity."""
        labels = reads.framing_labels(self.store, story_id, entity)
        for label in labels:  # a source without an outlet is named by its site, not its article id
            label["outlet"] = source_name(label)
        names = self.names([l["entity"] for l in labels] + [l["speaker"] for l in labels])
        return framing_rows(labels, {l["article"]: l for l in labels}, names)

    def loaded(self, story_id: str | None = None, target: str | None = None) -> list[LoadedRow]:
        """Loaded words per outlet, voice, speaker and target (compare.framing), of one story or about one entity."""
        terms = reads.framing_terms(self.store, story_id, target)
        for term in terms:
            term["outlet"] = source_name(term)
        names = self.names([t["target"] for t in terms] + [t["speaker"] for t in terms])
        return loaded_rows(terms, {t["article"]: t for t in terms}, names)

    # -- one entity -------------------------------------------------------

    def entity_mentions(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """(how many, a page of) the entity's mentions with their words and article title, by article and offset."""
        return reads.entity_mentions(self.store, entity_id, limit, offset)

    def statements_by(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        return self.collection("statements", {"speaker": entity_id}, limit, offset)

    def statements_about(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[dict]]:
        """Statements by others whose content holds a mention of the entity."""
        total, rows = reads.statements_about(self.store, entity_id, limit, offset)
        return total, [R.statement_from_row(r).as_dict() for r in rows]

    # -- stories ----------------------------------------------------------

    def story_count(self) -> int:
        return reads.story_count(self.store)

    def story_summaries(self, text: str | None = None, entity: str | None = None, date: str | None = None,
                        limit: int = DEFAULT_LIMIT, offset: int = 0) -> tuple[int, list[StorySummary]]:
        """(how many stories match every filter given, a page of them with their counts), by story id.

        ``text``: in the story title or an article's title or text (case-insensitive);
        ``entity``: an entity id, or words of an entity's name or alias, mentioned in the story;
        ``date``: YYYY, YYYY-MM or YYYY-MM-DD that overlaps the story's publication dates.
        """
        total, rows = reads.story_summaries(self.store, text, entity, date, limit, offset)
        return total, [StorySummary({"id": r["id"], "title": r["title"]}, r["articles"], _outlets(r["outlets"], r["unnamed"]),
                                    r["first"], r["last"], r["discrepancies"]) for r in rows]


def _outlets(named: list[str], unnamed: list[str]) -> list[str]:
    """A story's outlets, with the sites of its articles that name none (``reuters.com``), each once, sorted."""
    return sorted(set(named) | {site for site in map(site_name, unnamed) if site})
