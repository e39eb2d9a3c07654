"""Trainer library use cases, qualifications included."""

from __future__ import annotations

from datetime import date, datetime

from titan_training.domain.access import trainer_as_seen_by
from titan_training.domain.base import Page
from titan_training.domain.callers import Caller
from titan_training.domain.errors import FieldProblem, InvalidInput
from titan_training.domain.ids import new_id
from titan_training.domain.trainers import (
    Qualification,
    Trainer,
    TrainerCreate,
    TrainerDetail,
    TrainerPatch,
    TrainerWithLoad,
    WeekSession,
)
from titan_training.services import found
from titan_training.services.courses import get_course
from titan_training.store.table import TrainingTable


def create_trainer(store: TrainingTable, new: TrainerCreate, now: datetime) -> Trainer:
    trainer = Trainer(id=new_id(), qualified_course_ids=[], created_at=now, updated_at=now, **new.model_dump())
    store.trainers.create_trainer(trainer)
    return trainer


def get_trainer(store: TrainingTable, trainer_id: str, week: str, caller: Caller) -> TrainerDetail:
    """The trainer as the caller may see them (domain.access.trainer_as_seen_by)."""
    return trainer_as_seen_by(_trainer_detail(store, trainer_id, week), caller)


def _trainer_detail(store: TrainingTable, trainer_id: str, week: str) -> TrainerDetail:
    """The trainer with each qualification's course named, and their load and sessions in `week`."""
    _check_week(week)
    stored = found(store.sessions.trainer_week(trainer_id, week), "Trainer", trainer_id)
    trainer, qualifications = stored.trainer, stored.qualifications
    courses = store.courses.get_courses({q.course_id for q in qualifications}) if qualifications else {}
    named = [
        Qualification(
            course_id=q.course_id,
            course_name=courses[q.course_id].name,
            course_code=courses[q.course_id].code,
            qualified_at=q.qualified_at,
        )
        for q in qualifications
        if q.course_id in courses
    ]
    named.sort(key=lambda q: (q.course_name.lower(), q.course_id))
    minutes = stored.booked_minutes
    week_sessions = [
        WeekSession(id=s.id, course_id=s.course_id, venue_id=s.venue_id, start_time=s.start_time, end_time=s.end_time)
        for s in store.sessions.trainer_week_sessions(trainer_id, week)
    ]
    return TrainerDetail(
        **trainer.model_dump(),
        qualifications=named,
        load_week=week,
        booked_minutes_this_week=minutes,
        hours_booked_this_week=round(minutes / 60, 1),
        sessions_this_week=week_sessions,
    )


def _check_week(week: str) -> None:
    try:
        date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    except ValueError:
        raise InvalidInput([FieldProblem("query", "week", f"{week} is not an ISO week of that year")]) from None


def list_trainers(
    store: TrainingTable, course_id: str | None, week: str, limit: int, next_token: str | None, caller: Caller
) -> Page[TrainerWithLoad]:
    """All trainers by name, or only those qualified for `course_id`, each with their load in `week`,
    as the caller may see them (domain.access.trainer_as_seen_by).

    The load comes from per-week counters the booking transactions keep: one batch read per
    100 trainers, never a read per trainer. A page of 50 is 2 requests, or 3 with `course_id`
    (the course's qualifications, the trainers, their loads): a qualification exists only for a
    course that exists, so the course is read (for a 404) only when the page is empty.
    """
    _check_week(week)
    if course_id is None:
        trainers, token = store.trainers.list_trainers(limit, next_token)
    else:
        trainer_ids, token = store.trainers.list_trainer_ids_for_course(course_id, limit, next_token)
        if not trainer_ids:
            get_course(store, course_id)
        found_trainers = store.trainers.get_trainers(trainer_ids) if trainer_ids else {}
        # The index lists them by name; the batch read returns them in no order.
        trainers = [found_trainers[i] for i in trainer_ids if i in found_trainers]
    loads = store.sessions.trainer_loads([t.id for t in trainers], week) if trainers else {}
    items = [
        trainer_as_seen_by(
            TrainerWithLoad(
                **trainer.model_dump(),
                load_week=week,
                booked_minutes_this_week=loads.get(trainer.id, 0),
                hours_booked_this_week=round(loads.get(trainer.id, 0) / 60, 1),
            ),
            caller,
        )
        for trainer in trainers
    ]
    return Page[TrainerWithLoad](items=items, next_token=token)


def update_trainer(store: TrainingTable, trainer_id: str, patch: TrainerPatch, now: datetime) -> Trainer:
    before = found(store.trainers.get_trainer(trainer_id), "Trainer", trainer_id)
    after = before.model_copy(update={**patch.changes(), "updated_at": now})
    store.trainers.update_trainer(before, after)
    return after


def qualify_trainer(store: TrainingTable, trainer_id: str, course_id: str, now: datetime, week: str) -> TrainerDetail:
    trainer = found(store.trainers.get_trainer(trainer_id), "Trainer", trainer_id)
    store.trainers.add_qualification(trainer, course_id, now)
    return _trainer_detail(store, trainer_id, week)


def unqualify_trainer(store: TrainingTable, trainer_id: str, course_id: str) -> None:
    found(store.trainers.get_trainer(trainer_id), "Trainer", trainer_id)
    store.trainers.remove_qualification(trainer_id, course_id)
