/**
 * Everything the home page shows from the database, in one batch (one round trip): the live figures,
 * the most upvoted products, the publications that decide contests' phases and the next events.
 * Contests come from the catalog. The figures are counters kept by triggers (live_figures), so
 * the page costs the same at any catalogue size.
 */
import type { ServiceContext } from '../../context';
import { type Placeholders, queryShape } from '../../db/query-shape';
import { LIVE_FIGURES, liveFigures, resultPublications } from '../../db/schema';
import { ProductListQuery } from '../../schemas/products';
import { type ContestStatus, contestStatus } from '../contests/contest-status';
import { type EventRecord, toEventRecord, upcomingEventsQuery } from '../events/event-record';
import { planProductList } from '../products/listing-query';
import { type ProductCard, toProductCard } from '../products/shared';

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
  upcomingEvents: EventRecord[];
}

const FEATURED = 6;

// The page's four selects, built once per isolate (functions/db/query-shape.ts): only "now" varies.
const figuresShape = queryShape(
  (db) => db.select({ name: liveFigures.name, value: liveFigures.value }).from(liveFigures),
  [],
);
const featuredShape = queryShape((db) => {
  const { query } = planProductList(db, ProductListQuery.parse({ sort: 'votes', limit: FEATURED }), {
    locale: 'zh-CN',
    communityExists: () => true,
  });
  if (!query) throw new Error('the featured products query needs no search');
  return query;
}, []);
const publicationsShape = queryShape(
  (db) =>
    db
      .select({ slug: resultPublications.contestSlug, publishedAt: resultPublications.publishedAt })
      .from(resultPublications),
  [],
);
const eventsShape = queryShape((db, p: Placeholders<'now'>) => upcomingEventsQuery(db, p.now, 3), ['now']);

export async function getHome({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now' | 'locale'>;
}): Promise<Home> {
  const { db, catalog, now } = ctx;
  const [figures, featured, publications, events] = await db.batch([
    figuresShape(db, {}),
    featuredShape(db, {}),
    publicationsShape(db, {}),
    eventsShape(db, { now: now.getTime() }),
  ]);
  const published = new Map(publications.map((p) => [p.slug, p.publishedAt]));
  const figure = (name: string) => figures.find((f) => f.name === name)?.value ?? 0;
  return {
    figures: {
      communities: catalog.communities.length,
      companies: figure(LIVE_FIGURES.companies),
      products: figure(LIVE_FIGURES.products),
      agents: figure(LIVE_FIGURES.agents),
      contests: catalog.contests.length,
      teams: figure(LIVE_FIGURES.teams),
    },
    featured: featured.slice(0, FEATURED).map(toProductCard),
    openContests: catalog.contests
      .map((contest) => contestStatus(contest, now, published.get(contest.slug) ?? null, 0))
      .filter((status) => status.phase.registrationOpen || status.phase.submissionOpen),
    upcomingEvents: events.map(toEventRecord),
  };
}
