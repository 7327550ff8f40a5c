/**
 * Searching and browsing the product list: the total of matches (counted in the same round trip),
 * relevance as the default order of a search (name, then tagline, then the rest; votes within),
 * a search matching more than the cap (a capped total, relevance among the newest matches only),
 * previous pages that are exactly the pages the next links came from, tags in any case, English
 * search by English fields, category labels and tag names (also after the seed's backfill), and the
 * popular tags the tag field suggests.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '~/functions/auth/password';
import { loadCatalogFromDisk } from '~/functions/content/load-node';
import { requestDb } from '~/functions/db/client';
import { products } from '~/functions/db/schema';
import { seedDemo } from '~/functions/db/seed/seed';
import { buildSearchText } from '~/functions/lib/search-text';
import { ProductListQuery, SEARCH_CAP } from '~/functions/schemas/products';
import { listProducts } from '~/functions/services/products/list-products';
import { POPULAR_TAGS_TTL_MS } from '~/functions/services/products/popular-tags';
import { productSearchText, type SearchableProduct } from '~/functions/services/products/product-search-text';
import { rebuildSearchText } from '~/functions/services/products/rebuild-search-text';
import { loadProductList, SUGGESTED_TAGS } from '~/src/lib/products-page';
import { roundTrips, testApp } from '../factories/app';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { freshDatabase, serviceContext } from '../factories/db';
import { insertMembership } from '../factories/products';
import { insertCompany, insertProduct, insertUser } from '../factories/records';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T10:00:00+08:00');
const daysAgo = (n: number) => new Date(NOW - n * DAY);

interface PageBody {
  items: Array<{ id: number; name: string }>;
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  totalCapped: boolean;
}
type Params = Record<string, string | number>;
type Text = SearchableProduct & { category: string };

/** The product's columns with the search_text every write builds (English fields included). */
const columns = (t: Text) => ({
  name: t.name,
  tagline: t.tagline,
  description: t.description,
  tags: t.tags,
  category: t.category,
  nameEn: t.nameEn ?? null,
  taglineEn: t.taglineEn ?? null,
  descriptionEn: t.descriptionEn ?? null,
  searchText: productSearchText(t),
});

/** A fresh app, database and catalog (each describe gets its own, as each isolate has one). */
async function setup() {
  const catalog = buildCatalog({ communities: [buildCommunity('east-lake')] });
  const env = await testApp({ catalog });
  const { db } = env;
  const owner = await insertUser(db);
  const company = await insertCompany(db, owner.id, { name: '测试一人公司' });
  const lakeCo = await insertCompany(db, owner.id, { name: '东湖一人公司' });
  await insertMembership(db, lakeCo.id, 'east-lake');
  const add = (t: Text, extra: Partial<typeof products.$inferInsert> = {}) =>
    insertProduct(db, company.id, { ...columns(t), ...extra });
  const get = async (params: Params, headers: Record<string, string> = {}) => {
    const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    return env.app.request(`/api/v1/products?${search}`, { headers });
  };
  const list = async (params: Params) => {
    const res = await get(params);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as PageBody;
  };
  const names = async (params: Params) => (await list({ limit: 100, ...params })).items.map((i) => i.name);
  const ctx = serviceContext(db, catalog, new Date(NOW));
  const page = (search: string, now = NOW) =>
    loadProductList(
      serviceContext(db, catalog, new Date(now)),
      new URL(`http://localhost/products?${search}`),
    );
  return { ...env, ctx, company, lakeCo, add, get, list, names, page };
}

const plain = (name: string, tagline: string, description: string, category = 'legal') => ({
  name,
  tagline,
  description,
  tags: [],
  category,
});

