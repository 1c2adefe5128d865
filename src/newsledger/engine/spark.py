"""The Spark engine: the local engine's per-article and per-story functions, run by Spark.

    read (driver) → parse + extract (Spark: mapInPandas) → near-duplicates
    (Spark SQL: a join on LSH bands) → entities and stories (driver: DuckDB,
    ``local.link_pending``) → event alignment + discrepancies (Spark:
    applyInPandas, one group per story) → Parquet (driver: one folder per table)

What runs where, and why (docs/spark.md says the same to users):

- Executors parse and extract. Each Python worker loads the model once
  (``nlp.load_pipeline`` caches it per process) and turns articles into table
  rows with ``pipeline.analyze`` and ``local.batch_rows``: the code whose rows
  the local engine stores.
- Near-duplicates: the articles joined with themselves on datasketch's own
  LSH bands, confirmed by the estimated Jaccard, in Spark SQL; the driver then
  picks each copy's earliest original as ``link.duplicates.find_duplicates``
  does.
- Entity and story linking run on the driver, in a DuckDB ledger under
  ``OUT/_work``, through the local engine's ``link_pending``: each decision
  depends on the ones before it in ingestion order (a growing alias index;
  stories scored 64 articles at a time against what is linked so far), so a
  data-parallel version would store another ledger.
- Each story is compared in a Spark task by ``local.compare_story``, over that
  story's rows in the worker's own in-memory DuckDB.

OUT must be a folder that the driver and every executor see (a shared
filesystem on a cluster): executors write the analyzed rows there and the
driver's DuckDB reads them.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import (
    NewsledgerError,
    OutputNotEmpty,
    SparkError,
    SparkNotInstalled,
    StageError,
)
from ..extract import default_stages
from ..ingest import read_paths
from ..link import duplicates
from ..options import Options
from ..compare.story import Comparison
from ..pipeline import analyze
from ..records import Article
from ..store import comparing, parquet, runs
from ..store.database import LedgerStore
from . import local
from .local import IngestReport

DEFAULT_MASTER = "local[2]"
WORK = "_work"  # under OUT, removed when the run ends
ANALYZED = "pos long, id string, error binary, words int, minhash binary, rows string"
COMPARED = "story string, n int, event string, aligned string, discrepancy binary, incident binary"
# Spark's own log stays quiet: a failed job reaches the user as one line, the Python error it carries.
_LOG_CONFIG = """\
rootLogger.level = fatal
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""

