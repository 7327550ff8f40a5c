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
    id: integer().primaryKey(),
    name: text().notNull(),
    /** Optional English name and business scope, shown on /en/ pages. */
    nameEn: text(),
    businessScopeEn: text(),
    /**
     * 统一社会信用代码, upper-case, checksum-valid; held by one live registration (pending or verified,
     * with an owner) at a time: a rejected, withdrawn or orphaned one frees it (decision 010).
     */
    creditCode: text().notNull(),
    /** The account that registered the company; null once that account is deleted. */
    ownerId: integer().references(() => users.id, { onDelete: 'set null' }),
    founderName: text().notNull(),
    district: text().notNull(),
    businessScope: text().notNull(),
    website: text(),
    status: text({ enum: COMPANY_STATUSES }).notNull().default('pending'),
    rejectionReason: text(),
    reviewedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
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
    id: integer().primaryKey(),
    companyId: integer()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    communitySlug: text().notNull(),
    status: text({ enum: MEMBERSHIP_STATUSES }).notNull().default('pending'),
    message: text(),
    decisionReason: text(),
    decidedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
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
