"""Trainers and the courses each is qualified to deliver."""

from __future__ import annotations

from pydantic import Field

from titan_training.domain.base import ApiModel, Email, Name, PatchModel, ShortText
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId


class TrainerCreate(ApiModel):
    first_name: Name
    last_name: Name
    email: Email | None = None
    user_id: ShortText | None = Field(default=None, description="The trainer's login `sub`, if they sign in.")


class TrainerPatch(PatchModel):
    NOT_NULL = ("first_name", "last_name")

    first_name: Name | None = None
    last_name: Name | None = None
    email: Email | None = None
    user_id: ShortText | None = None


class Trainer(ApiModel):
    id: EntityId
    first_name: str
    last_name: str
    email: str | None
    user_id: str | None
    qualified_course_ids: list[EntityId] = Field(description="Courses this trainer may be assigned to.")
    created_at: Instant
    updated_at: Instant


class Qualification(ApiModel):
    course_id: EntityId
    course_name: str
    course_code: str
    qualified_at: Instant


class TrainerDetail(Trainer):
    qualifications: list[Qualification]
