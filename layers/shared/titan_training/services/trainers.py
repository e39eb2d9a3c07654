"""Trainer library use cases, qualifications included."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.base import Page
from titan_training.domain.ids import new_id
from titan_training.domain.trainers import Qualification, Trainer, TrainerCreate, TrainerDetail, TrainerPatch
from titan_training.services import found
from titan_training.services.courses import get_course
from titan_training.store import TrainingStore


def create_trainer(store: TrainingStore, new: TrainerCreate, now: datetime) -> Trainer:
    trainer = Trainer(id=new_id(), qualified_course_ids=[], created_at=now, updated_at=now, **new.model_dump())
    store.create_trainer(trainer)
    return trainer


def get_trainer(store: TrainingStore, trainer_id: str) -> TrainerDetail:
    """The trainer with each qualification's course named (one batch read of the courses)."""
    trainer = found(store.get_trainer(trainer_id), "Trainer", trainer_id)
    qualifications = store.list_qualifications(trainer_id)
    courses = store.get_courses({q.course_id for q in qualifications}) if qualifications else {}
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
    return TrainerDetail(**trainer.model_dump(), qualifications=named)


def list_trainers(store: TrainingStore, course_id: str | None, limit: int, next_token: str | None) -> Page[Trainer]:
    """All trainers by name, or only those qualified for `course_id`."""
    if course_id is None:
        items, token = store.list_trainers(limit, next_token)
        return Page[Trainer](items=items, next_token=token)
    get_course(store, course_id)
    trainer_ids, token = store.list_trainer_ids_for_course(course_id, limit, next_token)
    trainers = store.get_trainers(trainer_ids) if trainer_ids else {}
    # The index lists them by name; the batch read returns them in no order.
    return Page[Trainer](items=[trainers[i] for i in trainer_ids if i in trainers], next_token=token)


def update_trainer(store: TrainingStore, trainer_id: str, patch: TrainerPatch, now: datetime) -> Trainer:
    before = found(store.get_trainer(trainer_id), "Trainer", trainer_id)
    after = before.model_copy(update={**patch.changes(), "updated_at": now})
    store.update_trainer(before, after)
    return after


def qualify_trainer(store: TrainingStore, trainer_id: str, course_id: str, now: datetime) -> TrainerDetail:
    trainer = found(store.get_trainer(trainer_id), "Trainer", trainer_id)
    store.add_qualification(trainer, course_id, now)
    return get_trainer(store, trainer_id)


def unqualify_trainer(store: TrainingStore, trainer_id: str, course_id: str) -> None:
    found(store.get_trainer(trainer_id), "Trainer", trainer_id)
    store.remove_qualification(trainer_id, course_id)
