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
    id: integer('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    tagline: text('tagline').notNull(),
    description: text('description').notNull(),
    /** Optional English name, tagline and description, shown on /en/ pages and found by English search. */
    nameEn: text('name_en'),
    taglineEn: text('tagline_en'),
    descriptionEn: text('description_en'),
    website: text('website').notNull(),
    kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
    category: text('category').notNull(),
    /** JSON array of tag strings; product_tags mirrors it for filtering. */
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    pricing: text('pricing', { enum: PRODUCT_PRICING }),
    model: text('model'),
    filingNumber: text('filing_number'),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    searchText: text('search_text').notNull(),
    /** Kept exact by triggers on votes. */
    voteCount: integer('vote_count').notNull().default(0),
    /** When it first became public; the "newest" order. */
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
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
    tag: text('tag').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tag, t.productId] }), index('product_tags_product_idx').on(t.productId)],
);

/** A pending edit of an approved product; the approved version stays public until it is decided. */
export const productRevisions = sqliteTable(
  'product_revisions',
  {
    id: integer('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    tagline: text('tagline').notNull(),
    description: text('description').notNull(),
    /** Optional English name, tagline and description, shown on /en/ pages and found by English search. */
    nameEn: text('name_en'),
    taglineEn: text('tagline_en'),
    descriptionEn: text('description_en'),
    website: text('website').notNull(),
    kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
    category: text('category').notNull(),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    pricing: text('pricing', { enum: PRODUCT_PRICING }),
    model: text('model'),
    filingNumber: text('filing_number'),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
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
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), index('votes_product_idx').on(t.productId)],
);
