/** Upcoming or past events from the catalog, keyset-paginated (no database round trip). */
import type { Event } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { pageByKey } from '../../lib/catalog-page';
import { decodeCursor } from '../../lib/cursor';
import type { Page } from '../../schemas/pagination';

export interface ListEventsInput {
  when: 'upcoming' | 'past';
  community?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** An event is upcoming until it ends, so one in progress still shows among upcoming events. */
export const isUpcoming = (event: Event, now: Date) => event.endsAt.getTime() > now.getTime();

export function listEvents({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'catalog' | 'now'>;
  input: ListEventsInput;
}): Page<Event> {
  const upcoming = input.when === 'upcoming';
  const events = ctx.catalog.events.filter(
    (event) =>
      isUpcoming(event, ctx.now) === upcoming && (!input.community || event.community === input.community),
  );
  // Upcoming: soonest first; past: latest first. The slug breaks ties between simultaneous events.
  const key = (event: Event) => [upcoming ? event.startsAt.getTime() : -event.startsAt.getTime(), event.slug];
  const after = input.cursor ? decodeCursor(input.cursor, ['number', 'string']) : null;
  return pageByKey(events, key, after, input.limit);
}
