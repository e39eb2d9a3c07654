import { describe, expect, it } from "vitest";
import { summaryBadges } from "./rules";

describe("summaryBadges", () => {
  it("gives red, yellow, expiring and green counts in the picker's colours", () => {
    // Given a course's summary row
    const row = { red: 3, yellow: 2, expiring: 1, green: 14 };
    // When it becomes badges
    const badges = summaryBadges(row);
    // Then each group keeps its count and takes the picker's badge colour
    expect(badges.map((b) => [b.label, b.count, b.color])).toEqual([
      ["red", 3, "red"],
      ["yellow", 2, "yellow"],
      ["expiring", 1, "orange"],
      ["green", 14, "green"],
    ]);
  });
});
