"""The web server under load: requests/s and latency of `newsledger serve` on loopback.

    python bench/serve_load.py --db LEDGER [--requests 2000] [--concurrency 8] [--warmup 50]
                               [--out bench/results/serve_load.json]

Starts ``newsledger serve`` (uvicorn, one process) on a free port of 127.0.0.1 over
the ledger, which it opens read-only, then sends each target a fixed number of
GET requests from ``--concurrency`` client threads, each on its own keep-alive
connection (http.client). Targets, picked from the ledger before the server starts:
the stories list, the largest story's page and a typical (median-sized) one, a
typical article's page, the most mentioned entity's page, and an API query (the
statements of the most frequent speaker). A non-2xx answer or a failed connection
is an error; the run fails unless there are none.

Client and server share this machine's cores, so the client's own work is in the
latency and holds the server back; the server's CPU time per request (from
/proc) is reported beside it, which the client does not inflate.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import duckdb
from throughput import save_result

HERE = Path(__file__).resolve().parent


def pick_targets(db: Path) -> tuple[dict, list[tuple[str, str]]]:
    """The ledger's size, and (name, path) for each target; read before the server opens the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        one = lambda sql, *params: con.execute(sql, list(params)).fetchall()[0][0]
        size = {t: one(f"SELECT count(*) FROM {t}") for t in ("articles", "stories", "mentions", "statements", "events",
                                                                "entities", "discrepancies")}
        sizes = con.execute("SELECT story, count(*) AS n FROM articles WHERE story IS NOT NULL "
                            "GROUP BY story ORDER BY n, story").fetchall()
        large, typical = sizes[-1], sizes[len(sizes) // 2]
        article = one("SELECT id FROM articles ORDER BY words, id LIMIT 1 OFFSET (SELECT count(*) // 2 FROM articles)")
        entity = one("SELECT entity FROM mentions WHERE entity IS NOT NULL GROUP BY entity ORDER BY count(*) DESC, entity LIMIT 1")
        speaker = one("SELECT speaker FROM statements WHERE speaker IS NOT NULL GROUP BY speaker "
                      "ORDER BY count(*) DESC, speaker LIMIT 1")
        said = one("SELECT count(*) FROM statements WHERE speaker = ?", speaker)
        mentioned = one("SELECT count(*) FROM mentions WHERE entity = ?", entity)
    finally:
        con.close()
    size["largest_story_articles"], size["typical_story_articles"] = large[1], typical[1]
    targets = [
        ("stories list", "/"),
        (f"story page, largest ({large[1]} articles)", f"/stories/{large[0]}"),
        (f"story page, median ({typical[1]} articles)", f"/stories/{typical[0]}"),
        ("article page, median length", f"/articles/{article}"),
        (f"entity page, most mentioned ({mentioned} mentions)", f"/entities/{entity}"),
        (f"API statements?speaker= ({said} statements, first page)", "/api/statements?" + urllib.parse.urlencode({"speaker": speaker})),
    ]
    return size, targets


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, log) -> subprocess.Popen:
    script = Path(sys.executable).with_name("newsledger")
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from newsledger.cli import run; sys.argv[0] = 'newsledger'; run()"]
    server = subprocess.Popen([*command, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newsledger serve exited with {server.returncode}; see {log.name}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/openapi.json")
            if connection.getresponse().status == 200:
                connection.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"newsledger serve did not answer on port {port} within 120 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def hammer(port: int, path: str, requests: int, concurrency: int) -> tuple[list[float], int, int, float]:
    """(latencies in s, errors, bytes of the last answer, wall time) of ``requests`` GETs from ``concurrency`` threads."""
    latencies: list[float] = []
    errors = [0]
    size = [0]
    left = [requests]
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while True:
            with lock:
                if left[0] == 0:
                    break
                left[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                ok = 200 <= response.status < 300 and bool(body)
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - started)
            with lock:
                errors[0] += not ok
                if ok:
                    size[0] = len(body)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], size[0], time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the ledger to serve (opened read-only)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per target")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads, one connection each")
    parser.add_argument("--warmup", type=int, default=50, help="requests per target before measuring")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "serve_load.json")
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no ledger at {args.db}")

    size, targets = pick_targets(args.db)
    print(f"{args.db}: {size['articles']:,} articles, {size['stories']:,} stories, {size['mentions']:,} mentions, "
          f"{size['statements']:,} statements", flush=True)
    print(f"{args.requests} requests per target, {args.concurrency} client threads, on {os.cpu_count()} cores "
          "shared by client and server", flush=True)
    port = free_port()
    scratch = Path(tempfile.mkdtemp(prefix="serve-load-"))
    results = []
    with (scratch / "serve.log").open("w+") as log:
        server = start_server(args.db, port, log)
        try:
            for name, path in targets:
                _, warm_errors, _, _ = hammer(port, path, args.warmup, 1)
                cpu_before = cpu_seconds(server.pid)
                latencies, errors, answer, wall = hammer(port, path, args.requests, args.concurrency)
                server_cpu = cpu_seconds(server.pid) - cpu_before
                row = {
                    "target": name,
                    "path": path,
                    "requests": len(latencies),
                    "errors": errors + warm_errors,
                    "requests_per_s": round(len(latencies) / wall, 1),
                    "p50_ms": round(percentile(latencies, 50) * 1000, 1),
                    "p99_ms": round(percentile(latencies, 99) * 1000, 1),
                    "max_ms": round(max(latencies) * 1000, 1),
                    "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
                    "server_cpu_ms_per_request": round(server_cpu / len(latencies) * 1000, 2),
                    "response_bytes": answer,
                }
                results.append(row)
                print(f"{name:<52} {row['requests_per_s']:>7.1f} req/s  p50 {row['p50_ms']:>7.1f} ms  "
                      f"p99 {row['p99_ms']:>7.1f} ms  server CPU {row['server_cpu_ms_per_request']:>6.2f} ms/req  "
                      f"{row['response_bytes']:>8,} B  errors {row['errors']}", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.seek(0)
            server_log = log.read()
    shutil.rmtree(scratch, ignore_errors=True)
    result = {
        "benchmark": "serve_load",
        "ledger": size,
        "requests_per_target": args.requests,
        "concurrency": args.concurrency,
        "cores": os.cpu_count(),
        "client": "Python threads, one keep-alive http.client connection each, on the server's machine and cores",
        "server": "newsledger serve: one uvicorn process, handlers run one at a time on its event loop",
        "targets": results,
    }
    save_result(result, args.out)
    failed = sum(r["errors"] for r in results)
    if failed:
        raise SystemExit(f"{failed} requests failed; the server said:\n{server_log[-3000:]}")
    return result


if __name__ == "__main__":
    main()
