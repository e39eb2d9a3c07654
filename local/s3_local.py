"""S3 on loopback for local runs and tests: moto's server mode, with the evidence bucket created.

moto accepts any upload whatever the presigned POST's policy says (type, size), so locally the
Finalize Gate's own checks (size, `%PDF-`) are what keep a wrong file out.
"""

from __future__ import annotations

import os

import boto3
from moto.server import ThreadedMotoServer

from local.dynamodb_local import free_port


class S3Local:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> S3Local:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def ensure_bucket(self, name: str) -> None:
        s3 = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
        )
        existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
        if name not in existing:
            s3.create_bucket(Bucket=name)
