"""The resolver factory and Lambda entry point every function uses.

Each function owns one route, so each builds its own resolver; all of them share the error mapping
registered here, so every error body has the same shape.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.logging import correlation_paths

from titan_training.api import runtime
from titan_training.api.errors import ErrorBody, error_body, reason, status_of, validation_problems
from titan_training.api.identity import Caller, authorize, caller_from_event
from titan_training.api.observability import count, logger, metrics, tracer
from titan_training.domain.errors import DomainError

BASE_PATH = "/api/v1/training"


class OversizedNumber(ValueError):
    """A JSON number longer than Python converts to an int (sys.get_int_max_str_digits(), 4300)."""


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > sys.get_int_max_str_digits():
        raise OversizedNumber(digits)
    return int(digits)


def _number(text: str) -> float | int:
    """JSON has one number type: `12.0` is the integer 12, as JSON Schema's `integer` says."""
    value = float(text)
    return int(value) if value.is_integer() else value


def read_json_body(text: str) -> Any:
    """Every route's body parser: JSON, with an integer too long to convert refused as malformed (400)."""
    return json.loads(text, parse_int=_bounded_int, parse_float=_number)


def _json(status: HTTPStatus, body: dict[str, Any]) -> Response:
    return Response(status_code=int(status), content_type=content_types.APPLICATION_JSON, body=json.dumps(body))


def build_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(
        enable_validation=True,
        cors=CORSConfig(allow_origin=runtime.settings().cors_allow_origin, max_age=600),
        json_body_deserializer=read_json_body,
    )

    @app.exception_handler(RequestValidationError)
    def _invalid_request(failure: RequestValidationError) -> Response:
        problems = validation_problems(list(failure.errors()))
        if any(problem["type"] == "json_invalid" for problem in problems):
            return _json(HTTPStatus.BAD_REQUEST, error_body(HTTPStatus.BAD_REQUEST, "Request body is not valid JSON"))
        summary = "; ".join(f"{p['location']}.{p['field']}: {p['message']}".replace(".:", ":") for p in problems)
        status = HTTPStatus.UNPROCESSABLE_ENTITY
        return _json(status, error_body(status, f"Invalid request: {summary}", problems))

    @app.exception_handler(RecursionError)
    def _too_deep(_: RecursionError) -> Response:
        return _json(
            HTTPStatus.BAD_REQUEST,
            error_body(HTTPStatus.BAD_REQUEST, "Request body is not valid JSON: nested too deeply"),
        )

    @app.exception_handler(OversizedNumber)
    def _oversized_number(_: OversizedNumber) -> Response:
        limit = sys.get_int_max_str_digits()
        message = f"Request body is not valid JSON: a number has more than {limit} digits"
        return _json(HTTPStatus.BAD_REQUEST, error_body(HTTPStatus.BAD_REQUEST, message))

    @app.exception_handler(DomainError)
    def _domain_error(failure: DomainError) -> Response:
        status = status_of(failure)
        if status >= HTTPStatus.INTERNAL_SERVER_ERROR:  # not the caller's doing: the operators need the cause
            logger.warning(failure.message, exc_info=failure)
        return _json(status, error_body(status, failure.message, failure.details))

    @app.not_found
    def _no_route(_: Exception) -> Response:
        return _json(HTTPStatus.NOT_FOUND, error_body(HTTPStatus.NOT_FOUND, "No such route"))

    @app.exception_handler(Exception)
    def _unexpected(failure: Exception) -> Response:
        logger.exception("Unhandled error")
        status = HTTPStatus.INTERNAL_SERVER_ERROR
        return _json(status, error_body(status, "Internal error; it has been logged"))

    return app


def as_json_request(event: dict[str, Any]) -> dict[str, Any]:
    """This API speaks only JSON: read every body as JSON, whatever Content-Type the client sent.

    A browser's `fetch` with a string body sends `text/plain`, curl's `-d` sends a form type;
    without this, Powertools would refuse the first (a 500) and parse the second as a form.
    """
    if not event.get("body"):
        return event
    headers = {k: v for k, v in (event.get("headers") or {}).items() if k.lower() != "content-type"}
    multi = {k: v for k, v in (event.get("multiValueHeaders") or {}).items() if k.lower() != "content-type"}
    return {
        **event,
        "headers": {**headers, "Content-Type": "application/json"},
        "multiValueHeaders": {**multi, "Content-Type": ["application/json"]},
    }


