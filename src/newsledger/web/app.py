"""The ASGI app: HTML pages and a read-only JSON API over one ledger (Starlette).

Only GET and HEAD routes exist, so any other method is answered 405; the
ledger is opened read-only by the caller (``Ledger(path, read_only=True)``).
Ids from the URL are checked against the ledger's id shape and looked up in the
ledger's records; they never name a file.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..store.database import LedgerStore
from .data import DATE_PATTERN, LedgerView, filter_records, valid_id
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

    # Handlers are ``async`` on purpose: they then run one at a time on the event loop,
    # so the single DuckDB connection is never used from two threads at once.

    async def stories_page(request: Request) -> Response:
        query = request.query_params
        date = query.get("date", "").strip() or None
        error = None
        if date and not DATE_PATTERN.fullmatch(date):
            error = "The date must be YYYY, YYYY-MM or YYYY-MM-DD."
        body = pages.stories(query.get("q", "").strip() or None, query.get("entity", "").strip() or None, date, error)
        return html(body, 400 if error else 200)

    async def story_page(request: Request) -> Response:
        story_id = request.path_params["id"]
        return html(pages.story(found(view.story(story_id), "story", story_id)))

    async def article_page(request: Request) -> Response:
        article_id = request.path_params["id"]
        return html(pages.article(found(view.article(article_id), "article", article_id)))

    async def entity_page(request: Request) -> Response:
        entity_id = request.path_params["id"]
        return html(pages.entity(found(view.entity(entity_id), "entity", entity_id)))

    async def api_collection(request: Request) -> Response:
        kind = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        records = view.records(kind)
        filters = dict(request.query_params)
        unknown = sorted(set(filters) - set(API_FILTERS[kind]))
        if unknown:
            raise HTTPException(400, f"Unknown filter {', '.join(unknown)}; {kind} can be filtered by "
                                     f"{', '.join(API_FILTERS[kind]) or 'nothing'}.")
        if "story" in filters and kind not in ("discrepancies", "timelines"):
            records = _of_story(view, kind, records, filters.pop("story"))
        records = filter_records(records, filters)
        return JSONResponse({"count": len(records), "items": records})

    async def api_record(request: Request) -> Response:
        kind = request.url.path.split("/")[2]
        record_id = request.path_params["id"]
        record = None
        if valid_id(record_id):
            record = next((r for r in view.records(kind) if r.get("id") == record_id), None)
        return JSONResponse(found(record, kind.rstrip("s"), record_id))

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
    return Starlette(routes=routes, exception_handlers={HTTPException: not_found_or_refused, Exception: server_error})


def _of_story(view: LedgerView, kind: str, records: list[dict], story_id: str) -> list[dict]:
    """Records belonging to one story's articles (entities: mentioned in one of them)."""
    story = view.story(story_id)
    ids = set(story["articles"]) if story else set()
    if kind == "stories":
        return [r for r in records if r["id"] == story_id]
    if kind == "articles":
        return [r for r in records if r["id"] in ids]
    if kind == "entities":
        return [r for r in records if any(m["article"] in ids for m in r["mentions"])]
    return [r for r in records if r.get("article") in ids]
