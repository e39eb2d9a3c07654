import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ImportKind, ImportReport } from "../rules/rules";

type Upload = { kind: ImportKind; text: string; dryRun: boolean };

/** Sends a CSV file as it is (text/csv), for a preview (dryRun) or to import it. */
function postImport({ kind, text, dryRun }: Upload): Promise<ImportReport> {
  const options = {
    params: { query: { dryRun } },
    body: text,
    bodySerializer: (body: string) => body,
    headers: { "Content-Type": "text/csv" },
  };
  return kind === "personnel"
    ? unwrap(api.POST("/api/v1/training/imports/personnel", options))
    : unwrap(api.POST("/api/v1/training/imports/compliance", options));
}

/** A preview or an import; after an import every list refetches (the directory and compliance changed). */
export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postImport,
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries();
    },
  });
}
