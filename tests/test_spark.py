"""The Spark engine stores the same ledger as the local engine.

One corpus (the two seed articles and a score of short generated ones:
several stories, a near-duplicate, a repeated text, unreadable inputs,
casualty figures that disagree) goes through ``newsledger ingest`` with each
engine; the Spark output is loaded with ``newsledger load``, and every ledger
table must hold the same rows. Only the run's timestamps
(``articles.ingested_at``, ``input_errors.occurred_at``) are left out.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.engine import local
from newsledger.engine import spark as engine
from newsledger.errors import SparkNotInstalled
from newsledger.ledger import SAMPLES
from newsledger.link import duplicates
from newsledger.store.database import LedgerStore
from newsledger.store.parquet import META, ledger_tables

MISSING = ("pyspark is not installed (pip install 'newsledger[spark]')" if importlib.util.find_spec("pyspark") is None
           else "no Java runtime (no java on PATH, no JAVA_HOME)" if not (shutil.which("java") or os.environ.get("JAVA_HOME"))
           else None)
needs_spark = pytest.mark.skipif(MISSING is not None, reason=f"the Spark engine cannot run here: {MISSING}")

TODAY = "2026-11-23"
RUN_SPECIFIC = {"articles": {"ingested_at"}, "input_errors": {"occurred_at"}}

# Stories told by several outlets, each with its own figures and wording.
RAIDS = [
    ("Tirana Times", "2023-06-21", ("Albanian police raided the Ashraf-3 camp of the MKO on Tuesday, officials said. "
     "At least two people were killed and dozens were injured in the clashes, the interior ministry told reporters.")),
    ("Balkan Wire", "2023-06-21", ("Police in Albania stormed the Ashraf-3 camp near Tirana on Tuesday. One person was "
     "killed and 40 were injured, a police spokesman said in a statement.")),
    ("Gulf Monitor", "2023-06-22", ("The clashes at the Ashraf-3 camp in Albania on June 20 left three people dead, "
     "according to the MKO, which accused the police of using excessive force.")),
    ("Press Review", "2023-06-23", ("The death toll from the police raid on the Ashraf-3 camp has risen to four, the "
     "Albanian interior ministry said on Thursday. Officials said 42 people were injured in the raid on June 20.")),
]
QUAKES = [
    ("Anatolia Daily", "2023-02-06", ("A powerful earthquake struck the town of Malatya on Monday, killing at least 12 "
     "people and injuring 80, the disaster agency said. Rescue teams searched the rubble through the night.")),
    ("Euro Desk", "2023-02-06", ("At least 15 people were killed when an earthquake hit Malatya on Monday, the governor "
     "told state television. Hundreds of buildings collapsed in the town.")),
    ("World Brief", "2023-02-07", ("The earthquake that hit Malatya on February 6 killed 20 people, officials said on "
     "Tuesday, as rescuers pulled survivors from collapsed buildings.")),
]
FIRES = [
    ("Metro News", "2023-09-12", ("A fire at a textile factory in Dhaka on Monday injured 30 workers, the fire service "
     "said. The blaze started in a storage room and spread quickly.")),
    ("City Herald", "2023-09-12", ("Dozens of workers were injured when a fire broke out at a textile factory in Dhaka "
     "on Monday, a fire service official told reporters.")),
]
COUNCIL = [
    ("Town Crier", "2023-08-15", ("The city council of Springfield approved a new budget for public schools on Tuesday. "
     "Mayor Ana Lopez said the plan adds 40 teachers and repairs three buildings.")),
    ("Valley Post", "2023-08-16", ("Springfield's council voted on Tuesday for a school budget that Mayor Ana Lopez "
     "called the largest in a decade. The opposition said the city cannot afford it.")),
    ("Town Crier", "2023-08-30", ("Springfield teachers welcomed the budget approved by the council this month, union "
     "leader Mark Chen said on Wednesday.")),
]
PROTESTS = [
    ("Andes Report", "2023-03-14", ("Thousands of protesters marched in Lima on Tuesday against the government, and "
     "police arrested 25 people, the interior ministry said.")),
    ("Pacific Line", "2023-03-14", ("Police detained 31 demonstrators in Lima on Tuesday as thousands protested against "
     "the government, a rights group said.")),
    ("Andes Report", "2023-03-15", ("Protests continued in Lima on Wednesday. The interior minister said officers had "
     "arrested 25 people on Tuesday and warned against further unrest.")),
]
OTHERS = [
    ("Tech Today", "2023-05-02", ("Acme Corp announced on Tuesday that it will buy the chip maker Birch Labs for two "
     "billion dollars, its chief executive Dana White said.")),
    ("Sports Desk", "2023-05-03", ("The national team beat Portugal 2-1 in Lisbon on Wednesday, coach Luis Moreno told "
     "reporters after the match.")),
    ("Science Note", "2023-04-11", ("Researchers at the University of Oslo said on Monday that they had found a new "
     "species of frog in the rainforests of Borneo.")),
]
# Long enough that changing one word keeps the MinHash Jaccard above 0.8.
WIRE = (
    "Rescue workers in northern Italy searched on Thursday for people missing after floods swept through several "
    "villages in the Emilia-Romagna region, the civil protection agency said. Heavy rain caused rivers to burst "
    "their banks overnight, and at least nine people were killed, officials said. Thousands of residents were "
    "evacuated from their homes as water rose in the streets of Faenza and Cesena. The regional president said the "
    "damage would run into billions of euros and asked the government in Rome to declare a state of emergency. "
    "Trains between Bologna and Rimini were suspended, and schools in the region stayed closed for a second day. "
    "Farmers said entire harvests had been lost under the mud, and the army sent soldiers to help clear roads."
)


def _corpus(folder: Path) -> list[str]:
    """The inputs, in the order both engines read them."""
    records = []
    for n, (outlet, day, text) in enumerate(RAIDS + QUAKES + FIRES + COUNCIL + PROTESTS + OTHERS):
        records.append({"id": f"gen{n:02d}", "outlet": outlet, "published": day, "title": text.split(",")[0],
                        "text": text})
    feed = folder / "feed.jsonl"
    lines = [json.dumps(r) for r in records]
    lines.insert(5, "{not json")  # an input error, recorded by both engines
    lines.append(json.dumps(records[3]))  # an id used twice in one file: an input error
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wire = folder / "wire"
    wire.mkdir()
    (wire / "a_original.txt").write_text("date 2023-05-18\n" + WIRE, encoding="utf-8")
    # A republished copy with one word changed: a near-duplicate of the original.
    (wire / "b_copy.txt").write_text("date 2023-05-18\n" + WIRE.replace("Thursday", "Wednesday", 1), encoding="utf-8")
    (wire / "c_later.txt").write_text(
        "date 2023-05-20\nThe death toll from the floods in Emilia-Romagna has risen to 14, the civil protection agency "
        "said on Saturday, as thousands of people remained unable to return home.", encoding="utf-8")
    (wire / "d_empty.txt").write_text("", encoding="utf-8")  # a read error of a text file
    (wire / "e_again.txt").write_text("date 2023-05-18\n" + WIRE, encoding="utf-8")  # same text, same id: skipped
    return [str(SAMPLES), str(feed), str(wire)]


def _rows(db: Path) -> dict[str, list[tuple]]:
    with LedgerStore(db, read_only=True) as store:
        tables = {}
        for table in ledger_tables(store):
            columns = [c for c in store.frame(f"SELECT * FROM {table} LIMIT 0").columns
                       if c not in RUN_SPECIFIC.get(table, set())]
            listed = ", ".join(f'"{c}"' for c in columns)
            tables[table] = sorted(store.con.execute(f"SELECT {listed} FROM {table}").fetchall(), key=repr)
        return tables


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory):
    """Both engines over one corpus, stories linked 8 articles at a time (several link chunks)."""
    if MISSING:
        pytest.skip(MISSING)
    folder = tmp_path_factory.mktemp("spark")
    inputs = _corpus(folder)
    runner = CliRunner()
    common = ["--today", TODAY, "--batch-size", "8"]
    timings = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(local, "LINK_CHUNK", 8)
        started = time.perf_counter()
        done = runner.invoke(main, ["ingest", *inputs, "--db", str(folder / "local.duckdb"), *common])
        timings["local"] = time.perf_counter() - started
        assert done.exit_code == 1, done.output  # the unreadable inputs
        assert "23 added, 1 already stored, 3 failed" in done.stderr  # the repeated wire text skipped
        started = time.perf_counter()
        done = runner.invoke(main, ["ingest", *inputs, "--engine", "spark", "--master", "local[2]",
                                    "--out", str(folder / "parquet"), *common])
        timings["spark"] = time.perf_counter() - started
    assert done.exit_code == 1, done.output
    loaded = runner.invoke(main, ["load", str(folder / "parquet"), "--db", str(folder / "spark.duckdb")])
    assert loaded.exit_code == 0, loaded.output
    print(f"\ningest of 23 articles: local {timings['local']:.1f} s, spark {timings['spark']:.1f} s "
          "(its session start-up included)")
    return folder, _rows(folder / "local.duckdb"), _rows(folder / "spark.duckdb"), done


@pytest.mark.model
def test_the_corpus_is_not_trivial(ledgers):
    folder, _, _, _ = ledgers
    with LedgerStore(folder / "local.duckdb", read_only=True) as store:
        copies = store.rows("SELECT c.source AS copy, o.source AS original FROM articles c "
                            "JOIN articles o ON o.id = c.duplicate_of")
        assert [(Path(r["copy"]).name, Path(r["original"]).name) for r in copies] == [("b_copy.txt", "a_original.txt")]
        assert store.scalar("SELECT count(DISTINCT story) FROM articles") >= 5
        assert store.scalar("SELECT count(*) FROM stories WHERE id IN "
                            "(SELECT story FROM articles GROUP BY story HAVING count(*) >= 3)") >= 3
        kinds = {r["kind"] for r in store.rows("SELECT kind FROM discrepancies")}
        assert "conflict" in kinds and store.scalar("SELECT count(*) FROM discrepancies") >= 3
        assert store.scalar("SELECT count(*) FROM input_errors") == 3
        assert store.scalar("SELECT count(*) FROM events WHERE aligned IS NOT NULL") >= 20


@pytest.mark.model
def test_both_engines_store_the_same_ledger(ledgers):
    _, local_rows, spark_rows, _ = ledgers
    assert spark_rows.keys() == local_rows.keys()
    for table in local_rows:
        assert spark_rows[table] == local_rows[table], table


@pytest.mark.model
def test_the_spark_run_reports_like_the_local_one(ledgers):
    folder, _, _, done = ledgers
    assert "feed.jsonl:6" in done.stderr and "feed.jsonl:20" in done.stderr and "d_empty.txt" in done.stderr
    assert "23 added, 1 repeated, 3 failed" in done.stderr and "Parsing and extracting 23 articles in Spark" in done.stderr
    meta = json.loads((folder / "parquet" / META).read_text())
    assert meta["engine"] == "spark" and meta["tables"]["articles"] == 23
    assert not (folder / "parquet" / "_work").exists()


@pytest.mark.model
def test_duckdb_reads_the_parquet_ledger_directly(ledgers):
    folder, local_rows, _, _ = ledgers
    con = duckdb.connect()
    count = con.execute("SELECT count(*) FROM read_parquet(?)", [str(folder / "parquet" / "statements" / "*.parquet")])
    assert count.fetchone()[0] == len(local_rows["statements"])


@pytest.mark.model
def test_loading_into_a_ledger_that_holds_articles_is_refused(ledgers):
    folder, _, _, _ = ledgers
    exe = Path(sys.executable).parent / "newsledger"
    again = subprocess.run([str(exe), "load", str(folder / "parquet"), "--db", str(folder / "spark.duckdb")],
                           capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 3
    assert again.stderr.startswith("error: ") and "already holds 23 articles" in again.stderr


@needs_spark
def test_near_duplicates_in_spark_are_those_of_find_duplicates():
    """Many near-copies at distances around the threshold: the band join and the driver's
    choice of originals must give ``find_duplicates``' answer exactly."""
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(400)]
    bases = [[rng.choice(vocabulary) for _ in range(150)] for _ in range(4)]
    texts = []
    for n in range(60):
        words = list(bases[n % 4])
        for _ in range(rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 40])):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    signed = [(f"a{n:02d}", duplicates.to_bytes(duplicates.signature(t))) for n, t in enumerate(texts)]
    expected = duplicates.find_duplicates([], signed, 0.8)
    assert len(expected) >= 10 and len(set(expected.values())) >= 3
    session = engine.session("local[2]")
    try:
        frame = pd.DataFrame({"pos": range(len(signed)), "id": [i for i, _ in signed], "error": None,
                              "minhash": [m for _, m in signed]})
        analyzed = session.createDataFrame(frame, "pos long, id string, error binary, minhash binary")
        assert engine.near_duplicates(analyzed, 0.8) == expected
    finally:
        session.stop()


