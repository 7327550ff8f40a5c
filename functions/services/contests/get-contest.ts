/** One contest with its phase and team count: publication and count in one batch (one round trip). */
import { and, count, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { resultPublications, teamMembers, teams } from '../../db/schema';
import { contestNotFound } from '../../lib/errors';
import { lastWithdrawalQuery } from '../judging/shared';
import { type ContestStatus, contestStatus } from './contest-status';

export async function getContest({
  ctx,
  input,
}: {
  ctx: Pick<ServiceContext, 'db' | 'catalog' | 'now'> & Partial<Pick<ServiceContext, 'user'>>;
  input: { slug: string };
}): Promise<
  ContestStatus & {
    myTeam: { id: number; name: string } | null;
    /** Results were published and withdrawn (the results page says when and why). */
    resultsWithdrawn: boolean;
  }
> {
  const { db, catalog, now } = ctx;
  const contest = catalog.contest(input.slug);
  if (!contest) throw contestNotFound();
  // The signed-in viewer's own team joins the same batch (one round trip either way).
  const [publication, teamCount, mine, withdrawals] = await db.batch([
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .where(eq(resultPublications.contestSlug, contest.slug)),
    db.select({ n: count() }).from(teams).where(eq(teams.contestSlug, contest.slug)),
    db
      .select({ id: teams.id, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.contestSlug, contest.slug), eq(teamMembers.userId, ctx.user?.id ?? -1))),
    lastWithdrawalQuery(db, contest.slug),
  ]);
  return {
    ...contestStatus(contest, now, publication[0]?.publishedAt ?? null, teamCount[0]?.n ?? 0),
    myTeam: mine[0] ?? null,
    resultsWithdrawn: withdrawals.length > 0,
  };
}
