"""API Gateway REST (v1) proxy events and Lambda contexts, as API Gateway and the Lambda runtime build them."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus


def parse_query(query: str) -> list[tuple[str, str]]:
    """Query pairs as API Gateway decodes them: percent-escapes decoded and `+` read as a space.

    (So `startTime=...T09:00:00+02:00` arrives as `09:00:00 02:00`; the Instant type reads it back.)
    """
    pairs = []
    for part in query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((unquote_plus(key), unquote_plus(value)))
    return pairs


def claims_for(user_id: str | None, groups: str | None) -> dict[str, str] | None:
    """The Cognito claims the authorizer would add; `groups` is sent on as the raw text it was given."""
    if not user_id:
        return None
    claims = {"sub": user_id}
    if groups:
        claims["cognito:groups"] = groups
    return claims


def claims_from_token(authorization: str | None) -> dict[str, str] | None:
    """The claims of a local ID token in `Authorization`, as the Cognito authorizer would pass them on.

    Locally nothing is signed: any JWT (`alg: none`, or any signature, which is not checked) whose
    payload carries a non-empty `sub` is accepted, with its `cognito:groups` (a list or text). A value
    that is not such a token gives no identity (401), as a bad token does deployed. A `Bearer ` prefix
    is tolerated, as the Cognito authorizer tolerates it.
    """
    token = (authorization or "").strip()
    if token[:7].lower() == "bearer ":
        token = token[7:].strip()
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("sub"), str) or not payload["sub"].strip():
        return None
    groups = payload.get("cognito:groups")
    if isinstance(groups, list):
        groups = ",".join(str(group) for group in groups)
    return claims_for(payload["sub"].strip(), groups if isinstance(groups, str) else None)


def local_token(user_id: str, *groups: str) -> str:
    """An unsigned local ID token (`alg: none`) for `make run`: `Authorization: <this>`."""

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': user_id, 'cognito:groups': list(groups)})}."


def api_gateway_event(
    method: str,
    path: str,
    resource: str | None = None,
    path_parameters: dict[str, str] | None = None,
    query: str | dict[str, str] | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
    claims: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A REST API proxy event. `body` may be text (sent as is) or anything JSON-able."""
    pairs = parse_query(query) if isinstance(query, str) else list((query or {}).items())
    multi_query: dict[str, list[str]] = {}
    for key, value in pairs:
        multi_query.setdefault(key, []).append(value)
    all_headers = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
    request_id = str(uuid.uuid4())
    context: dict[str, Any] = {
        "accountId": "123456789012",
        "apiId": "local",
        "httpMethod": method.upper(),
        "path": f"/prod{path}",
        "protocol": "HTTP/1.1",
        "requestId": request_id,
        "resourcePath": resource or path,
        "stage": "prod",
        "identity": {"sourceIp": "127.0.0.1", "userAgent": all_headers.get("User-Agent", "local")},
    }
    if claims:
        context["authorizer"] = {"claims": claims}
    text = body if body is None or isinstance(body, str) else json.dumps(body)
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method.upper(),
        "headers": all_headers,
        "multiValueHeaders": {key: [value] for key, value in all_headers.items()},
        "queryStringParameters": {key: values[-1] for key, values in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": context,
        "body": text,
        "isBase64Encoded": False,
    }


@dataclass
class LambdaContext:
    """What the Lambda runtime passes as `context` (Powertools' Logger reads these fields)."""

    function_name: str = "local"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 15_000


def scheduled_event(function: str, time: str = "2026-11-23T09:00:00Z") -> dict[str, Any]:
    """What EventBridge's scheduler sends a function."""
    return {
        "version": "0",
        "id": "sample-scheduled-event",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": time,
        "region": "us-east-1",
        "resources": [f"arn:aws:events:us-east-1:123456789012:rule/{function}"],
        "detail": {},
    }
