"""The training planner (domain/planning.py): small sites whose best plan is known by hand, the reasons
a worker stays uncovered, the solver-free checker, and seeded sites where CP-SAT must be valid and
never worse than the greedy baseline.

The horizon starts on Monday 2027-03-01; teaching hours are 08:00-17:00, Monday to Friday.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bench.planning import site
from titan_training.domain.planning import (
    Need,
    Plan,
    PlanCourse,
    PlanProblem,
    PlanRules,
    PlanTrainer,
    PlanVenue,
    Priority,
    ProposedSession,
    UncoveredReason,
    due_before_expiry,
    greedy_plan,
    horizon,
    solve,
    teaching_starts,
    violations,
)

MONDAY = date(2027, 3, 1)
RULES = PlanRules(start_date=MONDAY, weeks=1, min_class_size=3, time_limit_seconds=5)
END = horizon(RULES)[1]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in the first week (UTC site): day 0 is Monday."""
    return datetime(2027, 3, 1 + day, hour, minute, tzinfo=UTC)


def red(n: int, course: str = "c1", prefix: str = "r") -> list[Need]:
    return [Need(f"{prefix}{i:02d}", course, Priority.RED, END) for i in range(n)]


def problem(
    needs: list[Need],
    trainers: list[PlanTrainer] | None = None,
    venues: list[PlanVenue] | None = None,
    rules: PlanRules = RULES,
    courses: dict[str, int] | None = None,
) -> PlanProblem:
    durations = courses or {"c1": 120}
    return PlanProblem(
        rules,
        {c: PlanCourse(c, minutes) for c, minutes in durations.items()},
        needs,
        trainers if trainers is not None else [PlanTrainer("t1", frozenset(durations))],
        venues if venues is not None else [PlanVenue("v1", 10)],
    )


def planned(p: PlanProblem) -> Plan:
    """The solver's plan, which must break no hard rule, nor be worse than the greedy baseline."""
    greedy = greedy_plan(p)
    plan = solve(p, greedy)
    assert violations(p, plan) == [], plan
    assert violations(p, greedy) == [], greedy
    assert plan.covered >= greedy.covered and len(plan.sessions) <= len(greedy.sessions)
    return plan


def test_one_class_takes_six_red_workers_at_the_first_hour():
    # Given six red workers, one qualified trainer, one room of ten
    p = problem(red(6))
    # When planned
    plan = planned(p)
    # Then one session on Monday at 08:00 holds all six, proven optimal
    assert [(s.start, s.end, len(s.personnel_ids)) for s in plan.sessions] == [(at(0, 8), at(0, 10), 6)]
    assert plan.uncovered == () and plan.optimal and plan.solver == "CP-SAT"


def test_a_room_of_ten_splits_twenty_five_into_the_fewest_sessions():
    # Given 25 red workers and a room of 10
    plan = planned(problem(red(25)))
    # Then three sessions, back to back on Monday, everyone placed once
    assert [s.start for s in plan.sessions] == [at(0, 8), at(0, 10), at(0, 12)]
    assert sorted(p for s in plan.sessions for p in s.personnel_ids) == [f"r{i:02d}" for i in range(25)]
    assert all(3 <= len(s.personnel_ids) <= 10 for s in plan.sessions)


def test_one_session_before_the_earliest_due_date_serves_red_and_expiring_alike():
    # Given three workers whose pass expires on Wednesday, three red, and a trainer booked all Monday
    expiring = [Need(f"e{i}", "c1", Priority.EXPIRING, due_before_expiry(date(2027, 3, 3), RULES)) for i in range(3)]
    trainer = PlanTrainer("t1", frozenset({"c1"}), busy=((at(0, 8), at(0, 17)),))
    # When planned
    plan = planned(problem(expiring + red(3), trainers=[trainer]))
    # Then one session on Tuesday at 08:00 (ending before Wednesday) holds all six
    assert [(s.start, len(s.personnel_ids)) for s in plan.sessions] == [(at(1, 8), 6)]


