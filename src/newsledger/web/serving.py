"""How ``newsledger serve`` runs the app: uvicorn's h11 protocol, plus a deadline for a request's headers.

uvicorn (0.54) times out only an idle keep-alive connection, after a response: a client that connects and never
finishes its request line and headers holds its connection, and its file descriptor, for as long as it likes (a
slow-loris client). ``HEADER_TIMEOUT`` seconds after a connection opens, or after the first byte of a later request
on it, a request whose headers have not all arrived is dropped. The clock is not restarted by each byte, so a
client sending one byte a second is dropped too. bench/slow_clients.py measures it (docs/web.md).
"""

from __future__ import annotations

import asyncio

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds; `newsledger serve --header-timeout`


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol that closes a connection whose request headers take longer than ``header_timeout``."""

    header_timeout: float = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._header_deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._watch_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watching()
        super().connection_lost(exc)

    def _waiting_for_headers(self) -> bool:
        return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

    def _watch_headers(self) -> None:
        if self.transport.is_closing() or not self._waiting_for_headers():
            self._stop_watching()
        elif self._header_deadline is None:  # armed once per request, not again at each byte
            self._header_deadline = self.loop.call_later(self.header_timeout, self._drop)

    def _stop_watching(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _drop(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing() and self._waiting_for_headers():
            self.transport.close()


def server(app, header_timeout: float = HEADER_TIMEOUT) -> uvicorn.Server:
    """A uvicorn server for ``app`` that drops clients not done with their headers after ``header_timeout``
    seconds (0: never, uvicorn's own behaviour)."""
    protocol: type = H11Protocol
    if header_timeout > 0:
        protocol = type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout": header_timeout})
    return uvicorn.Server(uvicorn.Config(app, log_level="warning", http=protocol))
