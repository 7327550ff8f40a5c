/**
 * Not a verb: builds the one SQL statement behind the product list (page and API) without running it, so the
 * query-plan test can EXPLAIN exactly what the service executes.
 *
 * Every variant walks one index in the order asked for, LIMIT n+1, and checks the remaining
 * conditions on rows it reaches by primary key — no full scan of products, no temporary B-tree:
 *  - relevance (needs q): products_fts in FTS5's own `ORDER BY rank` (bm25), outer loop;
 *  - a tag or community filter: product_listings (facet, approved_at|vote_count, product_id);
 *  - otherwise products' (status[, category|kind], approved_at|vote_count, id) indexes.
 * CROSS JOIN pins the driving table (SQLite never reorders it); unary `+` keeps the planner from
 * using a term as an index constraint where that would trade the ordered walk for a sort.
 * See docs/decisions/007-product-listing-queries.md.
 */

import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { communityFacet, companies, productListings, products, tagFacet } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { validation } from '../../lib/errors';
import type { Locale } from '../../lib/locale';
import { translate } from '../../lib/messages';
import { buildSearchQuery } from '../../lib/search-text';
import { type ProductListQuery, type ProductSort, productSortOf } from '../../schemas/products';
import { currentLogoOf } from '../media/media-record';

/** The FTS5 table of migration 0001 (external content over products.search_text; approved only). */
const productsFts = sqliteTable('products_fts', { rowid: integer(), rank: real(), searchText: text() });

/** Columns of a list row: the card, the company's name (same query) and the sort keys. */
const listColumns = {
  id: products.id,
  name: products.name,
  tagline: products.tagline,
  kind: products.kind,
  category: products.category,
  tags: products.tags,
  voteCount: products.voteCount,
  approvedAt: products.approvedAt,
  companyId: companies.id,
  companyName: companies.name,
  logo: currentLogoOf(products.id),
};

interface Keyset {
  sort: ProductSort;
  /** approved_at (ms), vote_count, or the bm25 rank as written by String(number) (exact round trip). */
  key: number | string;
  id: number;
}

export interface ListPlan {
  sort: ProductSort;
  limit: number;
  /**
   * The statement, built but not run (`toSQL()` gives its SQL for EXPLAIN QUERY PLAN); null when
   * nothing can match (a query of punctuation only), so no round trip is spent.
   */
  query: ReturnType<typeof buildQuery> | null;
}

export interface ListRow {
  id: number;
  approvedAt: Date | null;
  voteCount: number;
  rank: number | null;
}

function readCursor(cursor: string, sort: ProductSort, locale: Locale): Keyset {
  const fail = () => validation({ cursor: [translate(locale, 'field.invalid')] }, 'invalid_cursor');
  try {
    if (sort === 'relevance') {
      const [tag, rank, id] = decodeCursor(cursor, ['string', 'string', 'number']);
      if (tag !== sort || !Number.isFinite(Number(rank))) throw fail();
      return { sort, key: rank, id };
    }
    const [tag, key, id] = decodeCursor(cursor, ['string', 'number', 'number']);
    if (tag !== sort) throw fail();
    return { sort, key, id };
  } catch {
    throw fail();
  }
}

/** The cursor after `row` in `sort` order. */
export function cursorAfter(row: ListRow, sort: ProductSort): string {
  if (sort === 'relevance') return encodeCursor([sort, String(row.rank ?? 0), row.id]);
  const key = sort === 'votes' ? row.voteCount : (row.approvedAt?.getTime() ?? 0);
  return encodeCursor([sort, key, row.id]);
}

/**
 * Validates what the schema cannot (the cursor, the community against the catalog) and builds the
 * statement. Throws a 422 before any round trip.
 */
