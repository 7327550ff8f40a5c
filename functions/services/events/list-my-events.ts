/** The signed-in person's registrations (我的活动), soonest event first: one query for a batch. */
import { asc, eq, ne, type Placeholder, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { eventRegistrations, events } from '../../db/schema';
import { type EventRecord, eventColumns, toEventRecord } from './event-record';
import { type MyRegistration, registrationColumns, toMyRegistration } from './registration';

export interface MyEvent {
  event: EventRecord;
  registration: MyRegistration;
}

export const myEventsQuery = (db: Db, userId: number | Placeholder) =>
  db
    .select({
      event: eventColumns,
      ...registrationColumns,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(sql`${eventRegistrations.userId} = ${userId} AND ${ne(events.status, 'draft')}`)
    .orderBy(asc(events.startsAt))
    .limit(200);

export const toMyEvents = (rows: Awaited<ReturnType<typeof myEventsQuery>>): MyEvent[] =>
  rows.map(({ event, ...registration }) => ({
    event: toEventRecord(event),
    registration: toMyRegistration(registration),
  }));

export async function listMyEvents({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'user'>;
}): Promise<MyEvent[]> {
  const user = requireUser(ctx);
  return toMyEvents(await myEventsQuery(ctx.db, user.id));
}