Say = Callable[[str], None]


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    options: Options | None = None,
    master: str = DEFAULT_MASTER,
    *,
    spark=None,
    say: Say | None = None,
) -> IngestReport:
    """Process ``paths`` with Spark into a Parquet ledger in ``out`` (a new or empty folder).

    ``spark``: a running SparkSession to use (and leave running); by default one
    is started on ``master`` and stopped at the end. ``say`` hears each step.
    """
    options = options or Options()
    say = say or (lambda message: None)
    shown = str(out)  # as the user wrote it, for messages
    # Absolute from here on: Spark, the JVM's log configuration (a file URI) and the executors
    # resolve paths from other working directories, and a relative path has no file URI.
    out = Path(out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputNotEmpty(shown)
    work = out / WORK
    work.mkdir(parents=True)
    try:
        own = spark is None
        if own:
            say(f"Starting Spark ({master})…")
            spark = session(master, work)
        try:
            articles, read_errors, skipped = _read(paths, options)
            return _run(spark, articles, read_errors, skipped, out, work, options, say, shown)
        except Exception as exc:
            if type(exc).__module__.startswith(("pyspark", "py4j")):
                raise SparkError(f"a Spark job failed: {_last_line(exc)}") from exc
            raise
        finally:
            if own:
                spark.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def session(master: str = DEFAULT_MASTER, work: Path | None = None):
    """A SparkSession for newsledger: UTC, quiet, small shuffles; on ``local[N]``
    bound to loopback with workers running this Python."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkNotInstalled() from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkError("Spark needs a Java runtime (17 or 21) and none was found.",
                         hint="install one (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    conf = {
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        # Each pandas batch is analyzed and handed back before the next: bounds a worker's memory.
        "spark.sql.execution.arrow.maxRecordsPerBatch": "64",
    }
    if work is not None:
        log_config = Path(work).resolve() / "log4j2.properties"
        log_config.write_text(_LOG_CONFIG, encoding="utf-8")
        # A file URI: spaces and non-ASCII letters percent-encoded, so the JVM option stays one word.
        conf["spark.driver.extraJavaOptions"] = f"-Dlog4j2.configurationFile={log_config.as_uri()}"
    cores = local_cores(master)
    if cores is not None:
        # Offline and on loopback; workers must be this Python, which has newsledger installed.
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        os.environ["PYSPARK_PYTHON"] = sys.executable
        conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
                     "spark.sql.shuffle.partitions": str(2 * cores)})
    try:
        spark = SparkSession.builder.master(master).appName("newsledger").config(map=conf).getOrCreate()
    except Exception as exc:  # the JVM's failures arrive as many types
        raise SparkError(f"Spark could not start on {master}: {_last_line(exc)}",
                         hint="check the master URL and that Java runs (java -version); see docs/spark.md") from exc
    spark.sparkContext.setLogLevel("FATAL")
    return spark


def local_cores(master: str) -> int | None:
    """Cores of a ``local``, ``local[N]`` or ``local[*]`` master; None for a cluster."""
    match = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?", master.strip())
    if not match:
        return None
    if match.group(1) is None:
        return 1
    return (os.cpu_count() or 1) if match.group(1) == "*" else int(match.group(1))


def _last_line(exc: BaseException) -> str:
    text = str(exc).split("JVM stacktrace:")[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


# -- read (driver) --------------------------------------------------------


def _read(paths, options: Options) -> tuple[list[tuple[int, Article]], dict[int, NewsledgerError], int]:
    """Inputs numbered in read order: articles, read errors; a repeated id is skipped, as locally."""
    articles: list[tuple[int, Article]] = []
    errors: dict[int, NewsledgerError] = {}
    seen: set[str] = set()
    skipped = 0
    for pos, item in enumerate(read_paths(paths, options)):
        if isinstance(item, NewsledgerError):
            errors[pos] = item
        elif item.id in seen:
            skipped += 1
        else:
            seen.add(item.id)
            articles.append((pos, item))
    return articles, errors, skipped


def _run(spark, articles, read_errors, skipped, out: Path, work: Path, options: Options, say: Say,
         shown: str) -> IngestReport:
    extractors = ",".join(s.name for s in default_stages())
    analyzed = work / "analyzed"
    found: dict[str, str] = {}
    if articles:
        say(f"Parsing and extracting {len(articles):,} articles in Spark…")
        frame = pd.DataFrame({"pos": [pos for pos, _ in articles], "article": [pickle.dumps(a) for _, a in articles]})
        slices = min(len(articles), 2 * spark.sparkContext.defaultParallelism)
        (spark.createDataFrame(frame, "pos long, article binary").repartition(slices)
         .mapInPandas(partial(analyze_frames, options=options, extractors=extractors), ANALYZED)
         .write.parquet(str(analyzed)))
        say("Finding near-duplicates in Spark…")
        found = near_duplicates(spark.read.parquet(str(analyzed)), options.duplicate_threshold)
    store = LedgerStore(work / "link.duckdb")
    try:
        report = _store(store, analyzed if articles else None, read_errors, skipped, options.batch_size)
        say("Linking entities and stories; comparing each story in Spark…")
        report.stories_changed = local.link_pending(
            store, options, duplicates=found, compare_changed=partial(compare_in_spark, spark, work / "compare"))
        say(f"Writing the Parquet ledger to {shown}…")
        parquet.write(store, out, engine="spark")
    finally:
        store.close()
    return report


# -- parse and extract (executors) ----------------------------------------


def analyze_frames(frames: Iterator[pd.DataFrame], options: Options, extractors: str) -> Iterator[pd.DataFrame]:
    """mapInPandas: pickled articles in; per article its table rows (JSON) or its StageError (pickled)."""
    columns = ["pos", "id", "error", "words", "minhash", "rows"]
    for frame in frames:
        articles = [pickle.loads(data) for data in frame["article"]]
        out = []
        for pos, result in zip(frame["pos"].tolist(), analyze(articles, options)):
            if isinstance(result, StageError):
                out.append((pos, result.article, pickle.dumps(result), None, None, None))
                continue
            tables = local.batch_rows([result], 0, extractors)  # the driver numbers them
            minhash = tables["articles"][0].pop("minhash")
            out.append((pos, result.article.id, None, result.words, minhash, json.dumps(tables, ensure_ascii=False)))
        result_frame = pd.DataFrame(out, columns=columns)
        result_frame["words"] = result_frame["words"].astype("Int32")
        yield result_frame


# -- near-duplicates (Spark SQL) ------------------------------------------


def near_duplicates(analyzed, threshold: float) -> dict[str, str]:
    """``{copy id: original id}`` as ``duplicates.find_duplicates`` finds them in an empty ledger.

    Candidates share one of datasketch's LSH bands for ``threshold`` (the
    index the local engine builds) and come earlier in ingestion order; the
    share of equal MinHash values (its Jaccard estimate) confirms them.
    """
    from pyspark.sql import functions as F

    signed = analyzed.where("error IS NULL").select("pos", "id", "minhash")
    bands = signed.select("pos", F.explode(F.array(*[
        F.struct(F.lit(band).alias("band"),
                 F.substring("minhash", start * duplicates.HASH_BYTES + 1, (end - start) * duplicates.HASH_BYTES).alias("key"))
        for band, (start, end) in enumerate(duplicates.band_ranges(threshold))
    ])).alias("b")).select("pos", "b.band", "b.key")
    later = bands.select(F.col("pos").alias("x"), "band", "key")
    earlier = bands.select(F.col("pos").alias("y"), "band", "key")
    pairs = later.join(earlier, ["band", "key"]).where("y < x").select("x", "y").distinct()
    width = duplicates.HASH_BYTES
    equal = F.expr(f"aggregate(sequence(0, {duplicates.NUM_PERM - 1}), 0, (n, i) -> n + "
                   f"IF(substring(x_hash, i * {width} + 1, {width}) = substring(y_hash, i * {width} + 1, {width}), 1, 0))")
    confirmed = (
        pairs.join(signed.select(F.col("pos").alias("x"), F.col("id").alias("x_id"), F.col("minhash").alias("x_hash")), "x")
        .join(signed.select(F.col("pos").alias("y"), F.col("id").alias("y_id"), F.col("minhash").alias("y_hash")), "y")
        .where(equal.cast("double") / F.lit(float(duplicates.NUM_PERM)) >= F.lit(float(threshold)))
        .select("x", "x_id", "y", "y_id")
    )
    return duplicates.earliest_originals((r.x, r.x_id, r.y, r.y_id) for r in confirmed.collect())


# -- store what the executors found (driver) -------------------------------


def _store(store: LedgerStore, analyzed: Path | None, read_errors: dict[int, NewsledgerError], skipped: int,
           batch_size: int) -> IngestReport:
    """Write the analyzed rows into the link ledger as the local engine writes a run: batch by
    batch of ``batch_size`` inputs, numbered in input order, a batch's read errors then its stage errors."""
    report = IngestReport(skipped=skipped)
    by_batch: dict[int, list[NewsledgerError]] = defaultdict(list)
    for pos in sorted(read_errors):
        by_batch[pos // batch_size].append(read_errors[pos])

    def flush(batch: int, rows: list[tuple]) -> None:
        errors = by_batch.pop(batch, [])
        tables: dict[str, list[dict]] = defaultdict(list)
        seq = store.next_seq()
        for _, error, words, minhash, data in rows:
            if error is not None:
                errors.append(pickle.loads(error))
                continue
            for table, table_rows in json.loads(data).items():
                if table == "articles":
                    table_rows[0].update(seq=seq, minhash=minhash)  # numbered as write_batch numbers them
                tables[table] += table_rows
            seq += 1
            report.added += 1
            report.words += words
        with store.transaction():
            for table, table_rows in tables.items():
                store.insert(table, table_rows)
        local.record_errors(store, errors)
        report.errors.extend(errors)

    if analyzed is not None:
        current, rows = None, []
        for row in runs.analyzed_rows(analyzed):
            batch = row[0] // batch_size
            if batch != current and current is not None:
                _flush_before(by_batch, current, flush)
                flush(current, rows)
                rows = []
            current = batch
            rows.append(row)
        if current is not None:
            _flush_before(by_batch, current, flush)
            flush(current, rows)
    for batch in sorted(by_batch):  # batches of nothing but read errors, after the last article
        flush(batch, [])
    return report


def _flush_before(by_batch: dict[int, list], batch: int, flush: Callable[[int, list], None]) -> None:
    """Batches that held only read errors come before ``batch``: write them first."""
    for earlier in sorted(b for b in by_batch if b < batch):
        flush(earlier, [])


# -- compare each story (executors) ---------------------------------------


def compare_in_spark(spark, folder: Path, store: LedgerStore, stories: list[str]) -> Comparison:
    """``local.link_pending``'s ``compare``: each story's rows sent to a Spark task, compared there."""
    if not stories:
        return Comparison()
    _export_stories(store, stories, folder)
    rows = spark.read.parquet(str(folder)).groupBy("story").applyInPandas(compare_group, COMPARED).collect()
    found = sorted((r for r in rows if r.discrepancy is not None), key=lambda r: (r.story, r.n))
    return Comparison(
        aligned={r.event: r.aligned for r in rows if r.event is not None},
        discrepancies=[pickle.loads(r.discrepancy) for r in found],
        incidents={r.story: pickle.loads(r.incident) for r in rows if r.incident is not None},
    )


_STORY_ROWS = pa.schema([("story", pa.string()), ("tbl", pa.string()), ("ord", pa.int64()), ("row", pa.string())])


def _export_stories(store: LedgerStore, stories: list[str], folder: Path) -> None:
    """Each table's rows of ``stories`` to ``folder/<table>.parquet``, a row a JSON object with its story
    and its place in the table (``compare_group`` puts them back in that order)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in comparing.story_tables(store, stories):
        columns: dict[str, list] = {"story": [], "tbl": [], "ord": [], "row": []}
        for row in rows:
            columns["story"].append(row.pop("_story"))
            columns["tbl"].append(table)
            columns["ord"].append(row.pop("_ord"))
            columns["row"].append(json.dumps(row, ensure_ascii=False))
        if columns["story"]:
            pq.write_table(pa.table(columns, schema=_STORY_ROWS), folder / f"{table}.parquet")


_compare_store: LedgerStore | None = None  # one in-memory ledger per Python worker, emptied per story


def compare_group(frame: pd.DataFrame) -> pd.DataFrame:
    """applyInPandas: one story's rows in, its event alignments and discrepancies out."""
    global _compare_store
    if _compare_store is None:
        _compare_store = LedgerStore()
    store = _compare_store
    story = frame["story"].iloc[0]
    comparing.empty_story_tables(store)
    for table, group in frame.sort_values("ord", kind="stable").groupby("tbl", sort=False):
        store.insert(table, [json.loads(row) for row in group["row"]])
    compared = local.compare_story(store, story)
    rows = [(story, None, event, aligned_id, None, None) for event, aligned_id in compared.aligned.items()]
    rows += [(story, n, None, None, pickle.dumps(d), None) for n, d in enumerate(compared.discrepancies)]
    rows += [(story, None, None, None, None, pickle.dumps(incident)) for incident in compared.incidents.values()]
    result = pd.DataFrame(rows, columns=["story", "n", "event", "aligned", "discrepancy", "incident"])
    result["n"] = result["n"].astype("Int32")
    return result
