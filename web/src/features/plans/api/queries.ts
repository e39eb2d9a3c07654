import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { pollInterval, type PlanRequest } from "../rules/rules";

export const planKeys = {
  plan: (planId: string) => ["plans", planId] as const,
};

/** Asks for a proposal (`POST /plans`): the answer is the plan, RUNNING. */
export function useCreatePlan() {
  return useMutation({
    mutationFn: (request: PlanRequest) =>
      unwrap(
        api.POST("/api/v1/training/plans", {
          params: { header: { "idempotency-key": crypto.randomUUID() } },
          body: request,
        }),
      ),
  });
}

/** A plan, read again every second while it is computed (rules.pollInterval). */
export function usePlan(planId: string | null) {
  return useQuery({
    queryKey: planKeys.plan(planId ?? ""),
    queryFn: () => unwrap(api.GET("/api/v1/training/plans/{planId}", { params: { path: { planId: planId! } } })),
    enabled: planId !== null,
    refetchInterval: (query) => pollInterval(query.state.data),
  });
}

/** Accepts a plan's sessions (all, or the positions named) as drafts; the session lists refetch after it. */
export function useAcceptPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { sessions?: number[] }) =>
      unwrap(
        api.POST("/api/v1/training/plans/{planId}/accept", {
          params: { path: { planId }, header: { "idempotency-key": crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["sessions"] });
      void queryClient.invalidateQueries({ queryKey: planKeys.plan(planId) });
    },
  });
}
