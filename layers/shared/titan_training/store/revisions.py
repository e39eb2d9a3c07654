"""The revisions the picker's cache is checked against, moved on by the writes that make it stale."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import DirectoryItem


def bump_directory_revision() -> None:
    """Every personnel create or edit: the directory the picker ranks has changed."""
    DirectoryItem(*DirectoryItem.key()).update(actions=[DirectoryItem.revision.add(1)])


def compliance_revision_actions(now: datetime) -> list[Any]:
    """What moves a course's compliance revision on (alone, or inside a transaction that needs it anyway)."""
    return [CourseItem.compliance_revision.add(1), CourseItem.compliance_changed_at.set(now)]


def bump_compliance_revision(course_id: str, now: datetime) -> None:
    """Every compliance change of a course: its ranking is stale."""
    CourseItem(*CourseItem.key(course_id)).update(actions=compliance_revision_actions(now))
