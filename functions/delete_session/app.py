"""DELETE /api/v1/training/sessions/{sessionId}: soft-delete a DRAFT or CANCELLED session."""

from http import HTTPStatus

from aws_lambda_powertools.event_handler import Response

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.services import sessions

app = build_resolver()


@app.delete(
    "/api/v1/training/sessions/<sessionId>",
    operation_id="deleteSession",
    summary="Soft delete (sets deletedAt) of a DRAFT or CANCELLED session; it disappears from reads.",
    tags=["Sessions"],
    responses=responses(204, None, 404, 409, 422),
)
def delete_session(sessionId: PathId) -> Response[None]:
    sessions.delete_session(runtime.store(), sessionId, caller(app), utc_now())
    return Response(status_code=HTTPStatus.NO_CONTENT)


lambda_handler = lambda_entry(app, operation="DeleteSession", allowed_groups=ADMIN_ONLY)
