import { afterEach, describe, expect, it, vi } from "vitest";
import { tokenHeaders } from "../auth/claims";
import { api, apiRoot, configureApi } from "./client";
import { DEMO_ADMIN, setIdentity } from "./identity";

function captureRequests(status = 200) {
  const requests: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      requests.push(request);
      return new Response(JSON.stringify({ items: [] }), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return requests;
}

// One file, in order: the local client first, then the same module configured as a deployed console.
describe("the API client", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("locally sends the acting-as identity as the local server's headers, to its own origin", async () => {
    setIdentity(DEMO_ADMIN);
    const requests = captureRequests();
    await api.GET("/api/v1/training/courses");
    const [request] = requests;
    expect(new URL(request.url).origin).toBe(window.location.origin);
    expect(request.headers.get("X-Dev-User-Id")).toBe("demo-admin");
    expect(request.headers.get("Authorization")).toBeNull();
    expect(apiRoot()).toBe("");
  });

  it("deployed sends the ID token in Authorization to the configured API, and a 401 signs in again", async () => {
    const reauthenticate = vi.fn();
    configureApi({
      baseUrl: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod",
      headers: async () => tokenHeaders("id.token.value"),
      onUnauthorized: reauthenticate,
    });
    const requests = captureRequests();
    await api.GET("/api/v1/training/courses");
    const [request] = requests;
    expect(request.url).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/api/v1/training/courses");
    expect(request.headers.get("Authorization")).toBe("id.token.value");
    expect(request.headers.get("X-Dev-User-Id")).toBeNull();
    expect(reauthenticate).not.toHaveBeenCalled();
    expect(apiRoot()).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod");

    captureRequests(401);
    await api.GET("/api/v1/training/courses");
    expect(reauthenticate).toHaveBeenCalledTimes(1);
  });
});
