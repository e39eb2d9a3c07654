"""Section 2 of issue 9: whatever a client sends, a 4xx with a clear message, never a 5xx."""

from __future__ import annotations

import json

import pytest

from local.openapi import DOCUMENT
from local.template import api_routes
from tests.support import ADMIN, BASE, ApiClient, error_fields

HUGE_INTEGER = "9" * 5000  # past Python's 4300-digit limit on int(str)
OPERATIONS = json.loads(DOCUMENT.read_text())["paths"]


def _concrete(path: str) -> str:
    """A template path with every `{id}` filled by a well-formed cuid that does not exist."""
    parts = [("cnotthere0000000000000000" if part.startswith("{") else part) for part in path.split("/")]
    return "/".join(parts)


def _body_media(route) -> set[str]:
    return set(OPERATIONS[route.path][route.method.lower()].get("requestBody", {}).get("content", {}))


@pytest.mark.parametrize(
    "route",
    [route for route in api_routes() if "application/json" in _body_media(route)],
    ids=lambda route: f"{route.method} {route.path}",
)
def test_an_integer_of_more_than_4300_digits_is_a_400_on_every_route_with_a_body(api, route):
    # Given a body holding a 5000-digit integer
    body = f'{{"capacity": {HUGE_INTEGER}, "validityMonths": -{HUGE_INTEGER}}}'
    # When it is sent to a route that reads a body
    response = api.gateway.invoke(route.method, _concrete(route.path), body=body, claims=ADMIN)
    # Then it is refused as malformed JSON, saying why
    assert response["statusCode"] == 400, response["body"]
    message = json.loads(response["body"])["message"]
    assert message == "Request body is not valid JSON: a number has more than 4300 digits"


@pytest.mark.parametrize(
    "route",
    [route for route in api_routes() if "requestBody" not in OPERATIONS[route.path][route.method.lower()]],
    ids=lambda route: f"{route.method} {route.path}",
)
def test_a_huge_integer_sent_to_a_route_without_a_body_is_ignored_not_a_500(api, route):
    response = api.gateway.invoke(route.method, _concrete(route.path), body=f"[{HUGE_INTEGER}]", claims=ADMIN)
    assert response["statusCode"] < 500, response["body"]


@pytest.mark.parametrize(
    "route",
    [route for route in api_routes() if "text/csv" in _body_media(route)],
    ids=lambda route: f"{route.method} {route.path}",
)
def test_json_sent_to_a_csv_import_is_a_400_saying_the_media_type(api, route):
    # Given a JSON body (with its Content-Type) sent to an import, which reads CSV
    body = f'{{"capacity": {HUGE_INTEGER}}}'
    response = api.gateway.invoke(route.method, _concrete(route.path), body=body, claims=ADMIN)
    # Then it is a 400 naming the media type the route takes
    assert response["statusCode"] == 400, response["body"]
    assert "text/csv" in json.loads(response["body"])["message"]


def test_an_integer_of_4300_digits_is_read_and_then_refused_by_the_field(api):
    # Given a number just within the limit: valid JSON, but far above the field's maximum
    reply = api.post("/venues", f'{{"name": "Big", "capacity": {"9" * 4300}}}')
    # Then the field names the problem (422), not the parser
    assert reply.status == 422 and error_fields(reply) == {"capacity"}


YEAR_ONE = ["0001-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "0001-01-01T00:00:00+14:00"]
OUT_OF_RANGE = [*YEAR_ONE, "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00"]


@pytest.mark.parametrize("instant", OUT_OF_RANGE)
def test_an_instant_outside_2000_to_2099_is_422_on_availability(api, instant):
    # When availability is asked for a window starting in year 1 (or past 2099)
    reply = api.get("/availability", query={"startTime": instant, "endTime": "2026-11-23T10:00:00Z"})
    # Then the field is named, and the range is said
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"startTime"}
    assert "2000 to 2099" in reply.body["message"]


@pytest.mark.parametrize("instant", OUT_OF_RANGE)
@pytest.mark.parametrize("bound", ["from", "to"])
def test_an_instant_outside_the_range_is_422_on_list_sessions(api, instant, bound):
    reply = api.get("/sessions", query={bound: instant})
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {bound}


def test_a_year_one_bound_with_an_offset_in_a_raw_query_string_is_422(api):
    # Given `+14:00` percent-encoded, as a client sends it
    reply = api.get("/sessions", query="from=0001-01-01T00:00:00%2B14:00")
    assert reply.status == 422 and error_fields(reply) == {"from"}


@pytest.mark.parametrize("value", ["0.5", "1700000000", "2026-11-23", "2026-11-23T09:00:00", "tomorrow"])
def test_a_bound_that_is_not_an_instant_with_an_offset_is_422(api, value):
    # `to=0.5` was read as a Unix timestamp
    reply = api.get("/sessions", query={"to": value})
    assert reply.status == 422 and error_fields(reply) == {"to"}


@pytest.mark.parametrize("instant", YEAR_ONE)
def test_scheduling_in_year_one_is_422_naming_the_field(api, instant):
    # Given a draft
    course, trainer, venue = api.course(), api.trainer(), api.venue()
    draft = api.post("/sessions/draft", {"courseId": course["id"]}).body
    # When it is scheduled to start in year 1
    plan = {"trainerId": trainer["id"], "venueId": venue["id"], "startTime": instant, "endTime": instant}
    reply = api.patch(f"/sessions/{draft['id']}/schedule", plan)
    # Then 422 names both times, and nothing changed
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"startTime", "endTime"}
    assert api.get(f"/sessions/{draft['id']}").body["status"] == "DRAFT"


