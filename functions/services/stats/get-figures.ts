/** The home page's live figures, counted in one batch (one round trip). */
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies, products, teams } from '../../db/schema';

export interface Figures {
  communities: number;
  companies: number;
  products: number;
  agents: number;
  contests: number;
  teams: number;
}

export async function getFigures({ ctx }: { ctx: Pick<ServiceContext, 'db' | 'catalog'> }): Promise<Figures> {
  const { db, catalog } = ctx;
  const [verified, approvedProducts, approvedAgents, allTeams] = await db.batch([
    db.select({ n: count() }).from(companies).where(eq(companies.status, 'verified')),
    db
      .select({ n: count() })
      .from(products)
      .where(
        and(eq(products.status, 'approved'), eq(products.kind, 'product'), isNotNull(products.approvedAt)),
      ),
    db
      .select({ n: count() })
      .from(products)
      .where(
        and(eq(products.status, 'approved'), eq(products.kind, 'agent'), isNotNull(products.approvedAt)),
      ),
    db.select({ n: count() }).from(teams),
  ]);
  return {
    communities: catalog.communities.length,
    companies: verified[0]?.n ?? 0,
    products: approvedProducts[0]?.n ?? 0,
    agents: approvedAgents[0]?.n ?? 0,
    contests: catalog.contests.length,
    teams: allTeams[0]?.n ?? 0,
  };
}
