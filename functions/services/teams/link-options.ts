/**
 * Choices of the team page's company form, in one round trip: the signed-in leader's verified
 * companies, and the approved products of those and of the company the team has now (which a new
 * leader may not own), each with its company.
 */
import { and, asc, eq, or } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies, products } from '../../db/schema';

export interface LinkOptions {
  companies: Array<{ id: number; name: string }>;
  products: Array<{ id: number; name: string; companyId: number }>;
}

export async function teamLinkOptions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { currentCompanyId: number | null };
}): Promise<LinkOptions> {
  if (!ctx.user) return { companies: [], products: [] };
  const { db } = ctx;
  const own = and(eq(companies.ownerId, ctx.user.id), eq(companies.status, 'verified'));
  const [ownCompanies, productRows] = await db.batch([
    db
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(own)
      .orderBy(asc(companies.name)),
    db
      .select({ id: products.id, name: products.name, companyId: companies.id })
      .from(products)
      .innerJoin(companies, eq(companies.id, products.companyId))
      .where(
        and(
          eq(products.status, 'approved'),
          input.currentCompanyId === null ? own : or(own, eq(companies.id, input.currentCompanyId)),
        ),
      )
      .orderBy(asc(companies.name), asc(products.name)),
  ]);
  return { companies: ownCompanies, products: productRows };
}
