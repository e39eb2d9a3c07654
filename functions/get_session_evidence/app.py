"""GET /api/v1/training/sessions/{sessionId}/evidence: a short-lived download link to the signed sheet."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.evidence import EvidenceLink
from titan_training.services import evidence

app = build_resolver()


@app.get(
    "/api/v1/training/sessions/<sessionId>/evidence",
    operation_id="getSessionEvidence",
    summary="A short-lived download URL of the session's signed attendance sheet.",
    tags=["Post-session"],
    responses=responses(200, EvidenceLink, 404, 422),
)
def get_session_evidence(sessionId: PathId) -> EvidenceLink:
    return evidence.evidence_link(runtime.store(), runtime.evidence(), sessionId, caller(app))


lambda_handler = lambda_entry(app, operation="GetSessionEvidence", allowed_groups=ADMIN_OR_TRAINER)
