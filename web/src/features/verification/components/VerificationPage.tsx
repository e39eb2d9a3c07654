import { useState } from "react";
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router-dom";
import { describeError } from "../../../api/errors";
import type { components } from "../../../api/schema";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { useCourseNames } from "../../sessions/api/queries";
import { usePendingRecords, useVerify } from "../api/queries";
import { verificationBody, workerLabel, type Outcome } from "../rules/rules";

type CompetencyRecord = components["schemas"]["QueuedCompetencyRecord"];

/** Competency records waiting for an admin: Verify or Reject, with optional remarks. */
export function VerificationPage() {
  const pager = usePager();
  const records = usePendingRecords(pager.token);
  const courses = useCourseNames().data ?? {};
  return (
    <Stack>
      <Title order={1} size="h2">
        Verification
      </Title>
      <ErrorAlert error={records.error} />
      {records.isLoading ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Worker</Table.Th>
                <Table.Th>Course</Table.Th>
                <Table.Th>Completed</Table.Th>
                <Table.Th>Remarks</Table.Th>
                <Table.Th>Decision</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(records.data?.items ?? []).map((record) => (
                <RecordRow key={record.id} record={record} courseName={courses[record.courseId] ?? record.courseId} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {records.data && records.data.items.length === 0 ? <Text c="dimmed">Nothing waiting for verification.</Text> : null}
      <PagerControls
        page={pager.page}
        hasNext={Boolean(records.data?.nextToken)}
        onNext={() => pager.next(records.data?.nextToken)}
        onPrevious={pager.previous}
      />
    </Stack>
  );
}

function RecordRow({ record, courseName }: { record: CompetencyRecord; courseName: string }) {
  const [remarks, setRemarks] = useState("");
  const verify = useVerify();
  const worker = workerLabel(record);
  const decide = (outcome: Outcome) =>
    verify.mutate(
      { recordId: record.id, body: verificationBody(outcome, remarks) },
      {
        onSuccess: () =>
          notifications.show({
            color: "green",
            message: `${outcome === "VERIFIED" ? "Verified" : "Rejected"}: ${worker}, ${courseName}`,
          }),
        onError: (failure) => notifications.show({ color: "red", message: describeError(failure) }),
      },
    );
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/personnel/${record.personnelId}`}>
          {worker}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/sessions/${record.sessionId}`}>
          {courseName}
        </Anchor>
      </Table.Td>
      <Table.Td>{record.completionDate}</Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`Remarks for ${worker}`}
          placeholder="Optional"
          value={remarks}
          maxLength={500}
          onChange={(event) => setRemarks(event.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" color="green" loading={verify.isPending} onClick={() => decide("VERIFIED")}>
            Verify
          </Button>
          <Button size="xs" color="red" variant="subtle" disabled={verify.isPending} onClick={() => decide("REJECTED")}>
            Reject
          </Button>
        </Group>
        {verify.error ? (
          <Text size="xs" c="red" role="alert">
            {describeError(verify.error)}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
