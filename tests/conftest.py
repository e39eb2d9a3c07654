"""Fixtures: a moto table built from template.yaml, and DynamoDB Local (started here) for real concurrency."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

# The environment a deployed function has (template Globals), less what each fixture sets itself.
os.environ.update(
    AWS_DEFAULT_REGION="us-east-1",
    AWS_REGION="us-east-1",
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    POWERTOOLS_SERVICE_NAME="training-sessions",
    POWERTOOLS_METRICS_NAMESPACE="Titan/Training",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_LOG_LEVEL="WARNING",
    SITE_TIMEZONE="UTC",
)

from local.dynamodb_local import DynamoDBLocal, client, ensure_table
from local.s3_local import S3Local
from local.template import table_definition
from tests.support import ApiClient, InlinePlanWorker
from titan_training.api import runtime

EVIDENCE_BUCKET = "training-evidence"


def _bind(monkeypatch: pytest.MonkeyPatch, table_name: str, endpoint_url: str | None) -> None:
    # The planner's function runs in-process when a plan is requested, as the local server runs it.
    worker = InlinePlanWorker()
    monkeypatch.setattr(runtime, "plan_worker", functools.cache(lambda: worker))
    monkeypatch.setenv("TABLE_NAME", table_name)
    if endpoint_url:
        monkeypatch.setenv("DYNAMODB_ENDPOINT_URL", endpoint_url)
    else:
        monkeypatch.delenv("DYNAMODB_ENDPOINT_URL", raising=False)
    runtime.reset()


@functools.cache
def _moto_client(service: str = "dynamodb") -> Any:
    """One boto3 client per service for every moto test: moto intercepts it whenever a mock is active."""
    return boto3.client(service)


@pytest.fixture
def moto_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh moto table created from template.yaml's own definition, bound as the functions' table."""
    name = f"training-{uuid.uuid4().hex[:8]}"
    with mock_aws():
        _moto_client().create_table(TableName=name, **table_definition())
        _moto_client("s3").create_bucket(Bucket=EVIDENCE_BUCKET)
        monkeypatch.setenv("EVIDENCE_BUCKET", EVIDENCE_BUCKET)
        monkeypatch.delenv("S3_ENDPOINT_URL", raising=False)
        _bind(monkeypatch, name, None)
        yield name
    runtime.reset()


@pytest.fixture
def api(moto_table: str) -> ApiClient:
    """The API over a moto table, called through the Lambda handlers."""
    return ApiClient()


@pytest.fixture(scope="session")
def dynamodb_local() -> Iterator[DynamoDBLocal]:
    """One DynamoDB Local (in memory) for the whole run; each test gets its own table in it."""
    with DynamoDBLocal() as server:
        yield server


@pytest.fixture(scope="session")
def s3_local() -> Iterator[S3Local]:
    """The local S3 on loopback (a temporary folder): presigned uploads over real HTTP, as make run serves them."""
    server = S3Local().start()
    server.ensure_bucket(EVIDENCE_BUCKET)
    yield server
    server.stop()


@pytest.fixture
def local_table(dynamodb_local: DynamoDBLocal, s3_local: S3Local, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    name = f"training-{uuid.uuid4().hex[:8]}"
    dynamodb = client(dynamodb_local.endpoint_url)
    ensure_table(dynamodb, name)
    monkeypatch.setenv("EVIDENCE_BUCKET", EVIDENCE_BUCKET)
    monkeypatch.setenv("S3_ENDPOINT_URL", s3_local.endpoint_url)
    _bind(monkeypatch, name, dynamodb_local.endpoint_url)
    yield name
    runtime.reset()
    dynamodb.delete_table(TableName=name)


@pytest.fixture
def local_api(local_table: str) -> ApiClient:
    """The API over a DynamoDB Local table, called through the Lambda handlers."""
    return ApiClient()
