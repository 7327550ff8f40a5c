/**
 * Voucher programmes (issue 16, decision 022): the inputs of applications, reviews, objections,
 * providers, redemptions and claims, and what the API answers. Money is in fen (integers) in the
 * API; the forms take yuan and convert before validation (src/lib/voucher-pages.ts).
 */
import { z } from '@hono/zod-openapi';
import { REVIEW_STAGES } from '../db/schema';
import { Instant, LocalizedText } from './api';
import { choice, nameLine, PositiveId, plainLine, plainText } from './common';
import { voucherKinds } from './taxonomy';

/**
 * The most one amount can be: ¥1 billion in fen, far above any budget; times a rate in basis points
 * (≤ 10,000) it stays below 2^53, so the grant arithmetic is exact.
 */
const MAX_FEN = 100_000_000_000;

/** An amount in fen: a positive integer. */
export const fen = (example: number) =>
  z
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .positive({ error: 'field.invalid' })
    .max(MAX_FEN, { error: 'field.invalid' })
    .openapi({ example, description: 'Amount in fen (1/100 yuan)' });

/** A contract, order or invoice reference: upper case, without spaces, so one reference is one value. */
export const reference = plainLine(64)
  // Full-width letters and digits (ＳＹＴ２０２６) are the same reference as their ASCII forms.
  .transform((value) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase())
  .refine((value) => /^[\p{L}\p{N}\-_/.#]+$/u.test(value), { error: 'field.invalid' });

const declaration = z.boolean({ error: 'field.invalid' });

const ApplicationFields = z.object({
  providerCompanyId: PositiveId.openapi({ example: 3, description: 'A company approved as a provider' }),
  contractRef: reference.openapi({ example: 'SYT-2026-0042' }),
  plannedSpend: fen(30_000_000),
  requestedAmount: fen(15_000_000),
  declaredUnrelated: declaration.openapi({ description: 'Not a related party of the provider' }),
  declaredNotSubsidised: declaration.openapi({ description: 'The contract is not subsidised elsewhere' }),
});

export const CreateVoucherApplication = ApplicationFields.extend({
  companyId: PositiveId.openapi({ example: 1, description: 'One of your verified companies' }),
  submit: z.boolean({ error: 'field.invalid' }).default(false).openapi({
    description: 'Submit for review at once (otherwise saved as a draft)',
  }),
})
  .refine((a) => a.requestedAmount <= a.plannedSpend, {
    error: 'voucher.requestedAboveSpend',
    path: ['requestedAmount'],
  })
  .openapi('CreateVoucherApplication');
export type CreateVoucherApplication = z.infer<typeof CreateVoucherApplication>;

export const UpdateVoucherApplication = ApplicationFields.partial()
  .refine(
    (a) =>
      a.requestedAmount === undefined || a.plannedSpend === undefined || a.requestedAmount <= a.plannedSpend,
    {
      error: 'voucher.requestedAboveSpend',
      path: ['requestedAmount'],
    },
  )
  .openapi('UpdateVoucherApplication');
export type UpdateVoucherApplication = z.infer<typeof UpdateVoucherApplication>;

export const VOUCHER_DECISIONS = ['approve', 'return', 'reject'] as const;

export const VoucherDecision = z
  .object({
    stage: choice(REVIEW_STAGES).openapi({ description: 'The stage you decide: formal, review or final' }),
    decision: choice(VOUCHER_DECISIONS).openapi({
      description: 'approve passes formal and review to the next stage; at final it grants',
    }),
    amount: fen(15_000_000)
      .optional()
      .openapi({ description: 'At final: a grant below what the rules allow (fen)' }),
    reason: plainText(500).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason !== undefined && d.reason.length > 0), {
    error: 'voucher.reasonRequired',
    path: ['reason'],
  })
  .openapi('VoucherDecision');
export type VoucherDecision = z.infer<typeof VoucherDecision>;

export const VoucherObjection = z.object({
  applicationId: PositiveId,
  realName: nameLine(40),
  reason: plainText(1000, 10),
});
export type VoucherObjection = z.infer<typeof VoucherObjection>;

export const VoucherObjectionAnswer = z.object({
  objectionId: PositiveId,
  outcome: choice(['kept', 'cancelled'] as const),
  answer: plainText(1000),
});
export type VoucherObjectionAnswer = z.infer<typeof VoucherObjectionAnswer>;

export const RecordRedemption = z
  .object({
    serial: plainLine(40)
      .transform((value) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase())
      .openapi({ example: 'C2026-7KQ3M9ZP' }),
    orderRef: reference.openapi({ example: 'ORDER-20261207-001' }),
    amount: fen(100_000),
  })
  .openapi('RecordRedemption');
export type RecordRedemption = z.infer<typeof RecordRedemption>;

export const VoucherClaim = z.object({ voucherId: PositiveId, invoiceRef: reference, amount: fen(100_000) });
export type VoucherClaim = z.infer<typeof VoucherClaim>;

export const RedemptionDispute = z.object({ redemptionId: PositiveId, reason: plainText(500, 5) });
export type RedemptionDispute = z.infer<typeof RedemptionDispute>;

/** An organizer on a dispute (upheld: reversed) or a claim (confirmed or refused). */
export const RedemptionDecision = z
  .object({
    redemptionId: PositiveId,
    outcome: choice(['upheld', 'dismissed', 'confirmed', 'refused'] as const),
    reason: plainText(500).optional(),
  })
  .refine((d) => d.outcome === 'confirmed' || (d.reason !== undefined && d.reason.length > 0), {
    error: 'voucher.reasonNeeded',
    path: ['reason'],
  });
export type RedemptionDecision = z.infer<typeof RedemptionDecision>;

export const ProviderApplication = z.object({
  companyId: PositiveId,
  kinds: z
    .array(choice(voucherKinds.keys), { error: 'field.choose' })
    .min(1, { error: 'field.choose' })
    .max(4),
});
export type ProviderApplication = z.infer<typeof ProviderApplication>;

export const ProviderDecision = z
  .object({
    providerId: PositiveId,
    /** approve or decline a pending standing; revoke an approved one (its provider stops redeeming). */
    decision: choice(['approve', 'decline', 'revoke'] as const),
    reason: plainText(500).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason !== undefined && d.reason.length > 0), {
    error: 'voucher.reasonNeeded',
    path: ['reason'],
  });
export type ProviderDecision = z.infer<typeof ProviderDecision>;

// What the API answers.

export const BudgetFigures = z
  .object({
    budget: z.number().int(),
    committed: z.number().int(),
    redeemed: z.number().int(),
    available: z.number().int(),
  })
  .openapi('VoucherBudget', { description: 'Amounts in fen' });

export const VoucherProgrammeJson = z
  .object({
    slug: z.string(),
    title: LocalizedText,
    summary: LocalizedText,
    issuer: LocalizedText,
    kind: z.enum(voucherKinds.keys),
    fiscalYear: z.number().int(),
    sample: z.boolean(),
    rate: z.object({
      bps: z.number().int(),
      tiers: z.array(z.object({ upTo: z.number().int().nullable(), bps: z.number().int() })).nullable(),
    }),
    capPerCompanyYear: z.number().int(),
    maxYears: z.number().int(),
    window: z.object({ opens: Instant, closes: Instant, state: z.enum(['not_open', 'open', 'closed']) }),
    eligibility: z.object({ communities: z.array(z.string()), districts: z.array(z.string()) }),
    redemption: z.enum(['pre_issue', 'reimburse']),
    validityDays: z.number().int(),
    publicNoticeDays: z.number().int(),
    budget: BudgetFigures,
  })
  .openapi('VoucherProgramme');

export const PublicGrant = z
  .object({
    applicationId: z.number().int(),
    companyName: z.string(),
    creditCode: z.string(),
    amount: z.number().int(),
    approvedAt: Instant,
    noticeEndsAt: Instant,
    status: z.enum(['notice', 'issued', 'expired', 'cancelled']),
  })
  .openapi('PublicGrant');

export const VoucherApplicationJson = z
  .object({
    id: z.number().int(),
    programme: z.string(),
    companyId: z.number().int(),
    companyName: z.string(),
    providerCompanyId: z.number().int(),
    providerName: z.string(),
    contractRef: z.string(),
    plannedSpend: z.number().int(),
    requestedAmount: z.number().int(),
    declaredUnrelated: z.boolean(),
    declaredNotSubsidised: z.boolean(),
    status: z.enum(['draft', 'submitted', 'returned', 'rejected', 'withdrawn', 'approved', 'cancelled']),
    stage: z.enum(REVIEW_STAGES).nullable(),
    reason: z.string().nullable(),
    grantedAmount: z.number().int().nullable(),
    submittedAt: Instant.nullable(),
    decidedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('VoucherApplication');

export const RedemptionJson = z
  .object({
    id: z.number().int(),
    serial: z.string(),
    kind: z.enum(['provider', 'claim']),
    ref: z.string(),
    amount: z.number().int(),
    status: z.enum(['recorded', 'disputed', 'reversed', 'claimed', 'confirmed', 'refused']),
    balance: z.number().int().openapi({ description: 'The voucher’s balance after it (fen)' }),
    createdAt: Instant,
  })
  .openapi('VoucherRedemption');
