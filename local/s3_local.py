"""S3 on loopback for local runs and tests: the operations the evidence bucket uses, kept in files.

`make run` keeps objects in `.local/s3-data-<port>/` (`S3_DATA_DIR`), so an uploaded sheet, and the
frozen copy that finalized records link, survive a restart. A browser's upload (the presigned POST)
is checked as S3 checks it: the policy's signature and expiry, then each of its conditions (bucket,
key, `Content-Type`, `content-length-range`, and no form field the policy does not name). A form that
breaks one is refused with S3's own error: 403 AccessDenied "Invalid according to Policy: ...", or 400
EntityTooLarge / EntityTooSmall.

Served (path-style only): ListBuckets, CreateBucket, HeadBucket, ListObjectsV2, PutObject, the
presigned POST, HeadObject / GetObject (with `Range`; a presigned link past its expiry is 403) and
CopyObject. Like the deployed bucket's CORS rule (template.yaml: POST and GET, any header, max age
600), it answers a browser's preflight and names the calling origin, so the web console (on the API's
port) can post a sheet with upload progress. The header signatures of boto3's own calls are not
checked. No well-kept Python S3 server checks POST policies (moto takes any upload and keeps it in
memory), hence this small one; werkzeug (already here for moto's server) does the HTTP, multipart
forms and ranges.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from local.dynamodb_local import free_port

S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
MAX_REQUEST_BYTES = 64 * 1024 * 1024  # any larger request is refused before it is read
# The deployed bucket's CORS rule (template.yaml EvidenceBucket CorsConfiguration), for any origin.
CORS_METHODS = "POST, GET"
CORS_MAX_AGE = "600"
# Form fields S3 never asks the policy to name.
UNCHECKED_FIELDS = frozenset({"policy", "x-amz-signature", "file"})


class S3Error(Exception):
    """An S3 error response: its status, `Code` and `Message` (and any extra elements S3 adds)."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def response(self, resource: str) -> Response:
        root = ET.Element("Error")
        for name, value in {"Code": self.code, "Message": self.message, **self.extra, "Resource": resource}.items():
            ET.SubElement(root, name).text = str(value)
        ET.SubElement(root, "RequestId").text = uuid.uuid4().hex[:16].upper()
        return _xml(root, self.status)


def _xml(root: ET.Element, status: int = 200) -> Response:
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    return Response(body, status=status, content_type="application/xml")


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- Objects in files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    etag: str
    content_type: str
    last_modified: datetime
    path: Path


