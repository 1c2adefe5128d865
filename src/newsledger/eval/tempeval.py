"""TempEval-3 time expressions: a .tml loader and the task's scorer.

Scores follow the TempEval-3 definitions (UzZaman et al., 2013): extents
match *strictly* (same characters) or *relaxed* (overlapping); attributes
(``type``, ``value``) are scored over relaxed matches, their precision over
the system's expressions and recall over the gold ones, so an attribute F1
is never above the relaxed extent F1. Accuracy is the share of relaxed
matches whose attribute is right.

newsledger's expressions are those ``newsledger ingest`` stores (``predict``):
each document is read and processed as ingest does it, dated by its
creation date given as metadata.

Tune on ``Training/TBAQ-cleaned`` (dev) only; ``Evaluation/te3-platinum`` is
the test part and is reported as it comes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import BenchmarkError
from ..options import Options
from . import EvalResult, ingested, prf, shipped

SPLITS = {"dev": Path("Training") / "TBAQ-cleaned", "test": Path("Evaluation") / "te3-platinum"}


@dataclass(frozen=True, slots=True)
class TimexSpan:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class TimeMLDocument:
    id: str
    text: str
    creation_date: date | None
    timexes: list[TimexSpan] = field(default_factory=list)


def load_tml(path: str | Path) -> TimeMLDocument:
    """The plain text of a .tml file, its creation date, and its TIMEX3 spans."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or Path(path).stem).strip()
    dct = root.find("DCT/TIMEX3")
    creation = _day(dct.get("value")) if dct is not None else None
    body = root.find("TEXT")
    pieces: list[str] = []
    timexes: list[TimexSpan] = []
    if body is not None:
        _walk(body, pieces, timexes, top=True)
    return TimeMLDocument(doc_id, "".join(pieces), creation, timexes)


def _walk(element: ET.Element, pieces: list[str], timexes: list[TimexSpan], top: bool = False) -> None:
    start = sum(len(p) for p in pieces)
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, timexes)
    end = sum(len(p) for p in pieces)
    if element.tag == "TIMEX3" and end > start:
        text = "".join(pieces)[start:end]
        timexes.append(TimexSpan(start, end, text, element.get("type", ""), element.get("value")))
    if not top:
        pieces.append(element.tail or "")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def load_corpus(folder: str | Path) -> list[TimeMLDocument]:
    """Every .tml under ``folder``, once per DOCID (TBAQ repeats one in ``testpipeline/``)."""
    documents: dict[str, TimeMLDocument] = {}
    for path in sorted(Path(folder).rglob("*.tml")):
        document = load_tml(path)
        documents.setdefault(document.id, document)
    return list(documents.values())


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0


@dataclass(frozen=True, slots=True)
class TimexScores:
    strict_f1: float
    relaxed_f1: float
    strict_precision: float
    strict_recall: float
    relaxed_precision: float
    relaxed_recall: float
    type_f1: float
    value_f1: float
    type_accuracy: float
    value_accuracy: float
    gold: int
    system: int

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in self.__slots__}


def count_matches(gold: Sequence[TimexSpan], system: Sequence[TimexSpan], counts: Counts | None = None) -> Counts:
    """Add one document's matches to ``counts`` (one-to-one, largest overlap first)."""
    counts = counts or Counts()
    counts.gold += len(gold)
    counts.system += len(system)
    pairs = sorted(
        ((min(g.end, s.end) - max(g.start, s.start), i, j) for i, g in enumerate(gold) for j, s in enumerate(system)
         if g.start < s.end and s.start < g.end),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, i, j in pairs:
        if i in used_gold or j in used_system:
            continue
        used_gold.add(i)
        used_system.add(j)
        g, s = gold[i], system[j]
        counts.relaxed += 1
        counts.strict += (g.start, g.end) == (s.start, s.end)
        counts.type += g.type == s.type
        counts.value += g.value is not None and g.value == s.value
    return counts


def scores(counts: Counts) -> TimexScores:
    sp, sr, sf = prf(counts.strict, counts.system, counts.strict, counts.gold)
    rp, rr, rf = prf(counts.relaxed, counts.system, counts.relaxed, counts.gold)
    matched = counts.relaxed or 1
    return TimexScores(
        strict_f1=sf, relaxed_f1=rf, strict_precision=sp, strict_recall=sr,
        relaxed_precision=rp, relaxed_recall=rr,
        type_f1=prf(counts.type, counts.system, counts.type, counts.gold)[2],
        value_f1=prf(counts.value, counts.system, counts.value, counts.gold)[2],
        type_accuracy=counts.type / matched, value_accuracy=counts.value / matched,
        gold=counts.gold, system=counts.system,
    )


def predict(documents: Iterable[TimeMLDocument],
            options: Options) -> Iterable[tuple[TimeMLDocument, list[TimexSpan], str | None]]:
    """newsledger's time expressions of each document as ``newsledger ingest`` stores them (the ``timex``
    stage's ``TimeValue`` records, ``eval.shipped``), dated by its creation date as metadata; offsets in
    the document's text, and the error that lost a document (None when none did). A page's time stamps,
    which ingest leaves out of the times, are left out here."""
    documents = list(documents)
    read = [ingested(d.text, d.id, published=d.creation_date.isoformat() if d.creation_date else None)
            for d in documents]
    found = shipped([article for article, _ in read], options)
    for document, (_, shift), (_, ctx, failure) in zip(documents, read, found, strict=True):
        times = ctx.times if ctx else []
        yield document, [TimexSpan(t.start + shift, t.end + shift, t.text, t.type, t.value) for t in times], failure


def evaluate(root: str | Path, split: str, options: Options, limit: int | None = None) -> EvalResult:
    """``newsledger eval time``: ``root`` is the tempeval3 folder; dev is TBAQ-cleaned, test te3-platinum."""
    if split not in SPLITS:
        raise ValueError(f"the time evaluation has no split {split!r}; it has {', '.join(SPLITS)}")
    folder = Path(root) / SPLITS[split]
    if not folder.is_dir():
        raise BenchmarkError(str(folder), f"no TempEval-3 {split} part here")
    documents = load_corpus(folder)[:limit]
    counts = Counts()
    failures: list[str] = []
    for document, found, failure in predict(documents, options):
        count_matches(document.timexes, found, counts)
        failures += [failure] if failure else []
    result = scores(counts)
    metrics = {name: getattr(result, name) for name in
               ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy", "strict_precision", "strict_recall",
                "relaxed_precision", "relaxed_recall", "type_f1", "value_accuracy")}
    return EvalResult("time", split, len(documents), metrics, details={"gold": result.gold, "system": result.system},
                      failures=failures)
