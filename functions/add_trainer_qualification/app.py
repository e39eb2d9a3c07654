"""PUT /api/v1/training/trainers/{trainerId}/qualifications/{courseId}: qualify a trainer for a course (idempotent)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.trainers import TrainerDetail
from titan_training.services import trainers

app = build_resolver()


@app.put(
    "/api/v1/training/trainers/<trainerId>/qualifications/<courseId>",
    operation_id="addTrainerQualification",
    summary="Qualify a trainer for a course (idempotent).",
    tags=["Trainers"],
    responses=responses(200, TrainerDetail, 404, 422),
)
def add_trainer_qualification(trainerId: PathId, courseId: PathId) -> TrainerDetail:
    return trainers.qualify_trainer(runtime.store(), trainerId, courseId, utc_now(), runtime.this_week())


lambda_handler = lambda_entry(app, operation="AddTrainerQualification", allowed_groups=ADMIN_ONLY)
