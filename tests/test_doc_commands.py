"""Every command and Python snippet in README.md and docs/*.md runs, as written.

Each fenced ```sh / ```bash / ```console / ```python block runs in a scratch folder of its own
whose path holds a space and non-ASCII letters, with what the docs assume is there: the sample
articles in ``articles/``, a ``feed.jsonl`` and a ``page.html``; a block that writes no ledger
(``serve``, ``report``) also finds ``ledger.duckdb``, a copy of the ledger built once per session
from those inputs. A shell block runs line by line, each ``&&`` part as its own command, as the
docs write it: placeholders (``ID``, ``st_…``, ``PATH...``, ``DIR``) are filled from that ledger
and folder, ``[--json]`` is given, ``.venv/bin/`` is this virtual environment. ``newsledger``
commands run in this process through ``newsledger.cli:run``, the function the ``newsledger``
script calls (so the model loads once, and Spark's JVM starts once for the four Spark commands);
other commands run as processes. Every command must exit 0 with no traceback and no ``error:``
line, and leave the files it names with ``-o``, ``--out`` or ``--db``. A Python block's commented expressions are checked
(``tests/doc_snippet.py``). A ```sql block runs in DuckDB in the folder of the block before it; a
```json block must have the keys of the ``--json`` output of the block before it. Blocks without
a language are listings (help texts, a folder layout) and are not run; any other language fails
the collection, so no block goes unrun by accident.

What cannot run here is in ``SKIPS`` (each with its reason, and each must still match a documented
command) or runs in a bounded form: ``serve`` is started on a free port, asked for two pages and
stopped with Ctrl-C; ``eval`` scores 2 documents (``--limit 2``) and skips where the benchmarks
are absent; Spark blocks skip where PySpark or Java is missing, and a block whose first line
installs an extra (``.[eval]``) where that extra is missing.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import doc_snippet
from newsledger import cli
from newsledger.cli import main
from newsledger.ledger import SAMPLES
from newsledger.store.database import LedgerStore

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
RUN = {"sh", "bash", "console", "python"}
ATTACHED = {"sql", "json"}  # run in, or checked against, the block before them
LISTING = ""  # a fence without a language: a help text, a folder layout; nothing to run
SCRATCH = "scratch – été 文"  # every block runs under a path with a space and non-ASCII letters
FIRST_SAMPLE = "000_47efa3854fc7cff5.txt"
TIMEOUT = 300

# A documented command that cannot run in CI, and why. Each must match some command of the docs.
SKIPS = {
    r"^python3\.11 -m venv ": "creates the virtual environment this test already runs in",
    r"\bpip install\b": ("installs from PyPI (network, minutes); .ci/run installs '.[test]' before the tests, and a "
                         "block whose line installs another extra skips where that extra is missing (EXTRAS)"),
    r"-m pytest\b": "the test suite, which holds this test; .ci/run runs exactly this line (tests/test_docs.py)",
}
WRITERS = {"ingest", "demo", "load"}  # commands that create or fill a ledger
EXTRAS = {"eval": "textacy", "spark": "pyspark"}  # an extra a block installs first → a module it brings

FEED = [
    {"id": "feed-1", "outlet": "Balkan Wire", "published": "2023-06-21", "title": "Police storm Ashraf-3 camp",
     "text": "Police in Albania stormed the Ashraf-3 camp near Tirana on Tuesday. One person was killed and 40 were "
             "injured, a police spokesman said in a statement."},
    {"outlet": "Metro News", "published": "2023-09-12",
     "text": "A fire at a textile factory in Dhaka on Monday injured 30 workers, the fire service said. The blaze "
             "started in a storage room and spread quickly."},
]
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rama: MKO must leave | Tehran Times</title>
<meta property="article:published_time" content="2023-07-02T10:00:00+03:30">
<link rel="canonical" href="https://www.tehrantimes.com/news/1234/rama"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Rama: MKO must leave</h1>
<p>Albanian Prime Minister Edi Rama has said the Mujahedin-e Khalq Organization (MKO) must leave the
country if they seek war with Iran.</p>
<p>“The MKO has been present in our country for years,” Rama said in an interview with the German
magazine Spiegel.</p></article></body></html>
"""


