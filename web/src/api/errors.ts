import type { components } from "./schema";

export type ErrorBody = components["schemas"]["ErrorBody"];

/** A failed call, carrying the API's own error body when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody | null;

  constructor(status: number, body: ErrorBody | null, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** The message a person sees for a failed call: the API's own `message`, else the HTTP status. */
export function errorMessage(status: number, body: unknown): string {
  if (isErrorBody(body) && body.message.trim() !== "") return body.message;
  if (status === 0) return "The server could not be reached.";
  return `Request failed (HTTP ${status}).`;
}

/** Turns a failed openapi-fetch result into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  return new ApiError(status, isErrorBody(body) ? body : null, errorMessage(status, body));
}

/** A 422's field errors as {field: message}, for showing each next to its field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.body?.details) return {};
  const out: Record<string, string> = {};
  for (const detail of error.body.details) {
    const field = detail.field;
    const message = detail.message;
    if (typeof field === "string" && typeof message === "string" && !(field in out)) {
      out[field] = message;
    }
  }
  return out;
}

/** The text to show for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
