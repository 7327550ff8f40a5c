/** The public list of approved products and agents: search, filters, sorts, keyset pages; one round trip. */
import type { ServiceContext } from '../../context';
import type { ProductListQuery, ProductSort } from '../../schemas/products';
import { cursorAfter, planProductList } from './listing-query';
import { type ProductCard, toProductCard } from './shared';

export type { ProductCard };

export interface ProductList {
  items: ProductCard[];
  nextCursor: string | null;
  /** The order applied (the default depends on whether there is a query). */
  sort: ProductSort;
}

export async function listProducts({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'locale'>;
  input: ProductListQuery;
}): Promise<ProductList> {
  const plan = planProductList(ctx.db, input, {
    locale: ctx.locale,
    communityExists: (slug) => ctx.catalog.community(slug) !== undefined,
  });
  if (!plan.query) return { items: [], nextCursor: null, sort: plan.sort };
  const rows = await plan.query;
  const page = rows.slice(0, plan.limit);
  const last = page.at(-1);
  return {
    items: page.map(toProductCard),
    nextCursor: rows.length > plan.limit && last ? cursorAfter(last, plan.sort) : null,
    sort: plan.sort,
  };
}
