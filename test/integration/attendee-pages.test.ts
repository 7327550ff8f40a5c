/**
 * The admin event page lists attendees a page at a time (issue 17: an event with thousands of
 * registrations): 100 per page in queue order, a cursor to the next, the count of everyone, and a
 * waitlisted person's place counted over the whole waitlist, not the page.
 */
import { describe, expect, it } from 'vitest';
import { eventRegistrations } from '~/functions/db/schema';
import { ATTENDEE_PAGE, listAttendees } from '~/functions/services/events/attendees';
import { buildCatalog } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertEvent, insertUser } from '../factories/records';

describe('attendee pages', () => {
  it('pages 150 registrations as 100 + 50, with places on the waitlist across pages', async () => {
    const { db } = await freshDatabase();
    const event = await insertEvent(db, 'paged-event', { capacity: 120 });
    const at = new Date('2026-11-20T02:00:00Z');
    const people = [];
    for (let i = 0; i < 150; i++) people.push(await insertUser(db));
    await db.insert(eventRegistrations).values(
      people.map((p, i) => ({
        eventId: event.id,
        userId: p.id,
        status: i < 120 ? ('confirmed' as const) : ('waitlisted' as const),
        ticketCode: `PAGED${String(i).padStart(11, '0')}`,
        queueSeq: i + 1,
        createdAt: at,
        updatedAt: at,
      })),
    );
    const organizer = await insertUser(db, { role: 'organizer' });
    const ctx = serviceContext(db, buildCatalog(), new Date('2026-11-25T02:00:00Z'), {
      user: {
        id: organizer.id,
        email: organizer.email,
        name: organizer.name,
        role: 'organizer',
        emailVerified: true,
      },
    });
    const first = await listAttendees({ ctx, input: { slug: 'paged-event', cursor: null } });
    expect(first.total).toBe(150);
    expect(first.attendees).toHaveLength(ATTENDEE_PAGE);
    expect(first.attendees[0]?.name).toBe(people[0]?.name);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAttendees({ ctx, input: { slug: 'paged-event', cursor: first.nextCursor } });
    expect(second.attendees.map((a) => a.name)).toEqual(people.slice(100).map((p) => p.name));
    expect(second.nextCursor).toBeNull();
    // The 121st registration is first on the waitlist, though it is the 21st row of its page.
    expect(second.attendees[20]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(second.attendees[49]).toMatchObject({ waitlistPosition: 30 });
    // Filtered: the waitlist alone, one page, its count.
    const waitlist = await listAttendees({
      ctx,
      input: { slug: 'paged-event', status: 'waitlisted', cursor: null },
    });
    expect(waitlist).toMatchObject({ total: 30, nextCursor: null });
    expect(waitlist.attendees.map((a) => a.waitlistPosition)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    // Without a cursor (the CSV, the API): everyone.
    expect((await listAttendees({ ctx, input: { slug: 'paged-event' } })).attendees).toHaveLength(150);
    // A malformed cursor is the first page, not an error.
    expect(
      (await listAttendees({ ctx, input: { slug: 'paged-event', cursor: 'nonsense' } })).attendees[0]?.name,
    ).toBe(people[0]?.name);
  });
});
