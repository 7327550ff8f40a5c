/** Products in one moderation status, oldest first, one keyset page per round trip. */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { type ProductQueueInput, pageOf, productQueueQuery } from './shared';

export async function listProductQueue({ ctx, input }: { ctx: ServiceContext; input: ProductQueueInput }) {
  requireRole(ctx, 'organizer');
  return pageOf(await productQueueQuery(ctx, input), input.limit);
}
export type ProductQueueItem = Awaited<ReturnType<typeof listProductQueue>>['items'][number];
