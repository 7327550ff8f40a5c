/**
 * A 公示 objection: during the window after publication (phase.objectionOpen) a signed-in user files a
 * real-name objection, optionally about one entry. The objector's name and account are for
 * organizers only: the public results never select them.
 */
import { and, eq } from 'drizzle-orm';
import { requireVerifiedUser } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { entries, objections } from '../../db/schema';
import { AppError, conflict } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { FileObjection } from '../../schemas/judging';
import { enforceSubmitLimit } from '../me/submit-limit';
import { contestOf, phaseOf, publicationQuery } from '../teams/rules';

export async function fileObjection({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: FileObjection & { contestSlug: string };
}): Promise<{ id: number }> {
  const user = requireVerifiedUser(ctx);
  const contest = contestOf(ctx, input.contestSlug);
  const { db } = ctx;
  const [publication, entry] = await db.batch([
    publicationQuery(ctx, contest.slug),
    db
      .select({ id: entries.id })
      .from(entries)
      .where(and(eq(entries.id, input.entryId ?? -1), eq(entries.contestSlug, contest.slug))),
  ]);
  const phase = phaseOf(contest, ctx.now, publication[0]?.publishedAt);
  if (!phase.objectionOpen) throw conflict('objection_closed', 'objection.closed');
  if (input.entryId !== undefined && entry.length === 0) {
    throw new AppError(
      422,
      'entry_not_in_contest',
      'error.validation',
      {},
      {
        entryId: [translate(ctx.locale, 'objection.entryNotInContest')],
      },
    );
  }
  // Objections count against the founder's shared submission limit (spam control).
  await enforceSubmitLimit(ctx, user.id);
  const [row] = await db
    .insert(objections)
    .values({
      contestSlug: contest.slug,
      entryId: input.entryId ?? null,
      userId: user.id,
      realName: input.realName,
      reason: input.reason,
      createdAt: ctx.now,
    })
    .returning({ id: objections.id });
  if (!row) throw new Error('objection insert returned no row');
  return row;
}
