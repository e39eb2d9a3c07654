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

from titan_training.domain.availability import overlaps
from titan_training.domain.callers import Caller
from titan_training.domain.clock import format_instant, iso_week, week_bounds
from titan_training.domain.errors import Conflict, FieldProblem, InvalidInput, NotFound, Unavailable
from titan_training.domain.history import created
from titan_training.domain.ids import new_id
from titan_training.domain.planning import PlanCourse, PlanProblem, PlanTrainer, PlanVenue, horizon, solve
from titan_training.domain.plans import (
    MAX_ACCEPTED,
    AcceptedPlan,
    PlanAcceptance,
    PlanRequest,
    PlanStatus,
    PlanView,
    ProposedSessionView,
    needs_of,
    result_of,
)
from titan_training.domain.sessions import Session, SessionChange, SessionStatus
from titan_training.store.plans import StoredPlan
from titan_training.store.sessions import SessionFilters
from titan_training.store.table import TrainingTable

PAGE = 500  # items a page when the worker reads whole lists


def request_plan(
    store: TrainingTable, request: PlanRequest, caller: Caller, now: datetime, start: Callable[[str], None]
) -> PlanView:
    """A new RUNNING plan, its computation started. Raises NotFound for an unknown course id, and
    Unavailable when the computation cannot be started (the plan is then stored FAILED, with the reason)."""
    if request.course_ids:
        known = store.courses.get_courses(set(request.course_ids))
        for course_id in request.course_ids:
            if course_id not in known:
                raise NotFound("Course", course_id)
    plan_id = new_id()
    stored = store.plans.create_plan(plan_id, request.model_dump_json(by_alias=True), caller.user_id, now)
    try:
        start(plan_id)
    except Exception as failure:  # not left RUNNING for ever: the plan reads FAILED, the caller is told why
        reason = f"The planner could not be started: {failure}"
        store.plans.finish_plan(plan_id, PlanStatus.FAILED, now, None, reason)
        raise Unavailable(f"{reason}. Plan {plan_id} is FAILED; ask again later.") from failure
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
            "accepted_at": stored.accepted_at,
            "accepted_session_ids": stored.accepted_session_ids,
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
        problem, names = plan_problem(store, request, today, site_timezone, now())
        result = result_of(problem, solve(problem), names)
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
) -> tuple[PlanProblem, dict[str, str]]:
    """The site as the plan sees it: needs from the compliance items of the chosen courses (default:
    every course), the qualified trainers with their SCHEDULED sessions and booked minutes per ISO
    week, the venues with theirs; and a display name by id for each of them and each worker. Reads
    every list whole: this runs in the planner's own function."""
    rules = request.rules(site_timezone)
    first, last = horizon(rules)
    courses = {course.id: course for course in store.courses.all_courses()}
    chosen = request.course_ids or sorted(courses)
    items = {course_id: store.suggestions.course_compliance(course_id) for course_id in chosen if course_id in courses}
    directory = store.suggestions.active_personnel()
    active = {person.personnel_id for person in directory}
    names = {person.personnel_id: f"{person.first_name} {person.last_name}" for person in directory}
    names.update({course.id: course.name for course in courses.values()})
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
        names[trainer.id] = f"{trainer.first_name} {trainer.last_name}"
    venues = []
    for venue in _all(lambda token: store.venues.list_venues(PAGE, token)):
        bookings = store.venues.venue_bookings(venue.id, first, last)
        venues.append(PlanVenue(venue.id, venue.capacity, tuple((b.start_time, b.end_time) for b in bookings)))
        names[venue.id] = venue.name
    return PlanProblem(rules, plan_courses, needs, trainers, venues), names


def _all(page: Callable[[str | None], tuple[list, str | None]]) -> list:
    """Every item of a paged store list."""
    items, token = [], None
    while True:
        found, token = page(token)
        items += found
        if not token:
            return items


