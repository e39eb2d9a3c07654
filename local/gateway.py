"""API Gateway in-process: find the template route for a request and invoke its handler with a proxy event."""

from __future__ import annotations

import json
from typing import Any

from local.events import LambdaContext, api_gateway_event
from local.handlers import ExecutionEnvironments, isolate_invocations, use_shared_layer
from local.template import Route, api_routes, find_route

# The methods API Gateway knows; any other (TRACE, CONNECT, made-up ones) is never routed.
HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# One pool of execution environments per process, shared by every Gateway (and so every test).
ENVIRONMENTS = ExecutionEnvironments()


def _error(status: int, phrase: str, message: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json", **(headers or {})},
        "body": json.dumps({"statusCode": status, "error": phrase, "message": message, "details": []}),
    }


class Gateway:
    """Serves exactly the routes template.yaml declares, nothing else."""

    def __init__(self, routes: list[Route] | None = None) -> None:
        self.routes = routes if routes is not None else api_routes()
        self.environments = ENVIRONMENTS
        isolate_invocations()

    def resource(self, path: str) -> str | None:
        """The template path that `path` falls on: a literal one (`/sessions/draft`) before a
        parameter (`/sessions/{sessionId}`), as API Gateway picks its resource."""
        return next((route.path for route in self.routes if route.pattern.match(path)), None)

    def allowed_methods(self, path: str) -> list[str]:
        """The methods the resource at `path` serves (OPTIONS too: the CORS preflight is answered everywhere)."""
        resource = self.resource(path)
        methods = {route.method for route in self.routes if route.path == resource}
        return sorted(methods | {"OPTIONS"}) if methods else []

    def invoke(
        self,
        method: str,
        path: str,
        query: str | dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        claims: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The Lambda proxy response for the request: a JSON 404 where no route has the path, a 405 with
        `Allow` where routes have the path but not the method (or the method is not HTTP's), as REST does."""
        resource = self.resource(path)
        matched = find_route([route for route in self.routes if route.path == resource], method, path)
        if matched is None:
            allowed = self.allowed_methods(path)
            if allowed or method.upper() not in HTTP_METHODS:
                allow = ", ".join(allowed or ["OPTIONS"])
                message = f"{method} is not allowed on {path}; allowed: {allow}"
                return _error(405, "Method Not Allowed", message, {"Allow": allow})
            return _error(404, "Not Found", f"No route {method} {path}")
        route, parameters = matched
        event = api_gateway_event(method, path, route.path, parameters, query, body, headers, claims)
        context = LambdaContext(function_name=route.function)
        with _logged_as(context, event), self.environments.handler(route) as handler:
            return handler(event, context)


class _logged_as:
    """Log keys of this invocation, kept per thread.

    Lambda runs one invocation per process; here threads share each module's Powertools Logger, whose
    `inject_lambda_context` keys are global, so a concurrent request would overwrite another's function
    name. Powertools' thread-safe keys win over those when a record is formatted.
    """

    def __init__(self, context: LambdaContext, event: dict[str, Any]) -> None:
        use_shared_layer()
        from titan_training.api.observability import logger

        self.logger = logger
        self.keys = {
            "function_name": context.function_name,
            "function_arn": context.invoked_function_arn,
            "function_request_id": context.aws_request_id,
            "function_memory_size": context.memory_limit_in_mb,
            "correlation_id": event["requestContext"]["requestId"],
        }

    def __enter__(self) -> None:
        self.logger.thread_safe_append_keys(**self.keys)

    def __exit__(self, *_: object) -> None:
        self.logger.thread_safe_remove_keys(self.keys)
