// What a form's server action returns to the form: per-field messages and the submitted values,
// so nothing typed is lost on bad input.
import type { FieldErrors } from "../errors";

export type FormState = {
  message?: string;
  fields?: FieldErrors;
  values?: Record<string, string>;
};

export const emptyFormState: FormState = {};
