import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { SubscribeToCalendar } from "../../calendar/components/SubscribeToCalendar";
import { usePager } from "../../../shared/paging";
import { useComplianceSummary } from "../../compliance/api/queries";
import { badgeColor, badgeText } from "../../sessions/rules/rules";
import { useCourseNames } from "../../sessions/api/queries";
import { usePersonnelCompliance, usePersonnelDetail, usePersonnelTrainingRecords } from "../api/details";
import { asSuggestion, expiryFlag, resultColor } from "../rules/details";

/** One worker: their fields, compliance items per course and training records. */
export function PersonnelDetailPage() {
  const { personnelId = "" } = useParams();
  const worker = usePersonnelDetail(personnelId);
  const courseNames = useCourseNames();
  return (
    <Stack>
      <Anchor component={Link} to="/personnel" size="sm">
        ← Personnel
      </Anchor>
      <ErrorAlert error={worker.error} />
      {worker.isLoading ? <Loading /> : null}
      {worker.data ? (
        <>
          <Group justify="space-between">
            <Group gap="sm">
              <Title order={1} size="h2">
                {worker.data.firstName} {worker.data.lastName}
              </Title>
              {worker.data.active ? <Badge color="green">Active</Badge> : <Badge color="gray">Inactive</Badge>}
            </Group>
            <SubscribeToCalendar
              owner="personnel"
              ownerId={worker.data.id}
              name={`${worker.data.firstName} ${worker.data.lastName}`}
            />
          </Group>
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <Field label="Employee number" value={worker.data.employeeNo} />
              <Field label="Email" value={worker.data.email ?? "—"} />
            </SimpleGrid>
          </Card>
        </>
      ) : null}
      <ErrorAlert error={courseNames.error} />
      <ComplianceItems personnelId={personnelId} courseNames={courseNames.data ?? {}} />
      <TrainingRecords personnelId={personnelId} courseNames={courseNames.data ?? {}} />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

function ComplianceItems({ personnelId, courseNames }: { personnelId: string; courseNames: Record<string, string> }) {
  const pager = usePager();
  const items = usePersonnelCompliance(personnelId, pager.token);
  // The site's today and expiry window, as the API judges "expiring"
  const calendar = useComplianceSummary();
  const today = calendar.data?.today;
  const warningDays = calendar.data?.expiryWarningDays;
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Compliance
      </Title>
      <ErrorAlert error={items.error ?? calendar.error} />
      {items.isLoading || calendar.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Expiry</Table.Th>
                <Table.Th>Expiring</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(items.data?.items ?? []).map((item) => {
                const known = today !== undefined && warningDays !== undefined;
                const badge = known ? asSuggestion(item, today, warningDays) : null;
                const flag = known ? expiryFlag(item, today, warningDays) : null;
                return (
                  <Table.Tr key={item.courseId}>
                    <Table.Td>{courseNames[item.courseId] ?? item.courseId}</Table.Td>
                    <Table.Td>{badge ? <Badge color={badgeColor(badge)}>{badgeText(badge)}</Badge> : item.status}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{item.expiryDate ?? "none"}</Table.Td>
                    <Table.Td>
                      {flag ? <Badge color={flag === "Expired" ? "red" : "orange"}>{flag}</Badge> : "No"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.data && items.data.items.length === 0 ? <Text c="dimmed">No compliance items.</Text> : null}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(items.data?.nextToken)}
        onNext={() => pager.next(items.data?.nextToken)}
        onPrevious={pager.previous}
      />
    </Card>
  );
}

function TrainingRecords({ personnelId, courseNames }: { personnelId: string; courseNames: Record<string, string> }) {
  const pager = usePager();
  const records = usePersonnelTrainingRecords(personnelId, pager.token);
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        Training records
      </Title>
      <ErrorAlert error={records.error} />
      {records.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Session</Table.Th>
                <Table.Th>Completed</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Expiry</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(records.data?.items ?? []).map((record) => (
                <Table.Tr key={record.id}>
                  <Table.Td>{courseNames[record.courseId] ?? record.courseId}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/sessions/${record.sessionId}`} aria-label={`Session of ${record.completionDate}`} size="sm">
                      Open session
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{record.completionDate}</Table.Td>
                  <Table.Td>
                    <Badge color={resultColor(record.result)}>{record.result === "PASSED" ? "Passed" : "Failed"}</Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{record.expiryDate ?? "none"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {records.data && records.data.items.length === 0 && pager.page === 1 && !records.data.nextToken ? (
        <Text c="dimmed">No training records yet.</Text>
      ) : null}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(records.data?.nextToken)}
        onNext={() => pager.next(records.data?.nextToken)}
        onPrevious={pager.previous}
      />
    </Card>
  );
}
