"""What both import routes share: the CSV request body as OpenAPI documents it, and the dry-run switch."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.domain.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS

DryRun = Annotated[
    bool,
    Query(
        alias="dryRun",
        description="true: write nothing, answer what an import would create, change and refuse.",
    ),
]

ROW_NUMBERS = (
    "Each refused, created or changed row is named by `row`, its number as a spreadsheet shows it: the header is "
    "row 1, the first data row row 2 (blank rows count, as a spreadsheet shows them, but are skipped)."
)
LIMITS = (
    f"At most {MAX_IMPORT_ROWS:,} data rows and {MAX_IMPORT_BYTES:,} bytes: a larger file is a 413 saying the limit. "
    "A body that is not text/csv or not UTF-8 is a 400; an empty file, a missing header, an unknown, repeated or "
    "missing column, or broken quoting is a 422."
)


def csv_body(description: str, example: str) -> dict[str, Any]:
    """The `requestBody` of an import route (the handler reads the body itself: it is not JSON)."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"text/csv": {"schema": {"type": "string"}, "example": example}},
        }
    }


def media_type(headers: dict[str, str]) -> str | None:
    return next((value for name, value in headers.items() if name.lower() == "content-type"), None)


def raw_body(event: Any) -> str | bytes | None:
    """The body as sent: bytes when API Gateway passed it base64-encoded (binary), for the import to check."""
    return base64.b64decode(event.body or "") if event.is_base64_encoded else event.body
