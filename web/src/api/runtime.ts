import { API_BASE } from "./client";

/** The hosted sign-in of a deployed console (written by `make deploy` from the stack's outputs). */
export type SignInSettings = {
  /** The user pool's OpenID Connect issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  authority: string;
  clientId: string;
  /** The hosted sign-in's domain, <prefix>.auth.<region>.amazoncognito.com. */
  domain: string;
  /** Where Cognito returns after sign-in (the console's /auth/callback) and after sign-out. */
  redirectUri: string;
  logoutUri: string;
  scope: string;
};

/** Where the console runs: on the local server (same origin, "Acting as"), or deployed behind Cognito. */
export type Runtime =
  | { kind: "local" }
  | { kind: "deployed"; apiUrl: string; siteTimezone: string; auth: SignInSettings };

export const LOCAL_RUNTIME: Runtime = { kind: "local" };

/** Where `make deploy` puts the console's settings: beside index.html, on the console's own origin. */
export const RUNTIME_CONFIG_PATH = "/config.json";

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/**
 * What /config.json says. No such file (404, or CloudFront's 403) or an HTML answer (a server that
 * sends the app for any path) means the local console; a config.json that is there but wrong, or a
 * server error, is said, never taken for local.
 */
export function parseRuntimeConfig(status: number, contentType: string | null, body: unknown): Runtime {
  if (status === 404 || status === 403) return LOCAL_RUNTIME;
  if (status < 200 || status >= 300) throw new Error(`The console's settings (config.json) answered HTTP ${status}.`);
  if (!contentType?.includes("json")) return LOCAL_RUNTIME;
  const value = (body ?? {}) as Record<string, unknown>;
  const auth = (value.auth ?? {}) as Record<string, unknown>;
  const settings = {
    authority: text(auth.authority),
    clientId: text(auth.clientId),
    domain: text(auth.domain),
    redirectUri: text(auth.redirectUri),
    logoutUri: text(auth.logoutUri),
    scope: text(auth.scope) ?? "openid email profile",
  };
  const apiUrl = text(value.apiUrl);
  const missing = [
    apiUrl ? null : "apiUrl",
    ...Object.entries(settings).map(([name, setting]) => (setting ? null : `auth.${name}`)),
  ].filter(Boolean);
  if (missing.length) throw new Error(`The console's settings (config.json) lack ${missing.join(", ")}.`);
  return {
    kind: "deployed",
    apiUrl: apiUrl!,
    siteTimezone: text(value.siteTimezone) ?? "UTC",
    auth: settings as SignInSettings,
  };
}

/** Reads /config.json before anything else (never from a cache: a deploy may have changed it). */
export async function loadRuntime(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): Promise<Runtime> {
  const response = await fetchImpl(RUNTIME_CONFIG_PATH, { cache: "no-store", headers: { Accept: "application/json" } });
  const contentType = response.headers.get("Content-Type");
  const body = contentType?.includes("json") ? await response.json().catch(() => null) : null;
  return parseRuntimeConfig(response.status, contentType, body);
}

/**
 * The openapi-fetch client's base URL for the stack's ApiUrl: the generated paths already start with
 * the API's base path (/api/v1/training), so it is the stage's root.
 */
export function clientBaseUrl(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, "");
  return trimmed.endsWith(API_BASE) ? trimmed.slice(0, -API_BASE.length) : trimmed;
}
