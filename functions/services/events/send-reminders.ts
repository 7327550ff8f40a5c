/**
 * The cron's event work: a reminder to everyone seated at a published event starting within the next
 * 24 hours, and any seats a change outside a request freed (an account deletion) given to the
 * waitlist. Exactly once however often it runs, and when two runs overlap: every mail carries a dedupe
 * key, and the promotion is one conditional statement.
 */
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { events } from '../../db/schema';
import { eventMailQuery } from './event-mail';
import { eventColumns, toEventRecord } from './event-record';
import { promoteQuery, promotionMailQuery } from './registration';

const DAY = 86_400_000;

export async function runEventReminders(ctx: ServiceContext): Promise<{ events: number; promoted: number }> {
  const { db, now } = ctx;
  const [soon, promoted] = await db.batch([
    db
      .select(eventColumns)
      .from(events)
      .where(
        and(
          eq(events.status, 'published'),
          gt(events.startsAt, now),
          lte(events.startsAt, new Date(now.getTime() + DAY)),
        ),
      ),
    promoteQuery(db, now, null),
  ]);
  const promotedEvents = [...new Set(promoted.map((p) => p.eventId))];
  const promotedRows = promotedEvents.length
    ? (await db.select(eventColumns).from(events).where(inArray(events.id, promotedEvents))).map(
        toEventRecord,
      )
    : [];
  const mails = [
    ...soon.map(toEventRecord).map((event) =>
      eventMailQuery(ctx, {
        kind: 'reminder',
        event,
        recipients: sql`r.event_id = ${event.id} AND r.status = 'confirmed'`,
        dedupe: sql`'event-reminder:' || r.id || ':' || r.queue_seq`,
      }),
    ),
    ...promotedRows.map((event) => promotionMailQuery(ctx, event)),
  ];
  const [first, ...rest] = mails;
  if (first) await db.batch([first, ...rest]);
  return { events: soon.length, promoted: promoted.length };
}
