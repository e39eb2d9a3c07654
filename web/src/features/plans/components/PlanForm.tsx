import { useState } from "react";
import { Accordion, Button, Group, MultiSelect, NumberInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { defaultForm, WEEKS, type PlanForm as PlanFormValues } from "../rules/rules";

type Props = {
  siteTimezone: string;
  courses: { value: string; label: string }[];
  submitting: boolean;
  onSubmit: (form: PlanFormValues) => void;
};

/** What to plan: the horizon, and under "Options" the constraints and courses (each with its default). */
export function PlanForm({ siteTimezone, courses, submitting, onSubmit }: Props) {
  const [form, setForm] = useState<PlanFormValues>(() => defaultForm(new Date(), siteTimezone));
  const set = <K extends keyof PlanFormValues>(key: K, value: PlanFormValues[K]) => setForm((f) => ({ ...f, [key]: value }));
  const number = (key: "weeks" | "maxTrainerHoursPerWeek" | "minClassSize" | "timeLimitSeconds") => (value: string | number) =>
    set(key, typeof value === "number" ? value : Number(value) || 0);
  return (
    <form
      aria-label="Plan"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(form);
      }}
    >
      <Stack maw={640}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label="Start date"
            description={`The first day, on the site's calendar (${siteTimezone})`}
            required
            value={form.startDate}
            onChange={(e) => set("startDate", e.currentTarget.value)}
          />
          <NumberInput
            label="Weeks"
            description="1 to 12"
            required
            min={WEEKS.min}
            max={WEEKS.max}
            clampBehavior="strict"
            allowDecimal={false}
            value={form.weeks}
            onChange={number("weeks")}
          />
        </SimpleGrid>
        <Accordion variant="contained">
          <Accordion.Item value="options">
            <Accordion.Control>Options</Accordion.Control>
            <Accordion.Panel>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label="Max trainer hours per week" min={1} max={60} allowDecimal={false} value={form.maxTrainerHoursPerWeek} onChange={number("maxTrainerHoursPerWeek")} />
                <NumberInput label="Smallest class" min={1} max={500} allowDecimal={false} value={form.minClassSize} onChange={number("minClassSize")} />
                <TextInput type="time" label="Teaching starts" value={form.dayStart} onChange={(e) => set("dayStart", e.currentTarget.value)} />
                <TextInput type="time" label="Teaching ends" value={form.dayEnd} onChange={(e) => set("dayEnd", e.currentTarget.value)} />
                <NumberInput label="Time limit (seconds)" min={1} max={120} allowDecimal={false} value={form.timeLimitSeconds} onChange={number("timeLimitSeconds")} />
                <MultiSelect
                  label="Courses"
                  placeholder={form.courseIds.length ? undefined : "Every course with due workers"}
                  searchable
                  clearable
                  data={courses}
                  value={form.courseIds}
                  onChange={(value) => set("courseIds", value)}
                />
              </SimpleGrid>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Group>
          <Button type="submit" loading={submitting}>
            Propose plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