describe('relevance, the default order of a search', async () => {
  const { add, names, list, page } = await setup();
  // 合同 in two names (fewer votes), in a tagline (more votes), in a description only (most votes).
  await add(plain('合同审查智能体', '法务助手', '审阅文书。'), { voteCount: 2 });
  await add(plain('法务小助手', '合同起草与审查', '起草文书。'), { voteCount: 9 });
  await add(plain('企业文书工具', '日常文书', '包含合同模板。', 'office'), { voteCount: 20 });
  await add(plain('合同比对', '差异高亮', '两版比对。'), { voteCount: 5 });
  await add(plain('待审核的合同工具', '合同', '合同'), { status: 'pending' });

  it('ranks name matches, then tagline matches, then the rest, each by votes', async () => {
    expect(await names({ q: '合同' })).toEqual(['合同比对', '合同审查智能体', '法务小助手', '企业文书工具']);
    expect((await list({ q: '合同' })).total).toBe(4);
  });

  it('keeps an order chosen explicitly', async () => {
    expect(await names({ q: '合同', sort: 'votes' })).toEqual([
      '企业文书工具',
      '法务小助手',
      '合同比对',
      '合同审查智能体',
    ]);
  });

  it('puts a name first only when it holds every term of the query', async () => {
    // 合同审查智能体 has both terms in its name; 法务小助手 both in its tagline.
    expect(await names({ q: '合同 审查' })).toEqual(['合同审查智能体', '法务小助手']);
    expect(await names({ q: '合同 差异' })).toEqual(['合同比对']);
  });

  it('on the page, the default (blank) sort of a search is relevance; a chosen one stays', async () => {
    const byDefault = await page('q=合同&sort=');
    expect(byDefault.list.sort).toBe('relevance');
    expect(byDefault.list.items.map((i) => i.name)[0]).toBe('合同比对');
    const chosen = await page('q=合同&sort=newest');
    expect(chosen.list.sort).toBe('newest');
    expect(chosen.query.sort).toBe('newest');
  });
});

describe('a search matching more than the cap', async () => {
  const { add, ctx } = await setup();
  // 12 approved products matching 琉璃, in the order they were submitted (ids ascending): the four
  // oldest include the most upvoted name and tagline matches. With a cap of 8 the candidates are
  // the 8 newest (#4–#11).
  const made: number[] = [];
  const specs: Array<[where: 'name' | 'tagline' | 'description', votes: number, tags: string[]]> = [
    ['name', 50, ['灯具']], // #0
    ['tagline', 40, []], // #1
    ['description', 30, []], // #2
    ['name', 1, []], // #3
    ['description', 9, []], // #4
    ['name', 3, ['灯具']], // #5
    ['tagline', 7, []], // #6
    ['name', 3, []], // #7
    ['description', 2, []], // #8
    ['tagline', 7, ['灯具']], // #9
    ['name', 8, []], // #10
    ['description', 0, ['灯具']], // #11
  ];
  for (const [i, [where, votes, tags]] of specs.entries()) {
    const row = await add(
      {
        name: where === 'name' ? `琉璃工具${i}` : `工具${i}`,
        tagline: where === 'tagline' ? '琉璃工艺' : '日常工艺',
        description: where === 'description' ? '适合琉璃作坊' : '适合作坊',
        tags,
        category: 'office',
      },
      { voteCount: votes },
    );
    made.push(row.id);
  }
  // Newer than all of them but pending: never a candidate (products_fts holds approved products).
  await add(plain('琉璃待审核', '琉璃', '琉璃'), { status: 'pending' });
  const id = (...indexes: number[]) => indexes.map((i) => made[i]);
  const search = (params: Params, searchCap: number) =>
    listProducts({ ctx, input: ProductListQuery.parse(params), searchCap });
  const ids = (list: { items: Array<{ id: number }> }) => list.items.map((item) => item.id);

  it('below or at the cap nothing changes: an exact total and every match ranked', async () => {
    const everyMatch = id(0, 10, 5, 7, 3, 1, 6, 9, 2, 4, 8, 11);
    for (const cap of [12, 100, SEARCH_CAP]) {
      const list = await search({ q: '琉璃', limit: 100 }, cap);
      expect(list.total).toBe(12);
      expect(list.totalCapped).toBe(false);
      expect(ids(list)).toEqual(everyMatch);
    }
  });

  it('above it, counts to the cap and ranks the newest `cap` matches by the same rule', async () => {
    const list = await search({ q: '琉璃', limit: 100 }, 8);
    expect(list.total).toBe(8);
    expect(list.totalCapped).toBe(true);
    // Names (#10, then #5 and #7 by id), taglines (#6, #9), the rest (#4, #8, #11); the older,
    // more upvoted #0–#3 are not candidates.
    expect(ids(list)).toEqual(id(10, 5, 7, 6, 9, 4, 8, 11));
    expect((await search({ q: '琉璃', limit: 3 }, 8)).items.map((i) => i.id)).toEqual(id(10, 5, 7));
    const eleven = await search({ q: '琉璃', limit: 100 }, 11);
    expect([eleven.total, eleven.totalCapped]).toEqual([11, true]);
  });

  it('pages through the candidates by cursor without repeating or skipping; previous leads back', async () => {
    const pages: Array<Awaited<ReturnType<typeof search>>> = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await search({ q: '琉璃', limit: 3, ...(cursor ? { cursor } : {}) }, 8);
      pages.push(page);
      expect([page.total, page.totalCapped]).toEqual([8, true]);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pages.map(ids)).toEqual([id(10, 5, 7), id(6, 9, 4), id(8, 11)]);
    expect(pages.map((page) => page.prevCursor)).toEqual([null, '', pages[0]?.nextCursor]);
    const back = await search({ q: '琉璃', limit: 3, cursor: pages[2]?.prevCursor ?? '' }, 8);
    expect(ids(back)).toEqual(id(6, 9, 4));
    expect(back.nextCursor).toBe(pages[1]?.nextCursor);
  });

  it('newest and votes still page through every match; their total is capped too', async () => {
    const votes = await search({ q: '琉璃', sort: 'votes', limit: 100 }, 8);
    expect([votes.total, votes.totalCapped]).toEqual([8, true]);
    expect(ids(votes)).toHaveLength(12);
    expect(ids(votes).slice(0, 3)).toEqual(id(0, 1, 2));
    const newest = await search({ q: '琉璃', sort: 'newest', limit: 100 }, 8);
    expect(ids(newest)).toHaveLength(12);
    expect(newest.totalCapped).toBe(true);
  });

  it('with a filter, the candidates are the newest matches that pass it', async () => {
    const all = await search({ q: '琉璃', tag: '灯具', limit: 100 }, 8);
    expect([all.total, all.totalCapped]).toEqual([4, false]);
    expect(ids(all)).toEqual(id(0, 5, 9, 11));
    const capped = await search({ q: '琉璃', tag: '灯具', limit: 100 }, 3);
    expect([capped.total, capped.totalCapped]).toEqual([3, true]);
    expect(ids(capped)).toEqual(id(5, 9, 11));
    // A filter on the product's row (category) takes the same path.
    const office = await search({ q: '琉璃', category: 'office', limit: 100 }, 8);
    expect([office.total, office.totalCapped]).toEqual([8, true]);
    expect(ids(office)).toEqual(id(10, 5, 7, 6, 9, 4, 8, 11));
  });
});

