"""The local S3 over HTTP: what the evidence bucket does with it, files that outlive the server, and
uploads refused as S3 refuses them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest
import requests
import time_machine
from botocore.config import Config

from local.s3_local import S3Local
from titan_training.domain.evidence import MAX_EVIDENCE_BYTES
from titan_training.store.evidence import EvidenceBucket

pytestmark = pytest.mark.http

BUCKET = "evidence-local"
PDF = b"%PDF-1.7\n% signed attendance sheet\n%%EOF\n"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "s3-data"


@pytest.fixture
def s3(data_dir: Path) -> Iterator[S3Local]:
    server = S3Local(data_dir=data_dir).start()
    server.ensure_bucket(BUCKET)
    yield server
    server.stop()


def _bucket(server: S3Local) -> EvidenceBucket:
    return EvidenceBucket(BUCKET, "us-east-1", server.endpoint_url)


def _client(server: S3Local):
    return boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=server.endpoint_url,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )


def _post(form: dict, body: bytes, **field_changes: str) -> requests.Response:
    """What a browser sends: every field of the form (with any changes), then the file."""
    fields = {**form["fields"], **field_changes}
    return requests.post(form["url"], data=fields, files={"file": ("sheet.pdf", body, "application/pdf")}, timeout=30)


def _error(response: requests.Response) -> tuple[str, str]:
    root = ET.fromstring(response.content)
    return root.findtext("Code"), root.findtext("Message")


def test_the_evidence_flow_uploads_lists_peeks_copies_and_links(s3):
    bucket = _bucket(s3)
    # Given two uploads through presigned POSTs, the second a minute later (under a smaller key)
    sent = _post(bucket.upload_form("evidence/s1/uploads/2.pdf", MAX_EVIDENCE_BYTES), b"%PDF-older")
    assert sent.status_code == 204, sent.text
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1)):
        assert _post(bucket.upload_form("evidence/s1/uploads/1.pdf", MAX_EVIDENCE_BYTES), PDF).status_code == 204
        assert _post(bucket.upload_form("evidence/s2/uploads/1.pdf", MAX_EVIDENCE_BYTES), PDF).status_code == 204
    # Then the bucket finds the newest under a session's prefix (by LastModified), its size and first bytes
    assert bucket.latest("evidence/s1/uploads/") == "evidence/s1/uploads/1.pdf"
    assert bucket.latest("evidence/s3/uploads/") is None
    peeked = bucket.peek("evidence/s1/uploads/1.pdf")
    assert (peeked.size, peeked.head) == (len(PDF), b"%PDF-")
    assert bucket.peek("evidence/s1/uploads/9.pdf") is None
    # And freezing copies it to the final key, which a presigned link serves as a PDF
    bucket.freeze("evidence/s1/uploads/1.pdf", "evidence/s1/attendance-sheet.pdf")
    link = requests.get(bucket.download_url("evidence/s1/attendance-sheet.pdf"), timeout=10)
    assert link.status_code == 200 and link.content == PDF
    assert link.headers["Content-Type"] == "application/pdf"


def test_an_upload_survives_a_restart_of_the_server(s3, data_dir):
    # Given a sheet uploaded before the server stops
    form = _bucket(s3).upload_form("evidence/s1/uploads/1.pdf", MAX_EVIDENCE_BYTES)
    assert _post(form, PDF).status_code == 204
    s3.stop()
    # When a new server (another port) starts on the same folder
    again = S3Local(data_dir=data_dir).start()
    try:
        # Then the bucket and the sheet are there
        bucket = _bucket(again)
        assert bucket.latest("evidence/s1/uploads/") == "evidence/s1/uploads/1.pdf"
        assert requests.get(bucket.download_url("evidence/s1/uploads/1.pdf"), timeout=10).content == PDF
    finally:
        again.stop()


def test_an_upload_over_20_mb_is_refused_as_s3_refuses_it(s3):
    bucket = _bucket(s3)
    form = bucket.upload_form("evidence/s1/uploads/big.pdf", MAX_EVIDENCE_BYTES)
    refused = _post(form, b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES)
    assert refused.status_code == 400
    assert refused.headers["Content-Type"] == "application/xml"
    assert _error(refused) == ("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
    assert bucket.peek("evidence/s1/uploads/big.pdf") is None
    # The largest allowed file is taken
    assert _post(form, b"%PDF-" + b"0" * (MAX_EVIDENCE_BYTES - 5)).status_code == 204
    assert bucket.peek("evidence/s1/uploads/big.pdf").size == MAX_EVIDENCE_BYTES


def test_an_upload_of_another_content_type_or_to_another_key_is_refused(s3):
    bucket = _bucket(s3)
    form = bucket.upload_form("evidence/s1/uploads/1.pdf", MAX_EVIDENCE_BYTES)
    wrong_type = _post(form, PDF, **{"Content-Type": "text/html"})
    assert wrong_type.status_code == 403
    code, message = _error(wrong_type)
    assert code == "AccessDenied" and message.startswith("Invalid according to Policy: Policy Condition failed:")
    elsewhere = _post(form, PDF, key="evidence/s2/attendance-sheet.pdf")
    assert elsewhere.status_code == 403 and "$key" in _error(elsewhere)[1]
    assert bucket.latest("evidence/") is None


def test_an_expired_download_link_is_refused(s3):
    s3_client = _client(s3)
    s3_client.put_object(Bucket=BUCKET, Key="evidence/s1/attendance-sheet.pdf", Body=PDF, ContentType="application/pdf")
    link = s3_client.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "evidence/s1/attendance-sheet.pdf"}, ExpiresIn=300
    )
    assert requests.get(link, timeout=10).content == PDF
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=301)):
        expired = requests.get(link, timeout=10)
    assert expired.status_code == 403 and _error(expired) == ("AccessDenied", "Request has expired")


def test_a_listing_pages_in_key_order(s3):
    s3_client = _client(s3)
    for key in ("evidence/s1/uploads/b.pdf", "evidence/s1/uploads/a.pdf", "evidence/s1/uploads/c.pdf", "other/x"):
        s3_client.put_object(Bucket=BUCKET, Key=key, Body=PDF)
    pages = s3_client.get_paginator("list_objects_v2").paginate(
        Bucket=BUCKET, Prefix="evidence/", PaginationConfig={"PageSize": 2}
    )
    listed = [[entry["Key"] for entry in page["Contents"]] for page in pages]
    assert listed == [["evidence/s1/uploads/a.pdf", "evidence/s1/uploads/b.pdf"], ["evidence/s1/uploads/c.pdf"]]


def test_a_browser_page_on_another_port_may_post_a_sheet_as_the_buckets_cors_rule_allows(s3):
    # Given the web console's origin (the API's port, not the local S3's) and a presigned form
    origin = "http://127.0.0.1:3000"
    form = _bucket(s3).upload_form("evidence/s1/uploads/1.pdf", MAX_EVIDENCE_BYTES)
    # When the browser asks first (an upload with progress listeners is preflighted)
    preflight = requests.options(
        form["url"],
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-a"},
        timeout=10,
    )
    # Then the template's rule answers: POST and GET, the requested header, ten minutes
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert preflight.headers["Access-Control-Allow-Methods"] == "POST, GET"
    assert preflight.headers["Access-Control-Allow-Headers"] == "x-a"
    assert preflight.headers["Access-Control-Max-Age"] == "600"
    # And the upload itself, and a refusal, name the origin so the page can read them
    fields = form["fields"]
    sent = requests.post(
        form["url"],
        data=fields,
        files={"file": ("s.pdf", PDF, "application/pdf")},
        headers={"Origin": origin},
        timeout=30,
    )
    assert sent.status_code == 204 and sent.headers["Access-Control-Allow-Origin"] == origin
    refused = requests.post(
        form["url"],
        data={**fields, "Content-Type": "text/plain"},
        files={"file": ("s.txt", b"text", "text/plain")},
        headers={"Origin": origin},
        timeout=30,
    )
    assert refused.status_code == 403 and refused.headers["Access-Control-Allow-Origin"] == origin
    # And a call without an Origin (no browser page) gets no CORS headers
    assert "Access-Control-Allow-Origin" not in _post(form, PDF).headers
    # But a preflight for a method the rule does not name is refused, as S3 refuses it
    put = requests.options(form["url"], headers={"Origin": origin, "Access-Control-Request-Method": "PUT"}, timeout=10)
    assert put.status_code == 403 and _error(put)[0] == "AccessForbidden"
