/**
 * The cron's event work: a reminder to everyone seated at a published event starting within the next
 * 24 hours; any seats a change outside a request freed (an account deletion) given to the waitlist;
 * and the promotion mail of the past week written again where it is missing. Exactly once however often it runs, and when two runs overlap: every mail carries a dedupe
 * key, and the promotion is one conditional statement.
 */
import { and, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { eventRegistrations, events } from '../../db/schema';
import { eventMailQuery } from './event-mail';
import { eventColumns, toEventRecord } from './event-record';
import { PROMOTION_DEDUPE, promoteQuery } from './registration';

const DAY = 86_400_000;

export async function runEventReminders(ctx: ServiceContext): Promise<{ events: number; promoted: number }> {
  const { db, now } = ctx;
  const recently = new Date(now.getTime() - 7 * DAY);
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
  // Every event with someone promoted in the past week (just now included): their mail is written
  // again, and the dedupe keys let through only what was never written (a request that promoted but
  // lost its second step, or the promotion above).
  const promotedEvents = await db
    .select(eventColumns)
    .from(events)
    .where(
      inArray(
        events.id,
        db
          .selectDistinct({ id: eventRegistrations.eventId })
          .from(eventRegistrations)
          .where(
            and(eq(eventRegistrations.status, 'confirmed'), gte(eventRegistrations.promotedAt, recently)),
          ),
      ),
    );
  const mails = [
    ...soon.map(toEventRecord).map((event) =>
      eventMailQuery(ctx, {
        kind: 'reminder',
        event,
        recipients: sql`r.event_id = ${event.id} AND r.status = 'confirmed'`,
        dedupe: sql`'event-reminder:' || r.id || ':' || r.queue_seq`,
      }),
    ),
    ...promotedEvents.map(toEventRecord).map((event) =>
      eventMailQuery(ctx, {
        kind: 'promoted',
        event,
        recipients: sql`r.event_id = ${event.id} AND r.status = 'confirmed' AND r.promoted_at >= ${recently.getTime()}`,
        dedupe: PROMOTION_DEDUPE,
      }),
    ),
  ];
  const [first, ...rest] = mails;
  if (first) await db.batch([first, ...rest]);
  return { events: soon.length, promoted: promoted.length };
}