def accept_plan(
    store: TrainingTable,
    plan_id: str,
    acceptance: PlanAcceptance | None,
    caller: Caller,
    now: datetime,
    site_timezone: str,
) -> AcceptedPlan:
    """Create the plan's sessions (all, or the positions named) as DRAFTs with their trainer, venue, times
    and class lists, all or nothing, tagged with the plan's id. Each is then scheduled as any draft,
    through every check.

    Raises NotFound (no such plan, or expired), Conflict when the plan is not DONE, was accepted
    already, or relied on something that has changed since (`changes_since`, each change named),
    InvalidInput for a position outside the plan.
    """
    stored = store.plans.get_plan(plan_id, now)
    if stored is None:
        raise NotFound("Plan", plan_id)
    if stored.status is not PlanStatus.DONE:
        raise Conflict(f"Plan {plan_id} is {stored.status.value}: only a DONE plan can be accepted")
    if stored.accepted_at is not None:
        raise Conflict(f"Plan {plan_id} was already accepted at {format_instant(stored.accepted_at)}")
    proposed = [ProposedSessionView.model_validate(s) for s in (stored.result or {}).get("sessions", [])]
    positions = acceptance.sessions if acceptance and acceptance.sessions is not None else list(range(len(proposed)))
    outside = [n for n in positions if n >= len(proposed)]
    if outside:
        message = f"plan {plan_id} has {len(proposed)} sessions (positions 0 to {len(proposed) - 1})"
        raise InvalidInput([FieldProblem("body", f"sessions.{positions.index(n)}", message) for n in outside])
    if not positions:
        raise Conflict(f"Plan {plan_id} proposes no session to accept")
    chosen = [(n, proposed[n]) for n in positions]
    # The drafts appear in one last transaction of 100 items (DynamoDB's limit) with the plan's write and a
    # check of each course, trainer and venue they name.
    named = {s.course_id for _, s in chosen} | {s.trainer_id for _, s in chosen} | {s.venue_id for _, s in chosen}
    most = min(MAX_ACCEPTED, 100 - 1 - len(named))
    if len(chosen) > most:
        message = f"at most {most} of these sessions can be accepted at once (a plan is accepted once): choose fewer"
        raise InvalidInput([FieldProblem("body", "sessions", message)])
    request = PlanRequest.model_validate_json(stored.request)
    changed = changes_since(store, chosen, request, stored.created_at, now, site_timezone)
    if changed:
        shown = "; ".join(changed[:5]) + (f"; and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise Conflict(
            f"Plan {plan_id} is out of date: {shown}. Ask for a new plan.", details=[{"change": c} for c in changed]
        )
    people = store.personnel.get_personnel_many(sorted({p for _, s in chosen for p in s.personnel_ids}))
    began = store.plans.begin_acceptance(plan_id, now)
    drafts = [
        Session(
            id=draft_id(plan_id, n),
            course_id=s.course_id,
            trainer_id=s.trainer_id,
            venue_id=s.venue_id,
            start_time=s.start_time,
            end_time=s.end_time,
            status=SessionStatus.DRAFT,
            created_by_id=caller.user_id,
            created_at=began,
            updated_at=began,
            plan_id=plan_id,
        )
        for n, s in chosen
    ]
    class_lists = {d.id: [people[p] for p in s.personnel_ids] for d, (_, s) in zip(drafts, chosen, strict=True)}
    entries = [
        created(draft, caller, plan_id=plan_id, personnel_ids=list(s.personnel_ids)).model_copy(
            update={"id": f"{draft.id}h"}  # the same entry on a retry
        )
        for draft, (_, s) in zip(drafts, chosen, strict=True)
    ]
    store.plans.accept_plan(plan_id, drafts, class_lists, entries, now)
    return AcceptedPlan(plan_id=plan_id, items=[SessionChange(**d.model_dump()) for d in drafts])


def draft_id(plan_id: str, position: int) -> str:
    """The id of the draft made from the plan's session at `position`: the same on every retry."""
    return f"{plan_id}s{position:03d}"


