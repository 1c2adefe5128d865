"""Quoted passages of an article text, found without the model.

Curly marks (“ ”) say which way they face; straight marks (") alternate.
A quote may run over several paragraphs when each continued paragraph
reopens it, the newswire convention. Unbalanced marks are handled, not
refused: the quote is closed (or opened) at the paragraph boundary and the
``assumptions`` say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
TWO_APOSTROPHES = "''"
_FILLER = "\u2060"  # word joiner: neither a mark nor a space
_PARAGRAPH = re.compile(r"[^\n]+")

CLOSED_AT_PARAGRAPH_END = "unbalanced quote: closed at paragraph end"
OPENED_AT_PARAGRAPH_START = "unbalanced quote: opened at paragraph start"
CONTINUED_OVER_PARAGRAPHS = "quote continued over paragraphs"


@dataclass(slots=True)
class QuoteSpan:
    """``start``/``end`` include the marks; ``inner_*`` is what was quoted."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    assumptions: list[str] = field(default_factory=list)

    def words(self, text: str) -> int:
        return len(text[self.inner_start:self.inner_end].split())


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line: one paragraph per line."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        body = match.group(0)
        if body.strip():
            lead = len(body) - len(body.lstrip())
            spans.append((match.start() + lead, match.start() + len(body.rstrip())))
    return spans


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted passage of ``text``, in order.

    Two apostrophes (''…'', a typewriter convention some archives keep) count as
    one straight mark.
    """
    if TWO_APOSTROPHES not in text:
        return _find_quotes(text)
    masked = text.replace(TWO_APOSTROPHES, STRAIGHT + _FILLER)  # same length, so offsets hold
    quotes = _find_quotes(masked)
    for quote in quotes:
        if text.startswith(TWO_APOSTROPHES, quote.start):
            quote.inner_start = max(quote.inner_start, quote.start + 2)
        if text.startswith(TWO_APOSTROPHES, quote.end - 1):
            quote.end += 1
    return quotes


def _find_quotes(text: str) -> list[QuoteSpan]:
    quotes: list[QuoteSpan] = []
    paragraphs = paragraph_spans(text)
    pending: QuoteSpan | None = None  # a quote left open at a paragraph end
    for index, (p_start, p_end) in enumerate(paragraphs):
        opened: int | None = None
        if pending is not None:
            if text[p_start] in OPENING + STRAIGHT:
                # The paragraph reopens the quote: it continues from the last one.
                opened = pending.start
                first = p_start + 1
            else:
                quotes.append(_closed_at(pending, text, paragraphs[index - 1][1]))
                first = p_start
            pending = None
        else:
            first = p_start
        for i in range(first, p_end):
            mark = text[i]
            if mark not in OPENING + CLOSING + STRAIGHT:
                continue
            if opened is None and (mark in OPENING or (mark == STRAIGHT and _opens(text, i, p_end))):
                opened = i
            elif opened is not None and (mark in CLOSING or mark == STRAIGHT):
                quotes.append(_quote(opened, i + 1, continued=opened < p_start))
                opened = None
            elif opened is None and mark in CLOSING:
                quote = _quote(p_start, i + 1, opened_mark=False)
                quote.assumptions.append(OPENED_AT_PARAGRAPH_START)
                quotes.append(quote)
            elif opened is not None and mark in OPENING:
                # A second opening mark before any close: the first was left open.
                quotes.append(_closed_at(_quote(opened, i, closed_mark=False), text, i))
                opened = i
        if opened is not None:
            pending = QuoteSpan(opened, p_end, opened + 1, p_end)
            if opened < p_start:
                pending.assumptions.append(CONTINUED_OVER_PARAGRAPHS)
    if pending is not None:
        quotes.append(_closed_at(pending, text, paragraphs[-1][1]))
    return [q for q in quotes if q.inner_end > q.inner_start]


def _opens(text: str, i: int, limit: int) -> bool:
    """A straight mark opens unless a word or punctuation runs right into it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < limit else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-:/" or i == 0


def _quote(start: int, end: int, *, continued: bool = False,
           opened_mark: bool = True, closed_mark: bool = True) -> QuoteSpan:
    inner_start = start + 1 if opened_mark else start
    inner_end = end - 1 if closed_mark else end
    quote = QuoteSpan(start, end, inner_start, inner_end)
    if continued:
        quote.assumptions.append(CONTINUED_OVER_PARAGRAPHS)
    return quote


def _closed_at(quote: QuoteSpan, text: str, end: int) -> QuoteSpan:
    end = len(text[:end].rstrip())
    closed = QuoteSpan(quote.start, end, quote.inner_start, end, list(quote.assumptions))
    closed.assumptions.append(CLOSED_AT_PARAGRAPH_END)
    return closed
