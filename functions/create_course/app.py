"""POST /api/v1/training/courses: add a course to the library."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.idempotency import IdempotencyKey, retry_safe
from titan_training.api.identity import ADMIN_ONLY
from titan_training.domain.clock import utc_now
from titan_training.domain.courses import Course, CourseCreate
from titan_training.services import courses

app = build_resolver()


@app.post(
    "/api/v1/training/courses",
    operation_id="createCourse",
    summary="Add a course to the library.",
    tags=["Courses"],
    responses=responses(201, Course, 409, 422),
    middlewares=[retry_safe],
)
def create_course(course: CourseCreate, idempotency_key: IdempotencyKey = None) -> Course:
    return courses.create_course(runtime.store(), course, utc_now()), 201


lambda_handler = lambda_entry(app, operation="CreateCourse", allowed_groups=ADMIN_ONLY)
