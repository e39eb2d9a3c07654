"""GET /api/v1/training/sessions/{sessionId}: a session with its class list (hse-admin or its own trainer)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.sessions import SessionDetail
from titan_training.services import sessions

app = build_resolver()


@app.get(
    "/api/v1/training/sessions/<sessionId>",
    operation_id="getSession",
    summary="Read a session with its attendees and a capacity block.",
    tags=["Sessions"],
    responses=responses(200, SessionDetail, 404, 422),
)
def get_session(sessionId: PathId) -> SessionDetail:
    return sessions.get_session(runtime.store(), sessionId, caller(app))


lambda_handler = lambda_entry(app, operation="GetSession", allowed_groups=ADMIN_OR_TRAINER)
