"""API Gateway in-process: find the template route for a request and invoke its handler with a proxy event."""

from __future__ import annotations

import json
from typing import Any

from local.events import LambdaContext, api_gateway_event
from local.handlers import load_handler
from local.template import Route, api_routes, find_route


class Gateway:
    """Serves exactly the routes template.yaml declares, nothing else."""

    def __init__(self, routes: list[Route] | None = None) -> None:
        self.routes = routes if routes is not None else api_routes()

    def invoke(
        self,
        method: str,
        path: str,
        query: str | dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        claims: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The Lambda proxy response for the request (a JSON 404 where no route matches, as a gateway would)."""
        matched = find_route(self.routes, method, path)
        if matched is None:
            return {
                "statusCode": 404,
                "headers": {"Content-Type": "application/json"},
                "body": json.dumps(
                    {"statusCode": 404, "error": "Not Found", "message": f"No route {method} {path}", "details": []}
                ),
            }
        route, parameters = matched
        event = api_gateway_event(method, path, route.path, parameters, query, body, headers, claims)
        return load_handler(route)(event, LambdaContext(function_name=route.function))
