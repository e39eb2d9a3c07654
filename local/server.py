"""`make run`: the whole API on http://127.0.0.1:$PORT without Docker.

Starts DynamoDB Local (data kept under .local/), creates the table from template.yaml and loads the
demo data the first time, then serves every route of template.yaml by building API Gateway REST
proxy events and invoking the same handler modules in-process, each concurrent request in an
execution environment of its own (local/handlers.py), as Lambda does. Also serves the merged OpenAPI
document, Swagger UI, and the built web console (web/dist, or WEB_DIST) at / (local/web_console.py).
Identity comes, as deployed, from an ID token in `Authorization`, here an unsigned one (any JWT whose
payload has `sub` and `cognito:groups`: the signature is not checked), or from two headers only this
server understands: `X-Dev-User-Id` and `X-Dev-Groups` (comma-separated).
`Authorization`, when sent, wins; without either a request has no identity.

Environment: PORT (3000), DYNAMODB_PORT (8000), S3_PORT (9000), TABLE_NAME, LOCAL_DATA_DIR, S3_DATA_DIR,
SITE_TIMEZONE, WEB_DIST, ALERT_SECONDS (86400), LOCAL_EVENT_SINK (`events-<PORT>.jsonl` beside
LOCAL_DATA_DIR: `.local/events-3000.jsonl`).
Evidence uploads go to the local S3 on S3_PORT (local/s3_local.py), kept in files under
S3_DATA_DIR (`.local/s3-data-<S3_PORT>/`), so they survive a restart.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import signal
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from local import swagger_ui, web_console
from local.dynamodb_local import DynamoDBLocal, client, ensure_table
from local.events import LambdaContext, claims_for, claims_from_token
from local.gateway import Gateway
from local.handlers import load_module
from local.s3_local import S3Local
from local.template import ROOT, invoked_functions

BASE_PATH = "/api/v1/training"
DOCS_PATH = f"{BASE_PATH}/docs"
OPENAPI_PATH = f"{BASE_PATH}/openapi.json"
DEV_USER_HEADER = "X-Dev-User-Id"
DEV_GROUPS_HEADER = "X-Dev-Groups"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
    "Access-Control-Allow-Headers": f"Content-Type,Authorization,Idempotency-Key,{DEV_USER_HEADER},{DEV_GROUPS_HEADER}",
    "Access-Control-Max-Age": "600",
}


EVIDENCE_BUCKET = "titan-training-evidence-local"
LAMBDA_INVOKE_PREFIX = "/2015-03-31/functions/"  # Lambda's Invoke API: POST .../functions/<name>/invocations


def configure_environment(
    table_name: str, dynamodb_endpoint: str, s3_endpoint: str | None = None, lambda_endpoint: str | None = None
) -> None:
    """What template.yaml's Globals give a deployed function, pointed at DynamoDB Local (and local S3, and
    this server for Lambda's Invoke API: the plan worker)."""
    if lambda_endpoint:
        os.environ.update(LAMBDA_ENDPOINT_URL=lambda_endpoint, PLAN_WORKER_FUNCTION="RunPlanFunction")
    os.environ.update(
        TABLE_NAME=table_name,
        DYNAMODB_ENDPOINT_URL=dynamodb_endpoint,
        EVIDENCE_BUCKET=EVIDENCE_BUCKET,
        LOCAL_SERVER="true",  # only here: GET /config tells the console it is the local server
    )
    if s3_endpoint:
        os.environ["S3_ENDPOINT_URL"] = s3_endpoint
    for name, value in {
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "POWERTOOLS_SERVICE_NAME": "training-sessions",
        "POWERTOOLS_METRICS_NAMESPACE": "Titan/Training",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }.items():
        os.environ.setdefault(name, value)


class LocalApi:
    """The state one running server shares between its request threads."""

    def __init__(self, gateway: Gateway, openapi: dict[str, Any], assets: Path, web_dist: Path | None = None) -> None:
        self.gateway = gateway
        self.web_dist = web_dist or web_console.dist_dir()
        self.openapi = json.dumps(openapi).encode()
        self.assets = assets
        self.docs_page = swagger_ui.page(OPENAPI_PATH, f"{DOCS_PATH}/assets").encode()


