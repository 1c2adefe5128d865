"""Story affinities kept up to date equal the sums over every pair of articles, however the
articles and merges arrive."""

import itertools
import random

import pytest

from newsledger.link.story_merges import StoryAffinity


def _similarity(a: str, b: str) -> float:
    """A fixed symmetric similarity, zero for about half of the pairs (pairs sharing no feature)."""
    key = tuple(sorted((a, b)))
    rnd = random.Random(hash(key) & 0xFFFF_FFFF)
    return rnd.choice([0.0, rnd.random()])


def _pairs_of(article: str, everyone: list[str]) -> list[tuple[str, float]]:
    return [(other, _similarity(article, other)) for other in everyone if other != article and _similarity(article, other)]


@pytest.mark.parametrize("seed", range(25))
def test_sums_equal_brute_force_over_placements_seeds_and_merges(seed):
    rnd = random.Random(seed)
    stored = [f"s{n}" for n in range(rnd.randint(0, 15))]
    new = [f"n{n}" for n in range(rnd.randint(1, 25))]
    everyone = stored + new
    story = {a: f"T{rnd.randint(0, 4)}" for a in stored}
    merged: dict[str, str] = {}

    def story_of(article):
        current = story.get(article)
        while current in merged:
            current = merged[current]
        return current

    affinity = StoryAffinity()
    is_stored = set(stored).__contains__
    for article in new:
        story[article] = rnd.choice([f"T{rnd.randint(0, 4)}", f"N{article}"])
        affinity.place(article, _pairs_of(article, everyone), story_of, is_stored)
        for _ in range(rnd.randint(0, 2)):  # seed one or several stories the step touched, in one call
            placed_now = [a for a in everyone if story_of(a)]
            touched = {story_of(rnd.choice(placed_now)) for _ in range(rnd.randint(1, 3))}
            members = affinity.unseeded(a for a in everyone if story_of(a) in touched)
            affinity.seed(members, [(m, o, s) for m in members for o, s in _pairs_of(m, everyone)], story_of, is_stored)
        if rnd.random() < 0.3:  # merge two live stories
            live = sorted({story_of(a) for a in everyone if story_of(a)})
            if len(live) >= 2:
                survivor, absorbed = sorted(rnd.sample(live, 2))
                affinity.merge(survivor, absorbed)
                merged[absorbed] = survivor
    # Seed every stored story, as touching them all would, then compare with the full sums.
    for current in sorted({story_of(a) for a in stored}):
        members = affinity.unseeded(a for a in everyone if story_of(a) == current)
        affinity.seed(members, [(m, o, s) for m in members for o, s in _pairs_of(m, everyone)], story_of, is_stored)
    placed = [a for a in everyone if story_of(a)]
    for one, other in itertools.combinations(sorted({story_of(a) for a in placed}), 2):
        expected = sum(_similarity(a, b) for a in placed for b in placed if story_of(a) == one and story_of(b) == other)
        assert affinity.sum(one, other) == pytest.approx(expected)
        assert affinity.sum(other, one) == pytest.approx(expected)


def test_best_merge_takes_the_highest_mean_at_or_above_the_floor():
    affinity = StoryAffinity()
    story = {"a": "A", "b": "B", "c": "C", "d": "C"}
    placed_pairs = {"b": [("a", 0.9)], "c": [("a", 0.5)], "d": [("a", 0.7), ("b", 0.1)]}
    for article in ["a", "b", "c", "d"]:
        affinity.place(article, placed_pairs.get(article, []), story.get, lambda _: False)
    size = {"A": 1, "B": 1, "C": 2}.__getitem__
    assert affinity.best_merge(["C"], size, 0.5) == ("A", "C")  # (0.5 + 0.7) / 2 = 0.6; C~B is 0.05
    assert affinity.best_merge(["A", "C"], size, 0.5) == ("A", "B")  # 0.9 beats 0.6
    assert affinity.best_merge(["C"], size, 0.61) is None
    affinity.merge("A", "B")
    assert affinity.sum("A", "C") == pytest.approx(0.5 + 0.7 + 0.1)
    assert affinity.sum("B", "C") == 0.0


# -- wired into story linking --------------------------------------------------------------

def _article_row(store, article, seq, entities):
    import json

    store.insert("articles", [{"id": article, "seq": seq, "source": article, "published_source": "none",
                               "text": "text", "words": 1, "extractors": "test", "terms": json.dumps([])}])
    store.insert("mentions", [{"article": article, "start": 0, "end": 1, "text": e, "type": "GPE", "entity": e}
                              for e in entities])


def test_an_update_scores_only_the_new_articles_and_the_stories_they_touch(monkeypatch):
    from newsledger.link import stories as story_linking
    from newsledger.options import Options
    from newsledger.store.database import LedgerStore

    with LedgerStore() as store:
        for n in range(12):  # twelve unrelated stories of two articles each
            names = [f"place{n}-{k}" for k in range(6)]
            _article_row(store, f"s{n}a", 2 * n, names)
            _article_row(store, f"s{n}b", 2 * n + 1, names)
        story_linking.link_stories(store, [f"s{n}{x}" for n in range(12) for x in "ab"], Options())
        assert store.scalar("SELECT count(*) FROM stories") == 12
        scored: list[list[str]] = []
        real = story_linking.score_pairs
        monkeypatch.setattr(story_linking, "score_pairs",
                            lambda store, ids, options: scored.append(sorted(ids)) or real(store, ids, options))
        _article_row(store, "new", 100, [f"place3-{k}" for k in range(6)])
        story_linking.link_stories(store, ["new"], Options())
        assert store.scalar("SELECT story FROM articles WHERE id = 'new'") == store.scalar(
            "SELECT story FROM articles WHERE id = 's3a'")
        # the new article, then the stored members of the one story it joined: not the other 22 articles
        assert scored == [["new"], ["s3a", "s3b"]]
