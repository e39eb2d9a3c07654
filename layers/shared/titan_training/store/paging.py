"""Opaque `nextToken`s, bound to the query that handed them out.

A token is base64url JSON `{"k": LastEvaluatedKey, "q": digest}`, where the digest is a SHA-256 of
the list (its partition) and the query's filters, together with the key. On the way back in the
digest must match the query being asked: a token reused with other filters, or made by hand, is a
422 naming `nextToken` instead of a page of another query (or a DynamoDB error, a 500).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from titan_training.domain.errors import FieldProblem, InvalidInput

T = TypeVar("T")

NOT_THIS_QUERY = "does not belong to this query: start again without it, or pass the one this list handed out"


@dataclass(frozen=True)
class ListQuery:
    """What a page token is bound to: the list's partition key `(attribute, value)` and its filters."""

    partition: tuple[str, str]
    filters: Mapping[str, Any] = field(default_factory=dict)

    def digest(self, last_evaluated_key: dict[str, Any]) -> str:
        normalized = {
            "partition": list(self.partition),
            "filters": {name: _normal(value) for name, value in self.filters.items() if value is not None},
            "key": last_evaluated_key,
        }
        text = json.dumps(normalized, separators=(",", ":"), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _normal(value: Any) -> Any:
    """A filter value as text: enums by value, instants in ISO form, the rest as JSON has them."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return getattr(value, "value", value)


def _as_query(query: ListQuery | tuple[str, str]) -> ListQuery:
    return query if isinstance(query, ListQuery) else ListQuery(query)


def encode_token(last_evaluated_key: dict[str, Any] | None, query: ListQuery | tuple[str, str]) -> str | None:
    if not last_evaluated_key:
        return None
    bound = {"k": last_evaluated_key, "q": _as_query(query).digest(last_evaluated_key)}
    raw = json.dumps(bound, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str | None, query: ListQuery | tuple[str, str]) -> dict[str, Any] | None:
    """The start key a token carries, or a 422 naming `nextToken` if this query did not hand it out."""
    if not token:
        return None
    query = _as_query(query)
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        decoded = None
    key = decoded.get("k") if isinstance(decoded, dict) else None
    attribute, value = query.partition
    valid = (
        isinstance(key, dict)
        and all(isinstance(v, dict) and set(v) == {"S"} and isinstance(v["S"], str) for v in key.values())
        and key.get(attribute) == {"S": value}
        and decoded.get("q") == query.digest(key)
    )
    if not valid:
        raise InvalidInput([FieldProblem("query", "nextToken", NOT_THIS_QUERY)])
    return key


def collect_page(
    results: Iterator[Any], limit: int, convert: Callable[[Any], T], query: ListQuery | tuple[str, str]
) -> tuple[list[T], str | None]:
    """Up to `limit` converted results, and a token to resume after the last one only if more exist.

    The query must allow `limit + 1` results: the one beyond the page is read (never returned) so
    that a page which happens to end the list does not hand out a token to an empty page.
    """
    items = [convert(item) for _, item in zip(range(limit), results, strict=False)]
    resume_after = results.last_evaluated_key  # type: ignore[attr-defined]
    if len(items) < limit or next(results, None) is None:
        return items, None
    return items, encode_token(resume_after, query)
