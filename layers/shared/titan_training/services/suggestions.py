"""The smart picker's use cases: suggest attendees for a session, and refresh the precomputed rankings.

Serving reads the course's precomputed ranking when it is fresh (computed today, from the course's
current compliance revision and the directory's current revision) and otherwise ranks live. The
ranking is whole and per course; the session's own attendees, `search` and `limit` are applied
after, so one ranking serves every session of the course.
"""

from __future__ import annotations

from datetime import date, datetime

from titan_training.domain.base import Page
from titan_training.domain.errors import NotFound
from titan_training.domain.suggestions import (
    Candidate,
    ComplianceSummary,
    Suggestion,
    Suggestions,
    SuggestionSource,
    candidate,
    counts_of,
    pick,
    rank,
)
from titan_training.services.sessions import live_session
from titan_training.store.paging import ListQuery, decode_token, encode_token
from titan_training.store.suggestions import CachedRanking, Person, PickerRevisions
from titan_training.store.table import TrainingTable


def attendee_suggestions(
    store: TrainingTable,
    session_id: str,
    search: str | None,
    limit: int,
    today: date,
    warning_days: int,
    now: datetime,
) -> Suggestions:
    stored = live_session(store, session_id)
    course_id = stored.session.course_id
    revisions = store.suggestions.picker_revisions(course_id)
    if not revisions.course_exists:
        raise NotFound("Course", course_id)
    listed = {attendee.personnel_id for attendee in stored.attendees}
    cached = store.suggestions.read_ranking(course_id)
    if cached is not None and is_fresh(cached, revisions, today, warning_days):
        return Suggestions.of(
            pick(cached.candidates, listed, search, limit), SuggestionSource.CACHE, cached.computed_at
        )
    ranked = ranking(store, course_id, store.suggestions.active_personnel(), today, warning_days)
    return Suggestions.of(pick(ranked, listed, search, limit), SuggestionSource.LIVE, now)


def is_fresh(cached: CachedRanking, revisions: PickerRevisions, today: date, warning_days: int) -> bool:
    """Computed today, with today's warning window, from the revisions that are current."""
    return (
        cached.computed_for == today
        and cached.warning_days == warning_days
        and cached.compliance_revision == revisions.compliance_revision
        and cached.directory_revision == revisions.directory_revision
    )


def ranking(
    store: TrainingTable, course_id: str, people: list[Person], today: date, warning_days: int
) -> list[Candidate]:
    """Every active person ranked for the course (those without an item are there for searches)."""
    items = {
        personnel_id: (status, expiry)
        for personnel_id, status, expiry in store.suggestions.course_compliance(course_id)
    }
    return rank(
        [
            candidate(
                p.personnel_id,
                p.first_name,
                p.last_name,
                p.email,
                p.employee_no,
                *items.get(p.personnel_id, (None, None)),
                today,
                warning_days,
            )
            for p in people
        ]
    )


def course_workers(
    store: TrainingTable,
    course_id: str,
    group: int | None,
    limit: int,
    next_token: str | None,
    today: date,
    warning_days: int,
) -> Page[Suggestion]:
    """A course's active workers with an item, in the picker's order (red first), optionally one group.

    Served from the course's precomputed ranking when it is fresh, else ranked live; pages are
    positions in that order, so a page token is bound to the course and the group.
    """
    revisions = store.suggestions.picker_revisions(course_id)
    if not revisions.course_exists:
        raise NotFound("Course", course_id)
    query = ListQuery(("CoursePK", f"COURSE#{course_id}"), {"list": "workers", "group": group})
    start = decode_token(next_token, query)
    offset = int(start["Offset"]["S"]) if start and start.get("Offset", {}).get("S", "").isdigit() else 0
    cached = store.suggestions.read_ranking(course_id)
    if cached is not None and is_fresh(cached, revisions, today, warning_days):
        ranked = cached.candidates
    else:
        ranked = ranking(store, course_id, store.suggestions.active_personnel(), today, warning_days)
    listed = [c for c in ranked if c.has_item and (group is None or c.group == group)]
    page = listed[offset : offset + limit]
    more = offset + limit < len(listed)
    token = encode_token({**query_key(query), "Offset": {"S": str(offset + limit)}}, query) if more else None
    return Page[Suggestion](items=[Suggestion.of(c) for c in page], next_token=token)


def query_key(query: ListQuery) -> dict[str, dict[str, str]]:
    attribute, value = query.partition
    return {attribute: {"S": value}}


def compliance_summary(store: TrainingTable, today: date, warning_days: int) -> ComplianceSummary:
    """The dashboard: per course, how many active workers are red, yellow, expiring and green.

    The picker's own ranking decides each worker's group, so the dashboard and the picker always agree.
    Requests: the course list and the directory once each, then one CourseIndex query per course
    (all paged by DynamoDB); never one per worker.
    """
    people = store.suggestions.active_personnel()
    return ComplianceSummary(
        items=[
            counts_of(course.id, course.name, course.code, ranking(store, course.id, people, today, warning_days))
            for course in store.courses.all_courses()
        ],
        today=today,
        expiry_warning_days=warning_days,
    )


def refresh_rankings(store: TrainingTable, today: date, warning_days: int, now: datetime) -> dict[str, int]:
    """Recompute every course's ranking that is stale; leave fresh ones alone.

    Each revision is read before the data it covers, so a change landing meanwhile leaves the
    stored ranking marked stale rather than wrongly fresh. The directory is read once per run.
    """
    directory_revision = store.suggestions.directory_revision()
    people: list[Person] | None = None
    refreshed = fresh = 0
    for course_id in store.suggestions.all_course_ids():
        revisions = store.suggestions.picker_revisions(course_id)
        head = store.suggestions.ranking_head(course_id)
        if (
            head is not None
            and head.computed_for == today.isoformat()
            and int(head.warning_days) == warning_days
            and int(head.compliance_revision) == revisions.compliance_revision
            and int(head.directory_revision) == revisions.directory_revision == directory_revision
        ):
            fresh += 1
            continue
        if people is None:
            people = store.suggestions.active_personnel()
        as_read = PickerRevisions(True, revisions.compliance_revision, directory_revision)
        ranked = ranking(store, course_id, people, today, warning_days)
        store.suggestions.write_ranking(course_id, ranked, as_read, today, warning_days, now)
        refreshed += 1
    return {"courses": refreshed + fresh, "refreshed": refreshed, "fresh": fresh}
