/**
 * Not a verb: builds the statements behind the product list (page and API) without running them, so
 * the query-plan test can EXPLAIN exactly what the service executes, and the service can send them
 * in one batch: the page (LIMIT n+1), its total (one COUNT) and, on a later page, the cursor of the
 * page before it.
 *
 * newest and votes walk one index in the order asked for and check the remaining conditions on rows
 * reached by primary key — no full scan of products, no temporary B-tree:
 *  - a tag or community filter: product_listings (facet, approved_at|vote_count, product_id);
 *  - otherwise products' (status[, category|kind], approved_at|vote_count, id) indexes;
 *  - with a query, FTS5 membership is a row check (`+id IN (SELECT rowid … MATCH)`).
 * relevance (needs q) takes its candidates from products_fts (MATCH) in rowid (= product id) order,
 * highest first, up to the cap (SEARCH_CAP, 500), and sorts only those by the rule of
 * `relevanceTier` (a temporary B-tree over at most the cap's rows). A search's total is counted up
 * to cap + 1 matches, so "more than 500" costs what 501 matches cost, whatever the catalogue's size.
 * CROSS JOIN pins the driving table (SQLite never reorders it); unary `+` keeps the planner from
 * using a term as an index constraint where that would trade the ordered walk for a sort.
 * See docs/decisions/007-product-listing-queries.md and 024-search-ranking-at-scale.md.
 */

