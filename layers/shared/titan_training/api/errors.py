"""The one shape of every error body, and the mapping from domain exceptions to HTTP statuses."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field

from titan_training.domain.base import EMAIL, PRINTABLE
from titan_training.domain.clock import ISO_WEEK_PATTERN
from titan_training.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    NotQualified,
    TooLarge,
    Unauthenticated,
    Unavailable,
    UnreadableBody,
)
from titan_training.domain.ids import CUID_PATTERN

STATUS_OF: dict[type[DomainError], HTTPStatus] = {
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    NotQualified: HTTPStatus.BAD_REQUEST,
    InvalidInput: HTTPStatus.UNPROCESSABLE_ENTITY,
    Unauthenticated: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    UnreadableBody: HTTPStatus.BAD_REQUEST,
    TooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    Unavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}


class ProblemDetail(BaseModel):
    location: str = Field(description="`body`, `query` or `path`.")
    field: str = Field(description="The offending field (dotted for nested ones); empty for the whole body.")
    message: str
    type: str


class ErrorBody(BaseModel):
    statusCode: int
    error: str = Field(description="The HTTP reason phrase, e.g. `Not Found`.")
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


# RFC 9110's reason phrases, which Python 3.13 adopted: the same words whatever Python runs the code,
# so a body and the OpenAPI document read alike on 3.11 and on the python3.13 Lambda runtime.
RFC_9110_PHRASES = {
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "Content Too Large",
    HTTPStatus.REQUEST_URI_TOO_LONG: "URI Too Long",
    HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE: "Range Not Satisfiable",
    HTTPStatus.UNPROCESSABLE_ENTITY: "Unprocessable Content",
}


def reason(status: int) -> str:
    """The reason phrase of an HTTP status."""
    return RFC_9110_PHRASES.get(status) or HTTPStatus(status).phrase


def status_of(error: DomainError) -> HTTPStatus:
    for kind in type(error).__mro__:
        if kind in STATUS_OF:
            return STATUS_OF[kind]
    return HTTPStatus.BAD_REQUEST


def error_body(status: HTTPStatus, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"statusCode": int(status), "error": reason(status), "message": message, "details": details or []}


# What a pattern means, said in words instead of the regex (pydantic reports the regex itself).
PATTERN_MEANINGS = {
    CUID_PATTERN: "must be an id: `c` followed by at least 8 letters or digits",
    EMAIL: "must be an email address",
    PRINTABLE: "must have a visible character and no control characters (tabs, new lines) inside",
    ISO_WEEK_PATTERN: "must be an ISO week as YYYY-Www, e.g. 2026-W48",
}


def validation_problems(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as `{location, field, message, type}`, one per bad field."""
    problems = []
    for error in errors:
        location, *path = error.get("loc") or ("body",)
        field = ".".join(str(part) for part in path)
        message = error.get("msg") or error.get("type", "invalid")
        if error.get("type") == "string_pattern_mismatch":
            message = PATTERN_MEANINGS.get((error.get("ctx") or {}).get("pattern"), message)
        if error.get("type") == "missing" and not field:
            message = "Request body is required"
        problems.append(
            ProblemDetail(location=str(location), field=field, message=message, type=error.get("type", "")).model_dump()
        )
    return problems


def field_messages(errors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pydantic's errors of a model validated on its own (an imported row) as (field, message) pairs,
    worded as the API words a bad request body (validation_problems)."""
    problems = validation_problems([{**error, "loc": ("body", *error.get("loc", ()))} for error in errors])
    return [(problem["field"], problem["message"]) for problem in problems]
