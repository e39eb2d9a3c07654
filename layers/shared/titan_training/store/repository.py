"""Every access pattern of the training table, by name (docs/data-model.md lists them).

Services hand in and get back domain models; nothing outside this package sees an item or a key.
Writes that could race are conditional or transactional, never read-then-write.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from titan_training.domain.availability import Booking, booking_window
from titan_training.domain.clock import format_instant
from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.courses import Course
from titan_training.domain.errors import Conflict, FieldProblem, NotFound
from titan_training.domain.personnel import Personnel, search_text
from titan_training.domain.trainers import Trainer
from titan_training.domain.venues import Venue
from titan_training.store.items import (
    BookingItem,
    ComplianceItemRow,
    CourseItem,
    PersonnelItem,
    QualificationItem,
    TrainerItem,
    UniqueValueItem,
    VenueItem,
    bind_table,
    domain_view,
    own_fields,
)
from titan_training.store.paging import ListQuery, collect_page, decode_token
from titan_training.store.records import RecordStore
from titan_training.store.sessions import SessionStore
from titan_training.store.suggestions import SuggestionStore
from titan_training.store.transaction import Writes

# How many items a filtered query reads per request: large, since a filter may discard most of them.
FILTERED_PAGE_SIZE = 500


class StoredCompliance:
    """A compliance item as recorded (the effective status is a domain rule applied by the service)."""

    __slots__ = ("course_id", "expiry_date", "personnel_id", "status", "updated_at")

    def __init__(self, row: ComplianceItemRow) -> None:
        self.personnel_id = row.personnel_id
        self.course_id = row.course_id
        self.status = ComplianceStatus(row.status)
        self.expiry_date = date.fromisoformat(row.expiry_date) if row.expiry_date else None
        self.updated_at = row.updated_at


class StoredQualification:
    __slots__ = ("course_id", "qualified_at")

    def __init__(self, row: QualificationItem) -> None:
        self.course_id = row.course_id
        self.qualified_at = row.qualified_at


# Joins the parts of a sort key: below every character a name may hold (names refuse control
# characters), so "First Aid" sorts before "First Aid Advanced" and a last name decides first.
SORT_SEPARATOR = "\x01"


def _name_key(*parts: str) -> str:
    return SORT_SEPARATOR.join(part.strip().lower() for part in parts)


def _trainer_sort_key(trainer: Trainer) -> str:
    """How trainers sort, in the trainer list and in every course's list of qualified trainers."""
    return _name_key(trainer.last_name, trainer.first_name, trainer.id)


def _edited(entity: Any) -> dict[str, Any]:
    return entity.model_dump(exclude={"id", "created_at"})


# The request field each kind of unique value comes from, so a 409 can point at it.
UNIQUE_FIELDS = {"COURSE_CODE": "code", "EMPLOYEE_NO": "employeeNo", "TRAINER_USER": "userId"}


def _claim(kind: str, value: str, owner_id: str, label: str) -> tuple[UniqueValueItem, Any, Conflict]:
    claim = UniqueValueItem(*UniqueValueItem.key(kind, value), owner_id=owner_id)
    message = f"{label} '{value}' is already in use"
    problem = FieldProblem("body", UNIQUE_FIELDS[kind], "is already in use (compared ignoring case)", "duplicate")
    return claim, UniqueValueItem.pk.does_not_exist(), Conflict(message, details=[problem.__dict__])


def _release(kind: str, value: str, owner_id: str) -> tuple[UniqueValueItem, Any]:
    return UniqueValueItem(*UniqueValueItem.key(kind, value)), UniqueValueItem.owner_id == owner_id


def _changed_unique_value(
    writes: Writes, kind: str, label: str, owner_id: str, old: str | None, new: str | None
) -> None:
    """Move a uniqueness claim from `old` to `new` inside the entity's own transaction."""
    if (old or "").strip().lower() == (new or "").strip().lower():
        return
    if old:
        item, condition = _release(kind, old, owner_id)
        writes.delete(item, condition=condition)
    if new:
        item, condition, error = _claim(kind, new, owner_id, label)
        writes.save(item, condition=condition, error=error)


