import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import type { Group } from "../rules/rules";

export const complianceKeys = {
  all: ["compliance"] as const,
  summary: ["compliance", "summary"] as const,
  workers: (courseId: string, filters: object) => ["compliance", "workers", courseId, filters] as const,
};

/** Per course, the counts of red, yellow, expiring and green workers (one call). */
export function useComplianceSummary() {
  return useQuery({
    queryKey: complianceKeys.summary,
    queryFn: () => unwrap(api.GET("/api/v1/training/compliance/summary")),
  });
}

/** A course's workers, red first, optionally one group only. */
export function useCourseWorkers(courseId: string, group: Group | null, nextToken?: string) {
  return useQuery({
    queryKey: complianceKeys.workers(courseId, { group, nextToken }),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/courses/{courseId}/workers", {
          params: { path: { courseId }, query: { limit: 50, nextToken, group: group ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A new draft for a course (optionally with its time, as the Planner picks it); the session lists refetch after it. */
export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: string | components["schemas"]["CreateDraft"]) =>
      unwrap(
        api.POST("/api/v1/training/sessions/draft", { body: typeof draft === "string" ? { courseId: draft } : draft }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
}
