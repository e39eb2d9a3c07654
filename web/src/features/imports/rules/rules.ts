import type { components } from "../../../api/schema";

export type ImportReport = components["schemas"]["ImportReport"];
export type ImportedRow = components["schemas"]["ImportedRow"];
export type ImportKind = "personnel" | "compliance";

/** What each import takes, as the API documents it (header names are matched ignoring case and spaces). */
export const IMPORT_KINDS: { kind: ImportKind; label: string; columns: string; example: string }[] = [
  {
    kind: "personnel",
    label: "Personnel",
    columns: "first name, last name, email, employee number, active",
    example: "first name;last name;email;employee number;active\nAna;Silva;ana.silva@example.com;E-1042;yes",
  },
  {
    kind: "compliance",
    label: "Compliance",
    columns: "employee number, course code, status, expiry date",
    example: "employee number,course code,status,expiry date\nE-1042,FA-1,COMPLIANT,2027-11-22",
  },
];

// The API's own limit (413 above it): checked first here, so a person is told before uploading.
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Why a chosen file cannot be sent, or null: not a .csv file, empty, or over the API's limit. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (!/\.csv$/i.test(file.name)) return `${file.name} is not a .csv file: save the spreadsheet as CSV (UTF-8)`;
  if (file.size === 0) return `${file.name} is empty`;
  if (file.size > MAX_FILE_BYTES) return `${file.name} is over 5 MiB, the import's limit: split it`;
  return null;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString("en-GB")} ${word}`;
}

/** One line about a report: what a dry run would do, or what the import did. */
export function reportSummary(report: ImportReport): string {
  const verb = report.dryRun ? "would be " : "";
  return [
    `${count(report.rows, report.rows === 1 ? "row" : "rows")} read`,
    `${count(report.created.length, `${verb}created`)}`,
    `${count(report.changed.length, `${verb}changed`)}`,
    `${count(report.unchanged, "unchanged")}`,
    `${count(report.refused.length, "refused")}`,
  ].join(" · ");
}

/** Whether "Import" has anything to apply after a preview. */
export function canApply(report: ImportReport | undefined): boolean {
  return Boolean(report?.dryRun && report.created.length + report.changed.length > 0);
}

/** What a created or changed row is about: the employee number, and the course code of a compliance item. */
export function rowEntity(row: ImportedRow): string {
  return row.courseCode ? `${row.employeeNo} · ${row.courseCode}` : row.employeeNo;
}

// The API's field names, as a person reads them (the file's own column headers).
const FIELD_LABELS: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  email: "email",
  employeeNo: "employee number",
  active: "active",
  status: "status",
  expiryDate: "expiry date",
};

/** The fields a changed row changes, in words. */
export function changedFields(row: ImportedRow): string {
  return (row.fields ?? []).map((field) => FIELD_LABELS[field] ?? field).join(", ");
}
