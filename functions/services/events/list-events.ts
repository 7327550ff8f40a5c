/** Upcoming or past public events, keyset-paginated by (start, slug): one round trip. */
import { and, eq, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { events } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page } from '../../schemas/pagination';
import { type EventRecord, eventColumnsWithCover, isPublic, toEventRecord } from './event-record';

export { isUpcoming } from './event-record';

export interface ListEventsInput {
  when: 'upcoming' | 'past';
  community?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listEvents({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now'>;
  input: ListEventsInput;
}): Promise<Page<EventRecord>> {
  const upcoming = input.when === 'upcoming';
  const now = ctx.now.getTime();
  // Upcoming: soonest first; past: latest first. The slug breaks ties between simultaneous events.
  const after = input.cursor ? decodeCursor(input.cursor, ['number', 'string']) : null;
  const keyAfter = after
    ? upcoming
      ? or(
          sql`${events.startsAt} > ${after[0]}`,
          and(eq(events.startsAt, new Date(after[0])), sql`${events.slug} > ${after[1]}`),
        )
      : or(
          sql`${events.startsAt} < ${-after[0]}`,
          and(eq(events.startsAt, new Date(-after[0])), sql`${events.slug} > ${after[1]}`),
        )
    : undefined;
  const rows = await ctx.db
    .select(eventColumnsWithCover)
    .from(events)
    .where(
      and(
        isPublic,
        upcoming ? sql`${events.endsAt} > ${now}` : sql`${events.endsAt} <= ${now}`,
        input.community ? eq(events.communitySlug, input.community) : undefined,
        keyAfter,
      ),
    )
    .orderBy(upcoming ? sql`${events.startsAt} ASC` : sql`${events.startsAt} DESC`, events.slug)
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(toEventRecord);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor([upcoming ? last.startsAt.getTime() : -last.startsAt.getTime(), last.slug])
        : null,
  };
}
