import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fieldErrors, toApiError } from "./errors";

describe("errorMessage", () => {
  it("shows the API's own message", () => {
    // Given the API's error body
    const body = { statusCode: 409, error: "Conflict", message: "Trainer is already booked", details: [] };
    // When it is mapped / Then the person sees the API's message
    expect(errorMessage(409, body)).toBe("Trainer is already booked");
  });

  it("falls back to the HTTP status without a body", () => {
    expect(errorMessage(502, "Bad gateway")).toBe("Request failed (HTTP 502).");
    expect(errorMessage(500, { message: "  " })).toBe("Request failed (HTTP 500).");
  });
});

describe("fieldErrors", () => {
  it("names each bad field of a 422", () => {
    // Given a 422 with two field errors
    const error = toApiError(422, {
      statusCode: 422,
      error: "Unprocessable Entity",
      message: "Validation failed",
      details: [
        { location: "body", field: "capacity", message: "must be at least 1", type: "greater_than_equal" },
        { location: "body", field: "name", message: "Field required", type: "missing" },
      ],
    });
    // Then each field has its message
    expect(error).toBeInstanceOf(ApiError);
    expect(fieldErrors(error)).toEqual({ capacity: "must be at least 1", name: "Field required" });
  });

  it("has none for other errors", () => {
    expect(fieldErrors(toApiError(409, { statusCode: 409, error: "Conflict", message: "x" }))).toEqual({});
    expect(fieldErrors(new Error("boom"))).toEqual({});
  });
});
