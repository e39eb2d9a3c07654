"""POST /api/v1/training/trainers: add a trainer."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.trainers import Trainer, TrainerCreate
from titan_training.services import trainers

app = build_resolver()


@app.post(
    "/api/v1/training/trainers",
    operation_id="createTrainer",
    summary="Add a trainer.",
    tags=["Trainers"],
    responses=responses(201, Trainer, 409, 422),
    middlewares=[retry_safe],
)
def create_trainer(trainer: TrainerCreate, idempotency_key: IdempotencyKey = None) -> Trainer:
    return trainers.create_trainer(runtime.store(), trainer, utc_now()), 201


lambda_handler = lambda_entry(app, operation="CreateTrainer", allowed_groups=ADMIN_ONLY)