describe(`a search matching more than ${SEARCH_CAP} products, through the API and the page`, async () => {
  const { add, list, page } = await setup();
  // 5 old, much upvoted name matches; then SEARCH_CAP - 1 description matches; then one new name match.
  const old: number[] = [];
  for (let i = 0; i < 5; i++) {
    old.push((await add(plain(`琥珀老店${i}`, '老字号', '老店'), { voteCount: 100 + i })).id);
  }
  for (let i = 0; i < SEARCH_CAP - 1; i++) {
    await add(plain(`工坊${i}`, '手作', `收藏琥珀的工坊${i}`), { voteCount: i % 10 });
  }
  const newest = await add(plain('琥珀新店', '新开张', '新店'));
  await add(plain('蜜蜡小店', '只有蜜蜡', '蜜蜡'));

  const walk = async (params: Params) => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const body: PageBody = await list({ ...params, limit: 100, ...(cursor ? { cursor } : {}) });
      expect([body.total, body.totalCapped]).toEqual([SEARCH_CAP, true]);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  };

  it('says "more than" the cap and ranks the newest matches: the new name match first', async () => {
    const first = await list({ q: '琥珀' });
    expect(first.total).toBe(SEARCH_CAP);
    expect(first.totalCapped).toBe(true);
    expect(first.items[0]?.id).toBe(newest.id);
    const relevance = await walk({ q: '琥珀' });
    expect(relevance).toHaveLength(SEARCH_CAP);
    expect(new Set(relevance).size).toBe(SEARCH_CAP);
    expect(relevance.filter((id) => old.includes(id))).toEqual([]);
  });

  it('finds every match by votes or newest, the old favourites first by votes', async () => {
    const byVotes = await walk({ q: '琥珀', sort: 'votes' });
    expect(byVotes).toHaveLength(SEARCH_CAP + 5);
    expect(byVotes.slice(0, 5)).toEqual([...old].reverse());
    expect(await walk({ q: '琥珀', sort: 'newest' })).toHaveLength(SEARCH_CAP + 5);
  });

  it('a search below the cap is exact', async () => {
    const body = await list({ q: '蜜蜡' });
    expect([body.total, body.totalCapped]).toEqual([1, false]);
  });

  it('the page loader carries the capped total', async () => {
    const loaded = await page(`q=${encodeURIComponent('琥珀')}`);
    expect([loaded.list.total, loaded.list.totalCapped, loaded.list.sort]).toEqual([
      SEARCH_CAP,
      true,
      'relevance',
    ]);
    const unsearched = await page('');
    expect(unsearched.list.totalCapped).toBe(false);
    expect(unsearched.list.total).toBe(SEARCH_CAP + 6);
  });
});

