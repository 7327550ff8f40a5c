/**
 * Keyset pagination over in-memory lists (content from the catalog): items are ordered by a tuple
 * key and a page starts strictly after the cursor's key, so a list walked page by page yields every
 * item exactly once even if the catalog is reloaded in between.
 */
import type { Page } from '../schemas/pagination';
import { encodeCursor } from './cursor';

export type SortKey = ReadonlyArray<string | number>;

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    // Plain code-unit order for strings (slugs), not locale collation, so it is the same everywhere.
    return x < y ? -1 : 1;
  }
  return 0;
}

export function pageByKey<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  after: SortKey | null,
  limit: number,
): Page<T> {
  const sorted = items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .filter((entry) => after === null || compareKeys(entry.key, after) > 0);
  const page = sorted.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((entry) => entry.item),
    nextCursor: sorted.length > limit && last ? encodeCursor([...last.key]) : null,
  };
}
