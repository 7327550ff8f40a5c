/**
 * Helpers of the judging pages. Pages with several forms (the organizer's contest page) post each
 * form to `?do=<action>`; only the matching form goes through handleForm (the request body can be
 * read once), the others render idle with a fresh idempotency key.
 */
import type { AstroGlobal } from 'astro';
import type { z } from 'zod';
import { randomToken } from '~/functions/lib/ids';
import type { Locale } from '~/functions/lib/locale';
import { type FormState, handleForm } from '~/src/lib/forms';

export function idleForm(): FormState {
  return { redirect: null, errors: {}, formError: null, values: {}, idempotencyKey: randomToken(12) };
}

export const postedAction = (Astro: AstroGlobal): string | null =>
  Astro.request.method === 'POST' ? Astro.url.searchParams.get('do') : null;

/** handleForm for the form whose action is `?do=<action>`; an idle state for every other form. */
export function formAction<S extends z.ZodType>(
  Astro: AstroGlobal,
  action: string,
  schema: S,
  onValid: (input: z.infer<S>) => Promise<string>,
  options: { prepare?: (values: Record<string, string | string[]>) => unknown } = {},
): Promise<FormState> {
  if (postedAction(Astro) !== action) return Promise.resolve(idleForm());
  return handleForm(Astro, schema, onValid, options);
}

/** A 0–100 score with two decimals, or a dash when there is none. */
export function formatScore(locale: Locale, value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A criterion score as entered (integers or halves). */
export const formatPoints = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);

/** Empty form fields mean "absent" to the shared schemas. */
export const blankToUndefined = (value: string | string[] | undefined) =>
  value === '' || value === undefined ? undefined : value;

/**
 * Why a results row has no prize, as a UI string key: unscored entries are unranked, shortlisted
 * ones were not awarded, the rest were not shortlisted.
 */
export function noPrizeReason(row: {
  rank: number | null;
  status: 'submitted' | 'shortlisted' | 'winner' | 'not_selected';
}) {
  if (row.rank === null) return 'results.why.noScore' as const;
  if (row.status === 'shortlisted') return 'results.why.shortlisted' as const;
  if (row.status === 'winner') return 'entry.status.winner' as const;
  return 'results.why.notShortlisted' as const;
}
