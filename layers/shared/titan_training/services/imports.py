"""Spreadsheet imports of personnel and compliance items: read the file, validate each row with the
single-item API's own models, match rows to what is stored, and (unless a dry run) write the difference.

Idempotent: a row that matches what is stored is `unchanged` and writes nothing, so importing the same
file again (or a retried call) changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from titan_training.domain.compliance import ComplianceItemPut
from titan_training.domain.ids import new_id
from titan_training.domain.imports import (
    COMPLIANCE_COLUMNS,
    PERSONNEL_COLUMNS,
    CsvRow,
    Describe,
    ImportedRow,
    ImportReport,
    RefusedRow,
    body_text,
    flag_cell,
    read_rows,
    reason_of,
)
from titan_training.domain.personnel import Personnel, PersonnelCreate
from titan_training.store.personnel import compliance_row
from titan_training.store.table import TrainingTable

# The worker's fields a personnel row sets; `email` and `active` only when the file has them.
PERSONNEL_FIELDS = ("first_name", "last_name", "employee_no", "email", "active")


def _claim_form(value: str) -> str:
    """A unique value as its claim compares it (store.items.unique.UniqueValueItem.key): stripped, lower case."""
    return value.strip().lower()


class _Report:
    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.created: list[ImportedRow] = []
        self.changed: list[ImportedRow] = []
        self.unchanged = 0
        self.refused: list[RefusedRow] = []

    def refuse(self, row: int, reason: str) -> None:
        self.refused.append(RefusedRow(row=row, reason=reason))

    def done(self, dry_run: bool) -> ImportReport:
        return ImportReport(
            dry_run=dry_run,
            rows=self.rows,
            created=sorted(self.created, key=lambda r: r.row),
            changed=sorted(self.changed, key=lambda r: r.row),
            unchanged=self.unchanged,
            refused=sorted(self.refused, key=lambda r: r.row),
        )


def _first_of_each(
    valid: list[tuple[CsvRow, str, object]], report: _Report, label: str
) -> list[tuple[CsvRow, str, object]]:
    """Rows whose key appears again later in the file are refused (the first one is imported)."""
    first: dict[str, int] = {}
    kept = []
    for row, key, value in valid:
        if key in first:
            report.refuse(row.row, f"{label} is also on row {first[key]}: a file may list it once")
            continue
        first[key] = row.row
        kept.append((row, key, value))
    return kept


def import_personnel(
    store: TrainingTable,
    body: str | bytes | None,
    media_type: str | None,
    dry_run: bool,
    now: datetime,
    describe: Describe,
) -> ImportReport:
    rows = read_rows(body_text(body, media_type), PERSONNEL_COLUMNS)
    report = _Report(len(rows))
    valid: list[tuple[CsvRow, str, object]] = []
    for row in rows:
        person = _personnel_row(row, report, describe)
        if person is not None:
            valid.append((row, _claim_form(person.employee_no), person))
    valid = _first_of_each(valid, report, "employee number")
    owners = store.imports.claim_owners("EMPLOYEE_NO", [key for _, key, _ in valid])
    stored = store.imports.personnel_by_id(owners.values())
    creates: list[Personnel] = []
    claimed: set[str] = set()
    edits: list[tuple[Personnel, Personnel]] = []
    rows_of: dict[str, int] = {}
    for row, key, new in valid:
        assert isinstance(new, PersonnelCreate)
        given = new.model_dump(include={"first_name", "last_name", "employee_no"} | _optional_fields(row, new))
        before = stored.get(owners.get(key, ""))
        if before is None:
            # A claim without its worker: an earlier import stopped half-way; this one completes it.
            person_id = owners.get(key) or new_id()
            if key in owners:
                claimed.add(person_id)
            person = Personnel(id=person_id, created_at=now, updated_at=now, **new.model_dump())
            creates.append(person)
            rows_of[person.id] = row.row
            report.created.append(
                ImportedRow(row=row.row, employee_no=person.employee_no, personnel_id=None if dry_run else person.id)
            )
            continue
        changes = {field: value for field, value in given.items() if getattr(before, field) != value}
        if not changes:
            report.unchanged += 1
            continue
        edits.append((before, before.model_copy(update={**changes, "updated_at": now})))
        rows_of[before.id] = row.row
        report.changed.append(
            ImportedRow(
                row=row.row,
                employee_no=before.employee_no,
                personnel_id=before.id,
                fields=[to_camel(field) for field in PERSONNEL_FIELDS if field in changes],
            )
        )
    if dry_run:
        return report.done(dry_run=True)
    refused = store.imports.create_personnel_many(creates, claimed)
    refused |= store.imports.update_personnel_many(edits)
    for person_id, error in refused.items():
        report.refuse(rows_of[person_id], error.message)
    report.created = [item for item in report.created if item.personnel_id not in refused]
    report.changed = [item for item in report.changed if item.personnel_id not in refused]
    if report.created or report.changed:
        store.imports.directory_changed()
    return report.done(dry_run=False)


def _optional_fields(row: CsvRow, new: PersonnelCreate) -> set[str]:
    """`email` when the file has the column; `active` when the row's cell says it (blank: left as it is)."""
    fields = set()
    if "email" in row.cells:
        fields.add("email")
    if row.cells.get("active", "").strip():
        fields.add("active")
    return fields


