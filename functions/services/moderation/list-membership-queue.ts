/** Community membership applications in one status, oldest first, one keyset page per round trip. */
import { and, asc, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies } from '../../db/schema';
import type { PageQuery } from '../../schemas/pagination';
import { membershipColumns } from '../me/own-records';
import { after, type MEMBERSHIP_QUEUE_STATUSES, pageOf } from './shared';

export async function listMembershipQueue({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery & { status: (typeof MEMBERSHIP_QUEUE_STATUSES)[number] };
}) {
  requireRole(ctx, 'organizer');
  const rows = await ctx.db
    .select({ ...membershipColumns, companyName: companies.name, companyStatus: companies.status })
    .from(communityMemberships)
    .innerJoin(companies, eq(companies.id, communityMemberships.companyId))
    .where(
      and(
        eq(communityMemberships.status, input.status),
        after(communityMemberships.createdAt, communityMemberships.id, input.cursor),
      ),
    )
    .orderBy(asc(communityMemberships.createdAt), asc(communityMemberships.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}
export type MembershipQueueItem = Awaited<ReturnType<typeof listMembershipQueue>>['items'][number];
