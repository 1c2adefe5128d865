"""The API's OpenAPI 3.1 description, served at /api/openapi.json.

The records' own shape is the export's JSON Schema (docs/ledger.schema.json);
this document names the paths, their filters and the envelope around the records.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# The API's collections and the filters each accepts (exact match on the record's field;
# ``story`` on articles, entities, statements, events, labels and times: the story's articles).
API_FILTERS: dict[str, tuple[str, ...]] = {
    "stories": ("story",),
    "articles": ("story", "outlet", "published", "published_source", "duplicate_of"),
    "entities": ("story", "type", "name"),
    "statements": ("story", "article", "speaker", "kind", "mode"),
    "events": ("story", "article", "type", "aligned", "date"),
    "discrepancies": ("story", "facet", "kind", "event"),
    "labels": ("story", "article", "entity", "voice", "kind", "label"),
    "times": ("story", "article", "type", "value"),
    "timelines": ("story", "kind", "date"),
}
COLLECTIONS = tuple(API_FILTERS)
WITH_RECORD_PAGES = ("stories", "articles", "entities", "statements", "events", "discrepancies")


def _version() -> str:
    try:
        return version("newsledger")
    except PackageNotFoundError:  # running from a source tree
        return "0"


def _filter_description(kind: str, field: str) -> str:
    if field == "story" and kind not in ("stories", "discrepancies", "timelines"):
        return "only records of this story's articles" if kind != "entities" else "only entities mentioned in this story"
    return f"only records whose {field} equals this"


def _error() -> dict:
    return {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document() -> dict:
    paths: dict[str, dict] = {}
    for kind, filters in API_FILTERS.items():
        paths[f"/api/{kind}"] = {"get": {
            "summary": f"The ledger's {kind}, as the export writes them",
            "operationId": f"list_{kind}",
            "parameters": [{"name": f, "in": "query", "required": False, "schema": {"type": "string"},
                            "description": _filter_description(kind, f)} for f in filters],
            "responses": {
                "200": {"description": f"matching {kind}", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["count", "items"],
                    "properties": {"count": {"type": "integer"},
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
