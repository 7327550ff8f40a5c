/** The founder's companies as choices for the product form (newest first). */
import { desc, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { companies } from '../../db/schema';

export async function companyOptions({ ctx }: { ctx: ServiceContext }) {
  const user = requireUser(ctx);
  return ctx.db
    .select({ id: companies.id, name: companies.name, status: companies.status })
    .from(companies)
    .where(eq(companies.ownerId, user.id))
    .orderBy(desc(companies.id))
    .limit(100);
}
