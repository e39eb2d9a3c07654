"""Each function accepts its sample event from events/ (as `sam local invoke -e` would send it)."""

from __future__ import annotations

import json

import pytest

from local.events import LambdaContext
from local.handlers import load_handler
from local.sample_events import EVENTS_DIR
from local.template import api_routes

ROUTES = api_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[route.function for route in ROUTES])
def test_the_function_accepts_its_sample_event(moto_table, route):
    # Given the sample event committed for this function
    event = json.loads((EVENTS_DIR / f"{route.handler_file.parent.name}.json").read_text())
    assert (event["httpMethod"], event["resource"]) == (route.method, route.path)
    # When its handler receives it over an empty table
    response = load_handler(route)(event, LambdaContext(function_name=route.function))
    # Then the event is well-formed and authorized: the only refusal possible is an unknown id
    assert response["statusCode"] in {200, 201, 202, 204, 404}, response["body"]
    if response["statusCode"] == 404:
        assert "not found" in json.loads(response["body"])["message"]
