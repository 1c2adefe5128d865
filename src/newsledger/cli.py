"""The command line: parse options, call the library, print.

Exit codes (``errors.EXIT_*``, docs/cli.md): 0 all went well; 1 some inputs failed (the
rest was stored); 2 usage error; 3 nothing could be done (e.g. the database is in use, or the
system refused a file); 4 an unexpected error (a bug: one line, the full trace written to a file
in the temp folder); 130 interrupted by Ctrl-C (whole batches stored; rerun to go on).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
from click.core import ParameterSource

from . import errors as E
from .eval import TASKS, run_task
from .ingest import FORMATS as INPUT_FORMATS
from .ingest import count_articles
from .ledger import SAMPLES, Ledger
from .options import DEFAULT_MODEL, Options
from .store import runs
from .export import FORMATS, KINDS

DEFAULT_DB = "ledger.duckdb"
SPARK_MASTER = "local[2]"  # engine.spark.DEFAULT_MASTER, without importing the Spark engine


def _options(model: str, batch_size: int, today: str | None, max_article_chars: int, jobs: int = 1,
             input_format: str = "auto") -> Options:
    return Options(model=model, batch_size=batch_size, today=_day(today), max_article_chars=max_article_chars,
                   jobs=jobs, input_format=input_format)


def _day(today: str | None) -> date | None:
    """``--today`` as a date (None when not given)."""
    if not today:
        return None
    try:
        return date.fromisoformat(today)
    except ValueError:
        raise click.BadParameter(f"{today!r} is not a YYYY-MM-DD date", param_hint="--today") from None


def pipeline_options(func):
    func = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")(func)
    func = click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
                        help="Worker processes that parse and extract (each loads the model once).")(func)
    func = click.option("--max-article-chars", default=Options().max_article_chars, show_default=True,
                        type=click.IntRange(min=1), help="Longer articles are refused with a message.")(func)
    func = click.option("--today", metavar="YYYY-MM-DD", help="Latest plausible publication date when inferring dates (default: today).")(func)
    func = click.option("--batch-size", default=64, show_default=True, type=click.IntRange(min=1),
                        help="Articles per parse batch and transaction.")(func)
    func = click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package ('md' for the medium one).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: who said what, what happened, and where news sources disagree.

    Example: newsledger demo
    """



def _run_ingest(ledger: Ledger, paths: list[str], quiet: bool, stop: Callable[[], bool] | None = None):
    started = time.perf_counter()
    if quiet:
        report = ledger.ingest(paths, stop=stop)
    else:
        length = count_articles(paths, ledger.options.input_format)
        with click.progressbar(length=length, label="Processing articles", file=sys.stderr) as bar:

            def linking(pending: int) -> None:
                bar.render_finish()  # the bar is done: the link step has no steps to show
                bar.hidden = True
                click.echo(f"Linking {pending:,} articles into stories…", err=True)

            report = ledger.ingest(paths, progress=bar.update, stop=stop, linking=linking)
    elapsed = time.perf_counter() - started
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    for source, language in report.not_english:
        click.echo(f"note: {source}: stored, but the text does not look like English (guessed language: {language}); "
                   "newsledger reads English, so what it finds there is unreliable. Try: give an English "
                   "translation, or leave it out", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if not quiet:
        rate = report.words / elapsed if elapsed else 0.0
        click.echo(
            f"{report.added} added, {report.skipped} already stored, {report.failed} failed; "
            f"{report.stories_changed} stories updated ({elapsed:.1f} s, {rate:,.0f} words/s).",
            err=True,
        )
    return report


@contextmanager
def _stop_on_ctrl_c() -> Iterator[Callable[[], bool]]:
    """The first Ctrl-C asks the run to stop after the current batch; a second one stops at once."""
    asked = threading.Event()

    def handle(signum, frame) -> None:
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()
        try:
            click.echo(("\n" if sys.stderr.isatty() else "") + "Stopping after the current batch; a link step "
                       "under way is rolled back (Ctrl-C again stops at once)…", err=True)
        except RuntimeError:  # the signal landed inside a write to stderr: stay silent
            pass

    # Handlers live in the main thread; one not set from Python (None) could not be put back.
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield asked.is_set
        return
    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield asked.is_set
    finally:
        # Once asked to stop, the command exits next: a press that lands while it does (a quick second
        # Ctrl-C) must not turn a clean stop into a KeyboardInterrupt at exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN if asked.is_set() else previous)


def _interrupted(ledger: Ledger, added: int) -> None:
    waiting = runs.unlinked_count(ledger.store)
    click.echo(f"Interrupted: {added:,} articles stored by this run, {waiting:,} not yet linked into stories; "
               "run the same command again to go on (stored articles are skipped).", err=True)
    sys.exit(E.EXIT_INTERRUPTED)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this machine (--jobs processes) into --db; spark: Spark on --master, a Parquet ledger "
                   "into --out (docs/spark.md).")
