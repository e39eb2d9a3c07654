"""GET /api/v1/training/alerts: the open expiry alerts, soonest expiry first, with their total."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.alerts import ExpiryAlertPage
from titan_training.services import alerts

app = build_resolver()


@app.get(
    "/api/v1/training/alerts",
    operation_id="listExpiryAlerts",
    summary="Open expiry alerts: workers whose compliance lapses within a horizon, not booked nor renewed.",
    tags=["Compliance"],
    responses=responses(200, ExpiryAlertPage, 422),
)
def list_expiry_alerts(limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None) -> ExpiryAlertPage:
    return alerts.list_alerts(runtime.store(), runtime.today(), limit, next_token)


lambda_handler = lambda_entry(app, operation="ListExpiryAlerts", allowed_groups=ADMIN_ONLY)
