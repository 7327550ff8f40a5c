/** Pending edits of approved products with the version they would replace, oldest first. */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { PageQuery } from '../../schemas/pagination';
import { pageOf, revisionQueueQuery } from './shared';

export async function listRevisionQueue({ ctx, input }: { ctx: ServiceContext; input: PageQuery }) {
  requireRole(ctx, 'organizer');
  return pageOf(await revisionQueueQuery(ctx, input), input.limit);
}
export type RevisionQueueItem = Awaited<ReturnType<typeof listRevisionQueue>>['items'][number];
