/** The public list of approved products and agents: search, filters, sorts, keyset pages; one round trip. */
import type { ServiceContext } from '../../context';
import type { ProductListQuery, ProductSort } from '../../schemas/products';
import { cursorAfter, planProductList } from './listing-query';

export interface ProductCard {
  id: number;
  name: string;
  tagline: string;
  kind: 'product' | 'agent';
  category: string;
  tags: string[];
  voteCount: number;
  approvedAt: Date;
  company: { id: number; name: string };
}

export interface ProductList {
  items: ProductCard[];
  nextCursor: string | null;
  /** The order applied (the default depends on whether there is a query). */
  sort: ProductSort;
}

type ListingRow = Awaited<NonNullable<ReturnType<typeof planProductList>['query']>>[number];

/** A listing row as the card pages and the API show. */
export function toProductCard(row: ListingRow): ProductCard {
  return {
    id: row.id,
    name: row.name,
    tagline: row.tagline,
    kind: row.kind,
    category: row.category,
    tags: row.tags,
    voteCount: row.voteCount,
    // Approved rows always have it (CHECK products_approved_at).
    approvedAt: row.approvedAt ?? new Date(0),
    company: { id: row.companyId, name: row.companyName },
  };
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
