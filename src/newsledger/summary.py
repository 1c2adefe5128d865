"""A readable text summary of a ledger: stories, timelines, who said what, events, discrepancies,
labels and loaded words."""

from __future__ import annotations

import textwrap
from typing import Any

from .compare.framing import framing_rows, loaded_rows, unlabelled_quotes
from .compare.timeline import shorten, story_timelines
from .store import export as X
from .store import linking
from .store.database import LedgerStore


def format_range(value: dict | str | None) -> str:
    if not value:
        return "?"
    if isinstance(value, str):  # a date, a place, perpetrators
        return value
    low, high = value.get("min"), value.get("max")
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}–{high}"
    if low is not None:
        return f"≥{low}"
    if high is not None:
        return f"≤{high}"
    return "?"


def event_roles(event: dict) -> list[str]:
    """Who did it, to whom, where: "by …", "on …", "at …", as far as the event says."""
    roles = []
    if event["agents"]:
        roles.append("by " + "; ".join(event["agents"]))
    if event["patients"]:
        roles.append("on " + "; ".join(event["patients"]))
    if event["place"]:
        roles.append("at " + event["place"])
    return roles


def summarize(store: LedgerStore, width: int = 100) -> str:
    data = {kind: X.READERS[kind](store) for kind in ("articles", "entities", "statements", "events", "labels", "loaded_terms", "stories",
                                                     "discrepancies")}
    data["mentions"] = linking.linked_mentions(store)
    return render(data, width)


def format_start(value: dict | None) -> str:
    """When an ongoing state began, by one claim: "2016", "≈2013" (counted back), "≤2022-07"."""
    if not value:
        return "?"
    if value.get("since"):
        return value["since"]
    if value.get("start"):
        return f"≈{value['start']}"
    if value.get("latest"):
        return f"≤{value['latest']}"
    return "?"


def render(data: dict[str, list[dict[str, Any]]], width: int = 100) -> str:
    articles = {a["id"]: a for a in data["articles"]}
    names = {e["id"]: e["name"] for e in data["entities"]}
    statements = {s["id"]: s for s in data["statements"]}
    timelines = data.get("timelines")
    if timelines is None:
        entries = story_timelines(data["stories"], data["articles"], data["events"], data["statements"], data["entities"])
        timelines = [entry.as_dict() for entry in entries]
    out = [
        f"newsledger: {len(articles)} articles, {len(data['stories'])} stories, {len(data['entities'])} entities, "
        f"{len(statements)} statements, {len(data['events'])} events, {len(data['discrepancies'])} discrepancies"
    ]
    for story in data["stories"]:
        members = [articles[a] for a in story["articles"] if a in articles]
        dates = sorted(a["published"] for a in members if a["published"])
        span = f"{dates[0]} … {dates[-1]}" if dates else "undated"
        out += ["", f"STORY {story['id']}  ({len(members)} articles, {span})", f"  {shorten(story['title'] or '', width - 2)}"]
        out += _incident_section(story.get("incident"), articles)
        out.append("  Articles")
        for a in members:
            how = a["published_source"]
            if how in ("inferred", "story") and a["published_evidence"]:
                cues = ", ".join(f'"{e["text"]}"' for e in a["published_evidence"][:4])
                how = f"inferred from {cues}" if how == "inferred" else f"{cues} in the year of its story"
            dup = f"  duplicate of {a['duplicate_of']}" if a["duplicate_of"] else ""
            out.append(f"    {a['id']}  {a['published'] or 'no date'} ({how})  {a['outlet'] or a['source']}{dup}")
        ids = set(story["articles"])
        out += _timeline_section([t for t in timelines if t["story"] == story["id"]], width)
        said = [s for s in data["statements"] if s["article"] in ids]
        if said:
            out.append("  Who said what")
        for s in said:
            who = names.get(s["speaker"]) or s["speaker_text"] or "unknown speaker"
            how = [s["cue"]]
            if s["channel"]:
                how.append(s["channel"])
            if s["date"]:
                how.append(f"on {s['date']}")
            if s["reported_by"]:
                how.append(f"reported by {s['reported_by']}")
            kind = s["kind"] if s.get("mode", "speech") == "speech" else f"{s['mode']}, {s['kind']}"
            out.append(f"    {who} ({kind}; {', '.join(how)})  [{s['article']} {s['start']}-{s['end']}]")
            out.append(textwrap.indent(textwrap.fill(f"“{shorten(s['content'], 400)}”", width - 8), " " * 8))
        happened = [e for e in data["events"] if e["article"] in ids]
        if happened:
            out.append("  What happened")
        for e in sorted(happened, key=lambda e: (e["date"] or "9999", e["article"], e["start"])):
            parts = [f"{e['date'] or 'undated':10}  {e['type']} “{e['trigger']}”", *event_roles(e)]
            for facet in ("killed", "injured"):
                if e[facet]:
                    parts.append(f"{facet} {format_range(e[facet])} (“{e[facet]['text']}”)")
            source = "narrator" if e["source"] == "narrator" else _speaker(statements.get(e["source"]), names)
            parts.append(f"source: {source}")
            out.append(textwrap.fill(", ".join(parts), width, initial_indent="    ", subsequent_indent=" " * 16))
        found = [d for d in data["discrepancies"] if d["story"] == story["id"]]
        if found:
            out.append("  Where sources differ")
        for d in found:
            note = f"  ({d['note']})" if d.get("note") else ""
            out.append(f"    {d['facet']}: {d['kind'].upper()}{note}")
            shown = format_start if d["facet"] == "start" else format_range
            for c in d["claims"]:
                voice = c["speaker"] or _unattributed(statements.get(c["source"]))
                voice = "narrator" if c["source"] == "narrator" else voice
                published = articles.get(c["article"], {}).get("published") or "undated"
                out.append(f"      {shown(c['value']):>8}  “{c['text']}”  — {c['article']} ({published}), {voice}")
        out += _labels_section(data, ids, articles, names, width)
        out += _loaded_section(data, ids, articles, names, width)
    return "\n".join(out)


