import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { pageOf, productQueueQuery, revisionQueueQuery } from './shared';

/** The first page of pending products and of pending revisions, in one round trip (/admin/products). */
export async function getProductQueues({ ctx, input }: { ctx: ServiceContext; input: { limit: number } }) {
  requireRole(ctx, 'organizer');
  const [productRows, revisionRows] = await ctx.db.batch([
    productQueueQuery(ctx, { limit: input.limit, status: 'pending' }),
    revisionQueueQuery(ctx, { limit: input.limit }),
  ]);
  return { products: pageOf(productRows, input.limit), revisions: pageOf(revisionRows, input.limit) };
}
