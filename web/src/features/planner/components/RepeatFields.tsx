import { Checkbox, Group, NumberInput, Radio, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { WEEKDAYS, WEEKDAY_LABELS, type RepeatForm, type Weekday } from "../rules/recurrence";

/** "Repeat" in the new-draft form: weekly on chosen weekdays or every N days; until a date or a count. */
export function RepeatFields({
  form,
  onChange,
  firstWeekday,
}: {
  form: RepeatForm;
  onChange: (form: RepeatForm) => void;
  /** The first session's weekday on the site's calendar: the default day of a weekly series. */
  firstWeekday: Weekday | null;
}) {
  const set = (change: Partial<RepeatForm>) => onChange({ ...form, ...change });
  const weekly = form.frequency === "WEEKLY";
  const days = form.byWeekday.length ? form.byWeekday : firstWeekday ? [firstWeekday] : [];
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Repeats"
        value={form.frequency}
        onChange={(value) => set({ frequency: value as RepeatForm["frequency"] })}
        data={[
          { value: "WEEKLY", label: "Weekly on chosen days" },
          { value: "DAILY", label: "Every N days" },
        ]}
      />
      <NumberInput
        label={weekly ? "Every (weeks)" : "Every (days)"}
        min={1}
        max={366}
        allowDecimal={false}
        value={form.interval || ""}
        onChange={(value) => set({ interval: typeof value === "number" ? value : 0 })}
      />
      {weekly && (
        <Checkbox.Group label="On" value={days} onChange={(value) => set({ byWeekday: value as Weekday[] })}>
          <Group gap="sm" mt={4}>
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} value={day} label={WEEKDAY_LABELS[day]} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      <Radio.Group label="Ends" value={form.ends} onChange={(value) => set({ ends: value as RepeatForm["ends"] })}>
        <Group gap="md" mt={4}>
          <Radio value="count" label="After a number of sessions" />
          <Radio value="until" label="On a date" />
        </Group>
      </Radio.Group>
      {form.ends === "count" ? (
        <NumberInput
          label="Sessions"
          min={1}
          allowDecimal={false}
          value={form.count || ""}
          onChange={(value) => set({ count: typeof value === "number" ? value : 0 })}
        />
      ) : (
        <TextInput
          type="date"
          label="Last day (included)"
          value={form.until}
          onChange={(event) => set({ until: event.currentTarget.value })}
        />
      )}
      <Text size="xs" c="gray.7">
        At most 52 sessions; each keeps the first one's local start and end time.
      </Text>
    </Stack>
  );
}