def changes_since(
    store: TrainingTable,
    chosen: list[tuple[int, ProposedSessionView]],
    request: PlanRequest,
    since: datetime,
    now: datetime,
    site_timezone: str,
) -> list[str]:
    """What the chosen sessions relied on and is no longer so since the plan was requested (`since`), in
    words (empty: nothing changed):
    a course, trainer, venue or worker gone (or a worker made inactive); a trainer no longer qualified,
    booked meanwhile at an overlapping time, or over the weekly cap with what was booked since; a venue
    booked meanwhile, or smaller than the class; a worker added since to another open session of the
    course."""
    changed: list[str] = []
    courses = store.courses.get_courses({s.course_id for _, s in chosen})
    trainers = store.trainers.get_trainers(sorted({s.trainer_id for _, s in chosen}))
    venues = {v: store.venues.get_venue(v) for v in sorted({s.venue_id for _, s in chosen})}
    people = store.personnel.get_personnel_many(sorted({p for _, s in chosen for p in s.personnel_ids}))
    cap = request.constraints.max_trainer_hours_per_week * 60
    proposed_load: dict[tuple[str, str], int] = defaultdict(int)
    for n, s in chosen:
        name = f"session {n} ({format_instant(s.start_time)})"
        trainer, venue = trainers.get(s.trainer_id), venues.get(s.venue_id)
        if s.course_id not in courses:
            changed.append(f"{name}: course {s.course_id} no longer exists")
        if trainer is None:
            changed.append(f"{name}: trainer {s.trainer_id} no longer exists")
        elif s.course_id not in trainer.qualified_course_ids:
            changed.append(f"{name}: trainer {s.trainer_id} is no longer qualified for course {s.course_id}")
        else:
            clash = _overlapping(store.trainers.trainer_bookings(s.trainer_id, s.start_time, s.end_time), s)
            if clash:
                changed.append(f"{name}: trainer {s.trainer_id} was booked meanwhile (session {clash})")
            proposed_load[(s.trainer_id, iso_week(s.start_time, site_timezone))] += _minutes(s.start_time, s.end_time)
        if venue is None:
            changed.append(f"{name}: venue {s.venue_id} no longer exists")
        else:
            if venue.capacity < len(s.personnel_ids):
                changed.append(
                    f"{name}: venue {s.venue_id} now seats {venue.capacity}, the class is {len(s.personnel_ids)}"
                )
            clash = _overlapping(store.venues.venue_bookings(s.venue_id, s.start_time, s.end_time), s)
            if clash:
                changed.append(f"{name}: venue {s.venue_id} was booked meanwhile (session {clash})")
        for personnel_id in s.personnel_ids:
            person = people.get(personnel_id)
            if person is None or not person.active:
                changed.append(f"{name}: worker {personnel_id} no longer exists or is inactive")
    for (trainer_id, week), minutes in proposed_load.items():
        start, end = week_bounds(week, site_timezone)
        booked = sum(
            _minutes(b.start_time, b.end_time) for b in store.trainers.trainer_bookings(trainer_id, start, end)
        )
        if booked + minutes > cap:
            changed.append(
                f"trainer {trainer_id} would teach {(booked + minutes) / 60:g} hours in {week}, cap {cap // 60}"
            )
    for course_id in sorted({s.course_id for _, s in chosen}):
        planned = {p for _, s in chosen if s.course_id == course_id for p in s.personnel_ids}
        for elsewhere, personnel_id in _listed_on_open_sessions(store, course_id, planned, since, now):
            changed.append(f"worker {personnel_id} was added to session {elsewhere} of course {course_id} meanwhile")
    return changed


def _minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def _overlapping(bookings: list, session: ProposedSessionView) -> str | None:
    return next(
        (b.session_id for b in bookings if overlaps(session.start_time, session.end_time, b.start_time, b.end_time)),
        None,
    )


def _listed_on_open_sessions(
    store: TrainingTable, course_id: str, planned: set[str], since: datetime, now: datetime
) -> list[tuple[str, str]]:
    """(session id, personnel id) of planned workers added since `since` to a DRAFT or upcoming SCHEDULED
    session of the course."""
    found = []
    for filters in (
        SessionFilters(status=SessionStatus.DRAFT, course_id=course_id),
        SessionFilters(status=SessionStatus.SCHEDULED, course_id=course_id, start_from=now - timedelta(days=1)),
    ):
        for session in _all(lambda token, f=filters: store.sessions.list_sessions(f, PAGE, token)):
            read = store.sessions.read_session(session.id)
            found += [
                (session.id, a.personnel_id) for a in (read.attendees if read else ()) if a.personnel_id in planned
            ]
    return found
