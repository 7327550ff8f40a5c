/**
 * AI products and agents through the JSON API and the services: Chinese and English search ranked by
 * bm25, filters, sorts, keyset pages that never repeat or skip, approved products only, localized 422
 * and 404 problems, one round trip per request, and the OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { communityMemberships, productListings, products, votes } from '~/functions/db/schema';
import { ProductListQuery } from '~/functions/schemas/products';
import { listProducts } from '~/functions/services/products/list-products';
import { productSearchText } from '~/functions/services/products/product-search-text';
import { loadProduct, loadProductList } from '~/src/lib/products-page';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { serviceContext } from '../factories/db';
import { insertMembership } from '../factories/products';
import { insertCompany, insertProduct, insertUser } from '../factories/records';

const catalog = buildCatalog({
  communities: [
    buildCommunity('east-lake', { name: { zh: '东湖社区', en: 'East Lake community' } }),
    buildCommunity('hanjiang-bay', { name: { zh: '汉江湾社区', en: 'Hanjiang Bay community' } }),
  ],
});
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T10:00:00+08:00');
const daysAgo = (n: number) => new Date(NOW - n * DAY);

interface Item {
  id: number;
  name: string;
  kind: string;
  category: string;
  tags: string[];
  voteCount: number;
  approvedAt: string;
  company: { id: number; name: string };
}
interface PageBody {
  items: Item[];
  nextCursor: string | null;
}
interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: Record<string, string[]>;
}

/** A fresh app and database with the shared fixtures (each describe gets its own). */
async function setup() {
  const env = await testApp({ catalog });
  const { db } = env;
  const owner = await insertUser(db);
  const lakeCo = await insertCompany(db, owner.id, { name: '东湖一人公司' });
  const bayCo = await insertCompany(db, owner.id, { name: '汉江湾一人公司' });
  const loneCo = await insertCompany(db, owner.id, { name: 'Solo Studio' });
  await insertMembership(db, lakeCo.id, 'east-lake');
  await insertMembership(db, bayCo.id, 'hanjiang-bay');
  await insertMembership(db, bayCo.id, 'east-lake', 'pending');
  const text = (name: string, tagline: string, description: string, tags: string[]) => ({
    name,
    tagline,
    description,
    tags,
    searchText: productSearchText({ name, tagline, description, tags }),
  });
  const legal = await insertProduct(db, lakeCo.id, {
    ...text('法律智能体助手', '帮助一人公司处理合同', '起草、审阅常见文书。', ['法律']),
    kind: 'agent',
    category: 'legal',
    voteCount: 3,
    approvedAt: daysAgo(5),
  });
  const imaging = await insertProduct(db, bayCo.id, {
    ...text('医疗影像大模型应用', '影像辅助诊断', '面向基层医院的阅片助手。', ['医疗', '影像']),
    kind: 'product',
    category: 'healthcare',
    voteCount: 10,
    approvedAt: daysAgo(4),
  });
  const contract = await insertProduct(db, loneCo.id, {
    ...text('Contract Review Agent', 'RAG workflow for legal teams', 'Reviews NDAs.', ['agent', 'rag']),
    kind: 'agent',
    category: 'legal',
    voteCount: 5,
    approvedAt: daysAgo(3),
  });
  const pending = await insertProduct(db, lakeCo.id, {
    ...text('待审核的医疗智能体', '处理合同与影像', 'agent workflow', ['医疗', 'rag']),
    kind: 'agent',
    status: 'pending',
  });
  const rejected = await insertProduct(db, lakeCo.id, {
    ...text('被驳回的合同智能体', '处理合同', 'contract agent workflow', ['法律', 'rag']),
    kind: 'agent',
    status: 'rejected',
  });
  const get = async (params: Record<string, string | number> = {}, headers: Record<string, string> = {}) => {
    const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    return env.app.request(`/api/v1/products?${search}`, { headers });
  };
  const list = async (params: Record<string, string | number> = {}) => {
    const res = await get(params);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as PageBody;
  };
  const names = async (params: Record<string, string | number> = {}) =>
    (await list(params)).items.map((item) => item.name);
  /** Every page of a list, following nextCursor. */
  const walk = async (params: Record<string, string | number>) => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const page: PageBody = await list({ ...params, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('pagination does not end');
  };
  return {
    ...env,
    owner,
    companies: { lakeCo, bayCo, loneCo },
    fixtures: { legal, imaging, contract, pending, rejected },
    get,
    list,
    names,
    walk,
    text,
  };
}

describe('search', async () => {
  const { names, db, companies, text } = await setup();

  it.each([
    ['智能体', ['法律智能体助手']],
    ['医疗', ['医疗影像大模型应用']],
    ['合同', ['法律智能体助手']],
    ['contract', ['Contract Review Agent']],
    ['WORKFLOW', ['Contract Review Agent']],
  ])('"%s" finds %j (approved products only)', async (q, expected) => {
    expect(await names({ q })).toEqual(expected);
  });

  it('finds nothing for a query with nothing searchable, without failing', async () => {
    expect(await names({ q: '！？' })).toEqual([]);
  });

  it('ranks a product with the word in its name above one that mentions it once in a long description', async () => {
    const filler = '这是一款面向一人公司的日常办公工具，提供日程、审批、报销、考勤与文档协作，';
    await insertProduct(db, companies.loneCo.id, {
      ...text('办公套件', '日常办公', `${filler.repeat(6)}也可以连接知识库。`, []),
      approvedAt: daysAgo(1),
    });
    await insertProduct(db, companies.loneCo.id, {
      ...text('企业知识库助手', '知识库检索与问答', '把文档变成知识库。', ['知识库']),
      approvedAt: daysAgo(30),
    });
    await insertProduct(db, companies.loneCo.id, {
      ...text(
        'Invoice Desk',
        'Billing for solo founders',
        `${'Send invoices, track payments and reminders. '.repeat(8)}Optional copilot.`,
        [],
      ),
      approvedAt: daysAgo(1),
    });
    await insertProduct(db, companies.loneCo.id, {
      ...text('Copilot Studio', 'Build a copilot', 'Your copilot for every task.', ['copilot']),
      approvedAt: daysAgo(30),
    });
    expect(await names({ q: '知识库' })).toEqual(['企业知识库助手', '办公套件']);
    expect(await names({ q: 'copilot' })).toEqual(['Copilot Studio', 'Invoice Desk']);
    // Newest among the matches when asked, although relevance is the default with a query.
    expect(await names({ q: '知识库', sort: 'newest' })).toEqual(['办公套件', '企业知识库助手']);
  });
});

describe('filters and sorts', async () => {
  const { names, list, db, companies, fixtures, owner } = await setup();
  const approved = ['Contract Review Agent', '医疗影像大模型应用', '法律智能体助手'];

  it('lists approved products newest first by default, with the company name', async () => {
    const page = await list();
    expect(page.items.map((i) => i.name)).toEqual(approved);
    expect(page.items[0]).toMatchObject({
      kind: 'agent',
      category: 'legal',
      tags: ['agent', 'rag'],
      voteCount: 5,
      approvedAt: '2026-11-22T10:00:00+08:00',
      company: { id: companies.loneCo.id, name: 'Solo Studio' },
    });
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    [{ kind: 'agent' }, ['Contract Review Agent', '法律智能体助手']],
    [{ kind: 'product' }, ['医疗影像大模型应用']],
    [{ category: 'legal' }, ['Contract Review Agent', '法律智能体助手']],
    [{ category: 'healthcare', kind: 'agent' }, []],
    [{ tag: 'rag' }, ['Contract Review Agent']],
    [{ tag: '医疗' }, ['医疗影像大模型应用']],
    [{ community: 'east-lake' }, ['法律智能体助手']],
    [{ community: 'hanjiang-bay' }, ['医疗影像大模型应用']],
    [{ community: 'east-lake', kind: 'agent', category: 'legal' }, ['法律智能体助手']],
    [{ tag: '医疗', community: 'hanjiang-bay' }, ['医疗影像大模型应用']],
    [{ tag: '医疗', community: 'east-lake' }, []],
    [{ q: '智能体 法律', kind: 'agent', community: 'east-lake' }, ['法律智能体助手']],
    [{ q: 'agent', tag: 'rag', sort: 'votes' }, ['Contract Review Agent']],
    [{ kind: '', category: '', tag: '', community: '', q: '' }, approved],
  ])('%j → %j', async (params, expected) => {
    expect(await names(params)).toEqual(expected);
  });

  it('sorts by votes (ties by id, newest id first) and by newest', async () => {
    expect(await names({ sort: 'votes' })).toEqual([
      '医疗影像大模型应用',
      'Contract Review Agent',
      '法律智能体助手',
    ]);
    expect(await names({ sort: 'newest', kind: 'agent' })).toEqual([
      'Contract Review Agent',
      '法律智能体助手',
    ]);
    expect(await names({ sort: 'votes', category: 'legal' })).toEqual([
      'Contract Review Agent',
      '法律智能体助手',
    ]);
  });

  it('follows upvotes into the tag and community listings (vote triggers)', async () => {
    const voters = await Promise.all([1, 2, 3, 4].map(() => insertUser(db)));
    await db
      .insert(votes)
      .values(voters.map((v) => ({ userId: v.id, productId: fixtures.legal.id, createdAt: new Date(NOW) })));
    expect(await names({ sort: 'votes', community: 'east-lake' })).toEqual(['法律智能体助手']);
    expect(await names({ sort: 'votes', kind: 'agent' })).toEqual([
      '法律智能体助手',
      'Contract Review Agent',
    ]);
    const text = { name: '东湖合同智能体', tagline: '合同', description: '合同', tags: ['法律'] };
    await db.insert(products).values({
      companyId: companies.lakeCo.id,
      ownerId: owner.id,
      ...text,
      website: 'https://x.example.com',
      kind: 'agent',
      category: 'legal',
      status: 'approved',
      searchText: productSearchText(text),
      voteCount: 5,
      approvedAt: daysAgo(10),
      createdAt: daysAgo(10),
      updatedAt: daysAgo(10),
    });
    expect(await names({ sort: 'votes', community: 'east-lake', tag: '法律' })).toEqual([
      '法律智能体助手',
      '东湖合同智能体',
    ]);
    await db.delete(votes).where(eq(votes.productId, fixtures.legal.id));
    expect(await names({ sort: 'votes', tag: '法律' })).toEqual(['东湖合同智能体', '法律智能体助手']);
  });

  it('follows memberships: approved joins, declined leaves; pending never counts', async () => {
    expect(await names({ community: 'east-lake' })).not.toContain('医疗影像大模型应用');
    await db
      .update(communityMemberships)
      .set({ status: 'approved' })
      .where(eq(communityMemberships.companyId, companies.bayCo.id));
    expect(await names({ community: 'east-lake' })).toContain('医疗影像大模型应用');
    await db
      .update(communityMemberships)
      .set({ status: 'declined' })
      .where(eq(communityMemberships.companyId, companies.bayCo.id));
    expect(await names({ community: 'east-lake' })).not.toContain('医疗影像大模型应用');
    expect(await names({ community: 'hanjiang-bay' })).toEqual([]);
  });

  it('follows tag edits', async () => {
    await db
      .update(products)
      .set({ tags: ['rag', '新标签'] })
      .where(eq(products.id, fixtures.imaging.id));
    expect(await names({ tag: '新标签' })).toEqual(['医疗影像大模型应用']);
    expect(await names({ tag: '医疗' })).toEqual([]);
  });
});

describe('approved products only', async () => {
  const { names, get, app, db, fixtures, walk } = await setup();

  it('never lists, finds or shows pending or rejected products', async () => {
    const hidden = ['待审核的医疗智能体', '被驳回的合同智能体'];
    const lists = [
      await names(),
      await names({ q: '合同' }),
      await names({ q: '智能体' }),
      await names({ q: 'workflow' }),
      await names({ tag: 'rag' }),
      await names({ tag: '医疗' }),
      await names({ community: 'east-lake' }),
      await names({ kind: 'agent', sort: 'votes' }),
      (await walk({ limit: 1 })).map((i) => i.name),
    ];
    for (const found of lists) for (const name of hidden) expect(found).not.toContain(name);
    for (const id of [fixtures.pending.id, fixtures.rejected.id, 999_999]) {
      const res = await app.request(`/api/v1/products/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 404, code: 'product_not_found' });
    }
    expect((await get({ q: '待审核' })).status).toBe(200);
  });

  it('hides a product again once it is rejected after approval', async () => {
    await db.update(products).set({ status: 'rejected' }).where(eq(products.id, fixtures.legal.id));
    expect(await names({ q: '智能体' })).toEqual([]);
    expect(await names({ community: 'east-lake' })).toEqual([]);
    expect((await app.request(`/api/v1/products/${fixtures.legal.id}`)).status).toBe(404);
  });
});

describe('keyset pagination', async () => {
  const { list, walk, db, companies, text, catalog: cat } = await setup();
  // 23 more products with equal approval times, equal votes and identical text: every sort has ties.
  const same = daysAgo(2);
  for (let i = 0; i < 23; i++) {
    await insertProduct(db, companies.lakeCo.id, {
      ...text(`同款智能体`, '重复的介绍', '完全相同的文本', ['dup']),
      kind: i % 2 ? 'agent' : 'product',
      approvedAt: same,
      voteCount: 7,
    });
  }
  const total = 26;

  it.each([
    [{ sort: 'newest' }],
    [{ sort: 'votes' }],
    [{ q: '智能体' }],
    [{ tag: 'dup', sort: 'votes' }],
    [{ community: 'east-lake' }],
    [{ kind: 'agent', sort: 'votes' }],
    [{ q: 'dup', sort: 'newest' }],
  ])('%j: walking every page never repeats or skips an item', async (params) => {
    const full = (await list({ ...params, limit: 100 })).items.map((i) => i.id);
    expect(full.length).toBeGreaterThan(3);
    const walked = (await walk({ ...params, limit: 4 })).map((i) => i.id);
    expect(walked).toEqual(full);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('orders equal relevance by id', async () => {
    const ids = (await walk({ q: '同款', limit: 5 })).map((i) => i.id);
    expect(ids).toHaveLength(23);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('newest first stays exact when a newer product is approved between page loads', async () => {
    const first = await list({ limit: 10 });
    expect(first.items).toHaveLength(10);
    await insertProduct(db, companies.loneCo.id, {
      ...text('刚刚上架的智能体', '新', '新', []),
      approvedAt: daysAgo(0),
    });
    const rest = await walk({ limit: 10, cursor: first.nextCursor ?? '' });
    const ids = [...first.items, ...rest].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(total);
    expect(rest.map((i) => i.name)).not.toContain('刚刚上架的智能体');
  });

  it('the service gives the same pages as the API', async () => {
    const ctx = serviceContext(db, cat, new Date(NOW));
    const page = await listProducts({ ctx, input: ProductListQuery.parse({ limit: '3', sort: 'votes' }) });
    const api = await list({ limit: 3, sort: 'votes' });
    expect(page.items.map((i) => i.id)).toEqual(api.items.map((i) => i.id));
    expect(page.nextCursor).toBe(api.nextCursor);
  });
});

describe('errors, round trips and the OpenAPI document', async () => {
  const { get, app, fixtures } = await setup();

  it.each([
    [{ sort: 'popular' }, 'sort'],
    [{ kind: 'robot' }, 'kind'],
    [{ category: 'astrology' }, 'category'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ community: 'no-such-community' }, 'community'],
    [{ community: 'Bad Slug' }, 'community'],
    [{ sort: 'relevance' }, 'sort'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('%j → 422 with an error on %s, in Chinese and in English', async (params, field) => {
    const zh = await get(params);
    expect(zh.status).toBe(422);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    const zhBody = (await zh.json()) as ProblemBody;
    expect(zhBody.errors?.[field]?.[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(zhBody.detail).toBe('提交的内容有误，请检查标出的字段。');
    const en = (await (await get(params, { 'accept-language': 'en' })).json()) as ProblemBody;
    expect(en.errors?.[field]?.[0]).toMatch(/^[\x20-\x7e]+$/);
    expect(en.detail).toBe('Some fields are not valid. Please check the marked fields.');
  });

  it('refuses a cursor made for another sort', async () => {
    const first = (await (await get({ limit: 1, sort: 'votes' })).json()) as PageBody;
    const res = await get({ sort: 'newest', cursor: first.nextCursor ?? '' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ProblemBody).errors?.cursor).toBeDefined();
  });

  it('answers the list and the detail in one round trip each', async () => {
    expect(roundTrips(await get({ q: '智能体', tag: '法律', community: 'east-lake' }))).toBe(1);
    expect(roundTrips(await get({ sort: 'votes' }))).toBe(1);
    const detail = await app.request(`/api/v1/products/${fixtures.legal.id}`);
    expect(roundTrips(detail)).toBe(1);
  });

  it('shows the detail with its company and communities', async () => {
    const res = await app.request(`/api/v1/products/${fixtures.legal.id}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: fixtures.legal.id,
      name: '法律智能体助手',
      tagline: '帮助一人公司处理合同',
      description: '起草、审阅常见文书。',
      nameEn: null,
      taglineEn: null,
      descriptionEn: null,
      website: 'https://product.example.com',
      kind: 'agent',
      category: 'legal',
      tags: ['法律'],
      pricing: null,
      model: null,
      filingNumber: null,
      voteCount: 3,
      approvedAt: '2026-11-20T10:00:00+08:00',
      company: { id: fixtures.legal.companyId, name: '东湖一人公司', nameEn: null },
      logo: null,
      communities: [{ slug: 'east-lake', name: { zh: '东湖社区', en: 'East Lake community' } }],
      screenshots: [],
    });
  });

  it('answers 422 for an id that is not a positive integer', async () => {
    expect((await app.request('/api/v1/products/abc')).status).toBe(422);
    expect((await app.request('/api/v1/products/0')).status).toBe(422);
  });

  it('documents both routes and their schemas', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    const listOp = doc.paths['/api/v1/products']?.get;
    expect(listOp?.parameters?.map((p) => p.name).sort()).toEqual(
      ['category', 'community', 'cursor', 'kind', 'limit', 'q', 'sort', 'tag'].sort(),
    );
    expect(listOp?.responses['422']).toBeDefined();
    expect(doc.paths['/api/v1/products/{id}']?.get?.responses['404']).toBeDefined();
    for (const name of ['ProductPage', 'ProductSummary', 'ProductDetail']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});

describe('listing rows (product_listings)', async () => {
  const { db } = await setup();
  const rows = () =>
    db.select().from(productListings).orderBy(asc(productListings.facet), asc(productListings.productId));

  it('the migration backfill rebuilds exactly the rows the triggers keep', async () => {
    const kept = await rows();
    expect(kept.map((r) => r.facet).sort()).toEqual(
      [
        'community:east-lake',
        'community:hanjiang-bay',
        'tag:agent',
        'tag:rag',
        'tag:医疗',
        'tag:影像',
        'tag:法律',
      ].sort(),
    );
    const migration = readFileSync(
      new URL('../../functions/db/migrations/0003_product_listing_triggers.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
      .filter((statement) => statement.startsWith('INSERT'));
    expect(backfill).toHaveLength(2);
    await db.delete(productListings);
    for (const statement of backfill) await db.run(sql.raw(statement));
    expect(await rows()).toEqual(kept);
  });
});

describe('page loaders (src/lib/products-page.ts)', async () => {
  const { db, fixtures } = await setup();
  const ctx = serviceContext(db, catalog, new Date(NOW));
  const url = (search: string) => new URL(`http://localhost/products?${search}`);

  it('ignores invalid fields, names them, and keeps the valid ones', async () => {
    const page = await loadProductList(ctx, url('kind=robot&tag=rag&sort=relevance&limit=9999'));
    expect(page.ignored.sort()).toEqual(['kind', 'limit', 'sort']);
    expect(page.list.items.map((i) => i.name)).toEqual(['Contract Review Agent']);
    expect(page.list.sort).toBe('newest');
  });

  it('shows the first page for a bad cursor and ignores an unknown community', async () => {
    const page = await loadProductList(ctx, url('cursor=bogus&community=nowhere&kind=agent'));
    expect(page.ignored.sort()).toEqual(['community', 'cursor']);
    expect(page.list.items.map((i) => i.name)).toEqual(['Contract Review Agent', '法律智能体助手']);
  });

  it('finds approved products by the id in the path, and nothing else', async () => {
    expect((await loadProduct(ctx, String(fixtures.legal.id)))?.name).toBe('法律智能体助手');
    for (const id of [
      String(fixtures.pending.id),
      String(fixtures.rejected.id),
      'abc',
      '01',
      '0',
      undefined,
    ]) {
      expect(await loadProduct(ctx, id)).toBeNull();
    }
  });
});
