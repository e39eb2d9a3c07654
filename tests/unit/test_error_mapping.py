"""From domain exceptions and validation errors to the one error body and its HTTP status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from titan_training.api.errors import ErrorBody, ProblemDetail, error_body, status_of, validation_problems
from titan_training.domain.courses import CourseCreate
from titan_training.domain.errors import (
    Conflict,
    DomainError,
    FieldProblem,
    Forbidden,
    InvalidInput,
    NotFound,
    NotQualified,
    Unauthenticated,
    ValidationFailure,
)


class DuplicateCode(Conflict):
    """A subclass the mapping does not list: it must inherit its parent's status."""


class MissingCourse(NotFound):
    pass


@pytest.mark.parametrize(
    ("error", "status"),
    [
        pytest.param(NotFound("Course", "cjld2cjxh0000qzrmn831i7rn"), HTTPStatus.NOT_FOUND, id="not-found-404"),
        pytest.param(Conflict("Course code FA is taken"), HTTPStatus.CONFLICT, id="conflict-409"),
        pytest.param(NotQualified("Trainer is not qualified"), HTTPStatus.BAD_REQUEST, id="not-qualified-400"),
        pytest.param(
            InvalidInput([FieldProblem("body", "endTime", "must be after startTime")]),
            HTTPStatus.UNPROCESSABLE_ENTITY,
            id="invalid-input-422",
        ),
        pytest.param(Unauthenticated(), HTTPStatus.UNAUTHORIZED, id="unauthenticated-401"),
        pytest.param(Forbidden("Requires hse-admin"), HTTPStatus.FORBIDDEN, id="forbidden-403"),
        pytest.param(DuplicateCode("taken"), HTTPStatus.CONFLICT, id="conflict-subclass-409"),
        pytest.param(MissingCourse("Course", "c123456789"), HTTPStatus.NOT_FOUND, id="not-found-subclass-404"),
        pytest.param(DomainError("something the client did"), HTTPStatus.BAD_REQUEST, id="bare-domain-error-400"),
    ],
)
def test_status_of_each_domain_error(error: DomainError, status: HTTPStatus) -> None:
    assert status_of(error) == status


def test_not_found_message_names_kind_and_id() -> None:
    error = NotFound("Venue", "cjld2cjxh0000qzrmn831i7rn")

    assert error.message == "Venue cjld2cjxh0000qzrmn831i7rn not found"
    assert (error.kind, error.entity_id) == ("Venue", "cjld2cjxh0000qzrmn831i7rn")
    assert error.details == []


def test_invalid_input_lists_every_problem() -> None:
    # Given a rule that found two bad fields
    failure = ValidationFailure()
    failure.add("body", "endTime", "must be after startTime")
    failure.add("body", "capacity", "is below the number enrolled")

    # When it raises
    with pytest.raises(InvalidInput) as raised:
        failure.raise_if_any()

    # Then the message and details name both
    error = raised.value
    assert error.message == (
        "Invalid request: body.endTime: must be after startTime; body.capacity: is below the number enrolled"
    )
    assert error.details == [
        {"location": "body", "field": "endTime", "message": "must be after startTime", "type": "value_error"},
        {"location": "body", "field": "capacity", "message": "is below the number enrolled", "type": "value_error"},
    ]


def test_validation_failure_without_problems_does_not_raise() -> None:
    ValidationFailure().raise_if_any()


