/**
 * Organizers assign any signed-in user (named by email) as a judge of a contest, and remove them.
 * Each change commits in one batch with its audit row. Once results are published the panel is
 * frozen: "n of m judges scored" on the public page must not change afterwards.
 */
import { and, eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { judgeAssignments, users } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { AppError, conflict, notFound } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { AssignJudge } from '../../schemas/judging';
import { contestOf, publicationQuery } from '../teams/rules';

const assertNotPublished = (publication: unknown[]) => {
  if (publication.length > 0) throw conflict('results_published', 'judging.resultsPublished');
};

export async function assignJudge({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AssignJudge & { contestSlug: string };
}): Promise<{ userId: number; name: string; email: string }> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.contestSlug);
  const { db } = ctx;
  const [found, publication] = await db.batch([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.email, input.email)),
    publicationQuery(ctx, contest.slug),
  ]);
  const user = found[0];
  if (!user) {
    throw new AppError(
      422,
      'user_not_found',
      'error.validation',
      {},
      {
        email: [translate(ctx.locale, 'field.userNotFound')],
      },
    );
  }
  assertNotPublished(publication);
  try {
    await db.batch([
      db.insert(judgeAssignments).values({
        contestSlug: contest.slug,
        userId: user.id,
        assignedBy: ctx.user?.id ?? null,
        createdAt: ctx.now,
      }),
      auditInsert(ctx, {
        action: 'judge.assign',
        targetType: 'contest',
        targetId: contest.slug,
        after: { judgeId: user.id },
      }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('judge_already_assigned', 'judging.alreadyAssigned');
    throw err;
  }
  return { userId: user.id, name: user.name, email: user.email };
}

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
  await db.batch([
    db.delete(judgeAssignments).where(where),
    auditInsert(ctx, {
      action: 'judge.remove',
      targetType: 'contest',
      targetId: contest.slug,
      before: { judgeId: input.userId },
    }),
  ]);
}
