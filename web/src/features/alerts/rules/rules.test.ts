import { describe, expect, it } from "vitest";
import { alertColor, alertCountLabel, daysLeftLabel, workerName } from "./rules";

describe("expiry alert rules", () => {
  it("say how many days are left, today included", () => {
    expect(daysLeftLabel(0)).toBe("today");
    expect(daysLeftLabel(1)).toBe("1 day");
    expect(daysLeftLabel(45)).toBe("45 days");
  });

  it("colour an alert by how soon the item lapses", () => {
    expect(alertColor(0)).toBe("red");
    expect(alertColor(7)).toBe("red");
    expect(alertColor(8)).toBe("orange");
    expect(alertColor(30)).toBe("orange");
    expect(alertColor(31)).toBe("yellow");
  });

  it("count the open alerts in words", () => {
    expect(alertCountLabel(0)).toBe("0 open alerts");
    expect(alertCountLabel(1)).toBe("1 open alert");
    expect(alertCountLabel(12)).toBe("12 open alerts");
  });

  it("name the worker", () => {
    expect(workerName({ firstName: "Ana", lastName: "Silva" })).toBe("Ana Silva");
  });
});
