/**
 * The communities directory through the API and its services: filters by district and focus, cursor
 * pagination, member companies (verified companies with an approved membership only), 404/422.
 */
import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { getCommunity } from '~/functions/services/communities/get-community';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildCommunity, buildContest } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { insertCompany, insertEvent, insertMembership, insertUser } from '../factories/records';

const catalog = buildCatalog({
  communities: [
    buildCommunity('changjiang', { district: 'jiangan', focus: ['token-economy', 'agents'] }),
    buildCommunity('hezuo', { district: 'jiangan', focus: ['data'] }),
    buildCommunity('hanjiangwan', { district: 'qiaokou', focus: ['agents'] }),
    buildCommunity('guanggu', { district: 'east-lake-hi-tech', focus: ['compute', 'foundation-models'] }),
    buildCommunity('binjiang', { district: 'wuchang', focus: ['agents', 'content-creation'] }),
  ],
  contests: [buildContest()],
});
const { app, db, client, clock } = await testApp({ catalog, now: '2026-11-25T10:00:00+08:00' });
await insertEvent(db, 'changjiang-past', {
  community: 'changjiang',
  startsAt: '2026-03-20T10:00:00+08:00',
  endsAt: '2026-03-20T11:30:00+08:00',
});
await insertEvent(db, 'changjiang-next', {
  community: 'changjiang',
  startsAt: '2026-12-01T14:00:00+08:00',
  endsAt: '2026-12-01T17:00:00+08:00',
});
await insertEvent(db, 'guanggu-next', {
  community: 'guanggu',
  startsAt: '2027-01-16T14:00:00+08:00',
  endsAt: '2027-01-16T17:00:00+08:00',
});

const owner = await insertUser(db);
const member = await insertCompany(db, owner.id, { name: '甲 已认证已批准' });
const second = await insertCompany(db, owner.id, { name: '乙 已认证已批准' });
const pendingMembership = await insertCompany(db, owner.id, { name: '丙 申请待审' });
const declinedMembership = await insertCompany(db, owner.id, { name: '丁 申请被拒' });
const pendingCompany = await insertCompany(db, owner.id, { name: '戊 公司待认证', status: 'pending' });
const rejectedCompany = await insertCompany(db, owner.id, { name: '己 公司被拒', status: 'rejected' });
const elsewhere = await insertCompany(db, owner.id, { name: '庚 其他社区' });
await insertMembership(db, member.id, 'changjiang');
await insertMembership(db, second.id, 'changjiang');
await insertMembership(db, pendingMembership.id, 'changjiang', { status: 'pending' });
await insertMembership(db, declinedMembership.id, 'changjiang', { status: 'declined' });
await insertMembership(db, pendingCompany.id, 'changjiang');
await insertMembership(db, rejectedCompany.id, 'changjiang');
await insertMembership(db, elsewhere.id, 'guanggu');

type Page = { items: Array<{ slug: string; district: string; focus: string[] }>; nextCursor: string | null };
const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as T };
};
const slugs = (page: Page) => page.items.map((c) => c.slug);

