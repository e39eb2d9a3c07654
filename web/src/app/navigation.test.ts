import { describe, expect, it } from "vitest";
import { navItems } from "./navigation";

describe("navItems", () => {
  it("gives an admin exactly the eight screens", () => {
    expect(navItems(true).map((item) => item.label)).toEqual([
      "Planner", "Sessions", "Compliance", "Courses", "Personnel", "Trainers", "Venues", "Verification", "Import",
    ]);
  });

  it("gives a trainer only My sessions", () => {
    expect(navItems(false).map((item) => item.label)).toEqual(["My sessions"]);
  });
});
