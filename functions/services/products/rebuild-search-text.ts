/**
 * Rebuilds the stored search_text of products whose text was built by an older productSearchText
 * (before English fields, category labels and English tag names were searchable), so existing rows
 * are found like new ones without a migration. The seed runs it on a database it does not seed;
 * every write builds the current text anyway. Only stale rows are written (the FTS5 triggers follow).
 */
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { products } from '../../db/schema';
import { productSearchText } from './product-search-text';

const CHUNK = 100;

/** Returns how many products got a new search_text. */
export async function rebuildSearchText({ ctx }: { ctx: Pick<ServiceContext, 'db'> }): Promise<number> {
  const { db } = ctx;
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      tagline: products.tagline,
      description: products.description,
      tags: products.tags,
      category: products.category,
      nameEn: products.nameEn,
      taglineEn: products.taglineEn,
      descriptionEn: products.descriptionEn,
      searchText: products.searchText,
    })
    .from(products);
  const stale = rows
    .map((row) => ({ id: row.id, current: row.searchText, next: productSearchText(row) }))
    .filter((row) => row.current !== row.next);
  for (let i = 0; i < stale.length; i += CHUNK) {
    const [first, ...rest] = stale
      .slice(i, i + CHUNK)
      .map((row) => db.update(products).set({ searchText: row.next }).where(eq(products.id, row.id)));
    if (first) await db.batch([first, ...rest]);
  }
  return stale.length;
}
