/**
 * Everything an organizer sees of one contest — standings with each judge's scores, the judges, the
 * teams with their members, and the objections with the objectors' names — in one batch.
 */
import { requireRole } from '../../auth/guards';
import type { ServiceContext } from '../../context';
import { contestOf } from '../teams/rules';
import { adminQueries, assembleContestAdmin, type ContestAdmin } from './shared';
import { standingsQueries } from './standings';

export async function loadContestAdmin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<ContestAdmin> {
  requireRole(ctx, 'organizer');
  const contest = contestOf(ctx, input.slug);
  const [publication, entryRows, judges, scoreRows, conflictRows, objectionRows, teamRows, memberRows] =
    await ctx.db.batch([...standingsQueries(ctx, contest.slug), ...adminQueries(ctx, contest.slug)]);
  return assembleContestAdmin(
    ctx,
    contest,
    [publication, entryRows, judges, scoreRows, conflictRows],
    [objectionRows, teamRows, memberRows],
  );
}
