"""Where the articles of one story count the same thing differently.

Figures (extract/figures.py) are compared when they count the same thing:
the same counted noun ("member") of the same owner entity ("the MKO"), an
actor (a person, an organization, a group, a place that acts), with the
same thing done to them, or nothing said (the kidnapped and the freed of
one group are different sets). A
figure without an owner ("50 drones", "fired two shots", "issued 17
citations") is kept in the ledger but compared with nothing: two articles'
drones need not be the same drones, and on real news (gva-longtail dev) the
counts that shared only a noun and an action were nearly all of different
things (one officer's shots and another's, one week's citations and the
next's).
Claims relate as casualty figures do (``compare.discrepancies``): ``conflict``,
``update``, ``precision``. One article's different counts of one noun and
owner are not taken for a contradiction (``internal``): on real news they
counted different things (this week's citations and last week's, the 2100
and the 2200 block of one street), where a casualty toll is one number. Each
discrepancy has facet ``count`` and says in its note what was counted.
"""

from __future__ import annotations

from ..records import Discrepancy, Figure
from .discrepancies import Report, compare_claims, drop_superseded, quantity_claims

FACET = "count"
# Owners whose counts are compared: actors (entity_types.ACTOR_TYPES). A street's or a building's "numbers"
# (the 1400 block of a street, 890 Belmont Ave) are addresses, not counts (gva-longtail dev).
# Nouns that number places, not things counted: "the 2200 block of West Jackson Boulevard".
ADDRESS_NOUNS = frozenset({"block", "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane",
                           "apartment", "unit", "suite", "floor", "room", "highway", "route", "mile", "exit"})


# Verbs that say nothing of what was done to the counted ("that number includes 700,000 UK consumers").
LIGHT_VERBS = frozenset({"include", "be", "have", "number", "total", "comprise", "count", "reach", "involve"})


def comparable_key(figure: Figure) -> tuple[str, str, str, str] | None:
    """What a figure counts, for comparison; None when it cannot be told apart from other counts. What
    was done to them is part of it: the girls kidnapped, the girls freed and the girls still held are
    three sets of one group (news_cluster)."""
    if figure.owner and figure.measure.lower() not in ADDRESS_NOUNS:
        action = figure.action if figure.action not in LIGHT_VERBS else None
        return (figure.measure, "owner", figure.owner, action or "")
    return None


def describe(figures: list[Figure], owner_names: dict[str, str]) -> str:
    """ "member of Mujahedin-e Khalq Organization"."""
    first = figures[0]
    return f"{first.measure} of {owner_names.get(first.owner) or first.owner_text}"


def figure_discrepancies(story: str, figures: list[Figure], published: dict[str, str | None],
                         duplicate_of: dict[str, str | None], speakers: dict[str, str | None],
                         owner_names: dict[str, str]) -> list[Discrepancy]:
    groups: dict[tuple[str, str, str, str], list[Figure]] = {}
    for figure in figures:
        key = comparable_key(figure)
        if key is not None:
            groups.setdefault(key, []).append(figure)
    found: list[Discrepancy] = []
    for key in sorted(groups):
        members = groups[key]
        reports = [Report(f.article, f.start, f.source, f.quantity) for f in members]
        claims = drop_superseded(quantity_claims(reports, published, duplicate_of, speakers))
        for discrepancy in compare_claims(story, None, FACET, claims):
            if discrepancy.kind == "internal":
                continue  # see the module's docstring: one article's counts of one noun are different things
            discrepancy.note = describe(members, owner_names)
            found.append(discrepancy)
    return found
