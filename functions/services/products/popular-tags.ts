/**
 * Not a verb: the statement of the most used tags among approved products (the list's tag field
 * suggests them in a <datalist>, an empty result links to them). It reads the tag facets of
 * product_listings in index order, one entry per (tag, product), and sorts only the distinct tags.
 */
import { and, asc, count, desc, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { productListings } from '../../db/schema';

export interface PopularTag {
  tag: string;
  /** Approved products carrying it. */
  products: number;
}

/** The `limit` tags with the most approved products, ties alphabetically. */
export function popularTagsQuery(db: Db, limit: number) {
  const products = count();
  return (
    db
      .select({ tag: sql<string>`substr(${productListings.facet}, 5)`, products })
      .from(productListings)
      // Tag facets lie between `tag:` and `tag;` (the character after the colon).
      .where(and(gte(productListings.facet, 'tag:'), lt(productListings.facet, 'tag;')))
      .groupBy(productListings.facet)
      .orderBy(desc(products), asc(productListings.facet))
      .limit(limit)
  );
}
