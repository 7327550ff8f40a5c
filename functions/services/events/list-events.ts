/** Upcoming or past public events, keyset-paginated by (start, slug): one round trip for one or both. */
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

export async function listEvents(args: {
  ctx: Pick<ServiceContext, 'db' | 'now'>;
  input: ListEventsInput;
}): Promise<Page<EventRecord>> {
  const list = listEventsQuery(args);
  return list.page(await list.query);
}

/**
 * Both lists of the events page (upcoming and past) in one batch. A cursor that cannot be read
 * starts its list over (the page's rule for a stale link).
 */
export async function listEventsBoth({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now'>;
  input: Omit<ListEventsInput, 'when'> & { when: ListEventsInput['when'] };
}): Promise<{ upcoming: Page<EventRecord>; past: Page<EventRecord> }> {
  const of = (when: ListEventsInput['when']) => {
    const cursor = when === input.when ? input.cursor : undefined;
    try {
      return listEventsQuery({ ctx, input: { ...input, when, cursor } });
    } catch (err) {
      if (cursor === undefined) throw err;
      return listEventsQuery({ ctx, input: { ...input, when, cursor: undefined } });
    }
  };
  const upcoming = of('upcoming');
  const past = of('past');
  const [upcomingRows, pastRows] = await ctx.db.batch([upcoming.query, past.query]);
  return { upcoming: upcoming.page(upcomingRows), past: past.page(pastRows) };
}

/** The query of one list and how its rows become the page; throws at once on a bad cursor. */
function listEventsQuery({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'now'>;
  input: ListEventsInput;
}) {
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
  const query = ctx.db
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
  const page = (rows: Awaited<typeof query>): Page<EventRecord> => {
    const items = rows.slice(0, input.limit).map(toEventRecord);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > input.limit && last
          ? encodeCursor([upcoming ? last.startsAt.getTime() : -last.startsAt.getTime(), last.slug])
          : null,
    };
  };
  return { query, page };
}
