"""Slow clients against `newsledger serve`: do connections that never finish their headers get dropped, and does
the server keep answering while they are open?

    python bench/slow_clients.py [--db LEDGER] [--clients 300] [--header-timeout 5] [--wait 30]

Starts ``newsledger serve --header-timeout T`` on a free port of 127.0.0.1 (over an empty ledger unless ``--db``
names one), opens ``--clients`` connections that each send half a request line (``GET /api/sto``) and nothing more,
then times normal requests (GET /) while they are open, and records when the server closes each slow connection
(its read returns end-of-file). ``--header-timeout 0`` is uvicorn's own behaviour: no slow connection is closed
within ``--wait`` seconds. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def start(db: Path, header_timeout: float) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "import sys; from newsledger.cli import run; sys.argv[0] = 'newsledger'; run()",
               "serve", "--db", str(db), "--port", str(port), "--header-timeout", str(header_timeout)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return server, url
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"newsledger serve did not answer on {url}")


def timed_get(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        assert response.status == 200, response.status
    return (time.perf_counter() - began) * 1000


def run(db: Path, clients: int, header_timeout: float, wait: float) -> dict:
    server, url = start(db, header_timeout)
    port = int(url.rsplit(":", 1)[1].strip("/"))
    try:
        baseline = [timed_get(url) for _ in range(20)]
        selector = selectors.DefaultSelector()
        opened = time.monotonic()
        for _ in range(clients):
            slow = socket.create_connection(("127.0.0.1", port))
            slow.sendall(b"GET /api/sto")
            slow.setblocking(False)
            selector.register(slow, selectors.EVENT_READ)
        during = [timed_get(url) for _ in range(20)]
        closed_after: list[float] = []
        deadline = opened + wait
        while len(closed_after) < clients and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                try:
                    data = key.fileobj.recv(1024)
                except ConnectionError:
                    data = b""
                if not data:
                    closed_after.append(time.monotonic() - opened)
                    selector.unregister(key.fileobj)
                    key.fileobj.close()
        after = [timed_get(url) for _ in range(20)]
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        return {
            "clients": clients, "header_timeout_s": header_timeout, "waited_s": wait,
            "get_ms_before": round(statistics.median(baseline), 2),
            "get_ms_while_open": {"median": round(statistics.median(during), 2), "max": round(max(during), 2)},
            "get_ms_after": round(statistics.median(after), 2),
            "slow_closed": len(closed_after),
            "closed_after_s": ({"first": round(min(closed_after), 2), "last": round(max(closed_after), 2)}
                               if closed_after else None),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a ledger (default: an empty one in a temporary folder)")
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--header-timeout", type=float, default=5.0)
    parser.add_argument("--wait", type=float, default=30.0, help="seconds to wait for the slow connections to close")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            from newsledger.ledger import Ledger

            db = Path(folder) / "ledger.duckdb"
            with Ledger(db):
                pass
        print(json.dumps(run(db, args.clients, args.header_timeout, args.wait), indent=2))


if __name__ == "__main__":
    main()
