"""The HTML pages: what each one shows, gathered from a LedgerView and rendered with Jinja2.

Autoescaping is on for every template; the only HTML built in Python is the
highlighted article text (spans.py), which escapes the text itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..summary import format_range, format_start
from .data import LedgerView
from .sources import site_name, source_name, web_url
from .spans import article_spans, evidence_id, highlight, visible
from .timeline import timeline_plot


def segment(record_id: str) -> str:
    """A record id as one URL path segment or fragment: every character but letters, digits and ``_.-~``
    percent-encoded (``a/b`` → ``a%2Fb``, ``my article`` → ``my%20article``); the routes decode it back."""
    return quote(record_id, safe="")


def anchor(article_id: str) -> str:
    """The id of an article's heading in a report (``a-`` and its encoded id); its spans' ids start with it."""
    return f"a-{segment(article_id)}"


@dataclass(frozen=True, slots=True)
class Links:
    """Where links point: the server's pages, or anchors inside one self-contained report.
    Ids are encoded (``segment``), so an id such as a URL, with spaces or slashes, opens its page."""

    standalone: bool = False

    def article(self, article_id: str, start: int | None = None, end: int | None = None) -> str:
        if self.standalone:
            return f"#{anchor(article_id)}" if start is None else "#" + evidence_id(start, end, f"{anchor(article_id)}-")
        return f"/articles/{segment(article_id)}" + ("" if start is None else "#" + evidence_id(start, end))

    def entity(self, entity_id: str | None) -> str | None:
        return None if self.standalone or not entity_id else f"/entities/{segment(entity_id)}"

    def story(self, story_id: str) -> str:
        return f"#{segment(story_id)}" if self.standalone else f"/stories/{segment(story_id)}"

    @staticmethod
    def story_anchor(story_id: str) -> str:
        return segment(story_id)


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


def shown(value: Any) -> Any:
    """Every ``{{ … }}`` of the templates passes here before it is escaped: text shows its control and bidi
    formatting characters as marks (``visible``), so a NUL never reaches the HTML and a right-to-left override
    reverses nothing; HTML built in Python (Markup: the highlighted text, the stylesheet) has done so itself."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsledger.web", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, finalize=shown)
    env.globals["css"] = Markup(resources.files("newsledger.web").joinpath("static/style.css").read_text(encoding="utf-8"))
    env.filters["range"] = format_range
    env.filters["claim_value"] = claim_value
    env.filters["source_name"] = source_name
    env.filters["site_name"] = site_name
    env.filters["web_url"] = web_url
    return env


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a long list sits: its items' numbers and the links to its neighbours."""

    page: int
    pages: int
    total: int
    first: int  # 1-based number of the page's first item (0 when the list is empty)
    last: int
    previous: str | None
    next: str | None

    @classmethod
    def of(cls, path: str, query: Mapping[str, str], page: int, size: int, total: int, shown: int) -> Pager:
        pages = max(1, -(-total // size))
        kept = {k: v for k, v in query.items() if v and k != "page"}

        def link(number: int) -> str | None:
            if not 1 <= number <= pages:
                return None
            params = {**kept, "page": number} if number > 1 else kept
            return f"{path}?{urlencode(params)}" if params else path

        first = (page - 1) * size + 1 if shown else 0
        return cls(page, pages, total, first, first + shown - 1 if shown else 0, link(page - 1), link(page + 1))


# Rows per HTML page: the stories list, and each list on a story's or an entity's page.
STORIES_PER_PAGE = 100
STORY_ITEMS_PER_PAGE = 100
ENTITY_ITEMS_PER_PAGE = 100
EVIDENCE_PER_ROW = 20  # evidence links per row of an entity's labels table; the API lists them all


class Pages:
    def __init__(self, view: LedgerView, env: Environment | None = None):
        self.view = view
        self.env = env or environment()

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def stories(self, text: str | None, entity: str | None, date: str | None, page: int = 1, error: str | None = None) -> str:
        query = {"q": text or "", "entity": entity or "", "date": date or ""}
        matching, summaries = (0, []) if error else self.view.story_summaries(
            text, entity, date, STORIES_PER_PAGE, (page - 1) * STORIES_PER_PAGE)
        pager = Pager.of("/", query, page, STORIES_PER_PAGE, matching, len(summaries))
        return self.render("stories.html", summaries=summaries, query=query, error=error, links=Links(),
                           pager=pager, total=self.view.story_count())

    def story_context(self, story: dict, links: Links, page: int | None = None) -> dict:
        """What the story page shows; ``page`` turns its sources, timeline, discrepancies, labels and loaded words a page
        at a time, None (the report) shows all of them, with the articles' texts."""
        view = self.view
        size = STORY_ITEMS_PER_PAGE if page else None
        offset = (page - 1) * STORY_ITEMS_PER_PAGE if page else 0
        members = view.story_articles(story["id"], text=page is None, limit=size, offset=offset)
        entries = view.timeline(story["id"])
        shown_entries = entries[offset:offset + size] if size else entries
        if size:
            found, discrepancies = view.collection("discrepancies", {"story": story["id"]}, size, offset)
        else:
            discrepancies = view.select("discrepancies", {"story": story["id"]})
            found = len(discrepancies)
        cited = view.outlets([c["article"] for d in discrepancies for c in d["claims"]] + [a["duplicate_of"] for a in members]
                             + [s["article"] for e in shown_entries for s in e["sources"]])
        framing = view.framing(story_id=story["id"])
        loaded = view.loaded(story["id"])
        longest = max(len(story["articles"]), len(entries), found, len(framing), len(loaded))
        return {
            "story": story,
            "articles": members,
            "counts": {"articles": len(story["articles"]), "entries": len(entries), "discrepancies": found,
                       "framing": len(framing), "loaded": len(loaded)},
            "offset": offset,
            "pager": Pager.of(links.story(story["id"]), {}, page, size, longest, max(0, min(size, longest - offset))) if page else None,
            "articles_by_id": {**cited, **{a["id"]: a for a in members}},
            "plot": timeline_plot(shown_entries),
            "discrepancies": discrepancies,
            "framing": framing[offset:offset + size] if size else framing,
            "loaded": loaded[offset:offset + size] if size else loaded,
            "links": links,
        }

    def story(self, story: dict, page: int = 1) -> str:
        return self.render("story.html", **self.story_context(story, Links(), page))

    def report(self, story: dict) -> str:
        """The story page with its articles, as one file that needs no server."""
        links = Links(standalone=True)
        context = self.story_context(story, links)
        texts = [self.article_context(a, links, id_prefix=f"{anchor(a['id'])}-") for a in context["articles"]]
        return self.render("report.html", texts=texts, **context)

    def article_context(self, article: dict, links: Links, id_prefix: str = "") -> dict:
        view = self.view
        mentions = view.mentions(article["id"])
        statements, events, times, labels, loaded = (view.of_article(kind, article["id"]) for kind in
                                                     ("statements", "events", "times", "labels", "loaded_terms"))
        names = view.names([m["entity"] for m in mentions] + [s["speaker"] for s in statements]
                           + [l["entity"] for l in labels] + [l["speaker"] for l in labels]
                           + [t["target"] for t in loaded] + [t["speaker"] for t in loaded])
        claims = [(c, f"{d['facet']} ({d['kind']}): {claim_value(c['value'], d['facet'])}") for d, c in view.claims_citing(article)]
        spans = article_spans(article, mentions=mentions, statements=statements, events=events,
                              times=times, labels=labels, loaded=loaded, names=names, claims=claims)
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
            "anchor": anchor(article["id"]),
        }

    def article(self, article: dict) -> str:
        return self.render("article.html", t=self.article_context(article, Links()), links=Links())

    def entity(self, entity: dict, page: int = 1) -> str:
        view = self.view
        size, offset = ENTITY_ITEMS_PER_PAGE, (page - 1) * ENTITY_ITEMS_PER_PAGE
        mentions = view.entity_mentions(entity["id"], size, offset)
        by = view.statements_by(entity["id"], size, offset)
        about = view.statements_about(entity["id"], size, offset)
        framing = view.framing(entity=entity["id"])
        framing = (len(framing), framing[offset:offset + size])
        loaded = view.loaded(target=entity["id"])
        loaded = (len(loaded), loaded[offset:offset + size])
        # One ?page= turns all five lists; the pager goes as far as the longest.
        longest = max((mentions, by, about, framing, loaded), key=lambda listed: listed[0])
        pager = Pager.of(Links().entity(entity["id"]), {}, page, size, longest[0], len(longest[1]))
        names = view.names(s["speaker"] for s in about[1])
        return self.render("entity.html", entity=entity, pager=pager, offset=offset, evidence_shown=EVIDENCE_PER_ROW,
                           mentions=mentions, by=by, about=about, names=names, framing=framing, loaded=loaded,
                           links=Links())

    def error(self, status: int, message: str) -> str:
        return self.render("error.html", status=status, message=message, links=Links())
