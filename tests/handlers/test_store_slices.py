"""A function loads only the store slices its use case touches (docs/data-model.md, the store by aggregate).

Each case is a fresh process, as a cold start is: it imports one handler, invokes it once against a
moto table built from template.yaml, and reports which of the project's modules (and whether boto3 or
its S3 transfer layer) it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib.util, json, sys
from moto import mock_aws
import boto3
from local.template import table_definition
from local.events import LambdaContext

handler_file, event_file = sys.argv[1], sys.argv[2]
with mock_aws():
    boto3.client("dynamodb").create_table(TableName="slices", **table_definition())
    already = set(sys.modules)
    spec = importlib.util.spec_from_file_location("handler_under_test", handler_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    answer = module.lambda_handler(json.load(open(event_file)), LambdaContext())
    ours = ("titan_training.", "s3transfer", "boto3")
    loaded = sorted(name for name in set(sys.modules) - already if name.startswith(ours))
    print(json.dumps({"status": answer["statusCode"], "loaded": loaded}))
"""


def cold_start_modules(function: str) -> dict:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'layers' / 'shared'}",
        "TABLE_NAME": "slices",
        "EVIDENCE_BUCKET": "slices-evidence",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "Titan/Training",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    environment.pop("DYNAMODB_ENDPOINT_URL", None)
    environment.pop("S3_ENDPOINT_URL", None)
    handler = ROOT / "functions" / function / "app.py"
    event = ROOT / "events" / f"{function}.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(handler), str(event)],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("function", "status", "slices"),
    [
        ("get_course", 404, {"courses"}),
        ("list_venues", 200, {"venues"}),
        ("get_session", 404, {"sessions"}),
        ("get_session_evidence", 404, {"sessions"}),
    ],
)
def test_a_function_loads_only_the_slices_it_uses(function: str, status: int, slices: set[str]) -> None:
    # Given a fresh process, as a cold start is
    # When it imports one function and serves its sample request from an empty table (its ids exist nowhere)
    seen = cold_start_modules(function)
    # Then it answered from the table, having loaded the binding and the slices its use case touches, and no other
    assert seen["status"] == status
    aggregates = {"courses", "personnel", "trainers", "venues", "sessions", "records", "suggestions"}
    store = {
        name.removeprefix("titan_training.store.")
        for name in seen["loaded"]
        if name.startswith("titan_training.store.")
    }
    assert "table" in store
    assert store & aggregates == slices
    # And never the Finalize Gate (its use cases, models or store), the picker, or boto3 and S3's transfer layer
    # (the evidence bucket's module only where the use case reads evidence; its S3 client loads on a request)
    assert not store & {"records", "suggestions"}
    assert ("evidence" in store) == (function == "get_session_evidence")
    assert not {"titan_training.services.records", "titan_training.domain.records"} & set(seen["loaded"])
    assert not any(name.startswith(("s3transfer", "boto3")) for name in seen["loaded"])
