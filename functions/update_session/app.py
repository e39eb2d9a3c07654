"""PATCH /api/v1/training/sessions/{sessionId}: change trainer, venue or times (re-checked if SCHEDULED)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import SessionChange, SessionPatch
from titan_training.services import sessions

app = build_resolver()


@app.patch(
    "/api/v1/training/sessions/<sessionId>",
    operation_id="updateSession",
    summary="Edit a session; a SCHEDULED one must still pass availability and qualification checks.",
    tags=["Sessions"],
    responses=responses(200, SessionChange, 400, 404, 409, 422),
)
def update_session(sessionId: PathId, patch: SessionPatch) -> SessionChange:
    return sessions.update_session(
        runtime.store(), sessionId, patch, caller(app), utc_now(), runtime.settings().site_timezone
    )


lambda_handler = lambda_entry(app, operation="UpdateSession", allowed_groups=ADMIN_ONLY)
