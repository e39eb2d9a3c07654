/** The fields of a library form, and how a form's strings become the API's body. */
export type FieldSpec = {
  name: string;
  label: string;
  kind: "text" | "number" | "numbers" | "checkbox";
  required?: boolean;
  description?: string;
};

export type FormValues = Record<string, string | boolean>;

export function initialValues(fields: FieldSpec[], entity: Record<string, unknown> | null): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = entity?.[field.name];
    if (field.kind === "checkbox") values[field.name] = value === true;
    else if (field.kind === "numbers" && Array.isArray(value)) values[field.name] = value.join(", ");
    else values[field.name] = value === null || value === undefined ? "" : String(value);
  }
  return values;
}

/** An empty optional field is null; a number field a number (or its text, for the API to refuse). */
export function toBody(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === "checkbox") {
      body[field.name] = value === true;
    } else {
      const text = String(value ?? "").trim();
      if (text === "") body[field.name] = field.required ? "" : null;
      else if (field.kind === "number") body[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
      else if (field.kind === "numbers") body[field.name] = text.split(/[\s,;]+/).filter(Boolean).map(asNumber);
      else body[field.name] = text;
    }
  }
  return body;
}

function asNumber(text: string): number | string {
  return Number.isFinite(Number(text)) ? Number(text) : text;
}

/** Whether a 422's field (`expiryAlertDays`, or one of its entries: `expiryAlertDays.1`) is this form field. */
export function belongsTo(key: string, name: string): boolean {
  return key === name || key.startsWith(`${name}.`);
}

/** A field's 422 message, also when the API names one of its entries. */
export function fieldError(errors: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(errors).find((candidate) => belongsTo(candidate, name));
  return key === undefined ? undefined : errors[key];
}
