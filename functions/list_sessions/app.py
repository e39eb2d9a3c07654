"""GET /api/v1/training/sessions: sessions by start time, filtered by status, dates, trainer, course, venue, series."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, id_query
from titan_training.domain.base import Page
from titan_training.domain.clock import Instant
from titan_training.domain.sessions import Session, SessionStatus
from titan_training.services import sessions
from titan_training.store.sessions import SessionFilters

app = build_resolver()


@app.get(
    "/api/v1/training/sessions",
    operation_id="listSessions",
    summary="List sessions by start time; `from`/`to` bound the start ([from, to)).",
    tags=["Sessions"],
    responses=responses(200, Page[Session], 422),
)
def list_sessions(
    status: Annotated[SessionStatus | None, Query()] = None,
    start_from: Annotated[Instant | None, Query(alias="from", description="Sessions starting at or after.")] = None,
    start_to: Annotated[Instant | None, Query(alias="to", description="Sessions starting before.")] = None,
    trainer_id: Annotated[str | None, id_query("trainerId")] = None,
    course_id: Annotated[str | None, id_query("courseId")] = None,
    venue_id: Annotated[str | None, id_query("venueId")] = None,
    series_id: Annotated[str | None, id_query("seriesId")] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[Session]:
    filters = SessionFilters(status, start_from, start_to, trainer_id, course_id, venue_id, series_id)
    return sessions.list_sessions(runtime.store(), filters, limit, next_token, caller(app))


lambda_handler = lambda_entry(app, operation="ListSessions", allowed_groups=ADMIN_OR_TRAINER)
