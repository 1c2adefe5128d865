"""Clustering scores, the ECB+ reader, the story-set loaders and event coreference (no model needed)."""

import json

import needs
import pytest

from newsledger.eval import clustering as C
from newsledger.eval import ecbplus, stories
from newsledger.link import coref

# Gold {a b c} {d e}; system {a b} {c d e}. Hand-computed below.
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
SYSTEM = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_bcubed_by_hand():
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    assert C.bcubed(GOLD, SYSTEM) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_pairwise_by_hand():
    # gold pairs ab ac bc de, system pairs ab cd ce de: 2 shared of 4 on each side
    assert C.pairwise(GOLD, SYSTEM) == pytest.approx((0.5, 0.5, 0.5))


def test_muc_by_hand():
    # recall: {abc} cut in 2 pieces keeps 1 of 2 links, {de} keeps 1 of 1 -> 2/3; precision likewise 2/3
    assert C.muc(GOLD, SYSTEM) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_ceafe_by_hand():
    # phi4: abc~ab 4/5, de~cde 4/5 (the best alignment); total 1.6 over 2 clusters each side
    assert C.ceafe(GOLD, SYSTEM) == pytest.approx((0.8, 0.8, 0.8))


def test_conll_is_the_mean_of_three_f1():
    assert C.conll(GOLD, SYSTEM) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)
    metrics = C.coref_metrics(GOLD, SYSTEM)
    assert metrics["conll_f1"] == pytest.approx(C.conll(GOLD, SYSTEM))
    assert metrics["muc_f1"] == pytest.approx(2 / 3)


def test_perfect_and_singleton_systems():
    assert C.bcubed(GOLD, GOLD).f1 == C.pairwise(GOLD, GOLD).f1 == C.muc(GOLD, GOLD).f1 == C.ceafe(GOLD, GOLD).f1 == 1.0
    singletons = {item: item for item in GOLD}
    assert C.muc(GOLD, singletons) == (0.0, 0.0, 0.0)
    assert C.pairwise(GOLD, singletons).precision == 0.0  # no system pairs: precision counts as 0
    assert C.bcubed(GOLD, singletons).precision == 1.0
    # CEAF-e: {de}~{d} or {e} gives 2/3, {abc}~a single gives 1/2: 7/6 over 5 system, 2 gold clusters
    assert C.ceafe(GOLD, singletons) == pytest.approx((7 / 30, 7 / 12, 2 * (7 / 30) * (7 / 12) / (7 / 30 + 7 / 12)))


def test_an_item_the_system_never_placed_is_a_singleton():
    assert C.bcubed({"a": 1, "b": 1}, {"a": "x"}) == pytest.approx((1.0, 0.5, 2 / 3))
    assert C.story_metrics({"a": 1, "b": 1}, {"a": "x", "b": "x", "zzz": "x"})["bcubed_f1"] == 1.0


# -- ECB+ ----------------------------------------------------------------------

def _ecb_xml(name, sentences, markables, relations):
    tokens, t_id = [], 0
    for n, words in enumerate(sentences):
        for k, word in enumerate(words):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{n}" number="{k}">{word}</token>')
    return (f'<Document doc_name="{name}.xml" doc_id="DOC1">\n' + "\n".join(tokens)
            + "\n<Markables>\n" + markables + "\n</Markables>\n<Relations>\n" + relations + "\n</Relations>\n</Document>\n")


@pytest.fixture
def ecb_root(tmp_path):
    topic = tmp_path / "ECB+" / "36"
    topic.mkdir(parents=True)
    (tmp_path / "ECB+" / "2").mkdir()
    markables = (
        '<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>\n'
        '<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="9"/></ACTION_OCCURRENCE>\n'
        '<ACTION_REPORTING m_id="3"><token_anchor t_id="7"/></ACTION_REPORTING>\n'
        '<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="21"/></ACTION_OCCURRENCE>\n'
        '<HUMAN_PART_PER m_id="5"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>\n'
        '<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t36_arrest" instance_id="ACT1"/>\n'
    )
    relations = (
        '<CROSS_DOC_COREF r_id="7" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>\n'
        '<INTRA_DOC_COREF r_id="8"><source m_id="2"/><source m_id="4"/><target m_id="10"/></INTRA_DOC_COREF>\n'
    )
    sentences = [
        ["Winston", "Blackmore", "arrested", "in", "Canada"],
        ["Police", "said", "the", "arrest", "(", "on", "Wednesday", ")", "was", "``", "overdue", "''", "."],
        ["He", "was", "charged", "again", "."],
    ]
    (topic / "36_1ecb.xml").write_text(_ecb_xml("36_1ecb", sentences, markables, relations), encoding="utf-8")
    plus = [["http", ":", "/", "/", "example", ".", "com", "/", "jeffs"], ["Jeffs", "convicted", "."]]
    (topic / "36_1ecbplus.xml").write_text(_ecb_xml("36_1ecbplus", plus, "", ""), encoding="utf-8")
    (tmp_path / "ECB+" / "2" / "2_1ecb.xml").write_text(_ecb_xml("2_1ecb", [["Oscars", "hosted", "."]], "", ""))
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n36,1ecb,0\n36,1ecb,1\n", encoding="utf-8")
    return tmp_path


