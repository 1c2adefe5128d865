"""Near-duplicates found in the ledger by SQL band joins are those of the in-memory LSH index."""

import random

import pytest

from newsledger.link import duplicates
from newsledger.store.database import LedgerStore


def _near_copies(seed: int, count: int) -> list[str]:
    """Texts drawn from four bases, each with a random number of words replaced: distances around the threshold."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(400)]
    bases = [[rng.choice(vocabulary) for _ in range(150)] for _ in range(4)]
    texts = []
    for n in range(count):
        words = list(bases[n % 4])
        for _ in range(rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40])):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    return texts


def _store_articles(store: LedgerStore, signed: list[tuple[str, bytes | None]], linked: int) -> None:
    store.insert("articles", [
        {"id": article_id, "seq": seq, "source": f"{article_id}.txt", "published_source": "none", "text": "-",
         "words": 1, "minhash": minhash, "extractors": "{}", "story": "st" if seq < linked else None}
        for seq, (article_id, minhash) in enumerate(signed)
    ])


@pytest.mark.parametrize("seed", [7, 8, 9])
@pytest.mark.parametrize("linked", [0, 20, 45])
def test_ledger_search_equals_the_in_memory_index(seed, linked):
    texts = _near_copies(seed, 60)
    signed = [(f"a{n:02d}", duplicates.to_bytes(duplicates.signature(t))) for n, t in enumerate(texts)]
    expected = duplicates.find_duplicates(signed[:linked], signed[linked:], 0.8)
    assert len(expected) >= 3  # the case is not vacuous
    with LedgerStore() as store:
        _store_articles(store, signed, linked)
        pending = [article_id for article_id, _ in signed[linked:]]
        assert duplicates.find_duplicates_in_ledger(store, pending, 0.8) == expected


def test_only_pending_articles_are_marked_and_unsigned_ones_are_skipped():
    text = " ".join(f"w{n}" for n in range(100))
    copy = duplicates.to_bytes(duplicates.signature(text))
    with LedgerStore() as store:
        # a0, a1 linked (a1 copies a0, already known); a2 pending copy; a3 pending without signature
        _store_articles(store, [("a0", copy), ("a1", copy), ("a2", copy), ("a3", None)], linked=2)
        assert duplicates.find_duplicates_in_ledger(store, ["a2", "a3"], 0.8) == {"a2": "a0"}
        # an unlinked article that is not pending is neither searched nor a candidate
        assert duplicates.find_duplicates_in_ledger(store, ["a3"], 0.8) == {}
