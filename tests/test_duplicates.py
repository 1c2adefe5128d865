"""Near-duplicates: what is signed (an article's own text), what matches (edited wire copies, not shared
page furniture), and the ledger's SQL band joins giving the in-memory LSH index's answer."""

import random

import pytest

from newsledger.ingest import article_from_text
from newsledger.link import duplicates
from newsledger.store.database import LedgerStore

# bench/duplicates.py's choice for 3-word shingles of the own text (edited copies found 0.96 on gva-longtail dev)
THRESHOLD = 0.6

WIRE = """SPRINGFIELD, Ill. (AP) — A 24-year-old man was killed and two teenagers were wounded in a shooting outside \
a convenience store on the city's east side late Saturday, police said.

Officers were called to the store on Clear Lake Avenue shortly after 11 p.m. and found three people with gunshot \
wounds in the parking lot, Deputy Chief Ken Scarlette told reporters on Sunday.

The man was pronounced dead at the scene. The teenagers, a 16-year-old boy and a 17-year-old girl, were taken to \
Memorial Medical Center, where they were listed in stable condition.

Witnesses told investigators that a dark sedan pulled into the lot and at least one person inside opened fire \
before the car sped away west on Clear Lake Avenue.

No arrests had been made by Sunday afternoon. Police asked anyone with information to call Crime Stoppers, and \
said they did not believe the shooting was random."""

# Lines the reader marks as page furniture (subscribe, javascript, share, copyright, comments).
FURNITURE = """Sign up for our newsletter and have the top headlines from your community delivered right to your inbox.

Please enable Javascript to watch this video

Share this: Facebook Twitter Email

Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, \
rewritten or redistributed.

Oops, you haven't selected any newsletters. Please check the box next to one or more of our email newsletters \
and submit again.

Comments"""

SWAPS = [("late Saturday", "Saturday night"), ("told reporters", "said"), ("sped away", "drove off")]
DROP = [("The man was pronounced dead at the scene. ", "")]


def _edited(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _signed(text: str) -> bytes | None:
    return duplicates.stored_signature(article_from_text(text))


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


@pytest.mark.parametrize("copy", [
    _edited(WIRE, SWAPS),
    _edited(WIRE, DROP),
    _edited(WIRE, SWAPS + DROP),
    _edited(WIRE, [("No arrests", "The victims were not named. No arrests")]),  # a sentence added
    _edited(WIRE, [("24-year-old", "25-year-old"), ("16-year-old", "15-year-old"), ("Ken ", "Kenneth ")]),
    FURNITURE + "\n\n" + _edited(WIRE, SWAPS + DROP) + "\n\n" + FURNITURE,  # another site's furniture around it
], ids=["words swapped", "sentence dropped", "swapped and dropped", "sentence added", "figures and names", "framed"])
def test_an_edited_wire_copy_is_a_duplicate_of_the_original(copy):
    signed = [("original", _signed(WIRE)), ("copy", _signed(copy))]
    assert duplicates.find_duplicates([], signed, THRESHOLD) == {"copy": "original"}


OWN_LINES = [
    "Police said a man was shot on Main Street on Friday night and taken to a hospital.",
    "The city council approved next year's budget on Tuesday after a long debate.",
]


@pytest.mark.parametrize("pages", [
    # nearly only furniture, a headline of their own each: too little to sign (raw texts: Jaccard 0.8+)
    ["Man shot on Main Street\n\n" + FURNITURE, "Council approves the budget\n\n" + FURNITURE],
    # the same furniture around two different stories of their own
    [FURNITURE + "\n\n" + WIRE, FURNITURE + "\n\n" + " ".join(OWN_LINES * 4)],
    # short pages, even identical ones, are never copies nor originals
    [OWN_LINES[0], OWN_LINES[0]],
    ["Please enable Javascript to watch this video", "Please enable Javascript to watch this video"],
], ids=["furniture only", "shared furniture", "short", "javascript"])
@pytest.mark.parametrize("threshold", [THRESHOLD, 0.8])
def test_pages_alike_only_in_furniture_or_too_short_are_not_duplicates(pages, threshold):
    signed = [(f"p{n}", _signed(text)) for n, text in enumerate(pages)]
    assert duplicates.find_duplicates([], signed, threshold) == {}
    with LedgerStore() as store:
        _store_articles(store, signed, linked=1)
        assert duplicates.find_duplicates_in_ledger(store, ["p1"], threshold) == {}


@pytest.mark.parametrize("text, signed", [
    (OWN_LINES[0], False),
    (FURNITURE + "\n\n" + OWN_LINES[0], False),  # furniture words do not count
    (" ".join(["word"] * (duplicates.MIN_WORDS - 1)), False),
    (" ".join(["word"] * duplicates.MIN_WORDS), True),
    (WIRE, True),
])
def test_only_pages_with_enough_words_of_their_own_are_signed(text, signed):
    assert (_signed(text) is not None) is signed


def test_the_signature_ignores_furniture():
    assert _signed(FURNITURE + "\n\n" + WIRE) == _signed(WIRE)


def test_signatures_of_another_scheme_are_skipped_never_compared():
    current = _signed(WIRE)
    untagged = current[: duplicates.NUM_PERM * duplicates.HASH_BYTES]  # as stored before the tag
    with pytest.raises(ValueError, match="sign the article again"):
        duplicates.from_bytes(untagged)
    assert duplicates.find_duplicates([("old", untagged)], [("new", current)], THRESHOLD) == {}
    with LedgerStore() as store:
        _store_articles(store, [("old", untagged), ("new", current)], linked=1)
        assert duplicates.find_duplicates_in_ledger(store, ["new"], THRESHOLD) == {}


def test_a_ledger_marks_the_copy_and_stores_no_signature_for_a_short_page(nlp):
    from newsledger import Ledger, Options

    with Ledger(options=Options(duplicate_threshold=THRESHOLD)) as ledger:
        ledger.add_texts([{"id": "original", "text": WIRE}, {"id": "short", "text": OWN_LINES[0]},
                          {"id": "copy", "text": _edited(WIRE, SWAPS + DROP)}])
        rows = {r["id"]: r for r in ledger.store.rows("SELECT id, minhash, duplicate_of FROM articles")}
    assert rows["copy"]["duplicate_of"] == "original"
    assert rows["short"]["minhash"] is None and rows["short"]["duplicate_of"] is None


def test_spark_finds_what_find_duplicates_finds_when_some_pages_are_unsigned():
    pytest.importorskip("pyspark", reason="the Spark engine is not installed")
    import pandas as pd

    from newsledger.engine import spark as engine

    signed = [("original", _signed(WIRE)), ("short", None), ("copy", _signed(_edited(WIRE, SWAPS + DROP))),
              ("short again", None)]
    session = engine.session("local[1]")
    try:
        frame = pd.DataFrame({"pos": range(len(signed)), "id": [i for i, _ in signed], "error": None,
                              "minhash": [m for _, m in signed]})
        analyzed = session.createDataFrame(frame, "pos long, id string, error binary, minhash binary")
        assert engine.near_duplicates(analyzed, THRESHOLD) == duplicates.find_duplicates([], signed, THRESHOLD) \
            == {"copy": "original"}
    finally:
        session.stop()
