/**
 * A judge saves their score sheet for one entry: every rubric criterion, 0..max in halves, with an
 * optional comment. Revisions are allowed while scoring is open — from submissionCloses until the
 * second before judgingCloses (and never after publication) — refused with 409 outside, to the
 * second. The upsert and its audit row commit in one batch.
 */
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { scores } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { conflict, type FieldErrors, validation } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import { translate } from '../../lib/messages';
import { weightedScore } from '../../lib/scoring';
import type { SaveScores } from '../../schemas/judging';
import { getJudgeEntry, type JudgeEntryView } from './get-judge-entry';
import { unlessPublished } from './shared';

export async function saveScores({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SaveScores & { entryId: number };
}): Promise<JudgeEntryView> {
  const view = await getJudgeEntry({ ctx, input: { entryId: input.entryId } });
  const { contest, phase } = view;
  if (!phase.judgingOpen) {
    const { submissionCloses, judgingCloses } = contest.timeline;
    if (ctx.now < submissionCloses) {
      throw conflict('judging_not_open', 'judging.notOpen', {
        opens: formatInstant(ctx.locale, submissionCloses),
      });
    }
    throw conflict('judging_closed', 'judging.closed', { closes: formatInstant(ctx.locale, judgingCloses) });
  }

  const errors: FieldErrors = {};
  for (const criterion of contest.rubric) {
    const given = input.scores[criterion.key];
    if (!given) errors[`scores.${criterion.key}.score`] = [translate(ctx.locale, 'field.required')];
    else if (given.score < 0 || given.score > criterion.max || !Number.isInteger(given.score * 2))
      errors[`scores.${criterion.key}.score`] = [
        translate(ctx.locale, 'judging.scoreRange', { max: criterion.max }),
      ];
  }
  for (const key of Object.keys(input.scores)) {
    if (!contest.rubric.some((c) => c.key === key))
      errors[`scores.${key}`] = [translate(ctx.locale, 'judging.unknownCriterion')];
  }
  if (Object.keys(errors).length > 0) throw validation(errors);

  const rows = contest.rubric.map((criterion) => {
    const given = input.scores[criterion.key] ?? { score: 0, comment: '' };
    return {
      entryId: view.entry.id,
      judgeId: ctx.user?.id ?? -1,
      criterion: criterion.key,
      score: given.score,
      comment: given.comment,
      updatedAt: ctx.now,
    };
  });
  const sheet = Object.fromEntries(rows.map((r) => [r.criterion, { score: r.score, comment: r.comment }]));
  const numbers = Object.fromEntries(rows.map((r) => [r.criterion, r.score]));
  const [first, ...rest] = rows;
  if (!first) throw new Error('a rubric has at least one criterion');
  // The database refuses the write once results are published (migration 0010), even when they were
  // published after the view above was read.
  await unlessPublished(() =>
    ctx.db.batch([
      ctx.db
        .insert(scores)
        .values([first, ...rest])
        .onConflictDoUpdate({
          target: [scores.entryId, scores.judgeId, scores.criterion],
          set: { score: sql`excluded.score`, comment: sql`excluded.comment`, updatedAt: ctx.now },
        }),
      auditInsert(ctx, {
        action: 'score.save',
        targetType: 'entry',
        targetId: view.entry.id,
        before: view.scores,
        after: sheet,
      }),
    ]),
  );
  return { ...view, scores: sheet, weighted: weightedScore(contest.rubric, numbers) };
}
