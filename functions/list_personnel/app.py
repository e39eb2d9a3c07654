"""GET /api/v1/training/personnel: personnel by name; `search` finds the start of a name, email or employee no."""

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
    summary="List personnel by last then first name; `search` finds the start of a name, email or employee number.",
    description=(
        "Without `search`, every worker (active or not) by last then first name. With `search`, the workers "
        "with a word beginning with it, ignoring case and accents: a first or last name (or a part of a "
        "hyphenated one), the full name (`ana s`), the employee number, the email or its domain; listed by "
        "that word, then by name, each worker once. A search page may hold fewer than `limit` workers and "
        "still carry a `nextToken`: follow it until it is null."
    ),
    tags=["Personnel"],
    responses=responses(200, Page[Personnel], 422),
)
def list_personnel(
    search: Annotated[
        str | None, Query(max_length=200, description="The start of a name, email or employee number.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[Personnel]:
    return personnel.list_personnel(runtime.store(), search, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListPersonnel", allowed_groups=ADMIN_ONLY)
