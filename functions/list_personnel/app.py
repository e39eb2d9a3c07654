"""GET /api/v1/training/personnel: list personnel by name; `search` matches name, email or employee number."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.base import Page
from titan_training.domain.personnel import Personnel
from titan_training.services import personnel

app = build_resolver()


@app.get(
    "/api/v1/training/personnel",
    operation_id="listPersonnel",
    summary="List personnel by last then first name; `search` matches name, email or employee number.",
    tags=["Personnel"],
    responses=responses(200, Page[Personnel], 422),
)
def list_personnel(
    search: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[Personnel]:
    return personnel.list_personnel(runtime.store(), search, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListPersonnel", allowed_groups=ADMIN_ONLY)
