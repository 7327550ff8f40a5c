import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './products';

/**
 * Denormalized listing rows of approved products per facet (`tag:<tag>`, `community:<slug>`), so a
 * tag or community filter walks one index in the listing order instead of joining and sorting in a
 * temporary B-tree. Kept by triggers (migration product_listing_triggers) from products.status /
 * tags / approved_at / vote_count and community_memberships.status; never written by services.
 */
export const productListings = sqliteTable(
  'product_listings',
  {
    facet: text('facet').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** Copies of products.approved_at and products.vote_count: the two listing orders. */
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }).notNull(),
    voteCount: integer('vote_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.facet, t.productId] }),
    index('product_listings_newest_idx').on(t.facet, t.approvedAt, t.productId),
    index('product_listings_votes_idx').on(t.facet, t.voteCount, t.productId),
    index('product_listings_product_idx').on(t.productId),
  ],
);

/** The facet key of a listing row. */
export const tagFacet = (tag: string) => `tag:${tag}`;
export const communityFacet = (slug: string) => `community:${slug}`;
