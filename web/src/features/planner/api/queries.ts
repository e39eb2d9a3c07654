import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { sessionKeys } from "../../sessions/api/queries";

type Session = components["schemas"]["Session"];

/** What the grid shows: the visible range ([from, to) by start) and the filters, all applied by the API. */
export type PlannerFilters = {
  from: string;
  to: string;
  courseId?: string;
  trainerId?: string;
  venueId?: string;
};

const PAGE = 200; // the API's largest page

/** Every session starting in the visible range, through all of `GET /sessions`' pages. */
export async function fetchAllSessions(filters: PlannerFilters): Promise<Session[]> {
  const items: Session[] = [];
  let nextToken: string | undefined;
  do {
    const page = await unwrap(
      api.GET("/api/v1/training/sessions", { params: { query: { ...filters, limit: PAGE, nextToken } } }),
    );
    items.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return items;
}

/** Under the sessions' own key, so a new draft or a schedule refetches the grid too. */
export function usePlannerSessions(filters: PlannerFilters | null) {
  return useQuery({
    queryKey: sessionKeys.list({ planner: filters }),
    enabled: filters !== null,
    queryFn: () => fetchAllSessions(filters!),
  });
}

/** A series of recurring drafts (`POST /sessions/recurring-drafts`), all or none; the session lists refetch after it. */
export function useCreateRecurringDrafts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (series: components["schemas"]["CreateRecurringDrafts"]) =>
      unwrap(api.POST("/api/v1/training/sessions/recurring-drafts", { body: series })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
}
