"""PATCH /api/v1/training/courses/{courseId}: change a course; absent fields stay as they are."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.courses import Course, CoursePatch
from titan_training.services import courses

app = build_resolver()


@app.patch(
    "/api/v1/training/courses/<courseId>",
    operation_id="updateCourse",
    summary="Change a course; absent fields stay as they are.",
    tags=["Courses"],
    responses=responses(200, Course, 404, 409, 422),
)
def update_course(courseId: PathId, patch: CoursePatch) -> Course:
    return courses.update_course(runtime.store(), courseId, patch, utc_now())


lambda_handler = lambda_entry(app, operation="UpdateCourse", allowed_groups=ADMIN_ONLY)
