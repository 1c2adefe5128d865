"""The Python API: a ledger you add articles to and read records and tables from.

    >>> from newsledger import Ledger
    >>> with Ledger("ledger.duckdb") as ledger:          # or Ledger() in memory
    ...     report = ledger.ingest(["articles/"])
    ...     ledger.table("statements")                   # a pandas DataFrame
    ...     ledger.discrepancies()                       # typed records
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .compare.framing import framing_rows, loaded_rows
from .compare.timeline import TimelineEntry
from .engine import local
from .engine.local import IngestReport
from .contract import record_class
from .errors import ExportError, InputError
from .ingest import read_paths
from .ingest.text import article_from_text
from .options import Options
from .records import Article, Discrepancy, Entity, Event, Figure, Label, LoadedTerm, Statement, Story, TimeValue
from .link.stories import story_explanation
from . import export as E
from . import kinds
from .store.database import IN_MEMORY, LedgerStore
from .summary import summarize

SAMPLES = Path(__file__).parent / "data" / "samples"


class Ledger:
    """A ledger stored in DuckDB (a file, or memory when no path is given)."""

    def __init__(self, path: str | Path = IN_MEMORY, options: Options | None = None, *, read_only: bool = False):
        self.options = options or Options()
        self.store = LedgerStore(path, read_only=read_only)

    # -- adding articles --------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], progress: Callable[[int], None] | None = None,
               stop: Callable[[], bool] | None = None, linking: Callable[[int], None] | None = None) -> IngestReport:
        """Read files and folders (text, JSONL, JSON, HTML, WARC, feeds), process what is new, link it.

        ``stop`` (asked between batches) ends the run early, keeping whole batches: ``report.interrupted``.
        ``linking`` is told how many articles the link step is about to link. What the readers skipped
        or assumed without failing (a WARC file's records that hold no page) is in ``report.notes``.
        """
        notes: list[str] = []
        report = local.ingest(self.store, read_paths(paths, self.options, notes.append), self.options, progress,
                              stop=stop, linking=linking)
        report.notes += notes
        return report

    def add_texts(self, texts: Iterable[str | Mapping[str, str]]) -> IngestReport:
        """Add raw texts (seed format allowed) or dicts with ``text`` and optional metadata."""

        def articles():
            for n, item in enumerate(texts, 1):
                meta = {"text": item} if isinstance(item, str) else dict(item)
                text = meta.pop("text", None)
                source = meta.pop("source", None) or meta.get("url") or f"<text {n}>"
                if not isinstance(text, str):
                    yield InputError(source, "no 'text' given")
                    continue
                try:
                    yield article_from_text(text, source, **{k: meta.get(k) for k in ("title", "url", "outlet", "published", "id")})
                except InputError as error:
                    yield error

        return local.ingest(self.store, articles(), self.options)

    def add_articles(self, articles: Iterable[Article]) -> IngestReport:
        return local.ingest(self.store, articles, self.options)

    # -- reading ----------------------------------------------------------

    def records(self, kind: str) -> list[Any]:
        """Every record of one kind (``newsledger.kinds``: articles, entities, …, timelines) as typed records,
        in the export's order."""
        if kind not in kinds.BY_NAME:
            raise ExportError(f"unknown record kind {kind!r}; known: {', '.join(kinds.NAMES)}.")
        cls = record_class(kinds.kind(kind))
        return [cls.from_dict(r) for r in E.READERS[kind](self.store)]

    def articles(self) -> list[Article]:
        return self.records("articles")

    def entities(self) -> list[Entity]:
        return self.records("entities")

    def statements(self) -> list[Statement]:
        return self.records("statements")

    def events(self) -> list[Event]:
        return self.records("events")

    def stories(self) -> list[Story]:
        return self.records("stories")

    def discrepancies(self) -> list[Discrepancy]:
        return self.records("discrepancies")

    def figures(self) -> list[Figure]:
        """Every count that is not a casualty figure ("some 3,000 members"), with what and whose it counts."""
        return self.records("figures")

    def labels(self) -> list[Label]:
        """Every label an article applies to an entity, with its voice and evidence."""
        return self.records("labels")

    def _rows(self, kind: str) -> list[dict]:
        return E.READERS[kind](self.store)

    def framing(self, entity: str | None = None) -> pd.DataFrame:
        """Labels counted per entity, source (outlet), voice and speaker; one row each."""
        names = {e["id"]: e["name"] for e in self._rows("entities")}
        articles = {a["id"]: a for a in self._rows("articles")}
        labels = [r for r in self._rows("labels") if entity is None or r["entity"] == entity]
        return pd.DataFrame.from_records(
            [{"entity": r.entity, "entity_name": r.entity_name, "source": r.source, "voice": r.voice,
              "speaker": r.speaker, "labels": r.labels, "articles": r.articles}
             for r in framing_rows(labels, articles, names)],
            columns=["entity", "entity_name", "source", "voice", "speaker", "labels", "articles"],
        )

    def loaded_terms(self) -> list[LoadedTerm]:
        """Every loaded or evaluative word an article uses ("slammed", "radical", "scheme"), with its
        category, target, voice and evidence."""
        return self.records("loaded_terms")

    def loaded_language(self, entity: str | None = None) -> pd.DataFrame:
        """Loaded words counted per source (outlet), voice, speaker and target; one row each. With
        ``entity``, only the words about that entity."""
        names = {e["id"]: e["name"] for e in self._rows("entities")}
        articles = {a["id"]: a for a in self._rows("articles")}
        terms = [r for r in self._rows("loaded_terms") if entity is None or r["target"] == entity]
        columns = ["source", "voice", "speaker", "target", "target_name", "terms", "categories", "articles"]
        return pd.DataFrame.from_records(
            [{name: getattr(row, name) for name in columns} for row in loaded_rows(terms, articles, names)],
            columns=columns,
        )

    def times(self) -> list[TimeValue]:
        return self.records("times")

    def timeline(self, story_id: str) -> list[TimelineEntry]:
        """The story's dated events and statements in date order, each with its sources
        (article, outlet, evidence offsets, narrator or speaker); empty for an unknown story."""
        return [TimelineEntry.from_dict(r) for r in E.timelines(self.store, story_id)]

    def story_explanation(self, article_id: str) -> dict | None:
        """What tied an article to its story: the matched article, score and shared features
        (``e:`` entity ids, ``t:`` key terms, ``d:`` days), rarest first."""
        return story_explanation(self.store, article_id)

    def table(self, kind: str) -> pd.DataFrame:
        """One export table as a DataFrame, named by its record kind (``newsledger.kinds.NAMES``)."""
        return E.frame(self.store, kind)

    def to_dict(self) -> dict:
        """The whole ledger in the export's JSON shape."""
        return E.ledger_dict(self.store)

    def export(self, fmt: str, out: str | Path) -> list[Path]:
        return E.export(self.store, fmt, out)

    def summary(self, width: int = 100) -> str:
        return summarize(self.store, width)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def process_files(paths: Iterable[str | Path], options: Options | None = None) -> Ledger:
    """Files and folders → an in-memory Ledger (for notebooks and scripts)."""
    ledger = Ledger(options=options)
    ledger.ingest(paths)
    return ledger


def process_texts(texts: Iterable[str | Mapping[str, str]], options: Options | None = None) -> Ledger:
    """Raw texts (or dicts with ``text`` and metadata) → an in-memory Ledger."""
    ledger = Ledger(options=options)
    ledger.add_texts(texts)
    return ledger
