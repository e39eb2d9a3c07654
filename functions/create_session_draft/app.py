"""POST /api/v1/training/sessions/draft: start planning a session; only the course is required."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import CreateDraft, SessionChange
from titan_training.services import sessions

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/draft",
    operation_id="createSessionDraft",
    summary="Create a DRAFT session; trainer, venue and times may come later. No conflict checks.",
    tags=["Sessions"],
    responses=responses(201, SessionChange, 404, 409, 422),
    middlewares=[retry_safe],
)
def create_session_draft(draft: CreateDraft, idempotency_key: IdempotencyKey = None) -> SessionChange:
    return sessions.create_draft(runtime.store(), draft, caller(app), utc_now()), 201


lambda_handler = lambda_entry(app, operation="CreateSessionDraft", allowed_groups=ADMIN_ONLY)
