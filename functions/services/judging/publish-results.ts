/**
 * Organizers publish a contest's results once submissions have closed: a result_publications row
 * (its primary key is the contest, so publishing twice is refused by the database) committed with
 * its audit row. Publication ends scoring and starts the 公示 objection window.
 */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { resultPublications } from '../../db/schema';
import { auditInsert } from '../../lib/audit';
import { conflict } from '../../lib/errors';
import { contestOf, phaseOf } from '../teams/rules';
import { submissionsOpen } from './shared';

export async function publishResults({ ctx, input }: { ctx: ServiceContext; input: { slug: string } }) {
  const actor = requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  if (ctx.now < contest.timeline.submissionCloses) {
    throw submissionsOpen(ctx, contest);
  }
  try {
    await ctx.db.batch([
      ctx.db
        .insert(resultPublications)
        .values({ contestSlug: contest.slug, publishedAt: ctx.now, publishedBy: actor.id }),
      auditInsert(ctx, {
        action: 'results.publish',
        targetType: 'contest',
        targetId: contest.slug,
        after: { publishedAt: ctx.now.toISOString() },
      }),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('already_published', 'judging.alreadyPublished');
    throw err;
  }
  const phase = phaseOf(contest, ctx.now, ctx.now);
  return { publishedAt: ctx.now, objectionCloses: phase.objectionCloses ?? ctx.now };
}
