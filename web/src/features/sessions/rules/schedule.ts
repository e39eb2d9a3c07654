import { ApiError, describeError, fieldErrors } from "../../../api/errors";
import type { components } from "../../../api/schema";

export type Conflict = components["schemas"]["SessionConflict"];

/** How a failed "Schedule" is shown: the clashing session, "not qualified", or per-field messages. */
export type ScheduleProblem =
  | { kind: "clash"; message: string; conflicts: Conflict[] }
  | { kind: "unqualified"; message: string }
  | { kind: "fields"; message: string; fields: Record<string, string> }
  | { kind: "other"; message: string };

function isConflict(value: unknown): value is Conflict {
  return typeof value === "object" && value !== null && typeof (value as Conflict).sessionId === "string";
}

export function scheduleProblem(error: unknown): ScheduleProblem {
  const message = describeError(error);
  if (error instanceof ApiError) {
    if (error.status === 409) {
      return { kind: "clash", message, conflicts: (error.body?.details ?? []).filter(isConflict) };
    }
    if (error.status === 400 && error.body?.details?.some((d) => "trainerId" in d)) {
      return { kind: "unqualified", message };
    }
    if (error.status === 422) return { kind: "fields", message, fields: fieldErrors(error) };
  }
  return { kind: "other", message };
}
