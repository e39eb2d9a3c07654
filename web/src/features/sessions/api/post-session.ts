import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { ApiError } from "../../../api/errors";
import type { components } from "../../../api/schema";
import { sessionKeys } from "./queries";

type S = components["schemas"];
export type EvidenceUpload = S["EvidenceUpload"];
export type Finalized = S["Finalized"];

const postSessionKeys = {
  evidence: (id: string) => ["sessions", "evidence", id] as const,
  records: (id: string) => ["sessions", "records", id] as const,
  courseCompliance: (courseId: string) => ["courses", "compliance", courseId] as const,
};

/** Mark attendance (the whole sheet in one PATCH); the session refetches after it. */
export function useRecordAttendance(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S["AttendanceSheet"]) =>
      unwrap(
        api.PATCH("/api/v1/training/sessions/{sessionId}/attendance", { params: { path: { sessionId } }, body }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) }),
  });
}

/** The signed sheet's download link; a 404 means nothing is uploaded yet (answered as null). */
export function useEvidenceLink(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: postSessionKeys.evidence(sessionId),
    enabled,
    // The link is short-lived: fetch a fresh one before it expires.
    refetchInterval: (query) => (query.state.data ? (query.state.data.expiresInSeconds * 1000) / 2 : false),
    queryFn: async () => {
      try {
        return await unwrap(
          api.GET("/api/v1/training/sessions/{sessionId}/evidence", { params: { path: { sessionId } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * Sends a file through the API's presigned POST: every returned field as a form field, then the
 * file last (S3 ignores fields after it). XMLHttpRequest, because fetch reports no upload progress.
 */
export function postToPresignedForm(
  form: Pick<EvidenceUpload, "url" | "fields">,
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", form.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else {
        reject(new Error(`The upload was refused (HTTP ${request.status}): ${s3Message(request.responseText)}`));
      }
    };
    request.onerror = () => reject(new Error("The upload could not reach the file store."));
    request.send(body);
  });
}

/** S3 answers errors in XML: its <Message>, else the raw text. */
function s3Message(text: string): string {
  const match = /<Message>([^<]*)<\/Message>/.exec(text);
  return (match ? match[1] : text).trim() || "no reason given";
}

/** Upload the signed sheet: ask the API for a form, post the file to it, then refetch the link. */
export function useUploadEvidence(sessionId: string, onProgress: (percent: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = await unwrap(
        api.POST("/api/v1/training/sessions/{sessionId}/evidence", {
          params: { path: { sessionId }, header: { "idempotency-key": crypto.randomUUID() } },
        }),
      );
      await postToPresignedForm(form, file, onProgress);
      return form;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: postSessionKeys.evidence(sessionId) }),
  });
}

/** Finalize Session; the session (now read-only), its evidence and records refetch after it. */
export function useFinalize(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/training/sessions/{sessionId}/finalize", {
          params: { path: { sessionId }, header: { "idempotency-key": crypto.randomUUID() } },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["courses", "compliance"] });
      void queryClient.invalidateQueries({ queryKey: ["compliance"] });
    },
  });
}

/** The records a COMPLETED session wrote (training, or competency awaiting verification). */
export function useSessionRecords(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: postSessionKeys.records(sessionId),
    enabled,
    queryFn: () =>
      unwrap(api.GET("/api/v1/training/sessions/{sessionId}/records", { params: { path: { sessionId } } })),
  });
}

/** Every compliance item of a course, by personnelId (one course's items: a few pages of 200). */
export function useCourseCompliance(courseId: string, enabled: boolean) {
  return useQuery({
    queryKey: postSessionKeys.courseCompliance(courseId),
    enabled,
    queryFn: async () => {
      const items: Record<string, S["ComplianceItem"]> = {};
      let nextToken: string | undefined;
      do {
        const page = await unwrap(
          api.GET("/api/v1/training/courses/{courseId}/compliance", {
            params: { path: { courseId }, query: { limit: 200, nextToken } },
          }),
        );
        for (const item of page.items) items[item.personnelId] = item;
        nextToken = page.nextToken ?? undefined;
      } while (nextToken);
      return items;
    },
  });
}
