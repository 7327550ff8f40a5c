/**
 * Organizers assign any signed-in user (named by email) as a judge of a contest, in one batch with
 * its audit row and the mail telling the judge (in their language, with a link to their entries),
 * sent after commit. Once results are published the panel is frozen: "n of m judges scored" on the
 * public page must not change afterwards.
 */
import { eq } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isTriggerRefusal, isUniqueViolation } from '../../db/errors';
import { judgeAssignments, users } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { AppError, conflict } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { AssignJudge } from '../../schemas/judging';
import { deliverPending } from '../outbox/deliver-pending';
import { contestOf, publicationQuery } from '../teams/rules';
import { judgeAssignedMail } from './judge-mail';
import { assertNotPublished, resultsPublished } from './shared';

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
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
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
      judgeAssignedMail(ctx, contest, user),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('judge_already_assigned', 'judging.alreadyAssigned');
    // The database refuses a member of any of the contest's teams (migration 0005).
    if (isTriggerRefusal(err, 'judge_is_contestant'))
      throw conflict('judge_is_contestant', 'judging.judgeIsContestant');
    // Published after the check above: the database refuses the assignment (migration 0010).
    if (isTriggerRefusal(err, 'results_published')) throw resultsPublished();
    throw err;
  }
  ctx.waitUntil(deliverPending(ctx));
  return { userId: user.id, name: user.name, email: user.email };
}