def test_trainer_and_venue_bookings_are_never_overlapped():
    # Given a four-hour course, the trainer booked Monday morning and the only room Monday afternoon
    trainer = PlanTrainer("t1", frozenset({"c1"}), busy=((at(0, 8), at(0, 12)),))
    room = PlanVenue("v1", 10, busy=((at(0, 12), at(0, 17)),))
    # When planned
    plan = planned(problem(red(4), trainers=[trainer], venues=[room], courses={"c1": 240}))
    # Then the session waits for Tuesday morning
    assert [s.start for s in plan.sessions] == [at(1, 8)]


def test_the_weekly_cap_counts_what_the_trainer_is_already_booked_for():
    # Given a cap of 8 hours a week, a trainer with 6 hours already booked in week 1, a 4-hour course
    rules = replace(RULES, weeks=2, weekly_cap_minutes=8 * 60)
    trainer = PlanTrainer("t1", frozenset({"c1"}), booked_minutes={"2027-W09": 6 * 60})
    needs = [Need(f"r{i}", "c1", Priority.RED, horizon(rules)[1]) for i in range(4)]
    # When planned over two weeks
    plan = planned(problem(needs, trainers=[trainer], rules=rules, courses={"c1": 240}))
    # Then the session falls on Monday of week 2
    assert [s.start for s in plan.sessions] == [at(7, 8)]


def test_red_workers_come_first_when_not_everyone_fits():
    # Given room for one 2-hour session in the week (the cap), a room of five, and five expiring workers
    # due on Friday ahead of five red ones (the greedy baseline, earliest due first, seats the expiring)
    rules = replace(RULES, weekly_cap_minutes=120)
    friday = due_before_expiry(date(2027, 3, 5), rules)
    expiring = [Need(f"e{i}", "c1", Priority.EXPIRING, friday) for i in range(5)]
    p = problem(expiring + red(5), venues=[PlanVenue("v1", 5)], rules=rules)
    assert set(greedy_plan(p).sessions[0].personnel_ids) == {f"e{i}" for i in range(5)}
    # When planned
    plan = planned(p)
    # Then the one session takes the five red workers; the expiring ones are listed with the reason
    assert set(plan.sessions[0].personnel_ids) == {f"r{i:02d}" for i in range(5)}
    assert {(u.personnel_id, u.reason) for u in plan.uncovered} == {
        (f"e{i}", UncoveredReason.NO_TRAINER_HOURS_BEFORE_DUE) for i in range(5)
    }


def test_each_course_that_cannot_run_says_why():
    # Given four courses: no qualified trainer; too few due; too long for a teaching day; a fine one
    needs = red(3, "nobody") + red(2, "few", "f") + red(3, "long", "l") + red(3, "c1", "c")
    p = problem(
        needs,
        trainers=[PlanTrainer("t1", frozenset({"few", "long", "c1"}))],
        courses={"nobody": 60, "few": 60, "long": 600, "c1": 60},
    )
    # When planned
    plan = planned(p)
    # Then only c1 runs, and every other worker has their course's reason
    assert [s.course_id for s in plan.sessions] == ["c1"]
    reasons = {u.course_id: u.reason for u in plan.uncovered}
    assert reasons == {
        "nobody": UncoveredReason.NO_QUALIFIED_TRAINER,
        "few": UncoveredReason.BELOW_MIN_CLASS_SIZE,
        "long": UncoveredReason.LONGER_THAN_TEACHING_DAY,
    }


def test_no_room_for_the_smallest_class_is_no_venue():
    plan = planned(problem(red(5), venues=[PlanVenue("v1", 2)]))
    assert plan.sessions == () and {u.reason for u in plan.uncovered} == {UncoveredReason.NO_VENUE}


