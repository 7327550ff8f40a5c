/**
 * Organizers withdraw a publication while its 公示 objection window is open, with a reason the public
 * results page shows until the results are published again. One batch moves the row: an INSERT …
 * SELECT copies the publication into result_withdrawals only if it still exists, the DELETE removes
 * it (which unfreezes scores, judges and statuses: the 0010 triggers look for the row) and the audit
 * row follows only if the delete happened. Two withdrawals racing each other are serialized by the
 * database: the second finds no row, inserts nothing and is refused, so a publication is withdrawn
 * at most once. Matching published_at as well withdraws the publication whose window was checked.
 */
import { eq, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { resultPublications } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { conflict } from '../../lib/errors';
import { formatInstant } from '../../lib/format-instant';
import type { WithdrawResults } from '../../schemas/results';
import { contestOf, phaseOf } from '../teams/rules';

const notPublished = () => conflict('results_not_published', 'judging.notPublished');

export async function withdrawResults({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: WithdrawResults & { slug: string };
}): Promise<{ publishedAt: Date; withdrawnAt: Date }> {
  const actor = requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  const { db } = ctx;
  const [publication] = await db
    .select({ publishedAt: resultPublications.publishedAt })
    .from(resultPublications)
    .where(eq(resultPublications.contestSlug, contest.slug));
  if (!publication) throw notPublished();
  const phase = phaseOf(contest, ctx.now, publication.publishedAt);
  if (!phase.objectionOpen) {
    throw conflict('withdraw_window_closed', 'judging.withdrawClosed', {
      closes: formatInstant(ctx.locale, phase.objectionCloses ?? publication.publishedAt),
    });
  }
  const publishedAt = publication.publishedAt.getTime();
  const [moved] = await db.batch([
    db.run(sql`insert into result_withdrawals (contest_slug, published_at, withdrawn_at, withdrawn_by, reason)
      select contest_slug, published_at, ${ctx.now.getTime()}, ${actor.id}, ${input.reason}
      from ${resultPublications} where contest_slug = ${contest.slug} and published_at = ${publishedAt}`),
    db.run(sql`delete from ${resultPublications}
      where contest_slug = ${contest.slug} and published_at = ${publishedAt}`),
    auditInsertWhere(
      ctx,
      {
        action: 'results.withdraw',
        targetType: 'contest',
        targetId: contest.slug,
        before: { publishedAt: publication.publishedAt.toISOString() },
        after: { withdrawnAt: ctx.now.toISOString(), reason: input.reason },
        actor,
      },
      sql`changes() = 1`,
    ),
  ]);
  // Someone else withdrew it between the read and the batch: nothing was moved.
  if (moved.rowsAffected !== 1) throw notPublished();
  return { publishedAt: publication.publishedAt, withdrawnAt: ctx.now };
}
