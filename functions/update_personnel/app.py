"""PATCH /api/v1/training/personnel/{personnelId}: change a worker; absent fields stay as they are."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.personnel import Personnel, PersonnelPatch
from titan_training.services import personnel

app = build_resolver()


@app.patch(
    "/api/v1/training/personnel/<personnelId>",
    operation_id="updatePersonnel",
    summary="Change a worker; absent fields stay as they are.",
    tags=["Personnel"],
    responses=responses(200, Personnel, 404, 409, 422),
)
def update_personnel(personnelId: PathId, patch: PersonnelPatch) -> Personnel:
    return personnel.update_personnel(runtime.store(), personnelId, patch, utc_now())


lambda_handler = lambda_entry(app, operation="UpdatePersonnel", allowed_groups=ADMIN_ONLY)
