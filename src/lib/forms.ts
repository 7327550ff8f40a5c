/**
 * The one form mechanism (decision 016): an HTML form POSTs to its own page; the page parses it
 * with the shared zod schema and calls a service; success answers 303, invalid input re-renders with
 * 422 and field errors in the page's language. A hidden idempotency key makes a resubmitted form
 * (double click, back-and-resend) land on the first result instead of creating a second row.
 */
import type { AstroGlobal } from 'astro';
import type { z } from 'zod';
import type { FieldErrors } from '~/functions/lib/errors';
import { isAppError } from '~/functions/lib/errors';
import { withIdempotency } from '~/functions/lib/idempotency';
import { randomToken } from '~/functions/lib/ids';
import { fieldErrors } from '~/functions/lib/validation';
import { IDEMPOTENCY_KEY_PATTERN } from '~/functions/schemas/common';
import { pageForm } from '~/src/lib/form-body';
import { formErrorMessage } from '~/src/lib/form-error';

export const IDEMPOTENCY_FIELD = 'idempotencyKey';

export interface FormState {
  /** Set on success: return it from the page frontmatter. */
  redirect: Response | null;
  errors: FieldErrors;
  /**
   * A message for the whole form (e.g. a conflict), already translated; "verify your email first"
   * carries a link to 我的 (src/lib/form-error.ts).
   */
  formError: string | null;
  /** The submitted values, to fill the form again after an error. */
  values: Record<string, string | string[]>;
  idempotencyKey: string;
}

/** Form fields as an object; repeated names (checkboxes) become arrays. */
export function formValues(data: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value !== 'string' || name === IDEMPOTENCY_FIELD) continue;
    const previous = values[name];
    values[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return values;
}

export async function handleForm<S extends z.ZodType>(
  Astro: AstroGlobal,
  schema: S,
  onValid: (input: z.infer<S>) => Promise<string>,
  options: { prepare?: (values: Record<string, string | string[]>) => unknown } = {},
): Promise<FormState> {
  const state: FormState = {
    redirect: null,
    errors: {},
    formError: null,
    values: {},
    idempotencyKey: randomToken(12),
  };
  if (Astro.request.method !== 'POST') return state;
  const { ctx } = Astro.locals;
  const data = pageForm(Astro.locals);
  state.values = formValues(data);
  const submittedKey = data.get(IDEMPOTENCY_FIELD);
  if (typeof submittedKey === 'string' && IDEMPOTENCY_KEY_PATTERN.test(submittedKey))
    state.idempotencyKey = submittedKey;
  const parsed = schema.safeParse(options.prepare ? options.prepare(state.values) : state.values);
  if (!parsed.success) {
    Astro.response.status = 422;
    state.errors = fieldErrors(parsed.error, ctx.locale);
    return state;
  }
  try {
    const subject = ctx.user ? `user:${ctx.user.id}` : `ip:${ctx.clientIp}`;
    const scope = `form:${Astro.url.pathname}:${subject}`;
    const { body } = await withIdempotency(
      ctx,
      { scope, key: state.idempotencyKey, request: withoutSecrets(parsed.data) },
      async () => ({
        status: 303,
        body: await onValid(parsed.data),
      }),
    );
    state.redirect = Astro.redirect(body, 303);
  } catch (err) {
    if (!isAppError(err)) throw err;
    Astro.response.status = err.status;
    state.errors = err.fieldErrors ?? {};
    state.formError = formErrorMessage(ctx.locale, err.messageKey, err.params);
  }
  return state;
}

/**
 * The idempotency fingerprint must not be a fast, unsalted hash of a password: fields named like
 * `password` are left out (a replay without the password gets the stored redirect, nothing more).
 */
function withoutSecrets(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([name]) => !/password/i.test(name)));
}

/** The first error of a field, for `aria-describedby` messages next to the control. */
export const firstError = (state: FormState, field: string): string | undefined => state.errors[field]?.[0];

/** A submitted value to refill a text control. */
export const submittedValue = (state: FormState, field: string): string => {
  const value = state.values[field];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