def caller(app: APIGatewayRestResolver) -> Caller:
    """The authenticated caller of the current request (the entry point already let them in)."""
    found = caller_from_event(app.current_event.raw_event)
    assert found is not None, "lambda_entry authorizes every request before routing"
    return found


def api_base_url(app: APIGatewayRestResolver) -> str:
    """The API's public base URL as the client reached it (`https://<host>/<stage>/api/v1/training`), for
    links a client follows later (calendar feeds): PUBLIC_API_URL when set (a custom domain in front),
    else the request's Host and the stage (what the client's path had before the resource's); under
    the local server, which serves no stage, `http://<host>`."""
    config = runtime.settings()
    if config.public_api_url:
        return config.public_api_url.rstrip("/")
    event = app.current_event.raw_event
    headers = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
    context = event.get("requestContext") or {}
    host = headers.get("host") or context.get("domainName") or "localhost"
    scheme = headers.get("x-forwarded-proto") or ("http" if config.local_server else "https")
    stage = ""
    if not config.local_server:
        client_path, resource_path = context.get("path") or "", event.get("path") or ""
        if resource_path and client_path.endswith(resource_path):
            stage = client_path[: -len(resource_path)]
    return f"{scheme}://{host}{stage}{BASE_PATH}"


def lambda_entry(
    app: APIGatewayRestResolver, operation: str, allowed_groups: frozenset[str], json_body: bool = True
) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The Lambda handler: identity first (401/403 before any validation), then the route.

    `json_body=False` for a route that reads its body itself (a CSV import): its Content-Type is kept.
    Adds one metric per call, `Successful<operation>` or `Failed<operation>`.
    """

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @tracer.capture_lambda_handler
    @metrics.log_metrics
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event.get("httpMethod") == "OPTIONS":
            return app.resolve(event, context)
        try:
            authorize(caller_from_event(event), allowed_groups)
        except DomainError as refused:
            status = status_of(refused)
            response = {
                "statusCode": int(status),
                "headers": {"Content-Type": content_types.APPLICATION_JSON},
                "body": json.dumps(error_body(status, refused.message)),
                "isBase64Encoded": False,
            }
        else:
            response = app.resolve(as_json_request(event) if json_body else event, context)
        outcome = "Successful" if response["statusCode"] < HTTPStatus.BAD_REQUEST else "Failed"
        count(f"{outcome}{operation}")
        return response

    return lambda_handler


def public_entry(app: APIGatewayRestResolver, operation: str) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The Lambda handler of a public route (outside the authorizer): no identity read or needed.

    Adds one metric per call, `Successful<operation>` or `Failed<operation>`.
    """

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @tracer.capture_lambda_handler
    @metrics.log_metrics
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        response = app.resolve(as_json_request(event), context)
        outcome = "Successful" if response["statusCode"] < HTTPStatus.BAD_REQUEST else "Failed"
        count(f"{outcome}{operation}")
        return response

    return lambda_handler


def responses(success: int, model: Any, *errors: int, public: bool = False) -> dict[int, dict[str, Any]]:
    """OpenAPI responses of a route: its success status and model, and the error statuses it can return.

    Every route but a public one can also answer 401 (no identity) and 403 (no group that may call it).
    """
    documented: dict[int, dict[str, Any]] = {success: {"description": reason(success)}}
    if model is not None:
        documented[success]["content"] = {"application/json": {"model": model}}
    for status in (*(() if public else (401, 403)), *errors):
        documented[status] = {
            "description": reason(status),
            "content": {"application/json": {"model": ErrorBody}},
        }
    return documented


CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_responses() -> dict[int, dict[str, Any]]:
    """OpenAPI responses of a calendar feed (public): RFC 5545 text, or 404 for any feed or token that
    does not open one (422: Powertools documents one anyway)."""
    documented = responses(200, None, 404, 422, public=True)
    documented[200]["content"] = {"text/calendar": {"schema": {"type": "string", "description": "RFC 5545 iCalendar"}}}
    return documented
