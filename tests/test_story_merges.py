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
        for _ in range(rnd.randint(0, 2)):  # seed a story the step touched
            touched = story_of(rnd.choice([a for a in everyone if story_of(a)]))
            members = affinity.unseeded(a for a in everyone if story_of(a) == touched)
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
