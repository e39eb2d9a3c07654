import type { components } from "../../../api/schema";

export type ExpiryAlert = components["schemas"]["ExpiryAlert"];
export type AlertColor = "red" | "orange" | "yellow";

/** How soon, in words: "today", "1 day", "12 days". */
export function daysLeftLabel(daysLeft: number): string {
  if (daysLeft <= 0) return "today";
  return daysLeft === 1 ? "1 day" : `${daysLeft} days`;
}

/** The badge colour of an alert: red within a week, orange within a month, yellow further out. */
export function alertColor(daysLeft: number): AlertColor {
  if (daysLeft <= 7) return "red";
  if (daysLeft <= 30) return "orange";
  return "yellow";
}

/** The panel's count, as its heading badge reads it. */
export function alertCountLabel(total: number): string {
  return total === 1 ? "1 open alert" : `${total} open alerts`;
}

export function workerName(alert: Pick<ExpiryAlert, "firstName" | "lastName">): string {
  return `${alert.firstName} ${alert.lastName}`;
}
