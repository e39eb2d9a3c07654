import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";

export const alertKeys = {
  all: ["alerts"] as const,
  page: (nextToken?: string) => ["alerts", { nextToken }] as const,
};

/** A page of the open expiry alerts (soonest expiry first), with their total. */
export function useExpiryAlerts(nextToken?: string) {
  return useQuery({
    queryKey: alertKeys.page(nextToken),
    queryFn: () => unwrap(api.GET("/api/v1/training/alerts", { params: { query: { limit: 10, nextToken } } })),
    placeholderData: keepPreviousData,
  });
}
