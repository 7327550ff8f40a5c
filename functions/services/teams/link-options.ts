/**
 * Choices of the team page's company form, in one round trip: the signed-in leader's verified
 * companies, and the approved products of those and of the company the team has now (which a new
 * leader may not own), each with its company.
 */
import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
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
  const [ownCompanies, productRows] = await ctx.db.batch(
    linkOptionsQueries(ctx.db, ctx.user.id, input.currentCompanyId),
  );
  return { companies: ownCompanies, products: productRows };
}

/** The two queries of the choices; `current` may be a subquery (the team's company, read in the same batch). */
export function linkOptionsQueries(db: Db, userId: number, current: number | null | SQL) {
  const own = and(eq(companies.ownerId, userId), eq(companies.status, 'verified'));
  return [
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
        and(eq(products.status, 'approved'), current === null ? own : or(own, eq(companies.id, current))),
      )
      .orderBy(asc(companies.name), asc(products.name)),
  ] as const;
}
