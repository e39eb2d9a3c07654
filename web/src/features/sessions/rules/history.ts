import dayjs from "dayjs";
import { formatInstant } from "../../../shared/time";
import type { components } from "../../../api/schema";

type S = components["schemas"];
export type HistoryAction = S["HistoryAction"];
type Entry = Pick<S["HistoryEntry"], "action" | "changes" | "details" | "changedById" | "changedByGroup">;
type Change = S["FieldChange"];

/** Names to show instead of ids: trainers, venues and people (whatever the page knows). */
export type Names = Record<string, string>;

const LABELS: Record<HistoryAction, string> = {
  CREATED: "Created",
  EDITED: "Edited",
  SCHEDULED: "Scheduled",
  RESCHEDULED: "Rescheduled",
  ATTENDEES_ADDED: "Attendees added",
  ATTENDEE_REMOVED: "Attendee removed",
  CANCELLED: "Cancelled",
  DELETED: "Deleted",
  ATTENDANCE_MARKED: "Attendance marked",
  EVIDENCE_UPLOAD_REQUESTED: "Evidence upload requested",
  FINALIZE_STARTED: "Finalize started",
  FINALIZE_ABORTED: "Finalize aborted",
  FINALIZE_COMMITTED: "Finalize committed",
  COMPETENCY_VERIFIED: "Competency verified",
  COMPETENCY_REJECTED: "Competency rejected",
};

const FIELDS: Record<string, string> = {
  trainerId: "Trainer",
  venueId: "Venue",
  startTime: "Start",
  endTime: "End",
};

/** What happened, in words. */
export function actionLabel(action: HistoryAction): string {
  return LABELS[action] ?? action;
}

/** When it happened, on the site's clock to the second (an audit trail's changes come close together). */
export function entryTime(at: string, timezone: string): string {
  return dayjs(at).tz(timezone).format("ddd D MMM YYYY, HH:mm:ss");
}

/** Who did it: their login and the group they acted as. */
export function actorText(entry: Pick<Entry, "changedById" | "changedByGroup">): string {
  return entry.changedByGroup ? `${entry.changedById} (${entry.changedByGroup})` : entry.changedById;
}

function valueText(field: string, value: string | null | undefined, names: Names, timezone: string): string {
  if (value === null || value === undefined) return "none";
  if (field === "startTime" || field === "endTime") return formatInstant(value, timezone);
  return names[value] ?? value;
}

/** One changed field: `Start: 12 Jan 2027 09:00 → 12 Jan 2027 10:00` (ids shown as names when known). */
export function changeText(change: Change, names: Names, timezone: string): string {
  const label = FIELDS[change.field] ?? change.field;
  return `${label}: ${valueText(change.field, change.old, names, timezone)} → ${valueText(change.field, change.new, names, timezone)}`;
}

function people(count: number): string {
  return count === 1 ? "1 person" : `${count} people`;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function named(id: unknown, names: Names): string {
  return typeof id === "string" ? (names[id] ?? id) : "someone";
}

/** The lines that say what an entry changed: its fields, old and new, then what its details say. */
export function entryDetails(entry: Entry, names: Names, timezone: string): string[] {
  const details = entry.details ?? {};
  const lines = (entry.changes ?? []).map((change) => changeText(change, names, timezone));
  switch (entry.action) {
    case "CREATED": {
      const initial = (["trainerId", "venueId", "startTime", "endTime"] as const)
        .filter((field) => text(details[field]))
        .map((field) => `${FIELDS[field]}: ${valueText(field, text(details[field]), names, timezone)}`);
      return [`As ${text(details.status) ?? "DRAFT"}`, ...initial];
    }
    case "ATTENDEES_ADDED": {
      const ids = list(details.personnelIds);
      return [`${people(ids.length)}: ${ids.map((id) => named(id, names)).join(", ")}`];
    }
    case "ATTENDEE_REMOVED":
      return [named(details.personnelId, names)];
    case "CANCELLED":
    case "DELETED":
      return details.previousStatus ? [`Was ${text(details.previousStatus)}`] : [];
    case "ATTENDANCE_MARKED": {
      const marks = list(details.entries) as { status?: string; result?: string }[];
      const attended = marks.filter((m) => m.status === "ATTENDED").length;
      const noShows = marks.filter((m) => m.status === "NO_SHOW").length;
      const passed = marks.filter((m) => m.result === "PASSED").length;
      const failed = marks.filter((m) => m.result === "FAILED").length;
      return [`${people(marks.length)}: ${attended} attended (${passed} passed, ${failed} failed), ${noShows} no-show`];
    }
    case "EVIDENCE_UPLOAD_REQUESTED":
      return ["An upload form was issued"];
    case "FINALIZE_STARTED":
      return ["Class list, attendance and the signed sheet frozen"];
    case "FINALIZE_ABORTED":
      return list(details.problems).map(String);
    case "FINALIZE_COMMITTED":
      return [
        `${Number(details.trainingRecords ?? 0)} training records, ${Number(details.competencyRecords ?? 0)} pending competencies, ${Number(details.noShows ?? 0)} no-shows`,
      ];
    case "COMPETENCY_VERIFIED":
    case "COMPETENCY_REJECTED":
      return [named(details.personnelId, names), ...(text(details.remarks) ? [`Remarks: ${text(details.remarks)}`] : [])];
    default:
      return lines;
  }
}
