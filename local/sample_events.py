"""events/<function>.json: a sample API Gateway event per function, for `sam local invoke -e` and tests.

Generated from template.yaml (routes) and the OpenAPI document (which parameters and body each
route takes); a test fails when the committed files drift. `python -m local.sample_events --write`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from local.events import api_gateway_event, claims_for, scheduled_event
from local.openapi import build_document
from local.template import ROOT, api_routes, invoked_functions, scheduled_functions

EVENTS_DIR = ROOT / "events"

# Sample values by parameter name (ids are well-formed cuids that a fresh table does not hold).
SAMPLE_PARAMETERS = {
    "courseId": "csamplecourse00000000001",
    "personnelId": "csamplepersonnel00000001",
    "trainerId": "csampletrainer0000000001",
    "venueId": "csamplevenue000000000001",
    "sessionId": "csamplesession0000000001",
    "search": "khan",
    "recordId": "csamplerecord00000000001",
    "startTime": "2026-11-23T09:00:00Z",
    "endTime": "2026-11-23T13:00:00Z",
    "limit": "20",
    "planId": "csampleplan0000000000001",
}

# Events of the functions other functions invoke, by function folder.
INVOKED_EVENTS: dict[str, dict[str, Any]] = {"run_plan": {"planId": "csampleplan0000000000001"}}

# Sample bodies by request model (the OpenAPI schema name of the body).
SAMPLE_BODIES: dict[str, dict[str, Any]] = {
    "CourseCreate": {"name": "H2S Awareness", "code": "H2S-AW", "validityMonths": 24, "durationMinutes": 240},
    "CoursePatch": {"validityMonths": 36},
    "PersonnelCreate": {
        "firstName": "Aisha",
        "lastName": "Khan",
        "email": "aisha.khan@titan.example",
        "employeeNo": "EMP-2001",
    },
    "PersonnelPatch": {"active": False},
    "ComplianceItemPut": {"status": "COMPLIANT", "expiryDate": "2027-11-30"},
    "TrainerCreate": {"firstName": "Frank", "lastName": "Miller", "email": "frank.miller@titan.example"},
    "TrainerPatch": {"email": "f.miller@titan.example"},
    "VenueCreate": {"name": "Training Room A", "location": "Main Office, Level 2", "capacity": 20},
    "VenuePatch": {"capacity": 24},
    "CreateDraft": {"courseId": "csamplecourse00000000001"},
    "ScheduleSession": {
        "trainerId": "csampletrainer0000000001",
        "venueId": "csamplevenue000000000001",
        "startTime": "2026-11-23T09:00:00Z",
        "endTime": "2026-11-23T13:00:00Z",
    },
    "SessionPatch": {"startTime": "2026-11-23T10:00:00Z", "endTime": "2026-11-23T14:00:00Z"},
    "AddAttendees": {"personnelIds": ["csamplepersonnel00000001", "csamplepersonnel00000002"]},
    "AttendanceSheet": {
        "entries": [
            {"personnelId": "csamplepersonnel00000001", "status": "ATTENDED", "result": "PASSED"},
            {"personnelId": "csamplepersonnel00000002", "status": "NO_SHOW", "remarks": "Off sick"},
        ]
    },
    "Verification": {"outcome": "VERIFIED", "remarks": "Observed on site"},
    "PlanRequest": {"startDate": "2026-12-07", "weeks": 4},
    "PlanAcceptance": {"sessions": [0]},
    "CreateRecurringDrafts": {
        "courseId": "csamplecourse00000000001",
        "startTime": "2026-11-23T09:00:00Z",
        "endTime": "2026-11-23T13:00:00Z",
        "recurrence": {"frequency": "WEEKLY", "interval": 1, "byWeekday": ["MO", "TH"], "count": 6},
    },
}


def sample_event(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation = document["paths"][path][method.lower()]
    path_values, query = {}, {}
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            path_values[name] = SAMPLE_PARAMETERS[name]
            if parameter["schema"].get("pattern", "").endswith(r"\.ics$"):  # a calendar feed: `<id>.ics`
                path_values[name] += ".ics"
        elif parameter["in"] == "query" and (parameter.get("required") or name in SAMPLE_PARAMETERS):
            query[name] = SAMPLE_PARAMETERS[name]
    body, headers = None, None
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        reference = schema.get("$ref") or next(option["$ref"] for option in schema["anyOf"] if "$ref" in option)
        body = SAMPLE_BODIES[reference.rsplit("/", 1)[-1]]  # an optional body (`anyOf` it or null): its model
    elif "text/csv" in content:  # an import: the documented example file
        body, headers = content["text/csv"]["example"], {"Content-Type": "text/csv"}
    concrete = path.format(**path_values)
    event = api_gateway_event(
        method, concrete, path, path_values, query, body, headers, claims=claims_for("sample-admin", "hse-admin")
    )
    event["requestContext"]["requestId"] = "sample-request"
    return event


def sample_events() -> dict[str, str]:
    """File name -> JSON text, for every function of the template."""
    document = build_document()
    events = {}
    for route in api_routes():
        event = sample_event(document, route.method, route.path)
        events[f"{route.handler_file.parent.name}.json"] = json.dumps(event, indent=2) + "\n"
    for function in scheduled_functions():
        events[f"{function.handler_file.parent.name}.json"] = (
            json.dumps(scheduled_event(function.function), indent=2) + "\n"
        )
    for function in invoked_functions():
        folder = function.handler_file.parent.name
        events[f"{folder}.json"] = json.dumps(INVOKED_EVENTS[folder], indent=2) + "\n"
    return events


if __name__ == "__main__":
    files = sample_events()
    if "--write" in sys.argv:
        EVENTS_DIR.mkdir(exist_ok=True)
        for stale in EVENTS_DIR.glob("*.json"):
            if stale.name not in files:
                stale.unlink()
        for name, text in files.items():
            (EVENTS_DIR / name).write_text(text)
        print(f"wrote {len(files)} events to {EVENTS_DIR.relative_to(ROOT)}/")
    else:
        print("\n".join(sorted(files)))
