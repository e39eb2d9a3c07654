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
from aws_lambda_powertools.event_handler.openapi.models import Server

from local.handlers import load_module
from local.template import ROOT, api_routes

DOCUMENT = ROOT / "openapi.json"
DESCRIPTION = """\
Titan Module 3.0, Training Session Management. Every call but `GET /config` needs a Cognito ID token, sent as it is in
the `Authorization` header (API Gateway's Cognito authorizer reads the raw token); the groups
`hse-admin` (everything) and `trainer` decide what it may do. Errors share one body:
`{statusCode, error, message, details}`, where `details` names each bad field (`location`, `field`,
`message`, `type`). Lists return `{items, nextToken}`: pass `nextToken` back, with the same filters,
for the next page (a token used with other filters is a 422). Instants are ISO 8601 with seconds and an
offset, in the years 2000 to 2099. Locally (`make run`), `Authorization` takes an unsigned token
carrying `sub` and `cognito:groups` (see README, Identity), or send `X-Dev-User-Id` and `X-Dev-Groups`."""

SECURITY_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "Authorization",
    "description": "The Cognito ID token (a JWT), sent as it is, without a `Bearer` prefix.",
}


def build_document() -> dict[str, Any]:
    merge = OpenAPIMerge(
        title="Titan Training Sessions API",
        version="1.0.0",
        description=DESCRIPTION,
        servers=[Server(url="/")],
        on_conflict="error",
    )
    routes = api_routes()
    for route in routes:
        merge.add_schema(load_module(route.handler_file).app.get_openapi_schema())
    document = json.loads(merge.get_openapi_json_schema())
    document.setdefault("components", {})["securitySchemes"] = {"cognito": SECURITY_SCHEME}
    public = {(route.method.lower(), route.path) for route in routes if route.public}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            # A public route (outside the authorizer) declares no requirement: `[]` overrides none.
            operation["security"] = [] if (method, path) in public else [{"cognito": []}]
    for operation in _operations(document):
        _no_content_in_204(operation)
        _example_of_the_body(operation, document)
    _document_malformed_json(document)
    _drop_unused_schemas(document)
    return _integers_as_integers(document)


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [operation for operations in document["paths"].values() for operation in operations.values()]


def _no_content_in_204(operation: dict[str, Any]) -> None:
    """A 204 has no body; Powertools documents the handler's `Response[None]` as JSON `null`."""
    if "204" in operation["responses"]:
        operation["responses"]["204"].pop("content", None)


def _example_of_the_body(operation: dict[str, Any], document: dict[str, Any]) -> None:
    """The request body's example is the body model's own `EXAMPLE` (see ApiModel)."""
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if media is None:
        return
    options = [media["schema"], *media["schema"].get("anyOf", [])]  # an optional body: its model or null
    reference = next((option["$ref"] for option in options if "$ref" in option), "")
    schema = document["components"]["schemas"].get(reference.rsplit("/", 1)[-1], {})
    if schema.get("examples"):
        media["example"] = schema["examples"][0]


def _integers_as_integers(value: Any) -> Any:
    """pydantic writes integer bounds as floats (`maximum: 200.0`); a generated client would read a number."""
    if isinstance(value, dict):
        return {key: _integers_as_integers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integers_as_integers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


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
