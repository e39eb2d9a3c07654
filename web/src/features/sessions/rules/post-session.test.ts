import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/errors";
import { DEMO_ADMIN, type Identity } from "../../../api/identity";
import {
  attendanceEntries,
  attendanceOpensLater,
  attendanceRowErrors,
  canFinalize,
  canRecordAttendance,
  competencyText,
  complianceBadge,
  initialRows,
  isReadOnly,
  markAllAttendedPassed,
  missingItems,
  pdfProblem,
  showsEvidence,
  unfinishedRows,
  withMark,
} from "./post-session";

const TRAINER: Identity = { userId: "demo-trainer-frank", groups: ["trainer"], label: "Frank" };
const NOBODY: Identity = { userId: "someone", groups: [], label: "Someone" };
const NOW = new Date("2026-11-30T12:00:00Z");
const started = { status: "SCHEDULED" as const, startTime: "2026-11-30T08:00:00Z", endTime: "2026-11-30T13:00:00Z" };
const ended = { ...started, endTime: "2026-11-30T11:00:00Z" };
const later = { status: "SCHEDULED" as const, startTime: "2026-12-01T08:00:00Z", endTime: "2026-12-01T12:00:00Z" };

function attendee(id: string, extra: object = {}) {
  return { personnelId: id, firstName: "Worker", lastName: id, employeeNo: null, status: "REGISTERED" as const, addedAt: "", ...extra };
}

function unprocessable(details: Record<string, unknown>[]) {
  return new ApiError(422, { statusCode: 422, error: "Unprocessable Content", message: "Invalid request", details }, "Invalid request");
}

describe("who records attendance, and when", () => {
  it("lets an admin or the session's trainer mark a SCHEDULED session once it has started", () => {
    expect(canRecordAttendance(started, DEMO_ADMIN, NOW)).toBe(true);
    expect(canRecordAttendance(started, TRAINER, NOW)).toBe(true);
    expect(canRecordAttendance(started, NOBODY, NOW)).toBe(false);
    expect(canRecordAttendance(later, DEMO_ADMIN, NOW)).toBe(false);
    expect(canRecordAttendance({ ...started, startTime: null }, DEMO_ADMIN, NOW)).toBe(false);
    for (const status of ["DRAFT", "COMPLETED", "FINALIZING", "CANCELLED"] as const) {
      expect(canRecordAttendance({ ...started, status }, DEMO_ADMIN, NOW)).toBe(false);
    }
  });

  it("starts at the start time itself", () => {
    expect(canRecordAttendance({ ...started, startTime: NOW.toISOString() }, TRAINER, NOW)).toBe(true);
    expect(attendanceOpensLater(later, NOW)).toBe(true);
    expect(attendanceOpensLater(started, NOW)).toBe(false);
    expect(attendanceOpensLater({ ...later, status: "DRAFT" }, NOW)).toBe(false);
  });

  it("shows the signed sheet once started, and after finalize", () => {
    expect(showsEvidence(started, NOW)).toBe(true);
    expect(showsEvidence(later, NOW)).toBe(false);
    expect(showsEvidence({ ...later, status: "COMPLETED" }, NOW)).toBe(true);
    expect(showsEvidence({ ...started, status: "CANCELLED" }, NOW)).toBe(false);
  });

  it("offers Finalize Session only to an admin, once the session has ended", () => {
    expect(canFinalize(ended, DEMO_ADMIN, NOW)).toBe(true);
    expect(canFinalize(ended, TRAINER, NOW)).toBe(false);
    expect(canFinalize(started, DEMO_ADMIN, NOW)).toBe(false);
    expect(canFinalize({ ...started, status: "FINALIZING" }, DEMO_ADMIN, NOW)).toBe(true);
    expect(canFinalize({ ...ended, status: "COMPLETED" }, DEMO_ADMIN, NOW)).toBe(false);
  });

  it("makes a finalized or cancelled session read-only", () => {
    expect(isReadOnly("DRAFT")).toBe(false);
    expect(isReadOnly("SCHEDULED")).toBe(false);
    expect(isReadOnly("FINALIZING")).toBe(true);
    expect(isReadOnly("COMPLETED")).toBe(true);
    expect(isReadOnly("CANCELLED")).toBe(true);
  });
});

describe("the signed sheet", () => {
  it("takes a PDF only, of 20 MB at most", () => {
    expect(pdfProblem({ name: "sheet.pdf", type: "application/pdf", size: 1000 })).toBeNull();
    expect(pdfProblem({ name: "SHEET.PDF", type: "", size: 1000 })).toBeNull();
    expect(pdfProblem({ name: "sheet.jpg", type: "image/jpeg", size: 1000 })).toBe(
      "sheet.jpg is not a PDF: upload the signed attendance sheet as a PDF.",
    );
    expect(pdfProblem({ name: "sheet.pdf.exe", type: "", size: 10 })).toMatch(/not a PDF/);
    expect(pdfProblem({ name: "big.pdf", type: "application/pdf", size: 20 * 1024 * 1024 + 1 })).toBe(
      "big.pdf is larger than 20 MB.",
    );
    expect(pdfProblem({ name: "empty.pdf", type: "application/pdf", size: 0 })).toBe("empty.pdf is empty.");
  });
});

