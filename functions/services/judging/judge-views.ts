/**
 * What a judge sees: their contests with progress, a contest's entries to score (never those they
 * are conflicted on), and one entry with their own scores. Each is one batch. Judging is an
 * assignment, not a role: a user not assigned to the contest gets 403 for the contest and 404 for
 * its entries, like a conflicted entry, so entry ids reveal nothing.
 */
import { and, asc, eq, not, sql } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, judgeAssignments, resultPublications, scores, teams } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { AppError, notFound } from '../../lib/errors';
import { weightedScore } from '../../lib/scoring';
import { contestOf, phaseOf, publicationQuery } from '../teams/rules';
import { conflicted } from './conflicts';
import type { EntrySummary } from './public-results';

export type ScoreSheet = Record<string, { score: number; comment: string }>;

/** Entries the judge may see: in a contest they are assigned to, and not conflicted. */
export const visibleTo = (judgeId: number) =>
  and(
    sql`exists (select 1 from ${judgeAssignments} where ${judgeAssignments.contestSlug} = ${entries.contestSlug}
      and ${judgeAssignments.userId} = ${judgeId})`,
    not(conflicted(judgeId)),
  );

const sheetOf = (rows: Array<{ criterion: string; score: number; comment: string }>): ScoreSheet =>
  Object.fromEntries(rows.map((r) => [r.criterion, { score: r.score, comment: r.comment }]));

const isComplete = (contest: Contest, sheet: ScoreSheet) =>
  contest.rubric.every((c) => sheet[c.key] !== undefined);

const weightedOf = (contest: Contest, sheet: ScoreSheet) =>
  weightedScore(contest.rubric, Object.fromEntries(Object.entries(sheet).map(([k, v]) => [k, v.score])));

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

export interface JudgeEntryView {
  contest: Contest;
  phase: PhaseInfo;
  entry: EntrySummary;
  scores: ScoreSheet;
  weighted: number | null;
}

export async function getJudgeEntry({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { entryId: number };
}): Promise<JudgeEntryView> {
  const user = requireUser(ctx);
  const { db } = ctx;
  const [found, mine, publication] = await db.batch([
    db
      .select({
        id: entries.id,
        contestSlug: entries.contestSlug,
        title: entries.title,
        summary: entries.summary,
        demoUrl: entries.demoUrl,
        repoUrl: entries.repoUrl,
        teamName: teams.name,
        track: teams.track,
      })
      .from(entries)
      .innerJoin(teams, eq(teams.id, entries.teamId))
      .where(and(eq(entries.id, input.entryId), visibleTo(user.id))),
    db
      .select({ criterion: scores.criterion, score: scores.score, comment: scores.comment })
      .from(scores)
      .where(and(eq(scores.entryId, input.entryId), eq(scores.judgeId, user.id))),
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .innerJoin(entries, eq(entries.contestSlug, resultPublications.contestSlug))
      .where(eq(entries.id, input.entryId)),
  ]);
  const row = found[0];
  const contest = row ? ctx.catalog.contest(row.contestSlug) : undefined;
  if (!row || !contest) throw notFound('entry_not_found');
  const { contestSlug: _slug, ...entry } = row;
  const sheet = sheetOf(mine);
  return {
    contest,
    phase: phaseOf(contest, ctx.now, publication[0]?.publishedAt),
    entry,
    scores: sheet,
    weighted: weightedOf(contest, sheet),
  };
}
