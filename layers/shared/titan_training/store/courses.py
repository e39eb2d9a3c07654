"""Access patterns of courses (the course library): by id, by name, and the code each claims."""

from __future__ import annotations

from titan_training.domain.courses import Course
from titan_training.domain.errors import Conflict
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.base import domain_view, own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.transaction import Writes
from titan_training.store.unique import changed_unique_value, claim, edited, name_key


def course_item(course: Course) -> CourseItem:
    return CourseItem(
        *CourseItem.key(course.id), list_pk="COURSE", list_sk=name_key(course.name, course.id), **course.model_dump()
    )


def course_view(item: CourseItem) -> Course:
    return domain_view(Course, item)


class CourseStore(AggregateStore):
    def create_course(self, course: Course) -> None:
        writes = Writes()
        writes.save(course_item(course), condition=CourseItem.pk.does_not_exist())
        item, condition, error = claim("COURSE_CODE", course.code, course.id, "Course code")
        writes.save(item, condition=condition, error=error)
        writes.commit()

    def get_course(self, course_id: str) -> Course | None:
        try:
            return course_view(CourseItem.get(*CourseItem.key(course_id), consistent_read=True))
        except CourseItem.DoesNotExist:
            return None

    def get_courses(self, course_ids: set[str]) -> dict[str, Course]:
        keys = [CourseItem.key(course_id) for course_id in course_ids]
        return {item.id: course_view(item) for item in CourseItem.batch_get(keys)}

    def list_courses(self, limit: int, next_token: str | None) -> tuple[list[Course], str | None]:
        start = decode_token(next_token, ("ListPK", "COURSE"))
        results = CourseItem.by_list.query("COURSE", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, course_view, ("ListPK", "COURSE"))

    def all_courses(self) -> list[Course]:
        """Every course by name, in as many pages as DynamoDB needs (the dashboard's rows)."""
        return [course_view(item) for item in CourseItem.by_list.query("COURSE")]

    def update_course(self, before: Course, after: Course) -> None:
        writes = Writes()
        writes.update(
            CourseItem(*CourseItem.key(after.id)),
            actions=own_fields(CourseItem, {**edited(after), "list_sk": name_key(after.name, after.id)}),
            condition=CourseItem.updated_at == before.updated_at,
            error=Conflict(f"Course {after.id} was changed by another request; reload and try again"),
        )
        changed_unique_value(writes, "COURSE_CODE", "Course code", after.id, before.code, after.code)
        writes.commit()
