import { describe, expect, it } from "vitest";
import { isAdmin } from "../api/identity";
import { ADMIN_NAV, navItems, TRAINER_NAV } from "../app/navigation";
import { identityFromClaims, logoutUrl, safeReturnPath, tokenHeaders } from "./claims";

const SUB = "3f2a6c1e-0b7d-4f21-9c55-2a8e7d1b0c44";

describe("identityFromClaims", () => {
  it("makes an hse-admin an admin with the admin's navigation", () => {
    const identity = identityFromClaims({ sub: SUB, email: "hse@example.com", "cognito:groups": ["hse-admin"] });
    expect(identity).toEqual({ userId: SUB, groups: ["hse-admin"], label: "hse@example.com" });
    expect(isAdmin(identity)).toBe(true);
    expect(navItems(isAdmin(identity))).toEqual(ADMIN_NAV);
  });

  it("gives a trainer only My sessions, with the sub as the trainer's userId", () => {
    const identity = identityFromClaims({ sub: SUB, "cognito:username": SUB, "cognito:groups": ["trainer"] });
    expect(identity.userId).toBe(SUB);
    expect(isAdmin(identity)).toBe(false);
    expect(navItems(isAdmin(identity))).toEqual(TRAINER_NAV);
  });

  it("makes someone in both groups an admin", () => {
    expect(isAdmin(identityFromClaims({ sub: SUB, "cognito:groups": ["trainer", "hse-admin"] }))).toBe(true);
  });

  it("treats a user in no group as no admin", () => {
    const identity = identityFromClaims({ sub: SUB, email: "new@example.com" });
    expect(identity.groups).toEqual([]);
    expect(navItems(isAdmin(identity))).toEqual(TRAINER_NAV);
  });

  it("reads groups given as one string", () => {
    expect(identityFromClaims({ sub: SUB, "cognito:groups": "trainer,hse-admin" }).groups).toEqual(["trainer", "hse-admin"]);
    expect(identityFromClaims({ sub: SUB, "cognito:groups": "[hse-admin trainer]" }).groups).toEqual(["hse-admin", "trainer"]);
  });
});

describe("tokenHeaders", () => {
  it("sends the ID token as it is, as API Gateway's Cognito authorizer reads it", () => {
    expect(tokenHeaders("eyJraWQiOi.payload.signature")).toEqual({ Authorization: "eyJraWQiOi.payload.signature" });
  });
});

describe("logoutUrl", () => {
  it("is Cognito's hosted sign-out back to the console", () => {
    const url = new URL(
      logoutUrl({
        domain: "titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com",
        clientId: "4example5client6id",
        logoutUri: "https://d111111abcdef8.cloudfront.net/",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://titan-training-51af3dc0.auth.eu-west-1.amazoncognito.com/logout");
    expect(url.searchParams.get("client_id")).toBe("4example5client6id");
    expect(url.searchParams.get("logout_uri")).toBe("https://d111111abcdef8.cloudfront.net/");
  });
});

describe("safeReturnPath", () => {
  it("returns only to a path of this console", () => {
    expect(safeReturnPath("/sessions/abc?tab=1")).toBe("/sessions/abc?tab=1");
    expect(safeReturnPath("//evil.example.com/")).toBe("/");
    expect(safeReturnPath("https://evil.example.com/")).toBe("/");
    expect(safeReturnPath(undefined)).toBe("/");
  });
});
