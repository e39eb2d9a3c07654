"""Access patterns of personnel (the worker directory) and each worker's compliance items."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from titan_training.domain.compliance import ComplianceStatus
from titan_training.domain.errors import Conflict, NotFound
from titan_training.domain.personnel import Personnel, first_match, search_needle, search_tokens
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.alerts import OpenAlertItem
from titan_training.store.items.base import domain_view, own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import ComplianceItemRow, PersonnelItem, PersonnelSearchItem
from titan_training.store.items.unique import UniqueValueItem
from titan_training.store.paging import ListQuery, collect_page, decode_token, encode_token
from titan_training.store.revisions import bump_compliance_revision, bump_directory_revision
from titan_training.store.transaction import Writes
from titan_training.store.unique import changed_unique_value, claim, edited, name_key

# Search entries read per request for each worker a page lists: a worker is listed once, by the
# smallest of their words the search begins, so entries of their other words are read and passed over.
SEARCH_ENTRIES_PER_WORKER = 4
# Query requests one search page may make: a page may then hold fewer workers than asked (or none)
# and still carry a nextToken, when the entries read were other words of workers already listed.
SEARCH_QUERIES_PER_PAGE = 2


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
        **person.model_dump(),
    )


def tokens_of(person: Personnel) -> list[str]:
    return search_tokens(person.first_name, person.last_name, person.email, person.employee_no)


def search_items(person: Personnel) -> list[PersonnelSearchItem]:
    """The worker's search entries: one per word they are found by (docs/data-model.md)."""
    tokens = tokens_of(person)
    person_sort_key = name_key(person.last_name, person.first_name, person.id)
    items = []
    for token in tokens:
        list_pk, list_sk = PersonnelSearchItem.list_key(token, person_sort_key)
        items.append(
            PersonnelSearchItem(
                *PersonnelSearchItem.key(person.id, token),
                list_pk=list_pk,
                list_sk=list_sk,
                tokens=tokens,
                **person.model_dump(),
            )
        )
    return items


def personnel_items(person: Personnel) -> list[PersonnelItem | PersonnelSearchItem]:
    """Everything a worker is stored as: their item and their search entries (for batch loads)."""
    return [personnel_item(person), *search_items(person)]


def personnel_view(item: PersonnelItem) -> Personnel:
    return domain_view(Personnel, item)


def employee_no_claim(person: Personnel) -> tuple[UniqueValueItem, Any, Conflict]:
    """The worker's claim on their employee number (unique, ignoring case), with its condition and error."""
    return claim("EMPLOYEE_NO", person.employee_no, person.id, "Employee number")


def add_update_writes(writes: Writes, before: Personnel, after: Personnel) -> None:
    """What an edit of a worker writes, inside `writes`: their item (if nobody changed it since `before`
    was read), their employee-number claim if it moves, and their search entries."""
    fields = {**edited(after), "list_sk": name_key(after.last_name, after.first_name, after.id)}
    writes.update(
        PersonnelItem(*PersonnelItem.key(after.id)),
        actions=own_fields(PersonnelItem, fields),
        condition=PersonnelItem.updated_at == before.updated_at,
        error=Conflict(f"Personnel {after.id} was changed by another request; reload and try again"),
    )
    changed_unique_value(writes, "EMPLOYEE_NO", "Employee number", after.id, before.employee_no, after.employee_no)
    # Every entry carries the worker's attributes: all are put again, those of lost words deleted.
    old_entries = {entry.sk: entry for entry in search_items(before)}
    new_entries = {entry.sk: entry for entry in search_items(after)}
    for sk in old_entries.keys() - new_entries.keys():
        writes.delete(old_entries[sk])
    for entry in new_entries.values():
        writes.save(entry)


def compliance_row(
    personnel_id: str, course_id: str, status: ComplianceStatus, expiry_date: date | None, now: datetime
) -> ComplianceItemRow:
    """A compliance item as an admin (or an import) puts it: a new baseline, no session outcomes."""
    course_pk, course_sk = ComplianceItemRow.course_key(personnel_id, course_id)
    expiry = expiry_date.isoformat() if expiry_date else None
    return ComplianceItemRow(
        *ComplianceItemRow.key(personnel_id, course_id),
        course_pk=course_pk,
        course_sk=course_sk,
        **ComplianceItemRow.expiry_keys(personnel_id, course_id, status.value, expiry),  # the expiry alerts' key
        personnel_id=personnel_id,
        course_id=course_id,
        status=status.value,
        expiry_date=expiry_date.isoformat() if expiry_date else None,
        updated_at=now,
    )


