"""How any function treats what a real client sends: content types, odd JSON, loose types, paging ends."""

from __future__ import annotations

import json

import pytest

from local.events import claims_for
from tests.support import BASE, ApiClient, suffix

ADMIN = claims_for("admin-user", "hse-admin")


def _raw(api: ApiClient, method: str, path: str, body: str, content_type: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": content_type} if content_type else {}
    response = api.gateway.invoke(method, BASE + path, body=body, headers=headers, claims=ADMIN)
    return response["statusCode"], json.loads(response["body"])


@pytest.mark.parametrize(
    "content_type",
    ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "application/merge-patch+json", None],
)
def test_a_json_body_is_read_as_json_whatever_content_type_says(api, content_type):
    # Given a browser fetch with a string body (text/plain) or curl -d (a form type)
    code = f"CT-{suffix()}"
    # When a course is created that way
    status, body = _raw(api, "POST", "/courses", f'{{"name": "Gas Testing", "code": "{code}"}}', content_type)
    # Then it is created from the JSON, not refused with a 500 or read as a form
    assert status == 201, body
    assert body["code"] == code


def test_a_patch_sent_as_a_form_type_really_changes_the_resource(api):
    venue = api.venue()
    status, body = _raw(
        api, "PATCH", f"/venues/{venue['id']}", '{"name": "Renamed"}', "application/x-www-form-urlencoded"
    )
    assert status == 200 and body["name"] == "Renamed"
    assert api.get(f"/venues/{venue['id']}").body["name"] == "Renamed"


def test_json_nested_too_deeply_is_400_not_500(api):
    status, body = _raw(api, "POST", "/courses", "[" * 100_000 + "]" * 100_000, "application/json")
    assert status == 400
    assert body["message"].startswith("Request body is not valid JSON")


@pytest.mark.parametrize(
    ("field", "value"),
    [("validityMonths", True), ("validityMonths", "12"), ("requiresVerification", "yes"), ("requiresVerification", 1)],
)
def test_numbers_and_booleans_are_not_coerced(api, field, value):
    reply = api.post("/courses", {"name": "Types", "code": f"TY-{suffix()}", field: value})
    assert reply.status == 422
    assert [d["field"] for d in reply.body["details"]] == [field]


@pytest.mark.parametrize("expiry", [0, 20270630, "2027-06-30T10:00:00Z", "30/06/2027"])
def test_an_expiry_date_must_be_a_calendar_date(api, expiry):
    course, person = api.course(), api.person()
    reply = api.put(
        f"/personnel/{person['id']}/compliance/{course['id']}", {"status": "COMPLIANT", "expiryDate": expiry}
    )
    assert reply.status == 422
    assert reply.body["details"][0]["field"] == "expiryDate"
    assert "YYYY-MM-DD" in reply.body["details"][0]["message"]


def test_pattern_errors_say_what_is_expected_not_the_regex(api):
    reply = api.get("/courses/not-an-id")
    assert reply.status == 422
    assert reply.body["details"][0]["message"] == "must be an id: `c` followed by at least 8 letters or digits"
    reply = api.post("/personnel", {"firstName": "A", "lastName": "B", "employeeNo": "E", "email": "nope"})
    assert reply.body["details"][0]["message"] == "must be an email address"


def test_a_taken_code_is_a_409_that_names_the_field(api):
    course = api.course()
    reply = api.post("/courses", {"name": "Again", "code": course["code"].lower()})
    assert reply.status == 409
    assert reply.body["details"] == [
        {
            "location": "body",
            "field": "code",
            "message": "is already in use (compared ignoring case)",
            "type": "duplicate",
        }
    ]


def test_a_page_that_ends_the_list_has_no_next_token(api):
    # Given exactly three venues
    for _ in range(3):
        api.venue()
    # When they are listed three at a time
    reply = api.get("/venues", {"limit": "3"})
    # Then the first page is also the last
    assert len(reply.body["items"]) == 3
    assert reply.body["nextToken"] is None
    assert api.get("/venues", {"limit": "2"}).body["nextToken"] is not None


def test_a_utc_offset_whose_plus_arrived_as_a_space_is_understood(api):
    # API Gateway decodes `+` in a query string as a space, as a form would
    trainer = api.trainer()
    reply = api.get(
        "/availability",
        "trainerId=" + trainer["id"] + "&startTime=2026-12-01T09:00:00+02:00&endTime=2026-12-01T10:00:00%2B02:00",
    )
    assert reply.status == 200, reply.body
    assert reply.body["available"] is True
