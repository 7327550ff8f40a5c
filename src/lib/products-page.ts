/**
 * Loaders of the product pages (src/lib/page.ts): a lenient reading of the list's GET form (an
 * invalid field is ignored and named, the rest still applies) and the detail's id from the path.
 */
import type { AstroGlobal } from 'astro';
import type { ServiceContext } from '~/functions/context';
import { isAppError } from '~/functions/lib/errors';
import { parsePositiveId } from '~/functions/schemas/common';
import { ProductListQuery } from '~/functions/schemas/products';
import { getProduct, type ProductView } from '~/functions/services/products/get-product';
import { listProducts, type ProductList } from '~/functions/services/products/list-products';
import { orNotFound } from './list-page';
import { notFound, page } from './page';

export interface ProductListPage {
  query: ProductListQuery;
  list: ProductList;
  /** Query fields that were not valid and were left out. */
  ignored: string[];
}

/** Parses the form, dropping invalid fields (the API answers 422 for them instead). */
function lenientQuery(raw: Record<string, string>): { query: ProductListQuery; ignored: string[] } {
  const ignored = new Set<string>();
  let input = { ...raw };
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = ProductListQuery.safeParse(input);
    if (result.success) return { query: result.data, ignored: [...ignored] };
    for (const issue of result.error.issues) ignored.add(String(issue.path[0] ?? ''));
    input = Object.fromEntries(Object.entries(input).filter(([name]) => !ignored.has(name)));
  }
  return { query: ProductListQuery.parse({}), ignored: [...ignored] };
}

/** How many popular tags the tag field suggests (and an empty result links to). */
export const SUGGESTED_TAGS = 20;

/**
 * The list for the page in one round trip: the page, its total, the previous page's cursor and the
 * popular tags in one batch. A bad cursor or an unknown community is refused by the service before
 * it queries, so retrying without them costs no extra round trip.
 */
export async function loadProductList(ctx: ServiceContext, url: URL): Promise<ProductListPage> {
  const known = new Set(Object.keys(ProductListQuery.shape));
  let raw = Object.fromEntries([...url.searchParams].filter(([name]) => known.has(name)));
  const refused: string[] = [];
  for (;;) {
    const { query, ignored } = lenientQuery(raw);
    try {
      const list = await listProducts({ ctx, input: query, popularTags: SUGGESTED_TAGS });
      return { query, list, ignored: [...ignored, ...refused] };
    } catch (err) {
      const fields = isAppError(err) && err.status === 422 ? Object.keys(err.fieldErrors ?? {}) : [];
      // Only fields still present can be dropped; anything else is a real error.
      if (!fields.some((name) => name in raw)) throw err;
      refused.push(...fields);
      raw = Object.fromEntries(Object.entries(raw).filter(([name]) => !fields.includes(name)));
    }
  }
}

export async function productListPage(Astro: AstroGlobal) {
  return page(await loadProductList(Astro.locals.ctx, Astro.url));
}

/** Unknown, pending and rejected products all answer 404 with the localized error page. */
export async function productPage(Astro: AstroGlobal) {
  const product = await loadProduct(Astro.locals.ctx, Astro.params.id);
  return product ? page({ product }) : notFound;
}

/** The approved product at `/products/{id}`, or null. */
export async function loadProduct(
  ctx: ServiceContext,
  idParam: string | undefined,
): Promise<ProductView | null> {
  const id = parsePositiveId(idParam);
  if (id === null) return null;
  return orNotFound(() => getProduct({ ctx, input: { id } }));
}
