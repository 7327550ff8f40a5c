/**
 * The product list never scans the products table nor sorts in a temporary B-tree: EXPLAIN QUERY
 * PLAN of the exact statements the service runs (built, not executed) — the page, its count and the
 * previous page's cursor — for the plain list, each filter and combination, each sort, with and
 * without a cursor, and the search — on 300 products with ANALYZE statistics so the planner chooses
 * as it would in production. Relevance alone sorts, and only the FTS5 matches (decision 007).
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

type Statement = 'query' | 'count' | 'previous';

async function planOf(params: Params, statement: Statement = 'query'): Promise<string[]> {
  const input = ProductListQuery.parse(params);
  const plan = planProductList(db, input, {
    locale: 'zh-CN',
    communityExists: (slug) => catalog.community(slug) !== undefined,
  });
  const query = plan[statement];
  if (!query) throw new Error(`expected a ${statement} statement`);
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
  relevance: encodeCursor(['relevance', 1, 3, 150]),
};

const cases: Array<[string, Statement, Params]> = [];
for (const filter of FILTERS) {
  for (const sort of PRODUCT_SORTS) {
    for (const withCursor of [false, true]) {
      const params: Params = { ...filter, sort, ...(withCursor ? { cursor: CURSORS[sort] } : {}) };
      if (sort === 'relevance') params.q = '智能体';
      const variants = sort === 'relevance' ? [params] : [params, { ...params, q: 'agent 医疗' }];
      for (const variant of variants) {
        const statements: Statement[] = withCursor ? ['query', 'previous'] : ['query', 'count'];
        for (const statement of statements) cases.push([JSON.stringify(variant), statement, variant]);
      }
    }
  }
}

describe('EXPLAIN QUERY PLAN of the product list', () => {
  it.each(cases)('%s: the %s statement walks indexes in order', async (_, statement, params) => {
    const plan = await planOf(params, statement);
    // Relevance sorts the FTS5 matches by its rule (the count sorts nothing).
    const sorts = params.sort === 'relevance' && statement !== 'count';
    // (The page reads the card columns after sorting the keys, in a co-routine of its own.)
    const walked = plan.filter((detail) => !/^CO-ROUTINE /.test(detail));
    if (sorts) expect(walked[0], plan.join('\n')).toMatch(/^SCAN products_fts VIRTUAL TABLE INDEX \d+:M/);
    const offending = plan.filter(
      (detail) =>
        (/USE TEMP B-TREE/.test(detail) && !(sorts && detail === 'USE TEMP B-TREE FOR ORDER BY')) ||
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

  it('orders a search by relevance from the FTS5 matches, reaching products by primary key', async () => {
    const plan = await planOf({ q: '医疗 agent' });
    const text = plan.join('\n');
    // Sort the matches' keys (the co-routine), then read the page's rows by primary key.
    expect(plan.slice(0, 3), text).toEqual([
      'CO-ROUTINE ranked',
      expect.stringMatching(/^SCAN products_fts VIRTUAL TABLE INDEX \d+:M/),
      expect.stringMatching(/^SEARCH products USING INTEGER PRIMARY KEY/),
    ]);
    expect(text).toMatch(/SEARCH companies USING INTEGER PRIMARY KEY/);
    expect(plan.filter((detail) => /TEMP B-TREE/.test(detail)).length, text).toBeLessThanOrEqual(2);
  });

  it('counts the unfiltered list from the live figures (four rows), not from products', async () => {
    for (const params of [{}, { kind: 'agent' }]) {
      const plan = (await planOf(params, 'count')).join('\n');
      expect(plan).toMatch(/^(SCAN|SEARCH) live_figures/);
      expect(plan).not.toMatch(/products/);
    }
  });
});
