"""What tests share: callers with identities, and an API client that speaks to the handlers in-process."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from local.events import claims_for
from local.gateway import Gateway

BASE = "/api/v1/training"
ADMIN = claims_for("admin-user", "hse-admin")
TRAINER = claims_for("trainer-user", "trainer")
NOBODY = None


def suffix() -> str:
    """A random suffix so values that must be unique never collide between tests."""
    return uuid.uuid4().hex[:8]


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


class ApiClient:
    """Calls the template's routes through their Lambda handlers, as API Gateway would; admin by default."""

    def __init__(self) -> None:
        self.gateway = Gateway()

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        query: Any = None,
        caller: Any = ADMIN,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        response = self.gateway.invoke(method, BASE + path, query=query, body=body, headers=headers, claims=caller)
        text = response.get("body")
        answered = {name: ", ".join(values) for name, values in (response.get("multiValueHeaders") or {}).items()}
        headers = {**answered, **(response.get("headers") or {})}
        is_json = "json" in {k.lower(): v for k, v in headers.items()}.get("content-type", "json")
        return Reply(response["statusCode"], (json.loads(text) if is_json else text) if text else None, headers)

    def get(self, path: str, query: Any = None, caller: Any = ADMIN) -> Reply:
        return self.call("GET", path, query=query, caller=caller)

    def post(self, path: str, body: Any = None, caller: Any = ADMIN, headers: dict[str, str] | None = None) -> Reply:
        return self.call("POST", path, body=body, caller=caller, headers=headers)

    def put(self, path: str, body: Any = None, caller: Any = ADMIN) -> Reply:
        return self.call("PUT", path, body=body, caller=caller)

    def patch(self, path: str, body: Any = None, caller: Any = ADMIN) -> Reply:
        return self.call("PATCH", path, body=body, caller=caller)

    def delete(self, path: str, caller: Any = ADMIN) -> Reply:
        return self.call("DELETE", path, caller=caller)

    # Makers of valid resources, returning the created JSON (they assert the create worked).
    def course(self, **fields: Any) -> dict[str, Any]:
        body = {"name": f"Course {suffix()}", "code": f"C-{suffix()}", "validityMonths": 12, **fields}
        return self._created("/courses", body)

    def person(self, **fields: Any) -> dict[str, Any]:
        body = {"firstName": "Pat", "lastName": f"Worker{suffix()}", "employeeNo": f"E-{suffix()}", **fields}
        return self._created("/personnel", body)

    def trainer(self, **fields: Any) -> dict[str, Any]:
        return self._created("/trainers", {"firstName": "Terry", "lastName": f"Trainer{suffix()}", **fields})

    def venue(self, **fields: Any) -> dict[str, Any]:
        return self._created("/venues", {"name": f"Room {suffix()}", "capacity": 20, **fields})

    def _created(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = self.post(path, body)
        assert reply.status == 201, (path, reply.status, reply.body)
        return reply.body


class InlinePlanWorker:
    """Starts the planner's function (functions/run_plan) at once, in-process, as the local server does on
    a thread; remembers the plans it started, and the failures, which (as with Lambda's asynchronous
    invocation) never reach the caller that started them."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.failures: list[Exception] = []

    def start(self, plan_id: str) -> None:
        from local.events import LambdaContext
        from local.handlers import load_module
        from local.template import ROOT

        self.started.append(plan_id)
        handler = load_module(ROOT / "functions" / "run_plan" / "app.py").lambda_handler
        try:
            handler({"planId": plan_id}, LambdaContext(function_name="RunPlanFunction"))
        except Exception as failure:
            self.failures.append(failure)


def error_fields(reply: Reply) -> set[str]:
    """The fields a 422 body names."""
    return {detail["field"] for detail in reply.body["details"]}


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, default=str)
