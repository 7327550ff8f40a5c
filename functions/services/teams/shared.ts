/**
 * Shared by the team verbs of this folder; not a verb itself: the refusals several of them answer,
 * and the load-and-check before a roster change (leave-team, remove-member, hand-over-leadership).
 */
import type { ServiceContext } from '../../context';
import { AppError, conflict } from '../../lib/errors';
import { loadTeam, type TeamView } from './load-team';
import { assertRegistrationOpen } from './rules';

/** The caller is not on the team they want to change. */
export const notTeamMember = () => new AppError(403, 'not_team_member', 'error.forbidden');
export const leaderOnly = () => new AppError(403, 'leader_only', 'team.leaderOnly');
/** The member a leader names is not on the team. */
export const memberNotFound = () => new AppError(404, 'not_team_member', 'team.notMember');
/** One team per user and contest. */
export const alreadyInTeam = () => new AppError(409, 'already_in_team', 'team.alreadyInTeam');

export async function loadForRosterChange(ctx: ServiceContext, teamId: number): Promise<TeamView> {
  const team = await loadTeam({ ctx, input: { teamId } });
  if (!team.isMember) throw notTeamMember();
  assertRegistrationOpen(team.phase);
  return team;
}

/** A judge of the contest creating or joining one of its teams (refused by the database, migration 0005). */
export const judgeCannotCompete = () => conflict('judge_cannot_compete', 'team.judgeCannotCompete');
