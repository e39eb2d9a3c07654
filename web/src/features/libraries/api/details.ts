import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { libraryKeys } from "./queries";

/** Query keys of the detail views, under their library's key so a list's change refetches them too. */
export const detailKeys = {
  personnel: (id: string) => [...libraryKeys.personnel, "detail", id] as const,
  personnelCompliance: (id: string, nextToken?: string) => [...libraryKeys.personnel, "compliance", id, { nextToken }] as const,
  personnelRecords: (id: string, nextToken?: string) =>
    [...libraryKeys.personnel, "training-records", id, { nextToken }] as const,
  trainer: (id: string, week?: string) => [...libraryKeys.trainers, "detail", id, { week }] as const,
};

export function usePersonnelDetail(personnelId: string) {
  return useQuery({
    queryKey: detailKeys.personnel(personnelId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/personnel/{personnelId}", { params: { path: { personnelId } } })),
  });
}

/** A worker's compliance items (one per course), paged. */
export function usePersonnelCompliance(personnelId: string, nextToken?: string) {
  return useQuery({
    queryKey: detailKeys.personnelCompliance(personnelId, nextToken),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/personnel/{personnelId}/compliance", {
          params: { path: { personnelId }, query: { limit: 50, nextToken } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A worker's training records from finalized sessions, newest first, paged. A page may be short
 * (records of a session still finalizing are left out) and still have a next one. */
export function usePersonnelTrainingRecords(personnelId: string, nextToken?: string) {
  return useQuery({
    queryKey: detailKeys.personnelRecords(personnelId, nextToken),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/personnel/{personnelId}/training-records", {
          params: { path: { personnelId }, query: { limit: 50, nextToken } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A trainer with qualifications, and the load and SCHEDULED sessions of an ISO week (default: this week). */
export function useTrainerDetail(trainerId: string, week?: string) {
  return useQuery({
    queryKey: detailKeys.trainer(trainerId, week),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/training/trainers/{trainerId}", {
          params: { path: { trainerId }, query: { week } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Qualify a trainer for a course, or withdraw it; the trainer and every trainer list refetch after it. */
export function useQualification(trainerId: string) {
  const queryClient = useQueryClient();
  const refetch = () => queryClient.invalidateQueries({ queryKey: libraryKeys.trainers });
  const add = useMutation({
    mutationFn: (courseId: string) =>
      unwrap(
        api.PUT("/api/v1/training/trainers/{trainerId}/qualifications/{courseId}", {
          params: { path: { trainerId, courseId } },
        }),
      ),
    onSuccess: refetch,
  });
  const remove = useMutation({
    mutationFn: (courseId: string) =>
      unwrap(
        api.DELETE("/api/v1/training/trainers/{trainerId}/qualifications/{courseId}", {
          params: { path: { trainerId, courseId } },
        }),
      ),
    onSuccess: refetch,
  });
  return { add, remove };
}
