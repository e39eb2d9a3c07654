"""The local S3's reading of a presigned POST's policy, as S3 reads it: signature, expiry, conditions."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore.config import Config

from local.s3_local import S3Error, check_post_policy

SECRET = "local-secret"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
MAX = 20 * 1024 * 1024


def _form(**extra_fields: str) -> dict[str, str]:
    """The form our app signs (store/evidence.py's conditions), field names lower-cased as the server reads them."""
    s3 = boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="local",
        aws_secret_access_key=SECRET,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    form = s3.generate_presigned_post(
        "evidence",
        "evidence/s1/uploads/a.pdf",
        Fields={"Content-Type": "application/pdf"},
        Conditions=[{"Content-Type": "application/pdf"}, ["content-length-range", 1, MAX]],
        ExpiresIn=900,
    )
    return {name.lower(): value for name, value in {**form["fields"], **extra_fields}.items()}


def _refusal(form: dict[str, str], size: int = 100, now: datetime | None = None, secret: str = SECRET) -> S3Error:
    with pytest.raises(S3Error) as refused:
        check_post_policy(form, "evidence", size, secret, now or datetime.now(UTC))
    return refused.value


def test_the_form_the_app_signs_takes_a_pdf_up_to_20_mb():
    form = _form()
    check_post_policy(form, "evidence", 1, SECRET, datetime.now(UTC))
    check_post_policy(form, "evidence", MAX, SECRET, datetime.now(UTC))


def test_a_file_over_the_range_is_entity_too_large_and_an_empty_one_too_small():
    too_large = _refusal(_form(), size=MAX + 1)
    assert (too_large.status, too_large.code) == (400, "EntityTooLarge")
    assert too_large.extra == {"ProposedSize": MAX + 1, "MaxSizeAllowed": MAX}
    too_small = _refusal(_form(), size=0)
    assert (too_small.status, too_small.code) == (400, "EntityTooSmall")


def test_another_content_type_or_key_or_bucket_fails_its_condition():
    wrong_type = _refusal(_form(**{"Content-Type": "text/plain"}))
    assert (wrong_type.status, wrong_type.code) == (403, "AccessDenied")
    assert wrong_type.message == (
        'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]'
    )
    missing_type = _form()
    del missing_type["content-type"]
    assert "$Content-Type" in _refusal(missing_type).message
    assert '"$key"' in _refusal(_form(key="evidence/other/uploads/b.pdf")).message
    with pytest.raises(S3Error, match=r"\$bucket"):
        check_post_policy(_form(), "another-bucket", 100, SECRET, datetime.now(UTC))


def test_a_field_the_policy_does_not_name_is_refused_unless_s3_ignores_it():
    extra = _refusal(_form(acl="public-read"))
    assert (extra.code, extra.message) == ("AccessDenied", "Invalid according to Policy: Extra input fields: acl")
    check_post_policy(_form(**{"x-ignore-note": "ok"}), "evidence", 100, SECRET, datetime.now(UTC))


def test_an_expired_policy_is_refused():
    expired = _refusal(_form(), now=datetime.now(UTC) + timedelta(minutes=16))
    assert (expired.status, expired.message) == (403, "Invalid according to Policy: Policy expired.")


def test_a_policy_edited_by_the_client_or_signed_with_another_secret_does_not_match():
    # Given a client that rewrites the policy to lift the size limit
    form = _form()
    policy = json.loads(base64.b64decode(form["policy"]))
    policy["conditions"] = [
        c for c in policy["conditions"] if not (isinstance(c, list) and c[0] == "content-length-range")
    ]
    tampered = {**form, "policy": base64.b64encode(json.dumps(policy).encode()).decode()}
    # Then its signature no longer matches
    assert _refusal(tampered, size=MAX * 2).code == "SignatureDoesNotMatch"
    assert _refusal(_form(), secret="another").code == "SignatureDoesNotMatch"


def test_a_form_without_a_policy_is_access_denied():
    form = _form()
    del form["policy"]
    assert (_refusal(form).status, _refusal(form).code) == (403, "AccessDenied")
