"""Near-duplicates (wire copies republished with small edits) by MinHash LSH.

A near-duplicate is marked ``duplicate_of`` its earliest stored copy, so that
it never counts as independent confirmation of a claim.

An article is signed by the text that is its own: page furniture blanked
(``Article.parse_text``), so that two pages alike only in their sign-up,
copyright and share lines are not alike, and a page with under
``MIN_WORDS`` words of its own gets no signature: it is never a copy nor an
original. Measured in ``bench/duplicates.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..store import linking

if TYPE_CHECKING:
    from ..records import Article
    from ..store.database import LedgerStore

NUM_PERM = 64
# datasketch's permutation scheme: stored hash values must be read back with the scheme that made them.
SCHEME = "affine32"
# 3 words, not 5: a swapped word or a changed figure spoils 3 shingles instead of 5 (gva-longtail dev
# edited copies found at Jaccard 0.6: 0.93 with 5 words, 0.96 with 3; bench/duplicates.py).
SHINGLE_WORDS = 3
# Fewer words of its own (furniture blanked) and a page is furniture the reader missed or a stub, alike
# across unrelated incidents: gva-longtail dev pairs of different incidents at Jaccard 0.6, signing every
# page 23, from 20 words on 6, the same at 40 (kept for margin); pages of 40-49 words are half news briefs.
MIN_WORDS = 40
HASH_BYTES = 8  # one MinHash value as ``to_bytes`` stores it (uint64)
# The shingling a stored signature was made with, stored after its hash values. Signatures of another
# shingling (the 5-word ones of the raw text stored before, which have no tag) share no shingle with
# these and would read as unlike anything: they are skipped, never compared. Change it with the shingling.
TAG = b"nl:own3w"
SIGNATURE_BYTES = NUM_PERM * HASH_BYTES + len(TAG)
_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> MinHash:
    """The MinHash of the text's word shingles, whatever its length (``stored_signature`` decides what is signed)."""
    return _minhash(_WORD.findall(text.casefold()))


def _minhash(words: list[str]) -> MinHash:
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def stored_signature(article: Article) -> bytes | None:
    """What ``articles.minhash`` holds for the article: the signature of its own text, or None
    when it has under ``MIN_WORDS`` words of its own."""
    words = _WORD.findall(article.parse_text().casefold())
    return to_bytes(_minhash(words)) if len(words) >= MIN_WORDS else None


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes() + TAG


def is_current(data: bytes | None) -> bool:
    """A stored signature made by this shingling (not absent, nor one of an older scheme)."""
    return data is not None and len(data) == SIGNATURE_BYTES and data.endswith(TAG)


def from_bytes(data: bytes) -> MinHash:
    if not is_current(data):
        raise ValueError(f"not a signature of the {TAG.decode()} scheme ({len(data)} bytes): sign the article again")
    hashvalues = np.frombuffer(data, dtype=np.uint64, count=NUM_PERM)
    return MinHash(num_perm=NUM_PERM, hashvalues=hashvalues, scheme=SCHEME)


def find_duplicates(
    existing: list[tuple[str, bytes | None]],
    new: list[tuple[str, bytes | None]],
    threshold: float,
) -> dict[str, str]:
    """``{new id: id of the earliest similar article}``; both lists in ingestion order.

    LSH proposes candidates in sub-quadratic time; the estimated Jaccard then
    confirms them against the threshold. Articles without a current signature take no part.
    """
    existing = [(article_id, data) for article_id, data in existing if is_current(data)]
    new = [(article_id, data) for article_id, data in new if is_current(data)]
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    order: dict[str, int] = {}
    signatures: dict[str, MinHash] = {}
    for article_id, data in existing + new:
        order[article_id] = len(order)
        signatures[article_id] = from_bytes(data)
    for article_id, _ in existing:
        lsh.insert(article_id, signatures[article_id])
    found: dict[str, str] = {}
    for article_id, _ in new:
        mine = signatures[article_id]
        candidates = [
            c for c in lsh.query(mine) if c != article_id and mine.jaccard(signatures[c]) >= threshold
        ]
        if candidates:
            original = min(candidates, key=order.__getitem__)
            found[article_id] = found.get(original, original)
        lsh.insert(article_id, mine)
    return found


@lru_cache(maxsize=8)
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` hash positions of each LSH band datasketch chooses for ``threshold``."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges)


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """The share of equal MinHash values of two stored signatures."""
    equal = np.frombuffer(a, dtype=np.uint64, count=NUM_PERM) == np.frombuffer(b, dtype=np.uint64, count=NUM_PERM)
    return float(np.count_nonzero(equal)) / NUM_PERM


def earliest_originals(pairs: Iterable[tuple[int, str, int, str]]) -> dict[str, str]:
    """From confirmed (copy pos, copy id, earlier pos, earlier id) pairs: each copy's earliest
    similar article, or that article's own original (``find_duplicates``' rule)."""
    similar: dict[int, list[tuple[int, str]]] = defaultdict(list)
    ids: dict[int, str] = {}
    for x, x_id, y, y_id in pairs:
        similar[x].append((y, y_id))
        ids[x] = x_id
    found: dict[str, str] = {}
    for x in sorted(similar):
        original = min(similar[x])[1]
        found[ids[x]] = found.get(original, original)
    return found


def find_duplicates_in_ledger(store: LedgerStore, pending: list[str], threshold: float) -> dict[str, str]:
    """``find_duplicates`` for the ``pending`` articles against the linked ones, in SQL.

    The band keys are cut from the stored signatures by the query, and only
    pairs that share a band with a pending article come back to Python to be
    confirmed, so adding a few articles to a large ledger reads a few
    signatures rather than building an index of all of them. Articles without a
    signature (too little text of their own) or with one of an older scheme are left out.
    """
    hex_digits = HASH_BYTES * 2
    bands = [(band, start * hex_digits + 1, (end - start) * hex_digits)
             for band, (start, end) in enumerate(band_ranges(threshold))]
    rows = linking.band_pairs(store, pending, bands, SIGNATURE_BYTES, TAG)
    return earliest_originals(
        (r["x"], r["x_id"], r["y"], r["y_id"]) for r in rows
        if estimated_jaccard(r["x_hash"], r["y_hash"]) >= threshold
    )
