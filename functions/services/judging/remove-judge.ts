/**
 * Organizers remove a judge from a contest, in one batch with its audit row; the judge's scores stay.
 * Once results are published the panel is frozen: "n of m judges scored" on the public page must not
 * change afterwards.
 */
import { and, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { judgeAssignments } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { notFound } from '../../lib/errors';
import { contestOf, publicationQuery } from '../teams/rules';
import { assertNotPublished, unlessPublished } from './shared';

export async function removeJudge({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { contestSlug: string; userId: number };
}): Promise<void> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.contestSlug);
  const { db } = ctx;
  const where = and(
    eq(judgeAssignments.contestSlug, contest.slug),
    eq(judgeAssignments.userId, input.userId),
  );
  const [assignment, publication] = await db.batch([
    db.select({ userId: judgeAssignments.userId }).from(judgeAssignments).where(where),
    publicationQuery(ctx, contest.slug),
  ]);
  if (assignment.length === 0) throw notFound('judge_not_assigned');
  assertNotPublished(publication);
  // The judge's scores stay in the database (and count again if they are reassigned).
  // Published after the check above: the database refuses the removal (migration 0010).
  await unlessPublished(() =>
    db.batch([
      db.delete(judgeAssignments).where(where),
      auditInsert(ctx, {
        action: 'judge.remove',
        targetType: 'contest',
        targetId: contest.slug,
        before: { judgeId: input.userId },
      }),
    ]),
  );
}