def _personnel_row(row: CsvRow, report: _Report, describe: Describe) -> PersonnelCreate | None:
    if row.problem:
        report.refuse(row.row, row.problem)
        return None
    values: dict[str, object] = {key: row.cells[key] for key in ("firstName", "lastName", "employeeNo")}
    if "email" in row.cells:
        values["email"] = row.cells["email"]
    try:
        active = flag_cell(row.cells.get("active", ""))
    except ValueError as bad:
        report.refuse(row.row, reason_of([("active", str(bad))], PERSONNEL_COLUMNS))
        return None
    if active is not None:
        values["active"] = active
    try:
        return PersonnelCreate.model_validate(values)
    except ValidationError as invalid:
        report.refuse(row.row, reason_of(describe(list(invalid.errors())), PERSONNEL_COLUMNS))
        return None


def import_compliance(
    store: TrainingTable,
    body: str | bytes | None,
    media_type: str | None,
    dry_run: bool,
    now: datetime,
    describe: Describe,
) -> ImportReport:
    rows = read_rows(body_text(body, media_type), COMPLIANCE_COLUMNS)
    report = _Report(len(rows))
    valid: list[tuple[CsvRow, str, object]] = []
    for row in rows:
        item = _compliance_row(row, report, describe)
        if item is not None:
            employee_no, course_code = row.cells["employeeNo"].strip(), row.cells["courseCode"].strip()
            valid.append((row, f"{_claim_form(employee_no)}\n{_claim_form(course_code)}", item))
    valid = _first_of_each(valid, report, "this employee number and course code")
    owners = store.imports.claim_owners("EMPLOYEE_NO", [row.cells["employeeNo"] for row, _, _ in valid])
    courses = store.imports.claim_owners("COURSE_CODE", [row.cells["courseCode"] for row, _, _ in valid])
    found: list[tuple[CsvRow, str, str, ComplianceItemPut]] = []
    for row, _, item in valid:
        assert isinstance(item, ComplianceItemPut)
        employee_no, course_code = row.cells["employeeNo"].strip(), row.cells["courseCode"].strip()
        personnel_id, course_id = owners.get(_claim_form(employee_no)), courses.get(_claim_form(course_code))
        if personnel_id is None:
            report.refuse(row.row, f"employee number: no worker has employee number '{employee_no}'")
        elif course_id is None:
            report.refuse(row.row, f"course code: no course has code '{course_code}'")
        else:
            found.append((row, personnel_id, course_id, item))
    stored = store.imports.compliance_items((personnel_id, course_id) for _, personnel_id, course_id, _ in found)
    writes = []
    for row, personnel_id, course_id, item in found:
        before = stored.get((personnel_id, course_id))
        fields = []
        if before is not None and before.status != item.status:
            fields.append("status")
        if before is not None and before.expiry_date != item.expiry_date:
            fields.append("expiryDate")
        if before is not None and not fields:
            report.unchanged += 1
            continue
        imported = ImportedRow(
            row=row.row,
            employee_no=row.cells["employeeNo"].strip(),
            personnel_id=personnel_id,
            course_code=row.cells["courseCode"].strip(),
            course_id=course_id,
            fields=fields,
        )
        (report.changed if before is not None else report.created).append(imported)
        writes.append(compliance_row(personnel_id, course_id, item.status, item.expiry_date, now))
    if dry_run:
        return report.done(dry_run=True)
    store.imports.put_compliance_many(writes)
    store.imports.compliance_changed((row.course_id for row in writes), now)
    return report.done(dry_run=False)


def _compliance_row(row: CsvRow, report: _Report, describe: Describe) -> ComplianceItemPut | None:
    if row.problem:
        report.refuse(row.row, row.problem)
        return None
    blank = [key for key in ("employeeNo", "courseCode") if not row.cells[key].strip()]
    if blank:
        report.refuse(row.row, reason_of([(key, "is required") for key in blank], COMPLIANCE_COLUMNS))
        return None
    values = {"status": row.cells["status"].strip().upper(), "expiryDate": row.cells.get("expiryDate", "").strip()}
    try:
        return ComplianceItemPut.model_validate({**values, "expiryDate": values["expiryDate"] or None})
    except ValidationError as invalid:
        report.refuse(row.row, reason_of(describe(list(invalid.errors())), COMPLIANCE_COLUMNS))
        return None
