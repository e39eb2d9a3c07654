"""PATCH /api/v1/training/sessions/{sessionId}/attendance: mark who came and how they did."""

from titan_training.api import runtime
from titan_training.api.http import build_resolver, caller, lambda_entry, responses
from titan_training.api.identity import ADMIN_OR_TRAINER
from titan_training.api.params import PathId
from titan_training.domain.clock import utc_now
from titan_training.domain.records import AttendanceRecorded, AttendanceSheet
from titan_training.services import records

app = build_resolver()


@app.patch(
    "/api/v1/training/sessions/<sessionId>/attendance",
    operation_id="recordAttendance",
    summary="Mark attendees ATTENDED or NO_SHOW (a result only with ATTENDED); repeatable until finalize.",
    tags=["Post-session"],
    responses=responses(200, AttendanceRecorded, 404, 409, 422),
)
def record_attendance(sessionId: PathId, sheet: AttendanceSheet) -> AttendanceRecorded:
    return records.record_attendance(runtime.store(), sessionId, sheet, caller(app), utc_now())


lambda_handler = lambda_entry(app, operation="RecordAttendance", allowed_groups=ADMIN_OR_TRAINER)
