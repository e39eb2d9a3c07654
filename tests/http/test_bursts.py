"""`make run` under bursts: every simultaneous request answered; any method answered (405, not 501)."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from local.dynamodb_local import free_port
from tests.http.test_local_server import ADMIN, LocalServer, start_server
from tests.support import suffix

pytestmark = pytest.mark.http


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    running = start_server(Path(tmp_path_factory.mktemp("burst-data")), free_port(), free_port())
    yield running
    if running.process.poll() is None:
        running.stop()


def _together(count: int, request: callable) -> list[object]:
    """`count` calls of `request(connection)`, each on its own connection, all released at once."""
    start = threading.Barrier(count)

    def one(_: int) -> object:
        start.wait(60)
        return request()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_twenty_simultaneous_posts_with_json_bodies_are_all_answered(server):
    # Given 20 clients, each with a JSON body, released at the same moment
    def create_venue() -> tuple[int, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            body = json.dumps({"name": f"Burst room {suffix()}", "capacity": 12})
            connection.request("POST", "/api/v1/training/venues", body, {"Content-Type": "application/json", **ADMIN})
            response = connection.getresponse()
            return response.status, json.loads(response.read())
        finally:
            connection.close()

    # When they all POST at once
    replies = _together(20, create_venue)

    # Then every one is answered (no reset connection) and every venue was created
    assert [status for status, _ in replies] == [201] * 20
    assert len({body["id"] for _, body in replies}) == 20


def test_a_hundred_simultaneous_connections_are_all_answered(server):
    # Given 100 connections opened at once, each then asking for a page
    def read_courses() -> int:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            connection.connect()
            connection.request("GET", "/api/v1/training/courses?limit=5", headers=ADMIN)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    # Then none is refused, reset or left unanswered
    assert _together(100, read_courses) == [200] * 100


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PUT", "PROPFIND"])
def test_any_unsupported_method_is_405_with_allow_not_501(server, method):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(method, "/api/v1/training/courses", headers=ADMIN)
        response = connection.getresponse()
        body = json.loads(response.read())
    finally:
        connection.close()
    assert response.status == 405
    assert response.headers["Allow"] == "GET, OPTIONS, POST"
    assert body["statusCode"] == 405 and "allowed: GET, OPTIONS, POST" in body["message"]
