"""GET /api/v1/training/sessions/{sessionId}/attendee-suggestions: the smart picker."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.suggestions import MAX_SUGGESTIONS, Suggestions
from titan_training.services import suggestions

app = build_resolver()


@app.get(
    "/api/v1/training/sessions/<sessionId>/attendee-suggestions",
    operation_id="attendeeSuggestions",
    summary="Who to invite: red, then pending, then expiring soon, then everyone else; listed people left out.",
    tags=["Sessions"],
    responses=responses(200, Suggestions, 404, 422),
)
def attendee_suggestions(
    sessionId: PathId,
    search: Annotated[
        str | None, Query(max_length=200, description="Name, email or employee number; finds anyone active.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS)] = 50,
) -> Suggestions:
    settings = runtime.settings()
    return suggestions.attendee_suggestions(
        runtime.store(), sessionId, search, limit, runtime.today(), settings.expiry_warning_days, utc_now()
    )


lambda_handler = lambda_entry(app, operation="AttendeeSuggestions", allowed_groups=ADMIN_ONLY)
