"""Scheduled (EventBridge, daily): publish `ComplianceExpiring` events and keep the open expiry alerts."""

from typing import Any

from titan_training.api import runtime
from titan_training.api.observability import count, logger, metrics, tracer
from titan_training.domain.clock import utc_now
from titan_training.services import alerts


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    summary = alerts.run_expiry_alerts(
        runtime.store(), runtime.events(), runtime.today(), runtime.settings().expiry_warning_days, utc_now()
    )
    count("PublishedComplianceExpiring", summary["published"])
    logger.info("Expiry alerts run", extra=summary)
    return summary
