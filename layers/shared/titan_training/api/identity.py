"""Who is calling: the Cognito claims API Gateway's authorizer put on the request, never a client header."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from titan_training.domain.callers import HSE_ADMIN, TRAINER, Caller
from titan_training.domain.errors import Forbidden, Unauthenticated

ADMIN_ONLY = frozenset({HSE_ADMIN})
ADMIN_OR_TRAINER = frozenset({HSE_ADMIN, TRAINER})


def parse_groups(raw: Any) -> frozenset[str]:
    """`cognito:groups` in every shape API Gateway delivers it.

    A REST API's Cognito authorizer gives `hse-admin` or `[hse-admin trainer]`; an HTTP API's JWT
    authorizer gives `[hse-admin trainer]` too; other integrations send `hse-admin,trainer`, a JSON
    array as text, or a real list.
    """
    if raw is None:
        return frozenset()
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("[") and text.endswith("]"):
            try:
                decoded = json.loads(text)
            except ValueError:
                decoded = None
            if isinstance(decoded, list):
                return parse_groups(decoded)
            text = text[1:-1]
        parts: Iterable[str] = text.replace(",", " ").split()
    elif isinstance(raw, list | tuple | set | frozenset):
        parts = (str(group) for group in raw)
    else:
        return frozenset()
    return frozenset(part.strip().strip("\"'") for part in parts if part.strip().strip("\"'"))


def _claims(event: dict[str, Any]) -> dict[str, Any]:
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    claims = authorizer.get("claims") or (authorizer.get("jwt") or {}).get("claims") or {}
    return claims if isinstance(claims, dict) else {}


def caller_from_event(event: dict[str, Any]) -> Caller | None:
    claims = _claims(event)
    user_id = claims.get("sub")
    if not isinstance(user_id, str) or not user_id.strip():
        return None
    return Caller(user_id=user_id.strip(), groups=parse_groups(claims.get("cognito:groups")))


def authorize(caller: Caller | None, allowed_groups: frozenset[str]) -> Caller:
    """The caller, if one of their groups may use the endpoint; 401 without identity, 403 without a group."""
    if caller is None:
        raise Unauthenticated()
    if not caller.groups & allowed_groups:
        raise Forbidden(f"Requires one of the groups: {', '.join(sorted(allowed_groups))}")
    return caller
