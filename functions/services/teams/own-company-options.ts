/** Choices for team forms: the signed-in user's own verified companies. */
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies } from '../../db/schema';

export async function ownCompanyOptions({ ctx }: { ctx: ServiceContext }) {
  if (!ctx.user) return [];
  return ctx.db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.ownerId, ctx.user.id), eq(companies.status, 'verified')))
    .orderBy(asc(companies.name));
}