class ObjectFiles:
    """Buckets as folders: `<root>/<bucket>/objects/<key, %-quoted>` with a JSON sidecar in `metadata/`.

    A write goes to a temporary file first and is renamed into place, so a reader (or a restart)
    never sees half an object.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def _bucket(self, bucket: str) -> Path:
        if not bucket or "/" in bucket or bucket.startswith("."):
            raise S3Error(400, "InvalidBucketName", "The specified bucket is not valid.", BucketName=bucket)
        return self.root / bucket

    def _existing(self, bucket: str) -> Path:
        folder = self._bucket(bucket)
        if not (folder / "objects").is_dir():
            raise S3Error(404, "NoSuchBucket", "The specified bucket does not exist", BucketName=bucket)
        return folder

    def create_bucket(self, bucket: str) -> None:
        folder = self._bucket(bucket)
        for part in ("objects", "metadata", "incoming"):
            (folder / part).mkdir(parents=True, exist_ok=True)

    def has_bucket(self, bucket: str) -> bool:
        return (self._bucket(bucket) / "objects").is_dir()

    def buckets(self) -> list[tuple[str, datetime]]:
        if not self.root.is_dir():
            return []
        return sorted(
            (entry.name, datetime.fromtimestamp(entry.stat().st_mtime, UTC))
            for entry in self.root.iterdir()
            if (entry / "objects").is_dir()
        )

    @staticmethod
    def _name(key: str) -> str:
        if not key or len(key.encode()) > 1024:
            raise S3Error(400, "KeyTooLongError", "Your key is too long")
        name = quote(key, safe="")
        if len(name) > 240:  # a file name's limit, with room for the sidecar's suffix
            raise S3Error(400, "KeyTooLongError", "Your key is too long for the local S3's files")
        return name

    def put(self, bucket: str, key: str, source: Any, content_type: str | None) -> StoredObject:
        """Store `source` (bytes or a readable binary file) at `key`."""
        folder, name = self._existing(bucket), self._name(key)
        digest = hashlib.md5(usedforsecurity=False)
        with tempfile.NamedTemporaryFile(dir=folder / "incoming", delete=False) as incoming:
            chunks = [source] if isinstance(source, bytes) else iter(lambda: source.read(1 << 20), b"")
            for chunk in chunks:
                digest.update(chunk)
                incoming.write(chunk)
        meta = {
            "key": key,
            "etag": f'"{digest.hexdigest()}"',
            "contentType": content_type or "binary/octet-stream",
            "lastModified": _instant(datetime.now(UTC)),
        }
        os.replace(incoming.name, folder / "objects" / name)
        self._write_meta(folder, name, meta)
        return self.head(bucket, key)

    def _write_meta(self, folder: Path, name: str, meta: dict[str, str]) -> None:
        with tempfile.NamedTemporaryFile("w", dir=folder / "incoming", delete=False) as incoming:
            json.dump(meta, incoming)
        os.replace(incoming.name, folder / "metadata" / f"{name}.json")

    def head(self, bucket: str, key: str) -> StoredObject:
        folder, name = self._existing(bucket), self._name(key)
        path = folder / "objects" / name
        try:
            size = path.stat().st_size
            meta = json.loads((folder / "metadata" / f"{name}.json").read_text())
        except FileNotFoundError:
            raise S3Error(404, "NoSuchKey", "The specified key does not exist.", Key=key) from None
        return StoredObject(
            key, size, meta["etag"], meta["contentType"], datetime.fromisoformat(meta["lastModified"]), path
        )

    def copy(
        self, bucket: str, key: str, source_bucket: str, source_key: str, content_type: str | None
    ) -> StoredObject:
        source = self.head(source_bucket, source_key)
        with source.path.open("rb") as data:
            return self.put(bucket, key, data, content_type or source.content_type)

    def keys(self, bucket: str, prefix: str) -> Iterator[str]:
        """The keys under `prefix`, in S3's order (by their UTF-8 bytes)."""
        folder = self._existing(bucket)
        found = (unquote(entry.name) for entry in (folder / "objects").iterdir())
        yield from sorted((key for key in found if key.startswith(prefix)), key=lambda key: key.encode())


# --- The presigned POST's policy ------------------------------------------------------------------------


def _signing_key(secret: str, day: str, region: str, service: str) -> bytes:
    key = f"AWS4{secret}".encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def check_post_policy(form: dict[str, str], bucket: str, size: int, secret: str, now: datetime) -> None:
    """Raise S3's error if the form (its fields, lower-cased names) may not store a file of `size` bytes."""
    encoded = form.get("policy")
    if not encoded:
        raise S3Error(403, "AccessDenied", "Access Denied")
    credential = form.get("x-amz-credential", "").split("/")
    if form.get("x-amz-algorithm") != "AWS4-HMAC-SHA256" or len(credential) != 5:
        raise S3Error(400, "InvalidArgument", "POST requires a SigV4 policy (x-amz-algorithm, x-amz-credential)")
    _access_key, day, region, service, _terminal = credential
    expected = hmac.new(_signing_key(secret, day, region, service), encoded.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, form.get("x-amz-signature", "")):
        raise S3Error(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
        )
    try:
        policy = json.loads(base64.b64decode(encoded, validate=True))
        expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
        conditions = policy["conditions"]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise S3Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.") from None
    if expiration < now:
        raise S3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    values = {**form, "bucket": bucket}
    named: set[str] = set()
    for condition in conditions:
        if isinstance(condition, dict) and len(condition) == 1:
            [(field, wanted)] = condition.items()
            condition = ["eq", f"${field}", wanted]
        if not isinstance(condition, list) or len(condition) != 3:
            raise S3Error(400, "InvalidPolicyDocument", f"Invalid Policy: Invalid Condition: {json.dumps(condition)}")
        operator, subject, wanted = condition
        if operator == "content-length-range":
            if not all(isinstance(bound, int) for bound in (subject, wanted)):
                raise S3Error(400, "InvalidPolicyDocument", "Invalid Policy: content-length-range needs two integers")
            if size > wanted:
                raise S3Error(
                    400,
                    "EntityTooLarge",
                    "Your proposed upload exceeds the maximum allowed size",
                    ProposedSize=size,
                    MaxSizeAllowed=wanted,
                )
            if size < subject:
                raise S3Error(
                    400,
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed size",
                    ProposedSize=size,
                    MinSizeAllowed=subject,
                )
            continue
        field = str(subject).removeprefix("$").lower()
        named.add(field)
        actual = values.get(field)
        held = (
            actual == wanted if operator == "eq" else operator == "starts-with" and str(actual or "").startswith(wanted)
        )
        if actual is None or not held:
            failed = json.dumps([operator, subject, wanted])
            raise S3Error(403, "AccessDenied", f"Invalid according to Policy: Policy Condition failed: {failed}")
    extra = sorted(f for f in form if f not in named and f not in UNCHECKED_FIELDS and not f.startswith("x-ignore-"))
    if extra:
        raise S3Error(403, "AccessDenied", f"Invalid according to Policy: Extra input fields: {', '.join(extra)}")