export function planProductList(
  db: Db,
  input: ProductListQuery,
  opts: { locale: Locale; communityExists: (slug: string) => boolean },
): ListPlan {
  const sort = productSortOf(input);
  if (input.community !== undefined && !opts.communityExists(input.community)) {
    throw validation({ community: [translate(opts.locale, 'field.community')] });
  }
  const after = input.cursor ? readCursor(input.cursor, sort, opts.locale) : null;
  const match = input.q === undefined ? null : buildSearchQuery(input.q);
  const query = input.q !== undefined && match === null ? null : buildQuery(db, input, sort, match, after);
  return { sort, limit: input.limit, query };
}

function buildQuery(
  db: Db,
  input: ProductListQuery,
  sort: ProductSort,
  match: string | null,
  after: Keyset | null,
) {
  const conditions: Array<SQL | undefined> = [eq(products.status, 'approved')];
  if (input.category !== undefined) conditions.push(eq(products.category, input.category));
  if (input.kind !== undefined) {
    // With a category too, the category index drives (14 categories vs 2 kinds); kind is a row check.
    conditions.push(
      input.category !== undefined ? sql`+${products.kind} = ${input.kind}` : eq(products.kind, input.kind),
    );
  }
  // Tags are narrower than communities: the more selective facet drives, the other is checked.
  const facets = [
    ...(input.tag !== undefined ? [tagFacet(input.tag)] : []),
    ...(input.community !== undefined ? [communityFacet(input.community)] : []),
  ];

  if (sort === 'relevance' && match !== null) {
    const rank = after ? Number(after.key) : null;
    return db
      .select({ ...listColumns, rank: productsFts.rank })
      .from(productsFts)
      .crossJoin(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(
        and(
          sql`${productsFts} match ${match}`,
          eq(products.id, productsFts.rowid),
          ...conditions,
          ...facets.map(inFacet),
          // FTS5 returns equal ranks in rowid order, so (rank, id) is a strict keyset. `rank = ?`
          // is never written: FTS5 would take it for a ranking function; `>=` after `>` is the same.
          rank !== null && after
            ? sql`(+${productsFts.rank} > ${rank} or (+${productsFts.rank} >= ${rank} and ${products.id} > ${after.id}))`
            : undefined,
        ),
      )
      .orderBy(asc(productsFts.rank))
      .limit(input.limit + 1);
  }

  if (match !== null) {
    // Newest or most upvoted among the matches: walk the ordered index, test membership.
    conditions.push(
      sql`+${products.id} in (select rowid from ${productsFts} where ${productsFts} match ${match})`,
    );
  }
  const votes = sort === 'votes';
  const [drivingFacet, ...checkedFacets] = facets;

  if (drivingFacet !== undefined) {
    const sortKey = votes ? productListings.voteCount : productListings.approvedAt;
    return db
      .select({ ...listColumns, rank: sql<number | null>`null` })
      .from(productListings)
      .crossJoin(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(
        and(
          eq(productListings.facet, drivingFacet),
          eq(products.id, productListings.productId),
          ...conditions,
          ...checkedFacets.map(inFacet),
          after ? sql`(${sortKey}, ${productListings.productId}) < (${after.key}, ${after.id})` : undefined,
        ),
      )
      .orderBy(desc(sortKey), desc(productListings.productId))
      .limit(input.limit + 1);
  }

  const sortKey = votes ? products.voteCount : products.approvedAt;
  return db
    .select({ ...listColumns, rank: sql<number | null>`null` })
    .from(products)
    .innerJoin(companies, eq(companies.id, products.companyId))
    .where(
      and(...conditions, after ? sql`(${sortKey}, ${products.id}) < (${after.key}, ${after.id})` : undefined),
    )
    .orderBy(desc(sortKey), desc(products.id))
    .limit(input.limit + 1);
}

/** The product is listed under `facet` (a primary-key lookup in product_listings). */
const inFacet = (facet: string) =>
  sql`exists (select 1 from product_listings as listed where listed.facet = ${facet} and listed.product_id = ${products.id})`;
