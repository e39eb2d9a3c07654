"""Recurring drafts (issue 12): one course on the dates a recurrence yields, as a series of DRAFTs."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.callers import Caller
from titan_training.domain.clock import format_instant, site_day
from titan_training.domain.errors import FieldProblem, InvalidInput
from titan_training.domain.history import created
from titan_training.domain.ids import new_id
from titan_training.domain.recurrence import CreateRecurringDrafts, RecurringDrafts, occurrences
from titan_training.domain.sessions import CreateDraft, SessionChange
from titan_training.services import validated
from titan_training.services.sessions import new_draft
from titan_training.store.table import TrainingTable


def create_recurring_drafts(
    store: TrainingTable, request: CreateRecurringDrafts, caller: Caller, now: datetime, site_timezone: str
) -> RecurringDrafts:
    """A series of DRAFTs (at most 52) on the dates the recurrence yields on the site's calendar, each
    validated as a single draft is, all created in one transaction or none, tagged with a new series id."""
    series_id = new_id()
    drafts = []
    for number, occurrence in enumerate(
        occurrences(request.start_time, request.end_time, request.recurrence, site_timezone), 1
    ):
        fields = {
            "courseId": request.course_id,
            "trainerId": request.trainer_id,
            "venueId": request.venue_id,
            "startTime": format_instant(occurrence.start),
            "endTime": format_instant(occurrence.end),
        }
        try:
            draft = validated(CreateDraft, fields)
        except InvalidInput as invalid:
            day = site_day(occurrence.start, site_timezone).isoformat()
            raise InvalidInput(
                [
                    FieldProblem(p.location, "recurrence", f"session {number} ({day}): {p.field}: {p.message}", p.type)
                    for p in invalid.problems
                ]
            ) from invalid
        drafts.append(new_draft(draft, caller.user_id, now, series_id))
    store.sessions.create_sessions(drafts, [created(d, caller, series_id=series_id) for d in drafts])
    return RecurringDrafts(series_id=series_id, items=[SessionChange(**s.model_dump()) for s in drafts])
