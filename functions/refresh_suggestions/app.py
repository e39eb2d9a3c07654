"""Scheduled (EventBridge): recompute the smart picker's stale per-course rankings."""

from typing import Any

from titan_training.api import runtime
from titan_training.api.observability import count, logger, metrics, tracer
from titan_training.domain.clock import utc_now
from titan_training.services import suggestions


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    summary = suggestions.refresh_rankings(
        runtime.store(), runtime.today(), runtime.settings().expiry_warning_days, utc_now()
    )
    count("RefreshedSuggestionRankings", summary["refreshed"])
    logger.info("Picker rankings refreshed", extra=summary)
    return summary
