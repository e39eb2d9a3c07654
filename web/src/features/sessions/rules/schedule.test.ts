import { describe, expect, it } from "vitest";
import { toApiError } from "../../../api/errors";
import { scheduleProblem } from "./schedule";

describe("scheduleProblem", () => {
  it("shows a 409 as the clashing session", () => {
    // Given the API's clash body
    const clash = {
      sessionId: "s1", courseId: "c1", trainerId: "t1", venueId: "v1",
      startTime: "2026-11-23T09:00:00Z", endTime: "2026-11-23T12:00:00Z",
    };
    const error = toApiError(409, { statusCode: 409, error: "Conflict", message: "Trainer is booked", details: [clash] });
    // Then the problem names that session
    expect(scheduleProblem(error)).toEqual({ kind: "clash", message: "Trainer is booked", conflicts: [clash] });
  });

  it("shows a 400 naming the trainer as not qualified", () => {
    const error = toApiError(400, {
      statusCode: 400, error: "Bad Request", message: "Trainer is not qualified for this course",
      details: [{ trainerId: "t1", courseId: "c1" }],
    });
    expect(scheduleProblem(error).kind).toBe("unqualified");
  });

  it("shows a 422 per field", () => {
    const error = toApiError(422, {
      statusCode: 422, error: "Unprocessable Entity", message: "Invalid",
      details: [{ location: "body", field: "endTime", message: "must be after startTime", type: "value_error" }],
    });
    expect(scheduleProblem(error)).toMatchObject({ kind: "fields", fields: { endTime: "must be after startTime" } });
  });

  it("shows anything else by its message", () => {
    expect(scheduleProblem(new Error("offline"))).toEqual({ kind: "other", message: "offline" });
  });
});