@click.option("--master", default=SPARK_MASTER, show_default=True, help="Spark master URL (--engine spark).")
@click.option("--out", type=click.Path(file_okay=False),
              help="New folder for the Parquet ledger (--engine spark); then: newsledger load OUT --db FILE.")
@click.option("--format", "input_format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="Read every file with this reader (auto: by suffix, then by content), for a suffix that lies.")
@pipeline_options
def ingest(paths: tuple[str, ...], db: str, engine: str, master: str, out: str | None, input_format: str, model: str,
           batch_size: int, today: str | None, quiet: bool, max_article_chars: int, jobs: int) -> None:
    """Read articles from files and folders into a ledger.

    Text files (optionally starting with 'date YYYY-MM-DD'), JSONL (one article
    per line: text, id, url, title, outlet, published), news-please JSON (.json:
    an article or an array of them), HTML pages, WARC crawls (.warc, .warc.gz)
    and RSS or Atom feeds (.rss, .atom, .xml), found recursively; --format
    names the reader when a suffix lies. Articles already stored are skipped;
    new ones are linked to the existing stories. With --engine spark, Spark
    parses, extracts and compares, and the ledger is written as Parquet to
    --out (load it with `newsledger load`).

    Example: newsledger ingest articles/ more.jsonl --db ledger.duckdb
    """
    if engine == "spark":
        _ingest_with_spark(list(paths), out, master,
                           _options(model, batch_size, today, max_article_chars, input_format=input_format), quiet)
    for name in ("out", "master"):
        if click.get_current_context().get_parameter_source(name) is ParameterSource.COMMANDLINE:
            raise click.UsageError(f"--{name} is for --engine spark; the local engine writes --db.")
    with Ledger(db, _options(model, batch_size, today, max_article_chars, jobs, input_format)) as ledger, \
            _stop_on_ctrl_c() as stop:
        before = runs.article_count(ledger.store)
        try:
            report = _run_ingest(ledger, list(paths), quiet, stop)
        except KeyboardInterrupt:  # a second Ctrl-C: the open transaction was rolled back
            _interrupted(ledger, runs.article_count(ledger.store) - before)
        if report.interrupted:
            _interrupted(ledger, report.added)
    sys.exit(E.EXIT_SOME_INPUTS_FAILED if report.failed else E.EXIT_OK)


def _ingest_with_spark(paths: list[str], out: str | None, master: str, options: Options, quiet: bool) -> None:
    context = click.get_current_context()
    if out is None:
        raise click.UsageError("--engine spark writes a Parquet ledger: give --out DIR (then: newsledger load DIR "
                               "--db ledger.duckdb).")
    for name in ("db", "jobs"):
        if context.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            raise click.UsageError(f"--{name} is for --engine local; Spark writes --out and runs as many tasks as "
                                   "--master has cores.")
    from .engine import spark

    started = time.perf_counter()
    report = spark.ingest(paths, out, options, master, say=None if quiet else (lambda line: click.echo(line, err=True)))
    elapsed = time.perf_counter() - started
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if not quiet:
        click.echo(f"{report.added} added, {report.skipped} repeated, {report.failed} failed; {report.stories_changed} "
                   f"stories ({elapsed:.1f} s). Load it: newsledger load {out} --db ledger.duckdb", err=True)
    sys.exit(E.EXIT_SOME_INPUTS_FAILED if report.failed else E.EXIT_OK)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="The ledger database (DuckDB file) to create or fill; it must hold no articles yet.")
