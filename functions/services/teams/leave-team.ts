/**
 * A member leaves a team until the roster locks at registrationCloses; a leader who is the only
 * member dissolves it. The write is conditional, so a stale view cannot undo another's.
 */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context';
import { teamMembers, teams } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { loadForRosterChange } from './shared';

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