import { and, asc, count, desc, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import {
  communityFacet,
  companies,
  LIVE_FIGURES,
  liveFigures,
  productListings,
  products,
  tagFacet,
} from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { validation } from '../../lib/errors';
import type { Locale } from '../../lib/locale';
import { translate } from '../../lib/messages';
import { buildSearchQuery, searchTerms } from '../../lib/search-text';
import { type ProductListQuery, type ProductSort, productSortOf, SEARCH_CAP } from '../../schemas/products';
import { currentLogoOf } from '../media/media-record';

/** The FTS5 table of migration 0001 (external content over products.search_text; approved only). */
const productsFts = sqliteTable('products_fts', { rowid: integer(), searchText: text() });

/** Columns of a list row: the card, the company's name (same query) and the sort keys. */
const listColumns = {
  id: products.id,
  name: products.name,
  tagline: products.tagline,
  nameEn: products.nameEn,
  taglineEn: products.taglineEn,
  kind: products.kind,
  category: products.category,
  tags: products.tags,
  voteCount: products.voteCount,
  approvedAt: products.approvedAt,
  companyId: companies.id,
  companyName: companies.name,
  companyNameEn: companies.nameEn,
  logo: currentLogoOf(products.id),
};

/** The sort keys of a row: enough to write the cursor after it. */
const keyColumns = { id: products.id, approvedAt: products.approvedAt, voteCount: products.voteCount };

interface Keyset {
  sort: ProductSort;
  /** newest: [approved_at ms]; votes: [vote_count]; relevance: [tier, vote_count]. */
  key: number[];
  id: number;
}

export interface ListPlan {
  sort: ProductSort;
  limit: number;
  /**
   * The page's statement, built but not run (`toSQL()` gives its SQL for EXPLAIN QUERY PLAN); null
   * when nothing can match (a query of punctuation only), so no round trip is spent.
   */
  query: Statements['page'] | null;
  /**
   * One row `{ n }`: how many products match (every page, not only this one); for a search, counted
   * up to `cap + 1`, so n > cap means "more than cap".
   */
  count: Statements['count'] | null;
  /** The cap of a search's count and relevance candidates; null when the count is exact (no q). */
  cap: number | null;
  /**
   * On a later page: the row whose cursor opens the page before this one (the limit+1-th row walking
   * back from the cursor); no row means the page before is the first page. Null on a first page.
   */
  previous: Statements['previous'] | null;
}

export interface ListRow {
  id: number;
  approvedAt: Date | null;
  voteCount: number;
  tier: number | null;
}

function readCursor(cursor: string, sort: ProductSort, locale: Locale): Keyset {
  const fail = () => validation({ cursor: [translate(locale, 'field.invalid')] }, 'invalid_cursor');
  try {
    if (sort === 'relevance') {
      const [tag, tier, votes, id] = decodeCursor(cursor, ['string', 'number', 'number', 'number']);
      if (tag !== sort) throw fail();
      return { sort, key: [tier, votes], id };
    }
    const [tag, key, id] = decodeCursor(cursor, ['string', 'number', 'number']);
    if (tag !== sort) throw fail();
    return { sort, key: [key], id };
  } catch {
    throw fail();
  }
}

/** The cursor after `row` in `sort` order. */
export function cursorAfter(row: ListRow, sort: ProductSort): string {
  if (sort === 'relevance') return encodeCursor([sort, row.tier ?? 2, row.voteCount, row.id]);
  const key = sort === 'votes' ? row.voteCount : (row.approvedAt?.getTime() ?? 0);
  return encodeCursor([sort, key, row.id]);
}

/**
 * Validates what the schema cannot (the cursor, the community against the catalog) and builds the
 * statements. Throws a 422 before any round trip.
 */
export function planProductList(
  db: Db,
  input: ProductListQuery,
  opts: {
    locale: Locale;
    communityExists: (slug: string) => boolean;
    /** SEARCH_CAP unless a test needs a smaller one. */
    searchCap?: number;
  },
): ListPlan {
  const sort = productSortOf(input);
  if (input.community !== undefined && !opts.communityExists(input.community)) {
    throw validation({ community: [translate(opts.locale, 'field.community')] });
  }
  const after = input.cursor ? readCursor(input.cursor, sort, opts.locale) : null;
  const match = input.q === undefined ? null : buildSearchQuery(input.q);
  const cap = match === null ? null : Math.max(1, Math.floor(opts.searchCap ?? SEARCH_CAP));
  if (input.q !== undefined && match === null) {
    return { sort, limit: input.limit, query: null, count: null, previous: null, cap: null };
  }
  const built = buildStatements(db, input, sort, match, after, cap ?? SEARCH_CAP);
  return {
    sort,
    limit: input.limit,
    query: built.page,
    count: built.count,
    previous: built.previous,
    cap,
  };
}

/**
 * Relevance, the order of a search unless another is chosen: a product whose name (Chinese or
 * English) contains every term of the query comes first (tier 0), then one whose tagline does
 * (tier 1), then every other match (tier 2: description, tags, category, English fields); within a
 * tier the most upvoted first, then the earliest listed (lower id). A term is a Han run or a Latin
 * word of the query (searchTerms), compared lower-cased as a substring.
 */
function relevanceTier(terms: string[]): SQL<number> {
  if (terms.length === 0) return sql<number>`2`;
  const containsAll = (text: SQL) =>
    sql.join(
      terms.map((term) => sql`instr(${text}, ${term}) > 0`),
      sql` and `,
    );
  const names = sql`lower(${products.name} || char(10) || coalesce(${products.nameEn}, ''))`;
  const taglines = sql`lower(${products.tagline} || char(10) || coalesce(${products.taglineEn}, ''))`;
  return sql<number>`(case when ${containsAll(names)} then 0 when ${containsAll(taglines)} then 1 else 2 end)`;
}

/** An order as one row value of keys walked in one direction (the page's; reversed for "previous"). */
interface Order {
  keys: SQLWrapper[];
  direction: 'asc' | 'desc';
}

const rowValue = (items: Array<SQLWrapper | number>) =>
  sql`(${sql.join(
    items.map((item) => (typeof item === 'number' ? sql`${item}` : item)),
    sql`, `,
  )})`;

/** Rows strictly after the cursor's, in the page's direction. */
const afterCursor = (order: Order, values: number[]) =>
  order.direction === 'desc'
    ? sql`${rowValue(order.keys)} < ${rowValue(values)}`
    : sql`${rowValue(order.keys)} > ${rowValue(values)}`;

/** The cursor's row and the rows before it, in the page's direction. */
const upToCursor = (order: Order, values: number[]) =>
  order.direction === 'desc'
    ? sql`${rowValue(order.keys)} >= ${rowValue(values)}`
    : sql`${rowValue(order.keys)} <= ${rowValue(values)}`;

const orderBy = (order: Order, reversed: boolean) =>
  order.keys.map((key) => ((order.direction === 'desc') !== reversed ? desc(key) : asc(key)));

type Statements = ReturnType<typeof buildStatements>;

function buildStatements(
  db: Db,
  input: ProductListQuery,
  sort: ProductSort,
  match: string | null,
  after: Keyset | null,
  cap: number,
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
  // Tags are stored lower-cased (Tags schema), so the filter is too: ?tag=SaaS finds "saas".
  const facets = [
    ...(input.tag !== undefined ? [tagFacet(normalizeTag(input.tag))] : []),
    ...(input.community !== undefined ? [communityFacet(input.community)] : []),
  ];
  const limit = input.limit;

  // A search walks FTS5's matches and checks the filters on each: a facet on the match's rowid (the
  // listing's primary key, without reading the product), category and kind on the product's row.
  // products_fts holds approved products only, so without those the index alone answers.
  const rowChecked = input.category !== undefined || input.kind !== undefined;
  const matchWhere =
    match === null
      ? undefined
      : and(
          sql`${productsFts} match ${match}`,
          ...facets.map((facet) => inFacet(facet, productsFts.rowid)),
          ...(rowChecked ? [eq(products.id, productsFts.rowid), ...conditions] : []),
        );
  // Its total is counted up to cap + 1 matches, whatever the order (decision 024).
  const counted =
    match === null
      ? null
      : rowChecked
        ? db
            .select({ id: productsFts.rowid })
            .from(productsFts)
            .crossJoin(products)
            .where(matchWhere)
            .limit(cap + 1)
            .as('counted')
        : db
            .select({ id: productsFts.rowid })
            .from(productsFts)
            .where(matchWhere)
            .limit(cap + 1)
            .as('counted');
  const matchCount = counted === null ? null : db.select({ n: count() }).from(counted);

  if (sort === 'relevance' && match !== null && matchCount !== null) {
    // The candidates: the `cap` most recently submitted matches (FTS5 walks its doclists by rowid,
    // highest first, and stops at the LIMIT), each with its tier and votes; only they are sorted.
    const candidates = db
      .select({
        id: products.id,
        tier: sql<number>`${relevanceTier(searchTerms(input.q ?? ''))}`.as('tier'),
        votes: sql<number>`${products.voteCount}`.as('votes'),
      })
      .from(productsFts)
      .crossJoin(products)
      .where(and(matchWhere, rowChecked ? undefined : eq(products.id, productsFts.rowid)))
      .orderBy(desc(productsFts.rowid))
      .limit(cap)
      .as('candidates');
    const order: Order = {
      keys: [candidates.tier, sql`-${candidates.votes}`, candidates.id],
      direction: 'asc',
    };
    const values = after ? [after.key[0] ?? 2, -(after.key[1] ?? 0), after.id] : null;
    // Sort the candidates' keys only, then read the card columns (company, logo) for the page's rows.
    const ranked = db
      .select({ id: candidates.id, tier: candidates.tier, votes: candidates.votes })
      .from(candidates)
      .where(values ? afterCursor(order, values) : undefined)
      .orderBy(...orderBy(order, false))
      .limit(limit + 1)
      .as('ranked');
    return {
      page: db
        .select({ ...listColumns, tier: ranked.tier })
        .from(ranked)
        .crossJoin(products)
        .innerJoin(companies, eq(companies.id, products.companyId))
        .where(eq(products.id, ranked.id))
        .orderBy(asc(ranked.tier), desc(ranked.votes), asc(ranked.id)),
      count: matchCount,
      previous: values
        ? db
            .select({
              id: candidates.id,
              approvedAt: sql<Date | null>`null`,
              voteCount: candidates.votes,
              tier: candidates.tier,
            })
            .from(candidates)
            .where(upToCursor(order, values))
            .orderBy(...orderBy(order, true))
            .limit(1)
            .offset(limit)
        : null,
    };
  }

  if (match !== null) {
    // Newest or most upvoted among the matches: walk the ordered index, test membership.
    conditions.push(
      sql`+${products.id} in (select rowid from ${productsFts} where ${productsFts} match ${match})`,
    );
  }
  const votes = sort === 'votes';
  const [drivingFacet, ...checkedFacets] = facets;
  const values = after ? [after.key[0] ?? 0, after.id] : null;
  const noTier = sql<number | null>`null`;

  if (drivingFacet !== undefined) {
    const sortKey = votes ? productListings.voteCount : productListings.approvedAt;
    const order: Order = { keys: [sortKey, productListings.productId], direction: 'desc' };
    const where = and(
      eq(productListings.facet, drivingFacet),
      eq(products.id, productListings.productId),
      ...conditions,
      ...checkedFacets.map((facet) => inFacet(facet, products.id)),
    );
    // Listing rows exist for approved products only: without other conditions, count the facet alone.
    const facetOnly = input.category === undefined && input.kind === undefined && checkedFacets.length === 0;
    return {
      page: db
        .select({ ...listColumns, tier: noTier })
        .from(productListings)
        .crossJoin(products)
        .innerJoin(companies, eq(companies.id, products.companyId))
        .where(and(where, values ? afterCursor(order, values) : undefined))
        .orderBy(...orderBy(order, false))
        .limit(limit + 1),
      count:
        matchCount ??
        (facetOnly
          ? db.select({ n: count() }).from(productListings).where(eq(productListings.facet, drivingFacet))
          : db.select({ n: count() }).from(productListings).crossJoin(products).where(where)),
      previous: values
        ? db
            .select({ ...keyColumns, tier: noTier })
            .from(productListings)
            .crossJoin(products)
            .where(and(where, upToCursor(order, values)))
            .orderBy(...orderBy(order, true))
            .limit(1)
            .offset(limit)
        : null,
    };
  }

  const sortKey = votes ? products.voteCount : products.approvedAt;
  const order: Order = { keys: [sortKey, products.id], direction: 'desc' };
  const where = and(...conditions);
  return {
    page: db
      .select({ ...listColumns, tier: noTier })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(and(where, values ? afterCursor(order, values) : undefined))
      .orderBy(...orderBy(order, false))
      .limit(limit + 1),
    count: matchCount ?? catalogueCount(db, input),
    previous: values
      ? db
          .select({ ...keyColumns, tier: noTier })
          .from(products)
          .where(and(where, upToCursor(order, values)))
          .orderBy(...orderBy(order, true))
          .limit(1)
          .offset(limit)
      : null,
  };
}

/**
 * The count of the unsearched list without a facet: the trigger-kept live figures when no category
 * is chosen (one or two primary-key lookups), else a count over the (status, category) index.
 */
function catalogueCount(db: Db, input: ProductListQuery) {
  if (input.category === undefined) {
    const names =
      input.kind === undefined
        ? [LIVE_FIGURES.products, LIVE_FIGURES.agents]
        : [input.kind === 'agent' ? LIVE_FIGURES.agents : LIVE_FIGURES.products];
    return db
      .select({ n: sql<number>`coalesce(sum(${liveFigures.value}), 0)`.mapWith(Number) })
      .from(liveFigures)
      .where(inArray(liveFigures.name, names));
  }
  return db
    .select({ n: count() })
    .from(products)
    .where(
      and(
        eq(products.status, 'approved'),
        eq(products.category, input.category),
        input.kind === undefined ? undefined : sql`+${products.kind} = ${input.kind}`,
      ),
    );
}

/** A tag as stored: trimmed and lower-cased, as the Tags schema writes it. */
export const normalizeTag = (tag: string) => tag.trim().toLowerCase();

/** The product `id` is listed under `facet` (a primary-key lookup in product_listings). */
const inFacet = (facet: string, id: SQLWrapper) =>
  sql`exists (select 1 from product_listings as listed where listed.facet = ${facet} and listed.product_id = ${id})`;
