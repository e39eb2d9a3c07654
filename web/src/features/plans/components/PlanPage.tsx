import { useMemo, useState } from "react";
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { ErrorAlert, Loading } from "../../../shared/components";
import { useComplianceSummary } from "../../compliance/api/queries";
import { useConfig } from "../../config/api/config";
import { useCreatePlan, usePlan } from "../api/queries";
import { planRequest } from "../rules/rules";
import { PlanForm } from "./PlanForm";
import { ProposalView } from "./ProposalView";

/** "Plan" from Compliance: ask for a proposal, watch it computed, read it on the week grid, accept it. */
export function PlanPage() {
  const siteTimezone = useConfig().data?.siteTimezone;
  const summary = useComplianceSummary();
  const create = useCreatePlan();
  const [planId, setPlanId] = useState<string | null>(null);
  const plan = usePlan(planId);
  const courseNames = useMemo(
    () => Object.fromEntries((summary.data?.items ?? []).map((c) => [c.courseId, c.courseName])) as Record<string, string>,
    [summary.data],
  );
  const courses = (summary.data?.items ?? []).map((c) => ({ value: c.courseId, label: c.courseName }));
  const newPlan = () => {
    setPlanId(null);
    create.reset();
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Plan
        </Title>
        <Anchor component={Link} to="/compliance">
          Back to Compliance
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        Proposes the sessions that train every red, yellow and expiring worker before their due date, with qualified
        trainers and free rooms; nothing is booked until you accept.
      </Text>
      {!siteTimezone ? (
        <Loading />
      ) : planId === null ? (
        <>
          <ErrorAlert error={create.error} />
          <PlanForm
            siteTimezone={siteTimezone}
            courses={courses}
            submitting={create.isPending}
            onSubmit={(form) => create.mutate(planRequest(form), { onSuccess: (created) => setPlanId(created.id) })}
          />
        </>
      ) : plan.error ? (
        <>
          <ErrorAlert error={plan.error} />
          <Group>
            <Button variant="default" onClick={newPlan}>
              New plan
            </Button>
          </Group>
        </>
      ) : !plan.data || plan.data.status === "RUNNING" ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-label="Computing" />
          <Text>Computing the plan…</Text>
        </Group>
      ) : plan.data.status === "FAILED" ? (
        <>
          <Alert color="red" title="The plan failed" role="alert">
            {plan.data.error ?? "No reason given."}
          </Alert>
          <Group>
            <Button variant="default" onClick={newPlan}>
              New plan
            </Button>
          </Group>
        </>
      ) : (
        <ProposalView plan={plan.data} siteTimezone={siteTimezone} courseNames={courseNames} onNewPlan={newPlan} />
      )}
    </Stack>
  );
}
