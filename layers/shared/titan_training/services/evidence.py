"""The signed attendance sheet's use cases (Module 3.3): an upload form, and a link to the sheet.

Apart from the Finalize Gate (services.records), which checks and freezes the sheet: reading the
evidence loads neither the Gate nor the records' models.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from titan_training.domain.callers import Caller
from titan_training.domain.clock import to_utc
from titan_training.domain.errors import Conflict, NotFound
from titan_training.domain.evidence import MAX_EVIDENCE_BYTES, EvidenceLink, EvidenceUpload
from titan_training.domain.history import HistoryAction, entry
from titan_training.domain.sessions import FINALIZED_STATUSES, SessionStatus
from titan_training.services.access import require_assigned
from titan_training.services.sessions import live_session
from titan_training.store.evidence import DOWNLOAD_SECONDS, UPLOAD_SECONDS, EvidenceBucket
from titan_training.store.sessions import StoredSession
from titan_training.store.table import TrainingTable


def uploads(session_id: str) -> str:
    """The key prefix of a session's uploads (the IAM policies grant exactly this)."""
    return f"evidence/{session_id}/uploads/"


def frozen_or_closed(stored: StoredSession, what: str) -> None:
    """Attendance and evidence change only while the session is SCHEDULED (Conflict otherwise)."""
    status = stored.session.status
    if status in FINALIZED_STATUSES:
        raise Conflict(f"Session {stored.session.id} is finalized: its {what} is read-only")
    if status is not SessionStatus.SCHEDULED:
        raise Conflict(f"Session {stored.session.id} is {status.value}: only a SCHEDULED session takes {what}")


def request_evidence_upload(
    store: TrainingTable, bucket: EvidenceBucket, session_id: str, caller: Caller, now: datetime
) -> EvidenceUpload:
    """A presigned POST for the signed sheet. The evidence is whatever was uploaded last: asking for a
    form changes no evidence, so a dialog opened and cancelled never loses the sheet already there;
    it only adds an EVIDENCE_UPLOAD_REQUESTED entry to the session's history."""
    stored = live_session(store, session_id)
    require_assigned(store, stored.session, caller, "upload evidence")
    frozen_or_closed(stored, "evidence")
    # Uploads sort by key: a UTC timestamp, so the newest is last whatever the caller's offset.
    key = f"{uploads(session_id)}{to_utc(now):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.pdf"
    form = bucket.upload_form(key, MAX_EVIDENCE_BYTES)
    # The upload itself goes straight to S3, unseen by the API: the trail records the form issued (and
    # FINALIZE_STARTED names the upload it froze).
    requested = entry(session_id, caller, now, HistoryAction.EVIDENCE_UPLOAD_REQUESTED, file_key=key)
    store.sessions.record_evidence_request(session_id, requested)
    return EvidenceUpload(url=form["url"], fields=form["fields"], file_key=key, expires_in_seconds=UPLOAD_SECONDS)


def evidence_link(store: TrainingTable, bucket: EvidenceBucket, session_id: str, caller: Caller) -> EvidenceLink:
    """A short-lived link to the sheet: the frozen one once finalized, else the latest upload."""
    stored = live_session(store, session_id)
    require_assigned(store, stored.session, caller, "read evidence")
    finalized = stored.session.status is SessionStatus.COMPLETED
    if finalized:
        # The frozen sheet: finalize checked it before its commit, and no function may delete it.
        key = stored.session.evidence_file_key
    else:
        key = bucket.latest(uploads(session_id))
        if key is not None and bucket.peek(key) is None:
            key = None
    if key is None:
        raise NotFound("Evidence", f"of session {session_id}")
    return EvidenceLink(
        file_key=key, url=bucket.download_url(key), expires_in_seconds=DOWNLOAD_SECONDS, finalized=finalized
    )
