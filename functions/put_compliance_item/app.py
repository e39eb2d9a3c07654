"""PUT /api/v1/training/personnel/{personnelId}/compliance/{courseId}: record a compliance status."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.compliance import ComplianceItem, ComplianceItemPut
from titan_training.services import compliance

app = build_resolver()


@app.put(
    "/api/v1/training/personnel/<personnelId>/compliance/<courseId>",
    operation_id="putComplianceItem",
    summary="Record a worker's compliance status for a course.",
    tags=["Compliance"],
    responses=responses(200, ComplianceItem, 404, 422),
)
def put_compliance_item(personnelId: PathId, courseId: PathId, item: ComplianceItemPut) -> ComplianceItem:
    return compliance.put_compliance_item(runtime.store(), personnelId, courseId, item, utc_now(), runtime.today())


lambda_handler = lambda_entry(app, operation="PutComplianceItem", allowed_groups=ADMIN_ONLY)
