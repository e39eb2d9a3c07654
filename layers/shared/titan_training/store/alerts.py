"""Access patterns of the expiry alerts: items lapsing by course and day, the horizons claimed, open alerts.

One aggregate's store over the table binding (store.table). docs/data-model.md lists every pattern.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import UpdateError

from titan_training.domain.errors import ConcurrentChange
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.alerts import AlertStateItem, OpenAlertItem
from titan_training.store.items.base import own_fields
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import ComplianceItemRow, PersonnelItem
from titan_training.store.paging import collect_page, decode_token
from titan_training.store.transaction import Writes


@dataclass(frozen=True)
class ExpiringItem:
    personnel_id: str
    course_id: str
    expiry_date: date


@dataclass(frozen=True)
class AlertState:
    """The horizons published for one worker and course (for the expiry day `expiry_date`)."""

    expiry_date: date
    published: frozenset[int]
    revision: int


@dataclass(frozen=True)
class AlertContext:
    """What a page of alerts is checked against and named with: workers, compliance items, courses."""

    people: dict[str, Any]  # domain.personnel.Personnel by id
    items: dict[tuple[str, str], Any]  # store.personnel.StoredCompliance by (personnel, course)
    courses: dict[str, Any]  # domain.courses.Course by id


@dataclass(frozen=True)
class OpenAlert:
    personnel_id: str
    course_id: str
    expiry_date: date
    horizon: int


def _open_alert(item: OpenAlertItem) -> OpenAlert:
    return OpenAlert(item.personnel_id, item.course_id, date.fromisoformat(item.expiry_date), int(item.horizon))


class AlertStore(AggregateStore):
    def backfill_expiry_keys(self) -> int:
        """Give COMPLIANT items with an expiry, written before the alerts listed them, their ListIndex keys.

        A one-off Scan (a migration, never a request path); each update is conditioned on the item being
        as scanned (`updated_at`), so one written meanwhile (with its keys) is left alone. Returns the updated.
        """
        updated = 0
        missing = (
            ComplianceItemRow.sk.startswith("COMPLIANCE#")
            & (ComplianceItemRow.status == "COMPLIANT")
            & ComplianceItemRow.expiry_date.exists()
            & ComplianceItemRow.list_pk.does_not_exist()
        )
        for item in ComplianceItemRow.scan(filter_condition=missing):
            keys = ComplianceItemRow.expiry_keys(item.personnel_id, item.course_id, item.status, item.expiry_date)
            try:
                item.update(
                    actions=own_fields(ComplianceItemRow, keys),
                    condition=ComplianceItemRow.updated_at == item.updated_at,
                )
                updated += 1
            except UpdateError as refused:
                if refused.cause_response_code != "ConditionalCheckFailedException":
                    raise
        return updated

    def expiring_items(self, course_id: str, first_day: date, last_day: date) -> list[ExpiringItem]:
        """The course's COMPLIANT items whose expiry day is from `first_day` to `last_day`: one Query of
        ListIndex `EXPIRY#<courseId>` by day (the keys only COMPLIANT items with an expiry carry)."""
        results = ComplianceItemRow.by_list.query(
            ComplianceItemRow.expiry_partition(course_id),
            ComplianceItemRow.list_sk.between(first_day.isoformat(), f"{last_day.isoformat()}{chr(2)}"),
            attributes_to_get=["personnel_id", "course_id", "expiry_date"],
        )
        return [ExpiringItem(row.personnel_id, course_id, date.fromisoformat(row.expiry_date)) for row in results]

    def alert_states(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], AlertState]:
        """The published horizons of these (personnel, course) pairs: consistent BatchGetItem, 100 a request."""
        found = self.batch_read(AlertStateItem.key(pid, cid) for pid, cid in pairs)
        states = {}
        for pid, cid in pairs:
            raw = found.get(AlertStateItem.key(pid, cid))
            if raw is not None:
                item = AlertStateItem.from_raw_data(raw)
                states[(pid, cid)] = AlertState(
                    date.fromisoformat(item.expiry_date), frozenset(int(h) for h in item.published), int(item.revision)
                )
        return states

    def claim_horizons(self, item: ExpiringItem, published: set[int], before: AlertState | None, now: datetime) -> bool:
        """Record `published` as the horizons published for the item's expiry day, if the state is still
        `before` (absent, or at its revision): False when another run got there first."""
        revision = before.revision if before else 0
        writes = Writes()
        writes.save(
            AlertStateItem(
                *AlertStateItem.key(item.personnel_id, item.course_id),
                personnel_id=item.personnel_id,
                course_id=item.course_id,
                expiry_date=item.expiry_date.isoformat(),
                published=sorted(published, reverse=True),
                revision=revision + 1,
                updated_at=now,
            ),
            condition=AlertStateItem.pk.does_not_exist() if before is None else AlertStateItem.revision == revision,
            error=ConcurrentChange("Another run claimed these horizons"),
        )
        try:
            writes.commit()
        except ConcurrentChange:
            return False
        return True

    def release_horizons(self, item: ExpiringItem, before: AlertState | None, now: datetime) -> None:
        """Undo a claim whose event could not be published, so the next run publishes it (if still ours)."""
        key = AlertStateItem.key(item.personnel_id, item.course_id)
        revision = before.revision if before else 0
        state = AlertStateItem(
            *key,
            personnel_id=item.personnel_id,
            course_id=item.course_id,
            expiry_date=(before.expiry_date if before else item.expiry_date).isoformat(),
            published=sorted(before.published if before else [], reverse=True),
            revision=revision + 2,
            updated_at=now,
        )
        writes = Writes()
        writes.save(state, condition=AlertStateItem.revision == revision + 1, error=ConcurrentChange("moved on"))
        with contextlib.suppress(ConcurrentChange):
            writes.commit()

    def all_open_alerts(self) -> list[OpenAlert]:
        """Every open alert (ListIndex `ALERT`, every page): the daily run's reconciliation."""
        return [_open_alert(item) for item in OpenAlertItem.by_list.query(OpenAlertItem.PARTITION)]

    def open_alerts(self, alerts: list[OpenAlert], now: datetime) -> None:
        """Put these open alerts (BatchWriteItem, 25 a request)."""
        with OpenAlertItem.batch_write() as batch:
            for alert in alerts:
                list_pk, list_sk = OpenAlertItem.list_key(alert.personnel_id, alert.course_id, str(alert.expiry_date))
                batch.save(
                    OpenAlertItem(
                        *OpenAlertItem.key(alert.personnel_id, alert.course_id),
                        list_pk=list_pk,
                        list_sk=list_sk,
                        personnel_id=alert.personnel_id,
                        course_id=alert.course_id,
                        expiry_date=alert.expiry_date.isoformat(),
                        horizon=alert.horizon,
                        opened_at=now,
                    )
                )

    def clear_alerts(self, pairs: list[tuple[str, str]]) -> None:
        """Delete these (personnel, course) pairs' open alerts (BatchWriteItem, 25 a request)."""
        with OpenAlertItem.batch_write() as batch:
            for pid, cid in pairs:
                batch.delete(OpenAlertItem(*OpenAlertItem.key(pid, cid)))

    def open_alerts_page(self, limit: int, next_token: str | None) -> tuple[list[OpenAlert], str | None]:
        """A page of open alerts, soonest expiry first: Query ListIndex `ALERT`."""
        query = ("ListPK", OpenAlertItem.PARTITION)
        start = decode_token(next_token, query)
        results = OpenAlertItem.by_list.query(OpenAlertItem.PARTITION, limit=limit + 1, last_evaluated_key=start)
        return collect_page(results, limit, _open_alert, query)

    def count_open_alerts(self) -> int:
        """How many alerts are open: a COUNT Query of ListIndex `ALERT` (about 4,000 alerts a request)."""
        return OpenAlertItem.by_list.count(OpenAlertItem.PARTITION)

    def alert_context(self, alerts: list[OpenAlert]) -> AlertContext:
        """The workers, their compliance items (as recorded) and the courses of a page of alerts: one
        consistent BatchGetItem per 100 keys."""
        from titan_training.store.courses import course_view
        from titan_training.store.personnel import StoredCompliance, personnel_view

        keys: list[tuple[str, str]] = []
        for alert in alerts:
            keys += [PersonnelItem.key(alert.personnel_id), ComplianceItemRow.key(alert.personnel_id, alert.course_id)]
            keys.append(CourseItem.key(alert.course_id))
        found = self.batch_read(keys)
        context = AlertContext({}, {}, {})
        for (_, sk), raw in found.items():
            if sk == "PERSONNEL":
                person = personnel_view(PersonnelItem.from_raw_data(raw))
                context.people[person.id] = person
            elif sk == "COURSE":
                course = course_view(CourseItem.from_raw_data(raw))
                context.courses[course.id] = course
            else:
                item = StoredCompliance(ComplianceItemRow.from_raw_data(raw))
                context.items[(item.personnel_id, item.course_id)] = item
        return context
