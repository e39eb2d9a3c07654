import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { sessionKeys } from "./queries";

/** Under `sessions`, so whatever refreshes a session refreshes its suggestions too. */
export const suggestionKeys = {
  all: (sessionId: string) => [...sessionKeys.all, "suggestions", sessionId] as const,
  list: (sessionId: string, search: string, limit: number) =>
    [...sessionKeys.all, "suggestions", sessionId, { search, limit }] as const,
};

/** The smart picker's ranking for a session (red, pending, expiring, then everyone; listed people left out). */
export function useAttendeeSuggestions(sessionId: string, search: string, limit: number) {
  return useQuery({
    queryKey: suggestionKeys.list(sessionId, search, limit),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/sessions/{sessionId}/attendee-suggestions", {
          params: { path: { sessionId }, query: { search: search || undefined, limit } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => {
    // the session (its class list and capacity), the lists and the picker's ranking, which leaves listed people out
    void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  };
}

export function useAddAttendees(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (personnelIds: string[]) =>
      unwrap(
        api.POST("/api/v1/training/sessions/{sessionId}/attendees", {
          params: { path: { sessionId } },
          body: { personnelIds },
        }),
      ),
    onSettled: refresh,
  });
}

export function useRemoveAttendee(sessionId: string) {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (personnelId: string) =>
      unwrap(
        api.DELETE("/api/v1/training/sessions/{sessionId}/attendees/{personnelId}", {
          params: { path: { sessionId, personnelId } },
        }),
      ),
    onSettled: refresh,
  });
}
