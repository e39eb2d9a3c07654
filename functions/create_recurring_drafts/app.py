"""POST /api/v1/training/sessions/recurring-drafts: a series of DRAFT sessions of one course, all or none."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.recurrence import CreateRecurringDrafts, RecurringDrafts
from titan_training.services import recurring_drafts

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/recurring-drafts",
    operation_id="createRecurringDrafts",
    summary=(
        "Create up to 52 DRAFT sessions from a recurrence (RFC 5545 RRULE parts, on the site's calendar), "
        "tagged with one seriesId; all or nothing. More than 52 sessions, or none, is 422."
    ),
    tags=["Sessions"],
    responses=responses(201, RecurringDrafts, 404, 409, 422),
    middlewares=[retry_safe],
)
def create_recurring_drafts(series: CreateRecurringDrafts, idempotency_key: IdempotencyKey = None) -> RecurringDrafts:
    settings = runtime.settings()
    return recurring_drafts.create_recurring_drafts(
        runtime.store(), series, caller(app), utc_now(), settings.site_timezone
    ), 201


lambda_handler = lambda_entry(app, operation="CreateRecurringDrafts", allowed_groups=ADMIN_ONLY)
