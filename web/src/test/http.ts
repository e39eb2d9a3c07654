/** A JSON answer as the API gives it, for tests that stand in for `fetch`. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
