"""POST /api/v1/training/sessions/{sessionId}/evidence: a presigned upload for the signed sheet (PDF)."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.evidence import EvidenceUpload
from titan_training.services import evidence

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/<sessionId>/evidence",
    operation_id="requestEvidenceUpload",
    summary="A presigned S3 POST (url, fields, fileKey): one PDF of 20 MB at most; a new one replaces the last.",
    tags=["Post-session"],
    responses=responses(200, EvidenceUpload, 404, 409, 422),
    middlewares=[retry_safe],
)
def request_evidence_upload(sessionId: PathId, idempotency_key: IdempotencyKey = None) -> EvidenceUpload:
    return evidence.request_evidence_upload(runtime.store(), runtime.evidence(), sessionId, caller(app), utc_now())


lambda_handler = lambda_entry(app, operation="RequestEvidenceUpload", allowed_groups=ADMIN_OR_TRAINER)
