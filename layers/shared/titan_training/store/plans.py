"""Training plans (issue 13): one item each, written when requested and once more when computed."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pynamodb.exceptions import PutError, UpdateError

from titan_training.domain.errors import Conflict
from titan_training.domain.plans import PLAN_LIFETIME, PlanStatus
from titan_training.store.aggregate import AggregateStore
from titan_training.store.items.plans import PlanItem
from titan_training.store.sessions import SessionStore
from titan_training.store.transaction import Writes

if TYPE_CHECKING:
    from titan_training.domain.history import HistoryEntry
    from titan_training.domain.personnel import Personnel
    from titan_training.domain.sessions import Session


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
        """Create the plan's drafts with their class lists and CREATED entries, and mark the plan accepted,
        all or nothing (`SessionStore.create_sessions`: the plan's write goes with the drafts' listing).
        Ids and instants come from the plan and `begin_acceptance`, so a retry rewrites the same items.
        Raises Conflict if the plan was accepted meanwhile.
        """

        def mark_accepted(writes: Writes) -> None:
            writes.update(
                PlanItem(*PlanItem.key(plan_id)),
                actions=[PlanItem.accepted_at.set(now), PlanItem.accepted_session_ids.set([d.id for d in drafts])],
                condition=(PlanItem.status == PlanStatus.DONE.value) & PlanItem.accepted_at.does_not_exist(),
                error=Conflict(f"Plan {plan_id} was accepted by another request meanwhile"),
            )

        SessionStore(self.table_name, self.transaction_max_items).create_sessions(
            drafts, entries, class_lists, now, also=mark_accepted
        )
