"""Interrupted runs: SIGKILL at random points, Ctrl-C, and a second process on the same database.

Each test runs the real CLI as a subprocess on a few hundred short generated articles, then
checks the ledger's invariants and compares it with an uninterrupted run's, row for row.
The test finds out when a batch has committed without opening the locked database: DuckDB
appends each commit to the file's write-ahead log (``.wal``), so the log growing is a commit.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.store.schema import ARTICLE_TABLES

pytestmark = pytest.mark.model

N_ARTICLES = 300
BATCH = 16
TODAY = "2026-11-23"
EXE = Path(sys.executable).parent / "newsledger"
# Columns that record when a row was written, not what it says.
CLOCK_COLUMNS = {"ingested_at", "occurred_at", "applied_at"}

TOPICS = [
    ("Albanian police", "the MKO camp", "Durres", "2023-06"),
    ("Kenyan troops", "a militant base", "Lamu", "2023-03"),
    ("Peruvian protesters", "the airport", "Juliaca", "2023-01"),
    ("Indian rescuers", "the collapsed tunnel", "Uttarkashi", "2023-11"),
    ("Chilean firefighters", "the burning hills", "Vina del Mar", "2024-02"),
    ("Turkish authorities", "the quake zone", "Antakya", "2023-02"),
]


def write_feed(path: Path, n: int = N_ARTICLES, seed: int = 7) -> None:
    """``n`` JSONL articles of ~45 words about six incidents, so that they form stories and disagree on figures."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            actor, target, place, month = rng.choice(TOPICS)
            text = (
                f"{actor} {rng.choice(['raided', 'reached', 'surrounded', 'blocked'])} {target} near {place} on "
                f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, {rng.choice(['officials said', 'police said', 'witnesses said'])}. "
                f"At least {rng.randint(1, 9)} people were killed and {rng.randint(2, 30)} injured in the clashes, "
                f"according to report number {i}. The mayor of {place} said the situation was calm by the evening."
            )
            row = {"text": text, "published": f"{month}-{rng.randint(1, 27):02d}", "outlet": rng.choice(["AP", "AFP", "BBC"])}
            out.write(json.dumps(row) + "\n")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the clock columns."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        out = {}
        for table in tables:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table]).fetchall() if r[0] not in CLOCK_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    return out


def rows_per_article(db: Path) -> dict[str, Counter]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: Counter(dict(con.execute(f"SELECT article, count(*) FROM {t} GROUP BY article").fetchall()))
                for t in ARTICLE_TABLES}


@dataclass
class Reference:
    feed: Path
    db: Path
    tables: dict[str, list[tuple]]
    per_article: dict[str, Counter]

    @property
    def ids(self) -> set[str]:
        return {row[0] for row in self.tables["articles"]}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    """The feed and its uninterrupted ledger (in this process: the model is loaded once per session)."""
    folder = tmp_path_factory.mktemp("interrupt")
    feed, db = folder / "feed.jsonl", folder / "reference.duckdb"
    write_feed(feed)
    result = CliRunner().invoke(main, ingest_args(feed, db)[1:])
    assert result.exit_code == 0, result.output
    ref = Reference(feed, db, snapshot(db), rows_per_article(db))
    assert len(ref.ids) == N_ARTICLES and len(ref.tables["stories"]) > 1 and ref.tables["discrepancies"]
    return ref


def ingest_args(feed: Path, db: Path, *extra: str) -> list[str]:
    return [str(EXE), "ingest", str(feed), "--db", str(db), "--today", TODAY, "--batch-size", str(BATCH), *extra]


