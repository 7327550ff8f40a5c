/**
 * Public company pages: only verified companies are visible (pending and rejected ones answer 404),
 * with approved products and communities only, and never the founder's name or the credit code.
 */
import { describe, expect, it } from 'vitest';
import { requestDb } from '~/functions/db/client';
import { getCompany } from '~/functions/services/companies/get-company';
import { listCompanies } from '~/functions/services/companies/list-companies';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { insertCompany, insertMembership, insertProduct, insertUser } from '../factories/records';

const catalog = buildCatalog({
  communities: [
    buildCommunity('changjiang'),
    buildCommunity('guanggu', { name: { zh: '光谷社区', en: 'Guanggu' } }),
  ],
});
const { app, db, client } = await testApp({ catalog });

const owner = await insertUser(db);
const company = await insertCompany(db, owner.id, {
  name: '武汉律小行智能科技有限公司',
  founderName: '李四',
  businessScope: '人工智能应用软件开发；\n法律科技软件开发。',
  website: 'https://lawbot.example.com',
});
const approved = await insertProduct(db, company.id, { name: '法律智能体助手', kind: 'agent' });
await insertProduct(db, company.id, { name: '待审产品', status: 'pending' });
await insertProduct(db, company.id, { name: '被拒产品', status: 'rejected' });
await insertMembership(db, company.id, 'changjiang');
await insertMembership(db, company.id, 'guanggu', { status: 'pending' });
await insertMembership(db, company.id, 'removed-community');
const pending = await insertCompany(db, owner.id, { status: 'pending' });
const rejected = await insertCompany(db, owner.id, { status: 'rejected', rejectionReason: '材料不全' });
const others: Array<{ id: number }> = [];
for (let i = 0; i < 4; i++) others.push(await insertCompany(db, owner.id));

const get = async <T>(path: string) => {
  const res = await app.request(path);
  return { res, body: (await res.json()) as T };
};

describe('GET /api/v1/companies/{id}', () => {
  it('shows a verified company with its approved products and communities, in one round trip', async () => {
    const { res, body } = await get<Record<string, unknown>>(`/api/v1/companies/${company.id}`);
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    expect(body).toEqual({
      id: company.id,
      name: '武汉律小行智能科技有限公司',
      nameEn: null,
      district: 'jiangan',
      businessScope: '人工智能应用软件开发；\n法律科技软件开发。',
      businessScopeEn: null,
      website: 'https://lawbot.example.com',
      logo: null,
      products: [
        {
          id: approved.id,
          name: '法律智能体助手',
          tagline: approved.tagline,
          nameEn: null,
          taglineEn: null,
          kind: 'agent',
          logo: null,
        },
      ],
      communities: [{ slug: 'changjiang', name: { zh: '测试社区', en: 'Test community' } }],
    });
  });

  it('never includes the founder, the credit code or the owner', async () => {
    const { body } = await get<Record<string, unknown>>(`/api/v1/companies/${company.id}`);
    const text = JSON.stringify(body);
    expect(text).not.toContain('李四');
    expect(text).not.toContain(company.creditCode);
    expect(Object.keys(body)).not.toContain('ownerId');
  });

  it('answers 404 for pending, rejected and unknown companies, 422 for an id that is not one', async () => {
    for (const id of [pending.id, rejected.id, 999_999]) {
      const { res, body } = await get<{ code: string; detail: string }>(`/api/v1/companies/${id}`);
      expect(res.status).toBe(404);
      expect(body.code).toBe('company_not_found');
      expect(JSON.stringify(body)).not.toContain('材料不全');
    }
    for (const id of ['abc', '0', '-1', '1.5']) {
      expect((await get(`/api/v1/companies/${id}`)).res.status).toBe(422);
    }
  });
});

describe('GET /api/v1/companies', () => {
  it('lists verified companies only and walks every page exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/companies?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { res, body } = await get<{ items: Array<{ id: number }>; nextCursor: string | null }>(path);
      expect(res.status).toBe(200);
      expect(roundTrips(res)).toBe(1);
      seen.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    const verified = [company.id, ...others.map((c) => c.id)];
    expect(seen).toEqual(verified.sort((a, b) => a - b));
    expect(seen).not.toContain(pending.id);
    expect(seen).not.toContain(rejected.id);
    expect(pages).toBe(3);
  });

  it('refuses a tampered cursor with 422', async () => {
    const { res, body } = await get<{ code: string }>('/api/v1/companies?cursor=WyJ4Il0');
    expect(res.status).toBe(422);
    expect(body.code).toBe('invalid_cursor');
  });
});

describe('company services (what the pages call)', () => {
  it('getCompany batches its three reads into one round trip and hides non-verified companies', async () => {
    const { db: counted, metrics } = requestDb(client);
    const ctx = serviceContext(counted, catalog, new Date('2026-11-25T10:00:00+08:00'));
    const found = await getCompany({ ctx, input: { id: company.id } });
    expect(metrics.roundTrips).toBe(1);
    expect(found.communities.map((c) => c.slug)).toEqual(['changjiang']);
    await expect(getCompany({ ctx, input: { id: pending.id } })).rejects.toMatchObject({ status: 404 });
    const page = await listCompanies({ ctx, input: { limit: 100 } });
    expect(page.items.map((c) => c.id)).not.toContain(rejected.id);
  });
});