describe('GET /api/v1/communities', () => {
  it('lists every community in slug order without touching the database', async () => {
    const { res, body } = await get<Page>('/api/v1/communities');
    expect(res.status).toBe(200);
    expect(slugs(body)).toEqual(['binjiang', 'changjiang', 'guanggu', 'hanjiangwan', 'hezuo']);
    expect(body.nextCursor).toBeNull();
    expect(roundTrips(res)).toBe(0);
  });

  it('filters by district, by focus, and by both', async () => {
    expect(slugs((await get<Page>('/api/v1/communities?district=jiangan')).body)).toEqual([
      'changjiang',
      'hezuo',
    ]);
    expect(slugs((await get<Page>('/api/v1/communities?focus=agents')).body)).toEqual([
      'binjiang',
      'changjiang',
      'hanjiangwan',
    ]);
    expect(slugs((await get<Page>('/api/v1/communities?district=jiangan&focus=agents')).body)).toEqual([
      'changjiang',
    ]);
    expect(slugs((await get<Page>('/api/v1/communities?district=hanyang')).body)).toEqual([]);
  });

  it('treats the empty value of a GET form ("all") as no filter', async () => {
    const { res, body } = await get<Page>('/api/v1/communities?district=&focus=');
    expect(res.status).toBe(200);
    expect(body.items).toHaveLength(5);
  });

  it('walks all pages exactly once, filters kept', async () => {
    for (const [query, expected] of [
      ['', 5],
      ['&focus=agents', 3],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const cursorParam: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const { body } = await get<Page>(`/api/v1/communities?limit=2${query}${cursorParam}`);
        seen.push(...slugs(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 2));
    }
  });

  it('answers 422 problems for an unknown district, a bad limit or a tampered cursor', async () => {
    const district = await get<{ code: string; errors: Record<string, string[]> }>(
      '/api/v1/communities?district=mars',
    );
    expect(district.res.status).toBe(422);
    expect(district.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Object.keys(district.body.errors)).toEqual(['district']);
    expect((await get('/api/v1/communities?limit=0')).res.status).toBe(422);
    expect((await get('/api/v1/communities?focus=space-travel')).res.status).toBe(422);
    const cursor = await get<{ code: string }>('/api/v1/communities?cursor=not-a-cursor');
    expect(cursor.res.status).toBe(422);
    expect(cursor.body.code).toBe('invalid_cursor');
  });
});

describe('GET /api/v1/communities/{slug}', () => {
  type Detail = {
    slug: string;
    members: Array<Record<string, unknown>>;
    upcomingEvents: Array<{ slug: string; startsAt: string }>;
    vouchers: unknown[];
    contactEmail: string;
  };

  it('lists only verified companies with an approved membership, without personal data, in one round trip', async () => {
    const { res, body } = await get<Detail>('/api/v1/communities/changjiang');
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(body.members.map((m) => m.id).sort()).toEqual([member.id, second.id].sort());
    for (const m of body.members) expect(Object.keys(m).sort()).toEqual(['district', 'id', 'name']);
    expect(body.contactEmail).toBe('hello@example.com');
  });

  it("shows the community's upcoming events only, by the injected clock", async () => {
    const { body } = await get<Detail>('/api/v1/communities/changjiang');
    expect(body.upcomingEvents.map((e) => e.slug)).toEqual(['changjiang-next']);
    expect(body.upcomingEvents[0]?.startsAt).toBe('2026-12-01T14:00:00+08:00');
    clock.set('2026-12-01T17:00:00+08:00');
    try {
      expect((await get<Detail>('/api/v1/communities/changjiang')).body.upcomingEvents).toEqual([]);
    } finally {
      clock.set('2026-11-25T10:00:00+08:00');
    }
  });

  it('answers a 404 problem for an unknown community', async () => {
    const { res, body } = await get<{ status: number; code: string }>('/api/v1/communities/nope');
    expect(res.status).toBe(404);
    expect(body).toMatchObject({ status: 404, code: 'community_not_found' });
  });
});

describe('getCommunity (the service pages call)', () => {
  it('makes one round trip and returns the same members', async () => {
    const { db: counted, metrics } = requestDb(client);
    const ctx = serviceContext(counted, catalog, new Date('2026-11-25T10:00:00+08:00'));
    const result = await getCommunity({ ctx, input: { slug: 'guanggu' } });
    expect(metrics.roundTrips).toBe(1);
    expect(result.members.map((m) => m.name)).toEqual(['庚 其他社区']);
    expect(result.upcomingEvents.map((e) => e.slug)).toEqual(['guanggu-next']);
  });
});

describe('OpenAPI document', () => {
  it('describes the directory routes with named response schemas', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/api/v1/communities',
      '/api/v1/communities/{slug}',
      '/api/v1/companies',
      '/api/v1/companies/{id}',
      '/api/v1/contests',
      '/api/v1/contests/{slug}',
      '/api/v1/events',
      '/api/v1/events/{slug}',
    ]) {
      expect(doc.paths[path]?.get?.responses['200'], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/communities']?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'cursor',
      'district',
      'focus',
      'limit',
    ]);
    for (const name of [
      'CommunityPage',
      'CommunityDetail',
      'CompanyDetail',
      'ContestDetail',
      'EventPage',
      'Problem',
    ]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});
