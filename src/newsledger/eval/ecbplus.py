"""Reading ECB+ (Cybulska and Vossen 2014): tokenized XML documents with event mentions.

Each topic N holds two sub-topics about two different events of the same
kind: the ``N_*ecb.xml`` documents and the ``N_*ecbplus.xml`` ones. The
conventional split puts topics 1-35 in dev (train + dev) and 36-45 in test.

A document's text is rebuilt from its tokens, one sentence per line, with
the usual detokenization (no space before closing punctuation and clitics,
none after opening brackets); every token keeps its character offsets so
that gold mentions become character spans of that text. The ``ecbplus``
files carry the address they were found at as sentence 0: it becomes the
document's ``url``, not text.

Event mentions are the markables whose tag starts with ``ACTION_`` or
``NEG_ACTION_`` and that anchor tokens (tag descriptors anchor none). Their
gold cluster is the ``note`` (instance id) of the ``CROSS_DOC_COREF``
relation that has them as a source; failing that, the ``INTRA_DOC_COREF``
chain of their document; failing that, they are singletons. Only mentions
in the sentences listed in ``ECBplus_coreference_sentences.csv`` are kept,
as the corpus release advises, because mentions elsewhere were annotated
unevenly.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import BenchmarkError

SPLIT_TOPICS = {"dev": range(1, 36), "test": range(36, 46), "all": range(1, 46)}
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
SELECTED_SENTENCES = "ECBplus_coreference_sentences.csv"
_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = {
    ",", ".", "!", "?", ":", ";", "%", ")", "]", "}", "”", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "'",
}
_NO_SPACE_AFTER = {"(", "[", "{", "“", "$", "#"}
_QUOTES = {"``": "“", "''": "”"}


@dataclass(slots=True)
class EventMention:
    id: str  # "<document>:<m_id>"
    document: str
    tag: str
    sentence: int
    token_ids: list[int]
    start: int  # character offsets in the document's text
    end: int
    text: str
    cluster: str  # gold cluster label


@dataclass(slots=True)
class EcbDocument:
    name: str  # "36_1ecb"
    topic: int
    subtopic: str  # "36ecb" or "36ecbplus": one seminal event
    text: str
    title: str
    url: str | None
    sentences: list[tuple[int, int, int]]  # (sentence number, start, end) in text
    mentions: list[EventMention] = field(default_factory=list)


def corpus_folder(folder: str | Path) -> Path:
    """The folder holding the topic folders: ``ECB+`` under the benchmark root, or the one given."""
    folder = Path(folder)
    return folder / "ECB+" if (folder / "ECB+").is_dir() else folder


def is_ecbplus(folder: str | Path) -> bool:
    root = corpus_folder(folder)
    return root.is_dir() and any(_NAME.match(p.name) for p in root.glob("*/*.xml"))


def load_split(folder: str | Path, split: str, limit: int | None = None) -> list[EcbDocument]:
    """The documents of the split's topics, in topic and file order."""
    if split not in SPLIT_TOPICS:
        raise ValueError(f"ECB+ has no split {split!r}; it has {', '.join(SPLIT_TOPICS)}")
    root = corpus_folder(folder)
    if not is_ecbplus(root):
        raise BenchmarkError(str(folder), "no ECB+ documents (N/N_Mecb.xml) found")
    selected = read_selected_sentences(root.parent / SELECTED_SENTENCES)
    topics = set(SPLIT_TOPICS[split])
    paths = sorted(
        (p for p in root.glob("*/*.xml") if (m := _NAME.match(p.name)) and int(m.group(1)) in topics),
        key=lambda p: _sort_key(p.name),
    )
    documents = [read_document(p, selected) for p in paths[:limit]]
    return documents


def _sort_key(name: str) -> tuple[int, str, int]:
    topic, number, kind = _NAME.match(name).groups()
    return int(topic), kind, int(number)