describe('counts and previous pages', async () => {
  const { add, list, get, page, lakeCo, client, catalog } = await setup();
  // 25 products: ties in votes and approval days, tags and names that make every tier occur.
  for (let i = 0; i < 25; i++) {
    const where = i % 3;
    await add(
      {
        name: where === 0 ? `批量工具${i}` : `工具${i}`,
        tagline: where === 1 ? '批量处理' : '日常处理',
        description: '服务一人公司',
        tags: i % 2 ? ['批量', 'agent'] : ['其他'],
        category: i % 4 ? 'office' : 'legal',
      },
      {
        kind: i % 5 ? 'product' : 'agent',
        voteCount: i % 4,
        approvedAt: daysAgo(i % 6),
        ...(i % 7 === 0 ? { companyId: lakeCo.id } : {}),
      },
    );
  }
  await add(plain('批量待审核', '批量', '批量'), { status: 'pending' });

  const variants: Params[] = [
    {},
    { sort: 'votes' },
    { kind: 'agent' },
    { category: 'office' },
    { category: 'office', kind: 'product', sort: 'votes' },
    { tag: 'agent' },
    { tag: 'agent', category: 'office', sort: 'votes' },
    { community: 'east-lake' },
    { q: '批量' },
    { q: '批量', sort: 'votes' },
    { q: '批量', tag: 'agent' },
    { q: '工具', sort: 'newest', kind: 'product' },
  ];

  it.each(variants)('%j: total is the number of matches over all pages', async (params) => {
    const all = await list({ ...params, limit: 100 });
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(1);
    expect(all.total).toBe(all.items.length);
    expect((await list({ ...params, limit: 2 })).total).toBe(all.items.length);
  });

  it.each(variants)('%j: each previous page is the page the next link came from', async (params) => {
    const pages: PageBody[] = [];
    const cursors: Array<string | undefined> = [undefined];
    for (let guard = 0; guard < 30; guard++) {
      const cursor = cursors.at(-1);
      const current = await list({ ...params, limit: 3, ...(cursor ? { cursor } : {}) });
      pages.push(current);
      if (!current.nextCursor) break;
      cursors.push(current.nextCursor);
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.prevCursor).toBeNull();
    expect(pages[1]?.prevCursor).toBe('');
    for (let k = 1; k < pages.length; k++) {
      const prevCursor = pages[k]?.prevCursor ?? null;
      expect(prevCursor).not.toBeNull();
      const back = await list({ ...params, limit: 3, ...(prevCursor ? { cursor: prevCursor } : {}) });
      expect(back.items.map((i) => i.id)).toEqual(pages[k - 1]?.items.map((i) => i.id));
      expect(back.nextCursor).toBe(cursors[k]);
      expect(prevCursor).toBe(k === 1 ? '' : cursors[k - 1]);
    }
  });

  it('answers a later page with its total and previous cursor in one round trip', async () => {
    const first = await list({ q: '批量', limit: 3 });
    const res = await get({ q: '批量', limit: 3, cursor: first.nextCursor ?? '' });
    expect(res.status).toBe(200);
    expect(roundTrips(res)).toBe(1);
    const body = (await res.json()) as PageBody;
    expect(body.prevCursor).toBe('');
    expect(body.total).toBe(first.total);
  });

  it('the page loader sends the page, count, previous cursor and popular tags in one batch', async () => {
    const first = await page('limit=3');
    const { db: counted, metrics } = requestDb(client);
    const ctx = serviceContext(counted, catalog, new Date(NOW));
    const later = await loadProductList(
      ctx,
      new URL(`http://localhost/products?limit=3&cursor=${first.list.nextCursor ?? ''}`),
    );
    expect(metrics.roundTrips).toBe(1);
    expect(later.list.prevCursor).toBe('');
    expect(later.list.total).toBe(25);
    expect(later.list.popularTags.length).toBeGreaterThan(0);
  });
});

