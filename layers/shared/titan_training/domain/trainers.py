"""Trainers and the courses each is qualified to deliver."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from titan_training.domain.base import ApiModel, Blankable, Email, Name, PatchModel, ShortText
from titan_training.domain.clock import Instant
from titan_training.domain.ids import EntityId


class TrainerCreate(ApiModel):
    EXAMPLE = {"firstName": "Sam", "lastName": "Miller", "email": "sam.miller@example.com"}

    first_name: Name
    last_name: Name
    email: Annotated[Email | None, Blankable] = None
    user_id: Annotated[ShortText | None, Blankable] = Field(
        default=None, description="The trainer's login `sub`, if they sign in."
    )


class TrainerPatch(PatchModel):
    NOT_NULL = ("first_name", "last_name")
    EXAMPLE = {"userId": "5f1c2a4e-0d1b-4f2a-9c3e-7b8a6d5e4f30"}

    first_name: Name | None = None
    last_name: Name | None = None
    email: Annotated[Email | None, Blankable] = None
    user_id: Annotated[ShortText | None, Blankable] = None


class Trainer(ApiModel):
    id: EntityId
    first_name: str
    last_name: str
    email: str | None = Field(description="Null when a trainer reads another trainer.")
    user_id: str | None = Field(description="The login `sub`; null when a trainer reads another trainer.")
    qualified_course_ids: list[EntityId] = Field(description="Courses this trainer may be assigned to.")
    created_at: Instant
    updated_at: Instant


class Qualification(ApiModel):
    course_id: EntityId
    course_name: str
    course_code: str
    qualified_at: Instant


class WeekSession(ApiModel):
    """One of the trainer's SCHEDULED sessions in the week shown."""

    id: EntityId
    course_id: EntityId
    venue_id: EntityId
    start_time: Instant
    end_time: Instant


class TrainerDetail(Trainer):
    qualifications: list[Qualification]
    load_week: str = Field(description="The ISO week (YYYY-Www, site calendar) the load and sessions are for.")
    booked_minutes_this_week: int
    hours_booked_this_week: float
    sessions_this_week: list[WeekSession] = Field(
        description="SCHEDULED sessions starting that week, by start; empty when a trainer reads another trainer."
    )


class TrainerWithLoad(Trainer):
    """A trainer as the planner lists them: "John Smith (12h booked this week)"."""

    load_week: str = Field(description="The ISO week (YYYY-Www, site calendar) the load is for.")
    booked_minutes_this_week: int = Field(description="Minutes of SCHEDULED sessions starting in that week.")
    hours_booked_this_week: float = Field(description="The same in hours, to one decimal.")
