import { useState } from "react";
import { Alert, Button, Card, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "../../../api/errors";
import { ErrorAlert } from "../../../shared/components";
import type { SessionDetail } from "../api/queries";
import { useRecordAttendance } from "../api/post-session";
import {
  attendanceEntries,
  attendanceRowErrors,
  initialRows,
  markAllAttendedPassed,
  unfinishedRows,
  withMark,
  type AttendanceRow,
  type Mark,
  type ResultMark,
} from "../rules/post-session";

/** Attendance: one card per attendee (stacked on a phone), one "Save attendance" for the whole sheet. */
export function AttendanceSection({ session }: { session: SessionDetail }) {
  // A fresh form whenever the session changes on the server (after a save, or another's edit).
  return <AttendanceForm key={session.updatedAt} session={session} />;
}

function AttendanceForm({ session }: { session: SessionDetail }) {
  const [rows, setRows] = useState<AttendanceRow[]>(() => initialRows(session.attendees));
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const save = useRecordAttendance(session.id);
  const entries = attendanceEntries(rows);
  const left = unfinishedRows(rows);

  function update(personnelId: string, change: (row: AttendanceRow) => AttendanceRow) {
    setRows((current) => current.map((row) => (row.personnelId === personnelId ? change(row) : row)));
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setRowErrors({});
    try {
      const saved = await save.mutateAsync({ entries });
      const s = saved.summary;
      notifications.show({
        color: "green",
        title: "Attendance saved",
        message: `${s.attended} attended (${s.passed} passed, ${s.failed} failed), ${s.noShow} no-shows, ${s.registered} not marked`,
      });
    } catch (error) {
      setRowErrors(attendanceRowErrors(error, entries));
      notifications.show({ color: "red", message: describeError(error) });
    }
  }

  if (rows.length === 0) {
    return (
      <Card withBorder>
        <Title order={2} size="h4">
          Attendance
        </Title>
        <Text c="dimmed">Nobody is on the class list.</Text>
      </Card>
    );
  }

  return (
    <Card withBorder component="form" onSubmit={submit} noValidate aria-label="Attendance">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            Attendance
          </Title>
          <Button variant="light" size="md" onClick={() => setRows(markAllAttendedPassed)}>
            Mark all attended &amp; passed
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {left === 0 ? "Everyone is marked." : `${left} of ${rows.length} still to mark (or without a result).`}
        </Text>
        {save.error && Object.keys(rowErrors).length === 0 ? <ErrorAlert error={save.error} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {rows.map((row) => (
            <AttendeeCard
              key={row.personnelId}
              row={row}
              error={rowErrors[row.personnelId]}
              onMark={(status) => update(row.personnelId, (r) => withMark(r, status))}
              onResult={(result) => update(row.personnelId, (r) => ({ ...r, result }))}
              onRemarks={(remarks) => update(row.personnelId, (r) => ({ ...r, remarks }))}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={save.isPending} disabled={entries.length === 0}>
            Save attendance
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function AttendeeCard({
  row,
  error,
  onMark,
  onResult,
  onRemarks,
}: {
  row: AttendanceRow;
  error?: string;
  onMark: (status: Mark) => void;
  onResult: (result: ResultMark) => void;
  onRemarks: (remarks: string) => void;
}) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={row.name}>
      <Stack gap="xs">
        <Text fw={600}>{row.name}</Text>
        <Radio.Group
          label="Attendance"
          value={row.status ?? ""}
          onChange={(value) => onMark(value as Mark)}
        >
          <Group gap="lg" mt={4}>
            <Radio size="md" value="ATTENDED" label="Attended" />
            <Radio size="md" value="NO_SHOW" label="No-show" />
          </Group>
        </Radio.Group>
        <Radio.Group label="Result" value={row.result ?? ""} onChange={(value) => onResult(value as ResultMark)}>
          <Group gap="lg" mt={4}>
            <Radio size="md" value="PASSED" label="Passed" disabled={row.status !== "ATTENDED"} />
            <Radio size="md" value="FAILED" label="Failed" disabled={row.status !== "ATTENDED"} />
          </Group>
        </Radio.Group>
        <TextInput
          label="Remarks"
          size="md"
          value={row.remarks}
          maxLength={500}
          onChange={(event) => onRemarks(event.currentTarget.value)}
        />
        {error ? (
          <Alert color="red" p="xs" role="alert">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
