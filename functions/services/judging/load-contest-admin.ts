/**
 * Everything an organizer sees of one contest — standings with each judge's scores, the judges, the
 * teams with their members, the objections with the objectors' names, and the last withdrawal of
 * its results — in one batch.
 */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { contestOf } from '../teams/rules';
import type { Withdrawal } from './get-results';
import { adminQueries, assembleContestAdmin, type ContestAdmin, lastWithdrawalQuery } from './shared';
import { standingsQueries } from './standings';

export async function loadContestAdmin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<ContestAdmin & { withdrawal: Withdrawal | null }> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  const [
    publication,
    entryRows,
    judges,
    scoreRows,
    conflictRows,
    objectionRows,
    teamRows,
    memberRows,
    withdrawals,
  ] = await ctx.db.batch([
    ...standingsQueries(ctx, contest.slug),
    ...adminQueries(ctx, contest.slug),
    lastWithdrawalQuery(ctx.db, contest.slug),
  ]);
  const admin = assembleContestAdmin(
    ctx,
    contest,
    [publication, entryRows, judges, scoreRows, conflictRows],
    [objectionRows, teamRows, memberRows],
  );
  return { ...admin, withdrawal: withdrawals[0] ?? null };
}
