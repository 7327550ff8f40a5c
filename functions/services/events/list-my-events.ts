/** The signed-in person's registrations (我的活动), soonest event first: one round trip. */
import { asc, eq, ne, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { eventRegistrations, events } from '../../db/schema';
import { type EventRecord, eventColumns, toEventRecord } from './event-record';
import { type MyRegistration, toMyRegistration } from './registration';

export async function listMyEvents({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'user'>;
}): Promise<Array<{ event: EventRecord; registration: MyRegistration }>> {
  const user = requireUser(ctx);
  const rows = await ctx.db
    .select({
      event: eventColumns,
      id: eventRegistrations.id,
      status: eventRegistrations.status,
      answers: eventRegistrations.answers,
      ticketCode: eventRegistrations.ticketCode,
      declineReason: eventRegistrations.declineReason,
      checkedInAt: eventRegistrations.checkedInAt,
      createdAt: eventRegistrations.createdAt,
      ahead: sql<number>`(SELECT count(*) FROM event_registrations w
        WHERE w.event_id = event_registrations.event_id AND w.status = 'waitlisted'
        AND w.queue_seq < event_registrations.queue_seq)`,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(sql`${eventRegistrations.userId} = ${user.id} AND ${ne(events.status, 'draft')}`)
    .orderBy(asc(events.startsAt))
    .limit(200);
  return rows.map(({ event, ...registration }) => ({
    event: toEventRecord(event),
    registration: toMyRegistration(registration),
  }));
}