def _incident_section(incident: dict | None, articles: dict) -> list[str]:
    """The story's incident: day, place and tolls, each with how many articles give it, then the
    progression of each toll (every report's figure, in publication order)."""
    if not incident:
        return []
    lines = ["  Incident"]
    for facet in ("date", "place", "killed", "injured"):
        value = incident.get(facet)
        claims = [c for c in incident["claims"] if c["facet"] == facet]
        if value is None and not claims:
            continue
        shown = format_range(value) if value is not None else "?"
        count = len({c['article'] for c in claims})
        lines.append(f"    {facet:8} {shown}  ({count} article{'' if count == 1 else 's'})")
        if facet in ("killed", "injured") and len(claims) > 1:
            for c in claims:
                published = articles.get(c["article"], {}).get("published") or "undated"
                lines.append(f"      {format_range(c['value']):>8}  “{c['text']}”  — {c['article']} ({published})")
    return lines


def _timeline_section(entries: list[dict], width: int) -> list[str]:
    """Dated events and statements in date order, each with the articles and voices that report it."""
    if not entries:
        return []
    out = ["  Timeline"]
    for entry in entries:
        reports = []
        for source in entry["sources"]:
            voice = "narrator" if source["source"] == "narrator" else (source["speaker"] or "unknown speaker")
            reports.append(f"{source['article']} {source['start']}-{source['end']} {voice}")
        line = f"{entry['date']:10}  {shorten(entry['what'], 120)}  [{'; '.join(dict.fromkeys(reports))}]"
        out.append(textwrap.fill(line, width, initial_indent="    ", subsequent_indent=" " * 16))
    return out


def _unattributed(statement: dict | None) -> str:
    return f"unattributed, “{statement['cue']}”" if statement else "a statement"


def _labels_section(data: dict, ids: set[str], articles: dict, names: dict[str, str], width: int) -> list[str]:
    """How each source labels each actor, by voice; and who quotes an actor without a label."""
    labels = [label for label in data.get("labels", []) if label["article"] in ids]
    if not labels:
        return []
    out = ["  How sources label the actors (narrator: the outlet; reported: its paraphrase of a speaker; quoted)"]
    rows = framing_rows(labels, articles, names)
    statements = [s for s in data["statements"] if s["article"] in ids]
    mentions = [m for m in data.get("mentions", []) if m["article"] in ids]
    for entity in dict.fromkeys(r.entity for r in rows):
        entity_rows = [r for r in rows if r.entity == entity]
        out.append(f"    {entity_rows[0].entity_name}")
        for row in entity_rows:
            voice = row.voice if row.voice == "narrator" else f"{row.voice}, {row.speaker or 'unknown speaker'}"
            used = ", ".join(f"{label} ×{n}" if n > 1 else label for label, n in row.labels.items())
            out.append(textwrap.fill(f"{row.source} ({voice}): {used}", width, initial_indent="      ",
                                     subsequent_indent=" " * 10))
        if entity is not None:
            for speaker, quotes in unlabelled_quotes(entity, statements, mentions, labels).items():
                who = names.get(speaker) or speaker or "unknown speaker"
                out.append(f"      (quoted, {who}): no label in {quotes} quote{'s' if quotes > 1 else ''} naming it")
    return out


def _loaded_section(data: dict, ids: set[str], articles: dict, names: dict[str, str], width: int) -> list[str]:
    """The loaded words each source uses, by voice, with what they are about."""
    terms = [term for term in data.get("loaded_terms", []) if term["article"] in ids]
    if not terms:
        return []
    out = ["  Loaded words by source and voice (about: the entity a word targets)"]
    for source in dict.fromkeys(articles.get(t["article"], {}).get("outlet") or t["article"] for t in terms):
        rows = [row for row in loaded_rows(terms, articles, names) if row.source == source]
        out.append(f"    {source}")
        for voice in dict.fromkeys((row.voice, row.speaker) for row in rows):
            used = []
            for row in (r for r in rows if (r.voice, r.speaker) == voice):
                about = f" (about {row.target_name})" if row.target_name else ""
                used += [f"{lemma}{about}" + (f" ×{n}" if n > 1 else "") for lemma, n in row.terms.items()]
            who = voice[0] if voice[0] == "narrator" else f"{voice[0]}, {voice[1] or 'unknown speaker'}"
            out.append(textwrap.fill(f"{who}: {', '.join(used)}", width, initial_indent="      ", subsequent_indent=" " * 10))
    return out


def _speaker(statement: dict | None, names: dict[str, str]) -> str:
    if not statement:
        return "a statement"
    who = names.get(statement["speaker"]) or statement["speaker_text"] or "unknown"
    via = f" via {statement['reported_by']}" if statement["reported_by"] else ""
    return f"{who}{via}"
