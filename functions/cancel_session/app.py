"""POST /api/v1/training/sessions/{sessionId}/cancel: cancel a DRAFT or SCHEDULED session."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import SessionChange
from titan_training.services import sessions

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/<sessionId>/cancel",
    operation_id="cancelSession",
    summary="Cancel a session: it no longer counts for conflicts or trainer load.",
    tags=["Sessions"],
    responses=responses(200, SessionChange, 404, 409, 422),
)
def cancel_session(sessionId: PathId) -> SessionChange:
    return sessions.cancel_session(runtime.store(), sessionId, caller(app), utc_now(), runtime.settings().site_timezone)


lambda_handler = lambda_entry(app, operation="CancelSession", allowed_groups=ADMIN_ONLY)
