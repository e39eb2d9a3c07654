import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";

type S = components["schemas"];
export type Course = S["Course"];
export type Venue = S["Venue"];
export type Trainer = S["TrainerWithLoad"];
export type Personnel = S["Personnel"];

const PAGE = 50;

export const libraryKeys = {
  courses: ["courses"] as const,
  venues: ["venues"] as const,
  trainers: ["trainers"] as const,
  personnel: ["personnel"] as const,
};

export function useCourses(nextToken?: string, limit = PAGE) {
  return useQuery({
    queryKey: [...libraryKeys.courses, { nextToken, limit }],
    queryFn: () => unwrap(api.GET("/api/v1/training/courses", { params: { query: { limit, nextToken } } })),
    placeholderData: keepPreviousData,
  });
}

export function useVenues(nextToken?: string, limit = PAGE) {
  return useQuery({
    queryKey: [...libraryKeys.venues, { nextToken, limit }],
    queryFn: () => unwrap(api.GET("/api/v1/training/venues", { params: { query: { limit, nextToken } } })),
    placeholderData: keepPreviousData,
  });
}

export function useTrainers(params: { nextToken?: string; courseId?: string; week?: string; limit?: number } = {}) {
  const { nextToken, courseId, week, limit = PAGE } = params;
  return useQuery({
    queryKey: [...libraryKeys.trainers, { nextToken, courseId, week, limit }],
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/trainers", { params: { query: { limit, nextToken, courseId, week } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePersonnel(search: string, nextToken?: string) {
  return useQuery({
    queryKey: [...libraryKeys.personnel, { search, nextToken }],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/personnel", {
          params: { query: { limit: PAGE, nextToken, search: search || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Create or edit one library entry; the list refetches after it. */
export function useSave<TBody, TResult>(key: readonly string[], save: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const saveCourse = (id: string | null) => (body: S["CourseCreate"]) =>
  id
    ? unwrap(api.PATCH("/api/v1/training/courses/{courseId}", { params: { path: { courseId: id } }, body }))
    : unwrap(api.POST("/api/v1/training/courses", { body }));

export const saveVenue = (id: string | null) => (body: S["VenueCreate"]) =>
  id
    ? unwrap(api.PATCH("/api/v1/training/venues/{venueId}", { params: { path: { venueId: id } }, body }))
    : unwrap(api.POST("/api/v1/training/venues", { body }));

export const saveTrainer = (id: string | null) => (body: S["TrainerCreate"]) =>
  id
    ? unwrap(api.PATCH("/api/v1/training/trainers/{trainerId}", { params: { path: { trainerId: id } }, body }))
    : unwrap(api.POST("/api/v1/training/trainers", { body }));

export const savePersonnel = (id: string | null) => (body: S["PersonnelCreate"]) =>
  id
    ? unwrap(api.PATCH("/api/v1/training/personnel/{personnelId}", { params: { path: { personnelId: id } }, body }))
    : unwrap(api.POST("/api/v1/training/personnel", { body }));
