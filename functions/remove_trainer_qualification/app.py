"""DELETE /api/v1/training/trainers/{trainerId}/qualifications/{courseId}: withdraw a trainer's qualification."""

from http import HTTPStatus

from aws_lambda_powertools.event_handler import Response

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.services import trainers

app = build_resolver()


@app.delete(
    "/api/v1/training/trainers/<trainerId>/qualifications/<courseId>",
    operation_id="removeTrainerQualification",
    summary="Withdraw a trainer's qualification for a course.",
    tags=["Trainers"],
    responses=responses(204, None, 404, 422),
)
def remove_trainer_qualification(trainerId: PathId, courseId: PathId) -> Response[None]:
    trainers.unqualify_trainer(runtime.store(), trainerId, courseId)
    return Response(status_code=HTTPStatus.NO_CONTENT)


lambda_handler = lambda_entry(app, operation="RemoveTrainerQualification", allowed_groups=ADMIN_ONLY)
