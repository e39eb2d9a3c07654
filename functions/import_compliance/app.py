"""POST /api/v1/training/imports/compliance: compliance items from a CSV file."""

from titan_training.api import runtime
from titan_training.api.errors import field_messages
from titan_training.api.http import build_resolver, lambda_entry, responses
from titan_training.api.identity import ADMIN_ONLY
from titan_training.api.imports import LIMITS, ROW_NUMBERS, DryRun, csv_body, media_type, raw_body
from titan_training.domain.clock import utc_now
from titan_training.domain.imports import ImportReport
from titan_training.services import imports

app = build_resolver()

EXAMPLE = "employee number,course code,status,expiry date\nE-1042,FA-1,COMPLIANT,2027-11-22\n"


@app.post(
    "/api/v1/training/imports/compliance",
    operation_id="importCompliance",
    summary="Import compliance items from a CSV file (dryRun=true: preview only).",
    description=(
        "Columns (header names compared ignoring case, spaces and underscores; comma or semicolon; UTF-8 with "
        "or without BOM): employee number, course code, status (COMPLIANT, PENDING or NON_COMPLIANT, any "
        "case), expiry date (optional: YYYY-MM-DD, blank for none). The worker is found by employee number, "
        "the course by code; each row is put as PUT /personnel/{personnelId}/compliance/{courseId} puts an "
        "item, and a refused row's reason is that error. " + ROW_NUMBERS + " " + LIMITS
    ),
    tags=["Imports"],
    responses=responses(200, ImportReport, 400, 413, 422),
    openapi_extensions=csv_body("The compliance CSV file.", EXAMPLE),
)
def import_compliance(dry_run: DryRun = False) -> ImportReport:
    event = app.current_event
    return imports.import_compliance(
        runtime.store(), raw_body(event), media_type(event.headers), dry_run, utc_now(), field_messages
    )


lambda_handler = lambda_entry(app, operation="ImportCompliance", allowed_groups=ADMIN_ONLY, json_body=False)
