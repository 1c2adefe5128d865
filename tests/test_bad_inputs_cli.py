"""The bad-input matrix, end to end: one folder holding every kind of bad input beside good
articles, through ``newsledger ingest``.

Each bad input must be named on stderr (file, line where it applies, what is wrong, what to
try) and kept in ``input_errors``; everything else must be stored and linked; the exit code is
1; a second run changes nothing. docs/robustness.md lists the same cases with these messages.
"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import re
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.ledger import SAMPLES

pytestmark = pytest.mark.model

ROBUSTNESS_DOC = Path(__file__).resolve().parents[1] / "docs" / "robustness.md"
TODAY = "2026-11-23"
BODY = "Albanian police raided the camp of the MKO near Durres on Tuesday and one person died, officials said."
HUGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Failure:
    line: int | None
    reason: str  # a part of the message that says what is wrong
    hint: str  # a part of what it says to try


@dataclass(frozen=True)
class Case:
    name: str  # the file (or folder entry) in the matrix folder
    what: str  # the case as the issue names it
    stored: int = 0  # articles it must add
    failures: tuple[Failure, ...] = ()
    note: str | None = None  # a part of the note printed for a stored article


def nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + f"<p>{BODY}</p>" + "</div>" * depth + "</body></html>"


JSONL_HINT = "each line must be a JSON object like"
NO_TEXT_HINT = "save the article's own page"

CASES = [
    Case("000_good.txt", "a good article (seed 000)", stored=1),
    Case("004_good.txt", "a good article (seed 004, `date` header)", stored=1),
    Case("empty.txt", "empty file", failures=(Failure(None, "empty file", "add the article's text"),)),
    Case("blank.txt", "whitespace only", failures=(Failure(None, "holds only whitespace", "add the article's text"),)),
    Case("report.pdf", "binary: PDF", failures=(Failure(None, "binary file (PDF), not text", "pdftotext"),)),
    Case("photo.png", "binary: PNG", failures=(Failure(None, "binary file (PNG image), not text", "images are not read"),)),
    Case("feed.jsonl.gz", "binary: gzip", failures=(Failure(None, "binary file (gzip), not text", "gunzip FILE"),)),
    Case("latin1.txt", "invalid UTF-8 (Latin-1 bytes on line 2)",
         failures=(Failure(2, "not valid UTF-8: byte 0xE9 at byte offset 35", "re-encode the file as UTF-8"),)),
    Case("utf16_bom.txt", "UTF-16 with a byte-order mark", stored=1),
    Case("crlf.txt", "Windows line endings", stored=1),
    Case("huge.txt", "a 20 MB single article",
         failures=(Failure(None, f"too large ({HUGE_BYTES:,} bytes); articles are limited to 200,000 characters",
                           "--max-article-chars N"),)),
    Case("huge_line.jsonl", "a 20 MB single article as one JSONL line, a good line after it", stored=1,
         failures=(Failure(1, f"too large ({HUGE_BYTES + 13:,} bytes on one line); articles are limited to 200,000 "
                              "characters",
                           "--max-article-chars N"),)),
    Case("feed.jsonl", "JSONL with a broken line in the middle", stored=2,
         failures=(Failure(2, "malformed JSON", JSONL_HINT),)),
    Case("fields.jsonl", "JSONL with missing or wrong-typed fields", stored=1, failures=(
        Failure(1, "missing the required field 'text' (fields present: title)", JSONL_HINT),
        Failure(2, "the field 'text' must be a string, got a number", JSONL_HINT),
        Failure(3, "the field 'published' is not a date: 'yesterday'", "YYYY-MM-DD or an ISO 8601 datetime"),
    )),
    Case("login.html", "HTML with no article (a login page)",
         failures=(Failure(None, "no article text found", NO_TEXT_HINT),)),
    Case("scripts.html", "HTML with scripts only", failures=(Failure(None, "no article text found", NO_TEXT_HINT),)),
    Case("nested_200.html", "HTML nested 200 elements deep", stored=1),
    # Past libxml2's depth limit the parser drops what lies deeper, the article with it.
    Case("nested_5000.html", "HTML nested 5,000 elements deep",
         failures=(Failure(None, "nests its elements 256 deep", "as .txt or JSONL"),)),
    Case("bad_date.txt", "a `date` header with an impossible date (2023-02-30)",
         failures=(Failure(1, "the date header 'date 2023-02-30' is not a real date", "valid YYYY-MM-DD"),)),
    Case("french.txt", "non-English text (French)", stored=1, note="guessed language: fr"),
    Case("arabic.txt", "non-English text (Arabic)", stored=1, note="guessed language: ar"),
    Case("secret.txt", "an unreadable file (permissions)",
         failures=(Failure(None, "cannot read: Permission denied", "chmod u+r FILE"),)),
    Case("sub", "a symlink loop in a folder (sub/loop → the folder itself)", stored=1),
]


def build(root: Path) -> None:
    """The matrix folder: one file per case."""
    seeds = sorted(SAMPLES.glob("*.txt"))
    (root / "000_good.txt").write_bytes(seeds[0].read_bytes())
    (root / "004_good.txt").write_bytes(seeds[1].read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t\r\n ")
    (root / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "feed.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": BODY}).encode()))
    (root / "latin1.txt").write_bytes("The police closed the road.\nThe café owner said so.\n".encode("latin-1"))
    (root / "utf16_bom.txt").write_bytes("date 2023-06-20 Albanian police said on Sunday that they had searched "
                                         "the camp near Durres for weapons.".encode("utf-16"))
    (root / "crlf.txt").write_bytes(b"date 2023-07-03\r\n\r\nThe Iranian foreign ministry said on Monday\r\n"
                                    b"that Albania must hand over the group.\r\n")
    with (root / "huge.txt").open("wb") as out:  # one article of 20 MB
        out.write(b"word " * (HUGE_BYTES // 5))
    with (root / "huge_line.jsonl").open("wb") as out:
        out.write(b'{"text": "' + b"word " * (HUGE_BYTES // 5) + b'"}\n')
        out.write(json.dumps({"text": "Police said the road to the camp was open again on Thursday."}).encode() + b"\n")
    (root / "feed.jsonl").write_text("\n".join([
        json.dumps({"text": "Albanian police raided the camp of the MKO near Durres on Tuesday, officials said.",
                    "published": "2023-06-20"}),
        '{"text": "a line cut short',
        json.dumps({"text": "One person died in the clash at the camp, the interior ministry said.",
                    "published": "2023-06-21"}),
    ]) + "\n")
    (root / "fields.jsonl").write_text("\n".join([
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Police said three people were hurt.", "published": "yesterday"}),
        json.dumps({"text": "Police in Tirana said the camp was searched for weapons.", "published": "2023-06-22"}),
    ]) + "\n")
    (root / "login.html").write_text("<!DOCTYPE html><html><head><title>Log in</title></head><body><nav><a href='/'>"
                                     "Home</a></nav><form><input name='user'><button>Log in</button></form></body></html>")
    (root / "scripts.html").write_text(f"<html><head><script>var a = 1;</script></head><body><script>document.write("
                                       f"'{BODY}');</script><script src='app.js'></script></body></html>")
    (root / "nested_200.html").write_text(nested(200))
    (root / "nested_5000.html").write_text(nested(5000))
    (root / "bad_date.txt").write_text(f"date 2023-02-30 {BODY}")
    (root / "french.txt").write_text(
        "date 2023-06-21 La police albanaise a perquisitionné mardi le camp des Moudjahidine du peuple près de "
        "Durrës, a indiqué le ministère de l'Intérieur, et une personne est morte dans les affrontements.")
    (root / "arabic.txt").write_text(
        "date 2023-06-21 داهمت الشرطة الألبانية مخيم مجاهدي خلق قرب دوريس يوم الثلاثاء، وقتل شخص واحد في "
        "الاشتباكات، وفق ما أعلنت وزارة الداخلية.")
    (root / "secret.txt").write_text("The interior ministry said the camp would stay closed until further notice.")
    (root / "sub").mkdir()
    (root / "sub" / "note.txt").write_text("Rama said on Wednesday that the MKO members must respect Albanian law.")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)


@pytest.fixture
def unreadable(monkeypatch):
    """Make a file unreadable: chmod where that binds, else (root reads anything) refuse to open it."""

    def make(path: Path) -> None:
        path.chmod(0)
        if os.geteuid() != 0:
            return
        real_open = io.open

        def refuse(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(io, "open", refuse)  # pathlib's open goes through io.open
        monkeypatch.setattr(builtins, "open", refuse)

    return make


def ingest(folder: Path, db: Path):
    return CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--today", TODAY])


def expected_line(root: Path, case: Case, failure: Failure) -> str:
    where = f"{root / case.name}:{failure.line}" if failure.line else str(root / case.name)
    return f"error: {where}: "


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record when a row was written."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall():
            columns = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                                 "ORDER BY ordinal_position", [table]).fetchall()
                       if r[0] not in {"ingested_at", "occurred_at", "applied_at"}]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(), key=repr)
    return out


def test_every_bad_input_is_named_and_the_rest_is_stored(tmp_path, unreadable):
    root, db = tmp_path / "in", tmp_path / "ledger.duckdb"
    root.mkdir()
    build(root)
    assert sorted(p.name for p in root.iterdir()) == sorted(c.name for c in CASES)
    unreadable(root / "secret.txt")

    result = ingest(root, db)
    assert result.exit_code == 1, result.output  # some inputs failed, the rest is stored
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    failures = [(case, f) for case in CASES for f in case.failures]
    assert len(errors) == len(failures), "\n".join(errors)
    for case, failure in failures:
        start = expected_line(root, case, failure)
        [line] = [e for e in errors if e.startswith(start)]
        assert failure.reason in line and " Try: " in line and failure.hint in line.split(" Try: ", 1)[1], line
    for case in CASES:
        if case.note:
            [line] = [n for n in result.stderr.splitlines() if n.startswith(f"note: {root / case.name}: stored")]
            assert case.note in line and " Try: " in line
    assert "Traceback" not in result.output

    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT source, text, story FROM articles").fetchall()
        recorded = con.execute("SELECT source, line, message FROM input_errors").fetchall()
    by_case = {case.name: 0 for case in CASES}
    for source, text, story in stored:
        name = Path(source.split(":")[0]).relative_to(root).parts[0]
        by_case[name] += 1
        assert story is not None and "\r" not in text
    assert by_case == {case.name: case.stored for case in CASES}
    assert sorted((s, n) for s, n, _ in recorded) == sorted(
        (str(root / c.name), f.line) for c, f in failures), "input_errors holds each failure once"
    assert sorted(f"error: {m}" for _, _, m in recorded) == sorted(errors)

    before = tables(db)
    again = ingest(root, db)
    assert again.exit_code == 1
    added = sum(case.stored for case in CASES)
    assert f"0 added, {added} already stored, {len(failures)} failed" in again.stderr
    assert sorted(line for line in again.stderr.splitlines() if line.startswith("error: ")) == sorted(errors)
    assert tables(db) == before, "a second run changes nothing"


def test_huge_inputs_are_refused_in_memory_bounded_by_the_limit(tmp_path):
    """Memory follows --max-article-chars, not the input: a 20 MB article is refused without being held."""
    from newsledger.ingest import count_articles
    from newsledger.ingest import read_paths
    from newsledger.options import Options

    root = tmp_path / "in"
    root.mkdir()
    build(root)
    limit = 100_000
    for name in ("huge.txt", "huge_line.jsonl"):
        tracemalloc.start()
        try:
            counted = count_articles([str(root / name)])  # the progress bar's length
            outcomes = list(read_paths([root / name], Options(max_article_chars=limit)))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert counted == len(outcomes) == (1 if name == "huge.txt" else 2)
        assert "too large" in str(outcomes[0])
        # Megabyte-sized reads and at most ~12 bytes per allowed character of a line: not the 20 MB.
        assert peak < 8_000_000, f"{name}: {peak:,} bytes held at the peak"


@pytest.mark.parametrize(("limit", "stored"), [(100, False), (1_000, True)])
def test_the_size_limit_is_an_option(tmp_path, limit, stored):
    (tmp_path / "long.txt").write_text(BODY + " " + BODY)  # 205 characters
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "long.txt"), "--db", str(tmp_path / "l.duckdb"),
                                       "--quiet", "--max-article-chars", str(limit)])
    if stored:
        assert result.exit_code == 0 and not result.stderr, result.output
        return
    assert result.exit_code == 1
    assert f"long.txt: too large (205 characters); articles are limited to {limit} characters" in result.stderr
    assert "--max-article-chars N" in result.stderr


def test_the_robustness_doc_lists_every_case():
    doc = ROBUSTNESS_DOC.read_text(encoding="utf-8")
    section = doc.split("## Bad input", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    by_name = {re.match(r"\| `([^`]+)`", row).group(1): row for row in rows}
    assert sorted(by_name) == sorted(case.name for case in CASES)
    for case in CASES:
        row = by_name[case.name]
        assert (f"{case.stored} stored" if case.stored else "refused") in row, row
        for failure in case.failures:
            assert failure.reason.replace("|", "\\|") in row, (case.name, failure.reason)
