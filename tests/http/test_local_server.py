"""`make run` as a frontend meets it: the real local server process, called over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from local.dynamodb_local import free_port
from local.server import port_in_use
from local.template import ROOT
from tests.support import suffix

pytestmark = pytest.mark.http

ADMIN = {"X-Dev-User-Id": "http-admin", "X-Dev-Groups": "hse-admin"}
TRAINER = {"X-Dev-User-Id": "http-trainer", "X-Dev-Groups": "trainer"}


@dataclass
class LocalServer:
    process: subprocess.Popen[str]
    port: int
    dynamodb_port: int
    output: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1/training"

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any, dict]:
        data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw, status, response_headers = response.read(), response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            raw, status, response_headers = error.read(), error.code, dict(error.headers)
        kind = response_headers.get("Content-Type", "")
        return status, json.loads(raw) if raw and "json" in kind else raw, response_headers

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def start_server(data_dir: Path, port: int, dynamodb_port: int) -> LocalServer:
    env = {
        **os.environ,
        "PORT": str(port),
        "DYNAMODB_PORT": str(dynamodb_port),
        "S3_PORT": str(free_port()),
        "LOCAL_DATA_DIR": str(data_dir),
        "S3_DATA_DIR": str(data_dir / "s3"),
    }
    for name in ("TABLE_NAME", "DYNAMODB_ENDPOINT_URL", "EVIDENCE_BUCKET", "S3_ENDPOINT_URL"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "local.server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise RuntimeError("local server exited:\n" + "".join(output))
        output.append(line)
        if "listening on" in line:
            return LocalServer(process, port, dynamodb_port, output)
    process.kill()
    raise RuntimeError("local server did not start:\n" + "".join(output))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("local-data")


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[LocalServer]:
    running = start_server(data_dir, free_port(), free_port())
    yield running
    if running.process.poll() is None:
        running.stop()


def test_it_announces_where_it_listens_and_loads_the_demo_data_once(server):
    text = "".join(server.output)
    assert f"http://127.0.0.1:{server.port}/api/v1/training" in text
    assert "Loaded demo data: 6 courses, 5 trainers, 4 venues, 50 personnel" in text


def test_the_demo_data_is_there_for_a_trainer_to_read(server):
    status, courses, _ = server.call("GET", "/courses", headers=TRAINER)
    assert status == 200
    assert {c["code"] for c in courses["items"]} >= {"H2S-AW", "FIRE-WD", "WAH-01", "FAW-3D", "CSE-01", "IND-01"}
    assert server.call("GET", "/personnel?limit=20", headers=TRAINER)[0] == 403  # the directory is hse-admin's
    status, page, _ = server.call("GET", "/personnel?limit=20", headers=ADMIN)
    assert status == 200 and len(page["items"]) == 20 and page["nextToken"]
    status, trainers, _ = server.call("GET", "/trainers", headers=TRAINER)
    assert {t["lastName"] for t in trainers["items"]} >= {"Miller", "Reyes", "Okoro"}


def test_identity_comes_only_from_a_token_or_the_dev_headers(server):
    assert server.call("GET", "/courses")[0] == 401
    assert server.call("POST", "/venues", {"name": "Hall", "capacity": 5}, headers=TRAINER)[0] == 403
    # A forged authorizer claim in a client header changes nothing
    assert server.call("GET", "/courses", headers={"X-Cognito-Groups": "hse-admin"})[0] == 401


def test_an_admin_builds_the_resource_library_over_http(server):
    status, course, _ = server.call(
        "POST", "/courses", {"name": "Gas Testing", "code": f"GT-{suffix()}", "validityMonths": 12}, ADMIN
    )
    assert status == 201 and course["validityMonths"] == 12
    status, person, _ = server.call(
        "POST", "/personnel", {"firstName": "Lin", "lastName": "Park", "employeeNo": f"E-{suffix()}"}, ADMIN
    )
    assert status == 201
    status, item, _ = server.call(
        "PUT", f"/personnel/{person['id']}/compliance/{course['id']}", {"status": "PENDING"}, ADMIN
    )
    assert status == 200 and item["status"] == "PENDING"
    status, trainer, _ = server.call("POST", "/trainers", {"firstName": "Ola", "lastName": "Berg"}, ADMIN)
    status, detail, _ = server.call("PUT", f"/trainers/{trainer['id']}/qualifications/{course['id']}", None, ADMIN)
    assert status == 200 and [q["courseName"] for q in detail["qualifications"]] == ["Gas Testing"]
    status, qualified, _ = server.call("GET", f"/trainers?courseId={course['id']}", headers=TRAINER)
    assert [t["id"] for t in qualified["items"]] == [trainer["id"]]
    status, venue, _ = server.call("POST", "/venues", {"name": "Hall", "capacity": 5}, ADMIN)
    window = "startTime=2026-11-23T09:00:00%2B02:00&endTime=2026-11-23T12:00:00Z"  # an offset, and UTC
    query = f"trainerId={trainer['id']}&venueId={venue['id']}&{window}"
    status, availability, _ = server.call("GET", f"/availability?{query}", headers=ADMIN)
    assert status == 200 and availability == {"available": True, "trainerConflicts": [], "venueConflicts": []}


def test_bad_input_gets_a_clear_error_never_a_500(server):
    status, body, _ = server.call("POST", "/courses", b"{not json", ADMIN)
    assert status == 400 and body["message"] == "Request body is not valid JSON"
    status, body, _ = server.call("POST", "/venues", {"name": "", "capacity": 0}, ADMIN)
    assert status == 422 and {d["field"] for d in body["details"]} == {"name", "capacity"}
    status, body, _ = server.call("GET", "/venues/not-a-cuid", headers=ADMIN)
    assert status == 422 and body["details"][0]["field"] == "venueId"
    status, body, _ = server.call("GET", "/venues/cwellformedbutmissing0001", headers=ADMIN)
    assert status == 404 and body["error"] == "Not Found"
    assert server.call("GET", "/no/such/route", headers=ADMIN)[0] == 404


def test_a_browser_preflight_is_answered_with_cors_headers(server):
    request = urllib.request.Request(
        server.base + "/courses", method="OPTIONS", headers={"Origin": "http://localhost:5173"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert "X-Dev-Groups" in response.headers["Access-Control-Allow-Headers"]
        assert "PATCH" in response.headers["Access-Control-Allow-Methods"]


def test_it_serves_the_openapi_document_and_swagger_ui_without_a_cdn(server):
    status, document, _ = server.call("GET", "/openapi.json")
    assert status == 200
    assert document == json.loads((ROOT / "openapi.json").read_text())
    status, page, headers = server.call("GET", "/docs")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    html = page.decode()
    assert (
        "/api/v1/training/docs/assets/swagger-ui-bundle.js" in html
        and "http" not in html.split("<body>")[1].split("url:")[0]
    )
    status, script, _ = server.call("GET", "/docs/assets/swagger-ui-bundle.js")
    assert status == 200 and len(script) > 100_000


def test_what_browsers_and_curl_send_is_handled_like_api_gateway_would(server):
    # A trailing slash names the same route
    status, page, _ = server.call("GET", "/courses/", headers=TRAINER)
    assert status == 200 and page["items"]
    # `+` in a query string is a space (URLSearchParams writes spaces that way)
    status, found, _ = server.call("GET", "/personnel?search=aisha+abbott", headers=ADMIN)
    assert status == 200 and len(found["items"]) == 1
    assert (found["items"][0]["firstName"], found["items"][0]["lastName"]) == ("Aisha", "Abbott")
    # HEAD answers like GET without a body
    request = urllib.request.Request(server.base + "/courses", method="HEAD", headers=TRAINER)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200 and response.read() == b""


def test_a_broken_request_gets_a_json_error_not_a_dropped_connection(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("POST", "/api/v1/training/courses")
    for name, value in {**ADMIN, "Content-Type": "application/json", "Content-Length": "abc"}.items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 400
    assert json.loads(response.read())["message"] == "Content-Length or chunked body is malformed"
    connection.close()
    status, body, headers = server.call("TRACE", "/courses", headers=ADMIN)
    # An unsupported method is a JSON 405 naming what the path serves (issue 9), not http.server's 501
    assert status == 405 and headers["Content-Type"] == "application/json" and body["statusCode"] == 405
    assert headers["Allow"] == "GET, OPTIONS, POST"


def test_a_trainer_uploads_the_signed_sheet_through_the_presigned_post(server):
    import requests

    # Given a session of the demo week whose trainer is Frank Miller (login demo-trainer-frank)
    status, listed, _ = server.call("GET", "/sessions?status=SCHEDULED", headers=ADMIN)
    frank = {"X-Dev-User-Id": "demo-trainer-frank", "X-Dev-Groups": "trainer"}
    session = next(
        s for s in listed["items"] if server.call("POST", f"/sessions/{s['id']}/evidence", headers=frank)[0] == 200
    )
    # When his browser asks for the form and posts the PDF straight to S3
    status, form, _ = server.call("POST", f"/sessions/{session['id']}/evidence", headers=frank)
    assert status == 200 and form["url"].startswith("http://127.0.0.1:")
    sent = requests.post(
        form["url"], data=form["fields"], files={"file": ("sheet.pdf", b"%PDF-1.7 x", "application/pdf")}, timeout=10
    )
    assert sent.status_code in (200, 204)
    # Then the download link serves it back, to him and to an admin; another trainer may not see it
    status, link, _ = server.call("GET", f"/sessions/{session['id']}/evidence", headers=frank)
    assert status == 200 and requests.get(link["url"], timeout=10).content == b"%PDF-1.7 x"
    assert server.call("GET", f"/sessions/{session['id']}/evidence", headers=TRAINER)[0] == 403


def test_a_retried_create_with_an_idempotency_key_is_answered_once(server):
    # Given a venue body and a key, as a frontend retrying on a poor network sends them
    body = {"name": f"Retry Room {suffix()}", "capacity": 12}
    key = {**ADMIN, "Idempotency-Key": f"http-{suffix()}"}
    # When it is posted twice over HTTP
    first_status, first, _ = server.call("POST", "/venues", body, key)
    again_status, again, headers = server.call("POST", "/venues", body, key)
    # Then the server passed the header on: the retry is the first response, replayed
    assert (first_status, again_status) == (201, 201)
    assert again == first
    assert headers.get("Idempotent-Replayed") == "true"
    # And a browser may send the header (CORS)
    _, _, headers = server.call("OPTIONS", "/venues")
    assert "Idempotency-Key" in headers["Access-Control-Allow-Headers"]


def test_a_plan_is_computed_in_the_background_as_an_asynchronous_lambda_would(server):
    # Given the demo site, and next Monday
    today = date.today()
    monday = today + timedelta(days=7 - today.weekday())
    request = {"startDate": monday.isoformat(), "weeks": 2, "constraints": {"timeLimitSeconds": 3}}
    # When the admin asks for a plan
    status, plan, _ = server.call("POST", "/plans", request, ADMIN)
    # Then it is accepted at once, RUNNING, and computed on the server's own thread (as Lambda's
    # asynchronous invocation of RunPlanFunction would), meanwhile the API keeps answering
    assert status == 202 and plan["status"] == "RUNNING", plan
    assert server.call("GET", "/courses", headers=ADMIN)[0] == 200
    deadline = time.monotonic() + 90
    while plan["status"] == "RUNNING" and time.monotonic() < deadline:
        time.sleep(0.5)
        status, plan, _ = server.call("GET", f"/plans/{plan['id']}", headers=ADMIN)
        assert status == 200
    assert plan["status"] == "DONE", plan
    assert plan["coverage"]["due"] == plan["coverage"]["covered"] + len(plan["uncovered"]) > 0
    assert all(monday.isoformat() <= s["startTime"][:10] for s in plan["sessions"])


def test_it_stops_cleanly_and_keeps_its_data_for_the_next_start(server, data_dir):
    # Given something created in this run
    code = f"KEEP-{suffix()}"
    assert server.call("POST", "/courses", {"name": "Kept", "code": code}, ADMIN)[0] == 201
    # When the server gets SIGTERM, it exits cleanly and DynamoDB Local goes with it
    assert server.stop() == 0
    assert not port_in_use(server.dynamodb_port)
    # Then a new start on the same data finds the course, without loading the demo data again
    again = start_server(data_dir, free_port(), server.dynamodb_port)
    try:
        assert "Loaded demo data" not in "".join(again.output)
        status, courses, _ = again.call("GET", "/courses?limit=200", headers=ADMIN)
        assert status == 200
        codes = [c["code"] for c in courses["items"]]
        assert code in codes and codes.count("H2S-AW") == 1
    finally:
        assert again.stop() == 0
