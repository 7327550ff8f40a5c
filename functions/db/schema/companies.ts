import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * `withdrawn`: a pending registration whose owner deleted their account; nobody can decide it, and it
 * holds its credit code no longer.
 */
export const COMPANY_STATUSES = ['pending', 'verified', 'rejected', 'withdrawn'] as const;

/** A founder's one-person company (OPC), verified by an organizer. */
export const companies = sqliteTable(
  'companies',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    /** Optional English name and business scope, shown on /en/ pages. */
    nameEn: text('name_en'),
    businessScopeEn: text('business_scope_en'),
    /**
     * 统一社会信用代码, upper-case, checksum-valid; held by one live registration (pending or verified,
     * with an owner) at a time: a rejected, withdrawn or orphaned one frees it (decision 010).
     */
    creditCode: text('credit_code').notNull(),
    /** The account that registered the company; null once that account is deleted. */
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    founderName: text('founder_name').notNull(),
    district: text('district').notNull(),
    businessScope: text('business_scope').notNull(),
    website: text('website'),
    status: text('status', { enum: COMPANY_STATUSES }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('companies_live_credit_code_unique')
      .on(t.creditCode)
      .where(sql`${t.status} IN ('pending', 'verified') AND ${t.ownerId} IS NOT NULL`),
    index('companies_credit_code_idx').on(t.creditCode),
    index('companies_owner_idx').on(t.ownerId),
    index('companies_status_idx').on(t.status, t.createdAt),
    check('companies_credit_code_len', sql`length(${t.creditCode}) = 18`),
  ],
);

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'declined'] as const;

/** A company's application to join a community (content/communities, by slug). */
export const communityMemberships = sqliteTable(
  'community_memberships',
  {
    id: integer('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    communitySlug: text('community_slug').notNull(),
    status: text('status', { enum: MEMBERSHIP_STATUSES }).notNull().default('pending'),
    message: text('message'),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('community_memberships_unique').on(t.companyId, t.communitySlug),
    // A company's approved memberships (product page, listing triggers): two equalities, so the
    // planner picks it over the status index even without ANALYZE statistics.
    index('community_memberships_company_status_idx').on(t.companyId, t.status),
    index('community_memberships_community_idx').on(t.communitySlug, t.status),
    index('community_memberships_status_idx').on(t.status, t.createdAt),
  ],
);
