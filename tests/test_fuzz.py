"""Property-based tests: readers, the date header, time normalization and casualty
figures on generated inputs (the targets live in ``fuzz_targets.py``; the long
run is ``bench/fuzz.py``). Then the inputs that broke them once, kept as plain
cases, and non-English text through the whole pipeline.

The "ci" profile is derandomized, so the suite explores the same inputs on
every run and cannot fail by chance; the bench explores new ones.
"""

from __future__ import annotations

from datetime import date

import pytest
from fuzz_targets import BY_NAME, TARGETS, check_article, multilingual_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsledger.errors import InputError
from newsledger.ingest.text import article_from_text

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,  # the machine is shared: timings are noise
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CI = settings.get_profile("ci")


def run(target, **changes) -> None:
    settings(CI, **changes)(given(*target.strategies)(target.check))()


@pytest.mark.parametrize("target", [t for t in TARGETS if not t.model], ids=lambda t: t.name)
def test_property(target):
    run(target)


@pytest.mark.model
@pytest.mark.parametrize("target", [t for t in TARGETS if t.model], ids=lambda t: t.name)
def test_property_with_model(target, nlp):
    run(target, max_examples=15)


# --- inputs that broke a property once (found by the fuzzing) ---------------------

REGRESSIONS = [
    # JSON the parser refuses with other errors than JSONDecodeError
    ("json_line", ("[" * 3_000,)),  # RecursionError
    ("json_line", ('{"text": "x", "id": ' + "7" * 5_000 + "}",)),  # ValueError: over 4,300 digits
    # a lone surrogate, which JSON can escape, cannot be hashed or stored as UTF-8
    ("json_line", ('{"text": "\\ud800"}',)),
    ("json_line", ('{"text": "Body.", "title": "\\udfff"}',)),
    ("text_header", ("date 2023-07-02 \ud800",)),
    # a page declaring a codec that is not a text encoding
    ("read_file", (b"<meta\x01charset=rot13\x80", ".html")),
    ("read_file", (b'<html><meta charset="undefined"><p>caf\xe9</p></html>', "")),
    # normalization: the empty string, impossible numeric dates, other digits, the calendar's ends
    ("normalize", ("", None, None, None)),
    ("normalize", ("0000-00-00", None, None, None)),
    ("normalize", ("2/30/2023", None, None, None)),
    ("normalize", ("0001-0١-01", None, None, None)),
    ("normalize", ("apr", date.max, "present", None)),
    ("normalize", ("tomorrow", date.max, None, None)),
    ("normalize", ("Christmas", date.max, "future", None)),
    ("normalize", ("winter", date(999, 1, 1), None, None)),
    ("time_expressions", ("Columbus Day", date.min)),
    ("time_expressions", ("'80s THIS week", date(999, 1, 1))),
    ("publication_date", ([("", None)], date(2000, 1, 1))),
    # figures: empty or negative ranges, infinite numbers, figures no INTEGER column holds
    ("quantity", ("fewer than 0",)),
    ("quantity", ("nearly 1",)),
    ("quantity", ("at least up to 0",)),
    ("quantity", ("more than up to 5",)),
    ("quantity", ("9" * 400,)),
    ("quantity", ("about 2,000,000,000",)),
]
# The same with the model: a figure's text was its words with the spaces between them normalized.
MODEL_REGRESSIONS = [
    ("casualties", (" people were killed and 0\x1f0 injured in the blast.",)),
    ("casualties", ("At least  two people were killed.",)),
]


@pytest.mark.parametrize(("name", "args"), REGRESSIONS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(REGRESSIONS)])
def test_regression(name, args):
    BY_NAME[name].check(*args)


@pytest.mark.model
@pytest.mark.parametrize(("name", "args"), MODEL_REGRESSIONS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(MODEL_REGRESSIONS)])
def test_regression_with_model(nlp, name, args):
    BY_NAME[name].check(*args)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("۲۰۲۳-۰۶-۲۰", None, ("DATE", "2023-06-20")),  # Persian digits, written as ASCII ones
        ("2023-02-30", None, ("DATE", None)),
        ("tomorrow", date.max, ("DATE", None)),
        ("next year", date.max, ("DATE", None)),
        ("this week", date(999, 1, 1), ("DATE", "0999-W01")),
    ],
)
def test_normalize_at_the_edges(text, anchor, expected):
    from newsledger.extract.timenorm import normalize

    assert normalize(text, anchor, "past") == expected


@pytest.mark.parametrize("phrase", ["fewer than 0", "nearly 1", "more than up to 5", "9" * 400, "3 billion"])
def test_no_figure_outside_what_a_count_can_be(phrase):
    from newsledger.extract.quantities import parse_quantity

    assert parse_quantity(phrase) is None


def test_surrogates_are_refused_with_the_field_and_position():
    with pytest.raises(InputError, match=r"the title holds an unpaired surrogate \('\\udfff'\) at character 3"):
        article_from_text("Body text.", "a.txt", title="abc\udfff")


# --- other languages through the whole pipeline ------------------------------------

SPANS = {"": "text", "speaker_": "speaker_text", "cue_": "cue", "content_": "content", "trigger_": "trigger"}
# Records whose text is the words their span covers (a timeline's covers the sentence of its trigger).
EXACT = {"times", "statements", "events", "labels"}


def spans(record: dict, article: str | None, exact: bool):
    """(article, start, end, text or None) for every span in an exported record, nested ones too."""
    article = record.get("article", article)
    for value in record.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                yield from spans(item, article, exact)
    for prefix, text_key in SPANS.items():
        start, end = record.get(f"{prefix}start"), record.get(f"{prefix}end")
        if article and isinstance(start, int) and isinstance(end, int):
            yield article, start, end, record.get(text_key) if exact else None


MULTILINGUAL_ARTICLE = (
    "date 2023-07-02 Police said 😢 at least two people were killed and dozens injured in Kabul on Tuesday.\r\n"
    "“Это ужасно,” said Olga Petrova, a Russian engineer from Zürich, in an interview with the weekly Spiegel.\n"
    "رئیس‌جمهور گفت ۲ نفر کشته شدند. 总统表示 — the e\u0301vent shocked 👩‍👩‍👧 families, the governor said on June 20.\n"
    "The pandemic killed 3 billion people, a blogger claimed."  # a figure too large for the store: no figure
)


@pytest.mark.model
@settings(CI, max_examples=6)
@given(st.lists(multilingual_text, min_size=1, max_size=3))
@example([MULTILINGUAL_ARTICLE])
def test_every_stored_offset_indexes_the_original_text(nlp, texts):
    from newsledger import Ledger

    articles = []
    for text in texts:
        try:
            articles.append(article_from_text(text))
        except InputError:
            continue
        check_article(articles[-1])
    with Ledger() as ledger:
        report = ledger.add_articles(articles)
        assert report.failed == 0, report.errors
        exported = ledger.to_dict()
    stored = {a["id"]: a for a in exported["articles"]}
    for article in articles:
        assert stored[article.id]["text"] == article.text  # every character kept
    for table, records in exported.items():
        for record in records if isinstance(records, list) else []:
            for article, start, end, text in spans(record, None, table in EXACT):
                body = stored[article]["text"]
                assert 0 <= start <= end <= len(body), (table, record)
                if text is not None:
                    assert body[start:end] == text, (table, record)
