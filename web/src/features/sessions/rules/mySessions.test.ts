import { describe, expect, it } from "vitest";
import { windowQuery } from "./mySessions";

describe("the upcoming/past split", () => {
  it("splits at the start of today on the site's calendar", () => {
    const now = new Date("2026-11-30T14:00:00Z");
    expect(windowQuery("upcoming", now, "UTC")).toEqual({ from: "2026-11-30T00:00:00+00:00" });
    expect(windowQuery("past", now, "UTC")).toEqual({ to: "2026-11-30T00:00:00+00:00" });
  });

  it("uses the site's day, not the browser's or UTC's", () => {
    // 22:30 UTC on Sunday is already Monday in Dubai
    const now = new Date("2026-11-29T22:30:00Z");
    expect(windowQuery("upcoming", now, "Asia/Dubai")).toEqual({ from: "2026-11-30T00:00:00+04:00" });
    expect(windowQuery("past", now, "America/New_York")).toEqual({ to: "2026-11-29T00:00:00-05:00" });
  });
});
