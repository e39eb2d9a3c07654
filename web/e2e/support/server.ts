/**
 * Playwright's global setup: the real local server (`make run`'s `python -m local.server`) on free ports,
 * with a fresh DynamoDB Local store and local S3 in a temporary folder, so every run starts from the
 * same demo data. It serves web/dist, which `make e2e` builds first. Returns the teardown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const STARTUP_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Resolves once the server says where it listens; everything it prints also goes to `log`. */
function waitForListening(server: ChildProcess, output: string[], log: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local server did not start:\n${output.join("")}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (output.length > 200) return; // started long ago: the log keeps the rest
      output.push(chunk.toString());
      if (output.join("").includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (output.length <= 200) output.push(chunk.toString());
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local server exited (${code}):\n${output.join("")}`));
    });
  });
}

export default async function startLocalServer(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "titan-e2e-"));
  const [port, dynamodbPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamodbPort),
    S3_PORT: String(s3Port),
    LOCAL_DATA_DIR: path.join(dataDir, "dynamodb"),
    S3_DATA_DIR: path.join(dataDir, "s3"),
    SITE_TIMEZONE: process.env.E2E_SITE_TIMEZONE ?? "UTC",
    PYTHONPATH: [ROOT, path.join(ROOT, "layers", "shared")].join(path.delimiter),
    PYTHONUNBUFFERED: "1",
  };
  for (const name of ["TABLE_NAME", "DYNAMODB_ENDPOINT_URL", "EVIDENCE_BUCKET", "S3_ENDPOINT_URL", "WEB_DIST"]) {
    delete env[name];
  }
  const python = process.env.E2E_PYTHON ?? path.join(ROOT, ".venv", "bin", "python");
  const server = spawn(python, ["-m", "local.server"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  mkdirSync(path.join(ROOT, ".local"), { recursive: true });
  const logFile = path.join(ROOT, ".local", "e2e-server.log");
  const log = createWriteStream(logFile);
  try {
    await waitForListening(server, output, log);
  } catch (failure) {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw failure;
  }
  server.removeAllListeners("exit");
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  process.stdout.write(`Local server for the end-to-end tests: ${process.env.E2E_BASE_URL}/ (log: ${logFile})\n`);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      const timeout = setTimeout(() => server.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timeout);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
