"""`make run` serves the web console on the API's origin: its files, index.html for the app's own
URLs (deep links), and the API untouched beside it."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from unittest import mock

import pytest

from local.dynamodb_local import free_port
from tests.http.test_local_server import ADMIN, LocalServer, start_server

pytestmark = pytest.mark.http

INDEX = '<!doctype html><html><body><div id="root"></div><script src="/assets/index-abc123.js"></script></body></html>'
SCRIPT = "console.log('titan');"


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    # Given a built console (what `make web` leaves in web/dist) and the server pointed at it
    root = tmp_path_factory.mktemp("console")
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-abc123.js").write_text(SCRIPT)
    (root / "secret.txt").write_text("outside the build")
    with mock.patch.dict("os.environ", {"WEB_DIST": str(dist)}):
        running = start_server(root / "data", free_port(), free_port())
    yield running
    if running.process.poll() is None:
        running.stop()


def get(server: LocalServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_it_announces_the_console(console):
    # The line right after "listening on" (which start_server waits for)
    assert f"web console: http://127.0.0.1:{console.port}/" in console.process.stdout.readline()


def test_the_root_and_a_deep_link_answer_index_html(console):
    # When a browser opens the console, or a bookmarked session page
    for path in ("/", "/sessions/cabc123def456ghi789jkl012", "/courses"):
        status, body, headers = get(console, path)
        # Then it gets the app's page, which the browser must ask for again next time
        assert (status, body) == (200, INDEX), path
        assert headers["Content-Type"].startswith("text/html")
        assert headers["Cache-Control"] == "no-cache"


def test_the_javascript_asset_is_served_and_cached(console):
    status, body, headers = get(console, "/assets/index-abc123.js")
    assert (status, body) == (200, SCRIPT)
    assert "javascript" in headers["Content-Type"]
    assert "immutable" in headers["Cache-Control"]


def test_a_missing_asset_or_a_path_outside_the_build_is_not_the_app(console):
    assert get(console, "/assets/index-gone.js")[0] == 404
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        status, body, _ = get(console, path)
        assert status == 404 and "outside the build" not in body, path


def test_the_api_beside_it_is_untouched(console):
    # The API, its document and Swagger UI answer as before
    status, courses, _ = console.call("GET", "/courses", headers=ADMIN)
    assert status == 200 and courses["items"]
    status, body, headers = get(console, "/api/v1/training/openapi.json")
    assert status == 200 and headers["Content-Type"] == "application/json" and '"openapi"' in body
    status, body, headers = get(console, "/api/v1/training/docs")
    assert status == 200 and "swagger" in body.lower()
    # An unknown API path is the API's JSON 404, never the console's page
    status, body, headers = get(console, "/api/v1/training/no-such-thing", headers=ADMIN)
    assert status == 404 and headers["Content-Type"] == "application/json" and INDEX not in body