# --- The HTTP face --------------------------------------------------------------------------------------


class S3App:
    """A WSGI application answering the S3 calls listed in the module docstring."""

    def __init__(self, files: ObjectFiles, secret: Callable[[], str] | None = None) -> None:
        self.files = files
        # The secret the app signs with: the process's AWS credentials, as boto3 reads them.
        self.secret = secret or (lambda: os.environ.get("AWS_SECRET_ACCESS_KEY", ""))

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Any:
        request = Request(environ)
        request.max_content_length = MAX_REQUEST_BYTES
        try:
            response = self.handle(request)
        except S3Error as error:
            response = error.response(request.path)
        except RequestEntityTooLarge:
            response = S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size").response(
                request.path
            )
        return self._with_cors(request, response)(environ, start_response)

    @staticmethod
    def _with_cors(request: Request, response: Response) -> Response:
        """S3's CORS answer to a request from a browser page (one with an `Origin`): its origin allowed."""
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "ETag"
            response.headers["Vary"] = "Origin"
        return response

    @staticmethod
    def preflight(request: Request) -> Response:
        """A browser's CORS preflight: the rule's methods, any requested header; 403 as S3 answers otherwise."""
        method = request.headers.get("Access-Control-Request-Method", "")
        if not request.headers.get("Origin") or method not in CORS_METHODS.split(", "):
            raise S3Error(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed.")
        headers = {"Access-Control-Allow-Methods": CORS_METHODS, "Access-Control-Max-Age": CORS_MAX_AGE}
        requested = request.headers.get("Access-Control-Request-Headers")
        if requested:
            headers["Access-Control-Allow-Headers"] = requested
        return Response(status=200, headers=headers)

    def handle(self, request: Request) -> Response:
        bucket, _, key = request.path.lstrip("/").partition("/")
        method = request.method
        if method == "OPTIONS":
            return self.preflight(request)
        if not bucket:
            if method == "GET":
                return self.list_buckets()
        elif not key:
            if method == "PUT":
                self.files.create_bucket(bucket)
                return Response(status=200, headers={"Location": f"/{bucket}"})
            if method == "HEAD":
                return Response(status=200 if self.files.has_bucket(bucket) else 404)
            if method == "GET":
                return self.list_objects(request, bucket)
            if method == "POST" and request.mimetype == "multipart/form-data":
                return self.post_object(request, bucket)
        elif method == "PUT":
            source = request.headers.get("x-amz-copy-source")
            return self.copy_object(request, bucket, key, source) if source else self.put_object(request, bucket, key)
        elif method in ("GET", "HEAD"):
            return self.get_object(request, bucket, key)
        raise S3Error(501, "NotImplemented", f"The local S3 does not implement {method} {request.path}")

    def list_buckets(self) -> Response:
        root = ET.Element("ListAllMyBucketsResult", xmlns=S3_NAMESPACE)
        owner = ET.SubElement(root, "Owner")
        ET.SubElement(owner, "ID").text = "local"
        listed = ET.SubElement(root, "Buckets")
        for name, created in self.files.buckets():
            entry = ET.SubElement(listed, "Bucket")
            ET.SubElement(entry, "Name").text = name
            ET.SubElement(entry, "CreationDate").text = _instant(created)
        return _xml(root)

    def list_objects(self, request: Request, bucket: str) -> Response:
        prefix = request.args.get("prefix", "")
        after = request.args.get("continuation-token") or request.args.get("start-after") or ""
        limit = min(max(request.args.get("max-keys", 1000, type=int), 0), 1000)
        keys = [key for key in self.files.keys(bucket, prefix) if key.encode() > after.encode()]
        page, truncated = keys[:limit], len(keys) > limit
        root = ET.Element("ListBucketResult", xmlns=S3_NAMESPACE)
        for name, value in {"Name": bucket, "Prefix": prefix, "KeyCount": len(page), "MaxKeys": limit}.items():
            ET.SubElement(root, name).text = str(value)
        ET.SubElement(root, "IsTruncated").text = "true" if truncated else "false"
        if truncated:
            ET.SubElement(root, "NextContinuationToken").text = page[-1]
        for key in page:
            stored = self.files.head(bucket, key)
            entry = ET.SubElement(root, "Contents")
            ET.SubElement(entry, "Key").text = key
            ET.SubElement(entry, "LastModified").text = _instant(stored.last_modified)
            ET.SubElement(entry, "ETag").text = stored.etag
            ET.SubElement(entry, "Size").text = str(stored.size)
            ET.SubElement(entry, "StorageClass").text = "STANDARD"
        return _xml(root)

    def post_object(self, request: Request, bucket: str) -> Response:
        if not self.files.has_bucket(bucket):
            raise S3Error(404, "NoSuchBucket", "The specified bucket does not exist", BucketName=bucket)
        form = {name.lower(): value for name, value in request.form.items()}
        upload = request.files.get("file")
        if upload is None:
            raise S3Error(400, "InvalidArgument", "POST requires exactly one file upload per request.")
        upload.stream.seek(0, os.SEEK_END)
        size = upload.stream.tell()
        upload.stream.seek(0)
        check_post_policy(form, bucket, size, self.secret(), datetime.now(UTC))
        key = form.get("key", "").replace("${filename}", upload.filename or "")
        stored = self.files.put(bucket, key, upload.stream, form.get("content-type"))
        status = form.get("success_action_status", "204")
        if status == "201":
            root = ET.Element("PostResponse")
            for name, value in {"Bucket": bucket, "Key": key, "ETag": stored.etag}.items():
                ET.SubElement(root, name).text = value
            return _xml(root, 201)
        return Response(status=200 if status == "200" else 204, headers={"ETag": stored.etag})

    def put_object(self, request: Request, bucket: str, key: str) -> Response:
        if request.headers.get("x-amz-content-sha256", "").startswith("STREAMING-"):
            # boto3 sends plain bodies over http; storing aws-chunked framing as the object would be wrong
            raise S3Error(501, "NotImplemented", "The local S3 does not take aws-chunked uploads")
        stored = self.files.put(bucket, key, request.get_data(), request.headers.get("Content-Type"))
        return Response(status=200, headers={"ETag": stored.etag})

    def copy_object(self, request: Request, bucket: str, key: str, source: str) -> Response:
        source_bucket, _, source_key = unquote(source.split("?")[0]).lstrip("/").partition("/")
        replace = request.headers.get("x-amz-metadata-directive", "COPY") == "REPLACE"
        content_type = request.headers.get("Content-Type") if replace else None
        stored = self.files.copy(bucket, key, source_bucket, source_key, content_type)
        root = ET.Element("CopyObjectResult", xmlns=S3_NAMESPACE)
        ET.SubElement(root, "LastModified").text = _instant(stored.last_modified)
        ET.SubElement(root, "ETag").text = stored.etag
        return _xml(root)

    def get_object(self, request: Request, bucket: str, key: str) -> Response:
        signed_at, lifetime = request.args.get("X-Amz-Date"), request.args.get("X-Amz-Expires")
        if signed_at and lifetime:
            expires = datetime.strptime(signed_at, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) + timedelta(
                seconds=int(lifetime)
            )
            if expires < datetime.now(UTC):
                raise S3Error(403, "AccessDenied", "Request has expired", Expires=_instant(expires))
        stored = self.files.head(bucket, key)
        response = Response(stored.path.read_bytes(), content_type=stored.content_type)
        response.headers["ETag"] = stored.etag
        response.last_modified = stored.last_modified
        return response.make_conditional(request, accept_ranges=True, complete_length=stored.size)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class S3Local:
    """The local S3 on loopback. Objects live in `data_dir` (a temporary folder, removed on stop, if None)."""

    def __init__(self, port: int | None = None, data_dir: Path | None = None) -> None:
        self.port = port or free_port()
        self._temporary = None if data_dir else tempfile.mkdtemp(prefix="s3-local-")
        self.data_dir = Path(data_dir or self._temporary)
        self.files = ObjectFiles(self.data_dir)
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> S3Local:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._server = make_server(
            "127.0.0.1", self.port, S3App(self.files), threaded=True, request_handler=_QuietHandler
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="s3-local", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._temporary:
            with contextlib.suppress(OSError):
                shutil.rmtree(self._temporary)

    def ensure_bucket(self, name: str) -> None:
        self.files.create_bucket(name)
