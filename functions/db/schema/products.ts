import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies } from './companies';
import { users } from './users';

export const PRODUCT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const PRODUCT_KINDS = ['product', 'agent'] as const;
export const PRODUCT_PRICING = ['free', 'freemium', 'paid', 'contact'] as const;

/**
 * AI products and agents. The row holds the public (approved) version; edits to an approved product
 * wait in product_revisions. `search_text` is built by functions/lib/search-text.ts on every write and
 * indexed by products_fts (FTS5, approved rows only, kept by triggers in the migration).
 */
export const products = sqliteTable(
  'products',
  {
    id: integer().primaryKey(),
    companyId: integer()
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    ownerId: integer().references(() => users.id, { onDelete: 'set null' }),
    name: text().notNull(),
    tagline: text().notNull(),
    description: text().notNull(),
    /** Optional English name, tagline and description, shown on /en/ pages and found by English search. */
    nameEn: text(),
    taglineEn: text(),
    descriptionEn: text(),
    website: text().notNull(),
    kind: text({ enum: PRODUCT_KINDS }).notNull(),
    category: text().notNull(),
    /** JSON array of tag strings; product_tags mirrors it for filtering. */
    tags: text({ mode: 'json' }).$type<string[]>().notNull(),
    pricing: text({ enum: PRODUCT_PRICING }),
    model: text(),
    filingNumber: text(),
    status: text({ enum: PRODUCT_STATUSES }).notNull().default('pending'),
    rejectionReason: text(),
    searchText: text().notNull(),
    /** Kept exact by triggers on votes. */
    voteCount: integer().notNull().default(0),
    /** When it first became public; the "newest" order. */
    approvedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('products_company_idx').on(t.companyId),
    index('products_owner_idx').on(t.ownerId),
    index('products_moderation_idx').on(t.status, t.createdAt),
    // Listing orders, each ending in id as the stable tie-breaker of keyset pagination.
    index('products_newest_idx').on(t.status, t.approvedAt, t.id),
    index('products_votes_idx').on(t.status, t.voteCount, t.id),
    index('products_kind_newest_idx').on(t.status, t.kind, t.approvedAt, t.id),
    index('products_kind_votes_idx').on(t.status, t.kind, t.voteCount, t.id),
    index('products_category_newest_idx').on(t.status, t.category, t.approvedAt, t.id),
    index('products_category_votes_idx').on(t.status, t.category, t.voteCount, t.id),
    check('products_vote_count_nonneg', sql`${t.voteCount} >= 0`),
    check('products_approved_at', sql`${t.status} <> 'approved' OR ${t.approvedAt} IS NOT NULL`),
  ],
);

/** One row per (tag, product) so a tag filter walks an index instead of scanning products. */
export const productTags = sqliteTable(
  'product_tags',
  {
    tag: text().notNull(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tag, t.productId] }), index('product_tags_product_idx').on(t.productId)],
);

/** A pending edit of an approved product; the approved version stays public until it is decided. */
export const productRevisions = sqliteTable(
  'product_revisions',
  {
    id: integer().primaryKey(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    submittedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    name: text().notNull(),
    tagline: text().notNull(),
    description: text().notNull(),
    /** Optional English name, tagline and description, shown on /en/ pages and found by English search. */
    nameEn: text(),
    taglineEn: text(),
    descriptionEn: text(),
    website: text().notNull(),
    kind: text({ enum: PRODUCT_KINDS }).notNull(),
    category: text().notNull(),
    tags: text({ mode: 'json' }).$type<string[]>().notNull(),
    pricing: text({ enum: PRODUCT_PRICING }),
    model: text(),
    filingNumber: text(),
    status: text({ enum: PRODUCT_STATUSES }).notNull().default('pending'),
    rejectionReason: text(),
    decidedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('product_revisions_product_idx').on(t.productId, t.status),
    index('product_revisions_status_idx').on(t.status, t.createdAt),
  ],
);

/** One upvote per user per product: the primary key enforces it under concurrency. */
export const votes = sqliteTable(
  'votes',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), index('votes_product_idx').on(t.productId)],
);
