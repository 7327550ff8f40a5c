/**
 * Organizers move an entry through submitted → shortlisted → winner (with one of the contest's
 * prizes) or not_selected, from submissionCloses until results are published. Winners come from the
 * shortlist: making a submitted entry a winner shortlists it on the way, in the same step, and both
 * transitions are audited; an entry not selected must be shortlisted again first. A prize holds at
 * most its `count` entries. The update is conditional on the state the
 * organizer saw and on the prize's free places, so two organizers cannot overfill a prize; the audit
 * row is written in the same batch only when the update happened.
 */
import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { entries, resultPublications } from '../../db/schema';
import { auditInsertWhere } from '../../lib/audit';
import { AppError, conflict, entryNotFound } from '../../lib/errors';
import { translate } from '../../lib/messages';
import type { SetEntryStatus } from '../../schemas/judging';
import { contestOf } from '../teams/rules';
import { resultsPublished, submissionsOpen, unlessPublished } from './shared';

export async function setEntryStatus({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SetEntryStatus & { entryId: number };
}) {
  const actor = requireRole(ctx, 'organizer');
  const { db } = ctx;
  const [found, publication] = await db.batch([
    db
      .select({
        id: entries.id,
        contestSlug: entries.contestSlug,
        status: entries.status,
        prizeKey: entries.prizeKey,
      })
      .from(entries)
      .where(eq(entries.id, input.entryId)),
    db
      .select({ publishedAt: resultPublications.publishedAt })
      .from(resultPublications)
      .innerJoin(entries, eq(entries.contestSlug, resultPublications.contestSlug))
      .where(eq(entries.id, input.entryId)),
  ]);
  const before = found[0];
  if (!before) throw entryNotFound();
  const contest = contestOf(ctx, before.contestSlug);
  if (ctx.now < contest.timeline.submissionCloses) {
    throw submissionsOpen(ctx, contest);
  }
  if (publication.length > 0) throw resultsPublished();

  const prizeKey = input.prizeKey ?? null;
  const prize = contest.prizes.find((p) => p.key === prizeKey);
  const fieldError = (key: 'judging.prizeRequired' | 'judging.prizeOnlyForWinner') =>
    new AppError(422, 'invalid_prize', 'error.validation', {}, { prizeKey: [translate(ctx.locale, key)] });
  if (input.status === 'winner') {
    if (!prize) throw fieldError('judging.prizeRequired');
    if (before.status === 'not_selected')
      throw conflict('winner_needs_shortlist', 'judging.winnerFromShortlist');
  } else if (prizeKey !== null) {
    throw fieldError('judging.prizeOnlyForWinner');
  }

  const freePlace = prize
    ? sql`(select count(*) from ${entries} as "other" where "other"."contest_slug" = ${contest.slug}
        and "other"."prize_key" = ${prize.key} and "other"."id" <> ${before.id}) < ${prize.count}`
    : sql`1`;
  const sameAsSeen = and(
    eq(entries.id, before.id),
    eq(entries.status, before.status),
    before.prizeKey === null ? isNull(entries.prizeKey) : eq(entries.prizeKey, before.prizeKey),
  );
  const after = { status: input.status, prizeKey };
  const seen = { status: before.status, prizeKey: before.prizeKey };
  // A winner straight from submitted passes the shortlist: two transitions, two audit rows.
  const steps =
    input.status === 'winner' && before.status === 'submitted'
      ? [
          { before: seen, after: { status: 'shortlisted' as const, prizeKey: null } },
          { before: { status: 'shortlisted' as const, prizeKey: null }, after },
        ]
      : [{ before: seen, after }];
  // Published after the check above: the database refuses the update (migration 0010).
  const [updated] = await unlessPublished(() =>
    db.batch([
      db
        .update(entries)
        .set({ ...after, updatedAt: ctx.now })
        .where(and(sameAsSeen, freePlace))
        .returning({ id: entries.id }),
      // Each audit row is written only if the statement before it wrote one row (the update, then
      // the first audit row).
      ...steps.map((step) =>
        auditInsertWhere(
          ctx,
          { action: 'entry.status', targetType: 'entry', targetId: before.id, ...step, actor },
          sql`changes() = 1`,
        ),
      ),
    ]),
  );
  if (updated.length === 0) {
    if (prize && (await prizeTaken(ctx, contest.slug, prize.key, before.id)) >= prize.count)
      throw conflict('prize_full', 'judging.prizeFull', { count: prize.count });
    throw conflict('entry_changed', 'judging.entryChanged');
  }
  return { id: before.id, ...after };
}

/** Entries other than `entryId` holding the prize (read only to explain a refused update). */
async function prizeTaken(ctx: ServiceContext, slug: string, prizeKey: string, entryId: number) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(entries)
    .where(and(eq(entries.contestSlug, slug), eq(entries.prizeKey, prizeKey), ne(entries.id, entryId)));
  return row?.n ?? 0;
}
