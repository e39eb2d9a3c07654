import { describe, expect, it } from "vitest";
import { formatInstant, formatRange, isoWeekOf, toInstant, toLocalInput } from "./time";

describe("site time", () => {
  it("shows instants in the site's time zone", () => {
    expect(formatInstant("2026-11-23T09:00:00Z", "UTC")).toBe("Mon 23 Nov 2026, 09:00");
    expect(formatInstant("2026-11-23T09:00:00Z", "Asia/Dubai")).toBe("Mon 23 Nov 2026, 13:00");
  });

  it("shows a range on one day with the end's time only", () => {
    expect(formatRange("2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z", "UTC")).toBe("Mon 23 Nov 2026, 09:00–12:00");
    expect(formatRange(null, null, "UTC")).toBe("No time yet");
  });
});

describe("ISO weeks and inputs", () => {
  it("finds the ISO week on the site's calendar", () => {
    expect(isoWeekOf("2026-11-23T09:00:00Z", "UTC")).toBe("2026-W48");
    expect(isoWeekOf("2027-01-01T09:00:00Z", "UTC")).toBe("2026-W53");
    // Sunday 23:30 UTC is already Monday in Dubai: the next week
    expect(isoWeekOf("2026-11-29T23:30:00Z", "UTC")).toBe("2026-W48");
    expect(isoWeekOf("2026-11-29T23:30:00Z", "Asia/Dubai")).toBe("2026-W49");
  });

  it("turns a site wall-clock time into an instant with its offset and back", () => {
    expect(toInstant("2026-11-23T09:00", "Asia/Dubai")).toBe("2026-11-23T09:00:00+04:00");
    expect(toInstant("", "UTC")).toBeNull();
    expect(toLocalInput("2026-11-23T05:00:00Z", "Asia/Dubai")).toBe("2026-11-23T09:00");
  });
});
