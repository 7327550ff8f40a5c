/**
 * Contests from the catalog, newest first, with each one's phase and team count: the publications
 * and counts of the page's contests come in one batch (one round trip).
 */
import { count, inArray } from 'drizzle-orm';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { resultPublications, teams } from '../../db/schema';
import { pageByKey } from '../../lib/catalog-page';
import { decodeCursor } from '../../lib/cursor';
import type { Page } from '../../schemas/pagination';
import { type ContestStatus, contestStatus } from './contest-status';

export async function listContests({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now'>;
  input: { cursor?: string | undefined; limit: number };
}): Promise<Page<ContestStatus>> {
  const { db, catalog, now } = ctx;
  const after = input.cursor ? decodeCursor(input.cursor, ['number', 'string']) : null;
  // Latest registration first; the slug breaks ties.
  const key = (c: Contest) => [-c.timeline.registrationOpens.getTime(), c.slug];
  const page = pageByKey(catalog.contests, key, after, input.limit);
  if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
  const slugs = page.items.map((c) => c.slug);
  const [publications, teamCounts] = await db.batch([
    db
      .select({ slug: resultPublications.contestSlug, publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .where(inArray(resultPublications.contestSlug, slugs)),
    db
      .select({ slug: teams.contestSlug, n: count() })
      .from(teams)
      .where(inArray(teams.contestSlug, slugs))
      .groupBy(teams.contestSlug),
  ]);
  const published = new Map(publications.map((p) => [p.slug, p.publishedAt]));
  const counts = new Map(teamCounts.map((t) => [t.slug, t.n]));
  return {
    items: page.items.map((c) =>
      contestStatus(c, now, published.get(c.slug) ?? null, counts.get(c.slug) ?? 0),
    ),
    nextCursor: page.nextCursor,
  };
}
