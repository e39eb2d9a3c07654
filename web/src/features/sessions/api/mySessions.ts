import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { sessionKeys } from "./queries";

/** One page of sessions starting in [from, to) (either bound open); the API limits a trainer to their own. */
export function useSessionsBetween(range: { from?: string; to?: string }, nextToken?: string) {
  return useQuery({
    queryKey: sessionKeys.list({ ...range, nextToken }),
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/sessions", { params: { query: { limit: 50, nextToken, ...range } } })),
    placeholderData: keepPreviousData,
  });
}
