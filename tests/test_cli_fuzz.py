"""No command ends in a traceback: generated commands, paths and options through the CLI.

Each example builds a command of ``newsledger`` (every command but a ``serve`` that would start)
in a fresh folder: its inputs and outputs get generated names (spaces, non-ASCII letters, quotes,
brackets, ``#``, ``%``, emoji), spelled relative, ``./``-relative, absolute or under a subfolder;
inputs are there or missing; bad options are added or not. It runs through
``newsledger.cli.run``, what the ``newsledger`` script calls, and must

- never print a traceback, and exit 0, 1, 2 or 3 (never 4: the catch-all for unexpected errors
  firing is a bug found);
- say a failure in one line: exit 3 prints exactly one ``error:`` line, exit 2 click's ``Error:``;
- when every input is there and no option is bad, succeed (exit 0) and leave what it writes where
  the path says, whatever the path's spelling.

Then the catch-all itself: an unexpected error is one line naming the trace file, exit 4.
Derandomized like tests/test_fuzz.py's "ci" profile, so it explores the same cases each run.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger import cli
from newsledger import errors as E
from newsledger.ledger import SAMPLES
from newsledger.store import parquet
from newsledger.store.database import LedgerStore

pytestmark = pytest.mark.model

TODAY = "2026-11-23"
ARTICLE = ("date 2023-06-21\nAlbanian police raided the Ashraf-3 camp of the MKO on Tuesday, officials said. "
           "At least two people were killed, the interior ministry told reporters.\n")
CHARS = list("abcXYZ019 _-.'\"()[]&#%,+=~;éßü文ёا🙂") + ["\u00a0"]
# Names that broke something once or that shells and SQL treat specially, then any mix of the characters.
KNOWN_NAMES = ["a b", "ré sumé", "文件", "x[1]", "*?", "why?", "it's", '"q"', "#1 %20", "🙂 ü", " lead", "trail ", "a;b&c"]
NAMES = st.one_of(st.sampled_from(KNOWN_NAMES), st.text(alphabet=st.sampled_from(CHARS), min_size=1, max_size=10)).filter(
    lambda n: n not in {".", ".."} and not n.startswith("-") and n.strip())
SPELLINGS = ["relative", "dot", "absolute", "nested"]
# Options each command has, given values it must refuse; and options no command has.
PIPELINE_BAD = [["--batch-size", "0"], ["--batch-size", "-1"], ["--max-article-chars", "0"], ["--jobs", "0"],
                ["--today", "2023-02-30"], ["--today", "yesterday"], ["--model", "no_such_model"]]
BAD_OPTIONS = {
    "ingest": [*PIPELINE_BAD, ["--engine", "hadoop"], ["--format", "xml"], ["--db"]],
    "demo": PIPELINE_BAD,
    "show": [["--width", "3"], ["--width", "0"], ["--width", "-1"], ["--width", "wide"]],
    "export": [["--format", "xml"], ["-o"]],
    "report": [["--story"], ["--story", ""]],
    "load": [["--db"]],
    "eval": [["--limit", "0"], ["--limit", "-1"], ["--split", "nope"], ["--jobs", "0"]],
    "serve": [["--port", "70000"], ["--port", "-1"], ["--host", "no.such.host.invalid"]],
    "spark": [["--master", "nowhere://x"], ["--jobs", "2"]],
}
UNKNOWN_OPTIONS = [["--nope"], ["-Z"], ["--db=", "--db="]]
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@dataclass
class Resources:
    article: Path
    ledger: Path
    story: str
    parquet: Path
    articles: int


@pytest.fixture(scope="module")
def resources(tmp_path_factory) -> Resources:
    base = tmp_path_factory.mktemp("cli-fuzz")
    article = base / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ledger = base / "ledger.duckdb"
    result = CliRunner().invoke(cli.main, ["ingest", str(SAMPLES), "--db", str(ledger), "--quiet", "--today", TODAY])
    assert result.exit_code == 0, result.output
    store = LedgerStore(ledger, read_only=True)
    try:
        story = store.scalar("SELECT min(id) FROM stories")
        counts = parquet.write(store, base / "parquet", engine="local")
    finally:
        store.close()
    return Resources(article, ledger, story, base / "parquet", counts["articles"])


@dataclass
class Case:
    args: list[str] = field(default_factory=list)
    valid: bool = True  # every input there, every option good: it must succeed
    leaves: Path | None = None  # what it must write then


class Builder:
    def __init__(self, draw, folder: Path):
        self.draw, self.folder = draw, folder

    def path(self, suffix: str = "", source: Path | None = None, present: bool = True) -> tuple[str, Path]:
        """A generated name, spelled one way or another; ``source`` is copied there when ``present``."""
        name = self.draw(NAMES) + suffix
        while (self.folder / name).exists():
            name = "_" + name
        spelling = self.draw(st.sampled_from(SPELLINGS))
        where = self.folder / self.draw(NAMES) if spelling == "nested" else self.folder
        real = where / name
        if source is not None and present:
            where.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if source.is_dir() else shutil.copy)(source, real)
        spelled = {"relative": name, "dot": f"./{name}", "absolute": str(real),
                   "nested": str(real.relative_to(self.folder))}[spelling]
        return spelled, real

    def maybe(self, case: Case, source: Path, suffix: str = "") -> str:
        present = self.draw(st.integers(0, 4)) > 0  # mostly there
        case.valid &= present
        return self.path(suffix, source, present)[0]

    def db(self, case: Case, source: Path | None = None, present: bool = True) -> tuple[str, Path]:
        """A ledger's path: one with a '?' is refused (DuckDB reads it as options), with exit 3."""
        spelled, real = self.path(".duckdb", source, present)
        case.valid &= "?" not in str(real)
        return spelled, real


