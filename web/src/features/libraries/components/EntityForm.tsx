import { useState } from "react";
import { Button, Checkbox, Group, Modal, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError, fieldErrors } from "../../../api/errors";
import { ErrorAlert } from "../../../shared/components";
import { belongsTo, fieldError, initialValues, toBody, type FieldSpec, type FormValues } from "./form";

type Props = {
  title: string;
  fields: FieldSpec[];
  entity: Record<string, unknown> | null;
  opened: boolean;
  onClose: () => void;
  onSave: (body: Record<string, unknown>) => Promise<unknown>;
};

/** Create or edit a library entry; a 422 shows each field's message next to the field. */
export function EntityForm({ title, fields, entity, opened, onClose, onSave }: Props) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, entity));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(error);
  const unplaced = error && Object.keys(errors).every((key) => !fields.some((f) => belongsTo(key, f.name)));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(toBody(fields, values));
      notifications.show({ color: "green", message: `${title}: saved` });
      onClose();
    } catch (failure) {
      setError(failure);
      if (Object.keys(fieldErrors(failure)).length === 0) {
        notifications.show({ color: "red", message: describeError(failure) });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {unplaced ? <ErrorAlert error={error} /> : null}
          {fields.map((field) =>
            field.kind === "checkbox" ? (
              <Checkbox
                key={field.name}
                label={field.label}
                checked={values[field.name] === true}
                error={errors[field.name]}
                onChange={(e) => setValues({ ...values, [field.name]: e.currentTarget.checked })}
              />
            ) : (
              <TextInput
                key={field.name}
                label={field.label}
                required={field.required}
                inputMode={field.kind === "number" ? "numeric" : undefined}
                description={field.description}
                value={String(values[field.name])}
                error={fieldError(errors, field.name)}
                onChange={(e) => setValues({ ...values, [field.name]: e.currentTarget.value })}
              />
            ),
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
