import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { media, productRevisions, products } from '../../db/schema';
import { type MediaRecord, mediaColumns, toMediaRecord } from '../media/media-record';
import { pageOf, productQueueQuery, revisionQueueQuery } from './shared';

/** The first page of pending products and of pending revisions, in one round trip (/admin/products). */
export async function getProductQueues({ ctx, input }: { ctx: ServiceContext; input: { limit: number } }) {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const [productRows, revisionRows, mediaRows] = await db.batch([
    productQueueQuery(ctx, { limit: input.limit, status: 'pending' }),
    revisionQueueQuery(ctx, { limit: input.limit }),
    // The pictures to review: all of a pending product's, and those proposed with a revision.
    db
      .select(mediaColumns)
      .from(media)
      .where(
        or(
          inArray(
            media.productId,
            db.select({ id: products.id }).from(products).where(eq(products.status, 'pending')),
          ),
          and(
            eq(media.state, 'proposed'),
            inArray(
              media.productId,
              db
                .select({ id: productRevisions.productId })
                .from(productRevisions)
                .where(eq(productRevisions.status, 'pending')),
            ),
          ),
        ),
      )
      .orderBy(asc(media.productId), asc(media.kind), asc(media.position)),
  ]);
  const pictures = new Map<number, MediaRecord[]>();
  for (const row of mediaRows) {
    if (row.productId === null) continue;
    pictures.set(row.productId, [...(pictures.get(row.productId) ?? []), toMediaRecord(row)]);
  }
  return {
    products: pageOf(productRows, input.limit),
    revisions: pageOf(revisionRows, input.limit),
    /** By product id: the pictures a decision would make public. */
    pictures,
  };
}
