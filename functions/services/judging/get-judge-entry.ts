/**
 * One entry with the judge's own scores, in one batch. An entry of a contest the user does not judge,
 * or one they are conflicted on, is 404, so entry ids reveal nothing.
 */
import { and, eq } from 'drizzle-orm';
import { requireUser } from '../../auth/guards';
import type { Contest } from '../../content/catalog';
import type { ServiceContext } from '../../context';
import { entries, resultPublications, scores, teams } from '../../db/schema';
import type { PhaseInfo } from '../../lib/contest-phase';
import { entryNotFound } from '../../lib/errors';
import { phaseOf } from '../teams/rules';
import {
  type EntrySummary,
  entrySummaryColumns,
  type ScoreSheet,
  sheetOf,
  visibleTo,
  weightedOf,
} from './shared';

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
      .select({ ...entrySummaryColumns, contestSlug: entries.contestSlug })
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
  if (!row || !contest) throw entryNotFound();
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
