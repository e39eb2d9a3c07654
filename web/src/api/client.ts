import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { currentIdentity, identityHeaders } from "./identity";
import { toApiError } from "./errors";

/** The API's base path; the generated paths carry it, so the client's base URL is the origin. */
export const API_BASE = "/api/v1/training";

const identityMiddleware: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(identityHeaders(currentIdentity()))) {
      request.headers.set(name, value);
    }
    return request;
  },
};

/** The one typed client of the console. */
export const api = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "" : window.location.origin,
  fetch: (request) => globalThis.fetch(request), // looked up per call, so tests can stub it
});
api.use(identityMiddleware);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or throws an ApiError with the API's own message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}
