/**
 * Roster changes until the roster locks at registrationCloses: a member leaves, the leader removes a
 * member or hands over leadership. Each write is conditional, so a stale view cannot undo another's.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { teamMembers, teams } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { loadTeam, type TeamView } from './load-team';
import { assertRegistrationOpen } from './rules';

async function loadForRosterChange(ctx: ServiceContext, teamId: number): Promise<TeamView> {
  const team = await loadTeam({ ctx, input: { teamId } });
  if (!team.isMember) throw new AppError(403, 'not_team_member', 'error.forbidden');
  assertRegistrationOpen(team.phase);
  return team;
}

/** A member leaves; a leader who is the only member dissolves the team. */
export async function leaveTeam({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number };
}): Promise<{ dissolved: boolean }> {
  const team = await loadForRosterChange(ctx, input.teamId);
  const userId = ctx.user?.id ?? -1;
  if (team.isLeader) {
    if (team.members.length > 1) throw new AppError(409, 'leader_cannot_leave', 'team.leaderCannotLeave');
    await ctx.db
      .delete(teams)
      .where(and(eq(teams.id, team.id), eq(teams.leaderId, userId), eq(teams.memberCount, 1)));
    return { dissolved: true };
  }
  await ctx.db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)));
  return { dissolved: false };
}

export async function removeMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number; userId: number };
}) {
  const team = await loadForRosterChange(ctx, input.teamId);
  if (!team.isLeader) throw new AppError(403, 'leader_only', 'team.leaderOnly');
  if (input.userId === team.leaderId || !team.members.some((m) => m.userId === input.userId)) {
    throw new AppError(404, 'not_team_member', 'team.notMember');
  }
  await ctx.db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)));
}

export async function handOverLeadership({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { teamId: number; userId: number };
}) {
  const team = await loadForRosterChange(ctx, input.teamId);
  if (!team.isLeader) throw new AppError(403, 'leader_only', 'team.leaderOnly');
  if (!team.members.some((m) => m.userId === input.userId))
    throw new AppError(404, 'not_team_member', 'team.notMember');
  const updated = await ctx.db
    .update(teams)
    .set({ leaderId: input.userId, updatedAt: ctx.now })
    .where(and(eq(teams.id, team.id), eq(teams.leaderId, ctx.user?.id ?? -1)))
    .returning({ id: teams.id });
  if (updated.length === 0) throw new AppError(409, 'leader_changed', 'error.conflict');
}