describe("the attendance form", () => {
  const attendees = [
    attendee("c1"),
    attendee("c2", { status: "ATTENDED", result: "FAILED", remarks: "late" }),
    attendee("c3", { status: "NO_SHOW" }),
  ];

  it("starts from the class list, unmarked people unmarked", () => {
    const rows = initialRows(attendees);
    expect(rows.map((r) => [r.status, r.result, r.remarks])).toEqual([
      [null, null, ""],
      ["ATTENDED", "FAILED", "late"],
      ["NO_SHOW", null, ""],
    ]);
    expect(unfinishedRows(rows)).toBe(1);
  });

  it("sends only marked rows, a result only with ATTENDED and blank remarks as null", () => {
    const rows = initialRows(attendees);
    rows[0] = withMark(rows[0], "ATTENDED");
    expect(unfinishedRows(rows)).toBe(1); // attended without a result
    rows[1] = { ...withMark(rows[1], "NO_SHOW"), remarks: "  " };
    expect(attendanceEntries(rows)).toEqual([
      { personnelId: "c1", status: "ATTENDED", result: null, remarks: null },
      { personnelId: "c2", status: "NO_SHOW", result: null, remarks: null },
      { personnelId: "c3", status: "NO_SHOW", result: null, remarks: null },
    ]);
  });

  it("marks everyone attended and passed, keeping remarks", () => {
    const rows = markAllAttendedPassed(initialRows(attendees));
    expect(rows.every((r) => r.status === "ATTENDED" && r.result === "PASSED")).toBe(true);
    expect(rows[1].remarks).toBe("late");
    expect(unfinishedRows(rows)).toBe(0);
  });

  it("puts a 422's entry errors next to the person they name", () => {
    const entries = [{ personnelId: "c1" }, { personnelId: "c2" }];
    const error = unprocessable([
      { location: "body", field: "entries.1.result", message: "a result is given only with ATTENDED", type: "x" },
      { location: "body", field: "entries.0.personnelId", message: "c1 is not on the class list", type: "not_listed" },
      { location: "body", field: "entries", message: "each personnelId may appear once", type: "y" },
    ]);
    expect(attendanceRowErrors(error, entries)).toEqual({
      c1: "personnelId: c1 is not on the class list",
      c2: "result: a result is given only with ATTENDED",
    });
    expect(attendanceRowErrors(new Error("offline"), entries)).toEqual({});
  });
});

describe("what finalize says is missing", () => {
  it("maps each missing item to a checklist line with the person's name", () => {
    const error = unprocessable([
      { location: "session", field: "attendees.c1", message: "attendance is not marked", type: "not_ready" },
      { location: "session", field: "attendees.c9", message: "ATTENDED without a result", type: "not_ready" },
      { location: "session", field: "evidence", message: "no signed attendance sheet (PDF) has been uploaded", type: "not_ready" },
      { location: "session", field: "attendees", message: "the class list is empty: nobody to record", type: "not_ready" },
    ]);
    expect(missingItems(error, [attendee("c1")])).toEqual([
      { key: "attendees.c1", label: "Worker c1: attendance is not marked" },
      { key: "attendees.c9", label: "c9: ATTENDED without a result" },
      { key: "evidence", label: "Signed attendance sheet: no signed attendance sheet (PDF) has been uploaded" },
      { key: "attendees", label: "Class list: the class list is empty: nobody to record" },
    ]);
  });

  it("is no checklist for another failure", () => {
    const clash = new ApiError(409, { statusCode: 409, error: "Conflict", message: "not ended" }, "not ended");
    expect(missingItems(clash, [])).toBeNull();
    expect(missingItems(unprocessable([]), [])).toBeNull();
  });
});

describe("the workers' statuses after finalize", () => {
  it("colours compliance as the picker does", () => {
    expect(complianceBadge({ status: "COMPLIANT", expiryDate: "2028-11-30" })).toEqual({
      color: "green",
      text: "Compliant until 2028-11-30",
    });
    expect(complianceBadge({ status: "PENDING", expiryDate: null })).toEqual({ color: "yellow", text: "Pending" });
    expect(complianceBadge({ status: "NON_COMPLIANT", expiryDate: null })).toEqual({ color: "red", text: "Non-compliant" });
    expect(complianceBadge(undefined)).toEqual({ color: "gray", text: "No item" });
    expect(competencyText("PENDING_VERIFICATION")).toBe("Pending verification");
  });
});
