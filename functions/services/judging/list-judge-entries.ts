/**
 * A contest's entries for a judge to score (never those they are conflicted on), with their own
 * progress, in one batch. A user not assigned to the contest gets 403.
 */
import { and, asc, eq, not } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, judgeAssignments, scores, teams } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { AppError } from '../../lib/errors';
import { contestOf, phaseOf, publicationQuery } from '../teams/rules';
import { conflicted } from './conflicts';
import { isComplete, sheetOf, weightedOf } from './shared';

export interface JudgeEntrySummary {
  id: number;
  title: string;
  teamName: string;
  track: string;
  done: boolean;
  weighted: number | null;
}

export interface JudgeContestView {
  contest: Contest;
  phase: PhaseInfo;
  scored: number;
  total: number;
  items: JudgeEntrySummary[];
}

export async function listJudgeEntries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<JudgeContestView> {
  const user = requireUser(ctx);
  const contest = contestOf(ctx, input.slug);
  const { db } = ctx;
  const [assignment, publication, rows, myScores] = await db.batch([
    db
      .select({ userId: judgeAssignments.userId })
      .from(judgeAssignments)
      .where(and(eq(judgeAssignments.contestSlug, contest.slug), eq(judgeAssignments.userId, user.id))),
    publicationQuery(ctx, contest.slug),
    db
      .select({ id: entries.id, title: entries.title, teamName: teams.name, track: teams.track })
      .from(entries)
      .innerJoin(teams, eq(teams.id, entries.teamId))
      .where(and(eq(entries.contestSlug, contest.slug), not(conflicted(user.id))))
      .orderBy(asc(entries.id)),
    db
      .select({
        entryId: scores.entryId,
        criterion: scores.criterion,
        score: scores.score,
        comment: scores.comment,
      })
      .from(scores)
      .innerJoin(entries, eq(entries.id, scores.entryId))
      .where(and(eq(scores.judgeId, user.id), eq(entries.contestSlug, contest.slug))),
  ]);
  if (assignment.length === 0) throw new AppError(403, 'not_judge', 'judging.notJudge');
  const items = rows.map((row) => {
    const sheet = sheetOf(myScores.filter((s) => s.entryId === row.id));
    return { ...row, done: isComplete(contest, sheet), weighted: weightedOf(contest, sheet) };
  });
  return {
    contest,
    phase: phaseOf(contest, ctx.now, publication[0]?.publishedAt),
    scored: items.filter((i) => i.done).length,
    total: items.length,
    items,
  };
}
