/** Writes the demo events and their registrations (inside the seed's transaction). */

import { newTicketCode } from '../../services/events/registration';
import { eventRegistrations, events } from '../schema';
import type { DemoEvent } from './demo-types';

type Tx = Parameters<Parameters<import('../client').Db['transaction']>[0]>[0];

export async function seedEvents(opts: {
  tx: Tx;
  demoEvents: readonly DemoEvent[];
  userId: (key: string) => number;
  organizerId: number;
  now: Date;
  communityExists: (slug: string) => boolean;
}): Promise<number> {
  const { tx, userId, now } = opts;
  for (const e of opts.demoEvents) {
    if (e.community && !opts.communityExists(e.community)) {
      throw new Error(`demo data: event "${e.slug}" refers to unknown community "${e.community}"`);
    }
    const startsAt = new Date(e.startsAt);
    const createdAt = new Date(Math.min(now.getTime(), startsAt.getTime()) - 30 * 86_400_000);
    const [row] = await tx
      .insert(events)
      .values({
        slug: e.slug,
        communitySlug: e.community,
        status: 'published',
        sample: true,
        titleZh: e.title.zh,
        titleEn: e.title.en,
        summaryZh: e.summary.zh,
        summaryEn: e.summary.en,
        descriptionZh: e.description.zh,
        descriptionEn: e.description.en,
        venueZh: e.venue.zh,
        venueEn: e.venue.en,
        roomZh: e.room?.zh ?? null,
        roomEn: e.room?.en ?? null,
        roomPrivate: e.room?.private ?? false,
        onlineUrl: e.onlineUrl ?? null,
        startsAt,
        endsAt: new Date(e.endsAt),
        capacity: e.capacity,
        approvalRequired: e.approvalRequired ?? false,
        questions: e.questions ?? [],
        createdBy: opts.organizerId,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: events.id });
    if (!row) continue;
    for (const [i, r] of (e.registrations ?? []).entries()) {
      const seated = e.capacity === null || i < e.capacity;
      const status = e.approvalRequired
        ? 'pending'
        : !seated
          ? 'waitlisted'
          : r.checkedIn
            ? 'attended'
            : 'confirmed';
      const at = new Date(createdAt.getTime() + (i + 1) * 3_600_000);
      await tx.insert(eventRegistrations).values({
        eventId: row.id,
        userId: userId(r.userKey),
        status,
        answers: r.answers ?? {},
        queueSeq: i + 1,
        ticketCode: newTicketCode(),
        checkedInAt: status === 'attended' ? startsAt : null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return opts.demoEvents.length;
}