def _missing(block: "Block") -> str | None:
    """Why the block cannot run here: an extra that its `pip install` line installs, or Spark's Java."""
    import importlib.util

    for extra in re.findall(r"pip install .*?\[(\w+)\]", block.text):
        module = EXTRAS.get(extra)
        if module and importlib.util.find_spec(module) is None:
            return f"it installs newsledger[{extra}] first, and {module} is not installed here"
    spark = re.search(r"--engine spark|engine import spark|^java ", block.text, re.M)
    if spark and importlib.util.find_spec("pyspark") is None:
        return "it runs Spark, and PySpark is not installed (pip install 'newsledger[spark]')"
    if spark and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "it runs Spark, and there is no Java runtime (no java on PATH, no JAVA_HOME)"
    return None


# -- collecting ------------------------------------------------------------------------------


@dataclass
class Block:
    doc: str
    line: int  # of the opening fence
    lang: str
    text: str

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


@dataclass
class Unit:
    """A block to run and the blocks attached to it (```sql, ```json right after it)."""

    block: Block
    attached: list[Block] = field(default_factory=list)


def fenced_blocks(path: Path) -> list[Block]:
    found, lines = [], path.read_text(encoding="utf-8").splitlines()
    name = path.relative_to(ROOT).as_posix()
    opened = None
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            if opened is None:
                opened = (number, line[3:].strip().lower(), [])
            else:
                found.append(Block(name, opened[0], opened[1], "\n".join(opened[2]) + "\n"))
                opened = None
        elif opened is not None:
            opened[2].append(line)
    assert opened is None, f"{name}:{opened[0]}: a fence that is never closed"
    return found


def collect() -> list[Unit]:
    units: list[Unit] = []
    for path in DOCS:
        page: list[Unit] = []
        for block in fenced_blocks(path):
            if block.lang in RUN:
                page.append(Unit(block))
            elif block.lang in ATTACHED:
                assert page, f"{block.name}: a ```{block.lang} block with no block before it to run with"
                page[-1].attached.append(block)
            else:
                assert block.lang == LISTING, (f"{block.name}: a ```{block.lang} block: run it here (RUN), attach "
                                               "it (ATTACHED), or drop the language if it is a listing")
        units += page
    return units


def shell_lines(block: Block) -> list[str]:
    """The commands of a shell block: continuation lines joined; for ```console only the `$ ` lines."""
    text = block.text.replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    if block.lang == "console":
        lines = [line[2:] for line in lines if line.startswith("$ ")]
    return [line for line in lines if line and not line.startswith("#")]


