import { useState } from "react";
import { Badge, Button, Card, Group as Row, Select, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router-dom";
import { describeError } from "../../../api/errors";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { ExpiryAlertsPanel } from "../../alerts/components/ExpiryAlertsPanel";
import { badgeColor, badgeText } from "../../sessions/rules/rules";
import { useComplianceSummary, useCourseWorkers, useCreateDraft } from "../api/queries";
import { GROUPS, summaryBadges, type CourseCounts, type Group } from "../rules/rules";

/** The compliance dashboard: counts per course, and a course's workers from which to start a draft. */
export function CompliancePage() {
  const summary = useComplianceSummary();
  const [selected, setSelected] = useState<CourseCounts | null>(null);
  return (
    <Stack>
      <Row justify="space-between">
        <Title order={1} size="h2">
          Compliance
        </Title>
        <Button component={Link} to="/compliance/plan">
          Plan
        </Button>
      </Row>
      {summary.data ? (
        <Text size="sm" c="dimmed">
          As of {summary.data.today}; expiring means within {summary.data.expiryWarningDays} days.
        </Text>
      ) : null}
      <ExpiryAlertsPanel />
      <ErrorAlert error={summary.error} />
      {summary.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Workers</Table.Th>
                <Table.Th>Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(summary.data?.items ?? []).map((row) => (
                <Table.Tr key={row.courseId} aria-selected={selected?.courseId === row.courseId}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setSelected(row)}>
                      {row.courseName}
                    </Button>
                    <Text size="xs" c="dimmed">
                      {row.courseCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Row gap={4}>
                      {summaryBadges(row).map((badge) => (
                        <Badge key={badge.group} color={badge.color} aria-label={`${badge.count} ${badge.label}`}>
                          {badge.count} {badge.label}
                        </Badge>
                      ))}
                    </Row>
                  </Table.Td>
                  <Table.Td>{row.total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected ? <CourseWorkers key={selected.courseId} course={selected} /> : null}
    </Stack>
  );
}

function CourseWorkers({ course }: { course: CourseCounts }) {
  const [group, setGroup] = useState<Group | null>(null);
  const pager = usePager();
  const workers = useCourseWorkers(course.courseId, group, pager.token);
  const draft = useCreateDraft();
  const navigate = useNavigate();
  const newDraft = () =>
    draft.mutate(course.courseId, {
      onSuccess: (session) => {
        notifications.show({ color: "green", message: `Draft created for ${course.courseName}` });
        navigate(`/sessions/${session.id}`);
      },
      onError: (failure) => notifications.show({ color: "red", message: describeError(failure) }),
    });
  return (
    <Card withBorder>
      <Row justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {course.courseName}: workers
        </Title>
        <Button onClick={newDraft} loading={draft.isPending}>
          New draft
        </Button>
      </Row>
      <Select
        label="Group"
        placeholder="All groups"
        clearable
        data={GROUPS.map((g) => ({ value: String(g.group), label: g.label }))}
        value={group === null ? null : String(group)}
        onChange={(value) => {
          setGroup(value ? (Number(value) as Group) : null);
          pager.reset();
        }}
        maw={240}
        mb="sm"
      />
      <ErrorAlert error={workers.error} />
      {workers.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Worker</Table.Th>
                <Table.Th>Employee no.</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Expiry</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(workers.data?.items ?? []).map((worker) => (
                <Table.Tr key={worker.personnelId}>
                  <Table.Td>
                    {worker.firstName} {worker.lastName}
                  </Table.Td>
                  <Table.Td>{worker.employeeNo}</Table.Td>
                  <Table.Td>
                    <Badge color={badgeColor(worker)}>{badgeText(worker)}</Badge>
                  </Table.Td>
                  <Table.Td>{worker.expiryDate ?? "none"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {workers.data && workers.data.items.length === 0 ? <Text c="dimmed">No workers.</Text> : null}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(workers.data?.nextToken)}
        onNext={() => pager.next(workers.data?.nextToken)}
        onPrevious={pager.previous}
      />
    </Card>
  );
}
