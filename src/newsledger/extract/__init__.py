"""Per-article extraction: stages that each read and add to an ArticleContext.

A stage is a plain function over one article, declared with what it needs
and what it adds (the idea of spaCy's ``@Language.component(requires=...,
assigns=...)``); ``build_stages`` checks the order once, and ``run_stages``
names the failing stage in the error so one bad article never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..errors import PipelineConfigError, StageError
from ..options import Options
from ..records import (Article, ArticleLedger, Event, Figure, Label, LoadedTerm, LocalEntity, Mention, OngoingClaim,
                       Statement, TimeValue)

if TYPE_CHECKING:
    from .attribution.quotes import QuoteSpan


@dataclass(slots=True)
class ArticleContext:
    """The working state of one article as it goes through the stages."""

    article: Article
    doc: Doc
    options: Options = field(default_factory=Options)
    mentions: list[Mention] = field(default_factory=list)
    local_entities: list[LocalEntity] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)  # quoted passages, found once by attribution
    events: list[Event] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    ongoing: list[OngoingClaim] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    words: int = 0

    def ledger(self) -> ArticleLedger:
        return ArticleLedger(
            article=self.article,
            mentions=self.mentions,
            local_entities=self.local_entities,
            times=self.times,
            statements=self.statements,
            events=self.events,
            labels=self.labels,
            figures=self.figures,
            loaded_terms=self.loaded_terms,
            ongoing=self.ongoing,
            terms=self.terms,
            words=self.words,
        )


@dataclass(frozen=True, slots=True)
class Stage:
    """``name`` is versioned (``attribution.v1``) and stored with its records."""

    name: str
    func: Callable[[ArticleContext], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def build_stages(stages: Sequence[Stage]) -> list[Stage]:
    """Check that every stage's requirements are assigned by an earlier one."""
    available = {"article", "doc"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineConfigError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns.",
                hint="reorder the stages or add the one that assigns it",
            )
        available.update(stage.assigns)
    return list(stages)


def run_stages(ctx: ArticleContext, stages: Sequence[Stage]) -> ArticleLedger:
    for stage in stages:
        try:
            stage.func(ctx)
        except Exception as exc:  # noqa: BLE001 - re-raised with the stage named
            raise StageError(stage.name, ctx.article.id, exc) from exc
    return ctx.ledger()


def default_stages() -> list[Stage]:
    from . import (attribution, entities, events, figures, framing, keyterms, loaded, main_event, ongoing, pubdate,
                   timex)

    return build_stages(
        [
            entities.STAGE,
            pubdate.STAGE,
            timex.STAGE,
            attribution.STAGE,
            framing.STAGE,
            loaded.STAGE,
            events.STAGE,
            main_event.STAGE,
            figures.STAGE,
            ongoing.STAGE,
            keyterms.STAGE,
        ]
    )
