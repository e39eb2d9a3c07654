"""POST /api/v1/training/competency-records/{recordId}/verify: verify or reject a pending competency."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.records import Verification, VerificationResult
from titan_training.services import records

app = build_resolver()


@app.post(
    "/api/v1/training/competency-records/<recordId>/verify",
    operation_id="verifyCompetencyRecord",
    summary="VERIFIED creates the final PASSED training record (worker COMPLIANT); REJECTED: NON_COMPLIANT.",
    tags=["Records"],
    responses=responses(200, VerificationResult, 404, 409, 422),
    middlewares=[retry_safe],
)
def verify_competency_record(
    recordId: PathId, verification: Verification, idempotency_key: IdempotencyKey = None
) -> VerificationResult:
    return records.verify_competency(
        runtime.store(), recordId, verification, caller(app), utc_now(), runtime.settings().site_timezone
    )


lambda_handler = lambda_entry(app, operation="VerifyCompetencyRecord", allowed_groups=ADMIN_ONLY)
