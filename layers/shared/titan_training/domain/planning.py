"""Training plans: which sessions to run so every red, yellow and expiring worker is trained in time.

A plan is a pure computation from plain inputs (a `PlanProblem`: the workers' needs, the qualified
trainers with their bookings and load, the venues with their bookings, the teaching rules) to a
proposal (a `Plan`: sessions with their class lists, and the workers that could not be covered and
why). Three functions work on it, none of them touching AWS:

- `solve` builds and solves a CP-SAT model (OR-Tools), lexicographically: most workers covered (red
  before yellow before expiring), then fewest sessions, then fewest trainer minutes, then earliest;
- `greedy_plan` is the simple baseline (earliest due first, the first free trainer and room), also
  the solver's starting hint, so the solver's answer is never worse than it;
- `violations` checks every hard rule on any plan without the solver (tests run it on every answer).

Time: instants are aware UTC datetimes; teaching hours, days and ISO weeks are on the site's wall
clock (`PlanRules.site_timezone`), so a 09:00 start stays 09:00 across a daylight-saving change.
Inside the model, time is whole minutes from the horizon's first instant.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from itertools import pairwise
from zoneinfo import ZoneInfo

from titan_training.domain.clock import iso_week

MAX_WEEKS = 12
WEEKDAYS = frozenset(range(5))  # Monday (0) to Friday (4)


class Priority(IntEnum):
    """Who comes first when not everyone fits (the compliance dashboard's groups)."""

    RED = 1  # NON_COMPLIANT: due as soon as possible
    YELLOW = 2  # PENDING: due as soon as possible
    EXPIRING = 3  # COMPLIANT, expiring inside the horizon: due before the expiry date


class UncoveredReason(StrEnum):
    NO_QUALIFIED_TRAINER = "NO_QUALIFIED_TRAINER"  # no trainer is qualified for the course
    NO_VENUE = "NO_VENUE"  # no venue holds the smallest class worth running
    BELOW_MIN_CLASS_SIZE = "BELOW_MIN_CLASS_SIZE"  # too few workers due for a class worth running
    NO_TRAINER_HOURS_BEFORE_DUE = "NO_TRAINER_HOURS_BEFORE_DUE"  # no free trainer, room or week before the due date
    LONGER_THAN_TEACHING_DAY = "LONGER_THAN_TEACHING_DAY"  # a session of the course does not fit one teaching day


@dataclass(frozen=True)
class Need:
    """One worker's need for one course: a session of it must end by `due` (a UTC instant)."""

    personnel_id: str
    course_id: str
    priority: Priority
    due: datetime


@dataclass(frozen=True)
class PlanCourse:
    course_id: str
    duration_minutes: int


@dataclass(frozen=True)
class PlanTrainer:
    """A trainer: the courses they are qualified for, their booked sessions (UTC instants, a hard
    block) and the minutes already booked per ISO week (`YYYY-Www` on the site's calendar)."""

    trainer_id: str
    course_ids: frozenset[str]
    busy: tuple[tuple[datetime, datetime], ...] = ()
    booked_minutes: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanVenue:
    """A venue: how many it seats, and its booked sessions (UTC instants: a proposal never overlaps them)."""

    venue_id: str
    capacity: int
    busy: tuple[tuple[datetime, datetime], ...] = ()


@dataclass(frozen=True)
class PlanRules:
    """The horizon and the teaching rules; every default is what a week of site training looks like."""

    start_date: date  # the horizon's first day on the site's calendar
    weeks: int  # 1 to MAX_WEEKS
    site_timezone: str = "UTC"
    day_start: time = time(8, 0)  # teaching hours, site wall clock
    day_end: time = time(17, 0)
    weekdays: frozenset[int] = WEEKDAYS  # teaching days, Monday = 0
    weekly_cap_minutes: int = 20 * 60  # a trainer's booked minutes per ISO week, existing ones counted
    min_class_size: int = 3  # the smallest class worth running
    slot_minutes: int = 60  # start times fall on this grid from day_start
    time_limit_seconds: float = 20.0

    def __post_init__(self) -> None:
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}")
        if self.day_end <= self.day_start:
            raise ValueError("the teaching day must end after it starts")
        if self.min_class_size < 1 or self.weekly_cap_minutes < 0 or self.slot_minutes < 5:
            raise ValueError("min_class_size must be 1 or more, weekly_cap_minutes 0 or more, slot_minutes 5 or more")


