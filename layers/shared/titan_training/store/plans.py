"""Training plans (issue 13): one item each, written when requested and once more when computed."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pynamodb.exceptions import PutError, UpdateError

from titan_training.domain.clock import format_instant
from titan_training.domain.errors import Conflict
from titan_training.domain.plans import PLAN_LIFETIME, PlanStatus
from titan_training.store.aggregate import AggregateStore
from titan_training.store.history import history_item
from titan_training.store.items import PlanItem, SessionItem, own_fields
from titan_training.store.sessions import attendee_item, session_item
from titan_training.store.transaction import Writes

if TYPE_CHECKING:
    from titan_training.domain.history import HistoryEntry
    from titan_training.domain.personnel import Personnel
    from titan_training.domain.sessions import Session

# A session's index keys (SessionItem.index_keys): a draft written without them is in no list.
INDEX_ATTRIBUTES = (
    "list_pk",
    "list_sk",
    "course_pk",
    "course_sk",
    "trainer_pk",
    "trainer_sk",
    "venue_pk",
    "venue_sk",
    "status_pk",
    "status_sk",
)


@dataclass(frozen=True)
class StoredPlan:
    """A plan as stored: the request as JSON, the result (a dict) once DONE."""

    plan_id: str
    status: PlanStatus
    request: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    completed_at: datetime | None
    result: dict[str, Any] | None
    error: str | None
    accepted_at: datetime | None = None
    accepted_session_ids: list[str] | None = None


def _stored(item: PlanItem) -> StoredPlan:
    return StoredPlan(
        plan_id=item.pk.removeprefix("PLAN#"),
        status=PlanStatus(item.status),
        request=item.request,
        created_by=item.created_by,
        created_at=item.created_at,
        expires_at=item.created_at + PLAN_LIFETIME,
        completed_at=item.completed_at,
        result=json.loads(zlib.decompress(item.result)) if item.result else None,
        error=item.error,
        accepted_at=item.accepted_at,
        accepted_session_ids=list(item.accepted_session_ids) if item.accepted_session_ids else None,
    )


class PlanStore(AggregateStore):
    def create_plan(self, plan_id: str, request_json: str, created_by: str, now: datetime) -> StoredPlan:
        """A RUNNING plan; the id is new, so the write only guards against reuse."""
        item = PlanItem(
            *PlanItem.key(plan_id),
            status=PlanStatus.RUNNING.value,
            request=request_json,
            created_by=created_by,
            created_at=now,
            expiration=int((now + PLAN_LIFETIME).timestamp()),
        )
        try:
            item.save(condition=PlanItem.pk.does_not_exist())
        except PutError as refused:
            if refused.cause_response_code == "ConditionalCheckFailedException":
                raise Conflict(f"Plan {plan_id} already exists") from None
            raise
        return _stored(item)

    def get_plan(self, plan_id: str, now: datetime) -> StoredPlan | None:
        """The plan, consistently; None when there is none or it has expired (DynamoDB's TTL deletes
        lazily, so an expired one is treated as gone here)."""
        try:
            item = PlanItem.get(*PlanItem.key(plan_id), consistent_read=True)
        except PlanItem.DoesNotExist:
            return None
        plan = _stored(item)
        return None if plan.expires_at <= now else plan

    def finish_plan(
        self, plan_id: str, status: PlanStatus, now: datetime, result: dict[str, Any] | None, error: str | None
    ) -> bool:
        """RUNNING -> DONE (with the result) or FAILED (with the error), once: False if it was not RUNNING
        (a retried invocation after the first one finished)."""
        actions = [PlanItem.status.set(status.value), PlanItem.completed_at.set(now)]
        if result is not None:
            actions.append(PlanItem.result.set(zlib.compress(json.dumps(result).encode(), 6)))
        if error is not None:
            actions.append(PlanItem.error.set(error[:1000]))
        try:
            PlanItem(*PlanItem.key(plan_id)).update(
                actions=actions, condition=PlanItem.status == PlanStatus.RUNNING.value
            )
        except UpdateError as refused:
            if refused.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def begin_acceptance(self, plan_id: str, now: datetime) -> datetime:
        """The instant this plan's acceptance began: `now` on the first attempt, the first attempt's on a
        retry (so a retry writes the very same drafts and history entries). Raises Conflict if the plan is
        no longer DONE and unaccepted."""
        item = PlanItem(*PlanItem.key(plan_id))
        try:
            item.update(
                actions=[PlanItem.accepting_at.set(PlanItem.accepting_at | now)],
                condition=(PlanItem.status == PlanStatus.DONE.value) & PlanItem.accepted_at.does_not_exist(),
            )
        except UpdateError as refused:
            if refused.cause_response_code == "ConditionalCheckFailedException":
                raise Conflict(f"Plan {plan_id} was accepted by another request meanwhile") from None
            raise
        return item.accepting_at

    def accept_plan(
        self,
        plan_id: str,
        drafts: list[Session],
        class_lists: dict[str, list[Personnel]],
        entries: list[HistoryEntry],
        now: datetime,
    ) -> None:
        """Create the plan's drafts with their class lists and their history entries, all or nothing, and
        mark the plan accepted.

        The drafts, their attendees and their CREATED entries are written first, in transactions of up
        to `transaction_max_items`, without the drafts' index keys: no list shows them (ids and instants
        come from the plan and `begin_acceptance`, so a retry rewrites the same items). One last
        transaction then marks the plan accepted (if it is DONE and not accepted yet) and gives every
        draft its index keys, so they appear together or not at all. A refused or interrupted
        acceptance leaves only unlisted items behind, which a retry completes. Raises Conflict if the
        plan was accepted meanwhile; at most `transaction_max_items - 1` drafts at once.
        """
        if len(drafts) > self.transaction_max_items - 1:
            raise ValueError(f"at most {self.transaction_max_items - 1} drafts can be accepted at once")
        hidden: list = []
        for draft, created in zip(drafts, entries, strict=True):
            item = session_item(draft, None)
            for name in INDEX_ATTRIBUTES:
                setattr(item, name, None)
            hidden.append(item)
            hidden += [attendee_item(draft.id, person, now) for person in class_lists[draft.id]]
            hidden.append(history_item(created))
        for first in range(0, len(hidden), self.transaction_max_items):
            writes = Writes()
            for item in hidden[first : first + self.transaction_max_items]:
                writes.save(item)
            writes.commit()
        commit = Writes()
        commit.update(
            PlanItem(*PlanItem.key(plan_id)),
            actions=[PlanItem.accepted_at.set(now), PlanItem.accepted_session_ids.set([d.id for d in drafts])],
            condition=(PlanItem.status == PlanStatus.DONE.value) & PlanItem.accepted_at.does_not_exist(),
            error=Conflict(f"Plan {plan_id} was accepted by another request meanwhile"),
        )
        for draft in drafts:
            keys = SessionItem.index_keys(
                draft.id,
                format_instant(draft.start_time),
                draft.status.value,
                draft.course_id,
                draft.trainer_id,
                draft.venue_id,
            )
            commit.update(
                SessionItem(*SessionItem.key(draft.id)),
                actions=own_fields(SessionItem, {name: value for name, value in keys.items() if value is not None}),
                condition=SessionItem.pk.exists() & SessionItem.list_pk.does_not_exist(),
                error=Conflict(f"Session {draft.id} of plan {plan_id} was changed meanwhile"),
            )
        commit.commit()
