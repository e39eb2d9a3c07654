import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { currentIdentity, identityHeaders } from "./identity";
import { toApiError } from "./errors";

/** The API's base path; the generated paths carry it, so the client's base URL is the origin. */
export const API_BASE = "/api/v1/training";

/** How a deployed console authenticates its calls (configureApi); locally, the acting-as identity. */
type Credentials = { headers: () => Promise<Record<string, string>>; onUnauthorized?: () => void };

let credentials: Credentials | null = null;
let root = "";

const identityMiddleware: Middleware = {
  async onRequest({ request }) {
    const headers = credentials ? await credentials.headers() : identityHeaders(currentIdentity());
    for (const [name, value] of Object.entries(headers)) {
      request.headers.set(name, value);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && credentials?.onUnauthorized) credentials.onUnauthorized();
    return response;
  },
};

function makeClient(baseUrl: string) {
  const client = createClient<paths>({
    baseUrl,
    fetch: (request) => globalThis.fetch(request), // looked up per call, so tests can stub it
  });
  client.use(identityMiddleware);
  return client;
}

/** The one typed client of the console (a live binding: configureApi replaces it before the app renders). */
export let api = makeClient(typeof window === "undefined" ? "" : window.location.origin);

/** A deployed console: calls go to the API's own URL with the signed-in user's token. */
export function configureApi(options: { baseUrl: string } & Credentials): void {
  root = options.baseUrl.replace(/\/+$/, "");
  credentials = { headers: options.headers, onUnauthorized: options.onUnauthorized };
  api = makeClient(root);
}

/** What comes before API_BASE in a URL: "" on the local server (same origin), the API's root when deployed. */
export function apiRoot(): string {
  return root;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or throws an ApiError with the API's own message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}