class PersonnelStore(AggregateStore):
    def create_personnel(self, person: Personnel) -> None:
        writes = Writes()
        writes.save(personnel_item(person), condition=PersonnelItem.pk.does_not_exist())
        for entry in search_items(person):
            writes.save(entry)
        item, condition, error = employee_no_claim(person)
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
        """Personnel by last then first name; `search` lists those with a word it begins (search_personnel)."""
        needle = search_needle(search)
        if needle:
            return self.search_personnel(needle, limit, next_token)
        query = ListQuery(("ListPK", "PERSONNEL"), {"search": ""})
        start = decode_token(next_token, query)
        results = PersonnelItem.by_list.query("PERSONNEL", limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, personnel_view, query)

    def search_personnel(self, needle: str, limit: int, next_token: str | None) -> tuple[list[Personnel], str | None]:
        """Workers with a word beginning `needle`, by that word then name: a prefix query of the search
        entries, which carry the worker's attributes (at most `SEARCH_QUERIES_PER_PAGE` requests, one
        for a rare search), whatever the directory's size.

        Each worker is listed once, by the smallest of their words `needle` begins (first_match), so a
        worker found by two words is on one page only.
        """
        partition = PersonnelSearchItem.partition(needle)
        query = ListQuery(("ListPK", partition), {"search": needle})
        start = decode_token(next_token, query)
        page_size = SEARCH_ENTRIES_PER_WORKER * (limit + 1)
        results = PersonnelSearchItem.by_list.query(
            partition,
            PersonnelSearchItem.list_sk.startswith(needle),
            limit=SEARCH_QUERIES_PER_PAGE * page_size,
            page_size=page_size,
            last_evaluated_key=start,
        )
        listed: list[Personnel] = []
        resume_after = None
        for entry in results:
            if entry.sk != PersonnelSearchItem.key(entry.id, first_match(entry.tokens, needle) or "")[1]:
                continue
            if len(listed) == limit:
                break
            listed.append(personnel_view(entry))
            resume_after = results.last_evaluated_key
        else:
            # Every entry read is listed or passed over: resume after the last one, if DynamoDB has more.
            resume_after = results.last_evaluated_key
        return listed, encode_token(resume_after, query)

    def update_personnel(self, before: Personnel, after: Personnel) -> None:
        writes = Writes()
        add_update_writes(writes, before, after)
        writes.commit()
        bump_directory_revision()

    def search_entries_missing(self) -> bool:
        """Whether the directory predates search entries: its first worker has none (2 requests)."""
        first = next(iter(PersonnelItem.by_list.query("PERSONNEL", limit=1)), None)
        if first is None:
            return False
        try:
            PersonnelSearchItem.get(*PersonnelSearchItem.key(first.id, tokens_of(personnel_view(first))[0]))
        except PersonnelSearchItem.DoesNotExist:
            return True
        return False

    def backfill_search_entries(self) -> int:
        """Write every worker's search entries (a table from before they existed); returns the workers.

        Puts only (BatchWriteItem, 25 a request), so running it again rewrites the same items. A
        worker edited while it runs may keep an entry of their old words and attributes: run it
        when the directory is quiet (docs/data-model.md, "Back-filling").
        """
        workers = 0
        with PersonnelSearchItem.batch_write() as batch:
            for item in PersonnelItem.by_list.query("PERSONNEL"):
                for entry in search_items(personnel_view(item)):
                    batch.save(entry)
                workers += 1
        return workers

    # --- Compliance items ---------------------------------------------------------------------

    def put_compliance_item(
        self, personnel_id: str, course_id: str, status: ComplianceStatus, expiry_date: date | None, now: datetime
    ) -> StoredCompliance:
        """Write one item, then move the course's compliance revision on (the picker's cache is stale).

        Both the person and the course must exist; the condition checks make that hold even if
        either is being created or changed at the same moment.
        """
        row = compliance_row(personnel_id, course_id, status, expiry_date, now)
        writes = Writes()
        writes.check(
            PersonnelItem,
            PersonnelItem.key(personnel_id),
            condition=PersonnelItem.pk.exists(),
            error=NotFound("Personnel", personnel_id),
        )
        writes.check(CourseItem, CourseItem.key(course_id), CourseItem.pk.exists(), NotFound("Course", course_id))
        writes.save(row)
        # News about the item clears its open expiry alert; the daily run opens it again if still due.
        writes.delete(OpenAlertItem(*OpenAlertItem.key(personnel_id, course_id)))
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
