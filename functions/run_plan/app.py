"""Invoked asynchronously by POST /plans (event `{"planId": ...}`): compute the plan with CP-SAT."""

from typing import Any

from titan_training.api import runtime
from titan_training.api.observability import count, logger, metrics, tracer
from titan_training.domain.clock import utc_now
from titan_training.services import plans


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    plan_id = str(event["planId"])
    status = plans.run_plan(runtime.store(), plan_id, runtime.today(), runtime.settings().site_timezone, utc_now)
    if status is not None:
        count("ComputedPlans", 1)
    logger.info("Plan computed", extra={"planId": plan_id, "status": status})
    return {"planId": plan_id, "status": status}
