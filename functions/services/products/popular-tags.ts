/**
 * Not a verb: the most used tags among approved products (the list's tag field suggests them in a
 * <datalist>, an empty result links to them). The statement reads every tag facet of
 * product_listings in index order (one entry per tag and product) and sorts only the distinct tags:
 * about 9 ms at 10,000 products, too much for every list page, so an isolate keeps the answer for a
 * few minutes (suggestions may lag a new tag by that much).
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

export const POPULAR_TAGS_TTL_MS = 5 * 60_000;

/**
 * Answers kept per catalog, which lives as long as the isolate and its database (a test app builds
 * its own); read with the injected clock.
 */
const remembered = new WeakMap<object, { at: number; limit: number; tags: PopularTag[] }>();

export function rememberedPopularTags(owner: object, now: Date, limit: number): PopularTag[] | null {
  const entry = remembered.get(owner);
  if (!entry || entry.limit < limit) return null;
  const age = now.getTime() - entry.at;
  return age >= 0 && age < POPULAR_TAGS_TTL_MS ? entry.tags.slice(0, limit) : null;
}

export function rememberPopularTags(owner: object, now: Date, limit: number, tags: PopularTag[]): void {
  remembered.set(owner, { at: now.getTime(), limit, tags });
}
