import { describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS, parseConfig } from "./config";

describe("parseConfig", () => {
  it("assumes the local defaults when the server has no GET /config", () => {
    expect(parseConfig(404, { statusCode: 404, message: "Not found" })).toEqual(LOCAL_DEFAULTS);
  });

  it("reads the server's time zone and whether it is local", () => {
    expect(parseConfig(200, { siteTimezone: "Asia/Dubai", local: false })).toEqual({
      siteTimezone: "Asia/Dubai",
      local: false,
    });
  });

  it("throws the API's message for another failure", () => {
    expect(() => parseConfig(500, { statusCode: 500, error: "x", message: "Internal error" })).toThrow("Internal error");
  });
});
