"""Access patterns of trainers: the trainer library, qualifications, logins and calendars."""

from __future__ import annotations

from datetime import datetime

from titan_training.domain.availability import Booking
from titan_training.domain.errors import Conflict, NotFound
from titan_training.domain.trainers import Trainer
from titan_training.store.aggregate import AggregateStore
from titan_training.store.bookings import bookings
from titan_training.store.items.base import domain_view, own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.trainers import QualificationItem, TrainerItem
from titan_training.store.items.unique import UniqueValueItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.transaction import Writes
from titan_training.store.unique import changed_unique_value, claim, edited, name_key


class StoredQualification:
    __slots__ = ("course_id", "qualified_at")

    def __init__(self, row: QualificationItem) -> None:
        self.course_id = row.course_id
        self.qualified_at = row.qualified_at


def trainer_sort_key(trainer: Trainer) -> str:
    """How trainers sort, in the trainer list and in every course's list of qualified trainers."""
    return name_key(trainer.last_name, trainer.first_name, trainer.id)


def trainer_item(trainer: Trainer) -> TrainerItem:
    fields = trainer.model_dump()
    fields["qualified_course_ids"] = set(fields["qualified_course_ids"]) or None
    return TrainerItem(*TrainerItem.key(trainer.id), list_pk="TRAINER", list_sk=trainer_sort_key(trainer), **fields)


def trainer_view(item: TrainerItem) -> Trainer:
    return domain_view(Trainer, item, qualified_course_ids=sorted(item.qualified_course_ids or ()))


class TrainerStore(AggregateStore):
    def create_trainer(self, trainer: Trainer) -> None:
        writes = Writes()
        writes.save(trainer_item(trainer), condition=TrainerItem.pk.does_not_exist())
        if trainer.user_id:
            item, condition, error = claim("TRAINER_USER", trainer.user_id, trainer.id, "Trainer login userId")
            writes.save(item, condition=condition, error=error)
        writes.commit()

    def get_trainer(self, trainer_id: str) -> Trainer | None:
        try:
            return trainer_view(TrainerItem.get(*TrainerItem.key(trainer_id), consistent_read=True))
        except TrainerItem.DoesNotExist:
            return None

    def trainer_by_login(self, user_id: str) -> Trainer | None:
        """The trainer holding this login `userId`: its uniqueness claim names the owner (consistent reads)."""
        try:
            holder = UniqueValueItem.get(*UniqueValueItem.key("TRAINER_USER", user_id), consistent_read=True)
        except UniqueValueItem.DoesNotExist:
            return None
        return self.get_trainer(holder.owner_id)

    def get_trainers(self, trainer_ids: list[str]) -> dict[str, Trainer]:
        keys = [TrainerItem.key(trainer_id) for trainer_id in trainer_ids]
        return {item.id: trainer_view(item) for item in TrainerItem.batch_get(keys)}

    def list_trainers(self, limit: int, next_token: str | None) -> tuple[list[Trainer], str | None]:
        start = decode_token(next_token, ("ListPK", "TRAINER"))
        results = TrainerItem.by_list.query("TRAINER", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, trainer_view, ("ListPK", "TRAINER"))

    def list_trainer_ids_for_course(
        self, course_id: str, limit: int, next_token: str | None
    ) -> tuple[list[str], str | None]:
        partition = CourseItem.key(course_id)[0]
        start = decode_token(next_token, ("CoursePK", partition))
        results = QualificationItem.by_course.query(
            partition, QualificationItem.course_sk.startswith("TRAINER#"), limit=limit + 1, last_evaluated_key=start
        )
        return collect_page(results, limit, lambda row: row.trainer_id, ("CoursePK", partition))

    def update_trainer(self, before: Trainer, after: Trainer) -> None:
        """Edit a trainer; a rename also re-sorts its entries in every course's trainer list."""
        old_sort, new_sort = trainer_sort_key(before), trainer_sort_key(after)
        changed = Conflict(f"Trainer {after.id} was changed by another request; reload and try again")
        condition = TrainerItem.updated_at == before.updated_at
        if new_sort != old_sort:
            # The qualifications read below must still be all of them when the rename commits.
            held = set(before.qualified_course_ids)
            condition &= (
                (TrainerItem.qualified_course_ids == held)
                if held
                else TrainerItem.qualified_course_ids.does_not_exist()
            )
        writes = Writes()
        fields = {**edited(after), "list_sk": new_sort}
        del fields["qualified_course_ids"]
        writes.update(TrainerItem(*TrainerItem.key(after.id)), own_fields(TrainerItem, fields), condition, changed)
        if new_sort != old_sort:
            for course_id in before.qualified_course_ids:
                writes.update(
                    QualificationItem(*QualificationItem.key(after.id, course_id)),
                    actions=[QualificationItem.course_sk.set(QualificationItem.course_key(new_sort, course_id)[1])],
                    condition=QualificationItem.pk.exists(),
                    error=changed,
                )
        changed_unique_value(writes, "TRAINER_USER", "Trainer login userId", after.id, before.user_id, after.user_id)
        writes.commit()

    def list_qualifications(self, trainer_id: str) -> list[StoredQualification]:
        rows = QualificationItem.query(
            TrainerItem.key(trainer_id)[0], QualificationItem.sk.startswith("QUALIFICATION#"), consistent_read=True
        )
        return [StoredQualification(row) for row in rows]

    def add_qualification(self, trainer: Trainer, course_id: str, now: datetime) -> None:
        """Link a trainer to a course (idempotent); the trainer's course list changes in the same step.

        The course's trainer list sorts by the trainer's name as read here; the condition on the
        trainer's sort key makes a rename at the same moment a clean 409 instead of a stale order.
        """
        sort_key = trainer_sort_key(trainer)
        course_pk, course_sk = QualificationItem.course_key(sort_key, course_id)
        writes = Writes()
        writes.check(CourseItem, CourseItem.key(course_id), CourseItem.pk.exists(), NotFound("Course", course_id))
        writes.update(
            TrainerItem(*TrainerItem.key(trainer.id)),
            actions=[TrainerItem.qualified_course_ids.add({course_id})],
            condition=TrainerItem.list_sk == sort_key,
            error=Conflict(f"Trainer {trainer.id} was changed by another request; reload and try again"),
        )
        # An upsert: adding a qualification twice is harmless and keeps the first `qualified_at`.
        writes.update(
            QualificationItem(*QualificationItem.key(trainer.id, course_id)),
            actions=[
                QualificationItem.course_pk.set(course_pk),
                QualificationItem.course_sk.set(course_sk),
                QualificationItem.trainer_id.set(trainer.id),
                QualificationItem.course_id.set(course_id),
                QualificationItem.qualified_at.set(QualificationItem.qualified_at | now),
            ],
        )
        writes.commit()

    def remove_qualification(self, trainer_id: str, course_id: str) -> None:
        writes = Writes()
        writes.delete(
            QualificationItem(*QualificationItem.key(trainer_id, course_id)),
            condition=QualificationItem.pk.exists(),
            error=NotFound("Qualification", f"of trainer {trainer_id} for course {course_id}"),
        )
        writes.update(
            TrainerItem(*TrainerItem.key(trainer_id)),
            actions=[TrainerItem.qualified_course_ids.delete({course_id})],
            condition=TrainerItem.pk.exists(),
            error=NotFound("Trainer", trainer_id),
        )
        writes.commit()

    def trainer_bookings(self, trainer_id: str, start: datetime, end: datetime) -> list[Booking]:
        return bookings(TrainerItem.key(trainer_id)[0], start, end)
