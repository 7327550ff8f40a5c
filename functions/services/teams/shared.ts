/**
 * Shared by the roster verbs of this folder (leave-team, remove-member, hand-over-leadership); not a
 * verb itself.
 */
import type { ServiceContext } from '../../context';
import { AppError } from '../../lib/errors';
import { loadTeam, type TeamView } from './load-team';
import { assertRegistrationOpen } from './rules';

export async function loadForRosterChange(ctx: ServiceContext, teamId: number): Promise<TeamView> {
  const team = await loadTeam({ ctx, input: { teamId } });
  if (!team.isMember) throw new AppError(403, 'not_team_member', 'error.forbidden');
  assertRegistrationOpen(team.phase);
  return team;
}
