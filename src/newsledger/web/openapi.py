"""The API's OpenAPI 3.1 description, served at /api/openapi.json.

The records' own shape is the export's JSON Schema (docs/ledger.schema.json);
this document names the paths, their filters, the paging parameters and the
envelope around the records.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ..kinds import KINDS
from .data import DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE

# The API's collections are the record kinds, each with the filters it accepts (exact match on the record's
# field; ``story``: the story's articles' records, or the story itself). Timelines are derived per story when
# read (LedgerView.timeline), so their story is required.
API_FILTERS: dict[str, tuple[str, ...]] = {kind.name: kind.filters for kind in KINDS}
COLLECTIONS = tuple(API_FILTERS)
WITH_RECORD_PAGES = tuple(kind.name for kind in KINDS if kind.record_pages)


def _version() -> str:
    try:
        return version("newsledger")
    except PackageNotFoundError:  # running from a source tree
        return "0"


def _filter_description(kind: str, field: str) -> str:
    if kind == "timelines" and field == "story":
        return "the story whose timeline to read (required: timelines are derived per story)"
    if field == "story" and kind not in ("stories", "discrepancies"):
        return "only records of this story's articles" if kind != "entities" else "only entities mentioned in this story"
    return f"only records whose {field} equals this"


def _error() -> dict:
    return {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _paging() -> list[dict]:
    return [
        {"name": "page", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
         "description": "which page of the matching records, from 1; past the last page, items is empty"},
        {"name": "limit", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
         "description": f"records per page, at most {MAX_LIMIT}; a larger value is a 400"},
    ]


def openapi_document() -> dict:
    paths: dict[str, dict] = {}
    for kind, filters in API_FILTERS.items():
        paths[f"/api/{kind}"] = {"get": {
            "summary": f"The ledger's {kind}, as the export writes them, a page at a time",
            "operationId": f"list_{kind}",
            "parameters": [{"name": f, "in": "query", "required": kind == "timelines" and f == "story",
                            "schema": {"type": "string"}, "description": _filter_description(kind, f)} for f in filters]
                          + _paging(),
            "responses": {
                "200": {"description": f"a page of the matching {kind}", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["count", "page", "limit", "next", "items"],
                    "properties": {"count": {"type": "integer", "description": "how many records match, on every page"},
                                   "page": {"type": "integer"},
                                   "limit": {"type": "integer"},
                                   "next": {"type": ["string", "null"],
                                            "description": "the path and query of the next page; null on the last page"},
                                   "items": {"type": "array", "items": {"type": "object"},
                                             "description": f"records of the export's `{kind}` array (docs/ledger.schema.json)"}}}}}},
                "400": _error(),
            },
        }}
        if kind in WITH_RECORD_PAGES:
            paths[f"/api/{kind}/{{id}}"] = {"get": {
                "summary": f"One record of {kind} by id",
                "operationId": f"get_{kind}",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the record", "content": {"application/json": {"schema": {"type": "object"}}}},
                              "404": _error()},
            }}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsledger API", "version": _version(),
                 "description": "Read-only access to a newsledger ledger; records follow docs/ledger.schema.json."},
        "paths": paths,
        "components": {"schemas": {"Error": {"type": "object", "properties": {
            "error": {"type": "string"}, "status": {"type": "integer"}}}}},
    }
