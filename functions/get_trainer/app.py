"""GET /api/v1/training/trainers/{trainerId}: read one trainer with the courses they are qualified for."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.clock import ISO_WEEK_PATTERN
from titan_training.domain.trainers import TrainerDetail
from titan_training.services import trainers

app = build_resolver()


@app.get(
    "/api/v1/training/trainers/<trainerId>",
    operation_id="getTrainer",
    summary="Read a trainer: qualified courses, and the load and SCHEDULED sessions of a week.",
    tags=["Trainers"],
    responses=responses(200, TrainerDetail, 404, 422),
)
def get_trainer(
    trainerId: PathId,
    week: Annotated[
        str | None, Query(pattern=ISO_WEEK_PATTERN, description="ISO week YYYY-Www; default: the current one.")
    ] = None,
) -> TrainerDetail:
    return trainers.get_trainer(runtime.store(), trainerId, week or runtime.this_week(), caller(app))


lambda_handler = lambda_entry(app, operation="GetTrainer", allowed_groups=ADMIN_OR_TRAINER)
