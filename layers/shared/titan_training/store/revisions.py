"""The revisions the picker's cache is checked against, moved on by the writes that make it stale."""

from __future__ import annotations

from datetime import datetime

from titan_training.store.items import CourseItem, DirectoryItem


def bump_directory_revision() -> None:
    """Every personnel create or edit: the directory the picker ranks has changed."""
    DirectoryItem(*DirectoryItem.key()).update(actions=[DirectoryItem.revision.add(1)])


def bump_compliance_revision(course_id: str, now: datetime) -> None:
    """Every compliance change of a course: its ranking is stale."""
    CourseItem(*CourseItem.key(course_id)).update(
        actions=[CourseItem.compliance_revision.add(1), CourseItem.compliance_changed_at.set(now)]
    )
