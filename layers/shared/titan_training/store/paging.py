"""Opaque `nextToken`s: a query's LastEvaluatedKey, base64url-encoded JSON, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from titan_training.domain.errors import FieldProblem, InvalidInput

T = TypeVar("T")


def encode_token(last_evaluated_key: dict[str, Any] | None) -> str | None:
    if not last_evaluated_key:
        return None
    raw = json.dumps(last_evaluated_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str | None, partition: tuple[str, str]) -> dict[str, Any] | None:
    """The start key a token carries, or a 422 naming `nextToken` if it was not made for this list.

    `partition` is the (attribute, value) of the query's partition key: a token from another list
    would make DynamoDB reject the query, which must reach the client as bad input, not a 500.
    """
    if not token:
        return None
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        decoded = None
    attribute, value = partition
    valid = (
        isinstance(decoded, dict)
        and all(isinstance(v, dict) and set(v) == {"S"} and isinstance(v["S"], str) for v in decoded.values())
        and decoded.get(attribute) == {"S": value}
    )
    if not valid:
        raise InvalidInput([FieldProblem("query", "nextToken", "is not a token this list handed out")])
    return decoded


def collect_page(results: Iterator[Any], limit: int, convert: Callable[[Any], T]) -> tuple[list[T], str | None]:
    """Up to `limit` converted results, and a token to resume after the last one only if more exist.

    The query must allow `limit + 1` results: the one beyond the page is read (never returned) so
    that a page which happens to end the list does not hand out a token to an empty page.
    """
    items = [convert(item) for _, item in zip(range(limit), results, strict=False)]
    resume_after = results.last_evaluated_key  # type: ignore[attr-defined]
    if len(items) < limit or next(results, None) is None:
        return items, None
    return items, encode_token(resume_after)
