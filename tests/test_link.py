"""Cross-article linking on a store built by hand (no model needed)."""

import json

import pytest

from newsledger.link import duplicates
from newsledger.link.entities import link_entities
from newsledger.store.database import LedgerStore

WIRE = (
    "Albanian police raided a camp of the MKO on Tuesday, and at least one person was killed and dozens injured "
    "during clashes at the camp, known as Ashraf-3, northwest of the capital Tirana, officials said on Wednesday."
)


def _sig(text):
    return duplicates.to_bytes(duplicates.signature(text))


def test_a_lightly_edited_copy_is_a_duplicate_of_the_first():
    existing = [("a", _sig(WIRE))]
    new = [("b", _sig(WIRE.replace("officials said", "officials told reporters"))), ("c", _sig("An earthquake struck Turkey."))]
    assert duplicates.find_duplicates(existing, new, threshold=0.6) == {"b": "a"}


def test_signatures_survive_storage():
    minhash = duplicates.signature(WIRE)
    assert duplicates.from_bytes(duplicates.to_bytes(minhash)).jaccard(minhash) == 1.0


@pytest.fixture
def store():
    with LedgerStore() as s:
        yield s


def _local(store, article, n, name, etype, aliases):
    store.insert("local_entities", [{"id": f"{article}:c{n}", "article": article, "name": name, "type": etype, "aliases": json.dumps(aliases)}])
    store.insert("mentions", [{"article": article, "start": 0, "end": len(name), "text": name, "type": etype, "cluster": f"{article}:c{n}"}])


def test_entities_merge_across_articles_by_alias_and_surname(store):
    _local(store, "a", 0, "Mujahedin-e-Khalq Organization", "ORG", ["Mujahedin-e-Khalq Organization", "MKO"])
    _local(store, "a", 1, "Edi Rama", "PERSON", ["Edi Rama", "Rama"])
    _local(store, "b", 0, "Mujahedin-e Khalq Organization", "ORG", ["Mujahedin-e Khalq Organization", "MKO"])
    _local(store, "b", 1, "Rama", "PERSON", ["Rama"])
    _local(store, "b", 2, "Albania", "GPE", ["Albania"])
    created = link_entities(store, ["a", "b"])
    assert created == 3
    by_local = dict(store.con.execute("SELECT id, entity FROM local_entities").fetchall())
    assert by_local["a:c0"] == by_local["b:c0"]
    assert by_local["a:c1"] == by_local["b:c1"]
    (aliases,) = store.con.execute("SELECT aliases FROM entities WHERE id = ?", [by_local["a:c0"]]).fetchall()[0]
    assert set(json.loads(aliases)) == {"Mujahedin-e-Khalq Organization", "Mujahedin-e Khalq Organization", "MKO"}
    assert store.scalar("SELECT count(*) FROM mentions WHERE entity IS NULL") == 0


def test_entity_linking_is_incremental(store):
    _local(store, "a", 0, "Nasser Kanaani", "PERSON", ["Nasser Kanaani", "Kanaani"])
    link_entities(store, ["a"])
    _local(store, "b", 0, "Kanaani", "PERSON", ["Kanaani"])
    assert link_entities(store, ["b"]) == 0
    assert store.scalar("SELECT count(DISTINCT entity) FROM local_entities") == 1


def test_a_person_and_a_place_with_one_name_stay_apart(store):
    _local(store, "a", 0, "Jordan", "PERSON", ["Jordan"])
    _local(store, "b", 0, "Jordan", "GPE", ["Jordan"])
    link_entities(store, ["a", "b"])
    assert store.scalar("SELECT count(DISTINCT entity) FROM local_entities") == 2


# -- stories (link/stories.py) -------------------------------------------------

from newsledger.link.stories import link_stories, story_explanation  # noqa: E402
from newsledger.options import Options  # noqa: E402

QUAKE_TERMS = ["earthquake", "magnitude", "collapse", "rescue"]


def _article_row(store, article, seq, terms, entities, published=None):
    store.insert("articles", [{
        "id": article, "seq": seq, "source": article, "published": published,
        "published_source": "metadata" if published else "none", "text": "text", "words": 1,
        "extractors": "test", "terms": json.dumps(terms), "title": None,
    }])
    store.insert("mentions", [{"article": article, "start": 0, "end": 1, "text": e, "type": "GPE", "entity": e}
                              for e in entities])


def _story_of(store, article):
    return store.scalar("SELECT story FROM articles WHERE id = ?", [article])


def _sumatra(n):
    return [f"sumatra-{k}" for k in range(n)] + [f"padang-term-{k}" for k in range(n)]


def test_a_later_article_joins_its_story_and_another_quake_stays_apart(store):
    # Articles of about 45 features, as real ones have (names, key terms, days, headline words).
    options = Options()
    _article_row(store, "a", 1, QUAKE_TERMS + _sumatra(20)[20:], _sumatra(20)[:20], "2009-09-30")
    link_stories(store, ["a"], options)
    _article_row(store, "b", 2, QUAKE_TERMS + _sumatra(20)[20:], _sumatra(20)[:18] + ["jakarta"], "2009-10-01")
    changed = link_stories(store, ["b"], options)
    assert _story_of(store, "b") == _story_of(store, "a") == "st_a" and changed == {"st_a"}
    # The same kind of event (the four quake terms) with other names and places: another story.
    _article_row(store, "c", 3, QUAKE_TERMS + [f"sichuan-term-{k}" for k in range(20)],
                 [f"sichuan-{k}" for k in range(20)], "2009-10-02")
    link_stories(store, ["c"], options)
    assert _story_of(store, "c") == "st_c"
    why = story_explanation(store, "b")
    assert why["matched"] == "a" and why["score"] >= options.story_threshold and "e:sumatra-0" in why["shared"]


