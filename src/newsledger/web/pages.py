"""The HTML pages: what each one shows, gathered from a LedgerView and rendered with Jinja2.

Autoescaping is on for every template; the only HTML built in Python is the
highlighted article text (spans.py), which escapes the text itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..summary import format_range, format_start
from .data import LedgerView
from .spans import article_spans, evidence_id, highlight
from .timeline import timeline_plot


@dataclass(frozen=True, slots=True)
class Links:
    """Where links point: the server's pages, or anchors inside one self-contained report."""

    standalone: bool = False

    def article(self, article_id: str, start: int | None = None, end: int | None = None) -> str:
        if self.standalone:
            return f"#a-{article_id}" if start is None else "#" + evidence_id(start, end, f"a-{article_id}-")
        return f"/articles/{article_id}" + ("" if start is None else "#" + evidence_id(start, end))

    def entity(self, entity_id: str | None) -> str | None:
        return None if self.standalone or not entity_id else f"/entities/{entity_id}"

    def story(self, story_id: str) -> str:
        return f"#{story_id}" if self.standalone else f"/stories/{story_id}"


def claim_value(value: Any, facet: str) -> str:
    """A discrepancy claim's value in words: a figure range, when a state began, or the value itself
    (facets differ in shape, and new ones appear: show what is there rather than fail)."""
    if isinstance(value, dict):
        if facet == "start" or "since" in value or "duration" in value:
            return format_start(value)
        if "min" in value or "max" in value:
            return format_range(value)
        return json.dumps(value, ensure_ascii=False)
    return "?" if value is None else str(value)


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsledger.web", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["css"] = Markup(resources.files("newsledger.web").joinpath("static/style.css").read_text(encoding="utf-8"))
    env.filters["range"] = format_range
    env.filters["claim_value"] = claim_value
    return env


class Pages:
    def __init__(self, view: LedgerView, env: Environment | None = None):
        self.view = view
        self.env = env or environment()

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def stories(self, text: str | None, entity: str | None, date: str | None, error: str | None = None) -> str:
        summaries = [] if error else self.view.story_summaries(text, entity, date)
        return self.render("stories.html", summaries=summaries, query={"q": text or "", "entity": entity or "", "date": date or ""},
                           error=error, links=Links(), total=len(self.view.records("stories")))

    def story_context(self, story: dict, links: Links) -> dict:
        view = self.view
        ids = set(story["articles"])
        articles = {a["id"]: a for a in view.records("articles") if a["id"] in ids}
        members = [articles[a] for a in story["articles"] if a in articles]
        statements = {s["id"]: s for s in view.records("statements") if s["article"] in ids}
        entries = view.records("timelines")
        return {
            "story": story,
            "articles": members,
            "articles_by_id": articles,
            "plot": timeline_plot([t for t in entries if t["story"] == story["id"]]),
            "discrepancies": [d for d in view.records("discrepancies") if d["story"] == story["id"]],
            "statements": statements,
            "framing": view.story_framing(ids),
            "links": links,
        }

    def story(self, story: dict) -> str:
        return self.render("story.html", **self.story_context(story, Links()))

    def report(self, story: dict) -> str:
        """The story page with its articles, as one file that needs no server."""
        links = Links(standalone=True)
        context = self.story_context(story, links)
        texts = [self.article_context(a, links, id_prefix=f"a-{a['id']}-") for a in context["articles"]]
        return self.render("report.html", texts=texts, **context)

    def article_context(self, article: dict, links: Links, id_prefix: str = "") -> dict:
        view = self.view
        names = view.entity_names()
        of_article = lambda kind: [r for r in view.records(kind) if r["article"] == article["id"]]  # noqa: E731
        mentions = view.mentions({article["id"]})
        statements = of_article("statements")
        claims = [(c, f"{d['facet']} ({d['kind']}): {claim_value(c['value'], d['facet'])}")
                  for d in view.records("discrepancies") for c in d["claims"] if c["article"] == article["id"]]
        spans = article_spans(article, mentions=mentions, statements=statements, events=of_article("events"),
                              times=of_article("times"), labels=of_article("labels"), names=names, claims=claims)
        named = sorted({m["entity"] for m in mentions}, key=lambda e: names.get(e, e))
        original = view.article(article["duplicate_of"]) if article["duplicate_of"] else None
        return {
            "article": article,
            "html": highlight(article["text"], spans, id_prefix),
            "entities": [(e, names.get(e, e)) for e in named],
            "statements": statements,
            "names": names,
            "story": view.story(article["story"]) if article["story"] else None,
            "original": original,
            "links": links,
            "id_prefix": id_prefix,
        }

    def article(self, article: dict) -> str:
        return self.render("article.html", t=self.article_context(article, Links()), links=Links())

    def entity(self, entity: dict) -> str:
        view = self.view
        names = view.entity_names()
        articles = {a["id"]: a for a in view.records("articles")}
        spans = [(m["article"], m["start"], m["end"]) for m in entity["mentions"]]

        def names_entity(statement: dict) -> bool:
            start, end = statement.get("content_start"), statement.get("content_end")
            return start is not None and any(a == statement["article"] and start <= s and e <= end for a, s, e in spans)

        statements = view.records("statements")
        by = [s for s in statements if s["speaker"] == entity["id"]]
        about = [s for s in statements if s["speaker"] != entity["id"] and names_entity(s)]
        mentions = [(m, articles.get(m["article"])) for m in entity["mentions"]]
        return self.render("entity.html", entity=entity, mentions=mentions, by=by, about=about, names=names,
                           framing=view.story_framing(entity=entity["id"]), links=Links())

    def error(self, status: int, message: str) -> str:
        return self.render("error.html", status=status, message=message, links=Links())