def test_ecbplus_text_mentions_and_gold_clusters(ecb_root):
    assert ecbplus.is_ecbplus(ecb_root) and stories.detect_dataset(ecb_root) == "ecbplus"
    documents = ecbplus.load_split(ecb_root, "test")
    assert [d.name for d in documents] == ["36_1ecb", "36_1ecbplus"]
    ecb, plus = documents
    assert ecb.text == ("Winston Blackmore arrested in Canada\n"
                        "Police said the arrest (on Wednesday) was “overdue”.\n"
                        "He was charged again.")
    assert (ecb.title, ecb.subtopic, ecb.topic, ecb.url) == ("Winston Blackmore arrested in Canada", "36ecb", 36, None)
    # sentence 2 is not in the selected sentences: "charged" (m_id 4) is left out
    found = {m.id: (ecb.text[m.start:m.end], m.cluster) for m in ecb.mentions}
    assert found == {
        "36_1ecb:1": ("arrested", "cross:ACT1"),
        "36_1ecb:2": ("arrest", "intra:36_1ecb:8"),
        "36_1ecb:3": ("said", "singleton:36_1ecb:3"),
    }
    assert [s[0] for s in ecb.sentences] == [0, 1, 2]
    # ecbplus files: the address in sentence 0 is metadata, not text
    assert plus.url == "http://example.com/jeffs" and plus.text == "Jeffs convicted." and plus.subtopic == "36ecbplus"
    assert [d.name for d in ecbplus.load_split(ecb_root, "dev")] == ["2_1ecb"]
    with pytest.raises(ValueError):
        ecbplus.load_split(ecb_root, "train")


def test_ecbplus_story_documents(ecb_root):
    dataset, documents = stories.load_documents(ecb_root, "all")
    assert dataset == "ecbplus"
    assert {d.id: d.gold for d in documents} == {"2_1ecb": "2ecb", "36_1ecb": "36ecb", "36_1ecbplus": "36ecbplus"}
    assert all(d.published is None for d in documents)


# -- news-please story sets ------------------------------------------------------

def _article(path, **fields):
    path.write_text(json.dumps({"text": "Body text.", "title": "A title", **fields}), encoding="utf-8")


def test_giveme5w1h_and_news_cluster_are_told_apart(tmp_path):
    data = tmp_path / "g5" / "data"
    data.mkdir(parents=True)
    _article(data / "1.json", dId="aaa", category="tram", date_publish="2016-11-09 08:46:26")
    _article(data / "2.json", dId="bbb", date_publish="None")
    dataset, documents = stories.load_documents(tmp_path / "g5", "all")
    assert dataset == "giveme5w1h"
    assert [(d.id, d.gold, d.published) for d in documents] == [("aaa", "tram", "2016-11-09"), ("bbb", "uncategorized:bbb", None)]
    with pytest.raises(ValueError):
        stories.load_documents(tmp_path / "g5", "test")

    cluster = tmp_path / "nc"
    cluster.mkdir()
    _article(cluster / "x.json", dId="ccc", date_publish="2017-09-15T00:00:00",
             newsCluster="{'EventId': 70, 'Event': 'north_Korea_hokkaido_missile'}")
    dataset, documents = stories.load_documents(cluster, "all")
    assert dataset == "news_cluster" and documents[0].gold == "event:70"


def test_articles_arrive_day_by_day_and_undated_ones_last():
    docs = [stories.StoryDocument("b", "", "g", published="2016-11-10"), stories.StoryDocument("a", "", "g", published="2016-11-09"),
            stories.StoryDocument("c", "", "g", published="2016-11-09"), stories.StoryDocument("u", "", "g")]
    assert [[d.id for d in group] for group in stories.arrival_groups(docs)] == [["a", "c"], ["b"], ["u"]]


def test_tfidf_peer_links_similar_texts():
    needs.module("sklearn", "eval")  # the TF-IDF peer
    docs = [stories.StoryDocument("1", "tram derailed in Croydon killing seven", "t"),
            stories.StoryDocument("2", "Croydon tram derailed, seven killed", "t"),
            stories.StoryDocument("3", "Toblerone changes the shape of its chocolate bar", "c")]
    labels = stories.tfidf_threshold(docs, 0.25)
    assert labels["1"] == labels["2"] != labels["3"]


