import { useQuery } from "@tanstack/react-query";
import { API_BASE, apiRoot } from "../../../api/client";
import { toApiError } from "../../../api/errors";
import type { components } from "../../../api/schema";

/** What the console reads of `GET /config` (the API's own type). */
export type ConsoleConfig = Pick<components["schemas"]["ConsoleConfig"], "siteTimezone" | "local">;

/** What the console assumes when the server has no `GET /config` (the local server before it had one). */
export const LOCAL_DEFAULTS: ConsoleConfig = { siteTimezone: "UTC", local: true };

/** Reads the public `GET /config`; a 404 means a server without it: the local defaults. */
export function parseConfig(status: number, body: unknown): ConsoleConfig {
  if (status === 404) return LOCAL_DEFAULTS;
  if (status < 200 || status >= 300) throw toApiError(status, body);
  const value = (body ?? {}) as Partial<ConsoleConfig>;
  return {
    siteTimezone: typeof value.siteTimezone === "string" && value.siteTimezone ? value.siteTimezone : "UTC",
    local: value.local === true,
  };
}

// A plain fetch: `GET /config` is public (no identity headers), and an older server may not have it.
export async function fetchConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${apiRoot()}${API_BASE}/config`, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  return parseConfig(response.status, body);
}

export function useConfig() {
  return useQuery({ queryKey: ["config"], queryFn: fetchConfig, staleTime: Infinity });
}
