"""One OpenAPI document for the whole API, merged from every function's own resolver.

Each function knows only its own route, so the document is the merge of all of them, in the order
template.yaml declares them. `openapi.json` is its committed copy; a test fails when the two differ.
Run `python -m local.openapi --write` (or `make openapi`) after changing a route or a model.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer, Server

from local.handlers import load_module
from local.template import ROOT, api_routes

DOCUMENT = ROOT / "openapi.json"
DESCRIPTION = """\
Titan Module 3.0, Training Session Management. Every call needs a Cognito ID token
(`Authorization: Bearer ...`); the groups `hse-admin` (everything) and `trainer` decide what it may do.
Errors share one body: `{statusCode, error, message, details}`, where `details` names each bad field
(`location`, `field`, `message`, `type`). Lists return `{items, nextToken}`: pass `nextToken` back for
the next page. Locally (`make run`), send `X-Dev-User-Id` and `X-Dev-Groups` instead of a token."""


def build_document() -> dict[str, Any]:
    merge = OpenAPIMerge(
        title="Titan Training Sessions API",
        version="1.0.0",
        description=DESCRIPTION,
        servers=[Server(url="/")],
        security_schemes={"cognito": HTTPBearer(bearerFormat="JWT", description="Cognito ID token")},
        security=[{"cognito": []}],
        on_conflict="error",
    )
    for route in api_routes():
        merge.add_schema(load_module(route.handler_file).app.get_openapi_schema())
    document = json.loads(merge.get_openapi_json_schema())
    _document_malformed_json(document)
    _drop_unused_schemas(document)
    return document


def _document_malformed_json(document: dict[str, Any]) -> None:
    """Every route that takes a body answers malformed JSON with 400."""
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for operations in document["paths"].values():
        for operation in operations.values():
            if "requestBody" in operation:
                operation["responses"].setdefault(
                    "400", {"description": "Bad Request", "content": {"application/json": {"schema": error}}}
                )


def _drop_unused_schemas(document: dict[str, Any]) -> None:
    """Powertools adds its own validation-error schemas; ours is ErrorBody, so unused ones go."""
    schemas = document.get("components", {}).get("schemas", {})
    while True:
        text = json.dumps({key: value for key, value in document.items() if key != "components"})
        text += json.dumps(schemas)
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return
        for name in unused:
            del schemas[name]


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    text = render(build_document())
    if "--write" in sys.argv:
        DOCUMENT.write_text(text)
        print(f"wrote {DOCUMENT.relative_to(ROOT)}")
    else:
        sys.stdout.write(text)
