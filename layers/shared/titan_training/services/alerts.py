"""Expiry alerts: the daily run (publish `ComplianceExpiring`, keep the open alerts) and `GET /alerts`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from titan_training.domain.alerts import (
    EVENT_DETAIL_TYPE,
    EVENT_SOURCE,
    ComplianceExpiring,
    ExpiryAlert,
    ExpiryAlertPage,
    course_horizons,
    days_left,
    reached,
)
from titan_training.domain.compliance import ComplianceStatus
from titan_training.store.alerts import AlertContext, ExpiringItem, OpenAlert
from titan_training.store.event_bus import DomainEvent, EventPublisher
from titan_training.store.table import TrainingTable

# A session that started up to this long ago and is not yet finalized still counts as the booking.
BOOKED_SINCE_DAYS = 30


def run_expiry_alerts(
    store: TrainingTable, publisher: EventPublisher, today: date, expiry_warning_days: int, now: datetime
) -> dict[str, int]:
    """Publish one event per worker and course whose item reached a horizon not yet published for its
    expiry day (claimed first with a conditional write, so concurrent runs publish it once), and make the
    open alerts exactly the active, not booked workers whose item is within a horizon.

    Requests: the courses, then per course one Query of its lapsing items and one of its open sessions
    (and one per open session for its class list), then BatchGets of the candidates' workers and alert
    states (100 a request), one conditional write per claim, and the open alerts' reconciliation.
    """
    due: dict[tuple[str, str], OpenAlert] = {}
    published = 0
    for course in store.courses.all_courses():
        horizons = course_horizons(course.expiry_alert_days, expiry_warning_days)
        if not horizons:
            continue
        items = store.alerts.expiring_items(course.id, today, today + timedelta(days=max(horizons)))
        if not items:
            continue
        people = store.personnel.get_personnel_many(sorted({item.personnel_id for item in items}))
        items = [item for item in items if item.personnel_id in people and people[item.personnel_id].active]
        since = datetime.combine(today - timedelta(days=BOOKED_SINCE_DAYS), time(), tzinfo=now.tzinfo)
        booked = store.sessions.booked_personnel(course.id, since) if items else set()
        states = store.alerts.alert_states([(item.personnel_id, item.course_id) for item in items])
        events: list[tuple[ExpiringItem, Any, DomainEvent]] = []
        for item in items:
            left = days_left(item.expiry_date, today)
            now_reached = reached(horizons, left)
            if not now_reached:
                continue
            if item.personnel_id not in booked:
                due[(item.personnel_id, item.course_id)] = OpenAlert(
                    item.personnel_id, item.course_id, item.expiry_date, min(now_reached)
                )
            before = states.get((item.personnel_id, item.course_id))
            done = before.published if before and before.expiry_date == item.expiry_date else frozenset()
            if not now_reached - done:
                continue
            claimed = store.alerts.claim_horizons(item, set(done | now_reached), before, now)
            if not claimed:
                continue
            detail = ComplianceExpiring(
                personnel_id=item.personnel_id,
                course_id=item.course_id,
                expiry_date=item.expiry_date,
                days_left=left,
                horizon=min(now_reached - done),
            )
            event = DomainEvent(EVENT_SOURCE, EVENT_DETAIL_TYPE, detail.model_dump(mode="json", by_alias=True))
            events.append((item, before, event))
        failed = publisher.publish([event for _, _, event in events]) if events else []
        for item, before, event in events:
            if event in failed:  # not delivered: give the horizons back, so the next run publishes them
                store.alerts.release_horizons(item, before, now)
        published += len(events) - len(failed)
    opened, cleared = _reconcile(store, due, now)
    return {"published": published, "open": len(due), "opened": opened, "cleared": cleared}


def _reconcile(store: TrainingTable, due: dict[tuple[str, str], OpenAlert], now: datetime) -> tuple[int, int]:
    """Open what is due and not open as it should be; clear what is open and no longer due."""
    current = {(alert.personnel_id, alert.course_id): alert for alert in store.alerts.all_open_alerts()}
    stale = [pair for pair in current if pair not in due]
    changed = [alert for pair, alert in due.items() if current.get(pair) != alert]
    if stale:
        store.alerts.clear_alerts(stale)
    if changed:
        store.alerts.open_alerts(changed, now)
    return len(changed), len(stale)


def list_alerts(store: TrainingTable, today: date, limit: int, next_token: str | None) -> ExpiryAlertPage:
    """A page of open alerts, soonest first, each checked against its worker and item as they are now:
    one booked (its alert cleared with the booking) or renewed since is never listed, even before the
    next daily run. Requests: the page, the count, one BatchGetItem per 33 alerts."""
    alerts, token = store.alerts.open_alerts_page(limit, next_token)
    total = store.alerts.count_open_alerts()
    context = store.alerts.alert_context(alerts)
    items = [listed for alert in alerts if (listed := _still_open(alert, context, today)) is not None]
    return ExpiryAlertPage(items=items, next_token=token, total=total, today=today)


def _still_open(alert: OpenAlert, context: AlertContext, today: date) -> ExpiryAlert | None:
    person = context.people.get(alert.personnel_id)
    item = context.items.get((alert.personnel_id, alert.course_id))
    course = context.courses.get(alert.course_id)
    if person is None or item is None or course is None or not person.active:
        return None
    left = days_left(alert.expiry_date, today)
    if item.status is not ComplianceStatus.COMPLIANT or item.expiry_date != alert.expiry_date or left < 0:
        return None  # renewed (or changed) since the alert opened, or lapsed
    return ExpiryAlert(
        personnel_id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        employee_no=person.employee_no,
        course_id=course.id,
        course_name=course.name,
        course_code=course.code,
        expiry_date=alert.expiry_date,
        days_left=left,
        horizon=alert.horizon,
    )
