import type { Identity } from "../api/identity";
import type { SignInSettings } from "../api/runtime";

/** A signed-in user of the deployed console (auth/session.ts makes one after the hosted sign-in). */
export type Session = {
  identity: Identity;
  /** The current ID token, renewed when it has expired. */
  idToken: () => Promise<string>;
  /** Back to the hosted sign-in (the API said 401: the token is no longer accepted). */
  reauthenticate: () => void;
  signOut: () => Promise<void>;
};

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string" && !!group);
  if (typeof value === "string") return value.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * Who the ID token's claims say the user is: `sub` (the trainers' `userId`), and `cognito:groups`,
 * which decide admin or trainer exactly as the local "Acting as" identity does (isAdmin).
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const userId = typeof claims.sub === "string" ? claims.sub : "";
  const name = [claims.email, claims["cognito:username"], userId].find(
    (value): value is string => typeof value === "string" && !!value,
  );
  return { userId, groups: groupsOf(claims["cognito:groups"]), label: name ?? "Signed in" };
}

/** API Gateway's Cognito authorizer reads the ID token as it is in Authorization (no "Bearer "). */
export function tokenHeaders(idToken: string): Record<string, string> {
  return { Authorization: idToken };
}

/** Cognito's sign-out (its discovery document has no end_session_endpoint): clears the hosted session. */
export function logoutUrl(settings: Pick<SignInSettings, "domain" | "clientId" | "logoutUri">): string {
  const host = settings.domain.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: settings.logoutUri });
  return `https://${host}/logout?${query.toString()}`;
}

/** Where to go after the callback: a path of this console, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}
