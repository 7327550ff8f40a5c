/**
 * The public list of approved products and agents: search, filters, sorts, keyset pages with a
 * previous link, the total, and (for the page) the popular tags; one round trip (one batch).
 */
import type { ServiceContext } from '../../context';
import type { ProductListQuery, ProductSort } from '../../schemas/products';
import { cursorAfter, planProductList } from './listing-query';
import {
  type PopularTag,
  popularTagsQuery,
  rememberedPopularTags,
  rememberPopularTags,
} from './popular-tags';
import { type ProductCard, toProductCard } from './shared';

export type { PopularTag, ProductCard };

export interface ProductList {
  items: ProductCard[];
  nextCursor: string | null;
  /**
   * The cursor of the page before, '' when that is the first page (no cursor), null on the first
   * page. A previous page is the same page the next link led from while the list is unchanged.
   */
  prevCursor: string | null;
  /**
   * How many products match, over all pages; a search counts up to its cap (SEARCH_CAP), and when
   * more match, total is the cap and `totalCapped` is true.
   */
  total: number;
  /**
   * More products match than `total`: the count stopped at the cap, and relevance ranks the cap's
   * most recently submitted matches only (decision 024).
   */
  totalCapped: boolean;
  /** The order applied (the default depends on whether there is a query). */
  sort: ProductSort;
  /** The most used tags (empty unless asked for). */
  popularTags: PopularTag[];
}

export async function listProducts({
  ctx,
  input,
  popularTags = 0,
  searchCap,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'locale' | 'now'>;
  input: ProductListQuery;
  /** How many popular tags to add (0: none); read in the same batch unless remembered. */
  popularTags?: number;
  /** SEARCH_CAP unless a test needs a smaller one. */
  searchCap?: number;
}): Promise<ProductList> {
  const { db } = ctx;
  const plan = planProductList(db, input, {
    locale: ctx.locale,
    communityExists: (slug) => ctx.catalog.community(slug) !== undefined,
    ...(searchCap === undefined ? {} : { searchCap }),
  });
  const known = popularTags > 0 ? rememberedPopularTags(ctx.catalog, ctx.now, popularTags) : [];
  const tags = known === null ? popularTagsQuery(db, popularTags) : null;
  const remember = (read: PopularTag[]) => {
    rememberPopularTags(ctx.catalog, ctx.now, popularTags, read);
    return read;
  };
  if (!plan.query || !plan.count) {
    const suggested = tags ? remember(await tags) : (known ?? []);
    return {
      items: [],
      nextCursor: null,
      prevCursor: null,
      total: 0,
      totalCapped: false,
      sort: plan.sort,
      popularTags: suggested,
    };
  }
  // One batch whatever is asked: the page, its count, then the optional statements.
  const [rows, counted, ...rest] = await db.batch([
    plan.query,
    plan.count,
    ...(plan.previous ? [plan.previous] : []),
    ...(tags ? [tags] : []),
  ]);
  const before = plan.previous ? (rest.shift() as Awaited<typeof plan.previous>) : null;
  const suggested = tags ? remember(rest.shift() as PopularTag[]) : (known ?? []);
  const page = rows.slice(0, plan.limit);
  const last = page.at(-1);
  const previousRow = before?.[0];
  const n = counted[0]?.n ?? 0;
  const totalCapped = plan.cap !== null && n > plan.cap;
  return {
    items: page.map(toProductCard),
    nextCursor: rows.length > plan.limit && last ? cursorAfter(last, plan.sort) : null,
    prevCursor: before === null ? null : previousRow ? cursorAfter(previousRow, plan.sort) : '',
    total: totalCapped && plan.cap !== null ? plan.cap : n,
    totalCapped,
    sort: plan.sort,
    popularTags: suggested,
  };
}
