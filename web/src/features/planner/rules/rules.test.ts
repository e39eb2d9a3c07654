import { describe, expect, it } from "vitest";
import { gridDateToInstant, gridHours, LEGEND_STATUSES, siteNow, statusStyle, toEvent, toWallClock, visibleRange, weekRange } from "./rules";

const SESSION = {
  id: "s1", courseId: "c1", trainerId: null, venueId: null, status: "SCHEDULED" as const,
  startTime: "2026-11-23T05:00:00Z", endTime: "2026-11-23T08:00:00Z",
  createdById: "demo-admin", createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z",
};

describe("the status style", () => {
  it("makes a draft tentative: light, dashed and striped", () => {
    const draft = statusStyle("DRAFT");
    expect(draft.borderStyle).toBe("dashed");
    expect(draft.className).toBe("planner-draft");
    expect(draft.textColor).not.toBe("#ffffff");
    expect(statusStyle("SCHEDULED").borderStyle).toBe("solid");
  });

  it("greys a cancelled session and strikes it through (by its class)", () => {
    expect(statusStyle("CANCELLED")).toMatchObject({ label: "Cancelled", className: "planner-cancelled", backgroundColor: "#e9ecef" });
  });

  it("tells every status apart, each in the legend", () => {
    const colours = LEGEND_STATUSES.map((status) => statusStyle(status).backgroundColor);
    expect(new Set(colours).size).toBe(LEGEND_STATUSES.length);
    expect(LEGEND_STATUSES.map((status) => statusStyle(status).label)).toEqual([
      "Draft", "Scheduled", "Finalizing", "Completed", "Cancelled",
    ]);
  });
});

describe("the week range", () => {
  it("runs from the site's Monday midnight to the next, whatever the day", () => {
    expect(weekRange("2026-11-23", "UTC")).toEqual({ from: "2026-11-23T00:00:00+00:00", to: "2026-11-30T00:00:00+00:00" });
    expect(weekRange("2026-11-29", "Asia/Dubai")).toEqual({ from: "2026-11-23T00:00:00+04:00", to: "2026-11-30T00:00:00+04:00" });
  });

  it("keeps local midnights across a DST change (a 167-hour week)", () => {
    // Europe/London springs forward on Sunday 29 March 2026
    expect(weekRange("2026-03-26", "Europe/London")).toEqual({
      from: "2026-03-23T00:00:00+00:00",
      to: "2026-03-30T00:00:00+01:00",
    });
  });

  it("turns the grid's visible dates (site wall clock) into instants", () => {
    // the grid runs in UTC standing for the site's wall clock
    const range = visibleRange(new Date("2026-10-19T00:00:00Z"), new Date("2026-10-26T00:00:00Z"), "Europe/London");
    expect(range).toEqual({ from: "2026-10-19T00:00:00+01:00", to: "2026-10-26T00:00:00+00:00" });
    expect(gridDateToInstant(new Date("2026-11-23T09:30:00Z"), "Asia/Dubai")).toBe("2026-11-23T09:30:00+04:00");
  });
});

describe("sessions on the grid", () => {
  it("places a session at the site's wall-clock time, in summer and winter alike", () => {
    expect(toWallClock("2026-07-06T08:00:00Z", "Europe/London")).toBe("2026-07-06T09:00:00");
    expect(toWallClock("2026-12-07T09:00:00Z", "Europe/London")).toBe("2026-12-07T09:00:00");
    expect(siteNow(new Date("2026-11-29T23:30:00Z"), "Asia/Dubai")).toBe("2026-11-30T03:30:00");
  });

  it("links each event to its session and styles it by status", () => {
    expect(toEvent(SESSION, "H2S Awareness", "Asia/Dubai")).toMatchObject({
      id: "s1",
      title: "H2S Awareness (Scheduled)",
      start: "2026-11-23T09:00:00",
      end: "2026-11-23T12:00:00",
      url: "/sessions/s1",
      classNames: ["planner-scheduled"],
    });
  });

  it("leaves out a session without a time", () => {
    expect(toEvent({ ...SESSION, status: "DRAFT", startTime: null, endTime: null }, "H2S", "UTC")).toBeNull();
  });
});

describe("the grid's hours", () => {
  it("shows a working day unless an event falls outside it", () => {
    expect(gridHours([])).toEqual({ slotMinTime: "07:00:00", slotMaxTime: "19:00:00" });
    expect(gridHours([{ start: "2026-11-23T09:00:00", end: "2026-11-23T12:00:00" }])).toEqual({ slotMinTime: "07:00:00", slotMaxTime: "19:00:00" });
  });

  it("widens to whole hours around an early or late event", () => {
    expect(
      gridHours([
        { start: "2026-11-23T05:30:00", end: "2026-11-23T07:00:00" },
        { start: "2026-11-24T18:00:00", end: "2026-11-24T20:15:00" },
      ]),
    ).toEqual({ slotMinTime: "05:00:00", slotMaxTime: "21:00:00" });
    // ending at midnight stays on its day
    expect(gridHours([{ start: "2026-11-23T22:00:00", end: "2026-11-24T00:00:00" }])).toEqual({ slotMinTime: "07:00:00", slotMaxTime: "24:00:00" });
  });

  it("shows the whole day when an event runs past midnight", () => {
    expect(gridHours([{ start: "2026-11-23T22:00:00", end: "2026-11-24T02:00:00" }])).toEqual({ slotMinTime: "00:00:00", slotMaxTime: "24:00:00" });
  });
});