class Run:
    """``newsledger ingest`` in its own process group (as a terminal runs it), stderr collected line by line."""

    started: ClassVar[list[Run]] = []

    def __init__(self, args: list[str], db: Path):
        self.wal = Path(f"{db}.wal")
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        Run.started.append(self)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=lambda: self.lines.extend(self.proc.stderr), daemon=True)
        self._reader.start()

    def wait_for_commits(self, n: int, timeout: float = 120) -> bool:
        """True once the database's log has grown ``n`` times; False if the process ended first."""
        seen, last, deadline = 0, None, time.monotonic() + timeout
        while time.monotonic() < deadline:
            size = self.wal.stat().st_size if self.wal.exists() else None
            if size and (last is None or size > last):
                seen += 1
            last = size
            if seen >= n:
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.005)
        raise AssertionError(f"no {n} commits in {timeout} s: {''.join(self.lines)}")

    def wait_for_line(self, prefix: str, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(line.startswith(prefix) for line in list(self.lines)):
                return True
            if self.proc.poll() is not None:
                self._reader.join()
                return any(line.startswith(prefix) for line in self.lines)
            time.sleep(0.005)
        raise AssertionError(f"no line {prefix!r} in {timeout} s: {''.join(self.lines)}")

    def send(self, sig: int) -> bool:
        """Signal the whole group (workers too, as Ctrl-C in a terminal does); False if it had already ended."""
        if self.proc.poll() is not None:
            return False
        os.killpg(self.proc.pid, sig)
        return True

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        return code, "".join(self.lines)

    def group_is_gone(self, timeout: float = 5) -> bool:
        """No live process left in the run's group (an exited one waiting for init to reap it counts as gone)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    state, _, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
                except (OSError, ValueError):
                    continue
                if int(group) == self.proc.pid and state != "Z":
                    alive.append(stat.parent.name)
            if not alive:
                return True
            time.sleep(0.1)
        return False


@pytest.fixture(autouse=True)
def _no_leftover_runs():
    """A failed test must not leave its (perhaps stopped) ingest running."""
    yield
    while Run.started:
        run = Run.started.pop()
        if run.proc.poll() is None:
            os.killpg(run.proc.pid, signal.SIGKILL)
            run.proc.wait()


def check_ledger(db: Path, ref: Reference) -> tuple[int, int]:
    """The invariants any committed state must keep; returns (articles stored, articles linked)."""
    tables = snapshot(db)
    for table, rows in tables.items():
        assert len(rows) == len(set(rows)), f"duplicated rows in {table}"
    stored = {row[0] for row in tables["articles"]}
    assert stored <= ref.ids
    with duckdb.connect(str(db), read_only=True) as con:
        def count(sql: str) -> int:
            return con.execute(sql).fetchall()[0][0]

        for table in ARTICLE_TABLES:  # a stored article has all its rows, an unstored one none
            assert count(f"SELECT count(*) FROM {table} WHERE article NOT IN (SELECT id FROM articles)") == 0, table
        for table in ARTICLE_TABLES:
            found = dict(con.execute(f"SELECT article, count(*) FROM {table} GROUP BY article").fetchall())
            assert found == {a: n for a, n in ref.per_article[table].items() if a in stored}, f"half-written {table}"
        linked = count("SELECT count(story) FROM articles")
        # The link step is one transaction: a linked article has its story, features and link row;
        # an unlinked one has none of them, and every story and discrepancy belongs to linked articles.
        assert count("SELECT count(*) FROM articles WHERE story IS NOT NULL AND story NOT IN (SELECT id FROM stories)") == 0
        assert count("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM articles WHERE story IS NOT NULL)") == 0
        assert count("SELECT count(DISTINCT article) FROM story_links") == linked
        assert count("SELECT count(*) FROM story_links l JOIN articles a ON a.id = l.article "
                     "WHERE a.story IS DISTINCT FROM l.story") == 0
        assert count("SELECT count(*) FROM article_features WHERE article NOT IN "
                     "(SELECT id FROM articles WHERE story IS NOT NULL)") == 0
        assert count("SELECT count(*) FROM discrepancies WHERE story NOT IN (SELECT id FROM stories)") == 0
        assert count("SELECT count(*) FROM mentions WHERE entity IS NOT NULL AND entity NOT IN (SELECT id FROM entities)") == 0
    return len(stored), linked


def test_sigkill_at_random_points_then_resume_gives_the_uninterrupted_ledger(reference, tmp_path):
    rng = random.Random(20260_8)
    db = tmp_path / "killed.duckdb"
    # (what to wait for: commits to the database, or the line that starts the link step), then a
    # random delay, then SIGKILL.
    plan = [("commits", rng.randint(1, 4)), ("commits", rng.randint(1, 4)), ("line", "Linking"), ("line", "Linking")]
    landed = []
    stored = 0
    for what, arg in plan:
        run = Run(ingest_args(reference.feed, db), db)
        reached = run.wait_for_commits(arg) if what == "commits" else run.wait_for_line(arg)
        time.sleep(rng.uniform(0, 0.4))
        killed = reached and run.send(signal.SIGKILL)
        code, err = run.finish()
        assert killed or code == 0, err
        before = stored
        stored, linked = check_ledger(db, reference)
        assert linked in (0, stored), "linking is all or nothing"
        if not killed:
            landed.append("after the run ended")
        elif linked:
            landed.append("after the link step committed")
        elif stored == N_ARTICLES:
            landed.append(f"during linking (after storing {stored - before} articles)")
        elif stored == before:
            landed.append("before its first batch committed")
        else:
            landed.append(f"during batches (after storing {stored - before} articles)")
    print("SIGKILL landed:", "; ".join(landed))
    assert any(place.startswith("during batches") for place in landed), landed
    assert any(place.startswith("during linking") for place in landed), landed

    code, err = Run(ingest_args(reference.feed, db), db).finish()
    assert code == 0, err
    assert check_ledger(db, reference) == (N_ARTICLES, N_ARTICLES)
    assert snapshot(db) == reference.tables


INTERRUPTED = re.compile(r"^Interrupted: (\d+) articles stored by this run, (\d+) not yet linked into stories; "
                         r"run the same command again to go on", re.MULTILINE)


# (worker processes, Ctrl-C presses): one press stops after the current batch, a second one at once.
@pytest.mark.parametrize(("jobs", "presses"), [(1, 2), (2, 1)], ids=["1 job, twice", "2 jobs, once"])
def test_ctrl_c_keeps_whole_batches_and_the_rerun_goes_on(reference, tmp_path, jobs, presses):
    db = tmp_path / "stopped.duckdb"
    run = Run(ingest_args(reference.feed, db, "--jobs", str(jobs)), db)
    assert run.wait_for_commits(3)  # the schema and two batches
    for _ in range(presses):
        assert run.send(signal.SIGINT)
        time.sleep(0.05)
    code, err = run.finish(timeout=60)
    assert code == 130, err
    assert "Stopping after the current batch" in err and "Traceback" not in err
    said = INTERRUPTED.search(err)
    assert said, err
    stored, linked = check_ledger(db, reference)
    assert int(said.group(1)) == int(said.group(2)) == stored and linked == 0
    assert 0 < stored < N_ARTICLES and stored % BATCH == 0  # whole batches only
    assert run.group_is_gone(), "a worker process outlived the run"

    if jobs == 1:  # Ctrl-C once the link step has started: the articles stay, the linking is rolled back
        run = Run(ingest_args(reference.feed, db), db)
        assert run.wait_for_line("Linking")
        assert run.send(signal.SIGINT)
        code, err = run.finish(timeout=60)
        assert code == 130, err
        assert f"{N_ARTICLES - stored} articles stored by this run, {N_ARTICLES} not yet linked" in err
        assert check_ledger(db, reference) == (N_ARTICLES, 0)

    result = CliRunner().invoke(main, ingest_args(reference.feed, db)[1:])
    assert result.exit_code == 0, result.output
    assert "already stored" in result.stderr
    assert snapshot(db) == reference.tables


def _articles_in_a_copy(db: Path, copy: Path) -> int:
    """What the refusal suggests: a copy of both files reads, with the batches committed so far."""
    copy.write_bytes(db.read_bytes())
    Path(f"{copy}.wal").write_bytes(Path(f"{db}.wal").read_bytes())
    shown = CliRunner().invoke(main, ["show", "--db", str(copy)])
    assert shown.exit_code == 0, shown.output
    return int(re.match(r"newsledger: (\d+) articles", shown.stdout).group(1))


def test_a_second_process_is_refused_while_the_first_writes(reference, tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "shared.duckdb"
    write_feed(feed, 100)  # the reference's first 100 articles
    first = Run(ingest_args(feed, db), db)
    assert first.wait_for_commits(2)
    # Frozen mid-run (it keeps its lock), so that the others surely meet a writer however slow they start;
    # frozen again a moment later while no batch is stored yet (the log also grows as the schema is
    # written, in one write or several: a loaded machine once froze it there).
    deadline = time.monotonic() + 120
    while True:
        assert first.send(signal.SIGSTOP), "the first run ended before it could be frozen"
        articles = _articles_in_a_copy(db, tmp_path / "view.duckdb")
        if articles or time.monotonic() > deadline:
            break
        first.send(signal.SIGCONT)
        time.sleep(0.2)
    # whole batches only; all 100 (the last batch is short) when the stop landed after the final commit
    assert articles > 0 and (articles % BATCH == 0 or articles == 100)
    others = {
        "ingest": ingest_args(feed, db, "--quiet"),
        "show": [str(EXE), "show", "--db", str(db)],  # export opens the database the same way
        "serve": [str(EXE), "serve", "--db", str(db), "--port", "0"],
    }
    started = {name: subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name, args in others.items()}
    for name, other in started.items():
        _, stderr = other.communicate(timeout=120)
        assert other.returncode == 3, (name, stderr)
        assert stderr.startswith("error: ") and "Traceback" not in stderr, stderr
        if name == "ingest":
            assert "in use by another newsledger process" in stderr
        else:
            assert "is writing to this database" in stderr and "Try: wait for it to finish" in stderr
    first.send(signal.SIGCONT)
    code, err = first.finish()
    assert code == 0, err
    assert check_ledger(db, reference) == (100, 100)


def test_the_api_stops_between_batches_and_rolls_back_the_link_step(tmp_path):
    from newsledger import Ledger
    from newsledger.options import Options

    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 3 * BATCH)
    with Ledger(tmp_path / "api.duckdb", Options(batch_size=BATCH)) as ledger:
        report = ledger.ingest([feed], stop=lambda: True)  # asked after the first stored batch
        assert report.interrupted and report.added == BATCH and report.stories_changed == 0

        linking = []
        report = ledger.ingest([feed], stop=lambda: bool(linking), linking=linking.append)
        assert report.interrupted and report.added == 2 * BATCH and linking == [3 * BATCH]
        assert ledger.store.scalar("SELECT count(*) FROM articles WHERE story IS NULL") == 3 * BATCH
        assert ledger.store.scalar("SELECT count(*) FROM story_links") == 0

        report = ledger.ingest([feed])
        assert not report.interrupted and report.skipped == 3 * BATCH and report.stories_changed > 0
        assert ledger.store.scalar("SELECT count(*) FROM articles WHERE story IS NULL") == 0
