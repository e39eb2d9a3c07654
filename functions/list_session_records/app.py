"""GET /api/v1/training/sessions/{sessionId}/records: the records a finalized session produced."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.records import SessionRecords
from titan_training.services import records

app = build_resolver()


@app.get(
    "/api/v1/training/sessions/<sessionId>/records",
    operation_id="listSessionRecords",
    summary="Training and competency records of a COMPLETED session (none before it is finalized).",
    tags=["Records"],
    responses=responses(200, SessionRecords, 404, 422),
)
def list_session_records(sessionId: PathId) -> SessionRecords:
    return records.session_records(runtime.store(), sessionId, caller(app))


lambda_handler = lambda_entry(app, operation="ListSessionRecords", allowed_groups=ADMIN_OR_TRAINER)
