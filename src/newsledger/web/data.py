"""What the pages and the API read: the export's records, looked up and filtered.

Everything goes through the export readers (store/export.py), so the web shows
exactly what ``newsledger export`` writes. Reads are per request: a ledger that
another process re-ingests shows its new state on the next page load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..compare.framing import FramingRow, framing_rows
from ..store import export as X
from ..store.database import LedgerStore

# Ids the ledger makes: hex article ids, "st_…", "ent_…", "ART:s3". Anything else
# in a URL is refused before it reaches a query.
ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.fullmatch(value))


@dataclass(slots=True)
class StorySummary:
    """One line of the stories list."""

    story: dict
    articles: list[dict]
    outlets: list[str]
    first: str | None
    last: str | None
    discrepancies: int


class LedgerView:
    """Read-only lookups over one ledger store."""

    def __init__(self, store: LedgerStore):
        self.store = store

    def records(self, kind: str) -> list[dict]:
        return X.READERS[kind](self.store)

    # -- one record -------------------------------------------------------

    def _find(self, kind: str, record_id: str) -> dict | None:
        if not valid_id(record_id):
            return None
        return next((r for r in self.records(kind) if r["id"] == record_id), None)

    def article(self, article_id: str) -> dict | None:
        return self._find("articles", article_id)

    def story(self, story_id: str) -> dict | None:
        return self._find("stories", story_id)

    def entity(self, entity_id: str) -> dict | None:
        return self._find("entities", entity_id)

    def entity_names(self) -> dict[str, str]:
        return {e["id"]: e["name"] for e in self.records("entities")}

    def mentions(self, article_ids: set[str] | None = None) -> list[dict]:
        """Entity mentions (article, start, end, entity), optionally of some articles only."""
        rows = self.store.rows('SELECT article, start, "end", entity FROM mentions WHERE entity IS NOT NULL ORDER BY article, start')
        return [r for r in rows if article_ids is None or r["article"] in article_ids]

    # -- stories ----------------------------------------------------------

    def story_summaries(self, text: str | None = None, entity: str | None = None, date: str | None = None) -> list[StorySummary]:
        """Stories with their counts, keeping those that match every filter given.

        ``text``: in the story title or an article's title or text (case-insensitive);
        ``entity``: an entity id, or words of an entity's name or alias, mentioned in the story;
        ``date``: YYYY, YYYY-MM or YYYY-MM-DD that overlaps the story's publication dates.
        """
        articles = {a["id"]: a for a in self.records("articles")}
        discrepancies = self.records("discrepancies")
        wanted_articles = self._articles_naming(entity) if entity else None
        out = []
        for story in self.records("stories"):
            members = [articles[a] for a in story["articles"] if a in articles]
            dates = sorted(a["published"] for a in members if a["published"])
            summary = StorySummary(
                story=story,
                articles=members,
                outlets=sorted({a["outlet"] for a in members if a["outlet"]}),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                discrepancies=sum(1 for d in discrepancies if d["story"] == story["id"]),
            )
            if text and not _mentions_text(summary, text):
                continue
            if wanted_articles is not None and not wanted_articles & set(story["articles"]):
                continue
            if date and not _overlaps(summary, date):
                continue
            out.append(summary)
        return out

    def _articles_naming(self, entity: str) -> set[str]:
        needle = entity.casefold()
        ids = {e["id"] for e in self.records("entities")
               if e["id"] == entity or any(needle in name.casefold() for name in [e["name"], *e["aliases"]])}
        return {m["article"] for m in self.mentions() if m["entity"] in ids}

    def story_framing(self, article_ids: set[str] | None = None, entity: str | None = None) -> list[FramingRow]:
        """Labels per entity, outlet, voice and speaker (compare.framing), limited to some articles or one entity."""
        articles = {a["id"]: a for a in self.records("articles")}
        labels = [l for l in self.records("labels")
                  if (article_ids is None or l["article"] in article_ids) and (entity is None or l["entity"] == entity)]
        return framing_rows(labels, articles, self.entity_names())


def _mentions_text(summary: StorySummary, text: str) -> bool:
    needle = text.casefold()
    haystacks = [summary.story["title"] or ""] + [f"{a['title'] or ''}\n{a['text']}" for a in summary.articles]
    return any(needle in h.casefold() for h in haystacks)


def _overlaps(summary: StorySummary, date: str) -> bool:
    """Whether a YYYY[-MM[-DD]] period overlaps the story's first…last publication dates."""
    if summary.first is None:
        return False
    return summary.first[: len(date)] <= date <= summary.last[: len(date)]


def filter_records(records: list[dict], filters: dict[str, Any]) -> list[dict]:
    """Records whose fields equal every given filter value."""
    return [r for r in records if all(str(r.get(k)) == v for k, v in filters.items())]
