/**
 * Turns zod issues into per-field messages in the request's language. Schemas use message keys
 * (functions/lib/messages.ts) for their own rules; zod's built-in checks are mapped by issue code.
 */
import type { z } from 'zod';
import { type FieldErrors, validation } from './errors';
import type { Locale } from './locale';
import { isMessageKey, type MessageKey, translate } from './messages';

function keyFor(issue: z.core.$ZodIssue): { key: MessageKey; params: Record<string, string | number> } {
  if (isMessageKey(issue.message)) {
    const params: Record<string, string | number> = {};
    if ('maximum' in issue) params.max = Number(issue.maximum);
    if ('minimum' in issue) params.min = Number(issue.minimum);
    return { key: issue.message, params };
  }
  switch (issue.code) {
    case 'invalid_type':
      return {
        key: issue.input === undefined || issue.input === null ? 'field.required' : 'field.invalid',
        params: {},
      };
    case 'too_big':
      return {
        key:
          issue.origin === 'number' || issue.origin === 'int'
            ? 'field.tooLarge'
            : issue.origin === 'array'
              ? 'field.tooMany'
              : 'field.tooLong',
        params: { max: Number(issue.maximum) },
      };
    case 'too_small':
      return {
        key: issue.origin === 'number' || issue.origin === 'int' ? 'field.tooSmall' : 'field.tooShort',
        params: { min: Number(issue.minimum) },
      };
    case 'invalid_format':
      return {
        key:
          issue.format === 'email' ? 'field.email' : issue.format === 'url' ? 'field.url' : 'field.invalid',
        params: {},
      };
    default:
      return { key: 'field.invalid', params: {} };
  }
}

export function fieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    const { key, params } = keyFor(issue);
    const message = translate(locale, key, params);
    const list = out[field] ?? [];
    if (!list.includes(message)) list.push(message);
    out[field] = list;
  }
  return out;
}

/** Parses with a shared schema; throws a 422 AppError with localized field errors on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validation(fieldErrors(result.error, locale));
  return result.data;
}
