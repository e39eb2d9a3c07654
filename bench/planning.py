"""The planner against the greedy baseline on sites like issue 13's (`python -m bench.planning`).

A site of 2,000 workers, 10 courses (about 30% of workers red, yellow or expiring on each), 15
trainers with varied qualifications and existing bookings, 6 venues, 8 weeks: `site()` builds the
planning problem directly (the domain computation, no table), seeded, so every run plans the same
site. Both plans are checked with `violations` before a figure is reported.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from titan_training.domain.clock import iso_week
from titan_training.domain.planning import (
    Need,
    Plan,
    PlanCourse,
    PlanProblem,
    PlanRules,
    PlanTrainer,
    PlanVenue,
    Priority,
    due_before_expiry,
    greedy_plan,
    horizon,
    solve,
    violations,
)

START = date(2027, 3, 1)  # a Monday; Europe/London changes to summer time on 2027-03-28, inside 8 weeks
DURATIONS = (120, 180, 240, 240, 300, 360, 480, 120, 240, 180)  # minutes, one per course


def site(
    workers: int = 2_000,
    courses: int = 10,
    trainers: int = 15,
    venues: int = 6,
    weeks: int = 8,
    share: float = 0.3,
    seed: int = 13,
    time_limit_seconds: float = 20.0,
) -> PlanProblem:
    """A seeded site: on each course about `share` of the workers are red, yellow or expiring."""
    rng = random.Random(seed)
    rules = PlanRules(
        start_date=START,
        weeks=weeks,
        site_timezone="Europe/London",
        weekly_cap_minutes=20 * 60,
        min_class_size=4,
        time_limit_seconds=time_limit_seconds,
    )
    last = horizon(rules)[1]
    plan_courses = {
        f"course-{c:02d}": PlanCourse(f"course-{c:02d}", DURATIONS[c % len(DURATIONS)]) for c in range(courses)
    }
    needs = []
    for worker in range(workers):  # `share` of the workers are due on one course, a few on two
        if rng.random() >= share:
            continue
        for course_id in rng.sample(sorted(plan_courses), rng.choice([1, 1, 1, 2])):
            kind = rng.choices([Priority.RED, Priority.YELLOW, Priority.EXPIRING], weights=[4, 2, 4])[0]
            if kind is Priority.EXPIRING:
                due = due_before_expiry(START + timedelta(days=rng.randint(3, 7 * weeks)), rules)
            else:
                due = last
            needs.append(Need(f"worker-{worker:05d}", course_id, kind, due))
    plan_trainers = []
    course_ids = sorted(plan_courses)
    for t in range(trainers):
        qualified = frozenset(rng.sample(course_ids, min(len(course_ids), rng.randint(2, 5))))
        busy, booked = [], {}
        for _ in range(rng.randint(2, 10)):  # existing bookings, some weeks nearly full
            day = START + timedelta(days=rng.randrange(7 * weeks))
            start = datetime(day.year, day.month, day.day, 8 + rng.randint(0, 5), tzinfo=UTC)
            end = start + timedelta(hours=rng.choice([2, 3, 4]))
            busy.append((start, end))
            week = iso_week(start, rules.site_timezone)
            booked[week] = booked.get(week, 0) + int((end - start).total_seconds()) // 60
        plan_trainers.append(PlanTrainer(f"trainer-{t:02d}", qualified, tuple(busy), booked))
    plan_venues = []
    for v in range(venues):
        busy = []
        for _ in range(rng.randint(0, 8)):
            day = START + timedelta(days=rng.randrange(7 * weeks))
            start = datetime(day.year, day.month, day.day, 8 + rng.randint(0, 6), tzinfo=UTC)
            busy.append((start, start + timedelta(hours=rng.choice([2, 4]))))
        plan_venues.append(PlanVenue(f"venue-{v}", rng.choice([8, 12, 16, 20, 24, 30]), tuple(busy)))
    return PlanProblem(rules, plan_courses, needs, plan_trainers, plan_venues)


@dataclass(frozen=True)
class Comparison:
    name: str
    problem: PlanProblem
    greedy: Plan
    greedy_seconds: float
    planned: Plan
    planned_seconds: float


def compare(name: str, problem: PlanProblem) -> Comparison:
    """Greedy, then CP-SAT on the same problem; both checked against every hard rule."""
    started = time.perf_counter()
    greedy = greedy_plan(problem)
    greedy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    planned = solve(problem, greedy)
    planned_seconds = time.perf_counter() - started
    for plan in (greedy, planned):
        broken = violations(problem, plan)
        if broken:
            raise AssertionError(f"{name}, {plan.solver}: {broken[:5]}")
    return Comparison(name, problem, greedy, greedy_seconds, planned, planned_seconds)


SCENARIOS = {
    "2,000 workers, 10 courses, 15 trainers, 6 venues, 8 weeks": {},
    "same site, 4 weeks (tighter)": {"weeks": 4},
    "same site, 8 trainers (scarce trainers)": {"trainers": 8},
    "same site, 3 venues (scarce rooms)": {"venues": 3},
}


def render(rows: list[Comparison]) -> str:
    lines = [
        "| scenario | workers due | plan | covered | red / yellow / expiring covered | sessions | trainer hours | "
        "seconds | proven optimal |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        for plan, seconds in ((row.greedy, row.greedy_seconds), (row.planned, row.planned_seconds)):
            by = plan.covered_by_priority(row.problem)
            counts = " / ".join(f"{by[p]:,}" for p in Priority)
            lines.append(
                f"| {row.name} | {len(row.problem.needs):,} | {plan.solver} | {plan.covered:,} | {counts} | "
                f"{len(plan.sessions)} | {plan.trainer_minutes / 60:.0f} | {seconds:.1f} | "
                f"{'yes' if plan.optimal else 'no'} |"
            )
    return "\n".join(lines)


SECTION_START = "<!-- planning: written by bench/planning.py -->"
SECTION_END = "<!-- /planning -->"


def section(table: str, stamp: str, machine: str) -> str:
    return (
        f"{SECTION_START}\n## The training planner against the greedy baseline\n\n"
        "Issue 13's site, built straight as a planning problem (bench/planning.py, seeded): 2,000 workers, 10\n"
        "courses of 2 to 8 hours, 30% of the workers red, yellow or expiring (a few on two courses), 15 trainers\n"
        "qualified for 2 to 5 courses each with 2 to 10 existing bookings, 6 venues of 8 to 30 seats with\n"
        "bookings of their own, 8 weeks from Monday 2027-03-01 in Europe/London (summer time starts inside\n"
        "it), 08:00-17:00 Monday to Friday, a cap of 20 hours a trainer a week, classes of 4 or more. Both\n"
        "plans are checked against every hard rule (`violations`) before they are counted. `seconds` is\n"
        "the whole computation, the model's building included; CP-SAT runs with a 20-second limit\n"
        "(three stages: coverage red first, then sessions and trainer hours, then earliest starts).\n\n"
        f"Run: {stamp}, on {machine}.\n\n{table}\n{SECTION_END}\n"
    )


def write(report: Path, stamp: str, machine: str) -> str:
    """Plan every scenario, and put the table in docs/benchmarks.md between this section's markers."""
    from bench.cold_start import write_section

    table = render([compare(name, site(**overrides)) for name, overrides in SCENARIOS.items()])
    write_section(report, section(table, stamp, machine), SECTION_START, SECTION_END)
    return table


def main() -> int:
    rows = [compare(name, site(**overrides)) for name, overrides in SCENARIOS.items()]
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