def test_the_range_edges_are_accepted(api):
    reply = api.get("/sessions", query={"from": "2000-01-01T00:00:00+14:00", "to": "2099-12-31T23:59:59.999-12:00"})
    assert reply.status == 200, reply.body


def _paged_sessions(api: ApiClient, count: int) -> None:
    course = api.course()
    for _ in range(count):
        assert api.post("/sessions/draft", {"courseId": course["id"]}).status == 201


def test_a_next_token_reused_with_other_filters_is_422(api):
    # Given the first page of DRAFT sessions
    _paged_sessions(api, 3)
    first = api.get("/sessions", query={"status": "DRAFT", "limit": "1"})
    assert first.status == 200 and first.body["nextToken"]
    # When its token is sent with another filter
    reply = api.get("/sessions", query={"status": "SCHEDULED", "limit": "1", "nextToken": first.body["nextToken"]})
    # Then it is refused: the token belongs to the other query
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}
    assert "does not belong to this query" in reply.body["message"]
    # And with the same filters (another page size is the same query) it goes on
    again = api.get("/sessions", query={"status": "DRAFT", "limit": "2", "nextToken": first.body["nextToken"]})
    assert again.status == 200 and again.body["items"]


def _token(value: object) -> str:
    import base64

    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        _token({"ListPK": {"S": "SESSION"}, "ListSK": {"S": "2026"}}),  # a bare LastEvaluatedKey
        _token({"k": {"ListPK": {"S": "SESSION"}, "ListSK": {"S": "2026"}}, "q": "0" * 32}),
        _token({"k": {"ListPK": {"S": "SESSION"}}, "q": None}),
        "not a token",
        "e30",
    ],
)
def test_a_next_token_made_by_hand_is_422(api, token):
    reply = api.get("/sessions", query={"nextToken": token})
    assert reply.status == 422, reply.body
    assert error_fields(reply) == {"nextToken"}


@pytest.mark.parametrize("path", ["/courses", "/venues", "/trainers", "/personnel"])
def test_every_paged_list_refuses_another_lists_token(api, path):
    # Given a token from the sessions list
    _paged_sessions(api, 2)
    token = api.get("/sessions", query={"limit": "1"}).body["nextToken"]
    # When another list is asked to resume from it
    reply = api.get(path, query={"nextToken": token})
    # Then 422 names nextToken
    assert reply.status == 422 and error_fields(reply) == {"nextToken"}


def test_a_personnel_token_is_bound_to_its_search(api):
    for _ in range(3):
        api.person(lastName="Tokenbound")
    first = api.get("/personnel", query={"search": "tokenbound", "limit": "1"})
    assert first.body["nextToken"]
    reply = api.get("/personnel", query={"search": "other", "limit": "1", "nextToken": first.body["nextToken"]})
    assert reply.status == 422 and error_fields(reply) == {"nextToken"}


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PUT", "BREW"])
def test_an_unsupported_method_is_405_with_allow(api, method):
    # When /sessions (GET only) is called with a method it does not serve
    response = api.gateway.invoke(method, BASE + "/sessions", claims=ADMIN)
    # Then 405 lists what it does serve
    assert response["statusCode"] == 405
    assert response["headers"]["Allow"] == "GET, OPTIONS"
    assert json.loads(response["body"])["error"] == "Method Not Allowed"


def test_405_allow_lists_every_method_of_a_path_with_parameters(api):
    response = api.gateway.invoke("POST", BASE + "/sessions/cnotthere000000000", claims=ADMIN)
    assert response["statusCode"] == 405
    assert response["headers"]["Allow"] == "DELETE, GET, OPTIONS, PATCH"


def test_an_unknown_path_is_still_404(api):
    assert api.gateway.invoke("GET", BASE + "/nothing-here", claims=ADMIN)["statusCode"] == 404


def test_under_concurrency_an_error_is_logged_with_the_function_that_ran(api, monkeypatch):
    import io
    import logging
    import threading

    from titan_training.api.observability import logger
    from titan_training.services import sessions

    # Given a schedule call that fails unexpectedly, but only after another function has run
    # in another thread (the order that made the log name CreateTrainerFunction)
    other_ran = threading.Event()

    def failing_schedule(*_: object, **__: object) -> None:
        assert other_ran.wait(30)
        raise RuntimeError("boom")

    monkeypatch.setattr(sessions, "schedule_session", failing_schedule)
    records = io.StringIO()
    capture = logging.StreamHandler(records)
    capture.setFormatter(logger.registered_formatter)
    logger._logger.addHandler(capture)
    plan = {
        "trainerId": "ctrainer0000000",
        "venueId": "cvenue00000000",
        "startTime": "2026-11-23T09:00:00Z",
        "endTime": "2026-11-23T10:00:00Z",
    }
    replies = {}

    def schedule() -> None:
        replies["schedule"] = api.patch("/sessions/csession000000000/schedule", plan)

    try:
        # When the schedule runs in one thread and a trainer is created meanwhile in another
        worker = threading.Thread(target=schedule)
        worker.start()
        created = api.post("/trainers", {"firstName": "Concurrent", "lastName": "Trainer"})
        other_ran.set()
        worker.join(60)
    finally:
        logger._logger.removeHandler(capture)

    # Then the schedule's 500 is logged as the schedule function's, with its own request id
    assert created.status == 201
    assert replies["schedule"].status == 500
    logged = [json.loads(line) for line in records.getvalue().splitlines() if line.strip()]
    errors = [entry for entry in logged if entry.get("message") == "Unhandled error"]
    assert [entry["function_name"] for entry in errors] == ["ScheduleSessionFunction"]
