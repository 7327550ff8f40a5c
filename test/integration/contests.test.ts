/**
 * Contests through the API and services: the phase at boundary instants (one second before and
 * after), published vs not, team counts, pagination, and the round-trip budget.
 */
import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { resultPublications } from '~/functions/db/schema';
import { listContests } from '~/functions/services/contests/list-contests';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildContest } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { insertTeam, insertUser } from '../factories/records';

const main = buildContest('test-contest');
const older = buildContest('older', {
  timeline: {
    registrationOpens: '2025-09-01T09:00:00+08:00',
    registrationCloses: '2025-10-15T18:00:00+08:00',
    submissionCloses: '2025-10-31T23:59:59+08:00',
    judgingCloses: '2025-11-20T18:00:00+08:00',
  },
});
const future = buildContest('future', {
  timeline: {
    registrationOpens: '2027-03-01T09:00:00+08:00',
    registrationCloses: '2027-04-01T18:00:00+08:00',
    submissionCloses: '2027-05-01T18:00:00+08:00',
    judgingCloses: '2027-06-01T18:00:00+08:00',
  },
});
const catalog = buildCatalog({ contests: [main, older, future] });
const { app, db, client, clock } = await testApp({ catalog });

for (let i = 0; i < 2; i++) await insertTeam(db, (await insertUser(db)).id, { contestSlug: 'test-contest' });
await insertTeam(db, (await insertUser(db)).id, { contestSlug: 'older' });
await db
  .insert(resultPublications)
  .values({ contestSlug: 'older', publishedAt: new Date('2025-11-21T18:00:00+08:00') });

type Summary = {
  slug: string;
  phase: string;
  teamCount: number;
  nextDeadline: { key: string; at: string } | null;
};
type Detail = Summary & {
  timeline: Record<string, string>;
  teamSize: { min: number; max: number };
  tracks: unknown[];
  rubric: Array<{ key: string; weight: number; max: number }>;
  prizes: unknown[];
  objectionDays: number;
  publishedAt: string | null;
  objectionCloses: string | null;
};
const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as T };
};
const phaseAt = async (instant: Date, slug = 'test-contest') => {
  clock.set(instant);
  return (await get<Detail>(`/api/v1/contests/${slug}`)).body.phase;
};
const shift = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('phase at the boundaries (GET /api/v1/contests/{slug})', () => {
  const { timeline } = main;

  it.each([
    ['registrationOpens', 'upcoming', 'registration'],
    ['registrationCloses', 'registration', 'submission'],
    ['submissionCloses', 'submission', 'judging'],
  ] as const)('switches at %s, to the second', async (key, before, after) => {
    expect(await phaseAt(shift(timeline[key], -1000))).toBe(before);
    expect(await phaseAt(timeline[key])).toBe(after);
    expect(await phaseAt(shift(timeline[key], 1000))).toBe(after);
  });

  it('stays in judging after judgingCloses until results are published, then shows results', async () => {
    expect(await phaseAt(shift(main.timeline.judgingCloses, 86_400_000))).toBe('judging');
    expect(await phaseAt(new Date('2026-11-25T10:00:00+08:00'), 'older')).toBe('results');
  });

  it('shows results as soon as a publication row exists, even before judgingCloses', async () => {
    const contest = buildContest('early');
    const early = await testApp({
      catalog: buildCatalog({ contests: [contest] }),
      now: '2026-11-01T10:00:00+08:00',
    });
    const before = await early.app.request('/api/v1/contests/early');
    expect(((await before.json()) as Detail).phase).toBe('judging');
    await early.db
      .insert(resultPublications)
      .values({ contestSlug: 'early', publishedAt: new Date('2026-11-01T09:00:00+08:00') });
    const after = (await (await early.app.request('/api/v1/contests/early')).json()) as Detail;
    expect(after.phase).toBe('results');
    expect(after.publishedAt).toBe('2026-11-01T09:00:00+08:00');
    expect(after.objectionCloses).toBe('2026-11-08T09:00:00+08:00');
    expect(after.nextDeadline).toEqual({ key: 'objectionCloses', at: '2026-11-08T09:00:00+08:00' });
  });

  it('points the countdown at the next deadline', async () => {
    clock.set(shift(main.timeline.registrationCloses, -1000));
    const { body } = await get<Detail>('/api/v1/contests/test-contest');
    expect(body.nextDeadline).toEqual({ key: 'registrationCloses', at: '2026-10-01T18:00:00+08:00' });
  });
});

describe('GET /api/v1/contests/{slug}', () => {
  it('carries timeline (+08:00), team size, tracks, rubric, prizes, objection days and the team count in one round trip', async () => {
    clock.set('2026-09-15T10:00:00+08:00');
    const { res, body } = await get<Detail>('/api/v1/contests/test-contest');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(body.timeline).toEqual({
      registrationOpens: '2026-09-01T09:00:00+08:00',
      registrationCloses: '2026-10-01T18:00:00+08:00',
      submissionCloses: '2026-10-31T23:59:59+08:00',
      judgingCloses: '2026-11-20T18:00:00+08:00',
    });
    expect(body.teamSize).toEqual({ min: 2, max: 3 });
    expect(body.rubric.map((r) => [r.key, r.weight, r.max])).toEqual([
      ['innovation', 40, 10],
      ['impact', 60, 5],
    ]);
    expect(body.tracks).toHaveLength(1);
    expect(body.prizes).toHaveLength(1);
    expect(body.objectionDays).toBe(7);
    expect(body.teamCount).toBe(2);
    expect(body.publishedAt).toBeNull();
  });

  it('answers a 404 problem for an unknown contest', async () => {
    const { res, body } = await get<{ code: string }>('/api/v1/contests/nope');
    expect(res.status).toBe(404);
    expect(body.code).toBe('contest_not_found');
  });
});

describe('GET /api/v1/contests', () => {
  it('lists newest first with phases and team counts from one round trip', async () => {
    clock.set('2026-11-25T10:00:00+08:00');
    const { res, body } = await get<{ items: Summary[]; nextCursor: string | null }>('/api/v1/contests');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(body.items.map((c) => [c.slug, c.phase, c.teamCount])).toEqual([
      ['future', 'upcoming', 0],
      ['test-contest', 'judging', 2],
      ['older', 'results', 1],
    ]);
  });

  it('walks all pages exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/contests?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { body } = await get<{ items: Summary[]; nextCursor: string | null }>(path);
      expect(body.items).toHaveLength(1);
      seen.push(...body.items.map((c) => c.slug));
      cursor = body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(['future', 'test-contest', 'older']);
  });

  it('answers 422 for a tampered cursor', async () => {
    expect((await get('/api/v1/contests?cursor=eyJhIjoxfQ')).res.status).toBe(422);
  });

  it('listContests reads the publications of all listed contests in one batch', async () => {
    const { db: counted, metrics } = requestDb(client);
    const ctx = serviceContext(counted, catalog, new Date('2026-11-25T10:00:00+08:00'));
    const page = await listContests({ ctx, input: { limit: 20 } });
    expect(metrics.roundTrips).toBe(1);
    expect(page.items.find((c) => c.contest.slug === 'older')?.publishedAt?.toISOString()).toBe(
      '2025-11-21T10:00:00.000Z',
    );
  });
});
