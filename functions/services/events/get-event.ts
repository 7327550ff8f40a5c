/**
 * One public event with its community and, for a signed-in viewer, their registration: one round
 * trip (the event and the registration in one batch).
 */
import type { Community } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { type Placeholders, queryShape } from '../../db/query-shape';
import { eventNotFound } from '../../lib/errors';
import { type EventRecord, publicEventQuery, toEventRecord } from './event-record';
import { eventIdBySlug, type MyRegistration, myRegistrationQuery, toMyRegistration } from './registration';

export interface EventWithCommunity {
  event: EventRecord;
  community: Community | null;
  /** The viewer's registration; null when signed out or not registered. */
  registration: MyRegistration | null;
}

// Built once per isolate (functions/db/query-shape.ts).
const eventShape = queryShape((db, p: Placeholders<'slug'>) => publicEventQuery(db, p.slug), ['slug']);
const registrationShape = queryShape(
  (db, p: Placeholders<'slug' | 'userId'>) => myRegistrationQuery(db, eventIdBySlug(db, p.slug), p.userId),
  ['slug', 'userId'],
);

export async function getEvent({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'user'>;
  input: { slug: string };
}): Promise<EventWithCommunity> {
  const { db, user } = ctx;
  let row: Awaited<ReturnType<typeof publicEventQuery>>[number] | undefined;
  let mine: Awaited<ReturnType<typeof myRegistrationQuery>>[number] | undefined;
  if (user) {
    const [events, registrations] = await db.batch([
      eventShape(db, { slug: input.slug }),
      registrationShape(db, { slug: input.slug, userId: user.id }),
    ]);
    row = events[0];
    mine = registrations[0];
  } else {
    [row] = await eventShape(db, { slug: input.slug });
  }
  if (!row) throw eventNotFound();
  const event = toEventRecord(row);
  return {
    event,
    community: event.community ? (ctx.catalog.community(event.community) ?? null) : null,
    registration: mine ? toMyRegistration(mine) : null,
  };
}
