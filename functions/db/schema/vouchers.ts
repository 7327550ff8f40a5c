import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './companies';
import { users } from './users';

/**
 * 四券 voucher programmes (issue 16, decision 022). Programmes are editorial (content/vouchers); the
 * database holds what must stay consistent under concurrent requests: each programme's committed
 * budget and each company's granted amount per series and year, both behind CHECKs, so an approval
 * that would over-commit fails in the database whatever the requests raced on. Money is in fen.
 */
export const voucherBudgets = sqliteTable(
  'voucher_budgets',
  {
    programmeSlug: text('programme_slug').primaryKey(),
    /** The programme's budget, copied from content by every approval batch. */
    budgetFen: integer('budget_fen').notNull(),
    /** Granted and not released (by expiry or cancellation). */
    committedFen: integer('committed_fen').notNull().default(0),
  },
  (t) => [
    check('voucher_budgets_within', sql`${t.committedFen} >= 0 AND ${t.committedFen} <= ${t.budgetFen}`),
  ],
);

/** What a company was granted in a series in one calendar year (Asia/Shanghai) of approval. */
export const voucherCompanyYears = sqliteTable(
  'voucher_company_years',
  {
    series: text('series').notNull(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    grantedFen: integer('granted_fen').notNull(),
    capFen: integer('cap_fen').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.series, t.companyId, t.year] }),
    check('voucher_company_years_cap', sql`${t.grantedFen} >= 0 AND ${t.grantedFen} <= ${t.capFen}`),
  ],
);

export const PROVIDER_STATUSES = ['pending', 'approved', 'declined'] as const;

/** A company's standing as a provider of one voucher kind, on an organizer's approval. */
export const voucherProviders = sqliteTable(
  'voucher_providers',
  {
    id: integer('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status', { enum: PROVIDER_STATUSES }).notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_providers_company_kind_unique').on(t.companyId, t.kind),
    index('voucher_providers_status_idx').on(t.status, t.kind),
  ],
);

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'withdrawn',
  'approved',
  'cancelled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** 形式审查 → 复核 → 审定. */
