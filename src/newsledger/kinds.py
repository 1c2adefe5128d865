"""The record kinds of the ledger, each declared once.

A ``Kind`` names what the export writes as one array (``articles``, ``events``, …):
its record class, the table it is stored in, its order, the API's filters on it,
whether the API serves one record of it by id, and whether it is derived when read
(``timelines``) rather than stored. The export, the store's readers, the web API and
its OpenAPI document, the ``Ledger`` accessors, ``export --help`` and the JSON Schema
(``newsledger.contract``) all read ``KINDS``.

This module sits just above ``records``: the store reads it, so it imports nothing
of the store or the steps above it. That is why ``timelines`` names no record class
here: its records (``TimelineEntry``) are built by ``compare/timeline.py``, and the
schema takes them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .records import Article, Discrepancy, Entity, Event, Figure, Label, LoadedTerm, Record, Statement, Story, TimeValue


@dataclass(frozen=True, slots=True)
class ExtraField:
    """A field the export writes from the stored row rather than from the record class (an article's word count)."""

    name: str
    type: Any  # a type hint, as on a record's field: ``int``, ``list[str]``
    doc: str


@dataclass(frozen=True, slots=True)
class Kind:
    """One array of the export and one collection of the API.

    ``order`` is the export's order, as columns of ``table``; records found in articles come in their
    articles' order first (``seq``), then by these. ``tiebreak`` adds the columns that make the order
    total, so the API's pages never overlap. ``filters`` are the API's: ``story`` (the records of a
    story's articles, or the story itself) and exact matches on the record's fields.
    """

    name: str
    singular: str  # one record, as messages name it: "No story …"
    record: type[Record] | None
    table: str | None = None
    order: tuple[str, ...] = ()
    tiebreak: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    record_pages: bool = False  # /api/{name}/{id} serves one record
    derived: bool = False  # built from stored records when read, not stored
    extra: tuple[ExtraField, ...] = ()
    description: str | None = None  # of the whole array, in the schema

    @property
    def stored(self) -> bool:
        return not self.derived


# In the export's order (the JSON document's arrays, the files of a folder export).
KINDS: tuple[Kind, ...] = (
    Kind("articles", "article", Article, table="articles", order=("seq",), record_pages=True,
         filters=("story", "outlet", "published", "published_source", "duplicate_of"),
         extra=(ExtraField("words", int, "words in the article's text"),
                ExtraField("extractors", list[str], 'the versioned stages that produced its records ("events.v7")'))),
    Kind("entities", "entity", Entity, table="entities", order=("name", "id"), record_pages=True,
         filters=("story", "type", "name")),
    Kind("statements", "statement", Statement, table="statements", order=("start",), tiebreak=("id",), record_pages=True,
         filters=("story", "article", "speaker", "kind", "mode")),
    Kind("events", "event", Event, table="events", order=("start",), tiebreak=("id",), record_pages=True,
         filters=("story", "article", "type", "aligned", "date")),
    Kind("labels", "label", Label, table="labels", order=("start", "entity"), tiebreak=("end", "label", "voice"),
         filters=("story", "article", "entity", "voice", "kind", "label"),
         description="how each article characterizes each entity (modifier, apposition, predicate, descriptor), "
                     "and in whose voice"),
    Kind("figures", "figure", Figure, table="figures", order=("start",), tiebreak=("end", "measure"),
         filters=("story", "article", "measure", "owner", "action"),
         description="counts other than casualties (members, arrests, protesters): what is counted, whose, and the range"),
    Kind("loaded_terms", "loaded term", LoadedTerm, table="loaded_terms", order=("start", "end"),
         filters=("story", "article", "target", "voice", "category", "word_class", "lemma"),
         description="loaded or evaluative words and phrases (slammed, radical, scheme, scare quotes), with their word "
                     "class, category, target and voice"),
    Kind("stories", "story", Story, table="stories", order=("id",), record_pages=True, filters=("story",)),
    Kind("discrepancies", "discrepancy", Discrepancy, table="discrepancies", order=("story", "event", "facet", "kind"),
         tiebreak=("id",), record_pages=True, filters=("story", "facet", "kind", "event")),
    Kind("times", "time", TimeValue, table="times", order=("start",), tiebreak=("end", "type"),
         filters=("story", "article", "type", "value")),
    Kind("timelines", "timeline entry", None, derived=True, filters=("story", "kind", "date"),
         description="derived, not stored: each story's dated events and statements in date order, "
                     "with every report of each"),
)

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
STORED: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.stored)


def kind(name: str) -> Kind:
    """The kind called ``name``; KeyError for an unknown one."""
    return BY_NAME[name]
