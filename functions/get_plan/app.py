"""GET /api/v1/training/plans/{planId}: a plan, RUNNING, DONE with its proposal, or FAILED."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.plans import PlanView
from titan_training.services import plans

app = build_resolver()


@app.get(
    "/api/v1/training/plans/<planId>",
    operation_id="getPlan",
    summary="Read a plan: its status and, when DONE, the proposed sessions and the workers left uncovered.",
    tags=["Plans"],
    responses=responses(200, PlanView, 404, 422),
)
def get_plan(planId: PathId) -> PlanView:
    return plans.get_plan(runtime.store(), planId, utc_now())


lambda_handler = lambda_entry(app, operation="GetPlan", allowed_groups=ADMIN_ONLY)
