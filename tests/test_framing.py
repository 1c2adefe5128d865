"""Framing: the labels each article applies to its actors, by voice."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger import Ledger, Options
from newsledger.compare.framing import unlabelled_quotes
from newsledger.extract.attribution import extract_statements
from newsledger.extract.framing import STAGE, extract_labels
from newsledger.ledger import SAMPLES


def _labels(make_context, text):
    ctx = make_context(text)
    extract_statements(ctx)
    extract_labels(ctx)
    names = {e.id: e.name for e in ctx.local_entities}
    return [(names.get(label.entity), label.label, label.kind, label.voice, label.speaker_text) for label in ctx.labels]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The notorious Acme Brigade attacked the town.", ("Acme Brigade", "notorious", "modifier", "narrator", None)),
        ("Officials met Nouri al-Maliki, the former Iraqi prime minister, on Monday.",
         ("Nouri al-Maliki", "former iraqi prime minister", "apposition", "narrator", None)),
        ("The Acme Brigade is a terrorist organization.", ("Acme Brigade", "terrorist organization", "predicate", "narrator", None)),
        ("Police arrested three Acme Brigade militants.", ("Acme Brigade", "militant", "descriptor", "narrator", None)),
    ],
)
def test_label_kinds(make_context, text, expected):
    assert expected in _labels(make_context, text)


def test_a_description_stands_for_the_group_named_most_often(make_context):
    text = ("The Acme Brigade fought the army. The Acme Brigade lost. Reuters reported the clash. "
            "Later the terror group regrouped.")
    assert ("Acme Brigade", "terror group", "descriptor", "narrator", None) in _labels(make_context, text)


def test_voice_follows_quotes_and_statements(make_context):
    text = ("The Acme Brigade raided the port. John Smith said the Acme Brigade is a criminal gang. "
            "“The Acme Brigade are vicious thugs,” said Jane Doe.")
    labels = _labels(make_context, text)
    assert ("Acme Brigade", "criminal gang", "predicate", "reported", "John Smith") in labels
    assert ("Acme Brigade", "vicious thug", "predicate", "quoted", "Jane Doe") in labels


def test_relations_and_plain_adjectives_are_not_labels(make_context):
    labels = _labels(make_context, "Acme Brigade members left the same Acme Brigade camp in neighboring Ruritania.")
    assert labels == []


def test_stage_declaration():
    assert STAGE.requires == ("doc", "mentions", "local_entities", "statements", "quotes")
    assert STAGE.assigns == ("labels",)


# --- the seeds: narrators label the MKO a terrorist group; Rama's own quotes do not ---


@pytest.fixture(scope="module")
def seeds():
    with Ledger(options=Options(today=date(2023, 7, 2))) as ledger:
        ledger.ingest([SAMPLES])
        yield ledger


def _mko(ledger):
    return next(e.id for e in ledger.entities() if e.name.startswith("Mujahedin"))


def test_seed_narrators_call_the_mko_terrorists(seeds):
    rows = seeds.framing(_mko(seeds))
    narrator = rows[rows.voice == "narrator"]
    assert len(narrator) == 2  # both articles, in their own voice
    for labels in narrator["labels"]:
        assert any("terror" in label for label in labels), labels


def test_seed_rama_quotes_name_the_mko_without_a_label(seeds):
    data = seeds.to_dict()
    rama = next(e["id"] for e in data["entities"] if e["name"] == "Edi Rama")
    quoted = [label for label in data["labels"] if label["voice"] == "quoted" and label["speaker"] == rama]
    assert quoted == []
    mentions = seeds.store.rows("SELECT article, start, \"end\", entity FROM mentions")
    assert unlabelled_quotes(_mko(seeds), data["statements"], mentions, data["labels"]).get(rama, 0) >= 1
    assert "(quoted, Edi Rama): no label" in seeds.summary()


def test_seed_labels_point_at_their_text(seeds):
    texts = {a.id: a.text for a in seeds.articles()}
    for label in seeds.labels():
        assert texts[label.article][label.start:label.end] == label.text
