"""POST /api/v1/training/calendar/personnel/{personnelId}/token: a new subscription link to a worker's calendar feed."""

from titan_training.api import runtime
from titan_training.api.http import api_base_url, build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.calendar import CalendarSubscription, FeedOwner
from titan_training.domain.clock import utc_now
from titan_training.services import calendar

app = build_resolver()


@app.post(
    "/api/v1/training/calendar/personnel/<personnelId>/token",
    operation_id="issuePersonnelCalendarToken",
    summary="Issue the link to a worker's calendar feed (the sessions they attend); the previous link stops working.",
    tags=["Calendar"],
    responses=responses(200, CalendarSubscription, 404, 422),
)
def issue_personnel_calendar_token(personnelId: PathId) -> CalendarSubscription:
    return calendar.issue_token(
        runtime.store(), FeedOwner.PERSONNEL, personnelId, caller(app), utc_now(), api_base_url(app)
    )


lambda_handler = lambda_entry(app, operation="IssuePersonnelCalendarToken", allowed_groups=ADMIN_ONLY)
