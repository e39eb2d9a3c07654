"""Course library use cases."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.base import Page
from titan_training.domain.courses import Course, CourseCreate, CoursePatch
from titan_training.domain.ids import new_id
from titan_training.services import found
from titan_training.store.table import TrainingTable


def create_course(store: TrainingTable, new: CourseCreate, now: datetime) -> Course:
    course = Course(id=new_id(), created_at=now, updated_at=now, **new.model_dump())
    store.courses.create_course(course)
    return course


def get_course(store: TrainingTable, course_id: str) -> Course:
    return found(store.courses.get_course(course_id), "Course", course_id)


def list_courses(store: TrainingTable, limit: int, next_token: str | None) -> Page[Course]:
    items, token = store.courses.list_courses(limit, next_token)
    return Page[Course](items=items, next_token=token)


def update_course(store: TrainingTable, course_id: str, patch: CoursePatch, now: datetime) -> Course:
    before = get_course(store, course_id)
    after = before.model_copy(update={**patch.changes(), "updated_at": now})
    store.courses.update_course(before, after)
    return after
