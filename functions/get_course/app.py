"""GET /api/v1/training/courses/{courseId}: read one course."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.courses import Course
from titan_training.services import courses

app = build_resolver()


@app.get(
    "/api/v1/training/courses/<courseId>",
    operation_id="getCourse",
    summary="Read one course.",
    tags=["Courses"],
    responses=responses(200, Course, 404, 422),
)
def get_course(courseId: PathId) -> Course:
    return courses.get_course(runtime.store(), courseId)


lambda_handler = lambda_entry(app, operation="GetCourse", allowed_groups=ADMIN_OR_TRAINER)
