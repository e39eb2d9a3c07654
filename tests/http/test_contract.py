"""The served contract under a fuzzer: schemathesis against the `make run` server this test starts.

A bounded run (fixed seed, every check, a few examples per operation) as `hse-admin` (an unsigned local
ID token in `Authorization`, as a deployed client sends a Cognito one) and as no one: no 5xx, no
response outside its schema, every status documented, schema-valid input accepted and invalid refused.
The figures (operations, cases, failures) are printed; run `pytest -s tests/http/test_contract.py`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from local.dynamodb_local import free_port
from local.events import local_token
from tests.http.test_local_server import LocalServer, start_server

pytestmark = pytest.mark.http

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = 20261130
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    running = start_server(Path(tmp_path_factory.mktemp("contract-data")), free_port(), free_port())
    # Thousands of requests print a line each: keep reading them, or the full pipe stops the server.
    threading.Thread(target=lambda: running.output.extend(running.process.stdout), daemon=True).start()
    yield running
    if running.process.poll() is None:
        running.stop()


def fuzz(server: LocalServer, who: str, *headers: str, phases: str) -> tuple[int, str, dict[str, int]]:
    """One schemathesis run; its exit code, its output and the figures of its summary."""
    command = [str(SCHEMATHESIS), "--no-color", "--config-file", str(CONFIG), "run"]
    command += [f"{server.base}/openapi.json", "--url", f"http://127.0.0.1:{server.port}"]
    command += ["--checks", "all", "--seed", str(SEED), "--phases", phases, "--generation-deterministic"]
    for header in headers:
        command += ["--header", header]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    output = done.stdout + done.stderr
    figures = {
        "operations": int(re.search(r"Tested: (\d+)", output).group(1)),
        "cases": int(re.search(r"(\d+) generated", output).group(1)),
        "failures": int(m.group(1)) if (m := re.search(r"found (\d+) unique failures", output)) else 0,
    }
    print(f"\nschemathesis as {who} ({phases}): {figures}")
    return done.returncode, output, figures


def test_as_hse_admin_every_operation_keeps_its_contract(server):
    # Given an hse-admin's local ID token, sent as a Cognito one would be
    token = local_token("schemathesis-admin", "hse-admin")
    # When schemathesis exercises every operation with examples, boundary values and fuzzed input
    code, output, figures = fuzz(server, "hse-admin", f"Authorization: {token}", phases="examples,coverage,fuzzing")
    # Then nothing failed: no 5xx, no undocumented status, no response off its schema
    assert code == 0, output[-20000:]
    assert figures["operations"] == 47 and figures["failures"] == 0 and figures["cases"] > 40


def test_as_no_one_every_operation_answers_401_as_documented(server):
    # (every answer is a 401 here but GET /config's 200: the coverage phase would add nothing but time)
    code, output, figures = fuzz(server, "no one", phases="examples,fuzzing")
    assert code == 0, output[-20000:]
    assert figures["operations"] == 47 and figures["failures"] == 0


def test_the_local_server_takes_the_same_authorization_header_as_deployed(server):
    # Given a local token for a trainer
    status, body, _ = server.call("GET", "/courses", headers={"Authorization": local_token("t-1", "trainer")})
    assert status == 200 and "items" in body
    # And a token without a group is known but may do nothing; garbage is no identity at all
    assert server.call("GET", "/courses", headers={"Authorization": local_token("t-2")})[0] == 403
    assert server.call("GET", "/courses", headers={"Authorization": "not-a-token"})[0] == 401
    # And Authorization wins over the X-Dev headers when both are sent
    both = {"Authorization": "not-a-token", "X-Dev-User-Id": "x", "X-Dev-Groups": "hse-admin"}
    assert server.call("GET", "/courses", headers=both)[0] == 401
