"""DELETE /api/v1/training/sessions/{sessionId}/attendees/{personnelId}: take someone off the class list."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import AttendeesChange
from titan_training.services import sessions

app = build_resolver()


@app.delete(
    "/api/v1/training/sessions/<sessionId>/attendees/<personnelId>",
    operation_id="removeSessionAttendee",
    summary="Remove a person from the class list.",
    tags=["Sessions"],
    responses=responses(200, AttendeesChange, 404, 409, 422),
)
def remove_session_attendee(sessionId: PathId, personnelId: PathId) -> AttendeesChange:
    return sessions.remove_attendee(runtime.store(), sessionId, personnelId, caller(app), utc_now())


lambda_handler = lambda_entry(app, operation="RemoveSessionAttendee", allowed_groups=ADMIN_ONLY)
