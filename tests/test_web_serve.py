"""`newsledger serve` drops clients that never finish their headers (issue 21), and answers others meanwhile.

uvicorn alone keeps such a connection open for as long as the client likes; web/serving.py gives a request's line
and headers ``--header-timeout`` seconds. Behaviour only: bench/slow_clients.py measures it with hundreds of them.
"""

from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from newsledger.ledger import Ledger

from test_browser import serving

TIMEOUT = 1.0
MARGIN = 2.0


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    with Ledger(folder / "ledger.duckdb"):  # an empty ledger: what is served does not matter here
        pass
    with serving(folder / "ledger.duckdb", folder, "--header-timeout", str(TIMEOUT)) as url:
        yield int(url.rsplit(":", 1)[1])


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _closed_after(sock: socket.socket, began: float) -> float:
    """Seconds from ``began`` until the server closes ``sock`` (its read returns end-of-file)."""
    sock.settimeout(TIMEOUT + MARGIN)
    try:
        while sock.recv(1024):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"the server held a connection with unfinished headers for over {TIMEOUT + MARGIN} s")
    return time.monotonic() - began


def test_half_a_request_line_is_dropped_while_others_are_answered(port):
    with socket.create_connection(("127.0.0.1", port)) as slow:
        began = time.monotonic()
        slow.sendall(b"GET /api/sto")
        assert _answers(port)
        assert TIMEOUT - 0.2 <= _closed_after(slow, began) <= TIMEOUT + MARGIN


def test_a_byte_at_a_time_does_not_restart_the_clock(port):
    with socket.create_connection(("127.0.0.1", port)) as slow:
        began = time.monotonic()
        for byte in b"GET / HTTP/1.1\r\n":
            try:
                slow.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.25)
            if time.monotonic() - began > TIMEOUT + MARGIN:
                pytest.fail("still open after a byte every 0.25 s")
        assert _closed_after(slow, began) <= TIMEOUT + MARGIN


def test_a_kept_alive_connection_gets_the_same_deadline_for_its_next_request(port):
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(f"GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        conn.settimeout(5)
        assert conn.recv(64).startswith(b"HTTP/1.1 200")
        began = time.monotonic()
        conn.sendall(b"GET /api/sto")  # the next request, never finished
        assert _closed_after(conn, began) <= TIMEOUT + MARGIN