def test_earliest_originals_follow_a_chain_to_its_start():
    # c is like b only, b like a: c's original is a, as find_duplicates decides.
    assert duplicates.earliest_originals([(2, "b", 1, "a"), (3, "c", 2, "b")]) == {"b": "a", "c": "a"}
    assert duplicates.earliest_originals([(3, "c", 2, "b"), (3, "c", 1, "a")]) == {"c": "a"}


def test_missing_pyspark_is_one_clear_line(tmp_path, monkeypatch):
    for name in ("pyspark", "pyspark.sql"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as if not installed
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--engine", "spark", "--out", str(tmp_path / "out")])
    assert isinstance(result.exception, SparkNotInstalled)
    assert 'pip install "newsledger[spark]"' in str(result.exception)


@pytest.mark.parametrize("args, complaint", [
    (["--engine", "spark"], "give --out DIR"),
    (["--engine", "spark", "--out", "x", "--db", "l.duckdb"], "--db is for --engine local"),
    (["--engine", "spark", "--out", "x", "--jobs", "2"], "--jobs is for --engine local"),
    (["--out", "x"], "--out is for --engine spark"),
    (["--master", "local[4]"], "--master is for --engine spark"),
])
def test_engine_options_that_do_not_fit_are_usage_errors(args, complaint):
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), *args])
    assert result.exit_code == 2 and complaint in result.output


def test_a_folder_without_metadata_is_not_loaded(tmp_path):
    (tmp_path / "half" / "articles").mkdir(parents=True)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "half"), "--db", str(tmp_path / "l.duckdb")])
    assert result.exception is not None and "not a Parquet ledger" in str(result.exception)


@pytest.mark.parametrize("master, cores", [("local", 1), ("local[3]", 3), ("local[2, 4]", 2),
                                           ("local[*]", os.cpu_count()), ("spark://host:7077", None), ("yarn", None)])
def test_only_local_masters_get_the_loopback_settings(master, cores):
    assert engine.local_cores(master) == cores
