import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router-dom";
import { useCreateDraft } from "../../compliance/api/queries";
import { ErrorAlert } from "../../../shared/components";
import { formatRange } from "../../../shared/time";

export type PickedTime = { startTime: string; endTime: string };

/** "New draft": only a course, and the time picked on the grid if any; opens the new session's page. */
export function NewDraftModal({
  opened,
  onClose,
  courses,
  picked,
  siteTimezone,
}: {
  opened: boolean;
  onClose: () => void;
  courses: { value: string; label: string }[];
  picked: PickedTime | null;
  siteTimezone: string;
}) {
  const [courseId, setCourseId] = useState<string | null>(null);
  const draft = useCreateDraft();
  const navigate = useNavigate();
  const close = () => {
    draft.reset();
    onClose();
  };
  const create = () => {
    if (!courseId) return;
    draft.mutate(picked ? { courseId, ...picked } : courseId, {
      onSuccess: (session) => {
        notifications.show({ color: "green", message: "Draft created" });
        navigate(`/sessions/${session.id}`);
      },
    });
  };
  return (
    <Modal opened={opened} onClose={close} title="New draft">
      <Stack>
        <Select
          label="Course"
          placeholder="Pick a course"
          searchable
          required
          data={courses}
          value={courseId}
          onChange={setCourseId}
          comboboxProps={{ withinPortal: false }}
        />
        <Text size="sm" c="gray.7">
          {picked
            ? `When: ${formatRange(picked.startTime, picked.endTime, siteTimezone)}`
            : "No time yet: pick one on the session page, or select it on the grid first."}
        </Text>
        <ErrorAlert error={draft.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button onClick={create} disabled={!courseId} loading={draft.isPending}>
            Create draft
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
