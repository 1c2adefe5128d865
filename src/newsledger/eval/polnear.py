"""PolNeAR (Newell et al., 2018): 1,008 US political news articles with
attribution relations in BRAT standoff, and each article's outlet and date.

Layout read here: ``SPLIT/text/NAME.txt``, ``SPLIT/attributions/NAME_ANNOTATOR.ann``
and ``metadata.tsv`` (``filename``, ``publisher``, ``publication_date``). An
article annotated twice is scored against the first annotation in file-name
order, so every article counts once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BenchmarkError

Span = tuple[int, int]
_TEXT_BOUND = re.compile(r"T\d+\t")
_RELATION = re.compile(r"E\d+\t")


@dataclass(slots=True)
class GoldAttribution:
    """One annotated relation; each role may be several discontinuous spans."""

    cue: list[Span]
    content: list[Span]
    source: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class PolnearDocument:
    name: str
    text: str
    publisher: str | None
    published: str | None
    attributions: list[GoldAttribution]


def load_metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.is_file():
        raise BenchmarkError(str(path), "PolNeAR's metadata.tsv is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def load_split(root: str | Path, split: str, limit: int | None = None) -> list[PolnearDocument]:
    """The documents of one split (``train``, ``dev``, ``test``), in file-name order."""
    root = Path(root)
    texts = root / split / "text"
    if not texts.is_dir():
        raise BenchmarkError(str(texts), f"no PolNeAR {split} texts here")
    metadata = load_metadata(root)
    annotations: dict[str, Path] = {}
    for path in sorted((root / split / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    documents = []
    for path in sorted(texts.glob("*.txt")):
        if limit is not None and len(documents) >= limit:
            break
        name = path.stem
        row = metadata.get(name, {})
        ann = annotations.get(name)
        documents.append(PolnearDocument(
            name=name,
            text=path.read_text(encoding="utf-8"),
            publisher=row.get("publisher") or None,
            published=_date(row.get("publication_date")),
            attributions=list(read_ann(ann)) if ann else [],
        ))
    return documents


def _date(value: str | None) -> str | None:
    return value if value and len(value) == 10 and value[4] == "-" else None


def read_ann(path: Path) -> Iterator[GoldAttribution]:
    """Attribution relations (``E`` lines) with their role spans (``T`` lines)."""
    spans: dict[str, list[Span]] = {}
    relations: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        # A span whose text holds a newline continues on the next lines: only tagged lines count.
        if _TEXT_BOUND.match(line):
            try:
                tag, label_and_offsets, _ = line.split("\t", 2)
                offsets = label_and_offsets.split(" ", 1)[1]
                spans[tag] = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
            except (ValueError, IndexError):
                raise BenchmarkError(f"{path}:{number}", "a text-bound annotation without readable offsets",
                                     hint="check that the file is BRAT standoff (TAG, label and offsets, text)") from None
        elif _RELATION.match(line):
            relations.append(line.split("\t", 1)[1])
    for relation in relations:
        roles: dict[str, list[Span]] = {"Cue": [], "Content": [], "Source": []}
        for argument in relation.split():
            role, tag = argument.split(":", 1)
            role = role.rstrip("0123456789")
            if role in roles:
                roles[role] += spans.get(tag, [])
        if roles["Cue"] and roles["Content"]:
            yield GoldAttribution(cue=roles["Cue"], content=roles["Content"], source=roles["Source"])
