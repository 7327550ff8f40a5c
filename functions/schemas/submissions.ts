/**
 * Inputs of founders' submissions (companies, membership applications, products, votes) and of
 * organizers' moderation decisions, shared by the forms, the API and the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { isValidCreditCode } from '../lib/credit-code';
import { choice, httpUrl, nameLine, PositiveId, plainLine, plainText, slug } from './common';
import { ClearableProductFields, ProductFields, Tags } from './product-fields';
import { districts } from './taxonomy';

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
    name: nameLine(100),
    /** Optional English name and business scope, shown on /en/ pages. */
    nameEn: z.preprocess(blankToUndefined, nameLine(100).optional()),
    creditCode: CreditCode,
    founderName: plainLine(50),
    district: choice(districts.keys),
    businessScope: plainText(2000),
    businessScopeEn: z.preprocess(blankToUndefined, plainText(2000).optional()),
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

export const CreateProduct = ProductFields.extend({
  companyId: PositiveId.openapi({ description: 'One of your own companies' }),
}).openapi('CreateProduct');
export type CreateProduct = z.infer<typeof CreateProduct>;

/**
 * PATCH: any subset of the fields; the rest stay as they are. Tags lose their default here, or an
 * edit that leaves them out would clear them.
 */
export const UpdateProduct = ProductFields.partial()
  .extend({ tags: Tags.optional(), ...ClearableProductFields })
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