export const REVIEW_STAGES = ['formal', 'review', 'final'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** The statuses in which an application holds its contract reference. */
export const CONTRACT_HOLDING = ['submitted', 'returned', 'approved'] as const;

export const voucherApplications = sqliteTable(
  'voucher_applications',
  {
    id: integer('id').primaryKey(),
    programmeSlug: text('programme_slug').notNull(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    applicantId: integer('applicant_id').references(() => users.id, { onDelete: 'set null' }),
    providerCompanyId: integer('provider_company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    /** Normalised (upper case, no spaces): one contract at one provider is subsidised once. */
    contractRef: text('contract_ref').notNull(),
    plannedSpendFen: integer('planned_spend_fen').notNull(),
    requestedFen: integer('requested_fen').notNull(),
    /** The declarations, each true when made: not a related party; not subsidised elsewhere. */
    declaredUnrelated: integer('declared_unrelated', { mode: 'boolean' }).notNull().default(false),
    declaredNotSubsidised: integer('declared_not_subsidised', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    /** The stage a submitted application waits in. */
    stage: text('stage', { enum: REVIEW_STAGES }),
    formalBy: integer('formal_by').references(() => users.id, { onDelete: 'set null' }),
    reviewBy: integer('review_by').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' }),
    /** The reason of the last return, rejection or cancellation, shown to the applicant. */
    reason: text('reason'),
    grantedFen: integer('granted_fen'),
    grantYear: integer('grant_year'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_applications_contract_unique')
      .on(t.providerCompanyId, t.contractRef)
      .where(sql`${t.status} IN ('submitted', 'returned', 'approved')`),
    index('voucher_applications_queue_idx').on(t.status, t.stage, t.submittedAt),
    index('voucher_applications_programme_idx').on(t.programmeSlug, t.status, t.decidedAt),
    index('voucher_applications_company_idx').on(t.companyId),
    index('voucher_applications_applicant_idx').on(t.applicantId),
    check('voucher_applications_money', sql`${t.plannedSpendFen} > 0 AND ${t.requestedFen} > 0`),
  ],
);

export const VOUCHER_STATUSES = ['granted', 'cancelled', 'expired'] as const;

/**
 * The voucher of an approved application, made by the approval batch. It is issued (usable, its
 * serial shown) from `issue_after` — the end of 公示, pushed later by an objection answered after it
 * — while no objection to it is open; it expires at `expires_at`. Redemptions and claims move
 * `redeemed_fen` and `pending_fen` in their own batch, behind the CHECK: never over the amount.
 */
export const vouchers = sqliteTable(
  'vouchers',
  {
    id: integer('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => voucherApplications.id, { onDelete: 'cascade' }),
    programmeSlug: text('programme_slug').notNull(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    providerCompanyId: integer('provider_company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    serial: text('serial').notNull(),
    amountFen: integer('amount_fen').notNull(),
    redeemedFen: integer('redeemed_fen').notNull().default(0),
    /** Claims (reimburse) waiting for an organizer. */
    pendingFen: integer('pending_fen').notNull().default(0),
    /** What expiry or cancellation gave back to the budget (once). */
    releasedFen: integer('released_fen'),
    status: text('status', { enum: VOUCHER_STATUSES }).notNull().default('granted'),
    issueAfter: integer('issue_after', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('vouchers_application_unique').on(t.applicationId),
    uniqueIndex('vouchers_serial_unique').on(t.serial),
    index('vouchers_company_idx').on(t.companyId),
    index('vouchers_expiry_idx').on(t.status, t.expiresAt),
    check(
      'vouchers_balance',
      sql`${t.redeemedFen} >= 0 AND ${t.pendingFen} >= 0 AND ${t.redeemedFen} + ${t.pendingFen} <= ${t.amountFen}`,
    ),
  ],
);

export const REDEMPTION_STATUSES = [
  /** pre_issue: recorded by the provider; the holder may dispute it for 7 days. */
  'recorded',
  'disputed',
  /** A dispute upheld: the amount is back on the voucher. */
  'reversed',
  /** reimburse: a claim waiting for an organizer. */
  'claimed',
  'confirmed',
  'refused',
] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/**
 * A provider's redemption (pre_issue) or a holder's claim (reimburse). `ref_scope` scopes the
 * reference: `p:<provider company>` for orders (one order recorded once at a provider) and
 * `c:<holder company>` for invoices (one invoice claimed once, whichever voucher).
 */
export const voucherRedemptions = sqliteTable(
  'voucher_redemptions',
  {
    id: integer('id').primaryKey(),
    voucherId: integer('voucher_id')
      .notNull()
      .references(() => vouchers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['provider', 'claim'] }).notNull(),
    refScope: text('ref_scope').notNull(),
    ref: text('ref').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: REDEMPTION_STATUSES }).notNull(),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    disputeReason: text('dispute_reason'),
    disputedAt: integer('disputed_at', { mode: 'timestamp_ms' }),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** A random key the deciding request writes, so the batch's later statements act for it alone. */
    decisionKey: text('decision_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // A reference counts once while it stands: a refused claim or a reversed order may be made again.
    uniqueIndex('voucher_redemptions_ref_live_unique')
      .on(t.refScope, t.ref)
      .where(sql`${t.status} NOT IN ('refused', 'reversed')`),
    index('voucher_redemptions_voucher_idx').on(t.voucherId, t.createdAt),
    index('voucher_redemptions_status_idx').on(t.status, t.createdAt),
    check('voucher_redemptions_positive', sql`${t.amountFen} > 0`),
  ],
);

/** A real-name objection to a grant in 公示; only organizers see the objector. */
export const voucherObjections = sqliteTable(
  'voucher_objections',
  {
    id: integer('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => voucherApplications.id, { onDelete: 'cascade' }),
    programmeSlug: text('programme_slug').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    realName: text('real_name').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    /** Whether the answer kept the grant or cancelled it. */
    outcome: text('outcome', { enum: ['kept', 'cancelled'] }),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // One open objection per person and grant.
    uniqueIndex('voucher_objections_one_open').on(t.applicationId, t.userId).where(sql`${t.status} = 'open'`),
    index('voucher_objections_application_idx').on(t.applicationId, t.status),
    index('voucher_objections_programme_idx').on(t.programmeSlug, t.createdAt),
  ],
);
