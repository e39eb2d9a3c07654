import { describe, expect, it } from "vitest";
import { verificationBody } from "./rules";

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
