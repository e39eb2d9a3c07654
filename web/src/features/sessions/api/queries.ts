import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";

type S = components["schemas"];
export type Session = S["Session"];
export type SessionDetail = S["SessionDetail"];
export type SessionStatus = S["SessionStatus"];
export type Warning = S["Warning"];

export const sessionKeys = {
  all: ["sessions"] as const,
  list: (filters: object) => ["sessions", "list", filters] as const,
  detail: (id: string) => ["sessions", "detail", id] as const,
};

export function useSessions(status: SessionStatus | null, nextToken?: string) {
  return useQuery({
    queryKey: sessionKeys.list({ status, nextToken }),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/sessions", {
          params: { query: { limit: 50, nextToken, status: status ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSession(sessionId: string) {
  return useQuery({
    queryKey: sessionKeys.detail(sessionId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/sessions/{sessionId}", { params: { path: { sessionId } } })),
  });
}

export function useCourse(courseId: string | undefined) {
  return useQuery({
    queryKey: ["courses", "detail", courseId],
    enabled: Boolean(courseId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/courses/{courseId}", { params: { path: { courseId: courseId! } } })),
  });
}

/** The trainers qualified for a course, with their load in the given ISO week. */
export function useQualifiedTrainers(courseId: string | undefined, week: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["trainers", { courseId, week, limit: 200 }],
    enabled: enabled && Boolean(courseId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/trainers", { params: { query: { courseId, week, limit: 200 } } }),
      ),
  });
}

export function useAllVenues(enabled: boolean) {
  return useQuery({
    queryKey: ["venues", { limit: 200 }],
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/training/venues", { params: { query: { limit: 200 } } })),
  });
}

/** Schedule (or reschedule) a session; the session and every list refetch after it. */
export function useSchedule(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S["ScheduleSession"]) =>
      unwrap(
        api.PATCH("/api/v1/training/sessions/{sessionId}/schedule", { params: { path: { sessionId } }, body }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["trainers"] });
    },
  });
}

/** Course names by id, for labelling sessions (the library is small: one page of 200). */
export function useCourseNames() {
  return useQuery({
    queryKey: ["courses", { limit: 200 }],
    queryFn: () => unwrap(api.GET("/api/v1/training/courses", { params: { query: { limit: 200 } } })),
    select: (page) => Object.fromEntries(page.items.map((course) => [course.id, course.name])) as Record<string, string>,
  });
}