class TrainingStore(SessionStore, SuggestionStore, RecordStore):
    """The training table. Construct once per cold start; it binds every item class to the table."""

    def __init__(
        self, table_name: str, region: str, endpoint_url: str | None = None, transaction_max_items: int = 100
    ) -> None:
        self.table_name = table_name
        self.transaction_max_items = transaction_max_items
        bind_table(table_name, region, endpoint_url)

    # --- Courses -----------------------------------------------------------------------------

    @staticmethod
    def _course_item(course: Course) -> CourseItem:
        return CourseItem(
            *CourseItem.key(course.id),
            list_pk="COURSE",
            list_sk=_name_key(course.name, course.id),
            **course.model_dump(),
        )

    @staticmethod
    def _course(item: CourseItem) -> Course:
        return domain_view(Course, item)

    def create_course(self, course: Course) -> None:
        writes = Writes()
        writes.save(self._course_item(course), condition=CourseItem.pk.does_not_exist())
        claim, condition, error = _claim("COURSE_CODE", course.code, course.id, "Course code")
        writes.save(claim, condition=condition, error=error)
        writes.commit()

    def get_course(self, course_id: str) -> Course | None:
        try:
            return self._course(CourseItem.get(*CourseItem.key(course_id), consistent_read=True))
        except CourseItem.DoesNotExist:
            return None

    def get_courses(self, course_ids: set[str]) -> dict[str, Course]:
        keys = [CourseItem.key(course_id) for course_id in course_ids]
        return {item.id: self._course(item) for item in CourseItem.batch_get(keys)}

    def list_courses(self, limit: int, next_token: str | None) -> tuple[list[Course], str | None]:
        start = decode_token(next_token, ("ListPK", "COURSE"))
        results = CourseItem.by_list.query("COURSE", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, self._course, ("ListPK", "COURSE"))

    def all_courses(self) -> list[Course]:
        """Every course by name, in as many pages as DynamoDB needs (the dashboard's rows)."""
        return [self._course(item) for item in CourseItem.by_list.query("COURSE")]

    def update_course(self, before: Course, after: Course) -> None:
        writes = Writes()
        writes.update(
            CourseItem(*CourseItem.key(after.id)),
            actions=own_fields(CourseItem, {**_edited(after), "list_sk": _name_key(after.name, after.id)}),
            condition=CourseItem.updated_at == before.updated_at,
            error=Conflict(f"Course {after.id} was changed by another request; reload and try again"),
        )
        _changed_unique_value(writes, "COURSE_CODE", "Course code", after.id, before.code, after.code)
        writes.commit()

    # --- Personnel ---------------------------------------------------------------------------

    @staticmethod
    def _personnel_item(person: Personnel) -> PersonnelItem:
        return PersonnelItem(
            *PersonnelItem.key(person.id),
            list_pk="PERSONNEL",
            list_sk=_name_key(person.last_name, person.first_name, person.id),
            search_text=search_text(person.first_name, person.last_name, person.email, person.employee_no),
            **person.model_dump(),
        )

    @staticmethod
    def _personnel(item: PersonnelItem) -> Personnel:
        return domain_view(Personnel, item)

    def create_personnel(self, person: Personnel) -> None:
        writes = Writes()
        writes.save(self._personnel_item(person), condition=PersonnelItem.pk.does_not_exist())
        claim, condition, error = _claim("EMPLOYEE_NO", person.employee_no, person.id, "Employee number")
        writes.save(claim, condition=condition, error=error)
        writes.commit()
        self.bump_directory_revision()

    def get_personnel(self, personnel_id: str) -> Personnel | None:
        try:
            return self._personnel(PersonnelItem.get(*PersonnelItem.key(personnel_id), consistent_read=True))
        except PersonnelItem.DoesNotExist:
            return None

    def list_personnel(
        self, search: str | None, limit: int, next_token: str | None
    ) -> tuple[list[Personnel], str | None]:
        """Personnel by last then first name; `search` narrows to a case-insensitive substring match."""
        needle = (search or "").strip().lower()
        query = ListQuery(("ListPK", "PERSONNEL"), {"search": needle})
        start = decode_token(next_token, query)
        results = PersonnelItem.by_list.query(
            "PERSONNEL",
            filter_condition=PersonnelItem.search_text.contains(needle) if needle else None,
            limit=limit + 1,
            page_size=FILTERED_PAGE_SIZE if needle else limit + 1,
            last_evaluated_key=start,
        )
        return collect_page(results, limit, self._personnel, query)

    def update_personnel(self, before: Personnel, after: Personnel) -> None:
        writes = Writes()
        fields = {
            **_edited(after),
            "list_sk": _name_key(after.last_name, after.first_name, after.id),
            "search_text": search_text(after.first_name, after.last_name, after.email, after.employee_no),
        }
        writes.update(
            PersonnelItem(*PersonnelItem.key(after.id)),
            actions=own_fields(PersonnelItem, fields),
            condition=PersonnelItem.updated_at == before.updated_at,
            error=Conflict(f"Personnel {after.id} was changed by another request; reload and try again"),
        )
        _changed_unique_value(writes, "EMPLOYEE_NO", "Employee number", after.id, before.employee_no, after.employee_no)
        writes.commit()
        self.bump_directory_revision()

    # --- Compliance items --------------------------------------------------------------------

    def put_compliance_item(
        self, personnel_id: str, course_id: str, status: ComplianceStatus, expiry_date: date | None, now: datetime
    ) -> StoredCompliance:
        """Write one item, then move the course's compliance revision on (the picker's cache is stale).

        Both the person and the course must exist; the condition checks make that hold even if
        either is being created or changed at the same moment.
        """
        row = ComplianceItemRow(
            *ComplianceItemRow.key(personnel_id, course_id),
            course_pk=ComplianceItemRow.course_key(personnel_id, course_id)[0],
            course_sk=ComplianceItemRow.course_key(personnel_id, course_id)[1],
            personnel_id=personnel_id,
            course_id=course_id,
            status=status.value,
            expiry_date=expiry_date.isoformat() if expiry_date else None,
            updated_at=now,
        )
        writes = Writes()
        writes.check(
            PersonnelItem,
            PersonnelItem.key(personnel_id),
            condition=PersonnelItem.pk.exists(),
            error=NotFound("Personnel", personnel_id),
        )
        writes.check(CourseItem, CourseItem.key(course_id), CourseItem.pk.exists(), NotFound("Course", course_id))
        writes.save(row)
        writes.commit()
        # Outside the transaction on purpose: concurrent items of one course must not conflict on it.
        self.bump_compliance_revision(course_id, now)
        return StoredCompliance(row)

    def list_compliance_for_personnel(
        self, personnel_id: str, limit: int, next_token: str | None
    ) -> tuple[list[StoredCompliance], str | None]:
        partition = PersonnelItem.key(personnel_id)[0]
        start = decode_token(next_token, ("PK", partition))
        results = ComplianceItemRow.query(
            partition, ComplianceItemRow.sk.startswith("COMPLIANCE#"), limit=limit + 1, last_evaluated_key=start
        )
        return collect_page(results, limit, StoredCompliance, ("PK", partition))

    def list_compliance_for_course(
        self, course_id: str, limit: int, next_token: str | None
    ) -> tuple[list[StoredCompliance], str | None]:
        partition = CourseItem.key(course_id)[0]
        start = decode_token(next_token, ("CoursePK", partition))
        results = ComplianceItemRow.by_course.query(
            partition, ComplianceItemRow.course_sk.startswith("COMPLIANCE#"), limit=limit + 1, last_evaluated_key=start
        )
        return collect_page(results, limit, StoredCompliance, ("CoursePK", partition))

    # --- Trainers and qualifications -----------------------------------------------------------

    @staticmethod
    def _trainer_item(trainer: Trainer) -> TrainerItem:
        fields = trainer.model_dump()
        fields["qualified_course_ids"] = set(fields["qualified_course_ids"]) or None
        return TrainerItem(
            *TrainerItem.key(trainer.id), list_pk="TRAINER", list_sk=_trainer_sort_key(trainer), **fields
        )

    @staticmethod
    def _trainer(item: TrainerItem) -> Trainer:
        return domain_view(Trainer, item, qualified_course_ids=sorted(item.qualified_course_ids or ()))

    def create_trainer(self, trainer: Trainer) -> None:
        writes = Writes()
        writes.save(self._trainer_item(trainer), condition=TrainerItem.pk.does_not_exist())
        if trainer.user_id:
            claim, condition, error = _claim("TRAINER_USER", trainer.user_id, trainer.id, "Trainer login userId")
            writes.save(claim, condition=condition, error=error)
        writes.commit()

    def get_trainer(self, trainer_id: str) -> Trainer | None:
        try:
            return self._trainer(TrainerItem.get(*TrainerItem.key(trainer_id), consistent_read=True))
        except TrainerItem.DoesNotExist:
            return None

    def trainer_by_login(self, user_id: str) -> Trainer | None:
        """The trainer holding this login `userId`: its uniqueness claim names the owner (consistent reads)."""
        try:
            claim = UniqueValueItem.get(*UniqueValueItem.key("TRAINER_USER", user_id), consistent_read=True)
        except UniqueValueItem.DoesNotExist:
            return None
        return self.get_trainer(claim.owner_id)

    def get_trainers(self, trainer_ids: list[str]) -> dict[str, Trainer]:
        keys = [TrainerItem.key(trainer_id) for trainer_id in trainer_ids]
        return {item.id: self._trainer(item) for item in TrainerItem.batch_get(keys)}

    def list_trainers(self, limit: int, next_token: str | None) -> tuple[list[Trainer], str | None]:
        start = decode_token(next_token, ("ListPK", "TRAINER"))
        results = TrainerItem.by_list.query("TRAINER", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, self._trainer, ("ListPK", "TRAINER"))

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
        old_sort, new_sort = _trainer_sort_key(before), _trainer_sort_key(after)
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
        fields = {**_edited(after), "list_sk": new_sort}
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
        _changed_unique_value(writes, "TRAINER_USER", "Trainer login userId", after.id, before.user_id, after.user_id)
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
        sort_key = _trainer_sort_key(trainer)
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

    # --- Venues ------------------------------------------------------------------------------

    @staticmethod
    def _venue_item(venue: Venue) -> VenueItem:
        return VenueItem(
            *VenueItem.key(venue.id), list_pk="VENUE", list_sk=_name_key(venue.name, venue.id), **venue.model_dump()
        )

    @staticmethod
    def _venue(item: VenueItem) -> Venue:
        return domain_view(Venue, item)

    def create_venue(self, venue: Venue) -> None:
        self._venue_item(venue).save(condition=VenueItem.pk.does_not_exist())

    def get_venue(self, venue_id: str) -> Venue | None:
        try:
            return self._venue(VenueItem.get(*VenueItem.key(venue_id), consistent_read=True))
        except VenueItem.DoesNotExist:
            return None

    def list_venues(self, limit: int, next_token: str | None) -> tuple[list[Venue], str | None]:
        start = decode_token(next_token, ("ListPK", "VENUE"))
        results = VenueItem.by_list.query("VENUE", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, self._venue, ("ListPK", "VENUE"))

    def update_venue(self, before: Venue, after: Venue) -> None:
        writes = Writes()
        writes.update(
            VenueItem(*VenueItem.key(after.id)),
            actions=own_fields(VenueItem, {**_edited(after), "list_sk": _name_key(after.name, after.id)}),
            condition=VenueItem.updated_at == before.updated_at,
            error=Conflict(f"Venue {after.id} was changed by another request; reload and try again"),
        )
        writes.commit()

    # --- Bookings (the calendars the availability check reads) ---------------------------------

    @staticmethod
    def _booking(item: BookingItem) -> Booking:
        return Booking(**{name: getattr(item, name) for name in Booking.__dataclass_fields__})

    def _bookings(self, owner_partition: str, start: datetime, end: datetime) -> list[Booking]:
        """Bookings starting in [start - longest session, end]: a superset of those that overlap."""
        low = BookingItem.sort_key(format_instant(booking_window(start)))
        high = BookingItem.sort_key(format_instant(end), "~")
        rows = BookingItem.query(owner_partition, BookingItem.sk.between(low, high), consistent_read=True)
        return [self._booking(row) for row in rows]

    def trainer_bookings(self, trainer_id: str, start: datetime, end: datetime) -> list[Booking]:
        return self._bookings(TrainerItem.key(trainer_id)[0], start, end)

    def venue_bookings(self, venue_id: str, start: datetime, end: datetime) -> list[Booking]:
        return self._bookings(VenueItem.key(venue_id)[0], start, end)
