/** The fields of a library form, and how a form's strings become the API's body. */
export type FieldSpec = {
  name: string;
  label: string;
  kind: "text" | "number" | "checkbox";
  required?: boolean;
};

export type FormValues = Record<string, string | boolean>;

export function initialValues(fields: FieldSpec[], entity: Record<string, unknown> | null): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = entity?.[field.name];
    if (field.kind === "checkbox") values[field.name] = value === true;
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
      else body[field.name] = text;
    }
  }
  return body;
}
