"""Path and query parameter types the routes share (validated by Powertools, documented in OpenAPI)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from titan_training.domain.ids import CUID_PATTERN

PathId = Annotated[str, Path(pattern=CUID_PATTERN, max_length=64, description="A cuid.")]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (1-200).")]
NextToken = Annotated[
    str | None, Query(alias="nextToken", max_length=4096, description="`nextToken` of the previous page.")
]
DEFAULT_LIMIT = 50


def id_query(alias: str, description: str | None = None) -> Query:
    """An optional id in the query string (`courseId=...`), validated as a cuid."""
    return Query(alias=alias, pattern=CUID_PATTERN, max_length=64, description=description)
