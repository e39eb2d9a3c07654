import type { components } from "../../../api/schema";

type Schemas = components["schemas"];

/** Hours as the picker shows them: 12 -> "12h", 7.5 -> "7.5h" (at most two decimals, no trailing zeros). */
export function formatHours(hours: number): string {
  return `${Number(hours.toFixed(2))}h`;
}

/** The trainer picker's label: `<First> <Last> (<N>h booked this week)`. */
export function loadLabel(trainer: Pick<Schemas["TrainerWithLoad"], "firstName" | "lastName" | "hoursBookedThisWeek">): string {
  return `${trainer.firstName} ${trainer.lastName} (${formatHours(trainer.hoursBookedThisWeek)} booked this week)`;
}

/** The yellow alert when a class list would exceed the room, else null (never blocks Add). */
export function capacityAlert(attendees: number, capacity: number | null | undefined): string | null {
  if (capacity === null || capacity === undefined || attendees <= capacity) return null;
  return `Venue Capacity Exceeded (${attendees}/${capacity}).`;
}

export type BadgeColor = "red" | "yellow" | "orange" | "green";

/** The picker's badge: red NON_COMPLIANT, yellow PENDING, amber (Mantine "orange") expiring, green otherwise. */
export function badgeColor(
  suggestion: Pick<Schemas["Suggestion"], "complianceStatus" | "group">,
): BadgeColor {
  // The API's groups: 1 NON_COMPLIANT, 2 PENDING, 3 COMPLIANT but expiring soon, 4 everyone else.
  if (suggestion.complianceStatus === "NON_COMPLIANT" || suggestion.group === 1) return "red";
  if (suggestion.complianceStatus === "PENDING" || suggestion.group === 2) return "yellow";
  if (suggestion.group === 3) return "orange";
  return "green";
}

/** The badge's words, e.g. "Expiring 2027-01-10". */
export function badgeText(suggestion: Pick<Schemas["Suggestion"], "complianceStatus" | "group" | "expiryDate">): string {
  switch (badgeColor(suggestion)) {
    case "red":
      return "Non-compliant";
    case "yellow":
      return "Pending";
    case "orange":
      return suggestion.expiryDate ? `Expiring ${suggestion.expiryDate}` : "Expiring";
    default:
      return suggestion.complianceStatus === "COMPLIANT" ? "Compliant" : "No item";
  }
}

/** The colour of a session's status badge; a draft is visibly tentative (grey). */
export function statusColor(status: Schemas["SessionStatus"]): string {
  return { DRAFT: "gray", SCHEDULED: "blue", FINALIZING: "violet", COMPLETED: "green", CANCELLED: "red" }[status];
}
