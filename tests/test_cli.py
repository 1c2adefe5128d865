"""The command line, in-process (click's runner) and as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger import errors as E
from newsledger.cli import main
from newsledger.ledger import SAMPLES

COMMANDS = ["demo", "ingest", "load", "show", "export", "serve", "report", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: newsledger " + command in result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "ledger.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(path), "--quiet", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    return path


def test_show_prints_the_story_and_the_update(db):
    result = CliRunner().invoke(main, ["show", "--db", str(db)])
    assert result.exit_code == 0
    out = result.output
    assert "STORY st_" in out and "(2 articles, 2023-06-21 … 2023-07-02)" in out
    assert "killed: UPDATE" in out and "injured: PRECISION" in out
    assert "in a series of tweets" in out and "reported by Press TV" in out


def test_show_opens_each_story_with_its_incident_and_the_progression_of_its_tolls(db):
    out = CliRunner().invoke(main, ["show", "--db", str(db)]).output
    incident = out[out.index("  Incident"):out.index("  Articles")]
    assert "date     2023-06-20" in incident
    assert "killed   ≥2  (2 articles)" in incident  # the latest report's toll, then each report's
    assert incident.index("“At least one”") < incident.index("“At least two”")
    assert "injured  36  (2 articles)" in incident


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_export_folder_formats(db, tmp_path, fmt):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {f"{k}.{fmt}" for k in ("articles", "statements", "events", "discrepancies")} <= names


def test_export_json_is_one_object(db, tmp_path):
    out = tmp_path / "ledger.json"
    assert CliRunner().invoke(main, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text())
    assert len(data["articles"]) == 2 and len(data["stories"]) == 1


def _run(*args, cwd=None):
    exe = Path(sys.executable).parent / "newsledger"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_bad_inputs_are_named_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SAMPLES / "000_47efa3854fc7cff5.txt").read_text())
    (folder / "empty.txt").write_text("")
    (folder / "broken.jsonl").write_text('{"text": "Police raided the camp on Tuesday, officials said."}\n{not json\n')
    (folder / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    db = tmp_path / "l.duckdb"
    result = _run("ingest", str(folder), "--db", str(db), "--quiet")
    assert result.returncode == 1
    err = result.stderr
    assert "empty.txt" in err and "broken.jsonl:2" in err and "bad.txt" in err
    shown = _run("show", "--db", str(db))
    assert shown.returncode == 0 and "newsledger: 2 articles" in shown.stdout


def test_a_missing_database_is_one_clear_line(tmp_path):
    result = _run("show", "--db", str(tmp_path / "nope.duckdb"))
    assert result.returncode == 3
    assert result.stderr.strip().startswith("error:") and "no such ledger database" in result.stderr
    assert "Traceback" not in result.stderr


# A writer (an ingest) or a reader (serve, show, export) holding the file; tests/test_interrupt.py has a real ingest.
@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_a_database_in_use_is_refused_cleanly(tmp_path, read_only):
    db = tmp_path / "busy.duckdb"
    if read_only:
        CliRunner().invoke(main, ["ingest", str(SAMPLES / "000_47efa3854fc7cff5.txt"), "--db", str(db), "--quiet"])
    holder = subprocess.Popen(
        [sys.executable, "-c", (f"import duckdb, time; c = duckdb.connect({str(db)!r}, read_only={read_only}); "
                                "print('ok', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = _run("ingest", str(SAMPLES), "--db", str(db), "--quiet")
        assert result.returncode == 3
        assert "in use by another" in result.stderr and "Traceback" not in result.stderr
        assert "serve, show or export reading it" in result.stderr  # the other may be a reader
        if read_only:  # readers share the file
            shown = CliRunner().invoke(main, ["show", "--db", str(db)])
            assert shown.exit_code == 0 and "newsledger: 1 articles" in shown.stdout, shown.output
    finally:
        holder.kill()


def test_a_database_that_is_not_a_ledger_is_one_clear_line(tmp_path):
    import duckdb

    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()  # a DuckDB file without the ledger's tables
    for command in (["show"], ["export", "-o", str(tmp_path / "x.json")]):
        result = CliRunner().invoke(main, [*command, "--db", str(db)])
        assert isinstance(result.exception, E.StoreError), result.output
        assert "not a newsledger ledger" in str(result.exception) and "copy its .wal file too" in str(result.exception)


def test_demo_stores_the_samples_where_serve_looks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["demo", "--today", "2026-11-23"])
    assert first.exit_code == 0, first.output
    assert "STORY st_" in first.stdout
    assert (tmp_path / "ledger.duckdb").is_file()
    assert "newsledger serve --db ledger.duckdb" in first.stderr
    again = CliRunner().invoke(main, ["demo", "--today", "2026-11-23"])
    assert "0 added, 2 already stored" in again.stderr