COMMANDS = ["ingest", "show", "export", "report", "load", "demo", "eval", "serve", "spark"]
CAN_SUCCEED = {"ingest", "show", "export", "report", "load", "demo"}


def build(draw, folder: Path, res: Resources, command: str) -> Case:
    b, case = Builder(draw, folder), Case()
    if command == "ingest":
        article = b.maybe(case, res.article, ".txt")
        db, real = b.db(case, res.ledger, draw(st.booleans()))
        case.args, case.leaves = ["ingest", article, "--db", db, "--quiet", "--today", TODAY], real
    elif command == "show":
        db = b.db(case, res.ledger, draw(st.integers(0, 4)) > 0)[0]
        case.valid &= (b.folder / db).exists()
        case.args = ["show", "--db", db, "--width", str(draw(st.integers(20, 200)))]
    elif command == "export":
        fmt = draw(st.sampled_from(["json", "jsonl", "csv", "parquet"]))
        db = b.db(case, res.ledger, draw(st.integers(0, 4)) > 0)[0]
        case.valid &= (b.folder / db).exists()
        out, real = b.path(".json" if fmt == "json" else "")
        case.args, case.leaves = ["export", "--db", db, "--format", fmt, "-o", out], real
    elif command == "report":
        db = b.db(case, res.ledger, draw(st.integers(0, 4)) > 0)[0]
        case.valid &= (b.folder / db).exists()
        known = draw(st.booleans())
        case.valid &= known
        out, real = b.path(".html")
        case.args = ["report", "--db", db, "--story", res.story if known else "st_" + draw(NAMES), "-o", out]
        case.leaves = real
    elif command == "load":
        folder = b.maybe(case, res.parquet)
        db, real = b.db(case)
        case.args, case.leaves = ["load", folder, "--db", db], real
    elif command == "demo":
        db, real = b.db(case)
        case.args, case.leaves = ["demo", "--db", db, "--quiet", "--today", TODAY], real
    elif command == "eval":  # no benchmark here: missing or empty data, a clear refusal
        data, real = b.path("")
        if draw(st.booleans()):
            real.mkdir(parents=True)
            (real / "README.md").write_text("not a benchmark\n", encoding="utf-8")
        task = draw(st.sampled_from(sorted(cli.TASKS)))
        case.args, case.valid = ["eval", task, "--data", data, "--limit", "1"], False
    elif command == "serve":  # only ways that must not start a server: no ledger, or a file that is none
        db = b.path(".duckdb", res.article, draw(st.booleans()))[0]
        case.args, case.valid = ["serve", "--db", db, "--port", "0"], False
    else:  # --engine spark refused before Spark starts: no --out, a local-engine option, or a full --out
        article = b.maybe(case, res.article, ".txt")
        way = draw(st.sampled_from(["no out", "db", "full out"]))
        out = b.path("", res.parquet)[0]
        extra = {"no out": [], "db": ["--out", out + "-new", "--db", "x.duckdb"], "full out": ["--out", out]}[way]
        case.args, case.valid = ["ingest", "--engine", "spark", article, *extra, "--quiet"], False
    if draw(st.integers(0, 2)) == 0:
        case.args = case.args + draw(st.sampled_from(BAD_OPTIONS[command] + UNKNOWN_OPTIONS))
        case.valid = False
    return case


