import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { sessionKeys } from "./queries";

type S = components["schemas"];

/** Save a draft's trainer, venue and times without scheduling it (PATCH /sessions/{id}). */
export function useSaveDraft(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S["SessionPatch"]) =>
      unwrap(api.PATCH("/api/v1/training/sessions/{sessionId}", { params: { path: { sessionId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** DRAFT or SCHEDULED to CANCELLED: it frees the trainer, the room and the load. */
export function useCancelSession(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/training/sessions/{sessionId}/cancel", { params: { path: { sessionId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["trainers"] });
    },
  });
}

/** Soft delete of a DRAFT or CANCELLED session; its page is gone afterwards. */
export function useDeleteSession(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/training/sessions/{sessionId}", { params: { path: { sessionId } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: sessionKeys.detail(sessionId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    },
  });
}
