"""The signed attendance sheet (Module 3.3): what an upload may be, and the forms and links that move it."""

from __future__ import annotations

from titan_training.domain.base import ApiModel

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class EvidenceUpload(ApiModel):
    """A presigned S3 POST: send the file as `file` with these `fields` to `url` (PDF, 20 MB at most)."""

    url: str
    fields: dict[str, str]
    file_key: str
    expires_in_seconds: int
    max_bytes: int = MAX_EVIDENCE_BYTES


class EvidenceLink(ApiModel):
    file_key: str
    url: str
    expires_in_seconds: int
    finalized: bool