describe('tags in any case', async () => {
  const { add, names, page } = await setup();
  await add({ ...plain('记账助手', '小微记账', '记账。', 'finance'), tags: ['saas', 'rag'] });
  await add({ ...plain('发票工具', '开票', '开票。', 'finance'), tags: ['rag'] });

  it.each(['saas', 'SaaS', 'SAAS', ' Saas '])('?tag=%s finds the product tagged "saas"', async (tag) => {
    expect(await names({ tag })).toEqual(['记账助手']);
    expect(await names({ tag, sort: 'votes' })).toEqual(['记账助手']);
    expect((await page(`tag=${encodeURIComponent(tag)}`)).list.items.map((i) => i.name)).toEqual([
      '记账助手',
    ]);
  });
});

describe('English search', async () => {
  const { add, names, list, db, company, ctx } = await setup();
  await add(
    {
      name: '影像辅助诊断',
      tagline: '基层医院阅片',
      description: '辅助医生阅读影像。',
      tags: ['医疗', '影像'],
      category: 'healthcare',
      nameEn: 'Imaging Assistant',
      taglineEn: 'Reading scans for community hospitals',
    },
    { voteCount: 3 },
  );
  await add(
    {
      name: '劳动合同起草',
      tagline: '一人公司用工',
      description: '起草劳动合同。',
      tags: ['法律'],
      category: 'legal',
      nameEn: 'Contract Drafter',
      descriptionEn: 'Drafts employment contracts.',
    },
    { voteCount: 1 },
  );
  await add(
    { name: '合同比对', tagline: '差异高亮', description: '两版比对。', tags: ['合同'], category: 'office' },
    { voteCount: 8 },
  );
  await add(
    { name: '文书模板', tagline: '常用文书', description: '包含合同模板。', tags: [], category: 'office' },
    { voteCount: 20 },
  );

  it('finds a product by its English name, tagline and description', async () => {
    expect(await names({ q: 'assistant' })).toEqual(['影像辅助诊断']);
    expect(await names({ q: 'community hospitals' })).toEqual(['影像辅助诊断']);
    expect(await names({ q: 'employment' })).toEqual(['劳动合同起草']);
  });

  it('finds products by the English label of their category and the English names of their tags', async () => {
    expect(await names({ q: 'healthcare' })).toEqual(['影像辅助诊断']);
    expect(await names({ q: 'medical' })).toEqual(['影像辅助诊断']);
    expect(await names({ q: 'legal' })).toEqual(['劳动合同起草']);
    // English name first (tier 0), then the product tagged 合同; Chinese-only text is not English.
    expect(await names({ q: 'contract' })).toEqual(['劳动合同起草', '合同比对']);
    expect((await list({ q: 'contract' })).total).toBe(2);
  });

  it('still finds Chinese text in Chinese, the category label included', async () => {
    // Both names hold 合同 (the more upvoted first), then the description.
    expect(await names({ q: '合同' })).toEqual(['合同比对', '劳动合同起草', '文书模板']);
    expect(await names({ q: '医疗健康' })).toEqual(['影像辅助诊断']);
  });

  it('the seed backfill rebuilds search_text written before English became searchable', async () => {
    const oldText = (t: { name: string; tagline: string; description: string; tags: string[] }) =>
      buildSearchText([t.name, t.tagline, t.description, t.tags.join(' ')]);
    const legacy = { name: '病历整理', tagline: '门诊病历', description: '整理病历。', tags: ['医疗'] };
    const row = await insertProduct(db, company.id, {
      ...legacy,
      category: 'healthcare',
      nameEn: 'Records Organiser',
      searchText: oldText(legacy),
    });
    expect(await names({ q: 'organiser' })).toEqual([]);
    expect(await rebuildSearchText({ ctx })).toBe(1);
    expect(await names({ q: 'organiser' })).toEqual(['病历整理']);
    expect(await names({ q: 'medical' })).toEqual(['影像辅助诊断', '病历整理']);
    const [stored] = await db.select().from(products).where(eq(products.id, row.id));
    expect(stored?.searchText).toBe(
      productSearchText({ ...legacy, category: 'healthcare', nameEn: 'Records Organiser' }),
    );
    // A second run finds nothing stale.
    expect(await rebuildSearchText({ ctx })).toBe(0);
  });
});

