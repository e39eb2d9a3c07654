import { useMemo, useRef, useState } from "react";
import { Alert, Anchor, Badge, Box, Button, Card, Checkbox, Group, List, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { ApiError, describeError } from "../../../api/errors";
import { formatRange } from "../../../shared/time";
import { siteNow } from "../../planner/rules/rules";
import { WeekGrid, type GridControls } from "../../planner/components/WeekGrid";
import { useAcceptPlan } from "../api/queries";
import {
  acceptBody,
  acceptedText,
  classSize,
  courseColors,
  hiddenDays,
  horizonWeeks,
  proposalEvents,
  reasonLabel,
  sortUncovered,
  summaryLines,
  teachingHours,
  urgencyBadge,
  type PlanView,
} from "../rules/rules";

type Props = {
  plan: PlanView;
  siteTimezone: string;
  /** Course names by id, for the uncovered of a course no session was proposed for. */
  courseNames: Record<string, string>;
  onNewPlan: () => void;
};

/** A DONE plan: its summary, its sessions on the week grid coloured by course, the uncovered, and Accept. */
export function ProposalView({ plan, siteTimezone, courseNames, onNewPlan }: Props) {
  const sessions = useMemo(() => plan.sessions ?? [], [plan.sessions]);
  const colors = useMemo(() => courseColors(sessions), [sessions]);
  const events = useMemo(() => proposalEvents(sessions, colors, siteTimezone), [sessions, colors, siteTimezone]);
  const weeks = useMemo(() => horizonWeeks(plan.request.startDate, plan.request.weeks), [plan.request]);
  const constraints = plan.request.constraints;
  const uncovered = useMemo(
    () =>
      sortUncovered(plan.uncovered ?? [], (id) => courseNames[id] ?? sessions.find((s) => s.courseId === id)?.courseName ?? id),
    [plan.uncovered, courseNames, sessions],
  );
  const grid = useRef<GridControls>(null);
  const [week, setWeek] = useState(0);
  const [title, setTitle] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(sessions.map((_, i) => i)));
  const accept = useAcceptPlan(plan.id);
  const accepted = accept.data ?? null;
  const alreadyAccepted = plan.acceptedAt != null && !accepted;
  const goToWeek = (index: number) => {
    setWeek(index);
    grid.current?.goTo(weeks[index]);
  };
  const toggle = (position: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(position)) next.delete(position);
      else next.add(position);
      return next;
    });
  const openSession = open === null ? null : sessions[open];

  return (
    <Stack>
      <Card withBorder>
        <Title order={2} size="h3" mb="xs">
          Proposal
        </Title>
        <List spacing={2} aria-label="Summary">
          {summaryLines(plan).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Card>

      {sessions.length > 0 ? (
        <>
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => goToWeek(week - 1)} disabled={week <= 0}>
                Previous week
              </Button>
              <Button variant="default" size="xs" onClick={() => goToWeek(week + 1)} disabled={week >= weeks.length - 1}>
                Next week
              </Button>
            </Group>
            <Text fw={600} aria-live="polite">
              {title} (week {week + 1} of {weeks.length}, {siteTimezone})
            </Text>
          </Group>
          <Group gap="md" component="ul" aria-label="Courses" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {colors.map((c) => (
              <Group key={c.courseId} gap={6} component="li" wrap="nowrap">
                <Box aria-hidden w={22} h={14} style={{ backgroundColor: c.color, borderRadius: 3 }} />
                <Text size="sm">{c.courseName}</Text>
              </Group>
            ))}
          </Group>
          <WeekGrid
            ref={grid}
            events={events}
            siteTimezone={siteTimezone}
            now={() => siteNow(new Date(), siteTimezone)}
            narrow={false}
            initialDate={weeks[0]}
            hiddenDays={hiddenDays(constraints?.weekdays)}
            hours={teachingHours(constraints?.dayStart, constraints?.dayEnd)}
            onRangeChange={(range) => setTitle(range.title)}
            onEventClick={(id) => setOpen(Number(id))}
            sideBySide
          />

          <Title order={2} size="h3">
            Proposed sessions
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Accept</Table.Th>
                  <Table.Th>Course</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Trainer</Table.Th>
                  <Table.Th>Venue</Table.Th>
                  <Table.Th>Class</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((s, position) => {
                  const label = `${s.courseName}, ${formatRange(s.startTime, s.endTime, siteTimezone)}`;
                  return (
                    <Table.Tr key={position}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Accept ${label}`}
                          checked={chosen.has(position)}
                          disabled={accepted !== null || alreadyAccepted}
                          onChange={() => toggle(position)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Box aria-hidden w={10} h={10} style={{ backgroundColor: colors.find((c) => c.courseId === s.courseId)?.color, borderRadius: 2 }} />
                          {s.courseName}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatRange(s.startTime, s.endTime, siteTimezone)}</Table.Td>
                      <Table.Td>{s.trainerName}</Table.Td>
                      <Table.Td>{s.venueName}</Table.Td>
                      <Table.Td>
                        <Button variant="subtle" size="compact-sm" aria-label={`Class list of ${label}`} onClick={() => setOpen(position)}>
                          {classSize(s)}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : (
        <Text c="dimmed">No session proposed.</Text>
      )}

      <Card withBorder>
        <Title order={2} size="h3" mb="xs">
          Uncovered workers ({uncovered.length})
        </Title>
        {uncovered.length === 0 ? (
          <Text>Every due worker is covered.</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label="Uncovered workers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Worker</Table.Th>
                  <Table.Th>Urgency</Table.Th>
                  <Table.Th>Course</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {uncovered.map((u) => {
                  const badge = urgencyBadge(u.urgency);
                  return (
                    <Table.Tr key={`${u.courseId}/${u.personnelId}`}>
                      <Table.Td>{u.name || u.personnelId}</Table.Td>
                      <Table.Td>
                        <Badge color={badge.color}>{badge.label}</Badge>
                      </Table.Td>
                      <Table.Td>{u.courseName}</Table.Td>
                      <Table.Td>{reasonLabel(u.reason)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      {accepted ? (
        <Alert color="green" title={acceptedText(accepted.items.length)}>
          <Stack gap={4}>
            <Anchor component={Link} to="/planner">
              Open the Planner
            </Anchor>
            {accepted.items.map((item) => (
              <Anchor key={item.id} component={Link} to={`/sessions/${item.id}`}>
                {sessions.find((s) => s.courseId === item.courseId)?.courseName ?? item.courseId}:{" "}
                {formatRange(item.startTime, item.endTime, siteTimezone)}
              </Anchor>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {alreadyAccepted ? (
        <Alert color="blue">
          This plan was accepted already. <Anchor component={Link} to="/planner">Open the Planner</Anchor>
        </Alert>
      ) : null}
      {accept.error ? (
        <Alert color="red" title={accept.error instanceof ApiError && accept.error.status === 409 ? "The plan is out of date" : "Something went wrong"} role="alert">
          {describeError(accept.error)}
        </Alert>
      ) : null}
      <Group>
        {sessions.length > 0 && !accepted && !alreadyAccepted ? (
          <Button
            onClick={() => accept.mutate(acceptBody(chosen, sessions.length))}
            loading={accept.isPending}
            disabled={chosen.size === 0}
          >
            {chosen.size === sessions.length ? "Accept" : `Accept ${chosen.size} of ${sessions.length}`}
          </Button>
        ) : null}
        <Button variant="default" onClick={onNewPlan}>
          New plan
        </Button>
      </Group>

      <Modal opened={openSession !== null} onClose={() => setOpen(null)} title={openSession ? `${openSession.courseName}: class list` : ""}>
        {openSession ? (
          <Stack gap="xs">
            <Text size="sm">
              {formatRange(openSession.startTime, openSession.endTime, siteTimezone)}; {openSession.trainerName}; {openSession.venueName}
            </Text>
            <List spacing={4} aria-label="Class list" listStyleType="none">
              {(openSession.workers ?? []).map((w) => {
                const badge = urgencyBadge(w.urgency);
                return (
                  <List.Item key={w.personnelId}>
                    <Group gap="xs">
                      <Badge color={badge.color} size="sm">
                        {badge.label}
                      </Badge>
                      {w.name}
                    </Group>
                  </List.Item>
                );
              })}
            </List>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
