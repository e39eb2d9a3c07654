import { useState } from "react";
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router-dom";
import { describeError } from "../../../api/errors";
import { ErrorAlert } from "../../../shared/components";
import { useCancelSession, useDeleteSession, useSaveDraft } from "../api/actions";
import type { Session } from "../api/queries";
import { draftPatch, sessionActions } from "../rules/picker";
import { scheduleProblem, type ScheduleProblem } from "../rules/schedule";
import { showWarnings } from "./AttendeePicker";

type Pending = "cancel" | "delete" | null;

/** An admin's "Cancel session" and "Delete session", each behind a confirmation, as the status allows. */
export function SessionActions({ session }: { session: Pick<Session, "id" | "status"> }) {
  const allowed = sessionActions(session.status);
  const [pending, setPending] = useState<Pending>(null);
  const cancel = useCancelSession(session.id);
  const remove = useDeleteSession(session.id);
  const navigate = useNavigate();
  if (!allowed.cancel && !allowed.delete) return null;

  function close() {
    setPending(null);
    cancel.reset();
    remove.reset();
  }

  async function confirm() {
    try {
      if (pending === "cancel") {
        await cancel.mutateAsync();
        notifications.show({ color: "green", message: "Session cancelled" });
        close();
      } else if (pending === "delete") {
        await remove.mutateAsync();
        notifications.show({ color: "green", message: "Session deleted" });
        navigate("/sessions");
      }
    } catch (error) {
      notifications.show({ color: "red", message: describeError(error) });
    }
  }

  const mutation = pending === "delete" ? remove : cancel;
  return (
    <Group gap="xs">
      {allowed.cancel ? (
        <Button variant="default" color="red" onClick={() => setPending("cancel")}>
          Cancel session
        </Button>
      ) : null}
      {allowed.delete ? (
        <Button variant="outline" color="red" onClick={() => setPending("delete")}>
          Delete session
        </Button>
      ) : null}
      <Modal
        opened={pending !== null}
        onClose={close}
        title={pending === "delete" ? "Delete this session?" : "Cancel this session?"}
        centered
      >
        <Stack>
          <Text size="sm">
            {pending === "delete"
              ? "The session disappears from the planner and every list. This cannot be undone."
              : "The trainer and the room are free again and the session no longer counts for the trainer's load. The session stays, read-only, as CANCELLED."}
          </Text>
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Back
            </Button>
            <Button color="red" onClick={confirm} loading={mutation.isPending}>
              {pending === "delete" ? "Delete session" : "Cancel session"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

/** "Save draft": keeps a draft's trainer, venue and times without scheduling it (no checks but existence). */
export function SaveDraftButton({
  sessionId,
  values,
  onProblem,
}: {
  sessionId: string;
  values: { trainerId: string | null; venueId: string | null; startTime: string | null; endTime: string | null };
  onProblem: (problem: ScheduleProblem | null) => void;
}) {
  const save = useSaveDraft(sessionId);

  async function onClick() {
    onProblem(null);
    try {
      const changed = await save.mutateAsync(draftPatch(values));
      notifications.show({ color: "green", message: "Draft saved" });
      showWarnings(changed.warnings);
    } catch (error) {
      const found = scheduleProblem(error);
      // a draft has no clash or qualification check: only a 422's fields are more than the message
      onProblem(found.kind === "fields" ? found : { kind: "other", message: found.message });
      notifications.show({ color: "red", message: found.message });
    }
  }

  return (
    <Button variant="default" onClick={onClick} loading={save.isPending}>
      Save draft
    </Button>
  );
}
