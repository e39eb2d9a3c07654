"""GET /api/v1/training/courses/{courseId}/workers: a course's workers with names and status, red first."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken, PathId
from titan_training.domain.base import Page
from titan_training.domain.suggestions import Suggestion
from titan_training.services import suggestions

app = build_resolver()


@app.get(
    "/api/v1/training/courses/<courseId>/workers",
    operation_id="listCourseWorkers",
    summary="A course's active workers with an item, with names and status, in the picker's order (red first).",
    tags=["Compliance"],
    responses=responses(200, Page[Suggestion], 404, 422),
)
def list_course_workers(
    courseId: PathId,
    group: Annotated[
        int | None, Query(ge=1, le=4, description="Only one group: 1 red, 2 yellow, 3 expiring, 4 green.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    next_token: NextToken = None,
) -> Page[Suggestion]:
    return suggestions.course_workers(
        runtime.store(), courseId, group, limit, next_token, runtime.today(), runtime.settings().expiry_warning_days
    )


lambda_handler = lambda_entry(app, operation="ListCourseWorkers", allowed_groups=ADMIN_ONLY)
