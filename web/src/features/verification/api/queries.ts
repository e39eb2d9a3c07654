import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { Verification } from "../rules/rules";

export const competencyKeys = {
  all: ["competency-records"] as const,
  pending: (nextToken?: string) => ["competency-records", "PENDING_VERIFICATION", { nextToken }] as const,
};

/** Competency records waiting for verification, a page at a time. */
export function usePendingRecords(nextToken?: string) {
  return useQuery({
    queryKey: competencyKeys.pending(nextToken),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/competency-records", {
          params: { query: { status: "PENDING_VERIFICATION", limit: 50, nextToken } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Verify or reject a record; the pending list and compliance refetch after it. */
export function useVerify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordId, body }: { recordId: string; body: Verification }) =>
      unwrap(
        api.POST("/api/v1/training/competency-records/{recordId}/verify", { params: { path: { recordId } }, body }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: competencyKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["compliance"] });
    },
  });
}
