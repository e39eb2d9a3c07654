import type { components } from "../../../api/schema";

export type Verification = components["schemas"]["Verification"];
export type Outcome = Verification["outcome"];

/** The body of a verify call: remarks only when there are some (the API refuses an empty string). */
export function verificationBody(outcome: Outcome, remarks: string): Verification {
  const trimmed = remarks.trim();
  return { outcome, remarks: trimmed === "" ? null : trimmed };
}
