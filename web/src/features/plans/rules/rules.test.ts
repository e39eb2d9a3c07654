import { describe, expect, it } from "vitest";
import {
  acceptBody,
  acceptedText,
  classSize,
  COURSE_PALETTE,
  courseColors,
  defaultForm,
  hiddenDays,
  horizonWeeks,
  nextMonday,
  planRequest,
  pollInterval,
  proposalEvents,
  reasonLabel,
  sortUncovered,
  summaryLines,
  teachingHours,
  urgencyBadge,
  type ProposedSession,
  type UncoveredWorker,
} from "./rules";

const session = (courseId: string, courseName: string, extra: Partial<ProposedSession> = {}): ProposedSession => ({
  courseId,
  courseName,
  trainerId: "t1",
  trainerName: "Frank Miller",
  venueId: "v1",
  venueName: "Room A",
  startTime: "2026-12-07T04:00:00Z",
  endTime: "2026-12-07T08:00:00Z",
  personnelIds: ["p1", "p2", "p3"],
  workers: [],
  ...extra,
});

describe("the default first day", () => {
  it("is the next Monday on the site's calendar, never today", () => {
    // Given Sunday 6 December 23:30 UTC, already Monday 7 December in Dubai (UTC+4)
    const now = new Date("2026-12-06T23:30:00Z");
    // Then Dubai's next Monday is the 14th, London's the 7th
    expect(nextMonday(now, "Asia/Dubai")).toBe("2026-12-14");
    expect(nextMonday(now, "Europe/London")).toBe("2026-12-07");
    // And from a Wednesday, the coming Monday
    expect(nextMonday(new Date("2026-12-02T12:00:00Z"), "UTC")).toBe("2026-12-07");
  });

  it("fills the form's defaults, which become the request", () => {
    const form = defaultForm(new Date("2026-12-02T12:00:00Z"), "UTC");
    expect(form).toMatchObject({ startDate: "2026-12-07", weeks: 4, maxTrainerHoursPerWeek: 20, minClassSize: 3 });
    // Every course: no courseIds in the request
    expect(planRequest(form)).toEqual({
      startDate: "2026-12-07",
      weeks: 4,
      constraints: { dayStart: "08:00", dayEnd: "17:00", maxTrainerHoursPerWeek: 20, minClassSize: 3, timeLimitSeconds: 20, defaultSessionMinutes: 240 },
    });
    expect(planRequest({ ...form, courseIds: ["c1"] }).courseIds).toEqual(["c1"]);
  });
});

describe("polling", () => {
  it("asks every second while the plan is computed, and stops once it is done or failed", () => {
    expect(pollInterval(undefined)).toBe(1000);
    expect(pollInterval({ status: "RUNNING" })).toBe(1000);
    expect(pollInterval({ status: "DONE" })).toBe(false);
    expect(pollInterval({ status: "FAILED" })).toBe(false);
  });
});

