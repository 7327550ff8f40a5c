import { eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { communityMemberships, companies, productRevisions, products } from '../../db/schema';

/** /admin: how much waits in each queue (one round trip). */
export async function getModerationOverview({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const n = sql<number>`count(*)`;
  const [c, p, r, m] = await db.batch([
    db.select({ status: companies.status, n }).from(companies).groupBy(companies.status),
    db.select({ status: products.status, n }).from(products).groupBy(products.status),
    db.select({ n }).from(productRevisions).where(eq(productRevisions.status, 'pending')),
    db
      .select({ status: communityMemberships.status, n })
      .from(communityMemberships)
      .groupBy(communityMemberships.status),
  ]);
  const by = (rows: Array<{ status: string; n: number }>) =>
    Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])) as Record<string, number | undefined>;
  const companiesBy = by(c);
  const productsBy = by(p);
  const membershipsBy = by(m);
  return {
    pendingCompanies: companiesBy.pending ?? 0,
    verifiedCompanies: companiesBy.verified ?? 0,
    pendingProducts: productsBy.pending ?? 0,
    approvedProducts: productsBy.approved ?? 0,
    pendingRevisions: Number(r[0]?.n ?? 0),
    pendingMemberships: membershipsBy.pending ?? 0,
    approvedMemberships: membershipsBy.approved ?? 0,
  };
}
export type ModerationOverview = Awaited<ReturnType<typeof getModerationOverview>>;
