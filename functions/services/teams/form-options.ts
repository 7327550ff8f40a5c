/** Choices for team forms: the user's own verified companies, and a company's approved products. */
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies, products } from '../../db/schema';

export async function ownCompanyOptions({ ctx }: { ctx: ServiceContext }) {
  if (!ctx.user) return [];
  return ctx.db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.ownerId, ctx.user.id), eq(companies.status, 'verified')))
    .orderBy(asc(companies.name));
}

export async function companyProductOptions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number | null };
}) {
  if (input.companyId === null) return [];
  return ctx.db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(and(eq(products.companyId, input.companyId), eq(products.status, 'approved')))
    .orderBy(asc(products.name));
}
