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
import { PRODUCT_SORTS, ProductListQuery, SEARCH_CAP } from '~/functions/schemas/products';
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

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** The statement's SQL with its values inlined, and its EXPLAIN QUERY PLAN rows. */
async function explain(params: Params, statement: Statement) {
  const input = ProductListQuery.parse(params);
  const plan = planProductList(db, input, {
    locale: 'zh-CN',
    communityExists: (slug) => catalog.community(slug) !== undefined,
  });
  const query = plan[statement];
  if (!query) throw new Error(`expected a ${statement} statement`);
  const { sql: text, params: args } = query.toSQL();
  const statementSql = inline(text, args);
  const rows = await db.all<PlanRow>(sql.raw(`EXPLAIN QUERY PLAN ${statementSql}`));
  return { sql: statementSql, rows };
}

async function planOf(params: Params, statement: Statement = 'query'): Promise<string[]> {
  return (await explain(params, statement)).rows.map((row) => row.detail);
}

/**
 * FTS5's xBestIndex flags in the plan's "INDEX n:" (fts5_main.c): FTS5_BI_ORDER_ROWID 0x40 and
 * FTS5_BI_ORDER_DESC 0x80 — the virtual table itself yields rowids in descending order, so a LIMIT
 * over it stops the walk.
 */
const walksRowidsDescending = (detail: string) => {
  const flags = Number(/^SCAN products_fts VIRTUAL TABLE INDEX (\d+):M/.exec(detail)?.[1] ?? 0);
  return (flags & 0xc0) === 0xc0;
};

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
    const { sql: text, rows } = await explain(params, statement);
    const plan = rows.map((row) => row.detail);
    // Relevance sorts its candidates by its rule (the count sorts nothing).
    const sorts = params.sort === 'relevance' && statement !== 'count';
    const offending = plan.filter(
      (detail) =>
        (/USE TEMP B-TREE/.test(detail) && !(sorts && detail === 'USE TEMP B-TREE FOR ORDER BY')) ||
        /^SCAN (products|companies|product_listings|listed)\b(?! VIRTUAL)/.test(detail) ||
        /\bAUTOMATIC\b/.test(detail),
    );
    expect(offending, plan.join('\n')).toEqual([]);
    if (sorts) {
      // The candidates: FTS5 yields the matches newest (highest rowid) first, stopped by the cap.
      const candidates = rows.find((row) => row.detail === 'CO-ROUTINE candidates');
      expect(candidates, plan.join('\n')).toBeDefined();
      const inside = rows.filter((row) => row.parent === candidates?.id);
      expect(inside[0]?.detail, plan.join('\n')).toMatch(/^SCAN products_fts VIRTUAL TABLE/);
      expect(walksRowidsDescending(inside[0]?.detail ?? ''), plan.join('\n')).toBe(true);
      expect(text).toContain(`order by "products_fts"."rowid" desc limit ${SEARCH_CAP}) "candidates"`);
      // What is sorted is the candidates (or the page's few rows), never the FTS5 walk itself.
      expect(inside.map((row) => row.detail)).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    }
    if (statement === 'count' && params.q !== undefined) {
      // A search's total stops at cap + 1 matches.
      expect(plan[0], plan.join('\n')).toBe('CO-ROUTINE counted');
      expect(text).toContain(`limit ${SEARCH_CAP + 1}) "counted"`);
    }
  });

  it('drives a filtered list from the facet index (tag), not from products', async () => {
    const plan = await planOf({ tag: 'agent', sort: 'votes' });
    expect(plan[0]).toMatch(
      /^SEARCH product_listings USING (COVERING )?INDEX product_listings_votes_idx \(facet=\?\)/,
    );
  });

  it('orders a search by relevance among its newest matches, reaching products by primary key', async () => {
    const plan = await planOf({ q: '医疗 agent' });
    const text = plan.join('\n');
    // Take the candidates from FTS5 (rowid descending, LIMIT cap) with their products by primary
    // key, sort the candidates' keys (a temporary B-tree of at most SEARCH_CAP rows), then read the
    // page's rows by primary key.
    expect(plan.slice(0, 6), text).toEqual([
      'CO-ROUTINE ranked',
      'CO-ROUTINE candidates',
      expect.stringMatching(/^SCAN products_fts VIRTUAL TABLE INDEX \d+:M/),
      expect.stringMatching(/^SEARCH products USING INTEGER PRIMARY KEY/),
      'SCAN candidates',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(walksRowidsDescending(plan[2] ?? ''), text).toBe(true);
    expect(plan.slice(6, 9), text).toEqual([
      'SCAN ranked',
      expect.stringMatching(/^SEARCH products USING INTEGER PRIMARY KEY/),
      expect.stringMatching(/^SEARCH companies USING INTEGER PRIMARY KEY/),
    ]);
    expect(plan.filter((detail) => /TEMP B-TREE/.test(detail)).length, text).toBe(2);
  });

  it('checks a tag or community filter of a search on the FTS5 rowid, before reading the product', async () => {
    for (const statement of ['query', 'count'] as const) {
      const { rows } = await explain({ q: '智能体', tag: 'rag', community: 'guanggu' }, statement);
      const text = rows.map((row) => row.detail).join('\n');
      const walk = rows.find((row) => /^SCAN products_fts/.test(row.detail));
      const siblings = rows.filter((row) => row.parent === walk?.parent).map((row) => row.detail);
      const scan = siblings.indexOf(walk?.detail ?? '');
      // The two facet checks follow the FTS5 scan directly; the product (if read) comes after.
      expect(siblings.slice(scan + 1, scan + 3), text).toEqual([
        expect.stringMatching(/^CORRELATED SCALAR SUBQUERY/),
        expect.stringMatching(/^CORRELATED SCALAR SUBQUERY/),
      ]);
      if (statement === 'count') expect(text).not.toMatch(/SEARCH products/);
    }
  });

  it('counts the unfiltered list from the live figures (four rows), not from products', async () => {
    for (const params of [{}, { kind: 'agent' }]) {
      const plan = (await planOf(params, 'count')).join('\n');
      expect(plan).toMatch(/^(SCAN|SEARCH) live_figures/);
      expect(plan).not.toMatch(/products/);
    }
  });
});
