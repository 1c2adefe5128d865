"""Which stories to merge: average link over the articles of two stories, kept up to date.

Two stories merge when the mean similarity of their articles' pairs (the
sum over every pair, one article in each, divided by the product of their
sizes) reaches a threshold. Rescoring every member of every touched story
after each chunk of new articles costs in proportion to the stories, not
to the articles added, so ``StoryAffinity`` keeps, for the length of one
link step, the sum of pair similarities between each two stories:

* a new article's pairs are added when it is placed, with the stored
  articles and with the new ones placed before it;
* a stored story is *seeded* the first time the step touches it: its
  members' pairs with stored articles not yet seeded are added once, so
  that each pair of articles is counted exactly once whichever side is
  seen first;
* merging two stories adds their sums.

A pair keeps the similarity it had when it was counted (the idf weights
of the chunk that counted it), where rescoring would use the latest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable


class StoryAffinity:
    """Sums of pair similarities between stories while one link step runs."""

    def __init__(self) -> None:
        self._sums: dict[str, dict[str, float]] = defaultdict(dict)
        self.placed: set[str] = set()  # new articles placed during this step
        self.seeded: set[str] = set()  # stored articles whose pairs with stored articles are counted

    def place(self, article: str, pairs: Iterable[tuple[str, float]], story_of: Callable[[str], str | None],
              is_stored: Callable[[str], bool]) -> None:
        """Count a new article's pairs ``(other, similarity)`` with the stored and already placed articles,
        once the article has its story."""
        mine = story_of(article)
        for other, similarity in pairs:
            if other in self.placed or is_stored(other):
                self._add(mine, story_of(other), similarity)
        self.placed.add(article)

    def unseeded(self, members: Iterable[str]) -> list[str]:
        """The stored articles among ``members`` whose pairs are not counted yet."""
        return [a for a in members if a not in self.placed and a not in self.seeded]

    def seed(self, members: list[str], pairs: Iterable[tuple[str, str, float]],
             story_of: Callable[[str], str | None], is_stored: Callable[[str], bool]) -> None:
        """Count the pairs ``(member, other, similarity)`` of stored ``members`` (``unseeded``'s answer)
        with the stored articles not seeded before them. ``pairs`` holds both directions of a pair of
        two members; it is counted once."""
        newly = set(members)
        for member, other, similarity in pairs:
            if other in newly:
                if member < other:
                    self._add(story_of(member), story_of(other), similarity)
            elif other not in self.seeded and other not in self.placed and is_stored(other):
                self._add(story_of(member), story_of(other), similarity)
        self.seeded |= newly

    def _add(self, story: str | None, other: str | None, similarity: float) -> None:
        if story is None or other is None or story == other:
            return
        self._sums[story][other] = self._sums[story].get(other, 0.0) + similarity
        self._sums[other][story] = self._sums[other].get(story, 0.0) + similarity

    def neighbours(self, story: str) -> list[str]:
        """The stories with at least one pair of articles shared with ``story``."""
        return list(self._sums.get(story, {}))

    def sum(self, story: str, other: str) -> float:
        return self._sums.get(story, {}).get(other, 0.0)

    def best_merge(self, touched: Iterable[str], size: Callable[[str], int], floor: float) -> tuple[str, str] | None:
        """The two stories (one touched) with the highest mean pair similarity at or above ``floor``;
        among equal means the pair of smallest ids."""
        best: tuple[float, str, str] | None = None
        for story in sorted(set(touched)):
            for other, total in self._sums.get(story, {}).items():
                mean = total / (size(story) * size(other))
                if mean < floor:
                    continue
                first, second = sorted((story, other))
                if best is None or (-mean, first, second) < (-best[0], best[1], best[2]):
                    best = (mean, first, second)
        return None if best is None else (best[1], best[2])

    def merge(self, survivor: str, absorbed: str) -> None:
        """``absorbed``'s sums become ``survivor``'s."""
        for other, total in self._sums.pop(absorbed, {}).items():
            neighbour = self._sums[other]
            neighbour.pop(absorbed, None)
            if other == survivor:
                continue
            neighbour[survivor] = neighbour.get(survivor, 0.0) + total
            self._sums[survivor][other] = self._sums[survivor].get(other, 0.0) + total
