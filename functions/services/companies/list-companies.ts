/** Verified companies, by id keyset (one round trip). Pending and rejected companies are never public. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies } from '../../db/schema';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Page } from '../../schemas/pagination';
import type { MemberCompany } from '../communities/get-community';

export async function listCompanies({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  input: { cursor?: string | undefined; limit: number };
}): Promise<Page<MemberCompany>> {
  const after = input.cursor ? decodeCursor(input.cursor, ['number'])[0] : null;
  const rows = await ctx.db
    .select({ id: companies.id, name: companies.name, district: companies.district })
    .from(companies)
    .where(and(eq(companies.status, 'verified'), after === null ? undefined : gt(companies.id, after)))
    .orderBy(asc(companies.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