describe("course colours", () => {
  it("gives each course one colour, the same whatever the sessions' order", () => {
    const a = courseColors([session("c2", "Fire Warden"), session("c1", "Confined Space"), session("c2", "Fire Warden")]);
    const b = courseColors([session("c1", "Confined Space"), session("c2", "Fire Warden")]);
    expect(a).toEqual(b);
    expect(a.map((c) => c.courseName)).toEqual(["Confined Space", "Fire Warden"]);
    expect(a[0].color).not.toBe(a[1].color);
  });

  it("keeps white text readable on every colour (WCAG AA, 4.5:1)", () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    for (const color of COURSE_PALETTE) {
      expect((1.05 / (luminance(color) + 0.05)), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("blocks on the grid", () => {
  it("places each session at its site wall-clock time, in its course's colour, with what a reader needs", () => {
    const sessions = [session("c1", "H2S Awareness"), session("c2", "Fire Warden", { personnelIds: ["p9"] })];
    const colors = courseColors(sessions);
    const [first, second] = proposalEvents(sessions, colors, "Asia/Dubai");
    // 04:00Z is 08:00 in Dubai
    expect(first).toMatchObject({ id: "0", start: "2026-12-07T08:00:00", end: "2026-12-07T12:00:00" });
    expect(first.title).toBe("H2S Awareness · Frank Miller · Room A · 3 workers");
    expect(first.backgroundColor).toBe(colors.find((c) => c.courseId === "c1")!.color);
    expect(second.id).toBe("1");
    expect(second.title).toContain("1 worker");
    expect(classSize(sessions[1])).toBe("1 worker");
  });

  it("shows the horizon one week at a time, Monday to Monday", () => {
    expect(horizonWeeks("2026-12-07", 2)).toEqual(["2026-12-07", "2026-12-14"]);
    // A Wednesday start touches one more week
    expect(horizonWeeks("2026-12-09", 2)).toEqual(["2026-12-07", "2026-12-14", "2026-12-21"]);
  });

  it("shows the teaching days and hours", () => {
    expect(hiddenDays(["MO", "TU", "WE", "TH", "FR"])).toEqual([0, 6]);
    expect(hiddenDays(["SU", "MO"])).toEqual([2, 3, 4, 5, 6]);
    expect(hiddenDays(undefined)).toEqual([0, 6]);
    expect(teachingHours("08:00", "17:00")).toEqual({ slotMinTime: "08:00:00", slotMaxTime: "17:00:00" });
    expect(teachingHours("07:30", "16:15")).toEqual({ slotMinTime: "07:00:00", slotMaxTime: "17:00:00" });
  });
});

describe("the uncovered", () => {
  it("says why in plain words", () => {
    expect(reasonLabel("NO_QUALIFIED_TRAINER")).toBe("No qualified trainer");
    expect(reasonLabel("NO_VENUE")).toBe("No venue for the smallest class");
    expect(reasonLabel("BELOW_MIN_CLASS_SIZE")).toBe("Too few due for a class");
    expect(reasonLabel("NO_TRAINER_HOURS_BEFORE_DUE")).toBe("No free trainer hours before the due date");
    expect(reasonLabel("LONGER_THAN_TEACHING_DAY")).toBe("Longer than a teaching day (multi-day courses are not planned)");
  });

  it("lists red first, then yellow, then expiring", () => {
    const worker = (name: string, urgency: UncoveredWorker["urgency"], courseId = "c1"): UncoveredWorker => ({
      personnelId: name, name, urgency, courseId, reason: "NO_VENUE",
    });
    const names = { c1: "Fire Warden", c2: "Confined Space" } as Record<string, string>;
    const sorted = sortUncovered(
      [worker("Ann", "EXPIRING"), worker("Bob", "YELLOW"), worker("Cy", "RED"), worker("Al", "RED", "c2")],
      (id) => names[id],
    );
    expect(sorted.map((u) => u.name)).toEqual(["Al", "Cy", "Bob", "Ann"]);
    expect(sorted[0].courseName).toBe("Confined Space");
    expect(urgencyBadge("RED")).toEqual({ label: "Red", color: "red" });
    expect(urgencyBadge("EXPIRING").label).toBe("Expiring");
  });
});

describe("the summary", () => {
  it("says the coverage, the cost and whether it is proven optimal", () => {
    const coverage = { due: 52, covered: 41, red: 20, yellow: 14, expiring: 7, sessions: 3, trainerHours: 15.5 };
    expect(summaryLines({ coverage, optimal: true })).toEqual([
      "41 of 52 due workers covered (20 red, 14 yellow, 7 expiring)",
      "3 sessions, 15.5 trainer hours",
      "Proven optimal",
    ]);
    expect(summaryLines({ coverage: { ...coverage, sessions: 1, trainerHours: 4 }, optimal: false }).slice(1)).toEqual([
      "1 session, 4 trainer hours",
      "Best found in time",
    ]);
    expect(summaryLines({ coverage: null, optimal: null })).toEqual([]);
  });
});

describe("accepting", () => {
  it("sends nothing for every session, else the chosen positions in order", () => {
    expect(acceptBody(new Set([0, 1, 2]), 3)).toEqual({});
    expect(acceptBody(new Set([2, 0]), 3)).toEqual({ sessions: [0, 2] });
    expect(acceptedText(3)).toBe("3 draft sessions created");
    expect(acceptedText(1)).toBe("1 draft session created");
  });
});
