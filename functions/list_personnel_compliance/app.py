"""GET /api/v1/training/personnel/{personnelId}/compliance: a worker's compliance items, with effective status."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, PathId
from titan_training.domain.base import Page
from titan_training.domain.compliance import ComplianceItem
from titan_training.services import compliance

app = build_resolver()


@app.get(
    "/api/v1/training/personnel/<personnelId>/compliance",
    operation_id="listPersonnelCompliance",
    summary="A worker's compliance items, with effective status.",
    tags=["Compliance"],
    responses=responses(200, Page[ComplianceItem], 404, 422),
)
def list_personnel_compliance(
    personnelId: PathId, limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None
) -> Page[ComplianceItem]:
    return compliance.list_personnel_compliance(runtime.store(), personnelId, limit, next_token, runtime.today())


lambda_handler = lambda_entry(app, operation="ListPersonnelCompliance", allowed_groups=ADMIN_ONLY)
