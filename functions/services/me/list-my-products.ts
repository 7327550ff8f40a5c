/** GET /v1/me/products: the founder's products with their latest revision, newest first, keyset pages. */
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page, PageQuery } from '../../schemas/pagination';
import { latestRevisionsQuery, type OwnProduct, ownProductsQuery, withRevisions } from './own-records';

export async function listMyProducts({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery;
}): Promise<Page<OwnProduct>> {
  const user = requireUser(ctx);
  const beforeId = input.cursor === undefined ? undefined : decodeCursor(input.cursor, ['number'])[0];
  const { db } = ctx;
  const [rows, revisions] = await db.batch([
    ownProductsQuery(db, user.id, {
      ...(beforeId === undefined ? {} : { beforeId }),
      limit: input.limit + 1,
    }),
    latestRevisionsQuery(db, user.id),
  ]);
  const items = withRevisions(rows.slice(0, input.limit), revisions);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
