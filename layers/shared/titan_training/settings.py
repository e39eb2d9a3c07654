"""The one configuration model, read from the environment once per cold start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator


class Settings(BaseModel):
    table_name: str = Field(default="", description="Required by anything that touches the store.")
    aws_region: str = "us-east-1"
    dynamodb_endpoint_url: str | None = Field(default=None, description="Set locally to reach DynamoDB Local.")
    site_timezone: str = "UTC"
    expiry_warning_days: int = Field(default=60, ge=0)
    cors_allow_origin: str = "*"
    evidence_bucket: str = Field(default="", description="The private bucket of signed attendance sheets.")
    s3_endpoint_url: str | None = Field(default=None, description="Set locally to reach the local S3.")
    transaction_max_items: int = Field(default=100, ge=10, le=100)
    local_server: bool = Field(default=False, description="True only under the local server (`make run`).")
    cognito_user_pool_id: str | None = Field(default=None, description="The user pool the console signs in to.")
    cognito_user_pool_client_id: str | None = Field(default=None, description="The console's app client.")
    cognito_domain: str | None = Field(default=None, description="The hosted sign-in's domain.")
    plan_worker_function: str = Field(default="", description="The function that computes a plan (asynchronously).")
    lambda_endpoint_url: str | None = Field(default=None, description="Set locally: the local server invokes it.")
    event_bus_name: str | None = Field(default=None, description="The EventBridge bus of domain events.")
    local_event_sink: str | None = Field(
        default=None, description="Without a bus: the JSON-lines file events are appended to (make run)."
    )
    public_api_url: str | None = Field(
        default=None,
        description="The API's public base URL (…/api/v1/training) for calendar feed links; default: the request's.",
    )

    @field_validator("site_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as unknown:  # OSError: a directory (`Europe`)
            raise ValueError(f"unknown time zone {value!r}") from unknown
        return value

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        return cls(
            table_name=environ.get("TABLE_NAME", ""),
            aws_region=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1",
            dynamodb_endpoint_url=environ.get("DYNAMODB_ENDPOINT_URL") or None,
            site_timezone=environ.get("SITE_TIMEZONE") or "UTC",
            expiry_warning_days=environ.get("EXPIRY_WARNING_DAYS") or 60,
            cors_allow_origin=environ.get("CORS_ALLOW_ORIGIN") or "*",
            evidence_bucket=environ.get("EVIDENCE_BUCKET", ""),
            s3_endpoint_url=environ.get("S3_ENDPOINT_URL") or None,
            transaction_max_items=environ.get("TRANSACTION_MAX_ITEMS") or 100,
            local_server=(environ.get("LOCAL_SERVER") or "").strip().lower() == "true",
            cognito_user_pool_id=environ.get("COGNITO_USER_POOL_ID") or None,
            cognito_user_pool_client_id=environ.get("COGNITO_USER_POOL_CLIENT_ID") or None,
            cognito_domain=environ.get("COGNITO_DOMAIN") or None,
            plan_worker_function=environ.get("PLAN_WORKER_FUNCTION", ""),
            lambda_endpoint_url=environ.get("LAMBDA_ENDPOINT_URL") or None,
            event_bus_name=environ.get("EVENT_BUS_NAME") or None,
            local_event_sink=environ.get("LOCAL_EVENT_SINK") or None,
            public_api_url=environ.get("PUBLIC_API_URL") or None,
        )
