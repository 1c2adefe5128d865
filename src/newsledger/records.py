"""Typed records of the ledger.

Every record that states a fact carries the id of the article it comes from
and character offsets (``start``/``end``, end exclusive) into that article's
``text`` — the body after any ``date`` header was removed — so each fact can be
traced back to its evidence.

Records are slotted dataclasses with ``as_dict``/``from_dict``; nested records
(casualty figures, claims, evidence) round-trip through plain dicts, which is
the shape of the JSON export (see ``docs/ledger.schema.json``).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

T = TypeVar("T", bound="Record")

PublishedSource = Literal["header", "metadata", "crawl", "inferred", "story", "none"]
StatementKind = Literal["direct", "indirect", "mixed"]
# What the cue reports: words (said), a belief (thinks), an intention (wants),
# a stance (endorsed) or evidence (a poll shows). PolNeAR counts all five.
StatementMode = Literal["speech", "belief", "intention", "stance", "evidence"]
DiscrepancyKind = Literal["conflict", "update", "precision", "internal"]
IncidentFacet = Literal["date", "place", "killed", "injured"]
LabelKind = Literal["modifier", "apposition", "predicate", "descriptor"]
WordClass = Literal["verb", "adverb", "adjective", "noun", "phrase"]
# What makes a word loaded (extract/loaded.py's CATEGORIES).
LoadedCategory = Literal["attack_verb", "speech_verb", "action_verb", "evaluative", "intensifier", "hedge", "distancing",
                         "loaded_noun", "idiom", "scare_quotes"]


class Record:
    """Mixin giving dataclass records a dict round trip."""

    __slots__ = ()
    # Fields holding nested records, mapped to their record type, so
    # ``from_dict`` can rebuild them; lists of records use a 1-tuple.
    nested: ClassVar[dict[str, Any]] = {}
    # What the export's JSON Schema (newsledger.contract, docs/ledger.schema.json) says of a field beyond
    # its type hint: its description, and a constraint the type cannot carry (a pattern, a least length).
    docs: ClassVar[dict[str, str]] = {}
    constraints: ClassVar[dict[str, dict[str, Any]]] = {}

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = _field_names(cls)
        values = {key: value for key, value in data.items() if key in names}
        for key, kind in cls.nested.items():
            value = values.get(key)
            if value is not None:
                values[key] = [_build(kind[0], v) for v in value] if isinstance(kind, tuple) else _build(kind, value)
        return cls(**values)


@functools.cache  # dataclasses.fields walks the class each call; comparing a story builds thousands of records
def _field_names(cls: type[Record]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _build(kind: type[Record], value: Any) -> Any:
    return value if isinstance(value, kind) else kind.from_dict(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(slots=True)
class Evidence(Record):
    """A span of an article that supports a value (e.g. an inferred date)."""

    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Furniture(Record):
    """A stretch of page furniture in an article's text ("Hide Caption 1 of 59", a video length, a share
    line): kept in the stored text, so that every offset stays valid, and blanked out of what is parsed."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class Article(Record):
    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: PublishedSource = "none"
    published_confidence: float | None = None
    published_evidence: list[Evidence] = field(default_factory=list)
    language: str = "en"
    duplicate_of: str | None = None
    story: str | None = None
    furniture: list[Furniture] = field(default_factory=list)
    main_event: str | None = None  # the id of the event its headline and lead report
    summary_only: bool = False  # the text is the summary a feed or crawler gave, not the article
    nested: ClassVar[dict[str, Any]] = {"published_evidence": (Evidence,), "furniture": (Furniture,)}
    docs: ClassVar[dict[str, str]] = {
        "furniture": "page furniture kept in the text and blanked from the parse (captions, video lengths, share lines)",
        "main_event": "id of the event the headline and lead report (its day, place and tolls filled from the opening)",
        "summary_only": "true when the text is only the summary a feed entry or a news-please record gave, not the article",
    }
    constraints: ClassVar[dict[str, dict[str, Any]]] = {"published": {"pattern": r"^\d{4}-\d{2}-\d{2}$"}}

    def parse_text(self) -> str:
        """The text as the model reads it: furniture blanked out, every character kept in place."""
        if not self.furniture:
            return self.text
        chars = list(self.text)
        for span in self.furniture:
            for i in range(span.start, min(span.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(slots=True)
class Mention(Record):
    """A name in one article; ``cluster`` is the id of its ``LocalEntity``."""

    article: str
    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC, ...
    cluster: str | None = None
    entity: str | None = None  # global entity id, set when linking


@dataclass(slots=True)
class LocalEntity(Record):
    """One actor within one article: its mentions' cluster, before linking.

    ``id`` is ``"{article}:c{n}"``; statements name their speaker by it until
    linking replaces it with the global entity id.
    """

    id: str
    article: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MentionRef(Record):
    article: str
    start: int
    end: int


@dataclass(slots=True)
class Entity(Record):
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    nested: ClassVar[dict[str, Any]] = {"mentions": (MentionRef,)}


@dataclass(slots=True)
class TimeValue(Record):
    """A time expression normalized to a TimeML value (``2023-06-20``, ``P10Y``)."""

    article: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # None when it cannot be anchored
    anchor: str | None = None  # the date it was resolved against

    @property
    def is_point(self) -> bool:
        """A date or time on the calendar, which can date an event or a statement: not a duration
        ("for many years", ``PXY``), a set ("every year") or a reference ("currently", ``PRESENT_REF``)."""
        return self.type in {"DATE", "TIME"} and self.value is not None and not self.value.endswith("_REF")


@dataclass(slots=True)
class Statement(Record):
    id: str
    article: str
    speaker: str | None  # entity id
    speaker_text: str | None
    cue: str
    content: str
    kind: StatementKind
    start: int
    end: int
    mode: StatementMode = "speech"
    channel: str | None = None
    reported_by: str | None = None
    date: str | None = None
    speaker_kind: str | None = None  # named, pronoun, role, anonymous
    speaker_start: int | None = None
    speaker_end: int | None = None
    source_start: int | None = None  # the whole source phrase: "Bill Bruch, a state delegate who ..."
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    content_start: int | None = None
    content_end: int | None = None
    parent: str | None = None  # id of the statement this one is reported inside
    assumptions: list[str] = field(default_factory=list)
    extractor: str = ""
    docs: ClassVar[dict[str, str]] = {
        "mode": "what the cue reports: words, a belief, an intention, a stance, or evidence (a poll shows)",
        "speaker_start": "where the speaker's words start in the article's text (null when not in it)",
        "speaker_end": "where the speaker's words end",
        "source_start": "start of the whole source phrase (appositions, relative clauses included)",
        "cue_start": "where the cue start in the article's text (null when not in it)",
        "cue_end": "where the cue end",
        "content_start": "where what was said start in the article's text (null when not in it)",
        "content_end": "where what was said end",
    }


@dataclass(slots=True)
class Quantity(Record):
    """A figure as a range: ``at least two`` is min 2, max None."""

    min: int | None
    max: int | None
    text: str
    start: int | None = None
    end: int | None = None
    # exact, at_least, at_most, about, range, vague, update; named: counted from the victims a text names
    # ("a man was killed": at least one), which no figure of the text states
    qualifier: str | None = None
    # How many of the counted are the attackers ("three dead, including the shooter": 1); None when the
    # text does not say. Sources that count the shooter and sources that do not then agree.
    perpetrators: int | None = None
    docs: ClassVar[dict[str, str]] = {
        "perpetrators": 'How many of the counted are the attackers ("three dead, including the shooter": 1); '
                        "null when the text does not say.",
    }


@dataclass(slots=True)
class CorefInput(Record):
    """What event coreference (``link/coref.py``) compares of one event mention, read from the parse at
    extraction (``extract/events/mention.py``): the trigger's head lemma ("killed": ``kill``; "passed away":
    ``die``), the names and head words of its arguments, the places and dates its sentence names and the
    content lemmas of that sentence, all lower case."""

    lemma: str
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event(Record):
    id: str
    article: str
    type: str
    trigger: str
    start: int
    end: int
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    killed: Quantity | None = None
    injured: Quantity | None = None
    source: str = "narrator"  # "narrator" or a statement id
    trigger_start: int | None = None
    trigger_end: int | None = None
    aligned: str | None = None  # id shared by reports of one event across articles
    extractor: str = ""
    # What alignment compares (None on events built by hand or stored before schema migration 9)
    coref: CorefInput | None = None
    nested: ClassVar[dict[str, Any]] = {"killed": Quantity, "injured": Quantity, "coref": CorefInput}
    docs: ClassVar[dict[str, str]] = {
        "trigger_start": "where the trigger word starts in the article's text",
        "trigger_end": "where it ends",
        "coref": "what event coreference compares of the trigger, read from the parse at extraction "
                 "(null on events stored before schema migration 9)",
    }


@dataclass(slots=True)
class FactClaim(Record):
    """One article's word on a fact of its story's incident (facet ``date``, ``place``, ``killed`` or
    ``injured``): the value, who gave it and where it stands in the article."""

    facet: IncidentFacet
    article: str
    value: Any
    text: str | None
    source: str  # "narrator" or a statement id
    event: str | None = None  # the article's main event
    start: int | None = None
    end: int | None = None
    published: str | None = None


@dataclass(slots=True)
class Incident(Record):
    """What a story reports, as the ledger resolves it from its articles' main events: the day, the
    place and the tolls (the latest or best-supported figure), each resting on ``claims``."""

    date: str | None = None
    place: str | None = None
    killed: Quantity | None = None
    injured: Quantity | None = None
    claims: list[FactClaim] = field(default_factory=list)
    nested: ClassVar[dict[str, Any]] = {"killed": Quantity, "injured": Quantity, "claims": (FactClaim,)}


@dataclass(slots=True)
class Story(Record):
    id: str
    articles: list[str]
    title: str | None = None
    incident: Incident | None = None
    nested: ClassVar[dict[str, Any]] = {"incident": Incident}
    docs: ClassVar[dict[str, str]] = {
        "incident": "the story's incident as the ledger resolves it from its articles' main events",
    }


@dataclass(slots=True)
class Claim(Record):
    article: str
    value: Any
    text: str
    source: str  # "narrator" or a statement id
    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    published: str | None = None
    docs: ClassVar[dict[str, str]] = {
        "value": "a figure {min, max, qualifier}; for date, place and perpetrators: the text value (TimeML date, place "
                 "phrase, agents joined by '; '); for facet start: {start, earliest, latest (YYYY-MM), and since (the "
                 "date) or duration and as_of (the day counted back from)}",
    }


@dataclass(slots=True)
class Discrepancy(Record):
    id: str
    story: str
    facet: str
    kind: DiscrepancyKind
    claims: list[Claim]
    event: str | None = None  # aligned event id
    note: str | None = None
    nested: ClassVar[dict[str, Any]] = {"claims": (Claim,)}
    docs: ClassVar[dict[str, str]] = {
        "facet": "killed or injured (figures of one aligned event); date, place or perpetrators (text values of one "
                 "aligned event); start (since when a state holds, for internal discrepancies); count (figures counting "
                 "the same thing of the same owner, or under the same action; the note says what)",
        "note": "for a start discrepancy: the predicate family and the words of each claim",
    }
    constraints: ClassVar[dict[str, dict[str, Any]]] = {"claims": {"minItems": 2}}


LabelVoice = Literal["narrator", "quoted", "reported"]


@dataclass(slots=True)
class Label(Record):
    """A word or phrase an article applies to an entity ("notorious", "terror group").

    ``voice`` says whose words they are: the outlet's (``narrator``), a speaker's
    inside quotation marks (``quoted``), or the outlet's paraphrase of a speaker
    (``reported``); ``statement`` and ``speaker`` name the statement it is in.
    """

    article: str
    entity: str | None  # local entity id until linking, then the global one
    entity_text: str
    label: str  # normalized for counting: lower case, singular head
    text: str
    kind: LabelKind
    voice: LabelVoice
    start: int
    end: int
    statement: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    assumption: str | None = None
    extractor: str = ""
    docs: ClassVar[dict[str, str]] = {"label": "normalized for counting: lower case, singular head"}


@dataclass(slots=True)
class LoadedTerm(Record):
    """A loaded or evaluative word or phrase: "*slammed*", "*brazenly*", "a *radical* plan", "*scheme*".

    ``lemma`` is the key for counting ("slam", "lash out"); ``word_class`` is
    verb, adverb, adjective, noun or phrase (scare quotes, idioms); ``category``
    says what makes it loaded (extract/loaded.py lists them). ``target`` is
    the entity the word is about when syntax names one (local id until
    linking, then the global one), ``target_text`` the words that name it.
    ``voice``, ``statement`` and ``speaker`` are as for a ``Label``.
    """

    article: str
    text: str
    lemma: str
    word_class: WordClass
    category: LoadedCategory
    voice: LabelVoice
    start: int
    end: int
    target: str | None = None
    target_text: str | None = None
    statement: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    extractor: str = ""
    docs: ClassVar[dict[str, str]] = {
        "lemma": "the key for counting: lemma, lower case (slam, lash out)",
        "target": "entity id of what the word is about, when syntax names a known entity",
        "target_text": "the words naming what the word is about",
    }


@dataclass(slots=True)
class Figure(Record):
    """A count of something other than casualties: "some 3,000 members of the terror cult".

    ``measure`` is the counted noun's lemma; ``action`` the verb done to the
    counted things ("arrest" in "police arrested 12 people"); ``owner`` the
    entity they belong to (local id until linking, then the global one).
    """

    article: str
    measure: str
    counted_text: str
    quantity: Quantity
    start: int
    end: int
    action: str | None = None
    owner_text: str | None = None
    owner: str | None = None
    source: str = "narrator"  # or the id of the statement it is reported in
    extractor: str = ""
    nested: ClassVar[dict[str, Any]] = {"quantity": Quantity}
    docs: ClassVar[dict[str, str]] = {
        "measure": "the counted noun's lemma: member, people, arrest",
        "action": "the verb done to the counted things: arrest, detain, seize",
        "owner": "entity id of whose the counted things are",
        "source": "narrator or the id of the statement that reports it",
    }


@dataclass(slots=True)
class ArticleLedger:
    """Everything extracted from one article before cross-article linking."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    local_entities: list[LocalEntity] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # key lemmas, for story linking
    words: int = 0
    # States said to hold since some time (extract/ongoing.py); stored, compared within the article, not exported
    ongoing: list[OngoingClaim] = field(default_factory=list)


@dataclass(slots=True)
class OngoingClaim(Record):
    """A state an article says still holds, and since when: "has played host to the group *for a decade*".

    Read from the parse at extraction (``extract/ongoing.py``) and compared within the article by
    ``compare/internal.py``. ``start``/``end`` span the time phrase with its cue ("for a decade"),
    ``time_start``/``time_end`` the ``TimeValue`` it reads (whose value may be re-dated before comparing);
    ``predicate`` is a family ("host" for "played host" and "accommodating") or the verb's lemma. Names in
    the subject and object are ``[start, end]`` offsets of their mentions, whose entity ids linking sets.
    """

    article: str
    start: int
    end: int
    text: str
    cue: str  # for (a duration), since or from (a date)
    time_start: int
    time_end: int
    predicate: str
    predicate_text: str  # from the perfect's auxiliary: "has played host"
    predicate_start: int
    predicate_end: int
    modifier: str | None = None  # "nearly", "more than", "about", "at least" ...
    round_unit: str | None = None  # "decade", "century", "score": a round figure
    round_plural: bool = False  # "for decades"
    subject_start: int | None = None
    subject_end: int | None = None
    subject_head: str | None = None  # the subject's lemma: "country", "it"
    subject_names: list[list[int]] = field(default_factory=list)
    object_names: list[list[int]] = field(default_factory=list)
    object_words: list[str] = field(default_factory=list)  # content lemmas, compared when no name is
    extractor: str = ""