def load(folder: str, db: str) -> None:
    """Load a Parquet ledger (written by ingest --engine spark) into a DuckDB ledger.

    The database is created or migrated, and must hold no articles: the
    Parquet ledger's entities and stories were linked without them. Articles
    ingested into it later (--engine local) join its stories.

    Example: newsledger load spark-out/ --db ledger.duckdb
    """
    from .store import parquet

    with Ledger(db) as ledger:
        counts = parquet.load(folder, ledger.store)
    click.echo(f"{db}: {counts.get('articles', 0):,} articles, {counts.get('stories', 0):,} stories, "
               f"{counts.get('discrepancies', 0):,} discrepancies loaded.")


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="Where to store the sample ledger (':memory:' keeps nothing), ready for `newsledger serve`.")
@pipeline_options
def demo(db: str, model: str, batch_size: int, today: str | None, quiet: bool, max_article_chars: int, jobs: int) -> None:
    """Process the two bundled sample articles and print the ledger summary.

    Example: newsledger demo --db demo.duckdb
    """
    with Ledger(db, _options(model, batch_size, today, max_article_chars, jobs)) as ledger:
        report = _run_ingest(ledger, [str(SAMPLES)], quiet)
        click.echo(ledger.summary())
    if db != ":memory:" and not quiet:
        click.echo(f"\nStored in {db}. Look at it in a browser: newsledger serve --db {db}", err=True)
    sys.exit(E.EXIT_SOME_INPUTS_FAILED if report.failed else E.EXIT_OK)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file).")
@click.option("--width", default=100, show_default=True, type=click.IntRange(min=20), help="Line width of the summary.")
def show(db: str, width: int) -> None:
    """Print the summary of a ledger: stories, who said what, events, discrepancies.

    Example: newsledger show --db ledger.duckdb
    """
    with _open_read_only(db) as ledger:
        click.echo(ledger.summary(width))


# The help names the record kinds as newsledger.kinds declares them.
@main.command(help=f"Write the ledger: {', '.join(KINDS)}.\n\n"
                   "Example: newsledger export --db ledger.duckdb --format json -o ledger.json")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: one file; jsonl, parquet, csv: a folder with one file per table.")
@click.option("-o", "--output", required=True, type=click.Path(), help="File (json) or folder (other formats).")
def export(db: str, fmt: str, output: str) -> None:
    with _open_read_only(db) as ledger:
        written = ledger.export(fmt, output)
    click.echo("\n".join(str(p) for p in written))


def _open_read_only(db: str) -> Ledger:
    """The ledger opened read-only; a file a writer holds cannot be opened at all, so say so."""
    try:
        ledger = Ledger(db, read_only=True)
    except E.DatabaseInUse:
        # A writer keeps what it has not checkpointed in the .wal file: a copy needs both.
        raise E.StoreError(
            f"{db}: another process (an ingest?) is writing to this database, and DuckDB lets no other "
            "process open a file while a writer holds it, not even to read.",
            hint=f"wait for it to finish, or read a copy of both its files: cp {db} view.duckdb; "
                 f"cp {db}.wal view.duckdb.wal; newsledger serve --db view.duckdb",
        ) from None
    if db != ":memory:" and ledger.store.schema_version() == 0:
        ledger.close()
        raise E.StoreError(f"{db}: not a newsledger ledger (it holds no ledger tables).",
                           hint=f"newsledger ingest FILES --db {db}; for a copy of a ledger being written, "
                                "copy its .wal file too")
    return ledger


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file), opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free one).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME[:PORT]",
              help="Another Host header to answer (repeatable; without a port, the server's). Only --host, localhost, "
                   "127.0.0.1 and [::1] are answered otherwise: any other name gets a 400.")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0), metavar="SECONDS",
              help="Drop a client whose request line and headers have not all arrived this long after it connects "
                   "(or starts its next request); 0: never.")
def serve(db: str, host: str, port: int, allowed_hosts: tuple[str, ...], header_timeout: float) -> None:
    """Serve the ledger's pages and read-only JSON API (docs/web.md) until Ctrl-C.

    Pages: / (stories), /stories/ID, /articles/ID, /entities/ID; API: /api/...,
    described at /api/openapi.json. The database is never written.

    Example: newsledger serve --db ledger.duckdb --port 8000
    """
    from .web import create_app
    from .web.app import serving_hosts
    from .web.serving import server as web_server

    with _open_read_only(db) as ledger:
        listening = _listen(host, port)  # bound here, so a busy port or an unknown host is one clear line
        shown = f"[{host}]" if ":" in host else host
        port = listening.getsockname()[1]
        click.echo(f"Serving {db} at http://{shown}:{port}/ (API description: /api/openapi.json); Ctrl-C stops.", err=True)
        hosts = serving_hosts(shown, port, allowed_hosts)
        server = web_server(create_app(ledger.store, hosts), header_timeout)
        try:
            server.run(sockets=[listening])
        except KeyboardInterrupt:  # uvicorn stops on Ctrl-C, then raises it again: the stop was asked for
            pass
        if not server.started:
            raise E.ServeError(host, port, "the server did not start (its log above says why)")