describe('popular tags', async () => {
  const { add, page, ctx } = await setup();
  const tagged = async (tags: string[], status: 'approved' | 'pending' = 'approved') =>
    add({ ...plain(`产品${tags.join('')}`, '介绍', '描述'), tags }, { status });
  for (let i = 0; i < 4; i++) await tagged(['agent', `独有${i}`]);
  for (let i = 0; i < 3; i++) await tagged(['rag', 'llm']);
  await tagged(['llm']);
  for (let i = 0; i < 6; i++) await tagged(['待审核'], 'pending');
  // More distinct tags than suggested: 22 tags used once each.
  for (let i = 0; i < 22; i++) await tagged([`t${String(i).padStart(2, '0')}`]);

  it('suggests the most used tags of approved products, most products first, ties alphabetically', async () => {
    const { list } = await page('');
    expect(list.popularTags).toHaveLength(SUGGESTED_TAGS);
    expect(list.popularTags.slice(0, 3)).toEqual([
      { tag: 'agent', products: 4 },
      { tag: 'llm', products: 4 },
      { tag: 'rag', products: 3 },
    ]);
    expect(list.popularTags.map((t) => t.tag)).not.toContain('待审核');
    expect(list.popularTags.slice(3).map((t) => t.tag)).toEqual(
      [...list.popularTags.slice(3).map((t) => t.tag)].sort(),
    );
  });

  it('suggests them on an empty result too, with a total of 0', async () => {
    const { list } = await page('q=没有这样的产品');
    expect(list.items).toEqual([]);
    expect(list.total).toBe(0);
    expect(list.popularTags.slice(0, 2).map((t) => t.tag)).toEqual(['agent', 'llm']);
    // A query with nothing searchable costs no search, and still suggests.
    const punctuation = await page('q=！？');
    expect(punctuation.list.total).toBe(0);
    expect(punctuation.list.popularTags.length).toBe(SUGGESTED_TAGS);
  });

  it('remembers them for a few minutes per catalog (isolate), then reads them again', async () => {
    await tagged(['新标签']);
    await tagged(['新标签']);
    await tagged(['新标签']);
    await tagged(['新标签']);
    await tagged(['新标签']);
    const soon = await page('', NOW + POPULAR_TAGS_TTL_MS - 1000);
    expect(soon.list.popularTags.map((t) => t.tag)).not.toContain('新标签');
    const later = await page('', NOW + POPULAR_TAGS_TTL_MS);
    expect(later.list.popularTags[0]).toEqual({ tag: '新标签', products: 5 });
  });

  it('the API leaves them out', async () => {
    const result = await listProducts({ ctx, input: ProductListQuery.parse({}) });
    expect(result.popularTags).toEqual([]);
    expect(result.total).toBe(4 + 3 + 1 + 22 + 5);
  });
});

describe('the demo catalogue in English', async () => {
  const { db } = await freshDatabase();
  const demoCatalog = loadCatalogFromDisk();
  const hasher = createPasswordHasher('search-test-pepper-123', 1000);
  await seedDemo({ db, catalog: demoCatalog, now: new Date(NOW), hasher });
  const ctx = serviceContext(db, demoCatalog, new Date(NOW));
  const names = async (q: string) =>
    (await listProducts({ ctx, input: ProductListQuery.parse({ q, limit: 100 }) })).items.map((i) => i.name);

  it.each([
    // The English name first (tier 0), then among others the products tagged 合同 (contract).
    ['contract', ['合同条款比对工具', '法律智能体助手']],
    // The English name first, then among others the products tagged 医疗 (medical).
    ['medical', ['医疗影像大模型应用', '术后随访智能体', '病历结构化助手']],
    // The English name first; others by the category's English label (Legal) or the tag 法律.
    ['legal', ['法律智能体助手', '合同条款比对工具']],
  ])('"%s" finds %j, the first one first', async (q, expected) => {
    const found = await names(q);
    expect(found[0]).toBe(expected[0]);
    expect(found).toEqual(expect.arrayContaining(expected));
  });

  it('a second start finds nothing to rebuild: the seed writes what search reads', async () => {
    expect(await rebuildSearchText({ ctx })).toBe(0);
    const again = await seedDemo({ db, catalog: demoCatalog, now: new Date(NOW), hasher });
    expect(again.seeded).toBe(false);
  });
});
