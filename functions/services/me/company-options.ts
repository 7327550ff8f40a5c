/** The founder's companies as choices for the product form (newest first). */
import { desc, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies } from '../../db/schema';

export async function companyOptions({ ctx }: { ctx: ServiceContext }) {
  return companyOptionsQuery(ctx.db, requireUser(ctx).id);
}

/** The same as a query for a batch (the voucher desk reads it with its lists). */
export const companyOptionsQuery = (db: ServiceContext['db'], ownerId: number) =>
  db
    .select({ id: companies.id, name: companies.name, status: companies.status })
    .from(companies)
    .where(eq(companies.ownerId, ownerId))
    .orderBy(desc(companies.id))
    .limit(100);
