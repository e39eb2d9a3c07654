"""GET /api/v1/training/personnel/{personnelId}: read one worker."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.personnel import Personnel
from titan_training.services import personnel

app = build_resolver()


@app.get(
    "/api/v1/training/personnel/<personnelId>",
    operation_id="getPersonnel",
    summary="Read one worker.",
    tags=["Personnel"],
    responses=responses(200, Personnel, 404, 422),
)
def get_personnel(personnelId: PathId) -> Personnel:
    return personnel.get_personnel(runtime.store(), personnelId)


lambda_handler = lambda_entry(app, operation="GetPersonnel", allowed_groups=ADMIN_ONLY)