def _listen(host: str, port: int):
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:  # socket.gaierror (no such host) included
        raise E.ServeError(host, port, exc.strerror or str(exc)) from None


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file), opened read-only.")
@click.option("--story", "story_id", required=True, help="The story id (st_…), as `newsledger show` lists them.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
def report(db: str, story_id: str, output: str) -> None:
    """Write one story's page, with its articles, as a self-contained HTML file (no server needed).

    Example: newsledger report --db ledger.duckdb --story st_63d2c36f896696c1 -o story.html
    """
    from .web import story_report

    with _open_read_only(db) as ledger:
        page = story_report(ledger.store, story_id)
        if page is None:
            known = ", ".join(s.id for s in ledger.stories()[:10]) or "none"
            raise click.BadParameter(f"no story {story_id!r} in {db} (stories: {known})", param_hint="--story")
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    click.echo(str(path))


@main.command("eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option("--data", type=click.Path(), help="The benchmark's folder (default: ../shared/benchmarks/NAME).")
@click.option("--split", help="dev, test, train or all, as the benchmark has them (default: the task's usual one).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: task, split, n_docs, metrics, peers.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents (a quick look, not a result).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package ('md' for the medium one).")
@click.option("--keep-ledger", type=click.Path(), help="Store the ledger the task scores there, to open with "
              "`newsledger serve` (incidents only).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that parse and extract, for the tasks that ingest (incidents).")
@click.option("--today", metavar="YYYY-MM-DD", help="Latest plausible publication date when inferring dates "
              "(default: the task's own, else today; the pubdate pin uses a fixed one).")
def evaluate(task: str, data: str | None, split: str | None, as_json: bool, limit: int | None, model: str,
             keep_ledger: str | None, jobs: int, today: str | None) -> None:
    """Score newsledger against a public benchmark, beside the peers measured in the same run.

    Tune on dev or train; report test as it comes. The matching protocols are in docs/evaluation.md.

    Example: newsledger eval attribution --split dev --json
    """
    try:
        result = run_task(task, data, split, Options(model=model, jobs=jobs, today=_day(today)), limit=limit,
                          keep=keep_ledger)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--keep-ledger" if "keep" in str(exc) else "--split") from None
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.table())


def run(args: list[str] | None = None) -> None:
    """Entry point that turns every error into one line and an exit code (``args``: default sys.argv[1:])."""
    try:
        main(args=args, standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(E.EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("Interrupted: articles of finished batches are stored; run the same command again to go on.", err=True)
        sys.exit(E.EXIT_INTERRUPTED)
    except E.NewsledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(E.EXIT_FAILED)
    except Exception as exc:  # noqa: BLE001 - anything else: one line, the trace in a file, never a traceback
        given = sys.argv[1:] if args is None else list(args)
        click.echo(f"error: {E.failure_line(_command_name(given), exc, _write_trace(exc, given))}", err=True)
        sys.exit(E.EXIT_FAILED if E.is_file_error(exc) else E.EXIT_UNEXPECTED)


def _command_name(args: list[str]) -> str:
    return f"newsledger {next((a for a in args if a in main.commands), '')}".strip()


def _write_trace(exc: BaseException, args: list[str]) -> str | None:
    """The full trace, with the command line and versions, in a new file under the system temp folder."""
    import platform
    import tempfile
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("newsledger")
    except PackageNotFoundError:
        installed = "(not installed)"
    text = (f"newsledger {installed}, Python {platform.python_version()} on {platform.platform()}\n"
            f"command: newsledger {' '.join(args)}\n\n" + "".join(traceback.format_exception(exc)))
    try:
        handle, path = tempfile.mkstemp(prefix="newsledger-error-", suffix=".txt")
        with open(handle, "w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(text)
    except OSError:
        return None
    return path
