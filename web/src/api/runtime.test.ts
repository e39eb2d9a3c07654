import { describe, expect, it, vi } from "vitest";
import { clientBaseUrl, LOCAL_RUNTIME, loadRuntime, parseRuntimeConfig } from "./runtime";

const DEPLOYED = {
  apiUrl: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/api/v1/training",
  siteTimezone: "Asia/Dubai",
  auth: {
    authority: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
    clientId: "4example5client6id",
    domain: "titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com",
    redirectUri: "https://d111111abcdef8.cloudfront.net/auth/callback",
    logoutUri: "https://d111111abcdef8.cloudfront.net/",
    scope: "openid email profile",
  },
};

describe("parseRuntimeConfig", () => {
  it("reads a deployed console's API URL and hosted sign-in", () => {
    expect(parseRuntimeConfig(200, "application/json", DEPLOYED)).toEqual({ kind: "deployed", ...DEPLOYED });
  });

  it("takes no config.json (404, CloudFront's 403) for the local server", () => {
    expect(parseRuntimeConfig(404, "text/html", null)).toEqual(LOCAL_RUNTIME);
    expect(parseRuntimeConfig(403, "application/xml", null)).toEqual(LOCAL_RUNTIME);
  });

  it("takes the app's own index.html (a server answering any path with it) for the local server", () => {
    expect(parseRuntimeConfig(200, "text/html; charset=utf-8", null)).toEqual(LOCAL_RUNTIME);
  });

  it("says what a broken config.json lacks instead of acting local", () => {
    const { apiUrl: _apiUrl, ...withoutApi } = DEPLOYED;
    expect(() => parseRuntimeConfig(200, "application/json", withoutApi)).toThrow("lack apiUrl");
    const noClient = { ...DEPLOYED, auth: { ...DEPLOYED.auth, clientId: "" } };
    expect(() => parseRuntimeConfig(200, "application/json", noClient)).toThrow("auth.clientId");
  });

  it("says a server error", () => {
    expect(() => parseRuntimeConfig(503, "text/html", null)).toThrow("HTTP 503");
  });

  it("defaults the time zone and scope", () => {
    const { siteTimezone: _zone, ...rest } = DEPLOYED;
    const { scope: _scope, ...auth } = DEPLOYED.auth;
    const runtime = parseRuntimeConfig(200, "application/json", { ...rest, auth });
    expect(runtime).toMatchObject({ siteTimezone: "UTC", auth: { scope: "openid email profile" } });
  });
});

describe("loadRuntime", () => {
  it("fetches /config.json on the console's own origin, bypassing caches", async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify(DEPLOYED), { status: 200, headers: { "Content-Type": "application/json" } }),
    );
    await expect(loadRuntime(fetchMock)).resolves.toMatchObject({ kind: "deployed", apiUrl: DEPLOYED.apiUrl });
    expect(fetchMock).toHaveBeenCalledWith("/config.json", expect.objectContaining({ cache: "no-store" }));
  });

  it("falls back to local when the server has no config.json", async () => {
    const fetchMock = vi.fn(async () => new Response("Not found", { status: 404 }));
    await expect(loadRuntime(fetchMock)).resolves.toEqual(LOCAL_RUNTIME);
  });
});

describe("clientBaseUrl", () => {
  it("is the stage's root: the generated paths carry /api/v1/training", () => {
    expect(clientBaseUrl(DEPLOYED.apiUrl)).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    expect(clientBaseUrl(`${DEPLOYED.apiUrl}/`)).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");
    expect(clientBaseUrl("https://api.example.com/")).toBe("https://api.example.com");
  });
});
