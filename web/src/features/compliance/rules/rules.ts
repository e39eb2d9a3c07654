import type { components } from "../../../api/schema";
import { badgeColor, type BadgeColor } from "../../sessions/rules/rules";

type Schemas = components["schemas"];
export type CourseCounts = Schemas["CourseComplianceCounts"];
export type Group = 1 | 2 | 3 | 4;

/** The API's worker groups, as the group filter offers them. */
export const GROUPS: { group: Group; label: string }[] = [
  { group: 1, label: "Red: non-compliant" },
  { group: 2, label: "Yellow: pending" },
  { group: 3, label: "Expiring" },
  { group: 4, label: "Green" },
];

// A representative worker of each group, so the counts take the picker's own badge colours.
const GROUP_STATUS: Record<Group, Schemas["ComplianceStatus"]> = {
  1: "NON_COMPLIANT",
  2: "PENDING",
  3: "COMPLIANT",
  4: "COMPLIANT",
};

export type CountBadge = { group: Group; label: string; count: number; color: BadgeColor };

/** A course's summary row as four badges (red, yellow, expiring, green), coloured as the picker colours workers. */
export function summaryBadges(row: Pick<CourseCounts, "red" | "yellow" | "expiring" | "green">): CountBadge[] {
  const counts: Record<Group, number> = { 1: row.red, 2: row.yellow, 3: row.expiring, 4: row.green };
  const labels: Record<Group, string> = { 1: "red", 2: "yellow", 3: "expiring", 4: "green" };
  return ([1, 2, 3, 4] as Group[]).map((group) => ({
    group,
    label: labels[group],
    count: counts[group],
    color: badgeColor({ complianceStatus: GROUP_STATUS[group], group }),
  }));
}
