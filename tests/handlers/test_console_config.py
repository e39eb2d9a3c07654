"""GET /config: the web console's settings, public, without a table."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from local.server import configure_environment
from local.template import ROOT, api_routes
from tests.support import ADMIN, NOBODY, TRAINER, ApiClient
from titan_training.api import runtime

COGNITO = {
    "COGNITO_USER_POOL_ID": "eu-west-1_AbCdEf123",
    "COGNITO_USER_POOL_CLIENT_ID": "1example23456789",
    "COGNITO_DOMAIN": "titan-training.auth.eu-west-1.amazoncognito.com",
}


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch):
    """The function's environment as template.yaml gives it (not the local server)."""
    monkeypatch.delenv("LOCAL_SERVER", raising=False)
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    monkeypatch.setenv("SITE_TIMEZONE", "Asia/Dubai")
    monkeypatch.setenv("EXPIRY_WARNING_DAYS", "45")
    for name, value in COGNITO.items():
        monkeypatch.setenv(name, value)
    runtime.reset()
    yield monkeypatch
    runtime.reset()


@pytest.mark.parametrize("caller", [NOBODY, ADMIN, TRAINER], ids=["anonymous", "admin", "trainer"])
def test_deployed_it_tells_anyone_the_site_and_where_to_sign_in(deployed, caller):
    # Given a deployed function with the hosted sign-in's settings / When anyone asks, signed in or not
    reply = ApiClient().get("/config", caller=caller)
    # Then it answers the site's calendar and Cognito's settings, and says it is not local
    assert reply.status == 200, reply.body
    assert reply.body == {
        "siteTimezone": "Asia/Dubai",
        "local": False,
        "expiryWarningDays": 45,
        "auth": {
            "region": "eu-west-1",
            "userPoolId": COGNITO["COGNITO_USER_POOL_ID"],
            "userPoolClientId": COGNITO["COGNITO_USER_POOL_CLIENT_ID"],
            "domain": COGNITO["COGNITO_DOMAIN"],
        },
    }


def test_deployed_without_a_hosted_sign_in_domain_auth_is_null(deployed):
    # Given the stack has no hosted sign-in domain yet (the template's empty COGNITO_DOMAIN)
    deployed.setenv("COGNITO_DOMAIN", "")
    runtime.reset()
    # When the console asks / Then it is told there is no hosted sign-in
    reply = ApiClient().get("/config", caller=NOBODY)
    assert reply.status == 200 and reply.body["auth"] is None and reply.body["local"] is False


def test_locally_it_says_so_and_has_no_cognito(deployed):
    # Given the local server's environment (configure_environment sets LOCAL_SERVER), Cognito set or not
    deployed.setenv("LOCAL_SERVER", "true")
    runtime.reset()
    # When the console asks without identity
    reply = ApiClient().get("/config", caller=NOBODY)
    # Then it is local, with no sign-in to offer
    assert reply.status == 200
    assert reply.body == {"siteTimezone": "Asia/Dubai", "local": True, "expiryWarningDays": 45, "auth": None}


def test_the_defaults_are_utc_sixty_days_and_not_local(monkeypatch):
    # Given none of the console's variables is set
    for name in ("LOCAL_SERVER", "SITE_TIMEZONE", "EXPIRY_WARNING_DAYS", *COGNITO):
        monkeypatch.delenv(name, raising=False)
    runtime.reset()
    try:
        reply = ApiClient().get("/config", caller=NOBODY)
    finally:
        runtime.reset()
    # Then the same defaults as the rest of the API
    assert reply.body == {"siteTimezone": "UTC", "local": False, "expiryWarningDays": 60, "auth": None}


def test_the_local_server_sets_the_flag(monkeypatch):
    # Given a copy of the environment for the local server to configure
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if k != "LOCAL_SERVER"})
    # When it configures the functions' environment
    configure_environment("titan-training-local", "http://127.0.0.1:8000")
    # Then it marks itself local
    assert os.environ["LOCAL_SERVER"] == "true"


def test_the_route_is_the_one_outside_the_authorizer():
    # Given template.yaml's routes / Then /config and the two calendar feeds (each opened by its own token)
    # alone opt out of the Cognito authorizer
    assert sorted(route.path for route in api_routes() if route.public) == [
        "/api/v1/training/calendar/personnel/{personnelId}",
        "/api/v1/training/calendar/trainers/{trainerId}",
        "/api/v1/training/config",
    ]


def test_the_handler_loads_no_store():
    # Given a fresh interpreter / When the function's module is imported
    code = (
        "import sys, importlib.util\n"
        "spec = importlib.util.spec_from_file_location('app', 'functions/get_config/app.py')\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pynamodb', 'boto3', 'titan_training.store'))))\n"
    )
    paths = os.pathsep.join([str(ROOT), str(ROOT / "layers" / "shared")])
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": paths},
    ).stdout
    # Then neither pynamodb, boto3 nor the store came with it (a fast cold start)
    assert loaded.strip() == "[]"
