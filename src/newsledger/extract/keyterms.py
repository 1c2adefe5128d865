"""Key terms of an article: its most frequent content lemmas.

They describe what an article is about beyond its names, for story linking.
Reporting verbs are left out: "said" ties every article to every other.
"""

from __future__ import annotations

from collections import Counter

from . import ArticleContext, Stage

VERSION = "keyterms.v1"
MAX_TERMS = 25
_CONTENT = {"NOUN", "VERB", "PROPN", "ADJ"}
_REPORTING = {
    "say", "tell", "add", "explain", "report", "state", "announce", "claim", "note", "according",
    "cite", "write", "ask", "call", "make", "take", "have", "be", "do", "get", "give", "go", "come",
}


def extract_terms(ctx: ArticleContext) -> None:
    counts: Counter[str] = Counter()
    words = 0
    for token in ctx.doc:
        if token.is_alpha:
            words += 1
        if token.pos_ not in _CONTENT or token.is_stop or not token.is_alpha or len(token) < 3:
            continue
        lemma = token.lemma_.casefold()
        if lemma not in _REPORTING:
            counts[lemma] += 1
    ctx.words = words
    ctx.terms = [term for term, _ in counts.most_common(MAX_TERMS)]


STAGE = Stage(VERSION, extract_terms, requires=("doc",), assigns=("terms", "words"))
