import { Anchor, Badge, Card, Group as Row, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { ErrorAlert, Loading, PagerControls } from "../../../shared/components";
import { usePager } from "../../../shared/paging";
import { useExpiryAlerts } from "../api/queries";
import { alertColor, alertCountLabel, daysLeftLabel, workerName } from "../rules/rules";

/** The dashboard's "Expiry alerts": workers whose compliance lapses within a horizon, not yet booked nor renewed. */
export function ExpiryAlertsPanel() {
  const pager = usePager();
  const alerts = useExpiryAlerts(pager.token);
  const total = alerts.data?.total ?? 0;
  return (
    <Card withBorder component="section" aria-labelledby="expiry-alerts-heading">
      <Row justify="space-between" mb="sm">
        <Title order={2} size="h3" id="expiry-alerts-heading">
          Expiry alerts
        </Title>
        {alerts.data ? (
          <Badge size="lg" color={total > 0 ? "orange" : "green"} aria-label={alertCountLabel(total)}>
            {total}
          </Badge>
        ) : null}
      </Row>
      <ErrorAlert error={alerts.error} />
      {alerts.isLoading ? (
        <Loading />
      ) : alerts.data && alerts.data.items.length === 0 ? (
        <Text c="dimmed">No open alerts: nobody's training lapses soon without a booking.</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label="Expiry alerts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Worker</Table.Th>
                <Table.Th>Course</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Days left</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(alerts.data?.items ?? []).map((alert) => (
                <Table.Tr key={`${alert.personnelId}-${alert.courseId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/personnel/${alert.personnelId}`}>
                      {workerName(alert)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {alert.employeeNo}
                    </Text>
                  </Table.Td>
                  <Table.Td>{alert.courseName}</Table.Td>
                  <Table.Td>{alert.expiryDate}</Table.Td>
                  <Table.Td>
                    <Badge color={alertColor(alert.daysLeft)}>
                      {daysLeftLabel(alert.daysLeft)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pager.page > 1 || alerts.data?.nextToken ? (
        <PagerControls
          page={pager.page}
          hasNext={Boolean(alerts.data?.nextToken)}
          onNext={() => pager.next(alerts.data?.nextToken)}
          onPrevious={pager.previous}
        />
      ) : null}
    </Card>
  );
}
