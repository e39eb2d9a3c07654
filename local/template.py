"""Reads template.yaml: the one place that declares the table, the functions and their routes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
TABLE_RESOURCE = "TrainingTable"


@functools.cache
def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    return yaml_parse(path.read_text())


def table_definition(template: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CreateTable arguments of the training table, exactly as template.yaml declares it."""
    properties = (template or load_template())["Resources"][TABLE_RESOURCE]["Properties"]
    definition = {
        key: properties[key]
        for key in ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")
        if key in properties
    }
    return definition


def time_to_live(template: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The training table's TimeToLiveSpecification (`AttributeName`, `Enabled`), if template.yaml declares one."""
    return (template or load_template())["Resources"][TABLE_RESOURCE]["Properties"].get("TimeToLiveSpecification")


@dataclass(frozen=True)
class Route:
    """One API event of one function: `GET /api/v1/training/courses/{courseId}` -> functions/get_course/app.py."""

    function: str
    method: str
    path: str
    handler_file: Path
    handler_name: str
    public: bool = False  # outside the Cognito authorizer (`Auth: Authorizer: NONE` on its event)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        return re.compile(f"^{regex}$")

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if method.upper() != self.method:
            return None
        found = self.pattern.match(path)
        return found.groupdict() if found else None


def api_routes(template: dict[str, Any] | None = None) -> list[Route]:
    """Every Api event of every function in the template, fixed paths before parameterised ones."""
    template = template or load_template()
    default_handler = template.get("Globals", {}).get("Function", {}).get("Handler", "app.lambda_handler")
    routes = []
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        properties = resource["Properties"]
        module, handler_name = properties.get("Handler", default_handler).rsplit(".", 1)
        handler_file = ROOT / properties["CodeUri"] / f"{module.replace('.', '/')}.py"
        for event in (properties.get("Events") or {}).values():
            if event.get("Type") != "Api":
                continue
            routes.append(
                Route(
                    function=logical_id,
                    method=event["Properties"]["Method"].upper(),
                    path=event["Properties"]["Path"],
                    handler_file=handler_file,
                    handler_name=handler_name,
                    public=(event["Properties"].get("Auth") or {}).get("Authorizer") == "NONE",
                )
            )
    return sorted(routes, key=lambda route: (route.path.count("{"), route.path))


@dataclass(frozen=True)
class ScheduledFunction:
    """A function EventBridge invokes on a schedule (not through the API)."""

    function: str
    schedule: str
    handler_file: Path
    handler_name: str


def scheduled_functions(template: dict[str, Any] | None = None) -> list[ScheduledFunction]:
    template = template or load_template()
    default_handler = template.get("Globals", {}).get("Function", {}).get("Handler", "app.lambda_handler")
    found = []
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        properties = resource["Properties"]
        module, handler_name = properties.get("Handler", default_handler).rsplit(".", 1)
        for event in (properties.get("Events") or {}).values():
            if event.get("Type") == "Schedule":
                handler_file = ROOT / properties["CodeUri"] / f"{module.replace('.', '/')}.py"
                found.append(ScheduledFunction(logical_id, event["Properties"]["Schedule"], handler_file, handler_name))
    return found


@dataclass(frozen=True)
class InvokedFunction:
    """A function with no event source: other functions invoke it (RunPlanFunction, asynchronously)."""

    function: str
    handler_file: Path
    handler_name: str


def invoked_functions(template: dict[str, Any] | None = None) -> list[InvokedFunction]:
    template = template or load_template()
    default_handler = template.get("Globals", {}).get("Function", {}).get("Handler", "app.lambda_handler")
    found = []
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function" or resource["Properties"].get("Events"):
            continue
        properties = resource["Properties"]
        module, handler_name = properties.get("Handler", default_handler).rsplit(".", 1)
        handler_file = ROOT / properties["CodeUri"] / f"{module.replace('.', '/')}.py"
        found.append(InvokedFunction(logical_id, handler_file, handler_name))
    return found


def find_route(routes: list[Route], method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in routes:
        parameters = route.match(method, path)
        if parameters is not None:
            return route, parameters
    return None
