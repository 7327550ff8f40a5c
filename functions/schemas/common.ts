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

/**
 * A web address typed without a scheme (`example.com/app`) means https: it gets `https://`. A value
 * that names another scheme (`javascript:…`, `mailto:…`) is left as it is, to be refused below.
 */
export const withHttps = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('://') || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)) return value;
  return `https://${trimmed.replace(/^\/+/, '')}`;
};

/** An http(s) URL only: `javascript:` and other schemes are refused; no scheme means https. */
export const httpUrl = z.preprocess(
  withHttps,
  z
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
    ),
);

/** Something that reads as an HTML tag, comment or declaration: `<script`, `</b`, `<!--`, `<?php`. */
const MARKUP = /<\s*[a-z!/?]/i;

/**
 * The name of a company, product or team: a plain line that is not markup. Names are shown in
 * listings, mail subjects, exports and other systems' pages; `<script>` is refused as a name (other
 * fields keep such text as plain text, never rendered as HTML).
 */
export const nameLine = (max: number, min = 1) =>
  plainLine(max, min).refine((value) => !MARKUP.test(value), { error: 'field.markup' });

/**
 * A choice from a fixed list (a select or radio group): nothing chosen says to choose one; a value
 * not in the list is invalid.
 */
export const choice = <const T extends readonly [string, ...string[]]>(keys: T) =>
  z.enum(keys, {
    error: (issue) => (issue.input === undefined || issue.input === '' ? 'field.choose' : 'field.invalid'),
  });

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
 * A record id: a positive safe integer, as a JSON number or as its canonical decimal string (a path
 * segment, a query or form value: no sign, no leading zero, no spaces, no exponent). Unlike z.coerce,
 * it refuses `true` (→ 1), `[]` (→ 0), `0x10` and other values JavaScript would turn into numbers.
 */
export const PositiveId = z.preprocess(
  (value) => (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : value),
  z
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .positive({ error: 'field.invalid' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'field.invalid' }),
);
export type PositiveId = z.infer<typeof PositiveId>;

/** A page's `[id]` parameter as a record id, or null when it is not one (the page answers 404). */
export function parsePositiveId(raw: string | undefined): number | null {
  const parsed = PositiveId.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** A record id in a path, e.g. `{id}` or `{userId}`. */
export const positiveIdParam = (name: string, example = 1) =>
  PositiveId.openapi({ param: { name, in: 'path' }, example });

/** `{id}` in a path. */
export const IdParams = z.object({ id: positiveIdParam('id') });

/** `{slug}` in a path; unknown slugs answer 404, so only the length is checked here. */
export const SlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'changjiang-scene-opc' }),
});

/** An Idempotency-Key, from a header or a form's hidden field: 8–100 characters of A-Z a-z 0-9 _ -. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\w-]{8,100}$/;

/** The optional Idempotency-Key header of a create. */
export const IdempotencyHeader = z.object({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional().openapi({
    description:
      'A client-chosen key (8–100 of A-Z a-z 0-9 _ -): a retry with the same key returns the first answer and creates nothing',
  }),
});
