/**
 * A search matching more products than the cap (SEARCH_CAP, decision 024), through the built
 * Worker: the page says "more than 500" in both languages and why relevance looks at the newest
 * matches only; the API answers the same total with totalCapped; one round trip each. The products
 * are added to the shared Worker database for this file and removed afterwards.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '~/functions/db/client';
import { companies, products, users } from '~/functions/db/schema';
import { creditCodeCheckChar } from '~/functions/lib/credit-code';
import { SEARCH_CAP } from '~/functions/schemas/products';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { roundTrips } from '../factories/app';
import { insertCompany, insertUser } from '../factories/records';
import { workerClient } from '../helpers/worker-db';

const base = inject('workerUrl');
const client = await workerClient(`file:${inject('workerDbFile')}`);
const db = createDb(client);
/** In no demo text: only this file's products match it. */
const WORD = '珐琅';
const at = new Date('2026-11-20T02:00:00Z');

let ownerId = 0;
let companyId = 0;

beforeAll(async () => {
  const owner = await insertUser(db, { email: `search-cap-${Date.now()}@example.com` });
  const body = `91420100MA${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const company = await insertCompany(db, owner.id, {
    name: '珐琅工坊',
    creditCode: body + creditCodeCheckChar(body),
  });
  ownerId = owner.id;
  companyId = company.id;
  const rows = Array.from({ length: SEARCH_CAP + 1 }, (_, i) => {
    const text = { name: `${WORD}作品${i}`, tagline: '手作', description: '景泰蓝工艺', tags: [] };
    return {
      ...text,
      companyId,
      website: 'https://enamel.example.com',
      kind: 'product' as const,
      category: 'culture-tourism',
      status: 'approved' as const,
      searchText: productSearchText(text),
      voteCount: i % 7,
      approvedAt: at,
      createdAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db.insert(products).values(rows.slice(i, i + 100));
});

afterAll(async () => {
  // The delete triggers take them out of the FTS index, the listings and the live figures.
  await db.delete(products).where(eq(products.companyId, companyId));
  await db.delete(companies).where(eq(companies.id, companyId));
  await db.delete(users).where(eq(users.id, ownerId));
  client.close();
});

const search = `q=${encodeURIComponent(WORD)}`;

describe(`a search matching more than ${SEARCH_CAP} products`, () => {
  it('the Chinese page says "more than" and that relevance looks at the newest matches', async () => {
    const res = await fetch(`${base}/products?${search}`);
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    const html = await res.text();
    expect(html).toContain(`找到超过 ${SEARCH_CAP} 个`);
    expect(html).toContain(`相关度只在最近提交的 ${SEARCH_CAP} 个中排序`);
    expect(html).not.toContain(`找到 ${SEARCH_CAP} 个`);
  });

  it('so does the English page', async () => {
    const res = await fetch(`${base}/en/products?${search}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`More than ${SEARCH_CAP} results`);
    expect(html).toContain(`relevance orders the ${SEARCH_CAP} most recently submitted of them`);
  });

  it('sorted by votes, the page still says "more than" without the relevance note', async () => {
    const html = await (await fetch(`${base}/products?${search}&sort=votes`)).text();
    expect(html).toContain(`找到超过 ${SEARCH_CAP} 个`);
    expect(html).not.toContain('相关度只在最近提交的');
  });

  it('the API answers the capped total with totalCapped', async () => {
    const res = await fetch(`${base}/api/v1/products?${search}&limit=5`);
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    const body = (await res.json()) as { total: number; totalCapped: boolean; items: unknown[] };
    expect([body.total, body.totalCapped, body.items.length]).toEqual([SEARCH_CAP, true, 5]);
    const exact = (await (
      await fetch(`${base}/api/v1/products?q=${encodeURIComponent('景泰蓝')}&kind=agent`)
    ).json()) as {
      total: number;
      totalCapped: boolean;
    };
    expect([exact.total, exact.totalCapped]).toEqual([0, false]);
  });
});
