/** One contest with its phase and team count: publication and count in one batch (one round trip). */
import { count, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { resultPublications, teams } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { type ContestStatus, contestStatus } from './contest-status';

export async function getContest({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now'>;
  input: { slug: string };
}): Promise<ContestStatus> {
  const { db, catalog, now } = ctx;
  const contest = catalog.contest(input.slug);
  if (!contest) throw notFound('contest_not_found');
  const [publication, teamCount] = await db.batch([
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .where(eq(resultPublications.contestSlug, contest.slug)),
    db.select({ n: count() }).from(teams).where(eq(teams.contestSlug, contest.slug)),
  ]);
  return contestStatus(contest, now, publication[0]?.publishedAt ?? null, teamCount[0]?.n ?? 0);
}
