"""PATCH /api/v1/training/sessions/{sessionId}/schedule: publish a session (DRAFT -> SCHEDULED)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.sessions import ScheduleSession, SessionChange
from titan_training.services import sessions

app = build_resolver()


@app.patch(
    "/api/v1/training/sessions/<sessionId>/schedule",
    operation_id="scheduleSession",
    summary="Schedule: trainer double-booked is 409, trainer not qualified 400, a venue clash a warning.",
    tags=["Sessions"],
    responses=responses(200, SessionChange, 400, 404, 409, 422),
)
def schedule_session(sessionId: PathId, plan: ScheduleSession) -> SessionChange:
    return sessions.schedule_session(
        runtime.store(), sessionId, plan, caller(app), utc_now(), runtime.settings().site_timezone
    )


lambda_handler = lambda_entry(app, operation="ScheduleSession", allowed_groups=ADMIN_ONLY)
