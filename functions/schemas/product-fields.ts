/**
 * The editable fields of a product or agent: the one list. The create and update inputs, the stored
 * columns the services read and write (products and product_revisions), revisions, the moderation
 * diff, the data export and the search text all derive from `ProductFields`. Adding a field means
 * adding it here (input and stored shape), to both tables in the drizzle schema with a migration, a
 * `form.product.<key>` label, and the form and detail views; the compiler points at the rest.
 */
import { z } from '@hono/zod-openapi';
import { choice, httpUrl, nameLine, plainLine, plainText } from './common';
import { productCategories, productKinds, productPricing } from './taxonomy';

export const MAX_TAGS = 5;
export const MAX_TAG_LENGTH = 20;

// Control characters, line breaks and bidi overrides have no place in a tag; commas separate tags.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const BAD_TAG_CHARS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069,，]/;

/** Tags: trimmed, lower-cased, blanks dropped, deduplicated; then at most 5 of at most 20 characters. */
export const Tags = z
  .array(z.string({ error: 'field.invalid' }).max(200, { error: 'field.tooLong' }), {
    error: 'field.invalid',
  })
  .max(50, { error: 'field.tooManyTags' })
  .transform((tags) => [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
  .superRefine((tags, ctx) => {
    if (tags.length > MAX_TAGS) ctx.addIssue({ code: 'custom', message: 'field.tooManyTags' });
    if (tags.some((tag) => Array.from(tag).length > MAX_TAG_LENGTH))
      ctx.addIssue({ code: 'custom', message: 'field.tagTooLong' });
    if (tags.some((tag) => BAD_TAG_CHARS.test(tag)))
      ctx.addIssue({ code: 'custom', message: 'field.controlChars' });
  })
  .openapi({ description: 'At most 5 tags of at most 20 characters; lower-cased and deduplicated' });

/** The comma-separated tag input of the HTML form (half- or full-width commas). */
export const splitTags = (value: unknown): unknown =>
  typeof value === 'string' ? value.split(/[,，、]/) : value;

/** An optional field: a form's empty control counts as left out. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * The same field in an edit: left out keeps it, but an emptied control (or `null` from the API)
 * clears it, so an English name or a model once given can be taken back.
 */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema.nullable().optional());

/** Input validation of each editable field, as the form, the API and the OpenAPI document see it. */
export const ProductFields = z.object({
  name: nameLine(80),
  tagline: plainLine(80),
  description: plainText(5000),
  /** Optional English name, tagline and description: /en/ pages show them, English search finds them. */
  nameEn: optional(nameLine(80)),
  taglineEn: optional(plainLine(80)),
  descriptionEn: optional(plainText(5000)),
  website: httpUrl,
  kind: choice(productKinds.keys),
  category: choice(productCategories.keys),
  tags: Tags.default([]),
  pricing: optional(choice(productPricing.keys)),
  /** For agents: the model underneath, e.g. 紫东太初 3.0 (optional). */
  model: optional(plainLine(80)),
  /** The model's 备案 (filing) number with the Cyberspace Administration (optional). */
  filingNumber: optional(plainLine(60)),
});
export type ProductFields = z.infer<typeof ProductFields>;

/** The optional fields as an edit sees them: `null` or an empty value clears one. */
export const ClearableProductFields = {
  nameEn: clearable(nameLine(80)),
  taglineEn: clearable(plainLine(80)),
  descriptionEn: clearable(plainText(5000)),
  pricing: clearable(choice(productPricing.keys)),
  model: clearable(plainLine(80)),
  filingNumber: clearable(plainLine(60)),
};

export type ProductFieldKey = keyof typeof ProductFields.shape;
export const productFieldKeys = ProductFields.keyof().options;

/**
 * The stored shape of the same fields, as responses show them: category is a taxonomy key checked
 * when it was written, so a later taxonomy change does not break reading it.
 */
const productTextShape = {
  name: z.string(),
  tagline: z.string(),
  description: z.string(),
  nameEn: z.string().nullable(),
  taglineEn: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  website: z.string(),
  kind: z.enum(productKinds.keys),
  category: z.string(),
  tags: z.array(z.string()),
  pricing: z.enum(productPricing.keys).nullable(),
  model: z.string().nullable(),
  filingNumber: z.string().nullable(),
} satisfies { [K in ProductFieldKey]: z.ZodType };
export const ProductText = z.object(productTextShape).openapi('ProductText');
export type ProductText = z.infer<typeof ProductText>;

/**
 * The editable fields of a stored product or revision, or of a parsed input, without anything else;
 * an optional field left out is stored as null.
 */
export const productTextOf = (source: ProductFields | ProductText): ProductText =>
  Object.fromEntries(productFieldKeys.map((key) => [key, source[key] ?? null])) as ProductText;

/** Every key of ProductFields has a stored shape and no other key does. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: Exact<keyof typeof productTextShape, ProductFieldKey> = true;
void sameKeys;
