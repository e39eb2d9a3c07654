import { useState } from "react";
import { Anchor, Button, Group, List, Modal, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router-dom";
import dayjs from "dayjs";
import type { components } from "../../../api/schema";
import { useCreateDraft } from "../../compliance/api/queries";
import { ErrorAlert } from "../../../shared/components";
import { formatRange, toInstant } from "../../../shared/time";
import { useCreateRecurringDrafts } from "../api/queries";
import { WEEKDAYS, seriesPreview, toRecurrence, type RepeatForm } from "../rules/recurrence";
import { RepeatFields } from "./RepeatFields";

export type PickedTime = { startTime: string; endTime: string };
type RecurringDrafts = components["schemas"]["RecurringDrafts"];

const NO_REPEAT: RepeatForm = { frequency: "WEEKLY", interval: 1, byWeekday: [], ends: "count", count: 6, until: "" };

/**
 * "New draft": only a course, and the time picked on the grid if any; opens the new session's page.
 * With "Repeat", a series of drafts from a first session (the picked time, or one typed here), with a
 * preview of its dates (rules/recurrence.ts, the API's own rule) and the created series as the result.
 */
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
  const [repeat, setRepeat] = useState(false);
  const [form, setForm] = useState<RepeatForm>(NO_REPEAT);
  const [typed, setTyped] = useState({ start: "", end: "" });
  const [created, setCreated] = useState<RecurringDrafts | null>(null);
  const draft = useCreateDraft();
  const series = useCreateRecurringDrafts();
  const navigate = useNavigate();
  const close = () => {
    draft.reset();
    series.reset();
    setCreated(null);
    setRepeat(false);
    onClose();
  };
  const first = picked ?? {
    startTime: toInstant(typed.start, siteTimezone) ?? "",
    endTime: toInstant(typed.end, siteTimezone) ?? "",
  };
  const hasTime = Boolean(first.startTime && first.endTime);
  const recurrence = toRecurrence(form);
  const preview = repeat && hasTime ? seriesPreview(first.startTime, first.endTime, recurrence, siteTimezone) : null;
  const firstWeekday = hasTime ? WEEKDAYS[(dayjs(first.startTime).tz(siteTimezone).day() + 6) % 7] : null;

  const create = () => {
    if (!courseId) return;
    if (repeat) {
      series.mutate(
        { courseId, startTime: first.startTime, endTime: first.endTime, recurrence },
        {
          onSuccess: (answer) => {
            notifications.show({ color: "green", message: `${answer.items.length} drafts created` });
            setCreated(answer);
          },
        },
      );
      return;
    }
    draft.mutate(picked ? { courseId, ...picked } : courseId, {
      onSuccess: (session) => {
        notifications.show({ color: "green", message: "Draft created" });
        navigate(`/sessions/${session.id}`);
      },
    });
  };

  if (created) {
    return (
      <Modal opened={opened} onClose={close} title="Series created">
        <Stack>
          <Text size="sm">
            {created.items.length} drafts of {courses.find((c) => c.value === courseId)?.label ?? "the course"}, series{" "}
            <code>{created.seriesId}</code>. Schedule each on its own page.
          </Text>
          <List size="sm" spacing={2} aria-label="Created drafts">
            {created.items.map((item) => (
              <List.Item key={item.id}>
                <Anchor component={Link} to={`/sessions/${item.id}`}>
                  {formatRange(item.startTime ?? null, item.endTime ?? null, siteTimezone)}
                </Anchor>
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button onClick={close}>Close</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const count = preview?.sessions.length ?? 0;
  return (
    <Modal opened={opened} onClose={close} title="New draft" size={repeat ? "lg" : "md"}>
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
        {picked ? (
          <Text size="sm" c="gray.7">
            {`When: ${formatRange(picked.startTime, picked.endTime, siteTimezone)}`}
          </Text>
        ) : repeat ? (
          <Group grow>
            <TextInput
              type="datetime-local"
              label={`First session starts (${siteTimezone})`}
              value={typed.start}
              onChange={(e) => setTyped({ ...typed, start: e.currentTarget.value })}
            />
            <TextInput
              type="datetime-local"
              label={`First session ends (${siteTimezone})`}
              value={typed.end}
              onChange={(e) => setTyped({ ...typed, end: e.currentTarget.value })}
            />
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            No time yet: pick one on the session page, or select it on the grid first.
          </Text>
        )}
        <Switch label="Repeat" checked={repeat} onChange={(e) => setRepeat(e.currentTarget.checked)} />
        {repeat && <RepeatFields form={form} onChange={setForm} firstWeekday={firstWeekday} />}
        {repeat && !hasTime && (
          <Text size="sm" c="gray.7">
            Give the first session's start and end to see the dates.
          </Text>
        )}
        {preview?.problem && (
          <Text size="sm" c="red.8" role="alert">
            {preview.problem}
          </Text>
        )}
        {preview && count > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Preview: {count} {count === 1 ? "session" : "sessions"}
            </Text>
            <List size="sm" spacing={2} aria-label="Preview of the dates" style={{ maxHeight: 220, overflowY: "auto" }}>
              {preview.sessions.map((session) => (
                <List.Item key={session.startTime}>{formatRange(session.startTime, session.endTime, siteTimezone)}</List.Item>
              ))}
            </List>
          </Stack>
        )}
        <ErrorAlert error={repeat ? series.error : draft.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          {repeat ? (
            <Button onClick={create} disabled={!courseId || !preview || count === 0} loading={series.isPending}>
              {count > 0 ? `Create ${count} drafts` : "Create drafts"}
            </Button>
          ) : (
            <Button onClick={create} disabled={!courseId} loading={draft.isPending}>
              Create draft
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
