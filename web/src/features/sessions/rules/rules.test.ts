import { describe, expect, it } from "vitest";
import { badgeColor, badgeText, capacityAlert, formatHours, loadLabel } from "./rules";

describe("loadLabel", () => {
  it("labels a trainer with whole hours", () => {
    expect(loadLabel({ firstName: "John", lastName: "Smith", hoursBookedThisWeek: 12 })).toBe(
      "John Smith (12h booked this week)",
    );
  });

  it("keeps half hours", () => {
    expect(loadLabel({ firstName: "Frank", lastName: "Miller", hoursBookedThisWeek: 7.5 })).toBe(
      "Frank Miller (7.5h booked this week)",
    );
  });

  it("shows nothing booked as 0h and drops float noise", () => {
    expect(formatHours(0)).toBe("0h");
    expect(formatHours(0.1 + 0.2)).toBe("0.3h");
  });
});

describe("capacityAlert", () => {
  it("reads exactly as the seeds say past capacity", () => {
    expect(capacityAlert(25, 20)).toBe("Venue Capacity Exceeded (25/20).");
  });

  it("is silent at or under capacity, or without a venue", () => {
    expect(capacityAlert(20, 20)).toBeNull();
    expect(capacityAlert(3, 20)).toBeNull();
    expect(capacityAlert(30, null)).toBeNull();
  });
});

describe("badgeColor", () => {
  it("is red for NON_COMPLIANT", () => {
    expect(badgeColor({ complianceStatus: "NON_COMPLIANT", group: 1 })).toBe("red");
  });
  it("is yellow for PENDING", () => {
    expect(badgeColor({ complianceStatus: "PENDING", group: 2 })).toBe("yellow");
  });
  it("is amber for expiring, with its date", () => {
    const expiring = { complianceStatus: "COMPLIANT" as const, group: 3, expiryDate: "2027-01-10" };
    expect(badgeColor(expiring)).toBe("orange");
    expect(badgeText(expiring)).toBe("Expiring 2027-01-10");
  });
  it("is green otherwise", () => {
    expect(badgeColor({ complianceStatus: "COMPLIANT", group: 4 })).toBe("green");
    expect(badgeColor({ complianceStatus: null, group: 4 })).toBe("green");
  });
});
