"""Incidents on real news, end to end: gva-longtail (SemEval-2018 Task 5's Gun Violence Archive articles).

Protocol: the split's ``docs.jsonl`` is ingested as ``newsledger ingest``
ingests it (``Ledger.ingest``: the same readers, stages, linking and
comparison; every article, the incidents with one article included as
distractors). Then, against the gold incidents (``incidents.jsonl``):

* stories: B-cubed and pairwise F1 of the ledger's stories against the gold
  incidents (an article reporting two incidents counts under the first);
* per article, on its main event (``articles[].main_event``):
  ``date_accuracy`` (the exact day), ``city_accuracy`` (the gold city inside
  the place, ignoring case), ``state_accuracy`` (the state's name or postal
  code inside it), over all articles; ``killed_accuracy`` and
  ``injured_accuracy`` over the articles whose main event carries the
  figure, right when its value (the lower bound, else the upper) equals
  the gold total or the victims-only count; ``killed_coverage`` and
  ``injured_coverage``, the share of the articles of incidents with a gold
  figure above 0 whose main event carries one;
* per multi-article incident, on ``stories[].incident`` of the story holding
  most of its articles: ``incident_killed_accuracy``,
  ``incident_injured_accuracy`` (over incidents whose story gives the
  figure; ``incident_*_coverage`` says how many do);
* ``overcount_rate``: the share of the main events' killed and injured
  figures above the gold total (almost always a misread);
  ``cross_incident_discrepancies``: the share of discrepancies whose claims
  come from articles of different gold incidents.

The keyword peer, in the same run (the README of gva-longtail suggests it):
the incident's date is the publication day, its place the dateline (capital
words before a dash at the start), its tolls the largest number within
three words before "killed|dead|died" or "injured|wounded|hurt".
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import BenchmarkError
from ..extract.quantities import parse_quantity
from ..extract.places import POSTAL_CODES, state_name
from ..options import Options
from . import EvalResult
from .clustering import clusters, story_metrics

FIGURES = ("killed", "injured")


@dataclass(slots=True)
class GoldIncident:
    id: str
    date: str
    city: str
    state: str
    totals: dict[str, int]  # killed, injured (GVA's totals, suspects included)
    victims: dict[str, int]  # the same, victims only
    docs: list[str]


@dataclass(slots=True)
class Reading:
    """What a system says of one article's incident."""

    date: str | None = None
    place: str | None = None
    killed: int | None = None
    injured: int | None = None


def split_folder(folder: Path, split: str) -> Path:
    """The folder holding ``docs.jsonl`` and ``incidents.jsonl``: ``folder`` itself, or its ``split``."""
    if (folder / "docs.jsonl").is_file():
        return folder
    if (folder / split / "docs.jsonl").is_file():
        return folder / split
    raise BenchmarkError(str(folder), f"neither docs.jsonl nor {split}/docs.jsonl found")


