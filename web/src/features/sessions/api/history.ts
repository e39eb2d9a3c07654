import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { sessionKeys } from "./queries";

export type HistoryEntry = components["schemas"]["HistoryEntry"];

export const HISTORY_PAGE_SIZE = 20;

/**
 * A page of the session's audit trail, newest first (hse-admin). Its key lives under the session's
 * own, so every change that refetches the session refetches its history too.
 */
export function useSessionHistory(sessionId: string, nextToken?: string) {
  return useQuery({
    queryKey: [...sessionKeys.detail(sessionId), "history", nextToken ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/sessions/{sessionId}/history", {
          params: { path: { sessionId }, query: { limit: HISTORY_PAGE_SIZE, nextToken } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Trainer names by id, for the trail's trainer changes (one page of 200: the trainers list is small). */
export function useTrainerNames() {
  return useQuery({
    queryKey: ["trainers", { limit: 200 }],
    queryFn: () => unwrap(api.GET("/api/v1/training/trainers", { params: { query: { limit: 200 } } })),
    select: (page) =>
      Object.fromEntries(page.items.map((t) => [t.id, `${t.firstName} ${t.lastName}`])) as Record<string, string>,
  });
}
