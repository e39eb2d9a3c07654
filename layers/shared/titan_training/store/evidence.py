"""The evidence bucket: presigned uploads and downloads of signed attendance sheets (PDF).

Part of the store (the only code that talks to AWS); S3 here, DynamoDB in the rest. A download link is
signed with botocore's own SigV4 query signer and the function's credentials: no S3 client, no request.
botocore's S3 client (S3's service model and endpoint rules, the bulk of an S3 cold start; never boto3
or s3transfer, which nothing here uses) loads the first time a request to S3 needs it, not at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

UPLOAD_SECONDS = 900
DOWNLOAD_SECONDS = 300


@dataclass(frozen=True)
class StoredFile:
    size: int
    head: bytes  # its first bytes


class EvidenceBucket:
    def __init__(self, bucket: str, region: str, endpoint_url: str | None) -> None:
        self.bucket = bucket
        self.region = region
        self.endpoint_url = endpoint_url

    @functools.cached_property
    def _session(self) -> Any:
        from botocore.session import get_session

        return get_session()

    @functools.cached_property
    def _s3(self) -> Any:
        from botocore.config import Config

        return self._session.create_client(
            "s3",
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def upload_form(self, key: str, max_bytes: int) -> dict[str, Any]:
        """A presigned POST that S3 accepts only for a PDF of at most `max_bytes` at `key`."""
        return self._s3.generate_presigned_post(
            self.bucket,
            key,
            Fields={"Content-Type": "application/pdf"},
            Conditions=[{"Content-Type": "application/pdf"}, ["content-length-range", 1, max_bytes]],
            ExpiresIn=UPLOAD_SECONDS,
        )

    def download_url(self, key: str) -> str:
        """A presigned GET of the object (SigV4, path-style), as the S3 client's presigner makes it."""
        from botocore.auth import S3SigV4QueryAuth
        from botocore.awsrequest import AWSRequest
        from botocore.exceptions import NoCredentialsError

        credentials = self._session.get_credentials()
        if credentials is None:
            raise NoCredentialsError()
        endpoint = (self.endpoint_url or f"https://s3.{self.region}.amazonaws.com").rstrip("/")
        request = AWSRequest(method="GET", url=f"{endpoint}/{quote(self.bucket)}/{quote(key, safe='/~')}")
        signer = S3SigV4QueryAuth(credentials.get_frozen_credentials(), "s3", self.region, expires=DOWNLOAD_SECONDS)
        signer.add_auth(request)
        return request.url

    def peek(self, key: str, length: int = 5) -> StoredFile | None:
        """Size and first bytes of an object, or None if there is none."""
        from botocore.exceptions import ClientError

        try:
            head = self._s3.head_object(Bucket=self.bucket, Key=key)
            if head["ContentLength"] == 0:
                return StoredFile(0, b"")
            first = self._s3.get_object(Bucket=self.bucket, Key=key, Range=f"bytes=0-{length - 1}")["Body"].read()
        except ClientError as missing:
            if missing.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return StoredFile(int(head["ContentLength"]), first)

    def latest(self, prefix: str) -> str | None:
        """The most recently uploaded object under `prefix` (ties: the later key), or None."""
        newest: tuple = ()
        for page in self._s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for entry in page.get("Contents", []):
                newest = max(newest, (entry["LastModified"], entry["Key"]))
        return newest[1] if newest else None

    def freeze(self, source: str, target: str) -> None:
        """Copy the upload to the key the records link; no upload form ever names that key."""
        self._s3.copy_object(
            Bucket=self.bucket,
            Key=target,
            CopySource={"Bucket": self.bucket, "Key": source},
            ContentType="application/pdf",
            MetadataDirective="REPLACE",
        )
