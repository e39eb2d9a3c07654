import { describe, expect, it } from "vitest";
import { seriesPreview, toRecurrence, type RepeatForm } from "./recurrence";

// The same cases as the API's tests/unit/test_recurrence.py: the preview lists what the API creates.
const LONDON = "Europe/London";
const utc = (sessions: { startTime: string; endTime: string }[]) =>
  sessions.map((s) => [new Date(s.startTime).toISOString(), new Date(s.endTime).toISOString()]);

describe("seriesPreview", () => {
  it("keeps 09:00 London time across the spring change (09:00Z, then 08:00Z)", () => {
    const { sessions, problem } = seriesPreview(
      "2026-03-19T09:00:00Z",
      "2026-03-19T12:00:00Z",
      { frequency: "WEEKLY", count: 4 },
      LONDON,
    );
    expect(problem).toBeNull();
    expect(utc(sessions)).toEqual([
      ["2026-03-19T09:00:00.000Z", "2026-03-19T12:00:00.000Z"],
      ["2026-03-26T09:00:00.000Z", "2026-03-26T12:00:00.000Z"],
      ["2026-04-02T08:00:00.000Z", "2026-04-02T11:00:00.000Z"],
      ["2026-04-09T08:00:00.000Z", "2026-04-09T11:00:00.000Z"],
    ]);
  });

  it("keeps 09:00 London time across the autumn change, the until day included", () => {
    const { sessions } = seriesPreview(
      "2026-10-19T08:00:00Z",
      "2026-10-19T10:00:00Z",
      { frequency: "WEEKLY", until: "2026-11-02" },
      LONDON,
    );
    expect(sessions.map((s) => new Date(s.startTime).toISOString())).toEqual([
      "2026-10-19T08:00:00.000Z",
      "2026-10-26T09:00:00.000Z",
      "2026-11-02T09:00:00.000Z",
    ]);
  });

  it("repeats every N days for a count", () => {
    const { sessions } = seriesPreview(
      "2027-01-04T09:00:00Z",
      "2027-01-04T10:00:00Z",
      { frequency: "DAILY", interval: 3, count: 4 },
      LONDON,
    );
    expect(sessions.map((s) => s.startTime.slice(0, 10))).toEqual(["2027-01-04", "2027-01-07", "2027-01-10", "2027-01-13"]);
  });

  it("takes several weekdays every other week until a day", () => {
    const { sessions } = seriesPreview(
      "2027-01-04T09:00:00Z",
      "2027-01-04T10:00:00Z",
      { frequency: "WEEKLY", interval: 2, byWeekday: ["MO", "WE", "FR"], until: "2027-01-22" },
      LONDON,
    );
    expect(sessions.map((s) => Number(s.startTime.slice(8, 10)))).toEqual([4, 6, 8, 18, 20, 22]);
  });

  it("reads until as a site calendar day", () => {
    // 00:30 BST on 2 July is 23:30Z on 1 July: daily until 3 July is two sessions, not three
    const { sessions } = seriesPreview(
      "2026-07-01T23:30:00Z",
      "2026-07-02T00:00:00Z",
      { frequency: "DAILY", until: "2026-07-03" },
      LONDON,
    );
    expect(sessions.map((s) => new Date(s.startTime).toISOString())).toEqual([
      "2026-07-01T23:30:00.000Z",
      "2026-07-02T23:30:00.000Z",
    ]);
  });

  it("allows 52 sessions and refuses 53, by count or by until", () => {
    const start = "2027-01-04T09:00:00Z";
    const end = "2027-01-04T10:00:00Z";
    expect(seriesPreview(start, end, { frequency: "WEEKLY", count: 52 }, LONDON).sessions).toHaveLength(52);
    expect(seriesPreview(start, end, { frequency: "DAILY", until: "2027-02-24" }, LONDON).sessions).toHaveLength(52);
    for (const rule of [
      { frequency: "WEEKLY", count: 53 },
      { frequency: "DAILY", until: "2027-02-25" },
    ] as const) {
      const preview = seriesPreview(start, end, rule, LONDON);
      expect(preview.sessions).toEqual([]);
      expect(preview.problem).toBe("A series holds at most 52 sessions; this one has more");
    }
  });

  it("says when nothing would be made or the first session is off the chosen days", () => {
    const start = "2027-01-05T09:00:00Z"; // a Tuesday
    const end = "2027-01-05T10:00:00Z";
    expect(seriesPreview(start, end, { frequency: "DAILY", until: "2027-01-04" }, LONDON).problem).toBe(
      "The recurrence yields no session",
    );
    expect(seriesPreview(start, end, { frequency: "WEEKLY", byWeekday: ["MO"], count: 2 }, LONDON).problem).toBe(
      "The first session (Tue) must fall on one of the chosen days",
    );
    expect(seriesPreview(end, start, { frequency: "DAILY", count: 2 }, LONDON).problem).toBe(
      "The first session must end after it starts",
    );
    // What a half-filled form holds: no count, no interval, no last day
    expect(seriesPreview(start, end, { frequency: "DAILY", count: 0 }, LONDON).problem).toBe("Give a number of sessions");
    expect(seriesPreview(start, end, { frequency: "DAILY", interval: 0, count: 2 }, LONDON).problem).toBe(
      "Repeat every 1 or more days or weeks",
    );
    expect(seriesPreview(start, end, { frequency: "DAILY", until: "" }, LONDON).problem).toBe("Give the last day");
  });
});

describe("toRecurrence", () => {
  const form: RepeatForm = {
    frequency: "WEEKLY",
    interval: 1,
    byWeekday: ["TH", "MO"],
    ends: "count",
    count: 6,
    until: "2027-04-30",
  };

  it("sends the weekdays in week order, and the count or the until day, never both", () => {
    expect(toRecurrence(form)).toEqual({ frequency: "WEEKLY", interval: 1, byWeekday: ["MO", "TH"], count: 6 });
    expect(toRecurrence({ ...form, ends: "until" })).toEqual({
      frequency: "WEEKLY",
      interval: 1,
      byWeekday: ["MO", "TH"],
      until: "2027-04-30",
    });
  });

  it("sends no weekdays every N days", () => {
    expect(toRecurrence({ ...form, frequency: "DAILY", interval: 3 })).toEqual({ frequency: "DAILY", interval: 3, count: 6 });
  });
});
