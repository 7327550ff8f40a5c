/** GET /v1/me/companies: the founder's companies with their applications, newest first, keyset pages. */
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page, PageQuery } from '../../schemas/pagination';
import { type OwnCompany, ownCompaniesQuery, ownMembershipsQuery, withMemberships } from './own-records';

export async function listMyCompanies({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageQuery;
}): Promise<Page<OwnCompany>> {
  const user = requireUser(ctx);
  const beforeId = input.cursor === undefined ? undefined : decodeCursor(input.cursor, ['number'])[0];
  const { db } = ctx;
  const [rows, memberships] = await db.batch([
    ownCompaniesQuery(db, user.id, {
      ...(beforeId === undefined ? {} : { beforeId }),
      limit: input.limit + 1,
    }),
    ownMembershipsQuery(db, user.id),
  ]);
  const items = withMemberships(rows.slice(0, input.limit), memberships);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
