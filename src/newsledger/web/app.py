"""The ASGI app: HTML pages and a read-only JSON API over one ledger (Starlette).

Only GET and HEAD are served: any other method is answered 405 on every path,
before routing; the ledger is opened read-only by the caller
(``Ledger(path, read_only=True)``).
Ids from the URL are checked against the ledger's id shape and looked up in the
ledger's records; they never name a file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..kinds import KINDS
from ..store.database import LedgerStore
from .data import LedgerView, page_limit, page_number, valid_date, valid_id
from .openapi import API_FILTERS, COLLECTIONS, WITH_RECORD_PAGES, openapi_document
from .pages import Pages

log = logging.getLogger(__name__)

# A strict policy: pages load nothing from anywhere, not even from this server, and no other site may frame them.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# A collection's name for one of its records, in error messages ("No story with id …").
ONE = {kind.name: kind.singular for kind in KINDS if kind.record_pages}
SHOWN_ID = 100  # characters of an unknown id that an error message repeats

# The names a browser on this machine uses for a loopback server; ``serve`` adds its --host and --allowed-host.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def create_app(store: LedgerStore, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> Starlette:
    """The web app over a ledger store; open the store read-only (``LedgerStore(path, read_only=True)``).

    ``allowed_hosts``: the ``Host`` headers answered, as ``name`` (any port) or ``name:port`` (IPv6 in brackets,
    ``[::1]:8000``); any other host gets a 400, so a site that rebinds its name to this address reads nothing."""
    view = LedgerView(store)
    pages = Pages(view)

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)

    def found(record: dict | None, what: str, record_id: str) -> dict:
        if record is None:
            shown = record_id if len(record_id) <= SHOWN_ID else record_id[:SHOWN_ID] + f"… ({len(record_id):,} characters)"
            raise HTTPException(404, f"No {what} with id {shown!r} in this ledger.")
        return record

    def paging(request: Request, limit: bool = False) -> tuple[int, int]:
        """(page, limit) from ``?page=`` and, on the API, ``?limit=``; a 400 for a bad value."""
        try:
            return page_number(request.query_params.get("page")), page_limit(request.query_params.get("limit") if limit else None)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None

    # Handlers are ``async`` on purpose: they then run one at a time on the event loop,
    # so the single DuckDB connection is never used from two threads at once.

    async def stories_page(request: Request) -> Response:
        query = request.query_params
        date = query.get("date", "").strip() or None
        page, _ = paging(request)
        error = None
        if date and not valid_date(date):
            error = "The date must be a real date as YYYY, YYYY-MM or YYYY-MM-DD."
        body = pages.stories(query.get("q", "").strip() or None, query.get("entity", "").strip() or None, date, page, error)
        return html(body, 400 if error else 200)

    def path_id(request: Request) -> str:
        """The id in a page's path, decoded: ``{id:path}`` keeps an encoded ``/`` (``a%2Fb``) in it; no id is no page."""
        if not request.path_params["id"]:
            raise HTTPException(404)
        return request.path_params["id"]

    async def story_page(request: Request) -> Response:
        story_id = path_id(request)
        story = found(view.story(story_id), "story", story_id)
        return html(pages.story(story, paging(request)[0]))

    async def article_page(request: Request) -> Response:
        article_id = path_id(request)
        return html(pages.article(found(view.article(article_id), "article", article_id)))

    async def entity_page(request: Request) -> Response:
        entity_id = path_id(request)
        entity = found(view.entity(entity_id), "entity", entity_id)
        return html(pages.entity(entity, paging(request)[0]))

    async def api_collection(request: Request) -> Response:
        kind = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        page, limit = paging(request, limit=True)
        filters = {k: v for k, v in request.query_params.items() if k not in ("page", "limit")}
        unknown = sorted(set(filters) - set(API_FILTERS[kind]))
        if unknown:
            raise HTTPException(400, f"Unknown filter {', '.join(unknown)}; {kind} can be filtered by "
                                     f"{', '.join(API_FILTERS[kind]) or 'nothing'}, and paged with page and limit.")
        offset = (page - 1) * limit
        if kind == "timelines":
            total, items = _timeline_page(view, filters, limit, offset)
        else:
            total, items = view.collection(kind, filters, limit, offset)
        following = None
        if offset + len(items) < total:
            following = request.url.path + "?" + urlencode({**filters, "page": page + 1, "limit": limit})
        return JSONResponse({"count": total, "page": page, "limit": limit, "next": following, "items": items})

    async def api_record(request: Request) -> Response:
        kind = request.url.path.split("/")[2]
        record_id = request.path_params["id"]
        if not record_id:  # /api/stories/ is the collection
            query = request.url.query
            return RedirectResponse(f"/api/{kind}" + (f"?{query}" if query else ""))
        return JSONResponse(found(view.record(kind, record_id), ONE[kind], record_id))

    async def api_openapi(request: Request) -> Response:
        return JSONResponse(openapi_document())

    async def not_found_or_refused(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail, "status": exc.status_code}, exc.status_code, headers=headers)
        message = exc.detail if exc.status_code != 404 or "No " in str(exc.detail) else "There is no such page."
        return HTMLResponse(pages.error(exc.status_code, message), exc.status_code, headers={**SECURITY_HEADERS, **headers})

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "internal error; see the server log", "status": 500}, 500, headers=SECURITY_HEADERS)
        return html(pages.error(500, "Something went wrong reading the ledger; the server log has the details."), 500)

    read = ["GET", "HEAD"]
    routes = [
        Route("/", stories_page, methods=read),
        Route("/stories/{id:path}", story_page, methods=read),
        Route("/articles/{id:path}", article_page, methods=read),
        Route("/entities/{id:path}", entity_page, methods=read),
        Route("/api/openapi.json", api_openapi, methods=read),
    ]
    for kind in COLLECTIONS:
        routes.append(Route(f"/api/{kind}", api_collection, methods=read))
        if kind in WITH_RECORD_PAGES:
            routes.append(Route(f"/api/{kind}/{{id:path}}", api_record, methods=read))
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found_or_refused, Exception: server_error},
                    middleware=[Middleware(Secured), Middleware(KnownHosts, allowed=allowed_hosts),
                                Middleware(ReadOnly, refuse=not_found_or_refused)])
    app.router.redirect_slashes = False  # Starlette's builds the Location from the Host header
    app.router.default = _SlashRedirect(routes)
    return app


