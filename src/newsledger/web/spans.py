"""An article's text as HTML with its evidence spans highlighted.

Spans nest (a mention inside a statement's content) and sometimes cross (a
label that runs past the end of a quote); a crossing span is closed and
reopened, so the HTML stays well formed. The first piece of each span gets the
id ``s-START-END`` (the evidence links point there) and a tab stop; its note
(the normalized value) is its ``title`` and ``data-note``, which the CSS shows
on hover and on keyboard focus.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..summary import event_roles, format_range

# Characters a reader cannot see that change what is shown: C0/C1 controls (NUL included) and the bidirectional
# formatting characters (a right-to-left override makes "CNN\u202eevil" read backwards and drags its neighbours).
# The pages show each as a visible mark instead: a control picture for C0 (U+2400 + code, ␀ for NUL), [U+XXXX] else.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _mark(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else f"[U+{code:04X}]"


def visible(text: str) -> str:
    """The text with its control and bidi formatting characters shown as marks (one mark per character, so a
    string's pieces come out as the pieces of its result); tabs and line breaks are kept."""
    return _INVISIBLE.sub(_mark, text)


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str  # a CSS class suffix: ent, speaker, cue, content, event, figure, time, label, loaded, claim, pubdate, anchor
    note: str = ""


def evidence_id(start: int, end: int, prefix: str = "") -> str:
    """The fragment an evidence link points at: ``s-START-END``."""
    return f"{prefix}s-{int(start)}-{int(end)}"


def article_spans(article: Mapping[str, Any], *, mentions: Iterable[Mapping], statements: Iterable[Mapping],
                  events: Iterable[Mapping], times: Iterable[Mapping], labels: Iterable[Mapping],
                  names: Mapping[str, str], claims: Iterable[tuple[Mapping, str]] = (),
                  loaded: Iterable[Mapping] = ()) -> list[Span]:
    """Every span of one article worth showing, with its note; ``claims`` are (claim, its note) pairs
    of the discrepancies that cite this article, so every evidence link has a target."""
    spans: list[Span] = []
    for m in mentions:
        spans.append(Span(m["start"], m["end"], "ent", f"entity: {names.get(m['entity'], m['entity'])}"))
    for s in statements:
        who = names.get(s["speaker"]) or s["speaker_text"] or "unknown speaker"
        how = [s["kind"], s.get("mode") or "speech"]
        for extra in ("channel", "reported_by", "date"):
            if s.get(extra):
                how.append(f"{extra.replace('_', ' ')}: {s[extra]}")
        spans.append(Span(s["start"], s["end"], "anchor"))
        if s.get("speaker_start") is not None:
            resolved = f" → {names[s['speaker']]}" if s["speaker"] in names else ""
            spans.append(Span(s["speaker_start"], s["speaker_end"], "speaker",
                              f"speaker ({s.get('speaker_kind') or 'unknown'}): {s['speaker_text']}{resolved}"))
        if s.get("cue_start") is not None:
            spans.append(Span(s["cue_start"], s["cue_end"], "cue", f"statement by {who}: {', '.join(how)}"))
        if s.get("content_start") is not None:
            spans.append(Span(s["content_start"], s["content_end"], "content", f"said by {who} ({s['kind']})"))
    for e in events:
        parts = [e["type"], f"date: {e['date'] or 'undated'}", *event_roles(e)]
        spans.append(Span(e["start"], e["end"], "anchor"))
        if e.get("trigger_start") is not None:
            spans.append(Span(e["trigger_start"], e["trigger_end"], "event", "event: " + ", ".join(parts)))
        for facet in ("killed", "injured"):
            figure = e.get(facet)
            if figure and figure.get("start") is not None:
                spans.append(Span(figure["start"], figure["end"], "figure",
                                  f"{facet}: {format_range(figure)} ({figure.get('qualifier') or 'exact'})"))
    for t in times:
        spans.append(Span(t["start"], t["end"], "time", f"{t['type']}: {t['value'] or '?'} (anchor {t['anchor'] or 'none'})"))
    for l in labels:
        target = names.get(l["entity"]) or l["entity_text"]
        spans.append(Span(l["start"], l["end"], "label", f"label “{l['label']}” for {target} ({l['voice']}, {l['kind']})"))
    for t in loaded:
        about = f" about {names.get(t['target']) or t['target_text']}" if t.get("target_text") else ""
        voice = t["voice"] if t["voice"] == "narrator" else f"{t['voice']}, {names.get(t['speaker']) or t['speaker_text']}"
        spans.append(Span(t["start"], t["end"], "loaded", f"loaded {t['word_class']} ({t['category'].replace('_', ' ')})"
                                                           f"{about}; {voice}"))
    for claim, note in claims:
        spans.append(Span(claim["start"], claim["end"], "claim", note))
    for ev in article.get("published_evidence") or []:
        spans.append(Span(ev["start"], ev["end"], "pubdate", f"publication date evidence → {article['published']}"))
    return spans


# Which of two spans with the same offsets is outside: anchors wrap, then the wider roles.
_NESTING = {k: i for i, k in enumerate(["anchor", "content", "speaker", "cue", "event", "figure", "label", "loaded", "ent", "claim",
                                         "time", "pubdate"])}


def highlight(text: str, spans: Iterable[Span], id_prefix: str = "") -> Markup:
    """The text, HTML-escaped (controls shown as marks, ``visible``), with each span wrapped in ``<span class="hl hl-KIND">``."""
    usable = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                    key=lambda s: (s.start, -s.end, _NESTING.get(s.kind, 99)))
    boundaries = sorted({0, len(text)} | {s.start for s in usable} | {s.end for s in usable})
    pending = deque(usable)
    used_ids: set[str] = set()
    opened: list[Span] = []
    out: list[str] = []
    position = 0
    for boundary in boundaries:
        out.append(str(escape(visible(text[position:boundary]))))
        position = boundary
        if any(s.end == boundary for s in opened):
            # Close down to the deepest span that ends here, then reopen the ones that go on.
            going_on = []
            while any(s.end == boundary for s in opened):
                span = opened.pop()
                out.append("</span>")
                if span.end != boundary:
                    going_on.append(span)
            for span in reversed(going_on):
                out.append(_open_tag(span, None))
                opened.append(span)
        while pending and pending[0].start == boundary:
            span = pending.popleft()
            anchor = evidence_id(span.start, span.end, id_prefix)
            out.append(_open_tag(span, anchor if anchor not in used_ids else None))
            used_ids.add(anchor)
            opened.append(span)
    out.extend("</span>" for _ in opened)
    return Markup("".join(out))


def _open_tag(span: Span, anchor: str | None) -> str:
    attributes = [f'class="hl hl-{escape(span.kind)}"']
    if anchor:
        attributes.append(f'id="{escape(anchor)}"')
    if span.note:
        note = visible(span.note)
        attributes.append(f'title="{escape(note)}" data-note="{escape(note)}"')
        if anchor:  # focused by a click or a link to it, which shows its note; no Tab stop of its own (the
            attributes.append('tabindex="-1"')  # text is one, or a keyboard user tabs through every span)
    return f"<span {' '.join(attributes)}>"
