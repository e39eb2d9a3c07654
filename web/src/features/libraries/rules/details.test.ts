import { describe, expect, it } from "vitest";
import { badgeColor, badgeText } from "../../sessions/rules/rules";
import {
  asSuggestion,
  complianceGroup,
  expiryFlag,
  resultColor,
  sessionHours,
  shiftIsoWeek,
  verificationBadge,
} from "./details";

describe("a worker's compliance item as the picker's badge", () => {
  const today = "2026-11-30";

  it("groups items as the API's picker does", () => {
    expect(complianceGroup({ status: "NON_COMPLIANT", expiryDate: null }, today, 60)).toBe(1);
    expect(complianceGroup({ status: "PENDING", expiryDate: null }, today, 60)).toBe(2);
    // expiring: within the window, the last day of it included
    expect(complianceGroup({ status: "COMPLIANT", expiryDate: "2027-01-29" }, today, 60)).toBe(3);
    expect(complianceGroup({ status: "COMPLIANT", expiryDate: "2027-01-30" }, today, 60)).toBe(4);
    expect(complianceGroup({ status: "COMPLIANT", expiryDate: null }, today, 60)).toBe(4);
  });

  it("takes the picker's colours and words", () => {
    const badge = (status: "NON_COMPLIANT" | "PENDING" | "COMPLIANT", expiryDate: string | null) => {
      const s = asSuggestion({ status, expiryDate }, today, 30);
      return [badgeColor(s), badgeText(s)];
    };
    expect(badge("NON_COMPLIANT", "2026-10-01")).toEqual(["red", "Non-compliant"]);
    expect(badge("PENDING", null)).toEqual(["yellow", "Pending"]);
    expect(badge("COMPLIANT", "2026-12-10")).toEqual(["orange", "Expiring 2026-12-10"]);
    expect(badge("COMPLIANT", "2027-06-01")).toEqual(["green", "Compliant"]);
  });
});

describe("record badges", () => {
  it("colours results and verification statuses", () => {
    expect(resultColor("PASSED")).toBe("green");
    expect(resultColor("FAILED")).toBe("red");
    expect(verificationBadge("PENDING_VERIFICATION")).toEqual({ color: "yellow", text: "Pending verification" });
    expect(verificationBadge("VERIFIED")).toEqual({ color: "green", text: "Verified" });
    expect(verificationBadge("REJECTED")).toEqual({ color: "red", text: "Rejected" });
  });
});

describe("shiftIsoWeek", () => {
  it("moves by weeks across year ends, 53-week years included", () => {
    expect(shiftIsoWeek("2026-W48", 1)).toBe("2026-W49");
    expect(shiftIsoWeek("2026-W48", -1)).toBe("2026-W47");
    expect(shiftIsoWeek("2026-W53", 1)).toBe("2027-W01");
    expect(shiftIsoWeek("2027-W01", -1)).toBe("2026-W53");
    expect(shiftIsoWeek("2025-W52", 1)).toBe("2026-W01");
    expect(shiftIsoWeek("2026-W01", -1)).toBe("2025-W52");
  });

  it("refuses what is not an ISO week", () => {
    expect(() => shiftIsoWeek("2026-48", 1)).toThrow();
  });
});

describe("expiryFlag", () => {
  it("flags expired items, then those expiring within the window", () => {
    const today = "2026-11-30";
    expect(expiryFlag({ status: "NON_COMPLIANT", expiryDate: "2026-11-01", expired: true }, today, 60)).toBe("Expired");
    expect(expiryFlag({ status: "COMPLIANT", expiryDate: "2026-12-20", expired: false }, today, 60)).toBe("Expiring");
    expect(expiryFlag({ status: "COMPLIANT", expiryDate: "2027-12-20", expired: false }, today, 60)).toBeNull();
    expect(expiryFlag({ status: "PENDING", expiryDate: null, expired: false }, today, 60)).toBeNull();
  });
});

describe("sessionHours", () => {
  it("counts a session's hours, half hours included", () => {
    expect(sessionHours("2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z")).toBe(3);
    expect(sessionHours("2026-11-23T09:00:00+04:00", "2026-11-23T06:30:00Z")).toBe(1.5);
  });
});
