/** Who the console acts as on the local server ("Acting as"), sent as the local server's dev headers. */
export type Identity = { userId: string; groups: string[]; label: string };

export const DEMO_ADMIN: Identity = { userId: "demo-admin", groups: ["hse-admin"], label: "Demo admin (hse-admin)" };

/** The demo data's trainer logins (local/demo_data.py); only Frank Miller has one. */
export const DEMO_TRAINERS: Identity[] = [
  { userId: "demo-trainer-frank", groups: ["trainer"], label: "Frank Miller (trainer)" },
];

export const LOCAL_IDENTITIES: Identity[] = [DEMO_ADMIN, ...DEMO_TRAINERS];

const STORAGE_KEY = "titan.actingAs";

let current: Identity = DEMO_ADMIN;

export function loadIdentity(): Identity {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    const found = LOCAL_IDENTITIES.find((identity) => identity.userId === stored);
    if (found) current = found;
  } catch {
    // storage unavailable: keep the default
  }
  return current;
}

export function currentIdentity(): Identity {
  return current;
}

export function setIdentity(identity: Identity): void {
  current = identity;
  try {
    window.localStorage.setItem(STORAGE_KEY, identity.userId);
  } catch {
    // storage unavailable: the choice lasts until reload
  }
}

export function isAdmin(identity: Identity): boolean {
  return identity.groups.includes("hse-admin");
}

/** The headers the local server reads as the caller (README "Identity"). */
export function identityHeaders(identity: Identity): Record<string, string> {
  return { "X-Dev-User-Id": identity.userId, "X-Dev-Groups": identity.groups.join(",") };
}
