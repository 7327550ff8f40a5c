/** Cursor pagination shared by every list route and page: `?cursor=&limit=` → `{ items, nextCursor }`. */
import { z } from '@hono/zod-openapi';

export const PageQuery = z.object({
  cursor: z.string().max(500).optional().openapi({ description: 'Opaque cursor from a previous answer' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: '1–100, default 20' }),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