def _jsonl(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise BenchmarkError(str(path), f"unreadable JSON lines ({exc})") from exc


def load_gold(folder: Path) -> list[GoldIncident]:
    return [
        GoldIncident(str(r["incident"]), r["date"], r["city"], r["state"],
                     {"killed": r["killed"], "injured": r["injured"]},
                     {"killed": r["victims_killed"], "injured": r["victims_injured"]}, list(r["docs"]))
        for r in _jsonl(folder / "incidents.jsonl")
    ]


def _value(quantity: dict | None) -> int | None:
    if not quantity:
        return None
    return quantity["min"] if quantity.get("min") is not None else quantity.get("max")


def city_right(place: str | None, gold: GoldIncident) -> bool:
    return bool(place) and gold.city.lower() in place.lower()


def state_right(place: str | None, gold: GoldIncident) -> bool:
    if not place:
        return False
    code = POSTAL_CODES.get(gold.state)
    return gold.state.lower() in place.lower() or (code is not None and re.search(rf"\b{code}\b", place) is not None)


def figure_right(value: int | None, gold: GoldIncident, facet: str) -> bool:
    return value is not None and value in (gold.totals[facet], gold.victims[facet])


def score_readings(readings: dict[str, Reading], gold_of: dict[str, GoldIncident]) -> dict[str, float]:
    """The per-article metrics of one system's readings (missing readings count as wrong)."""
    articles = list(gold_of)
    metrics: dict[str, float] = {
        "date_accuracy": _share(readings.get(a, Reading()).date == gold_of[a].date for a in articles),
        "city_accuracy": _share(city_right(readings.get(a, Reading()).place, gold_of[a]) for a in articles),
        "state_accuracy": _share(state_right(readings.get(a, Reading()).place, gold_of[a]) for a in articles),
    }
    figures, over = 0, 0
    for facet in FIGURES:
        carried = [a for a in articles if getattr(readings.get(a, Reading()), facet) is not None]
        metrics[f"{facet}_accuracy"] = _share(figure_right(getattr(readings[a], facet), gold_of[a], facet)
                                              for a in carried)
        wanted = [a for a in articles if gold_of[a].totals[facet] > 0]
        metrics[f"{facet}_coverage"] = _share(getattr(readings.get(a, Reading()), facet) is not None for a in wanted)
        figures += len(carried)
        over += sum(getattr(readings[a], facet) > gold_of[a].totals[facet] for a in carried)
    metrics["overcount_rate"] = over / figures if figures else 0.0
    return metrics


def _share(flags) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


# -- the ledger ---------------------------------------------------------------

def ledger_readings(data: dict) -> dict[str, Reading]:
    events = {e["id"]: e for e in data["events"]}
    readings = {}
    for article in data["articles"]:
        event = events.get(article.get("main_event") or "")
        if event is None:
            continue
        readings[article["id"]] = Reading(event["date"], event["place"], _value(event["killed"]),
                                          _value(event["injured"]))
    return readings


def incident_scores(data: dict, gold: list[GoldIncident], story_of: dict[str, str]) -> dict[str, float]:
    incidents = {s["id"]: s.get("incident") for s in data["stories"]}
    metrics = {}
    multi = [g for g in gold if sum(d in story_of for d in g.docs) >= 2]
    for facet in FIGURES:
        right = given = 0
        for g in multi:
            story, _ = Counter(story_of[d] for d in g.docs if d in story_of).most_common(1)[0]
            value = _value((incidents.get(story) or {}).get(facet))
            if value is not None:
                given += 1
                right += figure_right(value, g, facet)
        metrics[f"incident_{facet}_accuracy"] = right / given if given else 0.0
        metrics[f"incident_{facet}_coverage"] = given / len(multi) if multi else 0.0
    return metrics


def cross_incident_share(data: dict, gold_of: dict[str, GoldIncident]) -> tuple[float, int]:
    found = data["discrepancies"]
    crossing = 0
    for discrepancy in found:
        incidents = {gold_of[c["article"]].id for c in discrepancy["claims"] if c["article"] in gold_of}
        crossing += len(incidents) > 1
    return (crossing / len(found) if found else 0.0), len(found)


def still_reported(judged: dict, discrepancies: list[dict]) -> bool:
    """Whether a judged discrepancy (``claims`` as ``[article, start, end]``) is still reported: some
    discrepancy of its facet compares two of its claims (ids change with the claims a story gathers)."""
    claims = {tuple(c) for c in judged["claims"]}
    return any(d["facet"] == judged["facet"]
               and len(claims & {(c["article"], c["start"], c["end"]) for c in d["claims"]}) >= 2
               for d in discrepancies)


# -- the keyword peer -----------------------------------------------------------

_PEER_DATELINE = re.compile(r"^\W*([A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?)\s*(?:\([^)]*\))?\s*[-–—]")
_PEER_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# The words after the number in a lookahead, so that "1 dead, 12 hurt" yields both numbers.
_PEER_FIGURE = {
    "killed": re.compile(rf"\b{_PEER_NUMBER}\b(?=(?:\W+\w+){{0,2}}?\W+(?:killed|dead|died)\b)", re.I),
    "injured": re.compile(rf"\b{_PEER_NUMBER}\b(?=(?:\W+\w+){{0,2}}?\W+(?:injured|wounded|hurt)\b)", re.I),
}


def keyword_reading(doc: dict) -> Reading:
    text = doc.get("text") or ""
    dateline = _PEER_DATELINE.match(text)
    place = None
    if dateline:
        city, _, state = dateline.group(1).partition(",")
        place = ", ".join(p for p in (city.strip().title(), state_name(state) if state else None) if p)
    reading = Reading(date=doc.get("published"), place=place)
    for facet, pattern in _PEER_FIGURE.items():
        values = [parse_quantity(m.group(1)).min for m in pattern.finditer(text)]
        values = [v for v in values if v is not None]
        setattr(reading, facet, max(values) if values else None)
    return reading


# -- the task -----------------------------------------------------------------

def evaluate(folder: str | Path, split: str, options: Options, limit: int | None = None,
             keep: str | Path | None = None) -> EvalResult:
    """Score the ledger that ingesting the split gives; ``keep`` stores that ledger there (to look at)."""
    from ..ledger import Ledger

    if split not in ("dev", "test"):
        raise ValueError("the incidents evaluation has the splits 'dev' and 'test'")
    part = split_folder(Path(folder), split)
    gold = load_gold(part)
    docs = _jsonl(part / "docs.jsonl")[:limit]
    gold_of: dict[str, GoldIncident] = {}
    for incident in gold:
        for doc in incident.docs:
            gold_of.setdefault(doc, incident)
    gold_of = {d["id"]: gold_of[d["id"]] for d in docs if d["id"] in gold_of}
    if not gold_of:
        raise BenchmarkError(str(part), "no article of docs.jsonl is in incidents.jsonl")
    if options.today is None:
        from datetime import date
        options = options.replace(today=date.fromisoformat(max(d["published"] for d in docs if d.get("published"))))

    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "docs.jsonl"
        source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        with Ledger(keep or ":memory:", options) as ledger:
            report = ledger.ingest([source])
            data = ledger.to_dict()
    failures = [str(e) for e in report.errors]

    story_of = {a: s["id"] for s in data["stories"] for a in s["articles"]}
    gold_story = {a: g.id for a, g in gold_of.items()}
    stories = story_metrics(gold_story, story_of)
    metrics = {"story_bcubed_f1": stories["bcubed_f1"], "story_pairwise_f1": stories["pairwise_f1"]}
    metrics.update(score_readings(ledger_readings(data), gold_of))
    metrics.update(incident_scores(data, gold, story_of))
    crossing, discrepancies = cross_incident_share(data, gold_of)
    metrics["cross_incident_discrepancies"] = crossing

    peer = score_readings({d["id"]: keyword_reading(d) for d in docs}, gold_of)
    singletons = story_metrics(gold_story, {a: a for a in gold_of})
    peer.update({"story_bcubed_f1": singletons["bcubed_f1"], "story_pairwise_f1": singletons["pairwise_f1"]})
    details = {
        "incidents": len(clusters(gold_story)),
        "multi_article_incidents": sum(len(c) > 1 for c in clusters(gold_story)),
        "stories": len(clusters(story_of)),
        "discrepancies": discrepancies,
        "discrepancy_kinds": dict(Counter(d["kind"] for d in data["discrepancies"])),
        "today": options.reference_date.isoformat(),
        "keyword_peer_stories": "every article its own story",
    }
    return EvalResult("incidents", split, len(docs), metrics, {"keyword": peer}, details, failures)
