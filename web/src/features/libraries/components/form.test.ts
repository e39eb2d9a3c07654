import { describe, expect, it } from "vitest";
import { fieldError, initialValues, toBody, type FieldSpec } from "./form";

const FIELDS: FieldSpec[] = [
  { name: "name", label: "Name", kind: "text", required: true },
  { name: "capacity", label: "Capacity", kind: "number", required: true },
  { name: "location", label: "Location", kind: "text" },
  { name: "active", label: "Active", kind: "checkbox" },
];

describe("library forms", () => {
  it("start from the entity being edited", () => {
    expect(initialValues(FIELDS, { name: "Room B", capacity: 16, location: null, active: true })).toEqual({
      name: "Room B",
      capacity: "16",
      location: "",
      active: true,
    });
  });

  it("send numbers as numbers and empty optional fields as null", () => {
    expect(toBody(FIELDS, { name: " Room B ", capacity: "16", location: "", active: false })).toEqual({
      name: "Room B",
      capacity: 16,
      location: null,
      active: false,
    });
  });

  it("leave a bad number for the API to refuse with a 422", () => {
    expect(toBody(FIELDS, { name: "x", capacity: "lots", location: "", active: true }).capacity).toBe("lots");
  });

  it("send a list of numbers from a comma-separated field, empty as null", () => {
    const days: FieldSpec[] = [{ name: "expiryAlertDays", label: "Days", kind: "numbers" }];
    expect(initialValues(days, { expiryAlertDays: [60, 30, 7] })).toEqual({ expiryAlertDays: "60, 30, 7" });
    expect(toBody(days, { expiryAlertDays: "60, 30 7" })).toEqual({ expiryAlertDays: [60, 30, 7] });
    expect(toBody(days, { expiryAlertDays: " " })).toEqual({ expiryAlertDays: null });
    expect(toBody(days, { expiryAlertDays: "14, soon" })).toEqual({ expiryAlertDays: [14, "soon"] });
  });

  it("place an error about one entry of a list on the list's field", () => {
    expect(fieldError({ "expiryAlertDays.1": "too small" }, "expiryAlertDays")).toBe("too small");
    expect(fieldError({ expiryAlertDays: "not distinct" }, "expiryAlertDays")).toBe("not distinct");
    expect(fieldError({ name: "x" }, "expiryAlertDays")).toBeUndefined();
  });
});
