"""The evidence download link: signed without an S3 client, exactly as botocore's S3 presigner signs it."""

from __future__ import annotations

from datetime import datetime
from unittest import mock

import botocore.auth
import botocore.session
import pytest
from botocore.config import Config

from titan_training.store.evidence import DOWNLOAD_SECONDS, EvidenceBucket

SIGNED_AT = datetime(2026, 11, 30, 12, 0, 0)  # botocore's clock is naive UTC
KEY = "evidence/c0123456789abcdefghijklm/uploads/2026 11+30~a.pdf"  # a space, a plus and a tilde to quote


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "a-session-token")  # a Lambda role's credentials carry one


@pytest.mark.parametrize(
    ("region", "endpoint_url", "s3_endpoint"),
    [
        ("eu-west-2", None, "https://s3.eu-west-2.amazonaws.com"),
        ("us-east-1", None, "https://s3.us-east-1.amazonaws.com"),
        ("us-east-1", "http://127.0.0.1:4566", "http://127.0.0.1:4566"),
    ],
)
def test_a_download_link_is_what_the_s3_clients_presigner_makes(credentials, region, endpoint_url, s3_endpoint):
    # Given the bucket of a function in `region` (locally: an endpoint), and botocore's own S3 client there
    bucket = EvidenceBucket("titan-evidence", region, endpoint_url)
    s3 = botocore.session.get_session().create_client(
        "s3",
        region_name=region,
        endpoint_url=s3_endpoint,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    # When both sign a GET of the same key at the same instant
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=SIGNED_AT):
        ours = bucket.download_url(KEY)
        theirs = s3.generate_presigned_url(
            "get_object", Params={"Bucket": "titan-evidence", "Key": KEY}, ExpiresIn=DOWNLOAD_SECONDS
        )
    # Then the links are the same, character for character (SigV4, the session token, the expiry)
    assert ours == theirs
    assert ours.startswith(f"{s3_endpoint}/titan-evidence/evidence/")
    assert f"X-Amz-Expires={DOWNLOAD_SECONDS}&" in ours
    assert "X-Amz-Security-Token=a-session-token" in ours


def test_a_download_link_creates_no_s3_client(credentials):
    # Given a bucket that has served nothing yet
    bucket = EvidenceBucket("titan-evidence", "eu-west-2", None)
    # When it signs a link
    bucket.download_url(KEY)
    # Then it never built the S3 client (its service model and endpoint rules are what an S3 cold start costs)
    assert "_s3" not in vars(bucket)


def test_a_download_link_without_credentials_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path):
    # Given no credentials anywhere botocore looks
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # Then signing fails loudly rather than handing out an unsigned link
    with pytest.raises(botocore.exceptions.NoCredentialsError):
        EvidenceBucket("titan-evidence", "eu-west-2", None).download_url(KEY)
