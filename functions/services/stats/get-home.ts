/**
 * Everything the home page shows from the database, in one batch (one round trip): the live figures,
 * the most upvoted products, and the publications that decide contests' phases. Contests and events
 * themselves come from the catalog.
 */
import { and, count, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { companies, products, resultPublications, teams } from '../../db/schema';
import { ProductListQuery } from '../../schemas/products';
import { type ContestStatus, contestStatus } from '../contests/contest-status';
import { isUpcoming } from '../events/list-events';
import { type ProductCard, toProductCard } from '../products/list-products';
import { planProductList } from '../products/listing-query';

export interface Figures {
  communities: number;
  companies: number;
  products: number;
  agents: number;
  contests: number;
  teams: number;
}

export interface Home {
  figures: Figures;
  featured: ProductCard[];
  /** Contests taking teams or entries now. */
  openContests: ContestStatus[];
  upcomingEvents: ServiceContext['catalog']['events'][number][];
}

const FEATURED = 6;

export async function getHome({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now' | 'locale'>;
}): Promise<Home> {
  const { db, catalog, now } = ctx;
  const approvedOf = (kind: 'product' | 'agent') =>
    db
      .select({ n: count() })
      .from(products)
      .where(and(eq(products.status, 'approved'), eq(products.kind, kind)));
  const featuredQuery = planProductList(db, ProductListQuery.parse({ sort: 'votes', limit: FEATURED }), {
    locale: ctx.locale,
    communityExists: () => true,
  }).query;
  if (!featuredQuery) throw new Error('the featured products query needs no search');
  const [verified, approvedProducts, approvedAgents, allTeams, featured, publications] = await db.batch([
    db.select({ n: count() }).from(companies).where(eq(companies.status, 'verified')),
    approvedOf('product'),
    approvedOf('agent'),
    db.select({ n: count() }).from(teams),
    featuredQuery,
    db
      .select({ slug: resultPublications.contestSlug, publishedAt: resultPublications.publishedAt })
      .from(resultPublications),
  ]);
  const published = new Map(publications.map((p) => [p.slug, p.publishedAt]));
  return {
    figures: {
      communities: catalog.communities.length,
      companies: verified[0]?.n ?? 0,
      products: approvedProducts[0]?.n ?? 0,
      agents: approvedAgents[0]?.n ?? 0,
      contests: catalog.contests.length,
      teams: allTeams[0]?.n ?? 0,
    },
    featured: featured.slice(0, FEATURED).map(toProductCard),
    openContests: catalog.contests
      .map((contest) => contestStatus(contest, now, published.get(contest.slug) ?? null, 0))
      .filter((status) => status.phase.registrationOpen || status.phase.submissionOpen),
    upcomingEvents: catalog.events.filter((event) => isUpcoming(event, now)).slice(0, 3),
  };
}
