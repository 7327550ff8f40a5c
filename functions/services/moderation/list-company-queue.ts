/**
 * Companies waiting for (or past) verification, oldest first, one keyset page per round trip, each
 * with how many other registrations (of any status, past or present) used its credit code: a
 * contested code is a reason to check who really owns the company.
 */

import { and, asc, eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies, users } from '../../db/schema';
import type { PageQuery } from '../../schemas/pagination';
import { ownCompanyColumns } from '../me/own-records';
import { currentMediaOf } from '../media/media-record';
import { after, type COMPANY_QUEUE_STATUSES, owner, pageOf } from './shared';

export async function listCompanyQueue({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery & { status: (typeof COMPANY_QUEUE_STATUSES)[number] };
}) {
  requireRole(ctx, 'organizer');
  const rows = await ctx.db
    .select({
      ...ownCompanyColumns,
      ...owner,
      contestedBy: sql<number>`(select count(*) from ${companies} as other
        where other.credit_code = ${companies.creditCode} and other.id <> ${companies.id})`,
      // The licence scan, read through the licence route (owner and organizers only).
      licence: sql<
        string | null
      >`(select m.ext from media as m where m.company_id = companies.id and m.kind = 'licence')`,
      // The logo goes public with the verification: the organizer sees it first.
      logo: currentMediaOf('company_id', companies.id, 'logo'),
    })
    .from(companies)
    .leftJoin(users, eq(users.id, companies.ownerId))
    .where(and(eq(companies.status, input.status), after(companies.createdAt, companies.id, input.cursor)))
    .orderBy(asc(companies.createdAt), asc(companies.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}
export type CompanyQueueItem = Awaited<ReturnType<typeof listCompanyQueue>>['items'][number];
