"""The command line: parse options, call the library, print.

Exit codes: 0 all went well; 1 some inputs failed (the rest was stored);
2 usage error; 3 nothing could be done (e.g. the database is in use).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import click

from . import errors as E
from .eval import TASKS, run_task
from .ingest import iter_input_files
from .ledger import SAMPLES, Ledger
from .options import DEFAULT_MODEL, Options
from .store.export import FORMATS

DEFAULT_DB = "ledger.duckdb"


def _options(model: str, batch_size: int, today: str | None, max_article_chars: int, jobs: int = 1) -> Options:
    when = None
    if today:
        try:
            when = date.fromisoformat(today)
        except ValueError:
            raise click.BadParameter(f"{today!r} is not a YYYY-MM-DD date", param_hint="--today") from None
    return Options(model=model, batch_size=batch_size, today=when, max_article_chars=max_article_chars, jobs=jobs)


def pipeline_options(func):
    func = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")(func)
    func = click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
                        help="Worker processes that parse and extract (each loads the model once).")(func)
    func = click.option("--max-article-chars", default=Options().max_article_chars, show_default=True,
                        help="Longer articles are refused with a message.")(func)
    func = click.option("--today", metavar="YYYY-MM-DD", help="Latest plausible publication date when inferring dates (default: today).")(func)
    func = click.option("--batch-size", default=64, show_default=True, help="Articles per parse batch and transaction.")(func)
    func = click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package ('md' for the medium one).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
def main() -> None:
    """newsledger: who said what, what happened, and where news sources disagree.

    Example: newsledger demo
    """


def _count_articles(paths: list[str]) -> int:
    total = 0
    for item in iter_input_files(paths):
        if isinstance(item, Path) and item.suffix.lower() in {".jsonl", ".ndjson"}:
            try:
                with item.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _run_ingest(ledger: Ledger, paths: list[str], quiet: bool):
    started = time.perf_counter()
    if quiet:
        report = ledger.ingest(paths)
    else:
        with click.progressbar(length=_count_articles(paths), label="Processing articles", file=sys.stderr) as bar:
            report = ledger.ingest(paths, progress=bar.update)
    elapsed = time.perf_counter() - started
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if not quiet:
        rate = report.words / elapsed if elapsed else 0.0
        click.echo(
            f"{report.added} added, {report.skipped} already stored, {report.failed} failed; "
            f"{report.stories_changed} stories updated ({elapsed:.1f} s, {rate:,.0f} words/s).",
            err=True,
        )
    return report


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file).")
@pipeline_options
def ingest(paths: tuple[str, ...], db: str, model: str, batch_size: int, today: str | None, quiet: bool, max_article_chars: int,
           jobs: int) -> None:
    """Read articles from files and folders into a ledger.

    Text files (optionally starting with 'date YYYY-MM-DD'), JSONL (one article
    per line: text, id, url, title, outlet, published) and HTML pages, found
    recursively. Articles already stored are skipped; new ones are linked to
    the existing stories.

    Example: newsledger ingest articles/ more.jsonl --db ledger.duckdb
    """
    with Ledger(db, _options(model, batch_size, today, max_article_chars, jobs)) as ledger:
        report = _run_ingest(ledger, list(paths), quiet)
    sys.exit(E.EXIT_SOME_INPUTS_FAILED if report.failed else E.EXIT_OK)


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
@click.option("--width", default=100, show_default=True, help="Line width of the summary.")
def show(db: str, width: int) -> None:
    """Print the summary of a ledger: stories, who said what, events, discrepancies.

    Example: newsledger show --db ledger.duckdb
    """
    with Ledger(db, read_only=True) as ledger:
        click.echo(ledger.summary(width))


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: one file; jsonl, parquet, csv: a folder with one file per table.")
@click.option("-o", "--output", required=True, type=click.Path(), help="File (json) or folder (other formats).")
def export(db: str, fmt: str, output: str) -> None:
    """Write the ledger: articles, entities, statements, events, stories, discrepancies, times.

    Example: newsledger export --db ledger.duckdb --format json -o ledger.json
    """
    with Ledger(db, read_only=True) as ledger:
        written = ledger.export(fmt, output)
    click.echo("\n".join(str(p) for p in written))


def _open_read_only(db: str) -> Ledger:
    """The ledger opened read-only; a file a writer holds cannot be opened at all, so say so."""
    try:
        return Ledger(db, read_only=True)
    except E.DatabaseInUse:
        raise E.StoreError(
            f"{db}: another process (an ingest?) is writing to this database, and DuckDB lets no other "
            "process open a file while a writer holds it, not even to read.",
            hint=f"wait for it to finish, or read a copy: cp {db} view.duckdb && newsledger serve --db view.duckdb",
        ) from None


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The ledger database (DuckDB file), opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the ledger's pages and read-only JSON API (docs/web.md) until Ctrl-C.

    Pages: / (stories), /stories/ID, /articles/ID, /entities/ID; API: /api/...,
    described at /api/openapi.json. The database is never written.

    Example: newsledger serve --db ledger.duckdb --port 8000
    """
    import uvicorn

    from .web import create_app

    with _open_read_only(db) as ledger:
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"Serving {db} at http://{shown}:{port}/ (API description: /api/openapi.json); Ctrl-C stops.", err=True)
        uvicorn.run(create_app(ledger.store), host=host, port=port, log_level="warning")


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
@click.option("--limit", type=int, help="Score only the first N documents (a quick look, not a result).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package ('md' for the medium one).")
def evaluate(task: str, data: str | None, split: str | None, as_json: bool, limit: int | None, model: str) -> None:
    """Score newsledger against a public benchmark, beside the peers measured in the same run.

    Tune on dev or train; report test as it comes. The matching protocols are in docs/evaluation.md.

    Example: newsledger eval attribution --split dev --json
    """
    try:
        result = run_task(task, data, split, Options(model=model), limit=limit)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--split") from None
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.table())


def run() -> None:
    """Entry point that turns library errors into one line and an exit code."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(E.EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("Interrupted: articles of finished batches are stored; run the same command again to go on.", err=True)
        sys.exit(130)
    except E.NewsledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(E.EXIT_FAILED)
