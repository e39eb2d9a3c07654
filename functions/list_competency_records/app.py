"""GET /api/v1/training/competency-records: competency records by status (the verification queue)."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.base import Page
from titan_training.domain.records import CompetencyStatus, QueuedCompetencyRecord
from titan_training.services import records

app = build_resolver()


@app.get(
    "/api/v1/training/competency-records",
    operation_id="listCompetencyRecords",
    summary="Competency records by status, oldest first, with the worker's name; default PENDING_VERIFICATION.",
    tags=["Records"],
    responses=responses(200, Page[QueuedCompetencyRecord], 422),
)
def list_competency_records(
    status: Annotated[CompetencyStatus, Query()] = CompetencyStatus.PENDING_VERIFICATION,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[QueuedCompetencyRecord]:
    return records.competency_records(runtime.store(), status, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListCompetencyRecords", allowed_groups=ADMIN_ONLY)
