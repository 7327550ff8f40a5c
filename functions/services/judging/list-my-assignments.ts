/**
 * A judge's contests with their progress (entries fully scored of those they may score), in one
 * batch. Judging is an assignment, not a role: conflicted entries are never counted.
 */
import { asc, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, judgeAssignments, resultPublications, scores } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { phaseOf } from '../teams/rules';
import { isComplete, sheetOf, visibleTo } from './shared';

export interface JudgeAssignmentView {
  contest: Contest;
  phase: PhaseInfo;
  scored: number;
  total: number;
}

export async function listMyAssignments({ ctx }: { ctx: ServiceContext }): Promise<JudgeAssignmentView[]> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const [assignments, visible, myScores, publications] = await db.batch([
    db
      .select({ contestSlug: judgeAssignments.contestSlug })
      .from(judgeAssignments)
      .where(eq(judgeAssignments.userId, user.id))
      .orderBy(asc(judgeAssignments.createdAt)),
    db.select({ id: entries.id, contestSlug: entries.contestSlug }).from(entries).where(visibleTo(user.id)),
    db
      .select({
        entryId: scores.entryId,
        criterion: scores.criterion,
        score: scores.score,
        comment: scores.comment,
      })
      .from(scores)
      .where(eq(scores.judgeId, user.id)),
    db
      .select({ contestSlug: resultPublications.contestSlug, publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .innerJoin(judgeAssignments, eq(judgeAssignments.contestSlug, resultPublications.contestSlug))
      .where(eq(judgeAssignments.userId, user.id)),
  ]);
  const views: JudgeAssignmentView[] = [];
  for (const { contestSlug } of assignments) {
    const contest = ctx.catalog.contest(contestSlug);
    if (!contest) continue;
    const mine = visible.filter((e) => e.contestSlug === contestSlug);
    const scored = mine.filter((e) =>
      isComplete(contest, sheetOf(myScores.filter((s) => s.entryId === e.id))),
    ).length;
    const publishedAt = publications.find((p) => p.contestSlug === contestSlug)?.publishedAt;
    views.push({ contest, phase: phaseOf(contest, ctx.now, publishedAt), scored, total: mine.length });
  }
  return views;
}
