"""The rules of who reads what (domain/access.py), without a table."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from titan_training.domain.access import (
    class_list_as_seen_by,
    is_own_trainer,
    may_access_session,
    trainer_as_seen_by,
)
from titan_training.domain.callers import HSE_ADMIN, TRAINER, Caller
from titan_training.domain.sessions import AttendanceStatus, Attendee
from titan_training.domain.trainers import TrainerDetail, TrainerWithLoad, WeekSession

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
ANN = Caller("ann-login", frozenset({TRAINER}))
ADMIN = Caller("admin-login", frozenset({HSE_ADMIN}))


def trainer(user_id: str | None, **more) -> TrainerWithLoad:
    fields = {
        "id": "ctrainer00000001",
        "first_name": "Bob",
        "last_name": "Baker",
        "email": "bob@example.com",
        "user_id": user_id,
        "qualified_course_ids": ["ccourse000000001"],
        "created_at": NOW,
        "updated_at": NOW,
        "load_week": "2027-W09",
        "booked_minutes_this_week": 120,
        "hours_booked_this_week": 2.0,
        **more,
    }
    return TrainerWithLoad(**fields)


@pytest.mark.parametrize(
    ("user_id", "own"),
    [("ann-login", True), ("ANN-LOGIN", False), ("bob-login", False), (None, False)],
    ids=["same login", "other case", "other login", "no login"],
)
def test_a_trainer_is_the_callers_own_only_by_exact_login(user_id, own):
    # Given a trainer with that login / Then they are Ann's own exactly when it is her login
    assert is_own_trainer(ANN, trainer(user_id)) is own
    assert may_access_session(ANN, trainer(user_id)) is own


def test_no_trainer_is_nobodys_and_an_admin_reads_every_session():
    # Given a session with no trainer / Then a trainer may not read it, an admin may
    assert not is_own_trainer(ANN, None)
    assert not may_access_session(ANN, None)
    assert may_access_session(ADMIN, None)


def test_another_trainer_is_seen_without_email_login_or_sessions():
    # Given Bob's detail with a session this week
    week_session = WeekSession(
        id="csession0000001", course_id="ccourse000000001", venue_id="cvenue00000001", start_time=NOW, end_time=NOW
    )
    detail = TrainerDetail(**trainer("bob-login").model_dump(), qualifications=[], sessions_this_week=[week_session])
    # When Ann and an admin look at him, and Bob at himself
    by_ann = trainer_as_seen_by(detail, ANN)
    # Then Ann sees no email, login or sessions, and the rest as it is
    assert (by_ann.email, by_ann.user_id, by_ann.sessions_this_week) == (None, None, [])
    assert by_ann.model_dump(exclude={"email", "user_id", "sessions_this_week"}) == detail.model_dump(
        exclude={"email", "user_id", "sessions_this_week"}
    )
    assert trainer_as_seen_by(detail, ADMIN) == detail
    assert trainer_as_seen_by(detail, Caller("bob-login", frozenset({TRAINER}))) == detail


def test_a_class_list_shows_a_trainer_no_employee_numbers():
    # Given a class list
    listed = [
        Attendee(
            personnel_id="cperson00000001",
            first_name="Pat",
            last_name="Lee",
            employee_no="E-1",
            status=AttendanceStatus.ATTENDED,
            result="PASSED",
            added_at=NOW,
        )
    ]
    # Then a trainer sees it without the employee number, an admin as it is
    assert [a.employee_no for a in class_list_as_seen_by(listed, ANN)] == [None]
    assert class_list_as_seen_by(listed, ANN)[0].model_dump(exclude={"employee_no"}) == listed[0].model_dump(
        exclude={"employee_no"}
    )
    assert class_list_as_seen_by(listed, ADMIN) == listed
