import { useState } from "react";
import { Anchor, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert, Loading } from "../../../shared/components";
import { formatInstant, formatRange } from "../../../shared/time";
import { SubscribeToCalendar } from "../../calendar/components/SubscribeToCalendar";
import { useConfig } from "../../config/api/config";
import { formatHours } from "../../sessions/rules/rules";
import { useAllVenues, useCourseNames } from "../../sessions/api/queries";
import { useQualification, useTrainerDetail } from "../api/details";
import { sessionHours, shiftIsoWeek } from "../rules/details";

type TrainerDetail = NonNullable<ReturnType<typeof useTrainerDetail>["data"]>;

/** One trainer: name, email, qualifications (add and withdraw), and a week's sessions with the booked hours. */
export function TrainerDetailPage() {
  const { trainerId = "" } = useParams();
  const [week, setWeek] = useState<string | undefined>(undefined); // undefined: the API's current week
  const trainer = useTrainerDetail(trainerId, week);
  const data = trainer.data;
  return (
    <Stack>
      <Anchor component={Link} to="/trainers" size="sm">
        ← Trainers
      </Anchor>
      <ErrorAlert error={trainer.error} />
      {trainer.isLoading ? <Loading /> : null}
      {data ? (
        <>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {data.firstName} {data.lastName}
            </Title>
            <SubscribeToCalendar owner="trainers" ownerId={data.id} name={`${data.firstName} ${data.lastName}`} />
          </Group>
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <div>
                <Text size="xs" c="dimmed">
                  Email
                </Text>
                {data.email ? <Anchor href={`mailto:${data.email}`}>{data.email}</Anchor> : <Text>—</Text>}
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  Login (userId)
                </Text>
                <Text>{data.userId ?? "—"}</Text>
              </div>
            </SimpleGrid>
          </Card>
          <Qualifications trainer={data} />
          <WeekSessions
            trainer={data}
            fetching={trainer.isFetching}
            onWeek={(weeks) => setWeek(weeks === 0 ? undefined : shiftIsoWeek(data.loadWeek, weeks))}
            isCurrent={week === undefined}
          />
        </>
      ) : null}
    </Stack>
  );
}

function Qualifications({ trainer }: { trainer: TrainerDetail }) {
  const { add, remove } = useQualification(trainer.id);
  const courses = useCourseNames();
  const [courseId, setCourseId] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<TrainerDetail["qualifications"][number] | null>(null);
  const qualified = new Set(trainer.qualifiedCourseIds);
  const options = Object.entries(courses.data ?? {})
    .filter(([id]) => !qualified.has(id))
    .map(([value, label]) => ({ value, label }));
  const siteTimezone = useConfig().data?.siteTimezone ?? "UTC";
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Qualifications
      </Title>
      <ErrorAlert error={courses.error ?? add.error ?? remove.error} />
      <Table.ScrollContainer minWidth={360}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Course</Table.Th>
              <Table.Th>Qualified since</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trainer.qualifications.map((q) => (
              <Table.Tr key={q.courseId}>
                <Table.Td>
                  {q.courseName}
                  <Text size="xs" c="dimmed">
                    {q.courseCode}
                  </Text>
                </Table.Td>
                <Table.Td>{formatInstant(q.qualifiedAt, siteTimezone)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setWithdrawing(q)} aria-label={`Withdraw ${q.courseName}`}>
                    Withdraw
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {trainer.qualifications.length === 0 ? <Text c="dimmed">Not qualified for any course yet.</Text> : null}
      <Group align="flex-end" mt="sm">
        <Select
          label="Add qualification"
          placeholder="Choose a course"
          searchable
          data={options}
          value={courseId}
          onChange={setCourseId}
          w={{ base: "100%", xs: 280 }}
        />
        <Button
          disabled={!courseId}
          loading={add.isPending}
          onClick={() =>
            courseId &&
            add.mutate(courseId, {
              onSuccess: () => {
                notifications.show({ color: "green", message: `Qualified for ${courses.data?.[courseId] ?? "the course"}` });
                setCourseId(null);
              },
            })
          }
        >
          Add
        </Button>
      </Group>
      <Modal opened={withdrawing !== null} onClose={() => setWithdrawing(null)} title="Withdraw qualification">
        <Text mb="md">
          {trainer.firstName} {trainer.lastName} will no longer be offered for {withdrawing?.courseName}.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setWithdrawing(null)}>
            Keep
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              withdrawing &&
              remove.mutate(withdrawing.courseId, { onSettled: () => setWithdrawing(null) })
            }
          >
            Withdraw
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

function WeekSessions({
  trainer,
  fetching,
  onWeek,
  isCurrent,
}: {
  trainer: TrainerDetail;
  fetching: boolean;
  onWeek: (weeks: number) => void;
  isCurrent: boolean;
}) {
  const siteTimezone = useConfig().data?.siteTimezone ?? "UTC";
  const courses = useCourseNames();
  const venues = useAllVenues(trainer.sessionsThisWeek.length > 0);
  const venueNames = Object.fromEntries((venues.data?.items ?? []).map((v) => [v.id, v.name]));
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          Sessions in {trainer.loadWeek}
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => onWeek(-1)} disabled={fetching}>
            Previous week
          </Button>
          <Button size="xs" variant="default" onClick={() => onWeek(0)} disabled={fetching || isCurrent}>
            This week
          </Button>
          <Button size="xs" variant="default" onClick={() => onWeek(1)} disabled={fetching}>
            Next week
          </Button>
        </Group>
      </Group>
      <Text fw={600} mb="sm">
        {formatHours(trainer.hoursBookedThisWeek)} booked
      </Text>
      <ErrorAlert error={venues.error} />
      <Table.ScrollContainer minWidth={480}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Course</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Venue</Table.Th>
              <Table.Th>Hours</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trainer.sessionsThisWeek.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/sessions/${s.id}`} size="sm">
                    {courses.data?.[s.courseId] ?? "Session"}
                  </Anchor>
                </Table.Td>
                <Table.Td miw={180}>{formatRange(s.startTime, s.endTime, siteTimezone)}</Table.Td>
                <Table.Td>{venueNames[s.venueId] ?? "—"}</Table.Td>
                <Table.Td>{formatHours(sessionHours(s.startTime, s.endTime))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {trainer.sessionsThisWeek.length === 0 ? <Text c="dimmed">No scheduled sessions this week.</Text> : null}
    </Card>
  );
}
