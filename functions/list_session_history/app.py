"""GET /api/v1/training/sessions/{sessionId}/history: a session's audit trail, newest first (hse-admin)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, PathId
from titan_training.domain.base import Page
from titan_training.domain.history import HistoryEntry
from titan_training.services import sessions

app = build_resolver()


@app.get(
    "/api/v1/training/sessions/<sessionId>/history",
    operation_id="listSessionHistory",
    summary="Who changed the session, when and how, newest first; a deleted session's history stays readable.",
    tags=["Sessions"],
    responses=responses(200, Page[HistoryEntry], 404, 422),
)
def list_session_history(
    sessionId: PathId, limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None
) -> Page[HistoryEntry]:
    return sessions.session_history(runtime.store(), sessionId, limit, next_token)


lambda_handler = lambda_entry(app, operation="ListSessionHistory", allowed_groups=ADMIN_ONLY)
