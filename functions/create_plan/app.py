"""POST /api/v1/training/plans: ask for a training plan; it is computed in the background (202)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.plans import PlanRequest, PlanView
from titan_training.services import plans

app = build_resolver()


@app.post(
    "/api/v1/training/plans",
    operation_id="createPlan",
    summary="Propose the sessions that train every red, yellow and expiring worker before their due date.",
    description=(
        "Answers 202 with the plan RUNNING; `GET /plans/{planId}` returns it DONE with the proposal (CP-SAT, "
        "within `constraints.timeLimitSeconds`) or FAILED. Demand: per course, the active workers who are "
        "NON_COMPLIANT or PENDING (due by the horizon's end) or whose pass expires inside the horizon (due "
        "before the expiry date), less those on a SCHEDULED session of the course ending in time. Plans "
        "expire after 7 days. 503 when the computation cannot be started (the plan is then FAILED)."
    ),
    tags=["Plans"],
    responses=responses(202, PlanView, 404, 409, 422, 503),
    middlewares=[retry_safe],
)
def create_plan(request: PlanRequest, idempotency_key: IdempotencyKey = None) -> PlanView:
    return plans.request_plan(runtime.store(), request, caller(app), utc_now(), runtime.plan_worker().start), 202


lambda_handler = lambda_entry(app, operation="CreatePlan", allowed_groups=ADMIN_ONLY)
