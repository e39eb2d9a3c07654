"""PATCH /api/v1/training/trainers/{trainerId}: change a trainer; absent fields stay as they are."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.trainers import Trainer, TrainerPatch
from titan_training.services import trainers

app = build_resolver()


@app.patch(
    "/api/v1/training/trainers/<trainerId>",
    operation_id="updateTrainer",
    summary="Change a trainer; absent fields stay as they are.",
    tags=["Trainers"],
    responses=responses(200, Trainer, 404, 409, 422),
)
def update_trainer(trainerId: PathId, patch: TrainerPatch) -> Trainer:
    return trainers.update_trainer(runtime.store(), trainerId, patch, utc_now())


lambda_handler = lambda_entry(app, operation="UpdateTrainer", allowed_groups=ADMIN_ONLY)
