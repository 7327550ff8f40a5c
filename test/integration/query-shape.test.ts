/**
 * Query shapes (functions/db/query-shape.ts) on a real libSQL database: built once, bound per use,
 * and answering exactly what the query builder answers, in a batch and alone.
 */
import { eq, type Placeholder } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Placeholders, queryShape } from '~/functions/db/query-shape';
import { users } from '~/functions/db/schema';
import { upcomingEventsQuery } from '~/functions/services/events/event-record';
import { freshDatabase } from '../factories/db';
import { insertEvent, insertUser } from '../factories/records';

describe('a query shape', () => {
  it('builds its SQL once and answers like the builder, batched or alone', async () => {
    const { db } = await freshDatabase();
    const a = await insertUser(db, { name: '甲' });
    const b = await insertUser(db, { name: '乙' });
    let builds = 0;
    const byId = queryShape(
      (d, p: Placeholders<'id'>) => {
        builds += 1;
        return select(d, p.id);
      },
      ['id'],
    );
    const select = (d: typeof db, id: number | Placeholder) =>
      d
        .select({ id: users.id, name: users.name, verifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(eq(users.id, id));
    const [one, two] = await db.batch([byId(db, { id: a.id }), byId(db, { id: b.id })]);
    expect(one).toEqual(await select(db, a.id));
    expect(two).toEqual(await select(db, b.id));
    // Mapped like the builder: the timestamp column comes back as a Date.
    expect(one[0]?.verifiedAt).toBeInstanceOf(Date);
    expect(await byId(db, { id: b.id })).toEqual(two);
    expect(builds).toBe(1);
  });

  it('takes "now" as a placeholder in the upcoming-events query', async () => {
    const { db } = await freshDatabase();
    const now = new Date('2026-11-25T02:00:00Z');
    const shape = queryShape((d, p: Placeholders<'now'>) => upcomingEventsQuery(d, p.now, 10), ['now']);
    const early = await insertEvent(db, 'shape-early', { endsAt: '2026-12-01T17:00:00+08:00' });
    const late = await insertEvent(db, 'shape-late', {
      startsAt: '2026-12-20T14:00:00+08:00',
      endsAt: '2026-12-20T17:00:00+08:00',
    });
    const expected = await upcomingEventsQuery(db, now, 10);
    expect(expected.map((e) => e.slug)).toEqual(expect.arrayContaining([early.slug, late.slug]));
    expect(await shape(db, { now: now.getTime() })).toEqual(expected);
    // A later "now" leaves out what ended before it.
    const after = await shape(db, { now: early.endsAt.getTime() });
    expect(after.map((e) => e.slug)).toContain(late.slug);
    expect(after.map((e) => e.slug)).not.toContain(early.slug);
  });
});
