"""Named mentions of one article, grouped into one local entity per actor.

Within an article, "Kanaani" is "Nasser Kanaani", "MKO" is the
"Mujahedin-e-Khalq Organization" it was defined as, and "Ashraf 3" is
"Ashraf-3". Cross-article merging happens later, in ``link.entities``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..entity_types import NAME_TYPES
from ..records import LocalEntity, Mention
from . import ArticleContext, Stage

VERSION = "entities.v1"

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")
_SEPARATORS = re.compile(r"[\s\-‐‑–—'’.]+")
# Types whose mentions are actors or places worth resolving.
_TYPES = NAME_TYPES - {"LAW", "WORK_OF_ART", "PRODUCT"}


def name_key(text: str) -> str:
    """A comparison key: case, diacritics, hyphens, apostrophes, "the" ignored."""
    text = _LEADING.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def extract_mentions(ctx: ArticleContext) -> None:
    doc, article_id = ctx.doc, ctx.article.id
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        start, end = _trim(ent.text)
        text = ent.text[start:end]
        if not text or not any(c.isalpha() for c in text):
            continue
        mentions.append(Mention(article_id, ent.start_char + start, ent.start_char + end, text, ent.label_))
    ctx.mentions = mentions
    ctx.local_entities = cluster_mentions(article_id, mentions, _acronym_long_forms(ctx))


def _trim(text: str) -> tuple[int, int]:
    """Offsets of ``text`` without a leading article or a trailing possessive."""
    start = 0
    lead = _LEADING.match(text)
    if lead:
        start = lead.end()
    end = len(text)
    poss = re.search(r"[’']s$", text) or re.search(r"[’']$", text)
    if poss and poss.start() > start:
        end = poss.start()
    return start, end


def _acronym_long_forms(ctx: ArticleContext) -> dict[str, str]:
    spans = ctx.doc.user_data.get("acronyms", {})
    return {acronym: ctx.doc.text[s:e] for acronym, (s, e) in spans.items()}


def cluster_mentions(article_id: str, mentions: list[Mention], acronyms: dict[str, str] | None = None) -> list[LocalEntity]:
    """Group mentions by key, acronym definition and surname; set ``cluster``."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    keys = [name_key(m.text) for m in mentions]
    for key in keys:
        find(key)
    for acronym, long_form in (acronyms or {}).items():
        union(name_key(acronym), name_key(long_form))

    # A one-word name that ends (or starts) exactly one multi-word person name
    # is that person: "Kanaani" -> "Nasser Kanaani", "Rama" -> "Edi Rama".
    people = {k for k, m in zip(keys, mentions) if m.type == "PERSON" and " " in k}
    for key in set(keys):
        if " " in key:
            continue
        owners = {p for p in people if p.split()[-1] == key or p.split()[0] == key}
        if len(owners) == 1:
            union(key, owners.pop())

    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(find(key), []).append(i)

    entities = []
    for n, indexes in enumerate(sorted(groups.values(), key=lambda ix: mentions[ix[0]].start)):
        members = [mentions[i] for i in indexes]
        entity_id = f"{article_id}:c{n}"
        for m in members:
            m.cluster = entity_id
        entities.append(_local_entity(entity_id, article_id, members, acronyms or {}))
    return entities


def _local_entity(entity_id: str, article_id: str, members: list[Mention], acronyms: dict[str, str]) -> LocalEntity:
    aliases = list(dict.fromkeys(m.text for m in members))
    # The most complete name wins ("Nasser Kanaani" over "Kanaani"), then
    # the first written ("Ashraf-3" over a later "Ashraf 3").
    long_forms = [a for a in aliases if a not in acronyms and len(name_key(a).split()) > 1]
    candidates = long_forms or aliases
    name = max(candidates, key=lambda a: (len(name_key(a).split()), -candidates.index(a)))
    # The longest mention is the most reliable about the type ("Edi Rama" is
    # a PERSON even where the model tagged the bare "Rama" as ORG).
    longest = [m.type for m in members if m.text == name]
    entity_type = longest[0] if longest else Counter(m.type for m in members).most_common(1)[0][0]
    for m in members:
        m.type = entity_type
    return LocalEntity(entity_id, article_id, name, entity_type, aliases)


STAGE = Stage(VERSION, extract_mentions, requires=("doc",), assigns=("mentions", "local_entities"))
