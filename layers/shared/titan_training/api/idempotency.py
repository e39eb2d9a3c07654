"""Retries are safe: the `Idempotency-Key` header of the endpoints that create something.

A route opts in with `middlewares=[retry_safe]` and an `idempotency_key: IdempotencyKey = None`
parameter (which validates the header and documents it in OpenAPI). Powertools' idempotency utility
does the work, its records in the training table (store/idempotency.py):

- the same key, caller and route with the same request (body and path) within 24 hours answers the
  first response again (status and body; `Idempotent-Replayed: true` says so) and runs nothing;
- the same key with another request is a 422 naming the header;
- while the first request with a key is still running, another is a 409 (retry later);
- only a success is kept: an error changed nothing, so its retry runs again;
- without the header a request runs as it always has, and none of this is even imported.

The middleware runs after identity (lambda_entry) and request validation, so refused or malformed
requests never touch the records.
"""

from __future__ import annotations

import functools
import json
from http import HTTPStatus
from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Header
from aws_lambda_powertools.shared.json_encoder import Encoder

from titan_training.api import runtime
from titan_training.api.http import caller
from titan_training.domain.errors import Conflict, FieldProblem, InvalidInput

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver
    from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
RETENTION_SECONDS = 24 * 60 * 60

IdempotencyKey = Annotated[
    str,
    Header(
        alias=HEADER,
        min_length=1,
        max_length=255,
        description=(
            "Makes a retry safe: the same key and body within 24 hours answer the first response again "
            "(marked `Idempotent-Replayed: true`) and create nothing more; the same key with another body "
            "is a 422, and while the first request is still running a 409. Send a new random value "
            "(e.g. a UUID) per intended action."
        ),
    ),
]


class _NotKept(Exception):
    """A response that is not a success: nothing was created, so the record is dropped and a retry runs."""

    def __init__(self, response: dict[str, Any]) -> None:
        super().__init__(response["statusCode"])
        self.response = response


def _replayed(response: dict[str, Any], _record: Any) -> dict[str, Any]:
    return {**response, "replayed": True}


@functools.cache
def _config() -> IdempotencyConfig:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

    return IdempotencyConfig(
        event_key_jmespath="key",
        payload_validation_jmespath="request",
        raise_on_no_idempotency_key=False,
        expires_after_seconds=RETENTION_SECONDS,
        hash_function="sha256",
        response_hook=_replayed,
    )


@functools.cache
def _records(operation: str, table_name: str, region: str, endpoint_url: str | None) -> DynamoDBPersistenceLayer:
    """One operation's records in one table (a new table, as in tests, gets its own), configured up front:
    the local server's threads share it, and Powertools configures a layer lazily on its first use."""
    from titan_training.store.idempotency import idempotency_records

    records = idempotency_records(table_name, region, endpoint_url, operation)
    records.configure(_config(), key_prefix=operation)
    return records


def _canonical_body(body: str | None) -> str:
    """The body as sorted, compact JSON, so a retry that re-serializes the same JSON still matches."""
    if not body:
        return ""
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
    except (ValueError, RecursionError):
        return body


def _as_response(stored: dict[str, Any]) -> Response:
    headers = {REPLAYED_HEADER: "true"} if stored.get("replayed") else {}
    return Response(
        status_code=stored["statusCode"], content_type=stored["contentType"], body=stored["body"], headers=headers
    )


def retry_safe(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
    """Route middleware: answer a repeated `Idempotency-Key` with the first response (see the module)."""
    event = app.current_event
    key = event.headers.get(HEADER)
    if not key:
        return next_middleware(app)

    from aws_lambda_powertools.utilities.idempotency import idempotent_function
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    operation = app.context["_route"].operation_id
    settings = runtime.settings()
    config = _config()
    config.register_lambda_context(app.lambda_context)

    def respond(request: dict[str, Any]) -> dict[str, Any]:
        response = next_middleware(app)
        body = response.body
        if not isinstance(body, str | None):  # as the resolver would serialize it
            body = json.dumps(body, separators=(",", ":"), cls=Encoder)
        content_type = response.headers.get("Content-Type", content_types.APPLICATION_JSON)
        kept = {"statusCode": int(response.status_code), "contentType": content_type, "body": body}
        if not HTTPStatus.OK <= response.status_code < HTTPStatus.MULTIPLE_CHOICES:
            raise _NotKept(kept)
        return kept

    once = idempotent_function(
        respond,
        data_keyword_argument="request",
        persistence_store=_records(operation, settings.table_name, settings.aws_region, settings.dynamodb_endpoint_url),
        config=config,
        key_prefix=operation,
    )
    request = {
        "key": {"operation": operation, "caller": caller(app).user_id, "idempotencyKey": key},
        "request": {"body": _canonical_body(event.body), "path": event.path_parameters or {}},
    }
    try:
        return _as_response(once(request=request))
    except _NotKept as error:
        return _as_response(error.response)
    except IdempotencyValidationError as reused:
        problem = FieldProblem(
            "header",
            HEADER,
            "was already used with a different request to this endpoint; send a new key for a new request",
            type="idempotency_key_reused",
        )
        raise InvalidInput([problem]) from reused
    except IdempotencyAlreadyInProgressError as running:
        problem = FieldProblem(
            "header", HEADER, "a request with this key is still in progress", type="idempotency_key_in_progress"
        )
        raise Conflict(
            f"A request with this {HEADER} is still in progress; retry it in a moment for its response",
            details=[problem.__dict__],
        ) from running
