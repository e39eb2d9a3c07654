"""GET /api/v1/training/courses: list courses by name."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import DEFAULT_LIMIT, Limit, NextToken
from titan_training.domain.base import Page
from titan_training.domain.courses import Course
from titan_training.services import courses

app = build_resolver()


@app.get(
    "/api/v1/training/courses",
    operation_id="listCourses",
    summary="List courses by name.",
    tags=["Courses"],
    responses=responses(200, Page[Course], 422),
)
def list_courses(limit: Limit = DEFAULT_LIMIT, next_token: NextToken = None) -> Page[Course]:
    return courses.list_courses(runtime.store(), limit, next_token)


lambda_handler = lambda_entry(app, operation="ListCourses", allowed_groups=ADMIN_OR_TRAINER)
