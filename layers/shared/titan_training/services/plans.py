"""Training plans (issue 13): request one, compute it in the background, read it.

`request_plan` stores a RUNNING plan and hands its id to `start` (deployed: an asynchronous invocation
of the planner's own function; locally, the same through the local server); `run_plan` is that
function's work: it reads the site as the plan needs it (`plan_problem`), solves it with CP-SAT
(domain/planning.py) and stores the proposal, or FAILED with the reason.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from titan_training.domain.callers import Caller
from titan_training.domain.clock import iso_week
from titan_training.domain.errors import NotFound
from titan_training.domain.ids import new_id
from titan_training.domain.planning import PlanCourse, PlanProblem, PlanTrainer, PlanVenue, horizon, solve
from titan_training.domain.plans import PlanRequest, PlanStatus, PlanView, needs_of, result_of
from titan_training.domain.sessions import SessionStatus
from titan_training.store.plans import StoredPlan
from titan_training.store.sessions import SessionFilters
from titan_training.store.table import TrainingTable

PAGE = 500  # items a page when the worker reads whole lists


def request_plan(
    store: TrainingTable, request: PlanRequest, caller: Caller, now: datetime, start: Callable[[str], None]
) -> PlanView:
    """A new RUNNING plan, its computation started. Raises NotFound for an unknown course id."""
    if request.course_ids:
        known = store.courses.get_courses(set(request.course_ids))
        for course_id in request.course_ids:
            if course_id not in known:
                raise NotFound("Course", course_id)
    plan_id = new_id()
    stored = store.plans.create_plan(plan_id, request.model_dump_json(by_alias=True), caller.user_id, now)
    try:
        start(plan_id)
    except Exception as failure:  # not left RUNNING for ever: the plan reads FAILED, the caller gets the error
        store.plans.finish_plan(plan_id, PlanStatus.FAILED, now, None, f"The planner could not be started: {failure}")
        raise
    return view(stored)


def get_plan(store: TrainingTable, plan_id: str, now: datetime) -> PlanView:
    """The plan (RUNNING, DONE with its proposal, or FAILED with its reason). Raises NotFound, also
    for a plan past its seven days."""
    stored = store.plans.get_plan(plan_id, now)
    if stored is None:
        raise NotFound("Plan", plan_id)
    return view(stored)


def view(stored: StoredPlan) -> PlanView:
    return PlanView.model_validate(
        {
            "id": stored.plan_id,
            "status": stored.status,
            "request": json.loads(stored.request),
            "created_at": stored.created_at,
            "expires_at": stored.expires_at,
            "completed_at": stored.completed_at,
            "error": stored.error,
            **(stored.result or {}),
        }
    )


def run_plan(
    store: TrainingTable, plan_id: str, today: date, site_timezone: str, now: Callable[[], datetime]
) -> PlanStatus | None:
    """Compute a RUNNING plan and store it DONE (or FAILED, with the reason). A plan that is gone or
    already finished is left alone (an invocation retried by Lambda): None."""
    stored = store.plans.get_plan(plan_id, now())
    if stored is None or stored.status is not PlanStatus.RUNNING:
        return None
    try:
        request = PlanRequest.model_validate_json(stored.request)
        problem = plan_problem(store, request, today, site_timezone, now())
        result = result_of(problem, solve(problem))
    except Exception as failure:  # the admin sees FAILED with the reason, not a plan RUNNING for ever
        store.plans.finish_plan(plan_id, PlanStatus.FAILED, now(), None, f"{type(failure).__name__}: {failure}")
        raise
    stored_result = {name: _json(value) for name, value in result.items()}
    store.plans.finish_plan(plan_id, PlanStatus.DONE, now(), stored_result, None)
    return PlanStatus.DONE


def _json(value):
    if isinstance(value, list):
        return [_json(v) for v in value]
    dump = getattr(value, "model_dump", None)
    return dump(mode="json", by_alias=True) if dump else value


def plan_problem(
    store: TrainingTable, request: PlanRequest, today: date, site_timezone: str, now: datetime
) -> PlanProblem:
    """The site as the plan sees it: needs from the compliance items of the chosen courses (default:
    every course), the qualified trainers with their SCHEDULED sessions and booked minutes per ISO
    week, the venues with theirs. Reads every list whole: this runs in the planner's own function."""
    rules = request.rules(site_timezone)
    first, last = horizon(rules)
    courses = {course.id: course for course in store.courses.all_courses()}
    chosen = request.course_ids or sorted(courses)
    items = {course_id: store.suggestions.course_compliance(course_id) for course_id in chosen if course_id in courses}
    active = {person.personnel_id for person in store.suggestions.active_personnel()}
    booked: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for course_id in items:
        filters = SessionFilters(
            status=SessionStatus.SCHEDULED, course_id=course_id, start_from=now - timedelta(days=1)
        )
        for session in _all(lambda token, f=filters: store.sessions.list_sessions(f, PAGE, token)):
            read = store.sessions.read_session(session.id)
            for attendee in read.attendees if read else ():
                booked[(attendee.personnel_id, course_id)].append(session.end_time)
    needs = needs_of(rules, today, items, active, booked)
    needed = {need.course_id for need in needs}
    default_minutes = request.constraints.default_session_minutes
    plan_courses = {
        course_id: PlanCourse(course_id, courses[course_id].duration_minutes or default_minutes) for course_id in needed
    }
    # A trainer's load counts the whole of each ISO week the horizon touches.
    week_start = first - timedelta(days=7)
    trainers = []
    for trainer in _all(lambda token: store.trainers.list_trainers(PAGE, token)):
        qualified = frozenset(trainer.qualified_course_ids) & needed
        if not qualified:
            continue
        bookings = store.trainers.trainer_bookings(trainer.id, week_start, last)
        minutes: dict[str, int] = defaultdict(int)
        for booking in bookings:
            minutes[iso_week(booking.start_time, site_timezone)] += int(
                (booking.end_time - booking.start_time).total_seconds() // 60
            )
        busy = tuple((b.start_time, b.end_time) for b in bookings)
        trainers.append(PlanTrainer(trainer.id, qualified, busy, dict(minutes)))
    venues = [
        PlanVenue(
            venue.id,
            venue.capacity,
            tuple((b.start_time, b.end_time) for b in store.venues.venue_bookings(venue.id, first, last)),
        )
        for venue in _all(lambda token: store.venues.list_venues(PAGE, token))
    ]
    return PlanProblem(rules, plan_courses, needs, trainers, venues)


def _all(page: Callable[[str | None], tuple[list, str | None]]) -> list:
    """Every item of a paged store list."""
    items, token = [], None
    while True:
        found, token = page(token)
        items += found
        if not token:
            return items
