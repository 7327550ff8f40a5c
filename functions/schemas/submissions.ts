/**
 * Inputs of founders' submissions (companies, membership applications, products, votes) and of
 * organizers' moderation decisions, shared by the forms, the API and the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { isValidCreditCode } from '../lib/credit-code';
import { httpUrl, PositiveId, plainLine, plainText, slug } from './common';
import { districts, productCategories, productKinds } from './taxonomy';

/** A form sends an empty string for an optional field left blank: it means absent. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** 统一社会信用代码: trimmed and upper-cased, then shape and GB 32100-2015 check character. */
export const CreditCode = z
  .string({ error: 'field.required' })
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, { error: 'field.creditCode' })
  .openapi({ example: '91350100M000100Y43', description: '18 characters; lower case is accepted' });

export const CreateCompany = z
  .object({
    name: plainLine(100),
    creditCode: CreditCode,
    founderName: plainLine(50),
    district: z.enum(districts.keys, { error: 'field.invalid' }),
    businessScope: plainText(2000),
    website: z.preprocess(blankToUndefined, httpUrl.optional()),
  })
  .openapi('CreateCompany');
export type CreateCompany = z.infer<typeof CreateCompany>;

export const ApplyMembership = z
  .object({
    communitySlug: slug.max(100, { error: 'field.invalid' }),
    message: z.preprocess(blankToUndefined, plainText(500).optional()),
  })
  .openapi('ApplyMembership');
export type ApplyMembership = z.infer<typeof ApplyMembership>;

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

const productFields = {
  name: plainLine(80),
  tagline: plainLine(80),
  description: plainText(5000),
  website: httpUrl,
  kind: z.enum(productKinds.keys, { error: 'field.invalid' }),
  category: z.enum(productCategories.keys, { error: 'field.invalid' }),
  tags: Tags.default([]),
};

export const CreateProduct = z
  .object({ ...productFields, companyId: PositiveId.openapi({ description: 'One of your own companies' }) })
  .openapi('CreateProduct');
export type CreateProduct = z.infer<typeof CreateProduct>;

/** The editable fields of a product (the company stays as submitted). */
export const ProductFields = z.object(productFields);
export type ProductFields = z.infer<typeof ProductFields>;

/** PATCH: any subset of the fields; the rest stay as they are. */
export const UpdateProduct = z
  .object({
    name: productFields.name.optional(),
    tagline: productFields.tagline.optional(),
    description: productFields.description.optional(),
    website: productFields.website.optional(),
    kind: productFields.kind.optional(),
    category: productFields.category.optional(),
    tags: Tags.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { error: 'field.emptyPatch' })
  .openapi('UpdateProduct');
export type UpdateProduct = z.infer<typeof UpdateProduct>;

/** A rejection or decline must say why: the founder sees the reason. */
const withReason = <const D extends readonly [string, ...string[]]>(decisions: D, negative: D[number]) =>
  z
    .object({
      decision: z.enum(decisions, { error: 'field.invalid' }),
      reason: z.preprocess(blankToUndefined, plainText(500).optional()),
    })
    .superRefine((value, ctx) => {
      if (value.decision === negative && !value.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'field.reasonRequired' });
    });

export const CompanyDecision = withReason(['verify', 'reject'], 'reject').openapi('CompanyDecision');
export type CompanyDecision = z.infer<typeof CompanyDecision>;

export const ProductDecision = withReason(['approve', 'reject'], 'reject').openapi('ProductDecision');
export type ProductDecision = z.infer<typeof ProductDecision>;

export const MembershipDecision = withReason(['approve', 'decline'], 'decline').openapi('MembershipDecision');
export type MembershipDecision = z.infer<typeof MembershipDecision>;

export const GRANTABLE_ROLES = ['founder', 'organizer', 'admin'] as const;

export const SetRole = z
  .object({
    role: z
      .enum(GRANTABLE_ROLES, { error: 'field.invalid' })
      .openapi({ description: 'founder removes organizer and admin' }),
  })
  .openapi('SetRole');
export type SetRole = z.infer<typeof SetRole>;

/** The roles form of /admin/roles: the user is named by email. */
export const SetRoleByEmail = SetRole.extend({
  email: z.string({ error: 'field.required' }).trim().toLowerCase().email({ error: 'field.email' }).max(254),
});
export type SetRoleByEmail = z.infer<typeof SetRoleByEmail>;
