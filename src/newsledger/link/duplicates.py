"""Near-duplicates (wire copies republished with small edits) by MinHash LSH.

A near-duplicate is marked ``duplicate_of`` its earliest stored copy, so that
it never counts as independent confirmation of a claim.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
# Stored signatures must be read back with the scheme that made them.
SCHEME = "affine32"
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


def find_duplicates(
    existing: list[tuple[str, bytes]],
    new: list[tuple[str, bytes]],
    threshold: float,
) -> dict[str, str]:
    """``{new id: id of the earliest similar article}``; both lists in ingestion order.

    LSH proposes candidates in sub-quadratic time; the estimated Jaccard then
    confirms them against the threshold.
    """
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
