import { describe, expect, it } from "vitest";
import { verificationBody, workerLabel } from "./rules";

describe("verificationBody", () => {
  it("sends trimmed remarks", () => {
    // Given remarks typed with spaces around them; When the body is made; Then they are trimmed
    expect(verificationBody("VERIFIED", "  Observed on site ")).toEqual({ outcome: "VERIFIED", remarks: "Observed on site" });
  });

  it("sends no remarks rather than an empty string", () => {
    // Given an empty or blank remarks field; When the body is made; Then remarks are null
    expect(verificationBody("REJECTED", "")).toEqual({ outcome: "REJECTED", remarks: null });
    expect(verificationBody("REJECTED", "   ")).toEqual({ outcome: "REJECTED", remarks: null });
  });
});

describe("workerLabel", () => {
  it("names the worker, or falls back to their id when they have left the directory", () => {
    // Given queued records with and without a name; When labelled; Then the name wins over the id
    expect(workerLabel({ personnelId: "p1", personnelName: "Aisha Abbott" })).toBe("Aisha Abbott");
    expect(workerLabel({ personnelId: "p1", personnelName: null })).toBe("p1");
  });
});
