/** Events through the API: upcoming vs past by the injected clock, community filter, pagination, 404/422; drafts stay private. */
import { describe, expect, it } from 'vitest';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { insertEvent } from '../factories/records';

const at = (startsAt: string, endsAt: string, community?: string) => ({
  startsAt,
  endsAt,
  ...(community ? { community } : {}),
});
const catalog = buildCatalog({ communities: [buildCommunity('changjiang'), buildCommunity('guanggu')] });
const { app, clock, db } = await testApp({ catalog, now: '2026-11-25T10:00:00+08:00' });
for (const [slug, times] of [
  ['past-2025', at('2025-11-28T14:00:00+08:00', '2025-11-28T17:30:00+08:00', 'changjiang')],
  ['past-2026', at('2026-03-20T10:00:00+08:00', '2026-03-20T11:30:00+08:00', 'guanggu')],
  ['ended-now', at('2026-11-25T08:00:00+08:00', '2026-11-25T10:00:00+08:00')],
  ['in-progress', at('2026-11-25T09:00:00+08:00', '2026-11-25T12:00:00+08:00', 'changjiang')],
  ['dec-a', at('2026-12-01T14:00:00+08:00', '2026-12-01T17:00:00+08:00', 'changjiang')],
  ['dec-b', at('2026-12-01T14:00:00+08:00', '2026-12-01T16:00:00+08:00', 'guanggu')],
  ['next-year', { ...at('2027-01-16T14:00:00+08:00', '2027-01-16T17:00:00+08:00'), capacity: 80 }],
  ['a-draft', { ...at('2026-12-02T14:00:00+08:00', '2026-12-02T17:00:00+08:00'), status: 'draft' as const }],
] as const) {
  await insertEvent(db, slug, times);
}

type Page = {
  items: Array<{ slug: string; startsAt: string; capacity: number | null }>;
  nextCursor: string | null;
};
const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as T };
};
const slugs = async (path: string) => (await get<Page>(path)).body.items.map((e) => e.slug);

async function walk(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/v1/events?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { body } = await get<Page>(path);
    seen.push(...body.items.map((e) => e.slug));
    cursor = body.nextCursor;
  } while (cursor && seen.length < 20);
  return seen;
}

describe('GET /api/v1/events', () => {
  it('lists upcoming events (not yet ended, in progress included) soonest first, by default', async () => {
    const { res, body } = await get<Page>('/api/v1/events');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(body.items.map((e) => e.slug)).toEqual(['in-progress', 'dec-a', 'dec-b', 'next-year']);
    expect(body.items[3]).toMatchObject({ startsAt: '2027-01-16T14:00:00+08:00', capacity: 80 });
  });

  it('lists past events latest first; an event ending exactly now is past', async () => {
    expect(await slugs('/api/v1/events?when=past')).toEqual(['ended-now', 'past-2026', 'past-2025']);
  });

  it('moves events between the lists as the clock moves', async () => {
    clock.set('2026-12-01T16:00:00+08:00');
    try {
      expect(await slugs('/api/v1/events?when=upcoming')).toEqual(['dec-a', 'next-year']);
      expect(await slugs('/api/v1/events?when=past')).toContain('dec-b');
    } finally {
      clock.set('2026-11-25T10:00:00+08:00');
    }
  });

  it('filters by community', async () => {
    expect(await slugs('/api/v1/events?community=changjiang')).toEqual(['in-progress', 'dec-a']);
    expect(await slugs('/api/v1/events?when=past&community=guanggu')).toEqual(['past-2026']);
    expect(await slugs('/api/v1/events?community=unknown')).toEqual([]);
  });

  it('walks every page of both lists exactly once, ties on start time included', async () => {
    expect(await walk('')).toEqual(['in-progress', 'dec-a', 'dec-b', 'next-year']);
    expect(await walk('&when=past')).toEqual(['ended-now', 'past-2026', 'past-2025']);
  });

  it('answers 422 problems for an unknown "when", a malformed community or a tampered cursor', async () => {
    for (const query of ['when=soon', 'community=Not%20A%20Slug', 'cursor=abc', 'limit=101']) {
      const { res, body } = await get<{ status: number }>(`/api/v1/events?${query}`);
      expect(res.status).toBe(422);
      expect(body.status).toBe(422);
    }
  });
});

describe('GET /api/v1/events/{slug}', () => {
  it('answers the event with its description and +08:00 times', async () => {
    const { res, body } = await get<Record<string, unknown>>('/api/v1/events/dec-a');
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      slug: 'dec-a',
      community: 'changjiang',
      startsAt: '2026-12-01T14:00:00+08:00',
      endsAt: '2026-12-01T17:00:00+08:00',
      description: { zh: '测试', en: 'Test' },
      capacity: null,
      seatsLeft: null,
      waitlistLength: 0,
      registration: null,
    });
  });

  it('answers a 404 problem for an unknown event and for a draft', async () => {
    for (const slug of ['nope', 'a-draft']) {
      const { res, body } = await get<{ code: string }>(`/api/v1/events/${slug}`);
      expect(res.status).toBe(404);
      expect(body.code).toBe('event_not_found');
    }
  });
});
