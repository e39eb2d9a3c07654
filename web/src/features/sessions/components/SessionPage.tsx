import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, List, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useParams } from "react-router-dom";
import { isAdmin } from "../../../api/identity";
import { useActingAs } from "../../../app/providers";
import { ErrorAlert, Loading } from "../../../shared/components";
import { formatInstant, formatRange, isoWeekOf, toInstant, toLocalInput } from "../../../shared/time";
import { useConfig } from "../../config/api/config";
import {
  useAllVenues,
  useCourse,
  useCourseNames,
  useQualifiedTrainers,
  useSchedule,
  useSession,
  type SessionDetail,
} from "../api/queries";
import { capacityAlert, loadLabel, statusColor } from "../rules/rules";
import { scheduleProblem, type ScheduleProblem } from "../rules/schedule";
import { isReadOnly } from "../rules/post-session";
import { AttendeePicker } from "./AttendeePicker";
import { HistorySection } from "./HistorySection";
import { PostSession } from "./PostSession";
import { RemoveAttendeeButton } from "./RemoveAttendeeButton";
import { SaveDraftButton, SessionActions } from "./SessionActions";

export function SessionPage() {
  const { sessionId = "" } = useParams();
  const query = useSession(sessionId);
  const course = useCourse(query.data?.courseId);
  const timezone = useConfig().data?.siteTimezone ?? "UTC";
  const { identity } = useActingAs();
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error ?? new Error("Session not found")} />;
  const session = query.data;
  const editable = isAdmin(identity) && !isReadOnly(session.status);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {course.data?.name ?? "Session"}
        </Title>
        <Badge size="lg" color={statusColor(session.status)} variant={session.status === "DRAFT" ? "outline" : "filled"}>
          {session.status}
        </Badge>
      </Group>
      {isAdmin(identity) ? <SessionActions session={session} /> : null}
      <Text>
        {formatRange(session.startTime, session.endTime, timezone)} ({timezone})
      </Text>
      {editable ? <ScheduleForm session={session} timezone={timezone} /> : null}
      <ClassList session={session} editable={editable} />
      {editable ? <AttendeePicker session={session} /> : null}
      <PostSession session={session} />
      {isAdmin(identity) ? <HistorySection session={session} timezone={timezone} /> : null}
    </Stack>
  );
}

function ScheduleForm({ session, timezone }: { session: SessionDetail; timezone: string }) {
  const [trainerId, setTrainerId] = useState<string | null>(session.trainerId);
  const [venueId, setVenueId] = useState<string | null>(session.venueId);
  const [start, setStart] = useState(toLocalInput(session.startTime, timezone));
  const [end, setEnd] = useState(toLocalInput(session.endTime, timezone));
  const [problem, setProblem] = useState<ScheduleProblem | null>(null);
  const startInstant = toInstant(start, timezone);
  const week = startInstant ? isoWeekOf(startInstant, timezone) : undefined;
  const trainers = useQualifiedTrainers(session.courseId, week, true);
  const venues = useAllVenues(true);
  const schedule = useSchedule(session.id);
  const venue = venues.data?.items.find((v) => v.id === venueId);
  const alert = capacityAlert(session.capacity.attendees, venue?.capacity ?? session.capacity.venueCapacity);
  const fields = problem?.kind === "fields" ? problem.fields : {};

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const changed = await schedule.mutateAsync({
        trainerId: trainerId ?? "",
        venueId: venueId ?? "",
        startTime: startInstant ?? start,
        endTime: toInstant(end, timezone) ?? end,
      });
      notifications.show({ color: "green", message: "Session scheduled" });
      for (const warning of changed.warnings ?? []) {
        notifications.show({ color: "yellow", title: "Warning", message: warning.message, autoClose: 10_000 });
      }
    } catch (error) {
      const found = scheduleProblem(error);
      setProblem(found);
      notifications.show({ color: "red", message: found.message });
    }
  }

  return (
    <Card withBorder component="form" onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Schedule
        </Title>
        <ErrorAlert error={trainers.error ?? venues.error} />
        <Select
          label="Trainer"
          placeholder={trainers.isLoading ? "Loading trainers" : "A trainer qualified for the course"}
          data={(trainers.data?.items ?? []).map((t) => ({ value: t.id, label: loadLabel(t) }))}
          value={trainerId}
          onChange={setTrainerId}
          error={fields.trainerId}
          searchable
        />
        <Select
          label="Venue"
          data={(venues.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name} (capacity ${v.capacity})` }))}
          value={venueId}
          onChange={setVenueId}
          error={fields.venueId}
          searchable
        />
        <Group grow>
          <TextInput type="datetime-local" label={`Start (${timezone})`} value={start} onChange={(e) => setStart(e.currentTarget.value)} error={fields.startTime} />
          <TextInput type="datetime-local" label={`End (${timezone})`} value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={fields.endTime} />
        </Group>
        {alert ? (
          <Alert color="yellow" role="status">
            {alert}
          </Alert>
        ) : null}
        {problem ? <ProblemView problem={problem} timezone={timezone} /> : null}
        <Group justify="flex-end">
          {session.status === "DRAFT" ? (
            <SaveDraftButton
              sessionId={session.id}
              values={{ trainerId, venueId, startTime: startInstant, endTime: toInstant(end, timezone) }}
              onProblem={setProblem}
            />
          ) : null}
          <Button type="submit" loading={schedule.isPending}>
            Schedule
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ProblemView({ problem, timezone }: { problem: ScheduleProblem; timezone: string }) {
  const courses = useCourseNames().data ?? {};
  if (problem.kind === "fields" && Object.keys(problem.fields).length > 0) return null;
  if (problem.kind === "unqualified") {
    return (
      <Alert color="red" title="Not qualified" role="alert">
        {problem.message}
      </Alert>
    );
  }
  if (problem.kind === "clash") {
    return (
      <Alert color="red" title="The trainer is already booked" role="alert">
        <Text size="sm">{problem.message}</Text>
        <List size="sm">
          {problem.conflicts.map((c) => (
            <List.Item key={c.sessionId}>
              <Anchor component={Link} to={`/sessions/${c.sessionId}`}>
                {courses[c.courseId] ?? c.courseId}, {formatInstant(c.startTime, timezone)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      {problem.message}
    </Alert>
  );
}

function ClassList({ session, editable }: { session: SessionDetail; editable: boolean }) {
  const alert = capacityAlert(session.capacity.attendees, session.capacity.venueCapacity);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Class list ({session.capacity.attendees}
        {session.capacity.venueCapacity ? ` of ${session.capacity.venueCapacity}` : ""})
      </Title>
      {alert ? (
        <Alert color="yellow" mb="sm" role="status">
          {alert}
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={320}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Attendance</Table.Th>
              <Table.Th>Result</Table.Th>
              {editable ? <Table.Th w={40}><VisuallyHidden>Remove</VisuallyHidden></Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.attendees.map((a) => (
              <Table.Tr key={a.personnelId}>
                <Table.Td>
                  {a.firstName} {a.lastName}
                </Table.Td>
                <Table.Td>{a.status}</Table.Td>
                <Table.Td>{a.result ?? "—"}</Table.Td>
                {editable ? (
                  <Table.Td>
                    <RemoveAttendeeButton sessionId={session.id} attendee={a} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
