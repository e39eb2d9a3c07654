"""POST /api/v1/training/personnel: add a worker."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.personnel import Personnel, PersonnelCreate
from titan_training.services import personnel

app = build_resolver()


@app.post(
    "/api/v1/training/personnel",
    operation_id="createPersonnel",
    summary="Add a worker.",
    tags=["Personnel"],
    responses=responses(201, Personnel, 409, 422),
    middlewares=[retry_safe],
)
def create_personnel(person: PersonnelCreate, idempotency_key: IdempotencyKey = None) -> Personnel:
    return personnel.create_personnel(runtime.store(), person, utc_now()), 201


lambda_handler = lambda_entry(app, operation="CreatePersonnel", allowed_groups=ADMIN_ONLY)