class RequestHandler(BaseHTTPRequestHandler):
    server_version = "TitanLocalApi/1.0"
    timeout = 120  # seconds an idle keep-alive connection holds its thread
    protocol_version = "HTTP/1.1"
    api: LocalApi

    def do_OPTIONS(self) -> None:
        try:
            self._read_body()
        except ValueError:
            self.close_connection = True
        self._send(HTTPStatus.NO_CONTENT, b"", {})

    def __getattr__(self, name: str) -> Any:
        """Every method goes to the gateway (`do_GET`, `do_TRACE`, ...): it answers 405 with `Allow`
        for one the path does not serve, where http.server would answer 501."""
        if name.startswith("do_"):
            return self._handle
        raise AttributeError(name)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the HTTP layer itself finds (an unsupported method, a malformed request line) as JSON."""
        status = HTTPStatus(code)
        body = json.dumps(
            {"statusCode": code, "error": status.phrase, "message": message or status.phrase, "details": []}
        )
        self.close_connection = True
        self._send(code, body.encode(), {"Content-Type": "application/json", "Connection": "close"})

    def _handle(self) -> None:
        started = time.perf_counter()
        url = urlsplit(self.path)
        path = unquote(url.path)
        if len(path) > 1 and path.endswith("/"):
            path = path.rstrip("/")  # `/courses/` is `/courses`, as a frontend developer expects
        # The body is read first, whatever the method and path: one left unread would be taken for
        # the next request on this keep-alive connection.
        try:
            self.body = self._read_body()
        except ValueError:
            self._refuse("Content-Length or chunked body is malformed")
            return
        status = self._serve_static(path) if self.command in ("GET", "HEAD") else None
        if status is None and self.command == "POST" and path.startswith(LAMBDA_INVOKE_PREFIX):
            status = self._invoke_function(path.removeprefix(LAMBDA_INVOKE_PREFIX).removesuffix("/invocations"))
        if status is None:
            status = self._invoke(path, url.query)
        elapsed = (time.perf_counter() - started) * 1000
        sys.stdout.write(f"{self.command} {self.path} -> {status} ({elapsed:.0f} ms)\n")

    def _serve_static(self, path: str) -> int | None:
        console = web_console.file_for(self.api.web_dist, path, BASE_PATH)
        if console is not None:  # the web console, when built; never a path under BASE_PATH
            return self._send(HTTPStatus.OK, console.read_bytes(), web_console.headers_for(self.api.web_dist, console))
        if path in ("/", BASE_PATH, f"{BASE_PATH}/"):
            body = {"openapi": OPENAPI_PATH, "docs": DOCS_PATH, "api": BASE_PATH}
            return self._send(HTTPStatus.OK, json.dumps(body).encode(), {"Content-Type": "application/json"})
        if path == OPENAPI_PATH:
            return self._send(HTTPStatus.OK, self.api.openapi, {"Content-Type": "application/json"})
        if path in (DOCS_PATH, f"{DOCS_PATH}/"):
            return self._send(HTTPStatus.OK, self.api.docs_page, {"Content-Type": "text/html; charset=utf-8"})
        if path.startswith(f"{DOCS_PATH}/assets/"):
            asset = self.api.assets / Path(path).name
            if asset.is_file():
                kind = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
                return self._send(HTTPStatus.OK, asset.read_bytes(), {"Content-Type": kind})
        return None

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(length) if length else b""

    def _refuse(self, message: str) -> int:
        body = {"statusCode": 400, "error": "Bad Request", "message": message, "details": []}
        self.close_connection = True
        return self._send(HTTPStatus.BAD_REQUEST, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def _invoke(self, path: str, query: str) -> int:
        raw = self.body
        try:
            text = raw.decode("utf-8") if raw else None
        except UnicodeDecodeError:
            return self._refuse("Request body is not valid UTF-8")
        headers = {
            k: v
            for k, v in self.headers.items()
            if k.lower() not in (DEV_USER_HEADER.lower(), DEV_GROUPS_HEADER.lower())
        }
        if self.headers.get("Authorization") is not None:
            claims = claims_from_token(self.headers.get("Authorization"))
        else:
            claims = claims_for(self.headers.get(DEV_USER_HEADER), self.headers.get(DEV_GROUPS_HEADER))
        try:
            response = self.api.gateway.invoke(
                "GET" if self.command == "HEAD" else self.command,
                path,
                query=query,
                body=text,
                headers=headers,
                claims=claims,
            )
        except Exception as failure:  # the handlers map every error themselves; this is a last resort
            body = {"statusCode": 500, "error": "Internal Server Error", "message": f"Local server: {failure}"}
            return self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR, json.dumps(body).encode(), {"Content-Type": "application/json"}
            )
        response_headers = dict(response.get("headers") or {})
        for name, values in (response.get("multiValueHeaders") or {}).items():
            response_headers[name] = ", ".join(values)
        body_text = response.get("body") or ""
        payload = base64.b64decode(body_text) if response.get("isBase64Encoded") else body_text.encode()
        return self._send(response["statusCode"], payload, response_headers)

    def _invoke_function(self, name: str) -> int:
        """Lambda's Invoke API, as the functions call it (PlanWorker): `InvocationType: Event` answers 202
        and runs the function on a thread of its own, as Lambda runs an asynchronous invocation."""
        function = next((f for f in invoked_functions() if f.function == name), None)
        if function is None:
            body = {"Type": "User", "Message": f"Function not found: {name}"}
            return self._send(HTTPStatus.NOT_FOUND, json.dumps(body).encode(), {"Content-Type": "application/json"})
        event = json.loads(self.body or b"{}")
        handler = getattr(load_module(function.handler_file), function.handler_name)

        def run() -> None:
            try:
                print(f"{name}: {json.dumps(handler(event, LambdaContext(function_name=name)))}", flush=True)
            except Exception as failure:  # Lambda would log it and retry; the plan is FAILED already
                print(f"{name} failed: {failure}", file=sys.stderr, flush=True)

        if (self.headers.get("X-Amz-Invocation-Type") or "RequestResponse") == "Event":
            threading.Thread(target=run, name=f"invoke-{name}", daemon=True).start()
            return self._send(HTTPStatus.ACCEPTED, b"", {})
        result = handler(event, LambdaContext(function_name=name))
        return self._send(HTTPStatus.OK, json.dumps(result).encode(), {"Content-Type": "application/json"})

    def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> int:
        self.send_response(status)
        for name, value in {**CORS_HEADERS, **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD" and payload:
            self.wfile.write(payload)
        return int(status)

    def log_message(self, format: str, *args: Any) -> None:  # one line per request is printed by _handle
        pass


class LocalHttpServer(ThreadingHTTPServer):
    """One thread per connection; a listen backlog that holds a burst (socketserver's default is 5,
    so a 6th simultaneous connect was refused or reset before a thread could accept it)."""

    request_queue_size = 1024
    daemon_threads = True


class PickerRefresher(threading.Thread):
    """What EventBridge does deployed: the picker refresh at start, then every REFRESH_SECONDS (300)."""

    def __init__(self) -> None:
        super().__init__(name="picker-refresh", daemon=True)
        self.interval = float(os.environ.get("REFRESH_SECONDS", "300"))
        self.stopped = threading.Event()

    def run(self) -> None:
        from local.refresh_suggestions import refresh_once

        while not self.stopped.is_set():
            try:
                summary = refresh_once()
                if summary["refreshed"]:
                    print(f"Picker rankings refreshed: {summary}", flush=True)
            except Exception as failure:  # keep serving; the endpoint ranks live meanwhile
                print(f"Picker refresh failed: {failure}", file=sys.stderr, flush=True)
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


class ExpiryAlerter(threading.Thread):
    """What EventBridge does deployed: the expiry alerts at start, then every ALERT_SECONDS (a day).
    Events go to the local sink (no EVENT_BUS_NAME): a line each here, and LOCAL_EVENT_SINK's file."""

    def __init__(self) -> None:
        super().__init__(name="expiry-alerts", daemon=True)
        self.interval = float(os.environ.get("ALERT_SECONDS", "86400"))
        self.stopped = threading.Event()

    def run(self) -> None:
        from local.expiry_alerts import alert_once

        while not self.stopped.is_set():
            try:
                print(f"Expiry alerts: {alert_once()}", flush=True)
            except Exception as failure:  # keep serving; the next run catches up
                print(f"Expiry alerts failed: {failure}", file=sys.stderr, flush=True)
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def main() -> int:
    port = int(os.environ.get("PORT", "3000"))
    dynamodb_port = int(os.environ.get("DYNAMODB_PORT", "8000"))
    s3_port = int(os.environ.get("S3_PORT", "9000"))
    table_name = os.environ.get("TABLE_NAME", "titan-training-local")
    data_dir = Path(os.environ.get("LOCAL_DATA_DIR") or ROOT / ".local" / f"dynamodb-data-{dynamodb_port}")
    s3_dir = Path(os.environ.get("S3_DATA_DIR") or ROOT / ".local" / f"s3-data-{s3_port}")
    for name, number in (("PORT", port), ("DYNAMODB_PORT", dynamodb_port), ("S3_PORT", s3_port)):
        if port_in_use(number):
            print(f"Port {number} is already in use: set {name} to a free port.", file=sys.stderr)
            return 1

    dynamodb = DynamoDBLocal(port=dynamodb_port, db_path=data_dir).start()
    s3 = S3Local(port=s3_port, data_dir=s3_dir).start()
    try:
        configure_environment(table_name, dynamodb.endpoint_url, s3.endpoint_url, f"http://127.0.0.1:{port}")
        # Beside the data folder: .local/events-3000.jsonl by default, a test's own folder for a test's server.
        os.environ.setdefault("LOCAL_EVENT_SINK", str(data_dir.parent / f"events-{port}.jsonl"))
        s3.ensure_bucket(EVIDENCE_BUCKET)
        # Imported only now: the layer reads the environment configured above.
        from local.demo_data import load
        from local.openapi import build_document
        from titan_training.api import runtime

        runtime.reset()
        if ensure_table(client(dynamodb.endpoint_url), table_name):
            counts = load(runtime.store(), runtime.settings().site_timezone, runtime.evidence())
            print("Loaded demo data: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
        else:  # data kept from an older version: the keys and entries added since
            if updated := runtime.store().sessions.backfill_index_keys():
                print(f"Gave {updated} sessions their TrainerIndex, VenueIndex and StatusIndex keys")
            if updated := runtime.store().records.backfill_history_keys():
                print(f"Gave {updated} training records their ListIndex keys (the worker's history)")
            if updated := runtime.store().alerts.backfill_expiry_keys():
                print(f"Gave {updated} compliance items their ListIndex keys (the expiry alerts)")
            if updated := runtime.store().sessions.backfill_attendee_keys():
                print(f"Gave {updated} class-list entries their ListIndex keys (the workers' calendar feeds)")
            if runtime.store().personnel.search_entries_missing():
                filled = runtime.store().personnel.backfill_search_entries()
                print(f"Back-filled the search entries of {filled} workers")
        RequestHandler.api = LocalApi(Gateway(), build_document(), swagger_ui.ensure_installed())
        refresher = PickerRefresher()
        refresher.start()
        alerter = ExpiryAlerter()
        server = LocalHttpServer(("127.0.0.1", port), RequestHandler)

        def stop(signum: int, _frame: Any) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        print(f"Titan training API listening on http://127.0.0.1:{port}{BASE_PATH}")
        if (RequestHandler.api.web_dist / "index.html").is_file():
            print(f"  web console: http://127.0.0.1:{port}/ (from {RequestHandler.api.web_dist})")
        print(
            f"  docs: http://127.0.0.1:{port}{DOCS_PATH}   DynamoDB Local: {dynamodb.endpoint_url} (data: {data_dir})"
        )
        print(f"  S3 (evidence uploads): {s3.endpoint_url}/{EVIDENCE_BUCKET} (files: {s3_dir})")
        print(
            f"  identity: Authorization: <unsigned JWT with sub and cognito:groups>, or {DEV_USER_HEADER}: <id>"
            f" and {DEV_GROUPS_HEADER}: hse-admin (or trainer)",
            flush=True,
        )
        alerter.start()  # after the announcement: its lines never come between those above
        try:
            server.serve_forever()
        finally:
            refresher.stop()
            alerter.stop()
            server.server_close()
    finally:
        s3.stop()
        dynamodb.stop()
        print("Stopped (DynamoDB Local and S3 too).", flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "layers" / "shared"))
    sys.exit(main())
