"""GET /api/v1/training/trainers: list trainers by name; `courseId` keeps only those qualified for it."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.base import Page
from titan_training.domain.ids import CUID_PATTERN
from titan_training.domain.trainers import Trainer
from titan_training.services import trainers

app = build_resolver()


@app.get(
    "/api/v1/training/trainers",
    operation_id="listTrainers",
    summary="List trainers by name; `courseId` keeps only those qualified for it.",
    tags=["Trainers"],
    responses=responses(200, Page[Trainer], 404, 422),
)
def list_trainers(
    course_id: Annotated[str | None, Query(alias="courseId", pattern=CUID_PATTERN, max_length=64)] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[Trainer]:
    return trainers.list_trainers(runtime.store(), course_id, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListTrainers", allowed_groups=ADMIN_OR_TRAINER)
