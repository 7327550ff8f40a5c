/** Organizers' contest list: each contest's phase with counts of entries, judges and open objections. */
import { count, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, judgeAssignments, objections, resultPublications } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { phaseOf } from '../teams/rules';

export interface AdminContestSummary {
  contest: Contest;
  phase: PhaseInfo;
  entries: number;
  judges: number;
  openObjections: number;
}

export async function listAdminContests({ ctx }: { ctx: ServiceContext }): Promise<AdminContestSummary[]> {
  requireRole(ctx, 'organizer');
  const { db } = ctx;
  const [publications, entryCounts, judgeCounts, objectionCounts] = await db.batch([
    db.select().from(resultPublications),
    db.select({ slug: entries.contestSlug, n: count() }).from(entries).groupBy(entries.contestSlug),
    db
      .select({ slug: judgeAssignments.contestSlug, n: count() })
      .from(judgeAssignments)
      .groupBy(judgeAssignments.contestSlug),
    db
      .select({ slug: objections.contestSlug, n: count() })
      .from(objections)
      .where(eq(objections.status, 'open'))
      .groupBy(objections.contestSlug),
  ]);
  const countOf = (rows: Array<{ slug: string; n: number }>, slug: string) =>
    rows.find((r) => r.slug === slug)?.n ?? 0;
  return ctx.catalog.contests.map((contest) => ({
    contest,
    phase: phaseOf(contest, ctx.now, publications.find((p) => p.contestSlug === contest.slug)?.publishedAt),
    entries: countOf(entryCounts, contest.slug),
    judges: countOf(judgeCounts, contest.slug),
    openObjections: countOf(objectionCounts, contest.slug),
  }));
}
