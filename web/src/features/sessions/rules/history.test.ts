import { describe, expect, it } from "vitest";
import { actionLabel, actorText, changeText, entryDetails, entryTime } from "./history";

const NAMES = { t1: "Frank Miller", v1: "Training Room B", p1: "Ann Worker", p2: "Bo Worker" };
const WHO = { changedById: "demo-admin", changedByGroup: "hse-admin" };

function entry(action: Parameters<typeof actionLabel>[0], details: Record<string, unknown> = {}, changes = [] as { field: string; old?: string | null; new?: string | null }[]) {
  return { ...WHO, action, details, changes };
}

describe("the audit trail's words", () => {
  it("names every action, and who acted as what", () => {
    expect(actionLabel("ATTENDEES_ADDED")).toBe("Attendees added");
    expect(actionLabel("FINALIZE_COMMITTED")).toBe("Finalize committed");
    expect(actorText(WHO)).toBe("demo-admin (hse-admin)");
    expect(actorText({ changedById: "frank", changedByGroup: "" })).toBe("frank");
    expect(entryTime("2027-07-01T08:00:05.120Z", "Europe/London")).toBe("Thu 1 Jul 2027, 09:00:05");
  });

  it("shows a changed time on the site's clock and a changed trainer by name", () => {
    const moved = { field: "startTime", old: "2027-01-11T09:00:00.000Z", new: "2027-01-11T10:00:00.000Z" };
    expect(changeText(moved, NAMES, "Europe/London")).toBe("Start: Mon 11 Jan 2027, 09:00 → Mon 11 Jan 2027, 10:00");
    expect(changeText(moved, NAMES, "Asia/Dubai")).toBe("Start: Mon 11 Jan 2027, 13:00 → Mon 11 Jan 2027, 14:00");
    expect(changeText({ field: "trainerId", old: null, new: "t1" }, NAMES, "UTC")).toBe("Trainer: none → Frank Miller");
    expect(changeText({ field: "venueId", old: "v9", new: "v1" }, NAMES, "UTC")).toBe("Venue: v9 → Training Room B");
  });

  it("says what each kind of change did", () => {
    const edited = entry("EDITED", {}, [{ field: "venueId", old: null, new: "v1" }]);
    expect(entryDetails(edited, NAMES, "UTC")).toEqual(["Venue: none → Training Room B"]);
    expect(entryDetails(entry("CREATED", { status: "DRAFT", courseId: "c1", venueId: "v1" }), NAMES, "UTC")).toEqual([
      "As DRAFT",
      "Venue: Training Room B",
    ]);
    expect(entryDetails(entry("ATTENDEES_ADDED", { personnelIds: ["p1", "p2", "p3"] }), NAMES, "UTC")).toEqual([
      "3 people: Ann Worker, Bo Worker, p3",
    ]);
    expect(entryDetails(entry("ATTENDEE_REMOVED", { personnelId: "p2" }), NAMES, "UTC")).toEqual(["Bo Worker"]);
    expect(entryDetails(entry("CANCELLED", { previousStatus: "SCHEDULED" }), NAMES, "UTC")).toEqual(["Was SCHEDULED"]);
    const marks = [
      { personnelId: "p1", status: "ATTENDED", result: "PASSED" },
      { personnelId: "p2", status: "ATTENDED", result: "FAILED" },
      { personnelId: "p3", status: "NO_SHOW" },
    ];
    expect(entryDetails(entry("ATTENDANCE_MARKED", { entries: marks }), NAMES, "UTC")).toEqual([
      "3 people: 2 attended (1 passed, 1 failed), 1 no-show",
    ]);
    expect(entryDetails(entry("FINALIZE_COMMITTED", { trainingRecords: 18, competencyRecords: 0, noShows: 2 }), NAMES, "UTC")).toEqual([
      "18 training records, 0 pending competencies, 2 no-shows",
    ]);
    expect(entryDetails(entry("COMPETENCY_VERIFIED", { personnelId: "p1", remarks: "Observed" }), NAMES, "UTC")).toEqual([
      "Ann Worker",
      "Remarks: Observed",
    ]);
    expect(entryDetails(entry("FINALIZE_ABORTED", { problems: ["the uploaded file is not a PDF"] }), NAMES, "UTC")).toEqual([
      "the uploaded file is not a PDF",
    ]);
  });
});
