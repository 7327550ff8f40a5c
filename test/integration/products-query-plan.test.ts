/**
 * The product list never scans the products table nor sorts in a temporary B-tree: EXPLAIN QUERY
 * PLAN of the exact statement the service runs (built, not executed), for the plain list, each
 * filter and combination, each sort, with and without a cursor, and the search — on 300 products
 * with ANALYZE statistics so the planner chooses as it would in production.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '~/functions/lib/cursor';
import { PRODUCT_SORTS, ProductListQuery } from '~/functions/schemas/products';
import { planProductList } from '~/functions/services/products/listing-query';
import { buildCatalog, buildCommunity } from '../factories/catalog';
import { freshDatabase } from '../factories/db';
import { seedBulkProducts } from '../factories/products';

const COMMUNITIES = ['east-lake', 'hanjiang-bay', 'changjiang-scene', 'binjiang-corridor', 'guanggu'];
const catalog = buildCatalog({ communities: COMMUNITIES.map((slug) => buildCommunity(slug)) });
const { db } = await freshDatabase();

beforeAll(async () => {
  await seedBulkProducts(db, { count: 300, companies: 40, communities: COMMUNITIES });
});

type Params = Record<string, string>;

async function planOf(params: Params): Promise<string[]> {
  const input = ProductListQuery.parse(params);
  const { query } = planProductList(db, input, {
    locale: 'zh-CN',
    communityExists: (slug) => catalog.community(slug) !== undefined,
  });
  if (!query) throw new Error('expected a query');
  const { sql: text, params: args } = query.toSQL();
  const rows = await db.all<{ detail: string }>(sql.raw(`EXPLAIN QUERY PLAN ${inline(text, args)}`));
  return rows.map((row) => row.detail);
}

/** Inlines bound values so the EXPLAIN runs the same statement text with its values. */
function inline(text: string, args: unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const value = args[i++];
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}

const FILTERS: Params[] = [
  {},
  { kind: 'agent' },
  { category: 'legal' },
  { tag: 'agent' },
  { community: 'east-lake' },
  { kind: 'agent', category: 'legal' },
  { tag: 'rag', community: 'guanggu' },
  { tag: '医疗', kind: 'product' },
  { community: 'hanjiang-bay', category: 'healthcare' },
  { tag: 'llm', community: 'east-lake', kind: 'agent', category: 'education' },
];
const CURSORS: Record<(typeof PRODUCT_SORTS)[number], string> = {
  newest: encodeCursor(['newest', Date.parse('2026-10-30T00:00:00Z'), 150]),
  votes: encodeCursor(['votes', 9, 150]),
  relevance: encodeCursor(['relevance', '-1.25', 150]),
};

const cases: Array<[string, Params]> = [];
for (const filter of FILTERS) {
  for (const sort of PRODUCT_SORTS) {
    for (const withCursor of [false, true]) {
      const params: Params = { ...filter, sort, ...(withCursor ? { cursor: CURSORS[sort] } : {}) };
      if (sort === 'relevance') params.q = '智能体';
      cases.push([JSON.stringify(params), params]);
      if (sort !== 'relevance')
        cases.push([JSON.stringify({ ...params, q: 'agent 医疗' }), { ...params, q: 'agent 医疗' }]);
    }
  }
}

describe('EXPLAIN QUERY PLAN of the product list', () => {
  it.each(cases)('%s walks indexes in order', async (_, params) => {
    const plan = await planOf(params);
    const offending = plan.filter(
      (detail) =>
        /USE TEMP B-TREE/.test(detail) ||
        /^SCAN (products|companies|product_listings|listed)\b(?! VIRTUAL)/.test(detail) ||
        /\bAUTOMATIC\b/.test(detail),
    );
    expect(offending, plan.join('\n')).toEqual([]);
  });

  it('drives a filtered list from the facet index (tag), not from products', async () => {
    const plan = await planOf({ tag: 'agent', sort: 'votes' });
    expect(plan[0]).toMatch(
      /^SEARCH product_listings USING (COVERING )?INDEX product_listings_votes_idx \(facet=\?\)/,
    );
  });

  it('orders a search by FTS5 rank inside the virtual table', async () => {
    const plan = await planOf({ q: '医疗 agent' });
    expect(plan[0]).toMatch(/^SCAN products_fts VIRTUAL TABLE INDEX \d+:M/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
