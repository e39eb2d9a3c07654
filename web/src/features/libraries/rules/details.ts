import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import type { components } from "../../../api/schema";
import type { BadgeColor } from "../../sessions/rules/rules";

dayjs.extend(utc);

type Schemas = components["schemas"];
export type ComplianceItem = Schemas["ComplianceItem"];

/**
 * A worker's compliance item in the picker's groups (the API's `group_of`): 1 NON_COMPLIANT, 2 PENDING,
 * 3 COMPLIANT expiring within the warning window (days from the site's today), 4 otherwise.
 * With it the item takes the picker's own badge (sessions/rules `badgeColor`, `badgeText`).
 */
export function complianceGroup(
  item: Pick<ComplianceItem, "status" | "expiryDate">,
  today: string,
  warningDays: number,
): 1 | 2 | 3 | 4 {
  if (item.status === "NON_COMPLIANT") return 1;
  if (item.status === "PENDING") return 2;
  if (item.expiryDate && dayjs.utc(item.expiryDate).diff(dayjs.utc(today), "day") <= warningDays) return 3;
  return 4;
}

/** The item as the picker's badge rule reads a worker: `badgeColor(asSuggestion(...))`. */
export function asSuggestion(
  item: Pick<ComplianceItem, "status" | "expiryDate">,
  today: string,
  warningDays: number,
): Pick<Schemas["Suggestion"], "complianceStatus" | "group" | "expiryDate"> {
  return { complianceStatus: item.status, group: complianceGroup(item, today, warningDays), expiryDate: item.expiryDate };
}

/** A training record's result badge. */
export function resultColor(result: Schemas["Result"]): BadgeColor {
  return result === "PASSED" ? "green" : "red";
}

/** A competency record's verification status: its badge colour and words. */
export function verificationBadge(status: Schemas["CompetencyStatus"]): { color: BadgeColor; text: string } {
  switch (status) {
    case "VERIFIED":
      return { color: "green", text: "Verified" };
    case "REJECTED":
      return { color: "red", text: "Rejected" };
    default:
      return { color: "yellow", text: "Pending verification" };
  }
}

/** The ISO week `weeks` away from `week` (`YYYY-Www`), e.g. 2026-W53 + 1 = 2027-W01. */
export function shiftIsoWeek(week: string, weeks: number): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const jan4 = dayjs.utc(`${year}-01-04`);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, "day");
  const thursday = week1Monday.add((Number(match[2]) - 1 + weeks) * 7 + 3, "day");
  const nextJan4 = dayjs.utc(`${thursday.year()}-01-04`);
  const nextWeek1Monday = nextJan4.subtract((nextJan4.day() + 6) % 7, "day");
  const number = Math.floor(thursday.diff(nextWeek1Monday, "day") / 7) + 1;
  return `${thursday.year()}-W${String(number).padStart(2, "0")}`;
}

/** The expiring flag of an item: "Expired" (the API says so), "Expiring" (picker group 3), else null. */
export function expiryFlag(
  item: Pick<ComplianceItem, "status" | "expiryDate" | "expired">,
  today: string,
  warningDays: number,
): "Expired" | "Expiring" | null {
  if (item.expired) return "Expired";
  return complianceGroup(item, today, warningDays) === 3 ? "Expiring" : null;
}

/** A session's length in hours, as its trainer's load counts it. */
export function sessionHours(startTime: string, endTime: string): number {
  return dayjs.utc(endTime).diff(dayjs.utc(startTime), "minute") / 60;
}