@dataclass(frozen=True)
class PlanProblem:
    rules: PlanRules
    courses: Mapping[str, PlanCourse]
    needs: Sequence[Need]
    trainers: Sequence[PlanTrainer]
    venues: Sequence[PlanVenue]


@dataclass(frozen=True)
class ProposedSession:
    course_id: str
    trainer_id: str
    venue_id: str
    start: datetime
    end: datetime
    personnel_ids: tuple[str, ...]


@dataclass(frozen=True)
class Uncovered:
    personnel_id: str
    course_id: str
    reason: UncoveredReason


@dataclass(frozen=True)
class Plan:
    """A proposal. `optimal`: proven optimal at every stage (else the best found in time)."""

    sessions: tuple[ProposedSession, ...]
    uncovered: tuple[Uncovered, ...]
    optimal: bool = False
    solver: str = "greedy"

    @property
    def covered(self) -> int:
        return sum(len(s.personnel_ids) for s in self.sessions)

    @property
    def trainer_minutes(self) -> int:
        return sum(int((s.end - s.start).total_seconds()) // 60 for s in self.sessions)

    def covered_by_priority(self, problem: PlanProblem) -> dict[Priority, int]:
        priority = {(n.personnel_id, n.course_id): n.priority for n in problem.needs}
        counts = dict.fromkeys(Priority, 0)
        for session in self.sessions:
            for personnel_id in session.personnel_ids:
                counts[priority[(personnel_id, session.course_id)]] += 1
        return counts


# --- the calendar: horizon, teaching slots, weeks -------------------------------------------------------


def horizon(rules: PlanRules) -> tuple[datetime, datetime]:
    """The UTC instants of the horizon's first and last moment (site midnights, `weeks` x 7 days)."""
    zone = ZoneInfo(rules.site_timezone)
    first = datetime.combine(rules.start_date, time(0), tzinfo=zone)
    last = datetime.combine(rules.start_date + timedelta(days=7 * rules.weeks), time(0), tzinfo=zone)
    return first.astimezone(UTC), last.astimezone(UTC)


def due_before_expiry(expiry: date, rules: PlanRules) -> datetime:
    """The instant a session must end by for a worker whose item expires on `expiry` (site calendar):
    the start of that day at the site, never later than the horizon's end."""
    start = datetime.combine(expiry, time(0), tzinfo=ZoneInfo(rules.site_timezone)).astimezone(UTC)
    return min(start, horizon(rules)[1])


def teaching_starts(rules: PlanRules, duration_minutes: int) -> list[datetime]:
    """Every UTC start a session of `duration_minutes` may take: teaching days of the horizon, on the
    `slot_minutes` grid from `day_start`, ending by `day_end` (site wall clock), in time order."""
    zone = ZoneInfo(rules.site_timezone)
    day_length = _minutes(rules.day_end) - _minutes(rules.day_start)
    offsets = range(0, day_length - duration_minutes + 1, rules.slot_minutes)
    starts = []
    for n in range(7 * rules.weeks):
        day = rules.start_date + timedelta(days=n)
        if day.weekday() not in rules.weekdays:
            continue
        opening = datetime.combine(day, rules.day_start, tzinfo=zone)
        for offset in offsets:
            local = opening + timedelta(minutes=offset)  # wall-clock arithmetic: 09:00 stays 09:00 across DST
            starts.append(local.astimezone(UTC))
    return starts


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- reasons a worker cannot be covered at all -----------------------------------------------------------


def _blocked(problem: PlanProblem) -> dict[str, UncoveredReason]:
    """Courses no plan can run, whatever the schedule, with the reason (the same for all their workers)."""
    rules = problem.rules
    biggest_room = max((v.capacity for v in problem.venues), default=0)
    demand = defaultdict(int)
    for need in problem.needs:
        demand[need.course_id] += 1
    blocked = {}
    for course_id in demand:
        course = problem.courses.get(course_id)
        if not any(course_id in t.course_ids for t in problem.trainers):
            blocked[course_id] = UncoveredReason.NO_QUALIFIED_TRAINER
        elif biggest_room < rules.min_class_size:
            blocked[course_id] = UncoveredReason.NO_VENUE
        elif demand[course_id] < rules.min_class_size:
            blocked[course_id] = UncoveredReason.BELOW_MIN_CLASS_SIZE
        elif course is None or not teaching_starts(rules, course.duration_minutes):
            blocked[course_id] = UncoveredReason.LONGER_THAN_TEACHING_DAY  # a plan's session is one day
    return blocked


def _order(needs: Iterable[Need]) -> list[Need]:
    """Earliest due first, red before yellow before expiring, then by id: the order workers are placed in."""
    return sorted(needs, key=lambda n: (n.due, n.priority, n.personnel_id))


def _finish(problem: PlanProblem, sessions: list[ProposedSession], optimal: bool, solver: str) -> Plan:
    """The plan: sessions in time order, and every need not in one of them with its reason."""
    blocked = _blocked(problem)
    placed = {(p, s.course_id) for s in sessions for p in s.personnel_ids}
    uncovered = [
        Uncovered(n.personnel_id, n.course_id, blocked.get(n.course_id, UncoveredReason.NO_TRAINER_HOURS_BEFORE_DUE))
        for n in _order(problem.needs)
        if (n.personnel_id, n.course_id) not in placed
    ]
    ordered = sorted(sessions, key=lambda s: (s.start, s.course_id, s.trainer_id, s.venue_id))
    return Plan(tuple(ordered), tuple(uncovered), optimal, solver)


# --- the greedy baseline ---------------------------------------------------------------------------------


@dataclass
class _Booking:
    course_id: str
    trainer_id: str
    venue_id: str
    start: datetime
    end: datetime
    capacity: int
    members: list[str]


def greedy_plan(problem: PlanProblem) -> Plan:
    """The baseline: workers earliest due first; each joins the first session of their course with room
    that ends in time, else opens one at the first start where a qualified trainer is free (bookings and
    weekly cap) and a room too (the largest free one). Sessions left below the smallest class are dropped.
    """
    rules = problem.rules
    blocked = _blocked(problem)
    trainer_busy = {t.trainer_id: list(t.busy) for t in problem.trainers}
    venue_busy = {v.venue_id: list(v.busy) for v in problem.venues}
    load = {t.trainer_id: defaultdict(int, t.booked_minutes) for t in problem.trainers}
    rooms = sorted(problem.venues, key=lambda v: (-v.capacity, v.venue_id))
    starts = {c.course_id: teaching_starts(rules, c.duration_minutes) for c in problem.courses.values()}
    bookings: list[_Booking] = []
    for need in _order(problem.needs):
        if need.course_id in blocked:
            continue
        joined = next(
            (
                b
                for b in bookings
                if b.course_id == need.course_id and len(b.members) < b.capacity and b.end <= need.due
            ),
            None,
        )
        if joined is None:
            joined = _open(problem, need, starts[need.course_id], trainer_busy, venue_busy, load, rooms)
            if joined is not None:
                bookings.append(joined)
        if joined is not None:
            joined.members.append(need.personnel_id)
    kept = [b for b in bookings if len(b.members) >= rules.min_class_size]
    sessions = [ProposedSession(b.course_id, b.trainer_id, b.venue_id, b.start, b.end, tuple(b.members)) for b in kept]
    return _finish(problem, sessions, optimal=False, solver="greedy")


def _open(
    problem: PlanProblem,
    need: Need,
    starts: list[datetime],
    trainer_busy: dict[str, list[tuple[datetime, datetime]]],
    venue_busy: dict[str, list[tuple[datetime, datetime]]],
    load: dict[str, defaultdict[str, int]],
    rooms: list[PlanVenue],
) -> _Booking | None:
    rules = problem.rules
    duration = problem.courses[need.course_id].duration_minutes
    qualified = sorted((t for t in problem.trainers if need.course_id in t.course_ids), key=lambda t: t.trainer_id)
    for start in starts:
        end = start + timedelta(minutes=duration)
        if end > need.due:
            return None
        slot = (start, end)
        week = iso_week(start, rules.site_timezone)
        trainer = next(
            (
                t
                for t in qualified
                if load[t.trainer_id][week] + duration <= rules.weekly_cap_minutes
                and not any(_overlaps(slot, b) for b in trainer_busy[t.trainer_id])
            ),
            None,
        )
        room = next((v for v in rooms if not any(_overlaps(slot, b) for b in venue_busy[v.venue_id])), None)
        if trainer is None or room is None or room.capacity < rules.min_class_size:
            continue
        trainer_busy[trainer.trainer_id].append(slot)
        venue_busy[room.venue_id].append(slot)
        load[trainer.trainer_id][week] += duration
        return _Booking(need.course_id, trainer.trainer_id, room.venue_id, start, end, room.capacity, [])
    return None


# --- the hard rules, checked without the solver ----------------------------------------------------------


def violations(problem: PlanProblem, plan: Plan) -> list[str]:
    """Every hard rule the plan breaks, in words (empty: the plan is valid).

    Checked: each session's course, qualified trainer, venue and length; teaching days and hours on
    the site's wall clock inside the horizon; class size from the smallest class to the room's
    capacity; each worker due for the course and the session ending by their due instant; no worker
    twice for a course; no trainer or venue overlap with a booking or another proposed session; no
    trainer over the weekly cap (booked minutes counted); every need covered or listed uncovered once.
    """
    rules = problem.rules
    zone = ZoneInfo(rules.site_timezone)
    first, last = horizon(rules)
    trainers = {t.trainer_id: t for t in problem.trainers}
    venues = {v.venue_id: v for v in problem.venues}
    needs = {(n.personnel_id, n.course_id): n for n in problem.needs}
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    load: dict[tuple[str, str], int] = defaultdict(int)
    for n, s in enumerate(plan.sessions):
        name = f"session {n} ({s.course_id} at {s.start.isoformat()})"
        course, trainer, venue = problem.courses.get(s.course_id), trainers.get(s.trainer_id), venues.get(s.venue_id)
        if course is None or trainer is None or venue is None:
            found.append(f"{name}: unknown course, trainer or venue")
            continue
        minutes = int((s.end - s.start).total_seconds()) // 60
        if minutes != course.duration_minutes:
            found.append(f"{name}: lasts {minutes} minutes, the course {course.duration_minutes}")
        if s.course_id not in trainer.course_ids:
            found.append(f"{name}: trainer {s.trainer_id} is not qualified")
        local_start, local_end = s.start.astimezone(zone), s.end.astimezone(zone)
        if not (
            first <= s.start
            and s.end <= last
            and local_start.date() == local_end.date()
            and local_start.weekday() in rules.weekdays
            and rules.day_start <= local_start.time()
            and local_end.time() <= rules.day_end
            and local_end.time() != time(0)
        ):
            found.append(f"{name}: outside the teaching days and hours of the horizon")
        size = len(s.personnel_ids)
        if size < rules.min_class_size or size > venue.capacity:
            found.append(f"{name}: {size} workers, allowed {rules.min_class_size} to {venue.capacity}")
        for personnel_id in s.personnel_ids:
            need = needs.get((personnel_id, s.course_id))
            if need is None:
                found.append(f"{name}: {personnel_id} is not due for the course")
            elif s.end > need.due:
                found.append(f"{name}: ends after {personnel_id}'s due instant {need.due.isoformat()}")
            if (personnel_id, s.course_id) in seen:
                found.append(f"{name}: {personnel_id} is placed twice for the course")
            seen.add((personnel_id, s.course_id))
        slot = (s.start, s.end)
        if any(_overlaps(slot, b) for b in trainer.busy):
            found.append(f"{name}: overlaps a booked session of trainer {s.trainer_id}")
        if any(_overlaps(slot, b) for b in venue.busy):
            found.append(f"{name}: overlaps a booked session of venue {s.venue_id}")
        for m, other in enumerate(plan.sessions[:n]):
            if _overlaps(slot, (other.start, other.end)):
                if other.trainer_id == s.trainer_id:
                    found.append(f"{name}: trainer {s.trainer_id} also teaches proposed session {m}")
                if other.venue_id == s.venue_id:
                    found.append(f"{name}: venue {s.venue_id} also holds proposed session {m}")
        load[(s.trainer_id, iso_week(s.start, rules.site_timezone))] += minutes
    for (trainer_id, week), minutes in load.items():
        booked = trainers[trainer_id].booked_minutes.get(week, 0)
        if booked + minutes > rules.weekly_cap_minutes:
            found.append(f"trainer {trainer_id}: {booked + minutes} minutes in {week}, cap {rules.weekly_cap_minutes}")
    listed = [(u.personnel_id, u.course_id) for u in plan.uncovered]
    if len(set(listed)) != len(listed) or set(listed) & seen:
        found.append("a worker is listed uncovered twice, or both placed and uncovered")
    if set(listed) | seen != set(needs):
        found.append("the plan's workers are not exactly the needs")
    return found


# --- the CP-SAT model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    """Workers of one course who are interchangeable for the model: same due instant and priority."""

    course_id: str
    due: datetime
    priority: Priority
    personnel_ids: tuple[str, ...]


def _groups(needs: Iterable[Need]) -> list[_Group]:
    by_key: dict[tuple[str, datetime, Priority], list[str]] = defaultdict(list)
    for need in _order(needs):
        by_key[(need.course_id, need.due, need.priority)].append(need.personnel_id)
    return [_Group(c, due, p, tuple(ids)) for (c, due, p), ids in by_key.items()]


@dataclass
class _Template:
    """One session the model may run (a course's k-th), with its decision variables. Minutes count
    from the horizon's first instant."""

    course_id: str
    k: int
    duration: int  # minutes
    first: datetime  # the horizon's first instant (UTC)
    offsets: list[int]  # the starts it may take, in minutes, in time order
    week_of: dict[int, str]  # each of those starts' ISO week on the site's calendar
    present: object  # BoolVar: the session runs
    start: object  # IntVar over `offsets`
    weeks: dict  # ISO week -> BoolVar: the session starts in that week (one of them when present)
    teach: dict  # trainer id -> BoolVar (qualified trainers only)
    hold: dict  # venue id -> BoolVar (rooms that seat the smallest class)
    load: dict = field(default_factory=dict)  # (trainer id, week) -> BoolVar: that trainer, that week
    in_time: dict = field(default_factory=dict)  # group index -> BoolVar: ends by the group's due instant
    seats: dict = field(default_factory=dict)  # group index -> IntVar: the group's workers in it

    def variables(self) -> list:
        return [
            self.present,
            self.start,
            *self.weeks.values(),
            *self.teach.values(),
            *self.hold.values(),
            *self.load.values(),
            *self.in_time.values(),
            *self.seats.values(),
        ]


def solve(problem: PlanProblem, baseline: Plan | None = None) -> Plan:
    """The proposal from CP-SAT within `rules.time_limit_seconds`, in three stages, each keeping the
    previous stage's result: (1) cover the most workers, red before yellow before expiring (weights make
    one red outweigh every yellow, one yellow every expiring); (2) fewest sessions, then fewest trainer
    minutes; (3) earliest starts. The greedy baseline is the first hint and a floor on both counts: the
    proposal covers at least as many workers with at most as many sessions (the baseline itself is one
    such plan); if the solver has found nothing when time runs out, the baseline is the answer. Workers
    of a course with the same due instant and priority form one group in the model (a count, not a
    variable each), so the model's size follows courses and due dates, not headcount. `Plan.optimal`
    is True when every stage was proven optimal.
    """
    from ortools.sat.python import cp_model  # here: only the planner loads OR-Tools

    rules = problem.rules
    baseline = baseline or greedy_plan(problem)
    blocked = _blocked(problem)
    groups = [g for g in _groups(problem.needs) if g.course_id not in blocked]
    first, last = horizon(rules)
    model = cp_model.CpModel()
    templates = _templates(model, cp_model.Domain, problem, groups, baseline, first)
    if not templates:
        return _finish(problem, [], optimal=True, solver="CP-SAT")
    _order_templates(model, templates)
    _no_overlap(model, problem, templates, first, last)
    _weekly_cap(model, problem, templates)
    coverage, covered = _classes(model, problem, groups, templates)
    # Never worse than the baseline on either count: at least as many workers, at most as many sessions.
    model.add(covered >= baseline.covered)
    model.add(sum(t.present for t in templates) <= len(baseline.sessions))
    _hint_baseline(model, baseline, groups, templates)

    sessions = sum(t.present for t in templates)
    most_minutes = sum(t.duration for t in templates) + 1
    stages = [
        (coverage, True, 0.5),
        (sessions * most_minutes + sum(t.duration * t.present for t in templates), False, 0.35),
        (sum(t.start for t in templates), False, 0.15),
    ]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 8  # CP-SAT's portfolio (its documented default): fine on 2 vCPUs
    solver.parameters.cp_model_probing_level = 0  # probing alone outlasts a stage's time on a site of 2,000
    plan, proven = baseline, True
    for objective, maximize, share in stages:
        (model.maximize if maximize else model.minimize)(objective)
        solver.parameters.max_time_in_seconds = max(0.5, rules.time_limit_seconds * share)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False  # out of time before any solution of this stage: keep the last stage's
            break
        proven = proven and status == cp_model.OPTIMAL
        plan = _read(problem, solver, groups, templates, proven)
        value = round(solver.objective_value)
        model.add(objective >= value if maximize else objective <= value)
        model.clear_hints()
        for t in templates:
            for var in t.variables():
                model.add_hint(var, solver.value(var))
    if plan is not baseline and proven != plan.optimal:
        plan = Plan(plan.sessions, plan.uncovered, proven, plan.solver)
    return plan if _rank(plan, problem) >= _rank(baseline, problem) else baseline


def _rank(plan: Plan, problem: PlanProblem) -> tuple[int, int, int, int, int]:
    """Better plans rank higher: red, yellow, expiring covered, then fewer sessions, fewer minutes."""
    covered = plan.covered_by_priority(problem)
    return (
        covered[Priority.RED],
        covered[Priority.YELLOW],
        covered[Priority.EXPIRING],
        -len(plan.sessions),
        -plan.trainer_minutes,
    )


def _minute(moment: datetime, first: datetime) -> int:
    return int((moment - first).total_seconds()) // 60


def _templates(
    model, domain, problem: PlanProblem, groups: list[_Group], baseline: Plan, first: datetime
) -> list[_Template]:
    """The sessions the model may run, per course: never fewer than the baseline ran, room for the
    smaller classes due dates may force, never more than classes of the smallest size could fill."""
    rules = problem.rules
    biggest = max(v.capacity for v in problem.venues)
    rooms = [v for v in problem.venues if v.capacity >= rules.min_class_size]
    templates = []
    for course_id in sorted({g.course_id for g in groups}):
        mine = [g for g in groups if g.course_id == course_id]
        demand = sum(len(g.personnel_ids) for g in mine)
        duration = problem.courses[course_id].duration_minutes
        latest_due = max(g.due for g in mine)
        starts = [s for s in teaching_starts(rules, duration) if s + timedelta(minutes=duration) <= latest_due]
        if not starts:
            continue
        ran = sum(1 for s in baseline.sessions if s.course_id == course_id)
        count = min(math.ceil(demand / rules.min_class_size), max(2 * ran, ran + 3, math.ceil(demand / biggest) + 2))
        offsets = [_minute(s, first) for s in starts]
        week_of = {offset: iso_week(s, rules.site_timezone) for s, offset in zip(starts, offsets, strict=True)}
        by_week: dict[str, list[int]] = defaultdict(list)
        for offset, week in week_of.items():
            by_week[week].append(offset)
        qualified = [t.trainer_id for t in problem.trainers if course_id in t.course_ids]
        for k in range(count):
            name = f"{course_id}_{k}"
            present = model.new_bool_var(f"present_{name}")
            start = model.new_int_var_from_domain(domain.from_values(offsets), f"start_{name}")
            weeks = {}
            for week, in_week in by_week.items():
                weeks[week] = model.new_bool_var(f"week_{name}_{week}")
                model.add_linear_constraint(start, in_week[0], in_week[-1]).only_enforce_if(weeks[week])
            model.add(sum(weeks.values()) == present)
            teach = {t: model.new_bool_var(f"trainer_{name}_{t}") for t in qualified}
            model.add(sum(teach.values()) == present)
            hold = {v.venue_id: model.new_bool_var(f"venue_{name}_{v.venue_id}") for v in rooms}
            model.add(sum(hold.values()) == present)
            templates.append(
                _Template(course_id, k, duration, first, offsets, week_of, present, start, weeks, teach, hold)
            )
    return templates


def _order_templates(model, templates: list[_Template]) -> None:
    """Symmetry breaking: a course's sessions are used in order and start in order."""
    for before, after in pairwise(templates):
        if before.course_id == after.course_id:
            model.add_implication(after.present, before.present)
            model.add(before.start <= after.start).only_enforce_if(after.present)


def _no_overlap(model, problem: PlanProblem, templates: list[_Template], first: datetime, last: datetime) -> None:
    """A trainer or a venue holds one session at a time: their bookings and the proposed sessions."""
    end = _minute(last, first)

    def booked(busy: Iterable[tuple[datetime, datetime]], name: str) -> list:
        # Bookings may overlap each other (a venue double-booked is only a warning): merge them first.
        spans = sorted((max(_minute(a, first), -1), min(_minute(b, first), end + 1)) for a, b in busy)
        merged: list[list[int]] = []
        for lo, hi in spans:
            if hi <= lo:
                continue
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [
            model.new_fixed_size_interval_var(lo, hi - lo, f"{name}_booked_{n}") for n, (lo, hi) in enumerate(merged)
        ]

    for trainer in problem.trainers:
        teaching = [
            model.new_optional_fixed_size_interval_var(
                t.start, t.duration, t.teach[trainer.trainer_id], f"teach_{t.course_id}_{t.k}_{trainer.trainer_id}"
            )
            for t in templates
            if trainer.trainer_id in t.teach
        ]
        if teaching:
            model.add_no_overlap(teaching + booked(trainer.busy, f"trainer_{trainer.trainer_id}"))
    for venue in problem.venues:
        holding = [
            model.new_optional_fixed_size_interval_var(
                t.start, t.duration, t.hold[venue.venue_id], f"hold_{t.course_id}_{t.k}_{venue.venue_id}"
            )
            for t in templates
            if venue.venue_id in t.hold
        ]
        if holding:
            model.add_no_overlap(holding + booked(venue.busy, f"venue_{venue.venue_id}"))


def _weekly_cap(model, problem: PlanProblem, templates: list[_Template]) -> None:
    """A trainer's minutes in an ISO week (site calendar), the booked ones counted, stay under the cap."""
    rules = problem.rules
    booked = {t.trainer_id: t.booked_minutes for t in problem.trainers}
    weekly: dict[tuple[str, str], list] = defaultdict(list)
    for t in templates:
        for week, in_week in t.weeks.items():
            for trainer_id, teaches in t.teach.items():
                both = model.new_bool_var(f"load_{t.course_id}_{t.k}_{trainer_id}_{week}")
                model.add(both >= teaches + in_week - 1)
                t.load[(trainer_id, week)] = both
                weekly[(trainer_id, week)].append(t.duration * both)
    for (trainer_id, week), minutes in weekly.items():
        model.add(sum(minutes) <= max(0, rules.weekly_cap_minutes - booked[trainer_id].get(week, 0)))


def _classes(model, problem: PlanProblem, groups: list[_Group], templates: list[_Template]):
    """Each group's workers sit in sessions of their course ending by their due instant, each at most
    once; a session seats from the smallest class to its room's capacity. Returns the coverage to
    maximise (red outweighs every yellow, yellow every expiring) and the number of workers placed."""
    rules = problem.rules
    capacity = {v.venue_id: v.capacity for v in problem.venues}
    counts = {p: sum(len(g.personnel_ids) for g in groups if g.priority == p) for p in Priority}
    weight = {Priority.EXPIRING: 1, Priority.YELLOW: counts[Priority.EXPIRING] + 1}
    weight[Priority.RED] = weight[Priority.YELLOW] * (counts[Priority.YELLOW] + 1)
    coverage, covered = [], []
    for index, group in enumerate(groups):
        placed = []
        for t in templates:
            if t.course_id != group.course_id:
                continue
            latest_start = _minute(group.due, t.first) - t.duration
            if latest_start < t.offsets[0]:
                continue
            seats = model.new_int_var(0, len(group.personnel_ids), f"seats_{index}_{t.course_id}_{t.k}")
            if latest_start < t.offsets[-1]:
                in_time = model.new_bool_var(f"in_time_{index}_{t.course_id}_{t.k}")
                model.add(t.start <= latest_start).only_enforce_if(in_time)
                model.add(seats <= len(group.personnel_ids) * in_time)
                t.in_time[index] = in_time
            t.seats[index] = seats
            placed.append(seats)
        if placed:
            model.add(sum(placed) <= len(group.personnel_ids))
            coverage.append(weight[group.priority] * sum(placed))
            covered.append(sum(placed))
    for t in templates:
        size = sum(t.seats.values())
        model.add(size <= sum(capacity[v] * b for v, b in t.hold.items()))
        model.add(size >= rules.min_class_size * t.present)
    return sum(coverage), sum(covered)


def _hint_baseline(model, baseline: Plan, groups: list[_Group], templates: list[_Template]) -> None:
    """The baseline's sessions as the first solution to try (a complete one), each course's in time order."""
    by_course: dict[str, list[ProposedSession]] = defaultdict(list)
    for s in sorted(baseline.sessions, key=lambda s: s.start):
        by_course[s.course_id].append(s)
    for t in templates:
        ran = by_course[t.course_id]
        session = ran[t.k] if t.k < len(ran) else None
        start = _minute(session.start, t.first) if session is not None else None
        used = start is not None and start in t.offsets
        start = start if used else t.offsets[0]
        week = t.week_of[start] if used else None
        model.add_hint(t.present, used)
        model.add_hint(t.start, start)
        for w, in_week in t.weeks.items():
            model.add_hint(in_week, w == week)
        for trainer_id, teaches in t.teach.items():
            model.add_hint(teaches, used and session.trainer_id == trainer_id)
        for venue_id, holds in t.hold.items():
            model.add_hint(holds, used and session.venue_id == venue_id)
        for (trainer_id, w), both in t.load.items():
            model.add_hint(both, used and session.trainer_id == trainer_id and w == week)
        members = set(session.personnel_ids) if used else set()
        for index, seats in t.seats.items():
            model.add_hint(seats, len(members.intersection(groups[index].personnel_ids)))
        for index, in_time in t.in_time.items():
            model.add_hint(in_time, start + t.duration <= _minute(groups[index].due, t.first))


def _read(problem: PlanProblem, solver, groups: list[_Group], templates: list[_Template], optimal: bool) -> Plan:
    """The solver's sessions with their workers named: each group's seats taken in the group's order."""
    taken: dict[int, int] = defaultdict(int)
    sessions = []
    running = sorted((t for t in templates if solver.value(t.present)), key=lambda t: solver.value(t.start))
    for t in running:
        start = t.first + timedelta(minutes=solver.value(t.start))
        trainer_id = next(trainer for trainer, b in t.teach.items() if solver.value(b))
        venue_id = next(venue for venue, b in t.hold.items() if solver.value(b))
        members: list[str] = []
        for index, seats in t.seats.items():
            n = solver.value(seats)
            members += groups[index].personnel_ids[taken[index] : taken[index] + n]
            taken[index] += n
        end = start + timedelta(minutes=t.duration)
        sessions.append(ProposedSession(t.course_id, trainer_id, venue_id, start, end, tuple(members)))
    return _finish(problem, sessions, optimal=optimal, solver="CP-SAT")
