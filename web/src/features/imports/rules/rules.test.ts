import { describe, expect, it } from "vitest";
import { canApply, changedFields, fileProblem, MAX_FILE_BYTES, reportSummary, rowEntity, type ImportReport } from "./rules";

const report = (overrides: Partial<ImportReport> = {}): ImportReport => ({
  dryRun: true,
  rows: 4,
  created: [{ row: 2, employeeNo: "E-1", fields: [] }],
  changed: [{ row: 3, employeeNo: "E-2", personnelId: "cabcdefgh1", fields: ["lastName", "active"] }],
  unchanged: 1,
  refused: [],
  ...overrides,
});

describe("fileProblem", () => {
  it("accepts a CSV file within the limit and says why another cannot be sent", () => {
    // Given files as a person picks them / Then only a non-empty .csv within 5 MiB passes
    expect(fileProblem({ name: "staff.CSV", size: 120 })).toBeNull();
    expect(fileProblem({ name: "staff.xlsx", size: 120 })).toMatch(/not a \.csv file/);
    expect(fileProblem({ name: "staff.csv", size: 0 })).toMatch(/empty/);
    expect(fileProblem({ name: "staff.csv", size: MAX_FILE_BYTES + 1 })).toMatch(/5 MiB/);
  });
});

describe("reportSummary", () => {
  it("says what a dry run would do and what an import did", () => {
    // Given a preview and the import's own report
    expect(reportSummary(report())).toBe("4 rows read · 1 would be created · 1 would be changed · 1 unchanged · 0 refused");
    expect(reportSummary(report({ dryRun: false, rows: 1, changed: [], unchanged: 0 }))).toBe(
      "1 row read · 1 created · 0 changed · 0 unchanged · 0 refused",
    );
  });
});

describe("canApply", () => {
  it("offers Import only after a preview with something to write", () => {
    expect(canApply(report())).toBe(true);
    expect(canApply(report({ created: [], changed: [] }))).toBe(false);
    expect(canApply(report({ dryRun: false }))).toBe(false);
    expect(canApply(undefined)).toBe(false);
  });
});

describe("rowEntity and changedFields", () => {
  it("name a row by employee number (and course code) and its changes by column", () => {
    expect(rowEntity({ row: 2, employeeNo: "E-1", fields: [] })).toBe("E-1");
    expect(rowEntity({ row: 2, employeeNo: "E-1", courseCode: "FA-1", fields: [] })).toBe("E-1 · FA-1");
    expect(changedFields({ row: 3, employeeNo: "E-2", fields: ["lastName", "expiryDate"] })).toBe("last name, expiry date");
  });
});
