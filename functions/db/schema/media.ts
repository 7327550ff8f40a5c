import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './companies';
import { events } from './events';
import { products } from './products';
import { users } from './users';

export const MEDIA_KINDS = ['logo', 'screenshot', 'licence', 'cover'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * `current`: part of what it belongs to (public when that is public); `proposed`: added to an
 * approved product and waiting, like its text, for the product's pending revision to be decided.
 */
export const MEDIA_STATES = ['current', 'proposed'] as const;
export type MediaState = (typeof MEDIA_STATES)[number];

/** Screenshots per product, current and proposed together: the migration's trigger holds it. */
export const MAX_SCREENSHOTS = 4;

/**
 * Uploaded pictures and documents (issue 14, decision 019). The bytes live in R2 under
 * content-addressed keys `{hash}-{variant}.{ext}` (the licence: `private/{hash}.{ext}`); this row
 * says what they belong to and whether anyone may see them. Exactly one of product, company or event
 * is set. A deleted row's keys go to `media_erasures` (a trigger), and the Worker deletes those
 * objects from R2 once no row uses the hash any more.
 */
export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id').references(() => products.id, { onDelete: 'cascade' }),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    state: text('state', { enum: MEDIA_STATES }).notNull().default('current'),
    /** Order among a product's screenshots (lowest first). */
    position: integer('position').notNull().default(0),
    /** SHA-256 of the stored bytes of the largest variant, hex, first 32 characters. */
    hash: text('hash').notNull(),
    /** `webp`, `jpg` or `pdf`. */
    ext: text('ext').notNull(),
    /** Widths of the stored variants, ascending (JSON); `[]` for a PDF. */
    variants: text('variants', { mode: 'json' }).$type<number[]>().notNull(),
    /** Size of the largest variant (a PDF: null). */
    width: integer('width'),
    height: integer('height'),
    bytes: integer('bytes').notNull(),
    /** Who uploaded it: their pictures are erased with their account. */
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('media_product_idx').on(t.productId, t.kind, t.state, t.position),
    index('media_company_idx').on(t.companyId, t.kind),
    index('media_event_idx').on(t.eventId, t.kind),
    index('media_hash_idx').on(t.hash),
    index('media_uploader_idx').on(t.uploadedBy),
    // One logo, licence or cover per owner and state (a proposed logo waits beside the current one).
    uniqueIndex('media_single_kind_unique')
      .on(
        sql`coalesce(${t.productId}, 0)`,
        sql`coalesce(${t.companyId}, 0)`,
        sql`coalesce(${t.eventId}, 0)`,
        t.kind,
        t.state,
      )
      .where(sql`${t.kind} <> 'screenshot'`),
    check(
      'media_one_owner',
      sql`(${t.productId} IS NOT NULL) + (${t.companyId} IS NOT NULL) + (${t.eventId} IS NOT NULL) = 1`,
    ),
    check(
      'media_kind_fits_owner',
      sql`(${t.productId} IS NOT NULL AND ${t.kind} IN ('logo', 'screenshot'))
        OR (${t.companyId} IS NOT NULL AND ${t.kind} IN ('logo', 'licence') AND ${t.state} = 'current')
        OR (${t.eventId} IS NOT NULL AND ${t.kind} = 'cover' AND ${t.state} = 'current')`,
    ),
  ],
);

/** R2 objects to delete: filled by a trigger when a media row goes, emptied by the Worker. */
export const mediaErasures = sqliteTable('media_erasures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  hash: text('hash').notNull(),
  ext: text('ext').notNull(),
  variants: text('variants', { mode: 'json' }).$type<number[]>().notNull(),
  kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
});
