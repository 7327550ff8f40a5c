/**
 * Building blocks shared by content and input schemas. Custom messages are message keys
 * (functions/lib/messages.ts), translated when errors are shown.
 */
import { z } from '@hono/zod-openapi';

// C0/C1 control characters other than tab, newline and carriage return; also bidi overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A single-line plain-text field: trimmed, no control characters. */
export const plainLine = (max: number, min = 1) =>
  z
    .string({ error: 'field.required' })
    .trim()
    .min(min, { error: min <= 1 ? 'field.required' : 'field.tooShort' })
    .max(max, { error: 'field.tooLong' })
    .refine((value) => !/[\r\n]/.test(value) && !CONTROL_CHARS.test(value), { error: 'field.controlChars' });

/** Multi-line plain text: line breaks kept, other control characters refused. */
export const plainText = (max: number, min = 1) =>
  z
    .string({ error: 'field.required' })
    .trim()
    .min(min, { error: min <= 1 ? 'field.required' : 'field.tooShort' })
    .max(max, { error: 'field.tooLong' })
    .refine((value) => !CONTROL_CHARS.test(value), { error: 'field.controlChars' });

/** An http(s) URL only: `javascript:` and other schemes are refused. */
export const httpUrl = z
  .string({ error: 'field.required' })
  .trim()
  .max(500, { error: 'field.tooLong' })
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    },
    { error: 'field.url' },
  );

/** A slug as used for content file names and in URLs; slugs never change. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'field.invalid' });

/** An instant written with an explicit offset, e.g. 2026-05-12T09:00:00+08:00. */
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/, {
    error: 'field.offset',
  })
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'field.invalid' })
  .transform((value) => new Date(value));

export const Localized = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Localized = z.infer<typeof Localized>;

/**
 * A record id in a body: a positive integer, or its decimal string from an HTML form. Unlike
 * z.coerce, it refuses `true` (→ 1), `[]` (→ 0) and other values JavaScript would turn into numbers.
 */
export const idField = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value),
  z
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .positive({ error: 'field.invalid' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'field.invalid' }),
);
