"""POST /api/v1/training/plans/{planId}/accept: create the plan's sessions as drafts, all or nothing."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Body

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.plans import AcceptedPlan, PlanAcceptance
from titan_training.services import plans

app = build_resolver()


@app.post(
    "/api/v1/training/plans/<planId>/accept",
    operation_id="acceptPlan",
    summary="Create the proposed sessions (all, or the positions named) as drafts with their class lists.",
    description=(
        "All or nothing, once per plan. The drafts carry the plan's trainer, venue, times and class list, and "
        "`planId`; each is then scheduled as any draft, through every check. 409 when the plan is not DONE, "
        "was accepted already, or relied on something that has changed since (a trainer or venue booked "
        "meanwhile, a worker added to another session of the course, ...): the message names each change, "
        "and the admin asks for a new plan."
    ),
    tags=["Plans"],
    responses=responses(201, AcceptedPlan, 404, 409, 422),
    middlewares=[retry_safe],
)
def accept_plan(
    planId: PathId,
    acceptance: Annotated[PlanAcceptance | None, Body()] = None,
    idempotency_key: IdempotencyKey = None,
) -> AcceptedPlan:
    site_timezone = runtime.settings().site_timezone
    accepted = plans.accept_plan(runtime.store(), planId, acceptance, caller(app), utc_now(), site_timezone)
    return accepted, 201


lambda_handler = lambda_entry(app, operation="AcceptPlan", allowed_groups=ADMIN_ONLY)