def test_articles_further_apart_than_the_window_never_share_a_story(store):
    _article_row(store, "a", 1, QUAKE_TERMS, _sumatra(6), "2009-09-30")
    _article_row(store, "b", 2, QUAKE_TERMS, _sumatra(6), "2010-03-01")
    link_stories(store, ["a", "b"], Options(story_window_days=45))
    assert _story_of(store, "a") != _story_of(store, "b")


def _main_event(store, article, etype, day):
    store.insert("events", [{"id": f"{article}:e0", "article": article, "type": etype, "trigger": "shot", "agents": "[]",
                             "patients": "[]", "date": day, "source": "narrator", "start": 0, "end": 1,
                             "extractor": "test"}])
    store.con.execute("UPDATE articles SET main_event = ? WHERE id = ?", [f"{article}:e0", article])


@pytest.mark.parametrize(
    "first, second, together",
    [
        (("ASSAULT", "2016-05-01"), ("ASSAULT", "2016-05-20"), False),  # two shootings weeks apart
        (("ASSAULT", "2016-05-01"), ("ASSAULT", "2016-05-03"), True),  # one, reported over days
        (("ASSAULT", "2016-05-01"), ("ASSAULT", None), True),  # a report without the day
        (("AGREE", "2016-05-01"), ("AGREE", "2016-05-20"), True),  # a developing story, not an incident
    ],
)
def test_violent_incidents_on_days_far_apart_never_share_a_story(store, first, second, together):
    _article_row(store, "a", 1, QUAKE_TERMS, _sumatra(6), "2016-05-02")
    _article_row(store, "b", 2, QUAKE_TERMS, _sumatra(6), "2016-05-21")
    _main_event(store, "a", *first)
    _main_event(store, "b", *second)
    link_stories(store, ["a", "b"], Options())
    assert (_story_of(store, "a") == _story_of(store, "b")) is together


def test_an_article_that_ties_two_stories_merges_them(store):
    left, right = [f"left-{k}" for k in range(6)], [f"right-{k}" for k in range(6)]
    _article_row(store, "x", 1, [], left)
    _article_row(store, "y", 2, [], right)
    link_stories(store, ["x", "y"], Options())
    assert _story_of(store, "x") != _story_of(store, "y")
    _article_row(store, "z", 3, [], left + right)
    link_stories(store, ["z"], Options())
    assert _story_of(store, "x") == _story_of(store, "y") == _story_of(store, "z") == "st_x"
    assert store.scalar("SELECT count(*) FROM stories") == 1


def test_articles_months_apart_share_a_story_within_the_default_window(store):
    # news_cluster's events and Giveme5W1H's Toblerone story run over months: a year is the default.
    _article_row(store, "a", 1, QUAKE_TERMS, _sumatra(6), "2009-09-30")
    _article_row(store, "b", 2, QUAKE_TERMS, _sumatra(6), "2010-03-01")
    assert Options().story_window_days >= 365
    link_stories(store, ["a", "b"], Options())
    assert _story_of(store, "a") == _story_of(store, "b")


def _flood_story_and_a_loose_newcomer(store):
    """Eight articles of one flood, then one that shares only three of its key terms."""
    core = [f"flood-{k}" for k in range(8)]
    for n in range(8):
        _article_row(store, f"a{n}", n, core[:6] + [f"own-{n}-{k}" for k in range(4)], core[6:] + [f"place-{n}"],
                     "2009-09-30")
    link_stories(store, [f"a{n}" for n in range(8)], Options())
    _article_row(store, "z", 9, core[:3] + [f"z-{k}" for k in range(10)], [], "2009-10-01")
    link_stories(store, ["z"], Options())


def test_the_bar_to_join_a_story_falls_slowly_with_its_size(store, monkeypatch):
    from newsledger.link import stories

    threshold = Options().story_threshold
    bars = [stories.join_threshold(threshold, size) for size in (1, 2, 10, 100)]
    assert bars[0] == threshold and bars == sorted(bars, reverse=True) and bars[-1] > threshold / 2
    _flood_story_and_a_loose_newcomer(store)
    why = story_explanation(store, "z")
    # Its mean similarity is below the bar of a lone article but clears that of a story of eight.
    assert why["story"] == _story_of(store, "a0")
    assert stories.join_threshold(threshold, 8) <= why["score"] < threshold
    assert "t:flood-0" in why["shared"]

    monkeypatch.setattr(stories, "SIZE_EXPONENT", 0.0)
    with LedgerStore() as flat:
        _flood_story_and_a_loose_newcomer(flat)
        assert _story_of(flat, "z") == "st_z"


def test_feature_counts_kept_through_a_step_equal_counting_afresh(store):
    from newsledger.link.stories import LinkStep

    step = LinkStep()
    for chunk in range(3):
        ids = [f"c{chunk}-{k}" for k in range(4)]
        for k, article in enumerate(ids):
            _article_row(store, article, 10 * chunk + k, QUAKE_TERMS[: k + 1], _sumatra(chunk + k + 1))
        link_stories(store, ids, Options(), step)
    counted = dict(store.con.execute("SELECT feature, n FROM _df").fetchall())
    fresh = dict(store.con.execute("SELECT feature, count(*) FROM article_features GROUP BY feature").fetchall())
    assert counted == fresh and len(fresh) > 10
    assert step.total == store.scalar("SELECT count(DISTINCT article) FROM article_features") == 12
