import type { components } from "../../../api/schema";

export type Verification = components["schemas"]["Verification"];
export type Outcome = Verification["outcome"];

/** The body of a verify call: remarks only when there are some (the API refuses an empty string). */
export function verificationBody(outcome: Outcome, remarks: string): Verification {
  const trimmed = remarks.trim();
  return { outcome, remarks: trimmed === "" ? null : trimmed };
}

type QueuedRecord = components["schemas"]["QueuedCompetencyRecord"];

/** Who a queued record is about: the worker's name, or their id when they have left the directory. */
export function workerLabel(record: Pick<QueuedRecord, "personnelId" | "personnelName">): string {
  return record.personnelName ?? record.personnelId;
}