def invoke(args: list[str], folder: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.run(args)
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_generated_commands_never_end_in_a_traceback(command, resources, tmp_path, monkeypatch):
    codes: set[int] = set()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # a bug found leaves its trace files here

    @FUZZ
    @given(st.data())
    def check(data):
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        case = build(data.draw, folder, resources, command)
        code, out, err = invoke(case.args, folder)
        shown = f"newsledger {case.args!r} in {folder}\nexit {code}\n{out}{err}"
        assert "Traceback" not in out + err, shown
        assert code in (E.EXIT_OK, E.EXIT_SOME_INPUTS_FAILED, E.EXIT_USAGE, E.EXIT_FAILED), shown
        if code == E.EXIT_FAILED:
            assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1, shown
        if code == E.EXIT_USAGE:
            assert err.count("Error: ") == 1, shown
        if case.valid:
            assert code == E.EXIT_OK, shown
            if case.leaves is not None:
                assert case.leaves.exists(), shown
        else:
            assert code != E.EXIT_OK, shown
        codes.add(code)
        shutil.rmtree(folder, ignore_errors=True)

    check()
    # The generator reached both outcomes: a command that can succeed did, and failed too.
    assert codes - {E.EXIT_OK}, codes
    assert (E.EXIT_OK in codes) == (command in CAN_SUCCEED), codes


def test_valid_commands_write_what_they_name(resources, tmp_path):
    """The same paths the generator makes, checked for content: a load and a report under odd names."""
    folder = tmp_path / "dossier ré [1] 'q' #文 🙂"
    shutil.copytree(resources.parquet, folder / "parquet *? é")
    code, out, err = invoke(["load", "parquet *? é", "--db", "sub dir é/l [1].duckdb"], folder)
    assert code == 0, out + err
    assert f"{resources.articles:,} articles" in out
    code, out, err = invoke(["report", "--db", "./sub dir é/l [1].duckdb", "--story", resources.story, "-o",
                             "out é/story #1.html"], folder)
    assert code == 0, out + err
    assert resources.story in (folder / "out é" / "story #1.html").read_text(encoding="utf-8")


# -- the catch-all ---------------------------------------------------------------------------


@pytest.fixture
def traces(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "traces"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _breaking_summary(monkeypatch, exc: BaseException) -> None:
    def summary(self, width=100):
        raise exc

    monkeypatch.setattr(cli.Ledger, "summary", summary)


def test_an_unexpected_error_is_one_line_and_its_trace_is_kept(resources, traces, monkeypatch, tmp_path):
    _breaking_summary(monkeypatch, RuntimeError("the summary broke\non two lines"))
    code, out, err = invoke(["show", "--db", str(resources.ledger)], tmp_path)
    assert code == E.EXIT_UNEXPECTED == 4
    assert out == "" and len(err.splitlines()) == 1
    (trace,) = traces.iterdir()
    assert err == (f"error: newsledger show failed unexpectedly: RuntimeError: the summary broke on two lines. This is "
                   f"a bug in newsledger; the full trace is in {trace}. Try: report it with that file\n")
    text = trace.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in summary" in text and "the summary broke" in text
    assert text.startswith("newsledger ") and f"command: newsledger show --db {resources.ledger}\n" in text


def test_a_refused_file_operation_names_the_file(resources, traces, monkeypatch, tmp_path):
    _breaking_summary(monkeypatch, PermissionError(13, "Permission denied", "/srv/ledgers/x.duckdb"))
    code, out, err = invoke(["show", "--db", str(resources.ledger)], tmp_path)
    (trace,) = traces.iterdir()
    assert code == E.EXIT_FAILED
    assert err == (f"error: newsledger show: /srv/ledgers/x.duckdb: Permission denied (the full trace is in {trace}). "
                   "Try: check that path and its permissions\n")


def test_a_trace_that_cannot_be_written_is_said(resources, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    _breaking_summary(monkeypatch, KeyError("x"))
    code, _, err = invoke(["show", "--db", str(resources.ledger)], tmp_path)
    assert code == E.EXIT_UNEXPECTED
    assert "KeyError: 'x'" in err and "its trace could not be written to the temporary folder" in err
    assert len(err.splitlines()) == 1


def test_a_closed_pipe_ends_quietly(resources, monkeypatch, tmp_path):
    """`newsledger show | head`: click itself ends a command whose output's reader went away, with 1."""
    _breaking_summary(monkeypatch, BrokenPipeError(32, "Broken pipe"))
    code, out, err = invoke(["show", "--db", str(resources.ledger)], tmp_path)
    assert (code, out, err) == (E.EXIT_SOME_INPUTS_FAILED, "", "")


def test_the_exit_codes_are_the_documented_ones():
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Errors and exit codes"):]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    assert documented == {value for name, value in vars(E).items() if name.startswith("EXIT_")}
