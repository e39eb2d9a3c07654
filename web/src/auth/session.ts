// The hosted sign-in (Cognito, authorization code with PKCE) through oidc-client-ts. Loaded only by a
// deployed console (app/startup.tsx imports it lazily), so the local console's first JS stays small.
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import type { SignInSettings } from "../api/runtime";
import { identityFromClaims, logoutUrl, safeReturnPath, type Session } from "./claims";

type ReturnState = { returnTo?: string };

export function userManager(settings: SignInSettings): UserManager {
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    post_logout_redirect_uri: settings.logoutUri,
    response_type: "code", // with PKCE, which oidc-client-ts always adds to the code flow
    scope: settings.scope,
    // Renewed with Cognito's refresh token before the hour is up (no hidden iframe).
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

function here(): string {
  return window.location.pathname + window.location.search;
}

/**
 * The signed-in user, or null while the browser goes to the hosted sign-in. On the callback route it
 * completes the sign-in and returns to the page the user first asked for; a failed callback throws
 * (the start-up screen says why and offers to sign in again).
 */
export async function startSession(settings: SignInSettings): Promise<Session | null> {
  const manager = userManager(settings);
  const signIn = () => manager.signinRedirect({ state: { returnTo: here() } satisfies ReturnState });
  const renew = () => manager.signinSilent().catch(() => null);

  let user: User | null;
  if (window.location.pathname === new URL(settings.redirectUri).pathname) {
    user = await manager.signinRedirectCallback();
    window.history.replaceState(null, "", safeReturnPath((user.state as ReturnState | undefined)?.returnTo));
  } else {
    user = await manager.getUser();
    if (user?.expired) user = await renew();
  }
  if (!user?.id_token) {
    await signIn();
    return null;
  }

  let current: User = user;
  manager.events.addUserLoaded((renewed) => {
    current = renewed;
  });
  manager.events.addSilentRenewError(() => void signIn());
  return {
    identity: identityFromClaims(current.profile as Record<string, unknown>),
    idToken: async () => {
      if (current.expired) {
        const renewed = await renew();
        if (!renewed?.id_token) {
          await signIn();
          throw new Error("Your sign-in has expired: signing in again.");
        }
        current = renewed;
      }
      return current.id_token!;
    },
    reauthenticate: () => void signIn(),
    signOut: async () => {
      await manager.removeUser();
      window.location.assign(logoutUrl(settings));
    },
  };
}