def parts(line: str) -> list[list[str]]:
    """A command line as its ``&&`` parts, each a list of words (quotes and comments as a shell reads them)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    assert all(word not in {"|", ";", "||", "&", ">", "<"} or word == "&&" for word in words), (
        f"{line!r}: only '&&' chains are run here; add support for what this line uses")
    found, current = [], []
    for word in words:
        if word == "&&":
            found.append(current)
            current = []
        else:
            current.append(word)
    return [*found, current]


UNITS = collect()


# -- the scratch folder and the session's ledger ----------------------------------------------


@pytest.fixture(scope="session")
def inputs(tmp_path_factory) -> Path:
    """What the docs assume is in the folder: articles/, feed.jsonl, page.html."""
    folder = tmp_path_factory.mktemp("doc-inputs")
    (folder / "articles").mkdir()
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(sample, folder / "articles" / sample.name)
    (folder / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FEED), "utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def session_ledger(inputs, tmp_path_factory) -> tuple[Path, str]:
    """A real ledger of the inputs, built once; and the id of the samples' story (the docs' ``ID``)."""
    db = tmp_path_factory.mktemp("doc-ledger") / "ledger.duckdb"
    paths = [str(inputs / name) for name in ("articles", "feed.jsonl", "page.html")]
    result = CliRunner().invoke(main, ["ingest", *paths, "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    store = LedgerStore(db, read_only=True)
    try:
        story = store.scalar("SELECT story FROM articles WHERE source LIKE ?", [f"%{FIRST_SAMPLE}"])
        assert store.scalar("SELECT count(*) FROM articles WHERE story = ?", [story]) >= 2
    finally:
        store.close()
    assert story and story.startswith("st_")
    return db, story


def _placeholders(story: str) -> dict[str, str]:
    return {"ID": story, "st_…": story, "PATH...": "articles/", "DIR": "spark-out/"}


def _fill(words: list[str], story: str) -> list[str]:
    filled = []
    for word in words:
        word = _placeholders(story).get(word, word)
        if re.fullmatch(r"\[(-[^\]]+)\]", word):  # an optional flag, e.g. [--json]: run the fuller form
            word = word[1:-1]
        if word.startswith(".venv/bin/"):
            word = str(BIN / word.removeprefix(".venv/bin/"))
        filled.append(word)
    return filled


def _env() -> dict[str, str]:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONUNBUFFERED="1")
    env.pop("NEWSLEDGER_BENCHMARKS", None)
    if BENCHMARKS.is_dir():  # the docs' default, ../shared/benchmarks, seen from the scratch folder instead
        env["NEWSLEDGER_BENCHMARKS"] = str(BENCHMARKS)
    return env


# -- running -----------------------------------------------------------------------------------


def _skip_reason(words: list[str]) -> str | None:
    text = shlex.join(words)
    for pattern, reason in SKIPS.items():
        if re.search(pattern, text):
            return reason
    return None


def _newsledger_command(words: list[str]) -> str | None:
    if words and Path(words[0]).name == "newsledger":
        return next((w for w in words[1:] if not w.startswith("-")), None)
    return None


def _check_ran(words: list[str], result: subprocess.CompletedProcess, folder: Path) -> None:
    shown = f"$ {shlex.join(words)}\n{result.stdout}{result.stderr}"
    assert result.returncode == 0, shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert not [line for line in result.stderr.splitlines() if line.startswith("error:")], shown
    for flag in ("-o", "--output", "--out", "--db"):
        if flag in words:
            target = folder / words[words.index(flag) + 1]
            assert target.exists(), f"{shown}\n{flag} {target} was not written"


def _serve(words: list[str], folder: Path, story: str) -> None:
    """Bounded: on a free port, two pages asked for, then Ctrl-C; it must stop cleanly."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    words = [*words, "--port", str(port)]
    server = subprocess.Popen(words, cwd=folder, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        first = server.stderr.readline()
        assert first.startswith("Serving") and f":{port}/" in first, first + server.stderr.read()
        for path, needle in ((f"/stories/{story}", story), ("/api/openapi.json", '"openapi"')):
            for _ in range(100):  # uvicorn binds just after the line is printed
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
                        assert answer.status == 200 and needle in answer.read().decode("utf-8")
                    break
                except (ConnectionRefusedError, urllib.error.URLError) as exc:
                    if not isinstance(getattr(exc, "reason", exc), ConnectionRefusedError):
                        raise
                    time.sleep(0.1)
            else:
                raise AssertionError(f"{shlex.join(words)}: nothing listens on port {port}")
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    _check_ran(words, subprocess.CompletedProcess(words, server.returncode, out, err), folder)


def _in_process(call, words: list[str], folder: Path) -> subprocess.CompletedProcess:
    """``call()`` run in ``folder`` with its output captured; its return value or SystemExit is the exit code."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = call() or 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    return subprocess.CompletedProcess(words, code, out.getvalue(), err.getvalue())


def run_shell(block: Block, folder: Path, story: str, ran: list[str], skipped: list[str],
              absent: list[str]) -> str | None:
    """Runs the block's commands in order; returns the output of its last ``--json`` command. A command
    in ``SKIPS`` goes to ``skipped``; one that needs what this machine lacks (the benchmarks) to ``absent``."""
    last_json = None
    for line in shell_lines(block):
        for words in parts(line):
            reason = _skip_reason(words)
            if reason:
                skipped.append(f"{shlex.join(words)}: {reason}")
                continue
            words = _fill(words, story)
            command = _newsledger_command(words)
            if command == "serve":
                _serve(words, folder, story)
                ran.append(shlex.join(words))
                continue
            if command == "eval":
                if not BENCHMARKS.is_dir():
                    absent.append(f"{shlex.join(words)}: the benchmarks ({BENCHMARKS}) are not on this machine")
                    continue
                words = [*words, "--limit", "2"]  # bounded: two documents, a run of seconds
            if command is not None:  # what the `newsledger` script runs, in this process (one model, one JVM)
                result = _in_process(lambda args=words[1:]: cli.run(args), words, folder)
            else:
                result = subprocess.run(words, cwd=folder, env=_env(), capture_output=True, text=True,
                                        timeout=TIMEOUT)
            _check_ran(words, result, folder)
            ran.append(shlex.join(words))
            if "--json" in words:
                last_json = result.stdout
    return last_json


def run_python(block: Block, folder: Path, ran: list[str]) -> None:
    snippet = folder / "snippet.py"
    snippet.write_text(block.text, encoding="utf-8")
    result = _in_process(lambda: doc_snippet.main(snippet.name), ["python", snippet.name], folder)
    assert result.returncode == 0 and "Traceback" not in result.stderr, f"{block.name}\n{result.stdout}{result.stderr}"
    ran.append(f"python snippet ({len(block.text.splitlines())} lines; {result.stdout.count('checked ')} checked)")


def _writes_ledger(block: Block) -> bool:
    if block.lang == "python":
        return True
    return any(_newsledger_command(words) in WRITERS for line in shell_lines(block) for words in parts(line))


def _same_keys(documented: dict, actual: dict, where: str = "") -> list[str]:
    missing = []
    for key, value in documented.items():
        if key == "...":
            continue
        if key not in actual:
            missing.append(f"{where}{key}")
        elif isinstance(value, dict) and isinstance(actual[key], dict):
            missing += _same_keys(value, actual[key], f"{where}{key}.")
    return missing


@pytest.mark.parametrize("unit", UNITS, ids=[u.block.name for u in UNITS])
def test_documented_block_runs_as_written(unit, inputs, session_ledger, tmp_path, monkeypatch):
    block = unit.block
    if missing := _missing(block):
        pytest.skip(f"{block.name} cannot run here: {missing}")
    db, story = session_ledger
    for name, value in _env().items():  # commands run in this process see what a subprocess would
        monkeypatch.setenv(name, value)
    if "NEWSLEDGER_BENCHMARKS" not in _env():
        monkeypatch.delenv("NEWSLEDGER_BENCHMARKS", raising=False)
    folder = tmp_path / SCRATCH
    shutil.copytree(inputs, folder)
    if not _writes_ledger(block):  # it reads the ledger its page assumes was made
        shutil.copy(db, folder / "ledger.duckdb")
    ran: list[str] = []
    skipped: list[str] = []
    absent: list[str] = []
    last_json = None
    if block.lang == "python":
        run_python(block, folder, ran)
    else:
        last_json = run_shell(block, folder, story, ran, skipped, absent)
    for extra in unit.attached:
        if extra.lang == "json" and last_json is None and absent:
            absent.append(f"{extra.name}: the output of a command that could not run here")
            continue
        if extra.lang == "sql":
            with contextlib.chdir(folder):  # its paths are relative to where the reader runs it
                rows = duckdb.connect().execute(extra.text).fetchall()
            assert rows, f"{extra.name}: the query returned no rows"
            ran.append(f"sql ({len(rows)} rows)")
        else:
            assert last_json is not None, f"{extra.name}: no --json command in {block.name} to compare it with"
            missing = _same_keys(json.loads(extra.text), json.loads(last_json))
            assert not missing, f"{extra.name}: keys the output lacks: {missing}"
            ran.append("json shape")
    print(f"{block.name}: ran {ran}; skipped {skipped}; cannot run here {absent}")
    if not ran and absent:
        pytest.skip(f"{block.name}: nothing of it can run here: {absent}")
    assert ran, f"{block.name}: every command of the block was skipped: {skipped}"


def test_the_collection_sees_the_blocks_it_should():
    names = {u.block.name: u for u in UNITS}
    readme_spark = next(u for u in UNITS if u.block.doc == "README.md" and "--engine spark" in u.block.text)
    assert "--master 'local[4]' articles/ --out spark-out/" in readme_spark.block.text
    assert {u.block.doc for u in UNITS} >= {"README.md", "docs/cli.md", "docs/spark.md", "docs/api.md", "docs/web.md",
                                            "docs/evaluation.md"}
    assert [b.lang for u in UNITS if u.block.doc == "docs/spark.md" for b in u.attached] == ["sql"]
    assert [b.lang for u in UNITS if u.block.doc == "docs/evaluation.md" for b in u.attached] == ["json"]
    assert len(names) == len(UNITS)


def test_every_skip_still_matches_a_documented_command():
    commands = [shlex.join(words) for u in UNITS if u.block.lang != "python"
                for line in shell_lines(u.block) for words in parts(line)]
    for pattern in SKIPS:
        assert any(re.search(pattern, c) for c in commands), f"SKIPS entry {pattern!r} matches no documented command"
    skipped = [c for c in commands if _skip_reason(shlex.split(c))]
    assert len(skipped) <= len(commands) // 4, f"most documented commands would be skipped: {skipped}"


def test_placeholders_are_filled_on_words_only():
    assert _fill(["newsledger", "report", "--story", "ID", "-o", "story.html"], "st_1") == [
        "newsledger", "report", "--story", "st_1", "-o", "story.html"]
    assert _fill(["newsledger", "eval", "x", "[--json]", "IDS"], "st_1")[-2:] == ["--json", "IDS"]
    assert parts("a 'b && c' && d # e && f") == [["a", "b && c"], ["d"]]


def test_the_newsledger_script_is_the_entry_point_these_commands_run():
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="newsledger")
    assert script.value == "newsledger.cli:run"
