"""GET /api/v1/training/trainers: trainers by name with the hours booked in a week; `courseId` filters."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, id_query
from titan_training.domain.base import Page
from titan_training.domain.clock import ISO_WEEK_PATTERN
from titan_training.domain.trainers import TrainerWithLoad
from titan_training.services import trainers

app = build_resolver()


@app.get(
    "/api/v1/training/trainers",
    operation_id="listTrainers",
    summary="List trainers by name with their booked hours this week; `courseId` keeps only those qualified for it.",
    tags=["Trainers"],
    responses=responses(200, Page[TrainerWithLoad], 404, 422),
)
def list_trainers(
    course_id: Annotated[str | None, id_query("courseId", "Only trainers qualified for this course.")] = None,
    week: Annotated[
        str | None, Query(pattern=ISO_WEEK_PATTERN, description="ISO week YYYY-Www; default: the current one.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[TrainerWithLoad]:
    return trainers.list_trainers(
        runtime.store(), course_id, week or runtime.this_week(), limit, next_token, caller(app)
    )


lambda_handler = lambda_entry(app, operation="ListTrainers", allowed_groups=ADMIN_OR_TRAINER)
