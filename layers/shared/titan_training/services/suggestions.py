"""The smart picker's use cases: suggest attendees for a session, and refresh the precomputed rankings.

Serving reads the course's precomputed ranking when it is fresh (computed today, from the course's
current compliance revision and the directory's current revision) and otherwise ranks live. The
ranking is whole and per course; the session's own attendees, `search` and `limit` are applied
after, so one ranking serves every session of the course. From the cache, a first page reads the
chunk(s) holding its rows, a search reads every chunk but decodes only the rows it finds: with the
session and the revisions, three requests either way.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain, islice

from titan_training.domain.base import Page
from titan_training.domain.errors import NotFound
from titan_training.domain.suggestions import (
    Candidate,
    ComplianceSummary,
    Suggestion,
    Suggestions,
    SuggestionSource,
    candidate,
    counts_from_groups,
    counts_of,
    pick,
    rank,
    rank_key,
)
from titan_training.services.sessions import live_session
from titan_training.store.paging import ListQuery, decode_token, encode_token
from titan_training.store.suggestions import Person, PickerRevisions, RankingChunk, RankingHead
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
    state = store.suggestions.picker_state(course_id)
    if not state.revisions.course_exists:
        raise NotFound("Course", course_id)
    listed = {attendee.personnel_id for attendee in stored.attendees}
    head = state.head
    if head is not None and is_fresh(head, state.revisions, today, warning_days):
        chosen = cached_pick(store, course_id, head, listed, search, limit)
        if chosen is not None:
            return Suggestions.of(chosen, SuggestionSource.CACHE, head.computed_at)
    ranked = ranking(store, course_id, store.suggestions.active_personnel(), today, warning_days)
    return Suggestions.of(pick(ranked, listed, search, limit), SuggestionSource.LIVE, now)


def cached_pick(
    store: TrainingTable, course_id: str, head: RankingHead, listed: set[str], search: str | None, limit: int
) -> list[Candidate] | None:
    """`pick` over the stored ranking, reading only what it needs; None if a chunk has gone meanwhile."""
    needle = (search or "").strip().lower()
    if not needle:  # the first `limit` people with an item, past the class list: the first chunk(s) hold them
        wanted = covering([sum(groups) for groups in head.ranked_groups], 0, limit + len(listed))
        read = store.suggestions.read_chunks(course_id, head, wanted)
        return None if read is None else pick(rows_of(read[0]), listed, None, limit)
    read = store.suggestions.read_chunks(course_id, head, range(len(head.ranked_groups)), range(len(head.others_rows)))
    if read is None:
        return None
    with_item, without = read
    found = heapq.merge(
        chain.from_iterable(chunk.search(needle) for chunk in with_item),
        chain.from_iterable(chunk.search(needle) for chunk in without),
        key=rank_key,
    )
    return pick(found, listed, search, limit)


def covering(sizes: list[int], start: int, stop: int) -> list[int]:
    """The numbers of the chunks (of `sizes` rows each, in order) holding rows start..stop-1."""
    wanted, first = [], 0
    for number, size in enumerate(sizes):
        if first < stop and first + size > start:
            wanted.append(number)
        first += size
    return wanted


def rows_of(chunks: Iterable[RankingChunk]) -> Iterable[Candidate]:
    return chain.from_iterable(chunk.candidates() for chunk in chunks)


def is_fresh(head: RankingHead, revisions: PickerRevisions, today: date, warning_days: int) -> bool:
    """Computed today, with today's warning window, from the revisions that are current."""
    return (
        head.computed_for == today
        and head.warning_days == warning_days
        and head.compliance_revision == revisions.compliance_revision
        and head.directory_revision == revisions.directory_revision
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
    state = store.suggestions.picker_state(course_id)
    if not state.revisions.course_exists:
        raise NotFound("Course", course_id)
    query = ListQuery(("CoursePK", f"COURSE#{course_id}"), {"list": "workers", "group": group})
    start = decode_token(next_token, query)
    offset = int(start["Offset"]["S"]) if start and start.get("Offset", {}).get("S", "").isdigit() else 0
    page = total = None
    head = state.head
    if head is not None and is_fresh(head, state.revisions, today, warning_days):
        # Only the chunks holding rows offset..offset+limit-1 of the group (the head counts them per chunk).
        sizes = [sum(groups) if group is None else groups[group - 1] for groups in head.ranked_groups]
        wanted = covering(sizes, offset, offset + limit)
        read = store.suggestions.read_chunks(course_id, head, wanted)
        if read is not None:
            skip = offset - sum(sizes[: wanted[0]]) if wanted else 0
            rows = (c for c in rows_of(read[0]) if group is None or c.group == group)
            page, total = list(islice(rows, skip, skip + limit)), sum(sizes)
    if page is None or total is None:
        ranked = ranking(store, course_id, store.suggestions.active_personnel(), today, warning_days)
        listed = [c for c in ranked if c.has_item and (group is None or c.group == group)]
        page, total = listed[offset : offset + limit], len(listed)
    more = offset + limit < total
    token = encode_token({**query_key(query), "Offset": {"S": str(offset + limit)}}, query) if more else None
    return Page[Suggestion](items=[Suggestion.of(c) for c in page], next_token=token)


def query_key(query: ListQuery) -> dict[str, dict[str, str]]:
    attribute, value = query.partition
    return {attribute: {"S": value}}


def compliance_summary(store: TrainingTable, today: date, warning_days: int) -> ComplianceSummary:
    """The dashboard: per course, how many active workers are red, yellow, expiring and green.

    The picker's own ranking decides each worker's group, so the dashboard and the picker always agree.
    A course whose stored ranking is fresh (`is_fresh`) is counted from its head's per-chunk group
    counts; only a stale one is ranked live. Requests: the course list, then one consistent batch
    read of the courses' revisions and ranking heads (49 courses a request); a stale course adds
    the directory (once) and one CourseIndex query.
    """
    courses = store.courses.all_courses()
    states = store.suggestions.picker_states([course.id for course in courses])
    people: list[Person] | None = None
    items = []
    for course in courses:
        state = states[course.id]
        head = state.head
        if head is not None and is_fresh(head, state.revisions, today, warning_days):
            by_group = [sum(chunk[group] for chunk in head.ranked_groups) for group in range(4)]
            items.append(counts_from_groups(course.id, course.name, course.code, by_group))
            continue
        if people is None:
            people = store.suggestions.active_personnel()
        ranked = ranking(store, course.id, people, today, warning_days)
        items.append(counts_of(course.id, course.name, course.code, ranked))
    return ComplianceSummary(items=items, today=today, expiry_warning_days=warning_days)


def refresh_rankings(store: TrainingTable, today: date, warning_days: int, now: datetime) -> dict[str, int]:
    """Recompute every course's ranking that is stale; leave fresh ones alone.

    Each revision is read before the data it covers, so a change landing meanwhile leaves the
    stored ranking marked stale rather than wrongly fresh. The revisions and heads of every course
    come in one batch read (49 courses a request); the directory is read once per run, and only
    when a course is stale.
    """
    states = store.suggestions.picker_states(store.suggestions.all_course_ids())
    people: list[Person] | None = None
    refreshed = fresh = 0
    for course_id, state in states.items():
        if not state.revisions.course_exists:
            continue  # deleted since the list was read
        if state.head is not None and is_fresh(state.head, state.revisions, today, warning_days):
            fresh += 1
            continue
        if people is None:
            people = store.suggestions.active_personnel()
        ranked = ranking(store, course_id, people, today, warning_days)
        store.suggestions.write_ranking(course_id, ranked, state.revisions, today, warning_days, now)
        refreshed += 1
    return {"courses": refreshed + fresh, "refreshed": refreshed, "fresh": fresh}
