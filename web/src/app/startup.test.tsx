import { render, screen, within, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_ADMIN, setIdentity } from "../api/identity";
import type { Runtime } from "../api/runtime";
import type { Session } from "../auth/claims";
import { startSession } from "../auth/session";
import { start } from "./startup";

vi.mock("../auth/session", () => ({ startSession: vi.fn() }));

const API_ROOT = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod";
const DEPLOYED: Runtime = {
  kind: "deployed",
  apiUrl: `${API_ROOT}/api/v1/training`,
  siteTimezone: "UTC",
  auth: {
    authority: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
    clientId: "4example5client6id",
    domain: "titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com",
    redirectUri: "https://d111111abcdef8.cloudfront.net/auth/callback",
    logoutUri: "https://d111111abcdef8.cloudfront.net/",
    scope: "openid email profile",
  },
};

/** Every call the console makes: (url, Authorization) for openapi-fetch's Requests and plain fetches alike. */
function stubServer(local: boolean) {
  const calls: { url: string; authorization: string | null }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string, init?: RequestInit) => {
      const request = typeof input === "string" ? new Request(new URL(input, window.location.origin), init) : input;
      calls.push({ url: request.url, authorization: request.headers.get("Authorization") });
      const body = request.url.endsWith("/config")
        ? { siteTimezone: "UTC", local, expiryWarningDays: 60, auth: null }
        : { items: [], nextToken: null };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

function renderer() {
  let view: RenderResult | null = null;
  return (node: ReactNode) => {
    if (view) view.rerender(node);
    else view = render(node);
  };
}

// In order: the local console first (start configures the one API client for a deployed one).
describe("start", () => {
  beforeEach(() => {
    window.localStorage.clear();
    window.history.replaceState(null, "", "/");
    setIdentity(DEMO_ADMIN);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.mocked(startSession).mockReset();
  });

  it("says why the console cannot start when config.json is broken", async () => {
    await start(renderer(), async () => {
      throw new Error("The console's settings (config.json) lack apiUrl.");
    });
    expect(screen.getByRole("alert")).toHaveTextContent("lack apiUrl");
    expect(screen.getByRole("button", { name: "Sign in again" })).toBeInTheDocument();
  });

  it("locally renders the console with Acting as and never signs in", async () => {
    stubServer(true);
    await start(renderer(), async () => ({ kind: "local" }));
    expect(await screen.findByRole("textbox", { name: "Acting as" })).toBeInTheDocument();
    expect(startSession).not.toHaveBeenCalled();
  });

  it("deployed goes to the hosted sign-in and renders nothing else while it does", async () => {
    vi.mocked(startSession).mockResolvedValue(null);
    await start(renderer(), async () => DEPLOYED);
    expect(startSession).toHaveBeenCalledWith(DEPLOYED.auth);
    expect(screen.getByLabelText("Signing in")).toBeInTheDocument();
    expect(screen.queryByLabelText("Main navigation")).toBeNull();
  });

  it("says a failed sign-in", async () => {
    vi.mocked(startSession).mockRejectedValue(new Error("access_denied"));
    await start(renderer(), async () => DEPLOYED);
    expect(screen.getByRole("alert")).toHaveTextContent("Signing in failed: access_denied");
  });

  it("deployed, a signed-in trainer gets the trainer's console, and every call carries the ID token", async () => {
    const calls = stubServer(false);
    const signOut = vi.fn(async () => {});
    const session: Session = {
      identity: { userId: "3f2a6c1e", groups: ["trainer"], label: "frank@example.com" },
      idToken: async () => "id.token.of.frank",
      reauthenticate: vi.fn(),
      signOut,
    };
    vi.mocked(startSession).mockResolvedValue(session);
    await start(renderer(), async () => DEPLOYED);
    // Then the navigation is the trainer's, with who signed in and a way out, and no Acting as
    const nav = await screen.findByLabelText("Main navigation");
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["My sessions"]);
    expect(await screen.findByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(screen.getByText("frank@example.com")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Acting as" })).toBeNull();
    // And the settings and the sessions came from the configured API, the sessions with the token as it is
    await vi.waitFor(() => expect(calls.some((call) => call.url.includes("/sessions"))).toBe(true));
    expect(calls.every((call) => call.url.startsWith(`${API_ROOT}/api/v1/training/`))).toBe(true);
    expect(calls.filter((call) => !call.url.endsWith("/config")).every((call) => call.authorization === "id.token.of.frank")).toBe(true);
    screen.getByRole("button", { name: "Sign out" }).click();
    expect(signOut).toHaveBeenCalled();
  });
});
