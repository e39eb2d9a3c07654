"""POST /api/v1/training/sessions/{sessionId}/finalize: the Finalize Gate."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.records import Finalized
from titan_training.services import records

app = build_resolver()


@app.post(
    "/api/v1/training/sessions/<sessionId>/finalize",
    operation_id="finalizeSession",
    summary="Write the records in one all-or-nothing step and update compliance; repeating it changes nothing.",
    tags=["Post-session"],
    responses=responses(200, Finalized, 404, 409, 422),
    middlewares=[retry_safe],
)
def finalize_session(sessionId: PathId, idempotency_key: IdempotencyKey = None) -> Finalized:
    return records.finalize_session(
        runtime.store(), runtime.evidence(), sessionId, caller(app), utc_now(), runtime.settings().site_timezone
    )


lambda_handler = lambda_entry(app, operation="FinalizeSession", allowed_groups=ADMIN_ONLY)
