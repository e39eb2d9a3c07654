"""The OpenAPI document is a contract a client can be generated from (issue 9, section 3)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_spec_validator import validate
from pydantic import ValidationError

from local.events import claims_from_token, local_token
from local.openapi import DOCUMENT
from titan_training.api.http import OversizedNumber, read_json_body
from titan_training.domain.calendar import FEED_NAME_PATTERN
from titan_training.domain.courses import CoursePatch
from titan_training.domain.ids import CUID_PATTERN
from titan_training.domain.records import AttendanceEntry

SPEC = json.loads(DOCUMENT.read_text())
OPERATIONS = [
    pytest.param(path, method, operation, id=f"{method.upper()} {path}")
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
]


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def test_the_document_is_valid_openapi():
    validate(SPEC)  # openapi-spec-validator raises on any error


CALENDAR_FEEDS = {
    "/api/v1/training/calendar/trainers/{trainerId}",
    "/api/v1/training/calendar/personnel/{personnelId}",
}


def test_operation_ids_are_unique():
    ids = [operation["operationId"] for _, _, operation in (p.values for p in OPERATIONS)]
    assert len(ids) == len(set(ids)) == 55


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_every_operation_has_an_id_a_tag_a_summary_and_the_cognito_token(path, method, operation):
    assert operation["operationId"] and operation["tags"] and operation["summary"]
    # Every operation needs the token but GET /config, the console's settings read before sign-in, and the
    # calendar feeds (a calendar app sends no Cognito token; each feed has a token of its own)
    public = {("get", "/api/v1/training/config"), *(("get", path) for path in CALENDAR_FEEDS)}
    assert operation["security"] == ([] if (method, path) in public else [{"cognito": []}])
    assert SPEC["components"]["securitySchemes"]["cognito"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "The Cognito ID token (a JWT), sent as it is, without a `Bearer` prefix.",
    }


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_every_4xx_uses_the_one_error_body_and_a_204_has_no_content(path, method, operation):
    for status, response in operation["responses"].items():
        if status.startswith("4"):
            assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
        if status == "204":
            assert "content" not in response
    assert ({"401", "403"} & set(operation["responses"])) == (set() if operation["security"] == [] else {"401", "403"})


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_every_id_in_a_path_carries_the_cuid_pattern(path, method, operation):
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            # A calendar feed's last segment is `<id>.ics` (API Gateway REST has no suffix after a parameter)
            expected = FEED_NAME_PATTERN if path in CALENDAR_FEEDS else CUID_PATTERN
            assert parameter["schema"]["pattern"] == expected


@pytest.mark.parametrize(("path", "method", "operation"), [p for p in OPERATIONS if "requestBody" in p.values[2]])
def test_every_request_body_has_a_valid_example(path, method, operation):
    (media,) = operation["requestBody"]["content"].values()  # JSON, or an import's text/csv
    assert media["example"]


def test_integers_are_integers_and_every_id_field_has_the_pattern():
    for node in _walk(SPEC):
        for bound in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
            assert not isinstance(node.get(bound), float), node
        assert "ge" not in node and "le" not in node
    for name, schema in SPEC["components"]["schemas"].items():
        if name == "HostedSignIn":  # Cognito's own ids (user pool, app client), not ours
            continue
        for field, prop in schema.get("properties", {}).items():
            if field.endswith("Id") and field != "userId" and not field.endswith("ById"):  # ById: a login sub
                text = json.dumps(prop)
                assert CUID_PATTERN.replace("\\", "\\\\") in text, (name, field)


def test_patch_fields_that_cannot_be_cleared_are_not_nullable_and_an_empty_patch_is_invalid():
    schema = SPEC["components"]["schemas"]["CoursePatch"]
    assert schema["minProperties"] == 1
    assert schema["properties"]["name"]["type"] == "string"
    assert "anyOf" not in schema["properties"]["requiresVerification"]
    # Given null for a field that can be cleared, the schema and the model both take it
    assert {"type": "null"} in schema["properties"]["validityMonths"]["anyOf"]
    assert CoursePatch.model_validate({"validityMonths": None}).validity_months is None
    with pytest.raises(ValidationError):
        CoursePatch.model_validate({"name": None})


def test_attendance_status_lists_only_what_is_accepted():
    schema = SPEC["components"]["schemas"]["AttendanceEntry"]
    assert schema["properties"]["status"]["enum"] == ["ATTENDED", "NO_SHOW"]
    with pytest.raises(ValidationError):
        AttendanceEntry.model_validate({"personnelId": "c12345678", "status": "REGISTERED"})


@pytest.mark.parametrize("text", ["12.0", "1e2", "-3.0"])
def test_a_whole_json_number_is_an_integer(text):
    assert read_json_body(text) == int(float(text)) and isinstance(read_json_body(text), int)


def test_a_fraction_stays_a_fraction_and_a_huge_integer_is_refused():
    assert read_json_body("1.5") == 1.5
    with pytest.raises(OversizedNumber):
        read_json_body("7" * 4301)


def test_a_local_token_carries_sub_and_groups_and_anything_else_is_no_identity():
    token = local_token("user-1", "hse-admin", "trainer")
    assert claims_from_token(token) == {"sub": "user-1", "cognito:groups": "hse-admin,trainer"}
    assert claims_from_token(f"Bearer {token}") == claims_from_token(token)
    # A signature is not checked locally
    assert claims_from_token(token + "c2lnbmF0dXJl")["sub"] == "user-1"
    for bad in ["", "garbage", "a.b.c", token.replace(token.split(".")[1], "e30"), "x.eyJzdWIiOiAiIn0.y"]:
        assert claims_from_token(bad) is None
