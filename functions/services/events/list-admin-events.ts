/** Every event for organizers (drafts included), latest start first, with pending approvals: one round trip. */
import { desc, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { events } from '../../db/schema';
import { type EventRecord, eventColumns, toEventRecord } from './event-record';

export async function listAdminEvents({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'user'>;
}): Promise<Array<{ event: EventRecord; pending: number }>> {
  requireRole(ctx, 'organizer');
  const rows = await ctx.db
    .select({
      event: eventColumns,
      pending: sql<number>`(SELECT count(*) FROM event_registrations r WHERE r.event_id = ${events.id} AND r.status = 'pending')`,
    })
    .from(events)
    .orderBy(desc(events.startsAt))
    .limit(500);
  return rows.map((r) => ({ event: toEventRecord(r.event), pending: Number(r.pending) }));
}
