"""GET /api/v1/training/compliance/summary: the compliance dashboard, red/yellow/expiring/green per course."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.suggestions import ComplianceSummary
from titan_training.services import suggestions

app = build_resolver()


@app.get(
    "/api/v1/training/compliance/summary",
    operation_id="complianceSummary",
    summary="Per course, how many active workers are red, yellow (pending), expiring and green.",
    description=(
        "The smart picker's groups, counted: red is NON_COMPLIANT (including a COMPLIANT item past its "
        "expiry), yellow PENDING, expiring a COMPLIANT item expiring within EXPIRY_WARNING_DAYS of today "
        "on the site's calendar, green any other COMPLIANT item. Active workers with an item only."
    ),
    tags=["Compliance"],
    responses=responses(200, ComplianceSummary, 422),
)
def compliance_summary() -> ComplianceSummary:
    return suggestions.compliance_summary(runtime.store(), runtime.today(), runtime.settings().expiry_warning_days)


lambda_handler = lambda_entry(app, operation="ComplianceSummary", allowed_groups=ADMIN_ONLY)
