"""The ASGI app: HTML pages and a read-only JSON API over one ledger (Starlette).

Only GET and HEAD are served: any other method is answered 405 on every path,
before routing; the ledger is opened read-only by the caller
(``Ledger(path, read_only=True)``).
Ids from the URL are checked against the ledger's id shape and looked up in the
ledger's records; they never name a file.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store.database import LedgerStore
from .data import DATE_PATTERN, LedgerView, page_limit, page_number, valid_id
from .openapi import API_FILTERS, COLLECTIONS, WITH_RECORD_PAGES, openapi_document
from .pages import Pages

log = logging.getLogger(__name__)

# A strict policy: pages load nothing from anywhere, not even from this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(store: LedgerStore) -> Starlette:
    """The web app over a ledger store; open the store read-only (``LedgerStore(path, read_only=True)``)."""
    view = LedgerView(store)
    pages = Pages(view)

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)

    def found(record: dict | None, what: str, record_id: str) -> dict:
        if record is None:
            raise HTTPException(404, f"No {what} with id {record_id!r} in this ledger.")
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
        if date and not DATE_PATTERN.fullmatch(date):
            error = "The date must be YYYY, YYYY-MM or YYYY-MM-DD."
        body = pages.stories(query.get("q", "").strip() or None, query.get("entity", "").strip() or None, date, page, error)
        return html(body, 400 if error else 200)

    async def story_page(request: Request) -> Response:
        story_id = request.path_params["id"]
        story = found(view.story(story_id), "story", story_id)
        return html(pages.story(story, paging(request)[0]))

    async def article_page(request: Request) -> Response:
        article_id = request.path_params["id"]
        return html(pages.article(found(view.article(article_id), "article", article_id)))

    async def entity_page(request: Request) -> Response:
        entity_id = request.path_params["id"]
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
        return JSONResponse(found(view.record(kind, record_id), kind.rstrip("s"), record_id))

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
            return JSONResponse({"error": "internal error; see the server log", "status": 500}, 500)
        return html(pages.error(500, "Something went wrong reading the ledger; the server log has the details."), 500)

    read = ["GET", "HEAD"]
    routes = [
        Route("/", stories_page, methods=read),
        Route("/stories/{id}", story_page, methods=read),
        Route("/articles/{id}", article_page, methods=read),
        Route("/entities/{id}", entity_page, methods=read),
        Route("/api/openapi.json", api_openapi, methods=read),
    ]
    for kind in COLLECTIONS:
        routes.append(Route(f"/api/{kind}", api_collection, methods=read))
        if kind in WITH_RECORD_PAGES:
            routes.append(Route(f"/api/{kind}/{{id}}", api_record, methods=read))
    return Starlette(routes=routes, exception_handlers={HTTPException: not_found_or_refused, Exception: server_error},
                     middleware=[Middleware(ReadOnly, refuse=not_found_or_refused)])


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
