import type { components } from "../../../api/schema";
import { capacityAlert } from "./rules";

type Schemas = components["schemas"];

/** How many suggestions one "Show more" adds; the API returns the first `limit` of its ranking (at most 500). */
export const PICKER_PAGE = 50;
export const PICKER_MAX = 500;

/** The `limit` after one more page, never past the API's maximum. */
export function nextLimit(limit: number): number {
  return Math.min(limit + PICKER_PAGE, PICKER_MAX);
}

/** Whether the ranking may hold more than was shown: a full answer below the API's maximum. */
export function hasMore(shown: number, limit: number): boolean {
  return shown >= limit && limit < PICKER_MAX;
}

/** The picker's yellow alert: the class list plus the selection past the room (null without a selection). */
export function selectionAlert(listed: number, selected: number, capacity: number | null | undefined): string | null {
  if (selected === 0) return null;
  return capacityAlert(listed + selected, capacity);
}

/** The toasts after "Add": what was added, and who was not and why (the API's `warnings` come on top). */
export function addOutcome(change: Pick<Schemas["AttendeesChange"], "added" | "alreadyListed" | "inactive" | "notFound">): {
  color: "green" | "yellow";
  message: string;
}[] {
  const out: { color: "green" | "yellow"; message: string }[] = [];
  const count = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  const added = change.added?.length ?? 0;
  out.push({ color: "green", message: `Added ${count(added)} to the class list` });
  if (change.alreadyListed?.length) out.push({ color: "yellow", message: `${count(change.alreadyListed.length)} already on the list` });
  if (change.inactive?.length) out.push({ color: "yellow", message: `${count(change.inactive.length)} not added: inactive` });
  if (change.notFound?.length) out.push({ color: "yellow", message: `${count(change.notFound.length)} not added: not found` });
  return out;
}

/** The accessible name of a class-list row's remove button. */
export function removeLabel(attendee: Pick<Schemas["Attendee"], "firstName" | "lastName">): string {
  return `Remove ${attendee.firstName} ${attendee.lastName}`;
}

/** What an admin may do with a session in a status (the API's rules: cancel DRAFT or SCHEDULED, delete DRAFT or CANCELLED). */
export function sessionActions(status: Schemas["SessionStatus"]): { cancel: boolean; delete: boolean; edit: boolean } {
  return {
    cancel: status === "DRAFT" || status === "SCHEDULED",
    delete: status === "DRAFT" || status === "CANCELLED",
    edit: status === "DRAFT" || status === "SCHEDULED",
  };
}

/** A draft's edit as the API takes it: empty fields clear what the draft had. */
export function draftPatch(values: {
  trainerId: string | null;
  venueId: string | null;
  startTime: string | null;
  endTime: string | null;
}): Schemas["SessionPatch"] {
  return {
    trainerId: values.trainerId || null,
    venueId: values.venueId || null,
    startTime: values.startTime || null,
    endTime: values.endTime || null,
  };
}