def test_teaching_hours_stay_on_the_site_wall_clock_across_daylight_saving():
    # Given London, where summer time starts on Sunday 2027-03-28
    rules = PlanRules(start_date=date(2027, 3, 22), weeks=2, site_timezone="Europe/London")
    # When the starts of a course as long as the teaching day are listed
    starts = teaching_starts(rules, 9 * 60)
    # Then each day has one, at 08:00 London: 08:00 UTC before the change, 07:00 UTC after it
    assert starts[0] == datetime(2027, 3, 22, 8, tzinfo=UTC) and starts[4] == datetime(2027, 3, 26, 8, tzinfo=UTC)
    assert starts[5] == datetime(2027, 3, 29, 7, tzinfo=UTC) and len(starts) == 10


@pytest.mark.parametrize("weeks", [0, 13])
def test_a_horizon_outside_one_to_twelve_weeks_is_refused(weeks):
    with pytest.raises(ValueError, match="weeks must be from 1 to 12"):
        PlanRules(start_date=MONDAY, weeks=weeks)


# --- the checker ------------------------------------------------------------------------------------------


def test_the_checker_names_every_broken_rule():
    # Given a valid plan of one session for three red workers
    trainer = PlanTrainer("t1", frozenset({"c1"}), busy=((at(1, 8), at(1, 10)),), booked_minutes={"2027-W09": 60})
    p = problem(
        red(3), trainers=[trainer, PlanTrainer("t2", frozenset())], rules=replace(RULES, weekly_cap_minutes=240)
    )
    good = ProposedSession("c1", "t1", "v1", at(0, 8), at(0, 10), ("r00", "r01", "r02"))
    assert violations(p, Plan((good,), ())) == []

    def broken(*sessions: ProposedSession, uncovered=()) -> str:
        return " | ".join(violations(p, Plan(tuple(sessions), tuple(uncovered))))

    # Then each rule, broken alone, is named
    assert "not qualified" in broken(replace(good, trainer_id="t2"))
    assert "lasts 60 minutes" in broken(replace(good, end=at(0, 9)))
    assert "outside the teaching days and hours" in broken(replace(good, start=at(0, 6), end=at(0, 8)))
    assert "outside the teaching days and hours" in broken(replace(good, start=at(5, 8), end=at(5, 10)))
    assert "2 workers, allowed 3 to 10" in broken(replace(good, personnel_ids=("r00", "r01")), uncovered=[])
    assert "is not due for the course" in broken(replace(good, personnel_ids=("r00", "r01", "r02", "x")))
    assert "overlaps a booked session of trainer t1" in broken(replace(good, start=at(1, 9), end=at(1, 11)))
    second = replace(good, venue_id="v1", start=at(0, 9), end=at(0, 11), personnel_ids=())
    assert "venue v1 also holds" in broken(good, second)
    assert "trainer t1 also teaches" in broken(good, second)
    assert "placed twice for the course" in broken(good, replace(good, start=at(2, 8), end=at(2, 10)))
    assert "cap 240" in broken(good, replace(good, start=at(2, 8), end=at(2, 10), personnel_ids=()))
    assert "not exactly the needs" in broken(replace(good, personnel_ids=("r00", "r01", "r00")))
    late = PlanProblem(p.rules, p.courses, [replace(n, due=at(0, 9)) for n in p.needs], p.trainers, p.venues)
    assert "ends after r00's due instant" in " ".join(violations(late, Plan((good,), ())))


# --- seeded sites -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_on_seeded_sites_the_plan_is_valid_and_never_worse_than_the_baseline(seed):
    # Given a small site: 150 workers, 4 courses, 4 trainers with bookings, 3 rooms, 2 weeks
    p = site(workers=150, courses=4, trainers=4, venues=3, weeks=2, seed=seed, time_limit_seconds=4)
    # When planned / Then every hard rule holds, and it covers as many with no more sessions (planned())
    plan = planned(p)
    assert plan.covered > 0
    # And every worker placed is due for the course and placed before their due instant
    due = {(n.personnel_id, n.course_id): n.due for n in p.needs}
    assert all(s.end <= due[(w, s.course_id)] for s in plan.sessions for w in s.personnel_ids)
    assert all(s.end - s.start == timedelta(minutes=p.courses[s.course_id].duration_minutes) for s in plan.sessions)
