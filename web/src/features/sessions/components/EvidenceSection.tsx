import { useState } from "react";
import { Alert, Anchor, Card, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { Dropzone, MIME_TYPES } from "@mantine/dropzone";
import "@mantine/dropzone/styles.css";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../../api/errors";
import { ErrorAlert } from "../../../shared/components";
import type { SessionDetail } from "../api/queries";
import { useEvidenceLink, useUploadEvidence } from "../api/post-session";
import { MAX_EVIDENCE_BYTES, pdfProblem } from "../rules/post-session";

/** The signed attendance sheet: upload it (drop or pick a PDF) when `canUpload`, and a link to what is there. */
export function EvidenceSection({ session, canUpload }: { session: SessionDetail; canUpload: boolean }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const link = useEvidenceLink(session.id, true);
  const upload = useUploadEvidence(session.id, setProgress);

  async function send(file: File) {
    const wrong = pdfProblem(file);
    setProblem(wrong);
    if (wrong) return;
    setProgress(0);
    try {
      await upload.mutateAsync(file);
      notifications.show({ color: "green", message: `${file.name} uploaded` });
    } catch (error) {
      setProgress(null);
      notifications.show({ color: "red", message: describeError(error) });
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Signed attendance sheet
        </Title>
        <ErrorAlert error={link.error} />
        {link.data ? (
          <Text>
            <Anchor href={link.data.url} target="_blank" rel="noopener noreferrer">
              View attendance sheet
            </Anchor>
            {link.data.finalized ? " (the copy the records link)" : " (the latest upload)"}
          </Text>
        ) : link.isSuccess ? (
          <Text c="dimmed">No signed sheet uploaded yet.</Text>
        ) : null}
        {canUpload ? (
          <>
            <Dropzone
              onDrop={(files) => files[0] && void send(files[0])}
              onReject={(rejections) => {
                const file = rejections[0]?.file;
                setProblem(file ? pdfProblem(file) ?? rejections[0].errors[0]?.message ?? null : null);
              }}
              accept={[MIME_TYPES.pdf]}
              maxSize={MAX_EVIDENCE_BYTES}
              multiple={false}
              loading={upload.isPending}
              inputProps={{ "aria-label": "Signed attendance sheet (PDF)" }}
            >
              <Group justify="center" mih={96} style={{ pointerEvents: "none" }}>
                <Stack gap={4} align="center">
                  <Text fw={600}>Drop the signed sheet here, or tap to choose a file</Text>
                  <Text size="sm" c="dimmed">
                    PDF only, 20 MB at most. A new upload replaces the last.
                  </Text>
                </Stack>
              </Group>
            </Dropzone>
            {problem ? (
              <Alert color="red" role="alert">
                {problem}
              </Alert>
            ) : null}
            {upload.error ? <ErrorAlert error={upload.error} /> : null}
            {progress !== null ? (
              <Progress value={progress} size="lg" aria-label="Upload progress" animated={upload.isPending} />
            ) : null}
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