# -- event coreference -------------------------------------------------------------

def _mention(id, lemma, document="d1", group="s", participants=(), context=()):
    return coref.MentionFeatures(id=id, group=group, document=document, lemma=lemma,
                                 participants=frozenset(participants), context=frozenset(context))


def test_lemma_relations():
    assert coref.related_lemmas("killing", "kill") and coref.related_lemmas("explosion", "explode")
    assert not coref.related_lemmas("attack", "attach") and not coref.related_lemmas("war", "warning")
    assert coref.normal_lemma("dies") == "die" and coref.normal_lemma("press") == "press"


def test_pair_features_of_two_reports_of_one_arrest():
    a = _mention("a", "arrest", "d1", participants={"winston blackmore"}, context={"police", "canada"})
    b = _mention("b", "detain", "d2", participants={"winston blackmore", "police"}, context={"police", "bountiful"})
    features = coref.pair_features(a, b, {"police": 1.0, "canada": 1.0, "bountiful": 1.0})
    assert features["same_lemma"] == 0.0 and features["synonyms"] == 1.0
    assert features["participants"] == 1.0 and features["participants_clash"] == 0.0
    assert features["context"] == pytest.approx(0.5)
    assert features["same_document"] == 0.0


def test_mentions_cluster_within_a_group_only():
    mentions = [
        _mention("1", "earthquake", "d1", group="quake-a"), _mention("2", "quake", "d2", group="quake-a"),
        _mention("3", "earthquake", "d3", group="quake-b"), _mention("4", "say", "d1", group="quake-a"),
    ]
    found = coref.cluster_mentions(mentions)
    assert found["1"] == found["2"]  # one event-word family, one story
    assert found["3"] != found["1"]  # the same word in another story is another earthquake
    assert found["4"] not in {found["1"], found["3"]}
    assert coref.lemma_clusters(mentions)["1"] != coref.lemma_clusters(mentions)["3"]


def test_average_link_stops_below_the_threshold():
    scores = {(0, 1): 0.9, (0, 2): 0.6, (1, 2): 0.2}
    clusters = coref.average_link(3, lambda i, j: scores[(i, j)], 0.5)
    # {0,1} first (0.9); then {0,1}~{2} averages (0.6 + 0.2) / 2 = 0.4 < 0.5
    assert sorted(map(sorted, clusters)) == [[0, 1], [2]]


def test_average_link_never_joins_a_cannot_link_pair():
    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): None}
    clusters = coref.average_link(3, lambda i, j: scores[(i, j)], 0.5)
    assert sorted(map(sorted, clusters)) == [[0, 1], [2]]


def test_undated_events_of_two_articles_align_by_coreference():
    from newsledger.link.events import align_events
    from newsledger.records import Event

    events = [
        Event(id="e1", article="a", type="ASSAULT", trigger="killed", start=0, end=6, patients=["two guards"]),
        Event(id="e2", article="b", type="ASSAULT", trigger="killed", start=0, end=6, patients=["two guards"]),
        Event(id="e3", article="b", type="PROTEST", trigger="protested", start=50, end=59),
        Event(id="e4", article="a", type="ASSAULT", trigger="killed", start=80, end=86, date="2023-06-20"),
    ]
    aligned = align_events("st", events)
    assert aligned["e1"] == aligned["e2"]  # same trigger, same victims, two articles
    assert aligned["e3"] not in {aligned["e1"], aligned["e4"]}
    assert aligned["e4"] != aligned["e1"]  # a dated event keeps its day's alignment


def test_average_link_averages_over_every_pair_of_two_merged_clusters():
    scores = {(0, 1): 0.9, (2, 3): 0.8, (0, 2): 0.7, (0, 3): 0.7, (1, 2): 0.7, (1, 3): 0.0}
    # {0,1} and {2,3} form first; between them (0.7 + 0.7 + 0.7 + 0.0) / 4 = 0.525
    assert sorted(map(sorted, coref.average_link(4, lambda i, j: scores[(i, j)], 0.5))) == [[0, 1, 2, 3]]
    assert sorted(map(sorted, coref.average_link(4, lambda i, j: scores[(i, j)], 0.6))) == [[0, 1], [2, 3]]


def test_average_link_joins_the_last_of_equal_pairs_first():
    scores = {(0, 1): 0.8, (1, 2): 0.8, (0, 2): 0.0}
    # (1, 2) wins the tie; then 0 ~ {1,2} averages 0.4, below the threshold
    assert sorted(map(sorted, coref.average_link(3, lambda i, j: scores[(i, j)], 0.5))) == [[0], [1, 2]]