def read_selected_sentences(path: Path) -> dict[str, set[int]] | None:
    """``{"36_1ecb": {0, 3}}`` from the release's sentence list; None when it is missing."""
    if not path.is_file():
        return None
    selected: dict[str, set[int]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return selected


def detokenize(sentences: list[list[tuple[int, str]]]) -> tuple[str, dict[int, tuple[int, int]], list[tuple[int, int]]]:
    """Text of tokenized sentences, one a line: (text, {token id: (start, end)}, sentence spans)."""
    parts: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    spans: list[tuple[int, int]] = []
    length = 0
    for n, sentence in enumerate(sentences):
        if n:
            parts.append("\n")
            length += 1
        sentence_start = length
        previous = None
        for token_id, raw in sentence:
            word = _QUOTES.get(raw, raw)
            if previous is not None and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
                parts.append(" ")
                length += 1
            offsets[token_id] = (length, length + len(word))
            parts.append(word)
            length += len(word)
            previous = word
        spans.append((sentence_start, length))
    return "".join(parts), offsets, spans


def read_document(path: Path, selected: dict[str, set[int]] | None = None) -> EcbDocument:
    """One ECB+ XML file; ``selected`` (from ``read_selected_sentences``) filters its mentions."""
    match = _NAME.match(path.name)
    if not match:
        raise BenchmarkError(str(path), "not an ECB+ document name (N_Mecb.xml or N_Mecbplus.xml)")
    topic, _, kind = match.groups()
    name = path.name.removesuffix(".xml")
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as exc:
        raise BenchmarkError(str(path), f"unreadable XML ({exc})") from exc

    by_sentence: dict[int, list[tuple[int, str]]] = {}
    token_sentence: dict[int, int] = {}
    for token in root.iter("token"):
        token_id, sentence = int(token.get("t_id")), int(token.get("sentence"))
        by_sentence.setdefault(sentence, []).append((token_id, token.text or ""))
        token_sentence[token_id] = sentence
    numbers = sorted(by_sentence)
    url = None
    if kind == "ecbplus" and numbers and numbers[0] == 0 and _looks_like_url(by_sentence[0]):
        url = "".join(word for _, word in by_sentence[0])
        numbers = numbers[1:]
    text, offsets, spans = detokenize([by_sentence[n] for n in numbers])
    sentences = [(n, start, end) for n, (start, end) in zip(numbers, spans)]
    title = text[spans[0][0]:spans[0][1]] if spans else ""

    clusters = _gold_clusters(root, name)
    keep = selected.get(name, set()) if selected is not None else None
    mentions: list[EventMention] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        tag = markable.tag
        if not isinstance(tag, str) or not tag.startswith(EVENT_TAGS):
            continue
        token_ids = sorted(int(a.get("t_id")) for a in markable.iter("token_anchor") if int(a.get("t_id")) in offsets)
        if not token_ids:
            continue
        sentence = token_sentence[token_ids[0]]
        if keep is not None and sentence not in keep:
            continue
        m_id = markable.get("m_id")
        start, end = offsets[token_ids[0]][0], offsets[token_ids[-1]][1]
        mentions.append(EventMention(
            id=f"{name}:{m_id}", document=name, tag=tag, sentence=sentence, token_ids=token_ids,
            start=start, end=end, text=" ".join(text[slice(*offsets[t])] for t in token_ids),
            cluster=clusters.get(m_id, f"singleton:{name}:{m_id}"),
        ))
    return EcbDocument(name, int(topic), f"{topic}{kind}", text, title, url, sentences, mentions)


def _looks_like_url(sentence: list[tuple[int, str]]) -> bool:
    return "".join(word for _, word in sentence[:3]).lower().startswith(("http", "www"))


def _gold_clusters(root, document: str) -> dict[str, str]:
    """``{m_id: cluster}``: cross-document instance ids first, then in-document chains."""
    found: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return found
    for relation in relations.iter("INTRA_DOC_COREF"):
        for source in relation.iter("source"):
            found.setdefault(source.get("m_id"), f"intra:{document}:{relation.get('r_id')}")
    for relation in relations.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            found[source.get("m_id")] = f"cross:{relation.get('note')}"
    return found
