"""BASIL (Fan et al., 2019): 300 articles, 100 events each covered by Fox
News, the New York Times and HuffPost, with media-bias spans.

Layout read here: ``articles/YEAR/UUID.json`` (``body-paragraphs``: a list of
paragraphs, each a list of sentences; ``source``: ``fox``, ``nyt``, ``hpo``)
and ``annotations/YEAR/UUID_ann.json`` (``phrase-level-annotations``: ``bias``
``lex`` or ``inf``, ``quote`` ``yes``/``no``, ``txt``, and ``start``/``end``
counted from the start of the sentence holding the span; the sentence itself
is not named, so it is found as the one where ``txt`` lies at ``start``).

The article text given to newsledger is each paragraph's sentences joined
by a space, paragraphs by a blank line; gold spans are mapped into it.
BASIL has no split; the one used here is by year: 2010-2014 ``dev``,
2015-2019 ``test`` (50 events, 150 articles each).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BenchmarkError

SPLIT_YEARS = {"dev": range(2010, 2015), "test": range(2015, 2020), "all": range(2010, 2020)}


@dataclass(frozen=True, slots=True)
class BiasSpan:
    start: int
    end: int
    bias: str  # lex (word choice) or inf (which facts are told)
    quoted: bool  # inside a quotation, by BASIL's annotators
    text: str


@dataclass(slots=True)
class BasilArticle:
    name: str
    outlet: str
    published: str | None
    text: str
    spans: list[BiasSpan] = field(default_factory=list)
    unplaced: int = 0  # annotated spans found at no sentence offset


def _assemble(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, str]]]:
    """The article text and each sentence with its offset in it."""
    sentences: list[tuple[int, str]] = []
    parts: list[str] = []
    offset = 0
    for p, paragraph in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            offset += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                offset += 1
            sentences.append((offset, sentence))
            parts.append(sentence)
            offset += len(sentence)
    return "".join(parts), sentences


def _place(annotation: dict, sentences: list[tuple[int, str]]) -> BiasSpan | None:
    start, end, text = annotation["start"], annotation["end"], annotation["txt"]
    for offset, sentence in sentences:
        if sentence[start:end] == text:
            return BiasSpan(offset + start, offset + end, annotation["bias"], annotation["quote"] == "yes", text)
    return None


def load_split(root: str | Path, split: str, limit: int | None = None) -> list[BasilArticle]:
    """The annotated articles of ``split`` (``dev``, ``test``, ``all``), in path order."""
    root = Path(root)
    if split not in SPLIT_YEARS:
        raise ValueError(f"BASIL has no split {split!r}; it has {', '.join(SPLIT_YEARS)}")
    if not (root / "articles").is_dir() or not (root / "annotations").is_dir():
        raise BenchmarkError(str(root), "no BASIL articles/ and annotations/ folders here")
    documents: list[BasilArticle] = []
    for year in SPLIT_YEARS[split]:
        for path in sorted((root / "articles" / str(year)).glob("*.json")):
            notes = root / "annotations" / str(year) / f"{path.stem}_ann.json"
            if not notes.is_file():
                continue
            try:
                article = json.loads(path.read_text(encoding="utf-8"))
                annotations = json.loads(notes.read_text(encoding="utf-8"))["phrase-level-annotations"]
                text, sentences = _assemble(article["body-paragraphs"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BenchmarkError(str(path), f"not a BASIL article with its annotations ({exc})") from None
            document = BasilArticle(path.stem, str(article.get("source", "")).lower(), article.get("date"), text)
            for annotation in annotations:
                span = _place(annotation, sentences)
                if span is None:
                    document.unplaced += 1
                else:
                    document.spans.append(span)
            documents.append(document)
            if limit is not None and len(documents) >= limit:
                return documents
    return documents
