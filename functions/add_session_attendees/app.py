"""POST /api/v1/training/sessions/{sessionId}/attendees: bulk-add up to 500 people to the class list."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import AddAttendees, AttendeesChange
from titan_training.services import sessions

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/<sessionId>/attendees",
    operation_id="addSessionAttendees",
    summary="Add people (REGISTERED); listed ones are skipped, unknown or inactive ones reported.",
    tags=["Sessions"],
    responses=responses(200, AttendeesChange, 404, 409, 422),
    middlewares=[retry_safe],
)
def add_session_attendees(
    sessionId: PathId, request: AddAttendees, idempotency_key: IdempotencyKey = None
) -> AttendeesChange:
    return sessions.add_attendees(runtime.store(), sessionId, request.personnel_ids, caller(app), utc_now())


lambda_handler = lambda_entry(app, operation="AddSessionAttendees", allowed_groups=ADMIN_ONLY)
