/**
 * Pages with many small forms (one per row, several kinds) share one FormState: the form that was
 * posted (its `intent` and row id) gets its values, errors and idempotency key back after a 422;
 * every other form gets a fresh key and empty fields.
 */
import { randomToken } from '~/functions/lib/ids';
import { type FormState, firstError, submittedValue } from '~/src/lib/forms';

export interface RowForm {
  /** Whether this is the form that was posted. */
  posted: boolean;
  /** Its idempotency key. */
  key: string;
  /** The first error of one of its fields. */
  error: (field: string) => string | undefined;
  /** A submitted value of one of its fields ('' for a form that was not posted). */
  value: (field: string) => string;
  /** Whether a checkbox of it was submitted with this value. */
  checked: (field: string, value: string) => boolean;
  /** The whole-form error, only on the form that was posted. */
  formError: string | null;
  /** Each field's first error of the posted form (for a form without those fields: a submit button). */
  fieldErrors: Array<{ field: string; message: string }>;
}

/**
 * The state of the form of `intent` for the row `id` (matched on the hidden field `idField`); a
 * form without rows passes no id.
 */
export function rowForm(form: FormState, intent: string, id?: number | string, idField = 'id'): RowForm {
  const posted =
    submittedValue(form, 'intent') === intent &&
    (id === undefined || submittedValue(form, idField) === String(id));
  return {
    posted,
    key: posted ? form.idempotencyKey : randomToken(12),
    error: (field) => (posted ? firstError(form, field) : undefined),
    value: (field) => (posted ? submittedValue(form, field) : ''),
    checked: (field, value) => posted && [form.values[field] ?? []].flat().includes(value),
    formError: posted ? form.formError : null,
    fieldErrors: posted
      ? Object.entries(form.errors).flatMap(([field, messages]) =>
          messages[0] === undefined ? [] : [{ field, message: messages[0] }],
        )
      : [],
  };
}

/**
 * The page's FormState for one of its forms (matched on `intent`): the posted form keeps its values
 * and errors; any other gets an empty state, so its fields do not pick up another form's.
 */
export function scopedForm(form: FormState, intent: string): FormState {
  if (submittedValue(form, 'intent') === intent) return form;
  return { redirect: null, errors: {}, formError: null, values: {}, idempotencyKey: randomToken(12) };
}