@pytest.mark.parametrize(
    ("status", "phrase"),
    [
        (HTTPStatus.BAD_REQUEST, "Bad Request"),
        (HTTPStatus.UNAUTHORIZED, "Unauthorized"),
        (HTTPStatus.FORBIDDEN, "Forbidden"),
        (HTTPStatus.NOT_FOUND, "Not Found"),
        (HTTPStatus.CONFLICT, "Conflict"),
        (HTTPStatus.UNPROCESSABLE_ENTITY, "Unprocessable Content"),
        (HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Content Too Large"),
        (HTTPStatus.INTERNAL_SERVER_ERROR, "Internal Server Error"),
    ],
)
def test_error_body_shape(status: HTTPStatus, phrase: str) -> None:
    # When a body is built without details
    body = error_body(status, "What went wrong")

    # Then it has exactly the four documented keys, and fits the ErrorBody schema
    assert body == {"statusCode": int(status), "error": phrase, "message": "What went wrong", "details": []}
    assert type(body["statusCode"]) is int
    assert ErrorBody.model_validate(body).model_dump() == body


def test_error_body_carries_domain_error_details() -> None:
    # Given an invalid-input error
    error = InvalidInput([FieldProblem("query", "nextToken", "is not a token this list handed out")])

    # When its body is built the way the API glue does
    status = status_of(error)
    body = error_body(status, error.message, error.details)

    # Then the details are the problems
    assert body["statusCode"] == 422
    assert body["details"] == [
        {
            "location": "query",
            "field": "nextToken",
            "message": "is not a token this list handed out",
            "type": "value_error",
        }
    ]
    assert ErrorBody.model_validate(body).model_dump() == body


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        pytest.param(
            {"loc": ("body", "name"), "msg": "Field required", "type": "missing"},
            {"location": "body", "field": "name", "message": "Field required", "type": "missing"},
            id="missing-body-field",
        ),
        pytest.param(
            {"loc": ("query", "limit"), "msg": "Input should be less than or equal to 100", "type": "less_than_equal"},
            {
                "location": "query",
                "field": "limit",
                "message": "Input should be less than or equal to 100",
                "type": "less_than_equal",
            },
            id="query-parameter",
        ),
        pytest.param(
            {"loc": ("body",), "msg": "Field required", "type": "missing"},
            {"location": "body", "field": "", "message": "Request body is required", "type": "missing"},
            id="missing-whole-body",
        ),
        pytest.param(
            {"loc": ("body", "personnelIds", 3), "msg": "String should match pattern", "type": "string_pattern"},
            {
                "location": "body",
                "field": "personnelIds.3",
                "message": "String should match pattern",
                "type": "string_pattern",
            },
            id="nested-list-item",
        ),
        pytest.param(
            {"loc": ("path", "courseId"), "msg": "String should match pattern", "type": "string_pattern_mismatch"},
            {
                "location": "path",
                "field": "courseId",
                "message": "String should match pattern",
                "type": "string_pattern_mismatch",
            },
            id="path-parameter",
        ),
        pytest.param(
            {"loc": ("body", "address", "lines", 0, "text"), "msg": "bad", "type": "value_error"},
            {"location": "body", "field": "address.lines.0.text", "message": "bad", "type": "value_error"},
            id="deeply-nested",
        ),
        pytest.param(
            {"loc": ("body",), "msg": "Input should be a valid dictionary", "type": "model_attributes_type"},
            {
                "location": "body",
                "field": "",
                "message": "Input should be a valid dictionary",
                "type": "model_attributes_type",
            },
            id="whole-body-wrong-shape-keeps-its-message",
        ),
        pytest.param(
            {"loc": (), "msg": "Field required", "type": "missing"},
            {"location": "body", "field": "", "message": "Request body is required", "type": "missing"},
            id="empty-loc-is-the-body",
        ),
        pytest.param(
            {"loc": ("body", "name"), "type": "string_too_short"},
            {"location": "body", "field": "name", "message": "string_too_short", "type": "string_too_short"},
            id="no-msg-falls-back-to-type",
        ),
        pytest.param(
            {"loc": ["body", "capacity"], "msg": "Input should be greater than or equal to 1", "type": "greater_than"},
            {
                "location": "body",
                "field": "capacity",
                "message": "Input should be greater than or equal to 1",
                "type": "greater_than",
            },
            id="loc-as-list",
        ),
    ],
)
def test_validation_problems_converts_pydantic_errors(error: dict[str, Any], expected: dict[str, Any]) -> None:
    assert validation_problems([error]) == [expected]


def test_validation_problems_keeps_one_problem_per_error_in_order() -> None:
    # Given several errors
    errors = [
        {"loc": ("body", "name"), "msg": "Field required", "type": "missing"},
        {"loc": ("body", "code"), "msg": "Field required", "type": "missing"},
        {"loc": ("query", "limit"), "msg": "Input should be a valid integer", "type": "int_parsing"},
    ]

    # When converted
    problems = validation_problems(errors)

    # Then each becomes one problem, in order, with the documented keys
    assert [(p["location"], p["field"]) for p in problems] == [("body", "name"), ("body", "code"), ("query", "limit")]
    assert all(set(problem) == set(ProblemDetail.model_fields) for problem in problems)


def test_validation_problems_of_no_errors_is_empty() -> None:
    assert validation_problems([]) == []


def test_validation_problems_from_a_real_pydantic_error() -> None:
    # Given a real ValidationError from a create model, its locs prefixed with "body" as the resolver does
    with pytest.raises(ValidationError) as failure:
        CourseCreate.model_validate({"code": "", "validityMonths": 0})
    errors = [{**error, "loc": ("body", *error["loc"])} for error in failure.value.errors()]

    # When converted
    problems = validation_problems(errors)

    # Then each wire field is named with the pydantic message and type
    by_field = {problem["field"]: problem for problem in problems}
    assert set(by_field) == {"name", "code", "validityMonths"}
    assert by_field["name"]["type"] == "missing"
    assert by_field["name"]["message"] == "Field required"
    assert by_field["code"]["type"] == "string_too_short"
    assert by_field["validityMonths"]["type"] == "greater_than_equal"
    assert all(problem["location"] == "body" for problem in problems)


class _Nested(BaseModel):
    personnelIds: list[str]


def test_validation_problems_from_a_real_nested_list_error() -> None:
    # Given a list with a bad fourth item
    with pytest.raises(ValidationError) as failure:
        _Nested.model_validate({"personnelIds": ["a", "b", "c", 4]})
    errors = [{**error, "loc": ("body", *error["loc"])} for error in failure.value.errors()]

    # When converted
    [problem] = validation_problems(errors)

    # Then the item's index is part of the dotted field
    assert (problem["location"], problem["field"], problem["type"]) == ("body", "personnelIds.3", "string_type")