def serving_hosts(host: str, port: int, extra: Iterable[str] = ()) -> list[str]:
    """The Host headers a server listening on ``host:port`` answers: its own name and the loopback names at its port,
    and ``extra`` (``name`` at that port, or ``name:port``)."""
    hosts = []
    for name in (host, *LOOPBACK_HOSTS, *extra):
        split = _split_host(name)
        if split:
            hosts.append(f"{split[0]}:{port if split[1] is None else split[1]}")
    return hosts


def _split_host(value: str) -> tuple[str, int | None] | None:
    """(name, port) of a Host header or an allowed host (name lower-cased, IPv6 kept in brackets); None if malformed."""
    name, port = value.strip().lower(), None
    if name.startswith("["):
        end = name.find("]")
        if end < 0:
            return None
        name, rest = name[:end + 1], name[end + 1:]
    else:
        name, colon, rest = name.partition(":")
        rest = colon + rest
    if rest:
        if not (rest.startswith(":") and rest[1:].isascii() and rest[1:].isdigit() and len(rest) <= 6):
            return None
        port = int(rest[1:])
    return (name, port) if name else None


class KnownHosts:
    """Answers only requests whose ``Host`` header names this server (DNS rebinding guard): 400 for any other,
    before routing."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]):
        self.app = app
        self.allowed = [split for split in map(_split_host, allowed) if split]

    def accepts(self, header: str) -> bool:
        asked = _split_host(header)
        if asked is None:
            return False
        name, port = asked
        return any(name == allowed and (allowed_port is None or allowed_port == (80 if port is None else port))
                   for allowed, allowed_port in self.allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            hosts = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
            if len(hosts) != 1 or not self.accepts(hosts[0]):
                response = PlainTextResponse("Invalid Host header: this server answers only the names it was started for "
                                             "(newsledger serve --allowed-host adds one).", 400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class Secured:
    """Puts the security headers on every response (pages, JSON, redirects, refusals) that does not set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()
                         if k.lower().encode("latin-1") not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_secured)


class _SlashRedirect:
    """The router's fallback: ``/api/stories/`` → ``/api/stories`` (and the reverse) when that path exists, with a
    Location that is a path on this server, never built from the Host header; any other path is a 404."""

    def __init__(self, routes: list[Route]):
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if scope["type"] == "http" and path != "/":
            other = path.rstrip("/") if path.endswith("/") else path + "/"
            if other.startswith("/") and not other.startswith("//") and any(
                    route.matches({**scope, "path": other})[0] is not Match.NONE for route in self.routes):
                location = quote(other, safe="/:@!$&'()*+,;=-._~")
                if scope.get("query_string"):
                    location += "?" + scope["query_string"].decode("latin-1")
                await RedirectResponse(location)(scope, receive, send)
                return
        raise HTTPException(404)


class ReadOnly:
    """Refuses every method but GET and HEAD on every path, known or not (405), before routing:
    no redirect or handler ever sees a write."""

    def __init__(self, app: ASGIApp, refuse):
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            refusal = HTTPException(405, "Only GET and HEAD are served: the ledger is read-only.", {"Allow": "GET, HEAD"})
            response = await self.refuse(Request(scope), refusal)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _timeline_page(view: LedgerView, filters: dict[str, str], limit: int, offset: int) -> tuple[int, list[dict]]:
    """Timelines are derived per story when read, so a request names its story; kind and date filter its entries."""
    if "story" not in filters:
        raise HTTPException(400, "timelines are built per story: give story=ID (GET /api/stories lists the ids).")
    entries = view.timeline(filters["story"]) if valid_id(filters["story"]) else []
    entries = [e for e in entries if all(str(e.get(k)) == v for k, v in filters.items() if k != "story")]
    return len(entries), entries[offset:offset + limit]
