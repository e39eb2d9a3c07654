"""Access patterns of personnel (the worker directory) and each worker's compliance items."""

from __future__ import annotations

from datetime import date, datetime

from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.errors import Conflict, NotFound
from titan_training.domain.personnel import Personnel, search_text
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items import ComplianceItemRow, CourseItem, PersonnelItem, domain_view, own_fields
from titan_training.store.paging import ListQuery, collect_page, decode_token
from titan_training.store.revisions import bump_compliance_revision, bump_directory_revision
from titan_training.store.transaction import Writes
from titan_training.store.unique import changed_unique_value, claim, edited, name_key

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


def personnel_item(person: Personnel) -> PersonnelItem:
    return PersonnelItem(
        *PersonnelItem.key(person.id),
        list_pk="PERSONNEL",
        list_sk=name_key(person.last_name, person.first_name, person.id),
        search_text=search_text(person.first_name, person.last_name, person.email, person.employee_no),
        **person.model_dump(),
    )


def personnel_view(item: PersonnelItem) -> Personnel:
    return domain_view(Personnel, item)


class PersonnelStore(AggregateStore):
    def create_personnel(self, person: Personnel) -> None:
        writes = Writes()
        writes.save(personnel_item(person), condition=PersonnelItem.pk.does_not_exist())
        item, condition, error = claim("EMPLOYEE_NO", person.employee_no, person.id, "Employee number")
        writes.save(item, condition=condition, error=error)
        writes.commit()
        bump_directory_revision()

    def get_personnel(self, personnel_id: str) -> Personnel | None:
        try:
            return personnel_view(PersonnelItem.get(*PersonnelItem.key(personnel_id), consistent_read=True))
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
        return collect_page(results, limit, personnel_view, query)

    def update_personnel(self, before: Personnel, after: Personnel) -> None:
        writes = Writes()
        fields = {
            **edited(after),
            "list_sk": name_key(after.last_name, after.first_name, after.id),
            "search_text": search_text(after.first_name, after.last_name, after.email, after.employee_no),
        }
        writes.update(
            PersonnelItem(*PersonnelItem.key(after.id)),
            actions=own_fields(PersonnelItem, fields),
            condition=PersonnelItem.updated_at == before.updated_at,
            error=Conflict(f"Personnel {after.id} was changed by another request; reload and try again"),
        )
        changed_unique_value(writes, "EMPLOYEE_NO", "Employee number", after.id, before.employee_no, after.employee_no)
        writes.commit()
        bump_directory_revision()

    # --- Compliance items ---------------------------------------------------------------------

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
        bump_compliance_revision(course_id, now)
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

    def get_personnel_many(self, personnel_ids: list[str]) -> dict[str, Personnel]:
        keys = [PersonnelItem.key(personnel_id) for personnel_id in personnel_ids]
        return {item.id: personnel_view(item) for item in PersonnelItem.batch_get(keys)}
