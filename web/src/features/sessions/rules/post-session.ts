import { ApiError } from "../../../api/errors";
import { isAdmin, type Identity } from "../../../api/identity";
import type { components } from "../../../api/schema";

type S = components["schemas"];
type Attendee = S["Attendee"];
type Entry = S["AttendanceEntry"];
type SessionLike = Pick<S["SessionDetail"], "status" | "startTime" | "endTime">;

/** The signed sheet's limit, as the API's presigned POST enforces it (EvidenceUpload.maxBytes). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** A finalized (or finalizing) or cancelled session is read-only: no edit, no picker, no attendance. */
export function isReadOnly(status: S["SessionStatus"]): boolean {
  return status === "COMPLETED" || status === "FINALIZING" || status === "CANCELLED";
}

function hasPassed(instant: string | null | undefined, now: Date): boolean {
  return Boolean(instant) && new Date(instant!).getTime() <= now.getTime();
}

/**
 * Who marks attendance and uploads the sheet, and when: an hse-admin or a trainer, on a SCHEDULED
 * session that has started. A trainer reads only their own sessions (the API answers 403 for
 * another's), so a trainer who sees the page is the session's own trainer.
 */
export function canRecordAttendance(session: SessionLike, identity: Identity, now: Date): boolean {
  const role = isAdmin(identity) || identity.groups.includes("trainer");
  return role && session.status === "SCHEDULED" && hasPassed(session.startTime, now);
}

/** A SCHEDULED session not started yet: its attendance opens at the start time. */
export function attendanceOpensLater(session: SessionLike, now: Date): boolean {
  return session.status === "SCHEDULED" && !hasPassed(session.startTime, now);
}

/** The signed sheet's section: once the session has started (SCHEDULED), and on a finalized one. */
export function showsEvidence(session: SessionLike, now: Date): boolean {
  if (session.status === "COMPLETED" || session.status === "FINALIZING") return true;
  return session.status === "SCHEDULED" && hasPassed(session.startTime, now);
}

/** Finalize Session: an hse-admin, once the session has ended (or to finish a FINALIZING one). */
export function canFinalize(session: SessionLike, identity: Identity, now: Date): boolean {
  if (!isAdmin(identity)) return false;
  if (session.status === "FINALIZING") return true;
  return session.status === "SCHEDULED" && hasPassed(session.endTime, now);
}

/** Why a chosen file cannot be the signed sheet, or null: PDF only, 20 MB at most. */
export function pdfProblem(file: Pick<File, "name" | "type" | "size">, maxBytes = MAX_EVIDENCE_BYTES): string | null {
  const pdf = file.type === "application/pdf" || (file.type === "" && /\.pdf$/i.test(file.name));
  if (!pdf) return `${file.name} is not a PDF: upload the signed attendance sheet as a PDF.`;
  if (file.size > maxBytes) return `${file.name} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

export type Mark = "ATTENDED" | "NO_SHOW" | null;
export type ResultMark = "PASSED" | "FAILED" | null;
/** One attendee's row of the attendance form. */
export type AttendanceRow = {
  personnelId: string;
  name: string;
  status: Mark;
  result: ResultMark;
  remarks: string;
};

/** The form's rows from the class list as the API has it (REGISTERED reads as not yet marked). */
export function initialRows(attendees: Attendee[]): AttendanceRow[] {
  return attendees.map((a) => ({
    personnelId: a.personnelId,
    name: `${a.firstName} ${a.lastName}`,
    status: a.status === "REGISTERED" ? null : a.status,
    result: a.status === "ATTENDED" && (a.result === "PASSED" || a.result === "FAILED") ? a.result : null,
    remarks: a.remarks ?? "",
  }));
}

/** Mark all attended & passed: keeps remarks, overrides every mark. */
export function markAllAttendedPassed(rows: AttendanceRow[]): AttendanceRow[] {
  return rows.map((row) => ({ ...row, status: "ATTENDED", result: "PASSED" }));
}

/** Sets a row's mark; a no-show has no result. */
export function withMark(row: AttendanceRow, status: Mark): AttendanceRow {
  return { ...row, status, result: status === "ATTENDED" ? row.result : null };
}

/** The PATCH body's entries: only marked rows; a result only with ATTENDED; blank remarks as null. */
export function attendanceEntries(rows: AttendanceRow[]): Entry[] {
  return rows
    .filter((row) => row.status !== null)
    .map((row) => ({
      personnelId: row.personnelId,
      status: row.status!,
      result: row.status === "ATTENDED" ? row.result : null,
      remarks: row.remarks.trim() === "" ? null : row.remarks.trim(),
    }));
}

/** What finalize will still ask of the form: unmarked rows and attended rows without a result. */
export function unfinishedRows(rows: AttendanceRow[]): number {
  return rows.filter((row) => row.status === null || (row.status === "ATTENDED" && row.result === null)).length;
}

/** A 422 of the attendance call as messages per personnelId (details name `entries.<n>[.<field>]`). */
export function attendanceRowErrors(error: unknown, entries: Pick<Entry, "personnelId">[]): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const detail of error.body?.details ?? []) {
    const match = /^entries\.(\d+)(?:\.(\w+))?$/.exec(String(detail.field ?? ""));
    const entry = match ? entries[Number(match[1])] : undefined;
    if (!entry) continue;
    const text = match![2] ? `${match![2]}: ${String(detail.message)}` : String(detail.message);
    out[entry.personnelId] = out[entry.personnelId] ? `${out[entry.personnelId]}; ${text}` : text;
  }
  return out;
}

/** One line of the finalize checklist. */
export type MissingItem = { key: string; label: string };

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What finalize refused over, as a checklist: the API's 422 names each thing missing as a detail
 * (`attendees.<personnelId>`, `attendees`, `evidence`). Null when the error is not that answer.
 */
export function missingItems(error: unknown, attendees: Pick<Attendee, "personnelId" | "firstName" | "lastName">[]): MissingItem[] | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.body?.details?.length) return null;
  const names = new Map(attendees.map((a) => [a.personnelId, `${a.firstName} ${a.lastName}`]));
  return error.body.details.map((detail, n) => {
    const field = String(detail.field ?? "");
    const message = String(detail.message ?? "");
    const person = /^attendees\.(.+)$/.exec(field);
    if (person) return { key: field, label: `${names.get(person[1]) ?? person[1]}: ${message}` };
    if (field === "evidence") return { key: field, label: `Signed attendance sheet: ${message}` };
    if (field === "attendees") return { key: field, label: `Class list: ${message}` };
    return { key: field || String(n), label: capitalize(message) };
  });
}

export type StatusBadge = { color: string; text: string };

/** A worker's compliance for the course after finalize, as a badge (no item: grey). */
export function complianceBadge(item: Pick<S["ComplianceItem"], "status" | "expiryDate"> | undefined): StatusBadge {
  if (!item) return { color: "gray", text: "No item" };
  switch (item.status) {
    case "COMPLIANT":
      return { color: "green", text: item.expiryDate ? `Compliant until ${item.expiryDate}` : "Compliant" };
    case "PENDING":
      return { color: "yellow", text: "Pending" };
    default:
      return { color: "red", text: "Non-compliant" };
  }
}

/** A competency record's status in words. */
export function competencyText(status: S["CompetencyStatus"]): string {
  return { PENDING_VERIFICATION: "Pending verification", VERIFIED: "Verified", REJECTED: "Rejected" }[status];
}
